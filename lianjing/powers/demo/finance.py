"""区财政局: 财政专项资金分配, 政府采购监督管理 (采购方式变更审批, 投诉处理, a penalty on
false bids with its benchmark) and 国库集中支付."""

from __future__ import annotations

from lianjing.powers.demo.procedures import licence_flow, penalty_flow
from lianjing.powers.demo.spec import (
    GRAVE,
    ORDINARY,
    SERIOUS,
    TOP,
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

BUDGET_LAW = "中华人民共和国预算法"
PROCUREMENT_LAW = "中华人民共和国政府采购法"
PROCUREMENT_REGULATION = ("中华人民共和国政府采购法实施条例", "")

FUND_CLERK = (post("专项资金管理岗"),)
FUND_HEAD = (head("经济建设科"),)
PERFORMANCE = (head("绩效管理科"),)
PROCUREMENT_HEAD = (head("政府采购监督管理科"),)
PROCUREMENT_LEADER = (in_charge("政府采购监督管理科"), deputy(2))
COMPLAINTS = (post("采购投诉处理岗"),)
TREASURY_CLERK = (post("国库支付岗"),)

SPECIAL_FUNDS = PowerT(
    "QT-001",
    "财政专项资金分配",
    "other",
    "对上级转移支付和本级预算安排的专项资金，按照因素法或者项目法提出分配方案，经集体研究后"
    "下达，分配结果按规定公开，资金使用实行全过程绩效管理。",
    (
        (BUDGET_LAW, ""),
        ("中华人民共和国预算法实施条例", ""),
        ("项目支出绩效评价管理办法", ""),
    ),
    (
        start(
            "guide",
            "发布申报指南",
            FUND_HEAD,
            to="collect",
            procedure="公开专项资金的支持方向、申报条件、分配方式和申报时限。",
            documents="专项资金申报指南",
        ),
        step(
            "collect",
            "受理项目申报",
            FUND_CLERK,
            to="check",
            limit=wd(20),
            procedure="受理项目单位经主管部门初审后报送的申报材料。",
        ),
        decide(
            "check",
            "申报材料审核",
            FUND_CLERK,
            ("符合申报条件", "evaluate"),
            ("需补充完善", "supplement"),
            ("不符合申报条件", "rejected"),
            responsibility="如实审核，不得为申报单位包装项目、虚报材料提供便利。",
        ),
        step(
            "supplement",
            "通知补充完善材料",
            FUND_CLERK,
            to="collect",
            limit=wd(5),
        ),
        step(
            "evaluate",
            "绩效目标审核和专家评审",
            PERFORMANCE,
            to="plan",
            limit=wd(10),
            procedure="审核绩效目标的合理性，随机抽取专家进行评审，评审结果作为分配依据。",
            responsibility="专家与申报单位有利害关系的应当回避。",
            documents="专家评审意见",
        ),
        step(
            "plan",
            "拟定分配方案",
            FUND_HEAD,
            to="meeting",
            limit=wd(5),
            conditions="按照因素法或者项目法测算，不得擅自改变资金用途和支持方向。",
            documents="资金分配方案",
        ),
        decide(
            "meeting",
            "党组会议集体研究",
            (TOP,),
            ("同意", "publicity"),
            ("不同意，重新拟定", "plan"),
            responsibility="大额资金分配严格执行“三重一大”集体决策。",
        ),
        step(
            "publicity",
            "分配结果公示",
            FUND_CLERK,
            to="issue",
            limit=wd(5),
        ),
        step(
            "issue",
            "下达资金指标",
            FUND_HEAD,
            to="track",
            limit=wd(10),
            documents="资金指标文件",
        ),
        step(
            "track",
            "资金使用监管和绩效评价",
            PERFORMANCE,
            to="done",
            procedure="跟踪资金拨付和项目实施进度，开展绩效评价，评价结果与以后年度分配挂钩。",
            documents="绩效评价报告",
        ),
        end("done", "资料归档", FUND_CLERK),
        end("rejected", "不予安排并告知理由", FUND_CLERK),
    ),
    department=(dept("经济建设科"),),
    service_target="区级预算单位、项目单位",
)

METHOD_CHANGE = PowerT(
    "XK-001",
    "政府采购方式变更审批",
    "licensing",
    "对本级预算单位达到公开招标数额标准、因特殊情况需要采用公开招标以外采购方式的申请进行审批；"
    "拟采用单一来源方式的，先行公示。",
    (
        (PROCUREMENT_LAW, "第二十七条"),
        PROCUREMENT_REGULATION,
        ("政府采购非招标采购方式管理办法", ""),
    ),
    licence_flow(
        subject="采购方式变更",
        window=(post("采购方式审批岗"),),
        reviewer=(post("采购方式审批岗"),),
        approver=PROCUREMENT_LEADER,
        conditions="采购活动开始前提出，经主管预算单位同意；变更理由符合竞争性谈判、单一来源、"
        "询价等方式的法定适用情形。",
        certificate="采购方式变更批复",
        review=wd(5),
        decide_in=wd(3),
        site=PROCUREMENT_HEAD,
        site_limit=wd(5),
        site_name="组织专业人员论证并公示",
        site_text="拟采用单一来源方式的，组织专业人员论证，并在指定媒体公示，公示期不少于五个"
        "工作日。",
        site_duty="论证人员与采购人、供应商有利害关系的应当回避，如实出具论证意见。",
        issue_name="印发批复并公开",
    ),
    department=(dept("政府采购监督管理科"),),
    service_target="区级预算单位",
)

COMPLAINT_HANDLING = PowerT(
    "CJ-001",
    "政府采购投诉处理",
    "adjudication",
    "对供应商就采购文件、采购过程和中标、成交结果提起的投诉进行调查处理，自收到投诉之日起"
    "三十个工作日内作出处理决定；必要时暂停采购活动，暂停时间最长不超过三十日。",
    ((PROCUREMENT_LAW, "第五十五条、第五十六条、第五十七条"), ("政府采购质疑和投诉办法", "")),
    (
        start(
            "lodge",
            "供应商提起投诉",
            COMPLAINTS,
            to="admit",
            conditions="已依法提出质疑，对质疑答复不满意或者采购人、代理机构未在规定时间内答复。",
            documents="投诉书",
        ),
        decide(
            "admit",
            "投诉是否符合受理条件",
            COMPLAINTS,
            ("符合", "accept"),
            ("投诉书需补正", "amend"),
            ("不符合", "refused"),
            limit=wd(5),
        ),
        step(
            "amend",
            "告知补正投诉书",
            COMPLAINTS,
            to="admit",
            procedure="书面告知投诉人修改补充的内容和期限，逾期未补正的视同撤回投诉。",
        ),
        step(
            "accept",
            "受理并送达投诉书副本",
            COMPLAINTS,
            to="inquire",
            procedure="向被投诉人和与投诉事项有关的供应商发送投诉答复通知书及投诉书副本。",
            documents="投诉答复通知书",
        ),
        step(
            "inquire",
            "调查取证",
            COMPLAINTS,
            to="merits",
            procedure="以书面审查为主，必要时进行调查取证或者组织质证；认为有必要的，书面通知"
            "暂停采购活动。",
            responsibility="与投诉人、被投诉人有利害关系的应当回避，不得私下接触当事人。",
        ),
        decide(
            "merits",
            "投诉事项是否成立",
            PROCUREMENT_HEAD,
            ("成立", "uphold"),
            ("不成立或者缺乏事实依据", "dismiss"),
        ),
        step(
            "uphold",
            "作出处理决定",
            PROCUREMENT_LEADER,
            to="serve",
            procedure="根据情形责令重新开展采购活动、认定中标或者成交结果无效、责令重新签订合同"
            "等。",
            documents="投诉处理决定书",
        ),
        step(
            "dismiss",
            "驳回投诉",
            PROCUREMENT_LEADER,
            to="serve",
            documents="投诉处理决定书",
        ),
        step(
            "serve",
            "送达处理决定并公告",
            COMPLAINTS,
            to="done",
            procedure="将处理决定书送达投诉人和与投诉事项有关的当事人，并在指定媒体公告。",
        ),
        end("done", "结案归档", COMPLAINTS),
        end("refused", "不予受理并书面告知理由", COMPLAINTS),
    ),
    department=(dept("政府采购监督管理科"),),
    service_target="参加政府采购活动的供应商",
    limit=wd(30),
)

TREASURY_PAYMENT = PowerT(
    "QT-002",
    "国库集中支付",
    "other",
    "对预算单位的财政性资金支出，根据批复的部门预算和用款计划，通过国库单一账户体系直接支付"
    "或者授权支付到收款人。",
    ((BUDGET_LAW, "第六十一条"), ("中华人民共和国预算法实施条例", "")),
    (
        start(
            "request",
            "预算单位提交支付申请",
            TREASURY_CLERK,
            to="check",
            documents="财政资金支付申请",
        ),
        step(
            "check",
            "审核支付申请",
            TREASURY_CLERK,
            to="valid",
            limit=wd(1),
            procedure="核对预算指标、用款计划、资金用途和收款人信息。",
            responsibility="严格按预算和用款计划支付，不得无预算、超预算拨款。",
        ),
        decide(
            "valid",
            "是否符合预算和用款计划",
            TREASURY_CLERK,
            ("符合", "route"),
            ("不符合，退回修改", "back"),
        ),
        step("back", "退回预算单位修改", TREASURY_CLERK, to="check", limit=wd(1)),
        decide(
            "route",
            "支付方式",
            (head("国库科"),),
            ("财政直接支付", "direct"),
            ("财政授权支付", "authorised"),
        ),
        step(
            "direct",
            "开具支付指令",
            TREASURY_CLERK,
            to="clear",
            limit=wd(1),
            documents="财政直接支付凭证",
        ),
        step(
            "authorised",
            "下达授权支付额度",
            TREASURY_CLERK,
            to="clear",
            limit=wd(1),
            procedure="预算单位在额度内自行开具支付指令。",
            documents="授权支付额度通知单",
        ),
        step(
            "clear",
            "代理银行支付并与国库单一账户清算",
            (post("国库科科员"),),
            to="done",
            limit=wd(1),
        ),
        end("done", "会计核算和对账", (post("国库科副科长"), head("国库科"))),
    ),
    department=(dept("国库科"),),
    service_target="区级预算单位",
)

FALSE_BID = "供应商提供虚假材料谋取中标、成交"
FALSE_BID_BASIS = "《中华人民共和国政府采购法》第七十七条"

FALSE_BID_PENALTY = PowerT(
    "CF-001",
    "对供应商提供虚假材料谋取中标、成交的处罚",
    "penalty",
    "对供应商提供虚假材料谋取中标、成交的，处以采购金额千分之五以上千分之十以下的罚款，列入"
    "不良行为记录名单，在一至三年内禁止参加政府采购活动；有违法所得的，并处没收违法所得。",
    ((PROCUREMENT_LAW, "第七十七条"), PROCUREMENT_REGULATION),
    penalty_flow(
        investigator=COMPLAINTS,
        reviewer=PROCUREMENT_HEAD,
        legal=(post("法制审核员"), dept("办公室")),
        approver=PROCUREMENT_LEADER,
    ),
    department=(dept("政府采购监督管理科"),),
    service_target="参加政府采购活动的供应商",
    limit=cd(90),
    benchmarks=(
        *grades(
            FALSE_BID,
            "罚款（占采购金额比例）",
            "‰",
            FALSE_BID_BASIS,
            (ORDINARY, 5, "6.5", "虚假材料未实际影响评审结果，主动说明情况的。"),
            (SERIOUS, "6.5", "8.5", "虚假材料影响评审结果，已中标、成交的。"),
            (GRAVE, "8.5", 10, "伪造资质证书、业绩，或者两年内再次提供虚假材料的。"),
        ),
        *grades(
            FALSE_BID,
            "禁止参加政府采购活动",
            "个月",
            FALSE_BID_BASIS,
            (ORDINARY, 12, 18, "虚假材料未实际影响评审结果的。"),
            (SERIOUS, 18, 30, "已中标、成交的。"),
            (GRAVE, 30, 36, "伪造资质证书、业绩，或者两年内再次违法的。"),
        ),
        other(
            FALSE_BID,
            "吊销营业执照",
            GRAVE,
            "移送市场监督管理部门依法吊销营业执照",
            "情节严重，造成采购项目重大损失或者恶劣社会影响的。",
            FALSE_BID_BASIS,
        ),
    ),
)

POWERS: tuple[PowerT, ...] = (
    SPECIAL_FUNDS,
    METHOD_CHANGE,
    COMPLAINT_HANDLING,
    TREASURY_PAYMENT,
    FALSE_BID_PENALTY,
)
