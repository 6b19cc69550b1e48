"""Internal powers over people and cars that every unit has: 干部选拔任用 (organs) or 公开招聘
(institutions, enterprises, communities), and 公车使用."""

from __future__ import annotations

from lianjing.powers.demo.roles import (
    CAR_DEPT,
    COMMUNITY,
    COMPANY,
    DEPUTY,
    DRIVER_DESK,
    HR,
    HR_DEPT,
    HR_HEAD,
    INSTITUTION,
    OFFICE_HEAD,
    ORGAN,
    SOE,
    TOP,
    Profile,
)
from lianjing.powers.demo.spec import PowerT, decide, end, hrs, post, start, step, wd


def selection(p: Profile) -> PowerT:
    """干部选拔任用 in an organ (本单位中层干部), following 《党政领导干部选拔任用工作条例》."""
    return PowerT(
        "NB-03",
        "干部选拔任用",
        "internal",
        "对本单位内设机构负责人及职级晋升人选进行动议、民主推荐、考察、讨论决定和任职，坚持"
        f"党管干部原则，由{p.meeting}集体讨论决定，严把政治关、廉洁关。",
        (
            ("党政领导干部选拔任用工作条例", ""),
            ("中华人民共和国公务员法", ""),
            ("公务员职务与职级并行规定", ""),
        ),
        (
            start(
                "motion",
                "分析研判、提出动议",
                HR_HEAD,
                to="plan",
                procedure="结合班子结构和岗位空缺提出启动选拔任用工作的建议和初步人选范围。",
            ),
            step(
                "plan",
                f"{p.meeting}研究确定工作方案",
                (TOP,),
                to="recommend",
                documents="选拔任用工作方案",
            ),
            step(
                "recommend",
                "民主推荐",
                HR,
                to="pick",
                procedure="采取会议推荐和个别谈话推荐相结合的方式进行，推荐结果作为重要参考，"
                "不简单以票取人。",
                documents="民主推荐情况汇总表",
            ),
            step(
                "pick",
                "确定考察对象",
                (TOP,),
                to="inspect",
                procedure=f"{p.meeting}根据推荐情况和岗位要求研究确定考察对象。",
            ),
            step(
                "inspect",
                "组织考察",
                HR,
                to="result",
                limit=wd(15),
                procedure="采取个别谈话、查阅干部档案、核查个人有关事项报告等方式全面考察；书面"
                "征求纪检监察机关关于廉洁自律情况的意见，做到“凡提四必”。",
                responsibility="如实反映考察对象情况，对考察材料的真实性负责。",
                documents="考察材料、廉政意见回复函",
            ),
            decide(
                "result",
                "考察结果",
                HR_HEAD,
                ("符合任职条件", "discuss"),
                ("不符合任职条件", "stopped"),
            ),
            decide(
                "discuss",
                f"{p.meeting}讨论决定",
                (TOP,),
                ("同意", "notice"),
                ("不同意", "stopped"),
                conditions="到会成员超过应到会成员的三分之二，逐个讨论表决，主要负责人末位表态。",
            ),
            step(
                "notice",
                "任职前公示",
                HR,
                to="objection",
                limit=wd(5),
                procedure="在一定范围内公示拟任职人选，公示期不少于五个工作日，受理反映的问题。",
                documents="任前公示",
            ),
            decide(
                "objection",
                "公示结果",
                HR_HEAD,
                ("无影响任职的问题", "appoint"),
                ("反映问题查实影响任职", "stopped"),
            ),
            step(
                "appoint",
                "办理任职手续",
                HR,
                to="done",
                limit=wd(10),
                procedure="印发任职通知，进行任职谈话，按规定实行任职试用期。",
                documents="任职通知",
            ),
            end("done", "任职", HR),
            end("stopped", "终止任用程序", HR),
        ),
        department=HR_DEPT,
        service_target="本单位干部",
        fee="",
    )


_HIRING = {
    INSTITUTION: (
        "工作人员公开招聘",
        (("事业单位人事管理条例", "第八条"), ("事业单位公开招聘人员暂行规定", "")),
        "招聘方案报主管部门审核、人力资源社会保障部门备案",
    ),
    SOE: (
        "员工公开招聘",
        (("中华人民共和国劳动法", ""), ("中华人民共和国劳动合同法", "")),
        "招聘计划报国有资产监督管理机构备案",
    ),
    COMPANY: (
        "员工招聘",
        (("中华人民共和国劳动法", ""), ("中华人民共和国劳动合同法", "")),
        "招聘计划报总经理审定",
    ),
    COMMUNITY: (
        "社区工作者招聘",
        (("中华人民共和国城市居民委员会组织法", ""), ("中华人民共和国劳动合同法", "")),
        "招聘计划报街道办事处审核",
    ),
}


