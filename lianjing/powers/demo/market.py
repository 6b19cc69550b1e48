"""区市场监督管理局: licences (食品经营许可 in two versions, 个体工商户登记, 特种设备使用登记),
“双随机、一公开” inspections and 查封、扣押; the penalties are in `market_penalties`."""

from __future__ import annotations

import datetime

from lianjing.powers.demo.market_penalties import CASE_AUDITOR, ENFORCER, PENALTIES, SQUAD_LEADER
from lianjing.powers.demo.procedures import inspection_flow, licence_flow
from lianjing.powers.demo.spec import (
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
    hrs,
    in_charge,
    other,
    post,
    start,
    step,
    wd,
)

FOOD_SAFETY_LAW = "中华人民共和国食品安全法"
FOOD_WINDOW = (post("食品经营许可审查员"),)
FOOD_LEADER = (in_charge("食品经营监督管理科"), deputy(0))
FOOD_CONDITIONS = (
    "具有与经营的食品品种、数量相适应的食品原料处理、加工、销售、贮存等场所；具有相应的设备"
    "设施；有专职或者兼职的食品安全管理人员和保证食品安全的规章制度；具有合理的设备布局和工艺"
    "流程。"
)
FOOD_CONTENT = (
    "对在本辖区从事食品销售和餐饮服务活动的申请人核发食品经营许可证。销售食用农产品和仅销售"
    "预包装食品的不需要取得许可，仅销售预包装食品的实行备案。"
)

FOOD_LICENCE_2023 = PowerT(
    "XK-001",
    "食品经营许可",
    "licensing",
    FOOD_CONTENT,
    ((FOOD_SAFETY_LAW, "第三十五条"), ("食品经营许可管理办法", "")),
    licence_flow(
        subject="食品经营许可",
        window=FOOD_WINDOW,
        reviewer=FOOD_WINDOW,
        approver=FOOD_LEADER,
        conditions=FOOD_CONDITIONS,
        certificate="食品经营许可证",
        review=wd(10),
        decide_in=wd(5),
        site=(post("市场监管员", "太平市场监管所"),),
        site_limit=wd(5),
        site_text="对经营场所、设备设施、布局流程和食品安全管理制度进行现场核查。",
    ),
    department=(dept("食品经营监督管理科"),),
    service_target="公民、法人和其他组织",
    limit=wd(20),
    effective_year=2023,
    published_on=datetime.date(2023, 3, 15),
    is_current=False,
)

# the 2026 version follows 《食品经营许可和备案管理办法》: ten working days, on-site checks
# only where the application calls for them
FOOD_LICENCE = PowerT(
    "XK-001",
    "食品经营许可",
    "licensing",
    FOOD_CONTENT + "申请人承诺符合条件的，可以先予许可、事后核查。",
    (
        (FOOD_SAFETY_LAW, "第三十五条"),
        ("中华人民共和国行政许可法", ""),
        ("食品经营许可和备案管理办法", ""),
    ),
    licence_flow(
        subject="食品经营许可",
        window=FOOD_WINDOW,
        reviewer=FOOD_WINDOW,
        approver=FOOD_LEADER,
        conditions=FOOD_CONDITIONS,
        certificate="食品经营许可证",
        review=wd(5),
        decide_in=wd(3),
    ),
    department=(dept("食品经营监督管理科"),),
    service_target="公民、法人和其他组织",
    limit=wd(10),
    version_no=2,
)

