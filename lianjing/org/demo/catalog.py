"""The shape of a demo district: the kinds of post (岗位), office (处/科/股室) and unit a Chinese
district or county has, with duties written the way a 岗位职责 sheet states them.

Templates are formatted with the district's context: {d} the district (锦华区), {q} 区 or 县,
{city} its city, {unit} the unit, {dept} the office, {s1}…{s4} its streets or towns, {top} the
title of the unit's head. The planner (`plan`) turns them into units, offices and posts."""

from __future__ import annotations

from dataclasses import dataclass

LEAD, HR, FIN, LIC, PEN = "leadership", "personnel", "finance", "licensing", "penalty"


@dataclass(frozen=True)
class PostT:
    """A post. `multi` posts are the ones a unit has several of (科员, 民警, 护士): they fill the
    unit up to its size and some are staffed by two or three people."""

    name: str
    duties: str
    rank: str = "staff"
    kinds: tuple[str, ...] = ()
    multi: bool = False
    female: float = 0.45


@dataclass(frozen=True)
class DeptT:
    """An office. Its head is "{name}{head}" (预算科科长), its deputy "{name}副{head}"."""

    name: str
    function: str  # what the office does, as a clause: "组织编制部门预算……"
    posts: tuple[PostT, ...] = ()
    head: str = ""
    kinds: tuple[str, ...] = ()
    weight: int = 1
    deputy: bool = False
    children: tuple[DeptT, ...] = ()

    @property
    def head_title(self) -> str:
        if self.head:
            return self.head
        for suffix, title in _HEAD_TITLES:
            if self.name.endswith(suffix):
                return title
        return "负责人"


_HEAD_TITLES = [
    ("检察部", "主任"),
    ("护理部", "主任"),
    ("人力资源部", "主任"),
    ("大队", "大队长"),
    ("中队", "中队长"),
    ("队", "队长"),
    ("派出所", "所长"),
    ("所", "所长"),
    ("庭", "庭长"),
    ("科", "科长"),
    ("股", "股长"),
    ("局", "局长"),
    ("组", "组长"),
    ("部", "部长"),
    ("室", "主任"),
    ("中心", "主任"),
    ("处", "主任"),
    ("站", "站长"),
    ("院", "院长"),
    ("馆", "馆长"),
]


@dataclass(frozen=True)
class LeaderT:
    """A leader post of a unit. Deputies with `in_charge` take offices in their charge (分管)."""

    name: str
    rank: str
    duties: str = ""
    female: float = 0.2
    in_charge: bool = True


@dataclass(frozen=True)
class UnitSpec:
    key: str
    name: str
    short: str
    kind: str
    weight: int  # about how many posts the unit has
    top: LeaderT
    deputies: tuple[LeaderT, ...]
    departments: tuple[DeptT, ...] = ()
    unit_posts: tuple[PostT, ...] = ()
    level: str = "county"
    parent: str = ""  # key of the parent unit ("" = the district)
    top_short: str = ""  # "局长": how deputies refer to the head
    county_name: str = ""  # the name in a 县 when it differs
    head_rank: str = "deputy_section"
    deputy_head_rank: str = "staff"
    staff_rank: str = "staff"


TOP_DUTIES = (
    "主持{unit}全面工作，是本单位党风廉政建设第一责任人。坚持“三重一大”事项集体决策，对重大"
    "事项决策、重要干部任免、重大项目安排和大额度资金使用负总责。"
)
DEPUTY_DUTIES = (
    "协助{top}工作，分管{areas}。履行分管领域党风廉政建设“一岗双责”，对分管范围内的廉政风险"
    "防控负重要领导责任。"
)
HEAD_DUTIES = "主持{dept}全面工作，{function}。对本科室党风廉政建设和廉政风险防控负直接领导责任。"
DEPUTY_HEAD_DUTIES = "协助{head}做好{dept}工作，{function}。{head}不在时主持{dept}日常工作。"
GENERIC_DUTIES = (
    "在{dept}{head}领导下承担{dept}日常业务工作，参与{task}。按规定做好业务台账、统计报表"
    "和资料归档。"
)


DISCIPLINE_DUTIES = (
    "负责{unit}纪检监察工作，监督检查领导班子和干部落实全面从严治党责任，受理问题线索并按规定处置。"
)
ARMED_DUTIES = "负责{unit}人民武装工作，组织民兵整组训练、征兵和国防动员。"


def leaders(
    top: str,
    deputy: str,
    count: int,
    *,
    top_rank: str = "section",
    deputy_rank: str = "deputy_section",
    extra: tuple[LeaderT, ...] = (),
) -> tuple[LeaderT, tuple[LeaderT, ...]]:
    deputies = tuple(LeaderT(deputy, deputy_rank, DEPUTY_DUTIES) for _ in range(count))
    return LeaderT(top, top_rank, TOP_DUTIES, female=0.15), deputies + extra


def P(name: str, duties: str, rank: str = "staff", *kinds: str, **options: object) -> PostT:
    return PostT(name, duties, rank, kinds, **options)  # type: ignore[arg-type]