def hiring(p: Profile) -> PowerT:
    """公开招聘 outside the organs: 方案, 公告, 资格审查, 考试, 考察体检, 公示, 聘用."""
    name, bases, filing = _HIRING[p.kind]
    return PowerT(
        "NB-03",
        name,
        "internal",
        f"按照公开、平等、竞争、择优的原则，面向社会公开招聘工作人员；{filing}，招聘全过程接受"
        "监督。",
        bases,
        (
            start(
                "plan",
                "拟定招聘计划和方案",
                HR_HEAD,
                to="approve",
                procedure=f"根据岗位空缺和编制（定员）情况拟定招聘岗位、条件和程序；{filing}。",
                documents="招聘方案",
            ),
            step(
                "approve",
                f"{p.meeting}研究招聘方案",
                (TOP,),
                to="announce",
                responsibility="不得因人设岗、量身定制招聘条件。",
            ),
            step(
                "announce",
                "发布招聘公告",
                HR,
                to="qualify",
                limit=wd(7),
                procedure="公开发布招聘岗位、资格条件、报名方式和考试安排，公告期不少于七个工作日。",
                documents="招聘公告",
            ),
            decide(
                "qualify",
                "资格审查",
                HR,
                ("符合资格条件", "exam"),
                ("不符合资格条件", "rejected"),
                procedure="对照公告条件逐人审查报名材料，审查结果书面留痕。",
            ),
            step(
                "exam",
                "笔试、面试",
                HR,
                to="vet",
                procedure="委托第三方命题、组考，面试考官随机抽取，与考生有利害关系的回避。",
                responsibility="严格执行回避和保密纪律，不得泄露试题、篡改成绩。",
                documents="成绩汇总表",
            ),
            step(
                "vet",
                "考察和体检",
                HR,
                to="publicity",
                limit=wd(15),
                documents="考察材料、体检报告",
            ),
            step(
                "publicity",
                "公示拟聘用人员",
                HR,
                to="objection",
                limit=wd(7),
                procedure="公示拟聘用人员名单，公示期不少于七个工作日。",
            ),
            decide(
                "objection",
                "公示结果",
                HR_HEAD,
                ("无异议", "sign"),
                ("反映问题查实", "rejected"),
            ),
            step(
                "sign",
                "订立聘用（劳动）合同",
                HR,
                to="done",
                limit=wd(30),
                documents="聘用合同或者劳动合同",
            ),
            end("done", "办理入职手续", HR),
            end("rejected", "不予聘用并告知", HR),
        ),
        department=HR_DEPT,
        service_target="社会应聘人员",
        fee="",
    )


def _car_bases(p: Profile) -> tuple[tuple[str, str], ...]:
    if p.kind in (ORGAN, INSTITUTION):
        return (("党政机关公务用车管理办法", ""), ("党政机关厉行节约反对浪费条例", ""))
    if p.kind == SOE:
        return (("国有企业领导人员廉洁从业若干规定", ""), (f"{p.unit_name}公务用车管理办法", ""))
    if p.kind == COMPANY:
        return ((f"{p.unit_name}车辆使用管理制度", ""),)
    return (("中华人民共和国城市居民委员会组织法", ""), ("党政机关厉行节约反对浪费条例", ""))


def car_use(p: Profile) -> PowerT:
    community = p.kind == COMMUNITY
    return PowerT(
        "NB-04",
        "公务出行用车申请" if community else "公务用车使用管理",
        "internal",
        (
            "社区不配备公务用车，因公出行确需用车的，经审批后报街道统筹派车或者按规定报销交通费。"
            if community
            else "对公务用车实行集中管理、统一调度、派车单制度，严禁公车私用、私车公养，每月"
            "公示用车情况。"
        ),
        _car_bases(p),
        (
            start(
                "apply",
                "用车人提出申请",
                DRIVER_DESK,
                to="scope",
                conditions="注明用车事由、时间、地点和人数。",
                documents="用车申请单",
            ),
            decide(
                "scope",
                "是否属于公务用车使用范围",
                OFFICE_HEAD,
                ("符合", "area"),
                ("不符合", "refused"),
                responsibility="严禁公车私用、公车接送上下班、节假日违规使用公车。",
            ),
            decide(
                "area",
                "用车区域",
                DRIVER_DESK,
                ("区（县）内", "office"),
                ("出区（县）", "leader"),
            ),
            step(
                "office",
                "居委会副主任审批" if community else "办公室负责人审批",
                (post("居委会副主任"), *OFFICE_HEAD),
                to="dispatch",
                limit=hrs(4),
            ),
            step(
                "leader",
                "社区党委书记审批" if community else "分管领导审批",
                (TOP,) if community else DEPUTY,
                to="dispatch",
                limit=hrs(8),
            ),
            step(
                "dispatch",
                "报街道统筹派车" if community else "统一调度派车",
                DRIVER_DESK,
                to="drive",
                procedure="填写派车单，登记出车时间、事由和驾驶人员。",
                documents="派车单",
            ),
            step(
                "drive",
                "出车执行",
                DRIVER_DESK,
                to="back",
                procedure="按批准路线行驶，车载卫星定位全程记录行驶轨迹。",
            ),
            step(
                "back",
                "回场登记、核算费用",
                DRIVER_DESK,
                to="done",
                limit=wd(1),
                procedure="登记回场时间和里程，单车核算燃油、通行和维修费用。",
                documents="车辆使用登记台账",
            ),
            end("done", "归档并按月公示", OFFICE_HEAD),
            end("refused", "不予派车", OFFICE_HEAD),
        ),
        department=CAR_DEPT,
        service_target="本单位干部职工",
        fee="",
    )