SOLE_TRADER = PowerT(
    "XK-002",
    "个体工商户登记",
    "licensing",
    "办理个体工商户设立、变更、注销登记，核发营业执照。申请材料齐全、符合法定形式的当场登记；"
    "不能当场登记的，在三个工作日内予以登记。",
    (
        ("促进个体工商户发展条例", ""),
        ("中华人民共和国市场主体登记管理条例", ""),
        ("中华人民共和国市场主体登记管理条例实施细则", ""),
    ),
    (
        start(
            "apply",
            "申请人提交登记申请",
            (post("登记注册审核员"),),
            to="accept",
            procedure="通过全程电子化登记平台或者登记窗口提交申请，申请人对材料的真实性负责。",
        ),
        step(
            "accept",
            "形式审查",
            (post("登记注册审核员"),),
            to="complete",
            limit=hrs(4),
            procedure="对申请材料进行形式审查，不得要求申请人提交法律法规规定以外的材料。",
            responsibility="一次性告知，不得刁难申请人，不得为中介机构介绍业务。",
        ),
        decide(
            "complete",
            "材料是否齐全、符合法定形式",
            (post("登记注册审核员"),),
            ("齐全且符合法定形式", "register"),
            ("需补正", "amend"),
            ("不属于登记范围", "refused"),
        ),
        step(
            "amend",
            "一次性告知补正",
            (post("登记注册审核员"),),
            to="accept",
            limit=wd(3),
            documents="补正通知书",
        ),
        step(
            "register",
            "予以登记、核发营业执照",
            (head("登记注册科"),),
            to="done",
            limit=wd(3),
            procedure="当场登记；不能当场登记的在三个工作日内登记，同步推送相关部门。",
            documents="营业执照",
        ),
        end("done", "办结", (post("登记注册审核员"),)),
        end("refused", "不予登记并说明理由", (head("登记注册科"),)),
    ),
    department=(dept("登记注册科"),),
    service_target="有经营能力的公民",
    limit=wd(3),
)

SPECIAL_EQUIPMENT = PowerT(
    "XK-003",
    "特种设备使用登记",
    "licensing",
    "对锅炉、压力容器、电梯、起重机械、场（厂）内专用机动车辆等特种设备办理使用登记，核发"
    "特种设备使用登记证。",
    (
        ("中华人民共和国特种设备安全法", "第三十三条"),
        ("特种设备安全监察条例", ""),
        ("特种设备使用管理规则（TSG 08）", ""),
    ),
    licence_flow(
        subject="特种设备使用登记",
        window=(post("特种设备安全监察科科员"),),
        reviewer=(post("特种设备监察员"),),
        approver=(head("特种设备安全监察科"),),
        conditions="特种设备经监督检验合格，使用单位配备安全管理人员和持证作业人员，建立安全"
        "技术档案。",
        certificate="特种设备使用登记证",
        review=wd(10),
        decide_in=wd(3),
    ),
    department=(dept("特种设备安全监察科"),),
    service_target="特种设备使用单位",
    limit=wd(15),
)

RANDOM_CHECKS = PowerT(
    "JC-001",
    "市场主体“双随机、一公开”抽查",
    "inspection",
    "随机抽取检查对象、随机选派执法检查人员，对市场主体的登记事项、公示信息、食品安全、产品"
    "质量等实施抽查，抽查情况和查处结果及时向社会公开。",
    (
        ("国务院关于在市场监管领域全面推行部门联合“双随机、一公开”监管的意见", ""),
        ("企业信息公示暂行条例", ""),
        (FOOD_SAFETY_LAW, "第一百一十条"),
    ),
    inspection_flow(
        planner=(head("信用监督管理科"),),
        inspector=(post("市场监管员", "太平市场监管所"), post("市场监管员")),
        approver=(in_charge("信用监督管理科"), deputy(2)),
        subject="市场主体",
    ),
    department=(dept("信用监督管理科"),),
    service_target="辖区内市场主体",
)

SEIZE_VIOLATION = "涉嫌不符合食品安全标准的食品、原料及有关工具、设备和经营场所"
SEIZE_BASIS = "《中华人民共和国行政强制法》第二十五条"