# --- offices every organ has ----------------------------------------------------------------------

CLERK = P(
    "科员", "承担{dept}日常业务和综合事务，按规定办理有关事项，做好资料登记和归档。", multi=True
)


def office(*extra: PostT, name: str = "办公室") -> DeptT:
    return DeptT(
        name,
        "负责机关文电、会务、机要保密、信息、督查督办、档案和后勤保障工作",
        (
            P("文秘", "负责起草综合性文稿和工作总结，办理公文收发、登记、流转和归档。"),
            P(
                "档案管理员",
                "负责文书档案的收集、整理、保管和利用，做好档案数字化和保密管理。",
                "clerk",
                female=0.7,
            ),
            P(
                "后勤保障岗",
                "负责办公用房、公务用车和办公用品管理，办理固定资产登记和日常维修。",
                "staff",
                FIN,
            ),
            *extra,
            CLERK,
        ),
        deputy=True,
    )


def finance_office(name: str = "计划财务科") -> DeptT:
    return DeptT(
        name,
        "负责单位预决算编制、财务核算、国有资产管理和政府采购工作",
        (
            P(
                "会计",
                "负责会计核算和账务处理，审核原始凭证，编制会计报表和部门决算。",
                "staff",
                FIN,
                female=0.7,
            ),
            P(
                "出纳",
                "负责现金和银行存款收付，登记日记账，办理公务卡报销和资金结算，做到日清月结。",
                "clerk",
                FIN,
                female=0.75,
            ),
            P(
                "政府采购经办",
                "按照政府采购法规办理本单位采购计划申报、采购文件编制和合同备案，组织履约验收。",
                "staff",
                FIN,
            ),
            P(
                "资产管理员",
                "负责固定资产登记、清查、调拨和处置报批，维护资产管理信息系统。",
                "staff",
                FIN,
            ),
        ),
        kinds=(FIN,),
    )


def personnel_office(name: str = "人事科") -> DeptT:
    return DeptT(
        name,
        "负责机关和所属单位的干部人事、机构编制、教育培训、工资福利和离退休人员管理",
        (
            P(
                "人事专员",
                "负责干部考核、职务职级晋升和人事档案管理，办理人员调配、招录和退休手续。",
                "staff",
                HR,
            ),
            P(
                "工资福利岗",
                "负责工资核定、社会保险和住房公积金缴存，审核各类津补贴发放。",
                "staff",
                HR,
                FIN,
                female=0.65,
            ),
        ),
        kinds=(HR,),
    )


def law_office(name: str = "政策法规科") -> DeptT:
    return DeptT(
        name,
        "负责规范性文件合法性审查、重大执法决定法制审核、行政复议应诉和普法宣传",
        (
            P(
                "法制审核员",
                "负责重大行政执法决定法制审核和规范性文件合法性审查，承办行政复议和行政应诉事务。",
                "staff",
                PEN,
            ),
        ),
    )


def enforcement(name: str, area: str, *, squads: int = 0, weight: int = 3) -> DeptT:
    """A 执法大队: field enforcement with on-site inspection and penalties (行政处罚)."""
    member = P(
        "执法队员",
        f"依法开展{area}日常巡查和监督检查，调查取证、制作执法文书。对违法行为提出处罚建议，"
        "执法全过程记录，严格执行裁量权基准。",
        "staff",
        PEN,
        multi=True,
        female=0.25,
    )
    children = tuple(
        DeptT(
            f"第{'一二三四五六'[i]}中队",
            f"负责片区内{area}执法检查和案件查处",
            (member,),
            kinds=(PEN,),
        )
        for i in range(squads)
    )
    return DeptT(
        name,
        f"负责{area}领域行政执法、案件查处和行政处罚决定的执行",
        (
            P(
                "案件审核员",
                "负责执法案卷审核和处罚决定书制作，跟踪罚没款缴纳，落实处罚决定公示。",
                "staff",
                PEN,
            ),
            member,
        ),
        kinds=(PEN,),
        weight=weight,
        deputy=True,
        children=children,
    )


def licensing(name: str, area: str, *, clerk: str = "许可审批员", weight: int = 1) -> DeptT:
    """An office that grants permits (行政许可)."""
    return DeptT(
        name,
        f"负责{area}的受理、审查和决定，按法定时限办结并公开办理结果",
        (
            P(
                clerk,
                f"负责{area}申请的受理和材料审查，组织现场核查，按法定时限提出审批意见。"
                "严禁超时限、超范围审批。",
                "staff",
                LIC,
                multi=True,
            ),
        ),
        kinds=(LIC,),
        weight=weight,
    )


def procurement() -> PostT:
    return P(
        "招投标管理员",
        "负责项目招标方案审核、招标文件备案和开评标现场监督，受理投标异议。",
        "staff",
        FIN,
    )


def business(
    name: str, function: str, *posts: PostT, weight: int = 1, kinds: tuple[str, ...] = ()
) -> DeptT:
    return DeptT(name, function, (*posts, CLERK), kinds=kinds, weight=weight)
