"""区交通运输局: 交通建设项目招标投标监督, 道路货物运输经营许可, 超限运输处罚 with its
benchmark, and a draft 超限运输许可."""

from __future__ import annotations

from lianjing.powers.demo.procedures import licence_flow, penalty_flow
from lianjing.powers.demo.spec import (
    DRAFT,
    GRAVE,
    MINOR,
    ORDINARY,
    SERIOUS,
    PowerT,
    cd,
    decide,
    dept,
    deputy,
    end,
    grades,
    head,
    in_charge,
    other,
    post,
    start,
    step,
    wd,
)

TENDER_LAW = "中华人民共和国招标投标法"
ROAD_REGULATION = "中华人民共和国道路运输条例"
HIGHWAY_REGULATION = "公路安全保护条例"
OVERLOAD_RULES = ("超限运输车辆行驶公路管理规定", "")

TENDER_CLERK = (post("招投标管理员"),)
WORKS_HEAD = (head("规划建设科"),)
PERMIT_CLERK = (post("运输许可审核员"),)
ENFORCER = (post("执法队员", "交通运输综合行政执法大队"),)
SQUAD_LEADER = (in_charge("交通运输综合行政执法大队"), deputy(1))

TENDER_SUPERVISION = PowerT(
    "QT-001",
    "交通建设项目招标投标监督",
    "other",
    "对本级公路、水运等交通建设项目的招标投标活动实施监督：招标文件备案审查、开标评标现场监督、"
    "受理投诉并依法处理、招标投标情况书面报告备案。",
    (
        (TENDER_LAW, "第七条、第四十七条"),
        ("中华人民共和国招标投标法实施条例", ""),
        ("公路工程建设项目招标投标管理办法", ""),
    ),
    (
        start(
            "submit",
            "招标人报送招标文件备案",
            TENDER_CLERK,
            to="review",
            documents="招标文件、资格预审文件",
        ),
        step(
            "review",
            "审查招标文件",
            TENDER_CLERK,
            to="fair",
            limit=wd(5),
            procedure="审查资格条件、评标办法和合同条款，重点审查有无以不合理条件限制、排斥潜在"
            "投标人。",
            responsibility="不得指定或者暗示招标人选择特定投标人，不得泄露应当保密的信息。",
        ),
        decide(
            "fair",
            "是否存在限制、排斥潜在投标人的内容",
            WORKS_HEAD,
            ("未发现问题", "supervise"),
            ("存在问题", "rectify"),
        ),
        step(
            "rectify",
            "责令招标人修改招标文件",
            TENDER_CLERK,
            to="review",
            limit=wd(3),
            documents="招标文件修改通知",
        ),
        step(
            "supervise",
            "开标、评标现场监督",
            TENDER_CLERK,
            to="publicity",
            procedure="监督评标专家随机抽取和评标过程，发现围标串标、评标专家违规评审等情形的"
            "及时制止并记录。",
            responsibility="监督人员不得干预评标专家独立评审。",
            documents="开评标监督记录",
        ),
        step(
            "publicity",
            "中标候选人公示",
            TENDER_CLERK,
            to="complaint",
            limit=cd(3),
            procedure="督促招标人自收到评标报告之日起三日内公示中标候选人，公示期不得少于三日。",
        ),
        decide(
            "complaint",
            "是否收到投诉",
            WORKS_HEAD,
            ("未收到投诉", "report"),
            ("收到投诉", "investigate"),
        ),
        step(
            "investigate",
            "调查处理投诉",
            (in_charge("规划建设科"), deputy(0)),
            to="report",
            limit=wd(30),
            procedure="自收到投诉之日起三个工作日内决定是否受理，自受理之日起三十个工作日内作出"
            "书面处理决定；必要时责令暂停招标投标活动。",
            documents="投诉处理决定书",
        ),
        step(
            "report",
            "招标投标情况书面报告备案",
            TENDER_CLERK,
            to="done",
            limit=cd(15),
            procedure="招标人自确定中标人之日起十五日内提交招标投标情况的书面报告。",
            documents="招标投标情况书面报告",
        ),
        end("done", "监督资料归档", TENDER_CLERK),
    ),
    department=(dept("规划建设科"),),
    service_target="交通建设项目招标人、投标人",
)

