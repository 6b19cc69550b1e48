"""Who handles the internal powers (内部管理) in a unit of any shape, as chains of picks that
end with something every unit has, and the profile of a unit that decides how its internal
powers read (a bureau, an institution, a state-owned enterprise, a company, a community)."""

from __future__ import annotations

from dataclasses import dataclass

from lianjing.powers.demo.spec import (
    STAFF,
    TOP,
    Handlers,
    dept,
    dept_like,
    deputy,
    head,
    head_like,
    in_charge,
    key_post,
    post,
)

ORGAN, INSTITUTION, SOE, COMPANY, COMMUNITY = "organ", "institution", "soe", "company", "community"

_OFFICE_NAMES = ("办公室", "院办公室", "校长办公室", "综合办公室", "党政办公室", "综合部", "综合科")
_HR_NAMES = ("人事科", "政治处", "政治部", "人力资源部", "党群人力部", "干部科", "组织部")

OFFICE_DEPT: Handlers = (*(dept(n) for n in _OFFICE_NAMES), dept("秘书科"))
OFFICE_HEAD: Handlers = (*(head(n) for n in _OFFICE_NAMES), head("秘书科"), deputy(0), TOP)
OFFICE: Handlers = (*OFFICE_DEPT, STAFF, TOP)

FINANCE_DEPT: Handlers = (dept_like("财务"), dept("财政所"), dept("警务保障室"), *OFFICE_DEPT)
ACCOUNTANT: Handlers = (
    post("会计"),
    post("社区报账员"),
    post("出纳"),
    key_post("finance"),
    STAFF,
    TOP,
)
CASHIER: Handlers = (
    post("出纳"),
    post("社区报账员"),
    post("会计"),
    key_post("finance"),
    STAFF,
    TOP,
)
FINANCE_HEAD: Handlers = (
    head_like("财务"),
    head("财政所"),
    head("警务保障室"),
    post("居务监督委员会主任"),
    *OFFICE_HEAD,
)
FINANCE_LEADER: Handlers = (
    in_charge("财务"),
    in_charge("财政所"),
    in_charge("警务保障室"),
    in_charge("办公室"),
    deputy(0),
    TOP,
)

PURCHASE_DEPT: Handlers = (dept("设备物资科"), dept("采购部"), dept("成本合约部"), *FINANCE_DEPT)
BUYER: Handlers = (
    post("政府采购经办"),
    post("采购专员"),
    post("招标采购专员"),
    post("设备采购员"),
    post("装备采购管理岗"),
    post("资产管理员"),
    post("后勤保障岗"),
    post("社区报账员"),
    key_post("finance"),
    STAFF,
    TOP,
)
KEEPER: Handlers = (
    post("资产管理员"),
    post("库房管理员"),
    post("校产管理员"),
    post("资产处置专员"),
    post("后勤保障岗"),
    post("居委会副主任"),
    STAFF,
    TOP,
)

HR_DEPT: Handlers = (*(dept(n) for n in _HR_NAMES), dept("党建工作办公室"), *OFFICE_DEPT)
HR: Handlers = (
    post("人事专员"),
    post("人力资源专员"),
    post("干部管理岗"),
    post("干部考察员"),
    post("组织干事"),
    key_post("personnel"),
    *OFFICE_HEAD,
)
HR_HEAD: Handlers = (
    *(head(n) for n in _HR_NAMES),
    head("党建工作办公室"),
    post("社区党委副书记"),
    *OFFICE_HEAD,
)

CAR_DEPT: Handlers = (dept("机关事务科"), *OFFICE_DEPT)
DRIVER_DESK: Handlers = (
    post("公务用车管理岗"),
    post("后勤保障岗"),
    post("社区专职工作者"),
    *OFFICE_HEAD,
)

LEGAL: Handlers = (
    post("法制审核员"),
    dept("政策法规科"),
    dept("法制科"),
    dept("法制大队"),
    dept("行政复议与应诉科"),
    dept("法规审理科"),
    dept("审计法务部"),
    dept("风控审计部"),
    *OFFICE_DEPT,
    STAFF,
    TOP,
)
DEPUTY: Handlers = (deputy(0), TOP)


@dataclass(frozen=True)
class Profile:
    """How a unit's internal powers read: its kind of organisation, the body that decides
    collectively (党组会议, 党委会议, 社区“两委”联席会议…) and its own name (a company's
    internal rules carry it)."""

    kind: str
    unit_name: str
    meeting: str


_KINDS = {"institution": INSTITUTION, "soe": SOE, "new_org": COMPANY, "village": COMMUNITY}


def profile(unit_kind: str, unit_name: str, top_post: str) -> Profile:
    kind = _KINDS.get(unit_kind, ORGAN)
    return Profile(kind, unit_name, _meeting(kind, top_post))


def _meeting(kind: str, top_post: str) -> str:
    if kind == COMMUNITY:
        return "社区“两委”联席会议"
    if kind == SOE:
        return "党委会前置研究、董事会"
    if kind == COMPANY:
        return "董事会"
    for marker, meeting in (
        ("党组", "党组会议"),
        ("党工委", "党工委会议"),
        ("党委", "党委会议"),
        ("党支部", "支部委员会会议"),
        ("纪委", "常委会会议"),
        ("政法委", "委务会议"),
        ("部长", "部务会议"),
        ("办公室主任", "室务会议"),
        ("组长", "组务会议"),
        ("主任", "主任办公会议"),
    ):
        if marker in top_post:
            return meeting
    return "领导班子会议"
