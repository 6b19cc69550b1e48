"""Internal powers over money that every unit has: 财务报销 and 物资采购, worded for the kind
of unit (a bureau follows the government procurement law, a state-owned enterprise the tendering
law, a community reports to its street)."""

from __future__ import annotations

from lianjing.powers.demo.roles import (
    ACCOUNTANT,
    BUYER,
    CASHIER,
    COMMUNITY,
    COMPANY,
    FINANCE_DEPT,
    FINANCE_HEAD,
    FINANCE_LEADER,
    INSTITUTION,
    KEEPER,
    ORGAN,
    PURCHASE_DEPT,
    SOE,
    TOP,
    Profile,
)
from lianjing.powers.demo.spec import PowerT, cd, decide, end, start, step, wd

ACCOUNTING_LAW = ("中华人民共和国会计法", "")
INTERNAL_CONTROL = ("行政事业单位内部控制规范（试行）", "")
ENTERPRISE_CONTROL = ("企业内部控制基本规范", "")
RESIDENTS_LAW = ("中华人民共和国城市居民委员会组织法", "")

_EXPENSE_BASES = {
    ORGAN: (ACCOUNTING_LAW, INTERNAL_CONTROL, ("党政机关厉行节约反对浪费条例", "")),
    INSTITUTION: (ACCOUNTING_LAW, INTERNAL_CONTROL, ("事业单位财务规则", "")),
    SOE: (ACCOUNTING_LAW, ENTERPRISE_CONTROL, ("企业财务通则", "")),
    COMPANY: (ACCOUNTING_LAW, ENTERPRISE_CONTROL),
    COMMUNITY: (ACCOUNTING_LAW, RESIDENTS_LAW),
}
_LARGE = {
    ORGAN: "5000元",
    INSTITUTION: "1万元",
    SOE: "5万元",
    COMPANY: "2万元",
    COMMUNITY: "2000元",
}


def expense(p: Profile) -> PowerT:
    limit = _LARGE[p.kind]
    community = p.kind == COMMUNITY
    return PowerT(
        "NB-01",
        "财务报销审批",
        "internal",
        f"对本单位差旅费、会议费、培训费、公务接待费、办公费等支出的报销进行审核审批。单笔{limit}"
        f"以上的由主要负责人审批；大额资金使用按“三重一大”规定由{p.meeting}集体决定。",
        _EXPENSE_BASES[p.kind],
        (
            start(
                "submit",
                "经办人提交报销单据",
                ACCOUNTANT,
                to="check",
                conditions="原始票据真实合法，附审批单、合同、验收单等支撑材料；公务卡结算的附"
                "消费凭证。",
                documents="报销单、原始票据",
            ),
            step(
                "check",
                "财务初审",
                ACCOUNTANT,
                to="valid",
                limit=wd(2),
                procedure="审核票据真实性、合规性，核对预算指标、开支标准和审批手续。",
                responsibility="严格执行开支标准，对不真实、不合法的原始凭证不予受理。",
            ),
            decide(
                "valid",
                "单据是否合规",
                ACCOUNTANT,
                ("合规", "review"),
                ("需补正", "amend"),
            ),
            step(
                "amend",
                "退回经办人补正",
                ACCOUNTANT,
                to="check",
                limit=wd(5),
                procedure="一次性告知需要补正的票据和手续，补正后重新初审。",
            ),
            step(
                "review",
                "财务负责人审核",
                FINANCE_HEAD,
                to="amount",
                limit=wd(2),
                responsibility="审核支出的真实性、合规性和预算执行情况，对审核意见负责。",
            ),
            decide(
                "amount",
                "报销金额",
                FINANCE_HEAD,
                (f"{limit}以下", "leader"),
                (f"{limit}以上", "chief"),
            ),
            step(
                "leader",
                "分管领导审批" if not community else "社区党委副书记审批",
                FINANCE_LEADER,
                to="pay",
                limit=wd(2),
                responsibility="在授权额度内审批，不得拆分报销规避审批。",
            ),
            step(
                "chief",
                "主要负责人审批",
                (TOP,),
                to="pay",
                limit=wd(3),
                responsibility="主要负责人不直接分管财务，对大额支出审批把关；属于“三重一大”事项"
                "的，提交集体决策后审批。",
            ),
            step(
                "pay",
                "出纳支付" if not community else "报街道财政所代理支付",
                CASHIER,
                to="book",
                limit=wd(3),
                procedure="通过国库集中支付、公务卡或银行转账支付，原则上不使用现金。"
                if not community
                else "社区报账员凭审批手续报街道财政所（“居财街管”）审核后支付。",
                responsibility="核对审批手续完整后付款，不得坐支现金。",
            ),
            step(
                "book",
                "记账并归档凭证",
                ACCOUNTANT,
                to="done",
                limit=wd(5),
                documents="记账凭证",
            ),
            end("done", "报销办结", ACCOUNTANT),
        ),
        department=FINANCE_DEPT,
        service_target="本单位干部职工" if not community else "社区工作人员",
        fee="",
    )


