"""Streets (towns in a county), communities (villages) and the "两新" organisation."""

from __future__ import annotations

from lianjing.org.demo.catalog import (
    ARMED_DUTIES,
    CLERK,
    DEPUTY_DUTIES,
    DISCIPLINE_DUTIES,
    FIN,
    HR,
    LIC,
    TOP_DUTIES,
    DeptT,
    LeaderT,
    P,
    UnitSpec,
    business,
    enforcement,
)

# --- streets (towns) and communities (villages) --------------------------------------------------

_STREET_DEPTS = (
    DeptT(
        "党政办公室",
        "负责文电会务、督查督办、机关后勤和信息报送",
        (P("文秘", "负责公文处理、会议记录和综合文稿。"), CLERK),
        deputy=True,
    ),
    business(
        "党建工作办公室",
        "负责基层党组织建设、党员管理和干部人事",
        P("组织干事", "负责党员发展、党组织换届和干部档案管理。", "staff", HR),
    ),
    business(
        "社区发展治理办公室",
        "负责社区治理、城乡社区建设和社区资金管理",
        P("社区保障资金管理员", "负责社区保障资金和激励资金的审核拨付。", "staff", FIN),
    ),
    business(
        "社会事务办公室",
        "负责民政救助、残疾人、养老和退役军人服务",
        P("社会救助专干", "负责低保、特困和临时救助的受理、调查和公示。", "staff", FIN),
    ),
    business("平安建设办公室", "负责综治维稳、矛盾纠纷调解和应急管理"),
    enforcement("综合行政执法队", "街道（乡镇）综合执法", weight=2),
    DeptT(
        "财政所",
        "负责街道（乡镇）财政预决算、会计核算和村（社区）财务代理",
        (
            P(
                "会计",
                "负责街道本级和代理的村（社区）会计核算，审核支出票据。",
                "staff",
                FIN,
                female=0.7,
            ),
            P("出纳", "负责资金收付和银行对账。", "clerk", FIN, female=0.75),
            P("政府采购经办", "负责街道（乡镇）采购事项申报和合同备案。", "staff", FIN),
        ),
        kinds=(FIN,),
        head="所长",
    ),
    DeptT(
        "便民服务中心",
        "负责政务服务事项受理和代办",
        (
            P(
                "窗口受理员",
                "负责便民服务事项受理、代办和跟踪反馈。",
                "clerk",
                multi=True,
                female=0.7,
            ),
        ),
        head="主任",
    ),
)

STREET_SPEC = UnitSpec(
    "street",
    "{d}{s}街道办事处",
    "{s}街道",
    "government",
    55,
    LeaderT("党工委书记", "section", TOP_DUTIES, 0.15),
    (
        LeaderT("党工委副书记、办事处主任", "section", DEPUTY_DUTIES, 0.2),
        LeaderT("党工委副书记", "deputy_section", DEPUTY_DUTIES, 0.3),
        LeaderT(
            "党工委委员、纪工委书记", "deputy_section", DISCIPLINE_DUTIES, 0.3, in_charge=False
        ),
        LeaderT("办事处副主任", "deputy_section", DEPUTY_DUTIES, 0.3),
        LeaderT("办事处副主任", "deputy_section", DEPUTY_DUTIES, 0.3),
        LeaderT("人武部部长", "deputy_section", ARMED_DUTIES, 0.05, in_charge=False),
    ),
    departments=_STREET_DEPTS,
    level="township",
    top_short="书记",
    head_rank="staff",
)
TOWN_SPEC = UnitSpec(
    "town",
    "{d}{s}镇人民政府",
    "{s}镇",
    "government",
    55,
    LeaderT("镇党委书记", "section", TOP_DUTIES, 0.15),
    (
        LeaderT("镇党委副书记、镇长", "section", DEPUTY_DUTIES, 0.2),
        LeaderT("镇党委副书记", "deputy_section", DEPUTY_DUTIES, 0.3),
        LeaderT(
            "镇党委委员、镇纪委书记", "deputy_section", DISCIPLINE_DUTIES, 0.3, in_charge=False
        ),
        LeaderT("副镇长", "deputy_section", DEPUTY_DUTIES, 0.3),
        LeaderT("副镇长", "deputy_section", DEPUTY_DUTIES, 0.3),
        LeaderT("人武部部长", "deputy_section", ARMED_DUTIES, 0.05, in_charge=False),
    ),
    departments=(
        *_STREET_DEPTS[:5],
        business(
            "村镇建设办公室",
            "负责村镇规划建设、农村建房审批和人居环境",
            P("农村建房审批员", "负责农村宅基地和建房申请的审查、现场踏勘和公示。", "staff", LIC),
        ),
        business(
            "农业服务中心",
            "负责农技推广、动物防疫和惠农政策落实",
            P("惠农补贴核查员", "负责耕地地力保护补贴等惠农资金面积核实和公示。", "staff", FIN),
        ),
        *_STREET_DEPTS[5:],
    ),
    level="township",
    top_short="书记",
    head_rank="staff",
)