SEIZURE = PowerT(
    "QZ-001",
    "查封、扣押",
    "enforcement",
    "对有证据证明不符合食品安全标准或者有证据证明存在安全隐患以及用于违法生产经营的食品、"
    "工具、设备，以及违法从事生产经营活动的场所，依法实施查封、扣押。",
    (
        (FOOD_SAFETY_LAW, "第一百一十条"),
        ("中华人民共和国行政强制法", "第十八条、第二十四条、第二十五条"),
    ),
    (
        start(
            "found",
            "发现涉嫌违法物品或者场所",
            ENFORCER,
            to="report",
            procedure="执法检查或者案件调查中发现需要查封、扣押的物品、场所。",
        ),
        step(
            "report",
            "报告并报请批准",
            ENFORCER,
            to="approved",
            limit=hrs(24),
            procedure="实施前向机关负责人报告并经批准；情况紧急需要当场实施的，在二十四小时内"
            "向机关负责人报告并补办批准手续。",
        ),
        decide(
            "approved",
            "负责人是否批准",
            SQUAD_LEADER,
            ("批准", "seize"),
            ("不予批准", "none"),
            responsibility="审查采取强制措施的必要性，不得滥用行政强制。",
        ),
        end("none", "不采取强制措施（已当场实施的立即解除）", ENFORCER),
        step(
            "seize",
            "实施查封、扣押",
            ENFORCER,
            to="outcome",
            procedure="两名以上执法人员实施，出示执法证件，通知当事人到场，当场告知理由、依据和"
            "当事人依法享有的权利，听取陈述和申辩，制作现场笔录；当场交付查封、扣押决定书和"
            "清单。",
            responsibility="不得查封、扣押与违法行为无关的财物；妥善保管查封、扣押物品，不得"
            "使用或者损毁。",
            documents="查封（扣押）决定书、查封（扣押）物品清单、现场笔录",
        ),
        decide(
            "outcome",
            "查明事实后处理",
            SQUAD_LEADER,
            ("违法事实成立", "confiscate"),
            ("不再需要查封、扣押", "release"),
            ("情况复杂需要延长", "extend"),
            limit=cd(30),
            conditions="查封、扣押期限不得超过三十日；检测、检验、检疫或者技术鉴定的期间不计入。",
        ),
        step(
            "extend",
            "经负责人批准延长期限",
            SQUAD_LEADER,
            to="outcome",
            limit=cd(30),
            procedure="延长期限不得超过三十日，书面告知当事人并说明理由。",
            documents="延长查封（扣押）期限决定书",
        ),
        step(
            "confiscate",
            "依法没收或者销毁",
            ENFORCER,
            to="done",
            procedure="依法作出没收决定；对不符合食品安全标准的食品监督销毁，全程记录。",
            documents="没收物品处理记录",
        ),
        step(
            "release",
            "解除查封、扣押",
            ENFORCER,
            to="done",
            procedure="及时作出解除决定，退还财物；已将鲜活物品或者不易保管的财物拍卖或者变卖"
            "的，退还所得款项。",
            documents="解除查封（扣押）决定书",
        ),
        end("done", "结案归档", CASE_AUDITOR),
    ),
    department=(dept("综合行政执法大队"),),
    service_target="食品生产经营者",
    limit=cd(30),
    benchmarks=(
        other(
            SEIZE_VIOLATION,
            "责令暂停销售",
            MINOR,
            "不采取查封、扣押措施，责令暂停销售并限期改正",
            "涉案食品数量少、风险低，当事人积极配合调查并能够保证不转移、不销售的。",
            "《中华人民共和国行政强制法》第五条",
        ),
        *grades(
            SEIZE_VIOLATION,
            "查封、扣押期限",
            "日",
            SEIZE_BASIS,
            (ORDINARY, 1, 10, "案情简单，涉案物品检验检测可以在短期内完成的。"),
            (SERIOUS, 10, 30, "涉案物品数量较大或者需要检验检测、技术鉴定的。"),
            (
                GRAVE,
                30,
                60,
                "情况复杂、三十日内不能查清，经机关负责人批准延长的（延长不超过三十日）。",
            ),
        ),
    ),
)

POWERS: tuple[PowerT, ...] = (
    FOOD_LICENCE_2023,
    FOOD_LICENCE,
    SOLE_TRADER,
    SPECIAL_EQUIPMENT,
    *PENALTIES,
    RANDOM_CHECKS,
    SEIZURE,
)