_PURCHASE_BASES = {
    ORGAN: (
        ("中华人民共和国政府采购法", ""),
        ("中华人民共和国政府采购法实施条例", ""),
        INTERNAL_CONTROL,
    ),
    INSTITUTION: (
        ("中华人民共和国政府采购法", ""),
        ("中华人民共和国政府采购法实施条例", ""),
        INTERNAL_CONTROL,
    ),
    SOE: (
        ("中华人民共和国招标投标法", ""),
        ("中华人民共和国招标投标法实施条例", ""),
        ("必须招标的工程项目规定", ""),
    ),
    COMPANY: (("中华人民共和国民法典", "第三编 合同"), ENTERPRISE_CONTROL),
    COMMUNITY: (RESIDENTS_LAW, ("中华人民共和国民法典", "第三编 合同")),
}
# (the branch to the formal route, its step; the branch to the simple route, its step)
_ROUTES = {
    ORGAN: (
        "集中采购目录以内或限额标准以上",
        "委托采购代理机构按政府采购程序采购",
        "分散采购限额标准以下",
        "单位内部询价比选（不少于三家）",
    ),
    SOE: (
        "达到依法必须招标规模标准",
        "依法组织公开招标",
        "未达到依法必须招标规模标准",
        "竞争性比选或询价采购",
    ),
    COMPANY: ("单笔5万元以上", "组织招标或竞争性谈判", "单笔5万元以下", "三家以上比价采购"),
    COMMUNITY: (
        "单笔2000元以上",
        "报街道办事处审核后采购",
        "单笔2000元以下",
        "三家比价、居务监督委员会监督采购",
    ),
}


def purchase(p: Profile) -> PowerT:
    formal_label, formal, simple_label, simple = _ROUTES.get(p.kind, _ROUTES[ORGAN])
    public = p.kind in (ORGAN, INSTITUTION)
    return PowerT(
        "NB-02",
        "物资采购",
        "internal",
        "对本单位办公设备、办公用品、专用物资和服务的采购进行计划、审批、实施和验收管理，"
        "采购需求、执行、验收相分离。"
        + ("纳入集中采购目录或达到限额标准的依法实行政府采购。" if public else ""),
        _PURCHASE_BASES[p.kind],
        (
            start(
                "need",
                "使用部门提出采购需求",
                BUYER,
                to="plan",
                conditions="需求明确、合理，符合资产配置标准，不得指定品牌或者供应商。",
                documents="采购申请表",
            ),
            step(
                "plan",
                "编制采购计划、核实预算",
                BUYER,
                to="budget",
                limit=wd(3),
                procedure="汇总采购需求，核实预算指标和资产存量，编制采购计划。",
                documents="采购计划",
            ),
            decide(
                "budget",
                "是否有预算安排",
                FINANCE_HEAD,
                ("已安排预算", "route"),
                ("需调整预算", "adjust"),
            ),
            step(
                "adjust",
                "按程序调整预算",
                FINANCE_HEAD,
                to="plan",
                limit=wd(10),
                procedure="确需追加的，按预算调剂程序报批后重新编制采购计划；无法调剂的，撤回采购"
                "申请。",
            ),
            decide(
                "route", "确定采购方式", BUYER, (formal_label, "formal"), (simple_label, "simple")
            ),
            step(
                "formal",
                formal,
                (TOP,) if p.kind == COMMUNITY else BUYER,
                to="approve",
                procedure="编制采购文件，依法发布采购公告，组织评审，确定中标、成交供应商并公告结果。"
                if p.kind != COMMUNITY
                else "报街道办事处审核同意后按规定方式采购。",
                responsibility="不得将应当公开招标的项目化整为零或者以其他方式规避公开招标。",
            ),
            step(
                "simple",
                simple,
                BUYER,
                to="approve",
                limit=wd(10),
                procedure="向不少于三家供应商询价，比质比价，如实记录询价过程。",
                responsibility="不得与供应商串通，不得收受供应商财物。",
                documents="询价记录",
            ),
            step(
                "approve",
                "分管领导审批采购结果",
                FINANCE_LEADER,
                to="contract",
                limit=wd(3),
            ),
            step(
                "contract",
                "签订采购合同",
                BUYER,
                to="accept",
                limit=cd(30),
                procedure="自中标、成交通知书发出之日起三十日内按照采购文件确定的事项签订合同。",
                documents="采购合同",
            ),
            step(
                "accept",
                "履约验收、入库登记",
                KEEPER,
                to="pay",
                limit=wd(5),
                procedure="组织不少于两人的验收小组（采购经办人不得担任验收负责人）验收，登记资产"
                "卡片。",
                responsibility="如实验收，不得降低标准验收或者出具虚假验收意见。",
                documents="验收单、入库单",
            ),
            step(
                "pay",
                "按合同支付资金",
                CASHIER,
                to="done",
                limit=wd(10),
            ),
            end("done", "采购资料归档", BUYER),
        ),
        department=PURCHASE_DEPT,
        service_target="本单位各部门",
        fee="",
    )