COMMUNITY_SPEC = UnitSpec(
    "community",
    "{s}街道{c}社区",
    "{c}社区",
    "village",
    10,
    LeaderT("社区党委书记、居委会主任", "clerk", TOP_DUTIES, 0.45),
    (
        LeaderT("社区党委副书记", "clerk", DEPUTY_DUTIES, 0.55),
        LeaderT("居委会副主任", "clerk", DEPUTY_DUTIES, 0.6),
    ),
    unit_posts=(
        P(
            "社区报账员",
            "负责社区经费报账、票据整理和公示，资金支出按规定审批。",
            "clerk",
            FIN,
            female=0.8,
        ),
        P(
            "居务监督委员会主任",
            "负责监督居务公开、社区资金使用和重大事项决策程序。",
            "clerk",
            female=0.4,
        ),
        P(
            "社区专职工作者",
            "负责社区服务、政策宣传和居民事务代办，参与社区治理。",
            "clerk",
            multi=True,
            female=0.7,
        ),
        P(
            "网格员",
            "负责网格内人口信息采集、矛盾纠纷排查和安全隐患巡查上报。",
            "clerk",
            multi=True,
            female=0.55,
        ),
    ),
    level="village",
    top_short="书记",
)
VILLAGE_SPEC = UnitSpec(
    "village",
    "{s}镇{c}村",
    "{c}村",
    "village",
    10,
    LeaderT("村党委书记、村委会主任", "clerk", TOP_DUTIES, 0.1),
    (
        LeaderT("村党委副书记", "clerk", DEPUTY_DUTIES, 0.3),
        LeaderT("村委会副主任", "clerk", DEPUTY_DUTIES, 0.4),
    ),
    unit_posts=(
        P("村报账员", "负责村级资金报账、集体资产登记和“三资”公开。", "clerk", FIN, female=0.6),
        P(
            "村务监督委员会主任",
            "负责监督村务公开、集体“三资”管理和工程项目实施。",
            "clerk",
            female=0.2,
        ),
        P(
            "村专职干部",
            "负责村民事务代办、政策宣传和村级公共服务。",
            "clerk",
            multi=True,
            female=0.45,
        ),
        P(
            "网格员",
            "负责网格内人口信息采集、矛盾纠纷排查和安全隐患巡查上报。",
            "clerk",
            multi=True,
            female=0.45,
        ),
    ),
    level="village",
    top_short="书记",
)

NEW_ORG_SPEC = UnitSpec(
    "new_org",
    "{n}有限公司",
    "{n}",
    "new_org",
    15,
    LeaderT("党支部书记、董事长", "clerk", TOP_DUTIES, 0.2),
    (LeaderT("总经理", "clerk", DEPUTY_DUTIES, 0.3),),
    departments=(
        DeptT(
            "综合办公室",
            "负责行政人事和党建工作",
            (P("人事专员", "负责员工招聘、劳动合同和社保缴纳。", "clerk", HR, female=0.6),),
            head="主任",
        ),
        DeptT(
            "财务部",
            "负责财务核算和资金管理",
            (
                P("会计", "负责会计核算和纳税申报。", "clerk", FIN, female=0.75),
                P("出纳", "负责资金收付。", "clerk", FIN, female=0.8),
            ),
            head="经理",
            kinds=(FIN,),
        ),
        DeptT(
            "采购部",
            "负责原材料和设备采购",
            (P("采购专员", "负责供应商比价、采购合同签订和到货验收。", "clerk", FIN, multi=True),),
            head="经理",
            kinds=(FIN,),
        ),
        DeptT(
            "生产部",
            "负责生产组织和质量控制",
            (P("生产主管", "负责生产计划执行和质量检验。", "clerk", multi=True),),
            head="经理",
            weight=2,
        ),
    ),
    head_rank="clerk",
    deputy_head_rank="clerk",
    staff_rank="clerk",
    top_short="董事长",
)