FREIGHT_LICENCE = PowerT(
    "XK-001",
    "道路货物运输经营许可",
    "licensing",
    "对使用总质量4500千克以上普通货运车辆从事道路普通货物运输经营的申请人进行审查，核发道路"
    "运输经营许可证，并为其车辆配发道路运输证。",
    ((ROAD_REGULATION, ""), ("道路货物运输及站场管理规定", "")),
    licence_flow(
        subject="道路货物运输经营许可",
        window=PERMIT_CLERK,
        reviewer=PERMIT_CLERK,
        approver=(in_charge("运输管理科"), deputy(0)),
        conditions="有与其经营业务相适应并经检测合格的车辆；有取得相应从业资格证的驾驶人员；有"
        "健全的安全生产管理制度。",
        certificate="道路运输经营许可证、道路运输证",
        review=wd(10),
        decide_in=wd(3),
    ),
    department=(dept("运输管理科"),),
    service_target="道路货物运输经营申请人",
    limit=cd(20),
)

OVERLOAD = "车货总质量超过限定标准"
OVERLOAD_BASIS = "《公路安全保护条例》第六十四条"

OVERLOAD_PENALTY = PowerT(
    "CF-001",
    "对车辆违法超限运输的处罚",
    "penalty",
    "对在公路上行驶的车辆，车货总体的外廓尺寸、轴荷或者总质量超过公路、公路桥梁、公路隧道限定"
    "标准的，责令改正，可以处3万元以下的罚款。",
    ((HIGHWAY_REGULATION, "第六十四条"), OVERLOAD_RULES, ("中华人民共和国公路法", "")),
    penalty_flow(
        investigator=ENFORCER,
        reviewer=(head("交通运输综合行政执法大队"),),
        legal=(post("案件审核员", "交通运输综合行政执法大队"),),
        approver=SQUAD_LEADER,
        file_in=wd(7),
        evidence="称重检测单、现场照片和视频、询问笔录",
    ),
    department=(dept("交通运输综合行政执法大队"),),
    service_target="道路运输车辆所有人、驾驶人",
    limit=cd(90),
    benchmarks=(
        other(
            OVERLOAD,
            "警告",
            MINOR,
            "予以警告，责令自行卸载、分装",
            "车货总质量超过限定标准不足1000千克的。",
            OVERLOAD_BASIS,
        ),
        *grades(
            OVERLOAD,
            "罚款",
            "元",
            OVERLOAD_BASIS,
            (ORDINARY, 500, 5000, "超限1000千克以上不足10000千克，按每超1000千克罚款500元计算。"),
            (SERIOUS, 5000, 15000, "超限10000千克以上不足30000千克的。"),
            (GRAVE, 15000, 30000, "超限30000千克以上，或者一年内违法超限运输三次以上的。"),
        ),
    ),
)

OVERSIZE_PERMIT = PowerT(
    "XK-002",
    "超限运输车辆行驶公路许可",
    "licensing",
    "对确需在本行政区域内县道、乡道上进行超限运输的车辆进行审查，核发超限运输车辆通行证，"
    "必要时要求承运人采取加固、改造措施。",
    (("中华人民共和国公路法", "第五十条"), (HIGHWAY_REGULATION, ""), OVERLOAD_RULES),
    licence_flow(
        subject="超限运输许可",
        window=PERMIT_CLERK,
        reviewer=(head("公路养护科"),),
        approver=(in_charge("公路养护科"), deputy(2)),
        conditions="载运不可解体物品；通行路线的桥梁、隧道经验算能够承载；承运人承诺采取相应"
        "安全防护措施。",
        certificate="超限运输车辆通行证",
        review=wd(3),
        decide_in=wd(2),
        site=(post("公路养护科科员"),),
        site_limit=wd(2),
        site_text="勘测通行路线，核查桥梁、隧道的承载能力和需要采取的加固措施。",
    ),
    department=(dept("公路养护科"),),
    service_target="大件运输承运人",
    limit=wd(5),
    status=DRAFT,
    published_on=None,
)

POWERS: tuple[PowerT, ...] = (
    TENDER_SUPERVISION,
    FREIGHT_LICENCE,
    OVERLOAD_PENALTY,
    OVERSIZE_PERMIT,
)
