"""The statutory procedures that many powers share, as flow builders: 行政许可 (受理 → 补正 →
审查 → 决定 → 送达, 《中华人民共和国行政许可法》), 行政处罚 (立案 → 调查 → 审核 → 告知 → 听证 →
决定 → 送达执行, 《中华人民共和国行政处罚法》) and 监督检查 with 整改 and 复查. The sector
catalogues fill in who handles each step in their unit and the time limits of their own laws."""

from __future__ import annotations

from lianjing.powers.demo.spec import (
    Handlers,
    Limit,
    StepT,
    cd,
    decide,
    end,
    start,
    step,
    wd,
)

LICENCE_ACCEPT = (
    "申请事项依法不需要取得行政许可或者不属于本机关职权范围的，即时告知申请人；申请材料存在"
    "可以当场更正的错误的，允许当场更正。依照《中华人民共和国行政许可法》第三十二条，申请材料"
    "不齐全或者不符合法定形式的，当场或者在五日内一次告知申请人需要补正的全部内容。"
)
WINDOW_DUTY = (
    "对申请材料进行形式审查，一次性告知补正内容；不得要求申请人提交与许可事项无关的材料，"
    "不得索取、收受申请人财物。"
)
REVIEW_DUTY = (
    "依法审查申请材料的实质内容，不得擅自增设或者减少许可条件；与申请人有利害关系的应当回避。"
)
DECIDE_DUTY = "审核审查意见，在法定期限内作出决定，对决定的合法性、适当性负责。"


def licence_flow(
    *,
    subject: str,
    window: Handlers,
    reviewer: Handlers,
    approver: Handlers,
    conditions: str,
    certificate: str,
    review: Limit,
    decide_in: Limit,
    site: Handlers = (),
    site_limit: Limit | None = None,
    site_name: str = "现场核查",
    site_text: str = "",
    site_duty: str = "两名以上人员共同核查，如实记录，不得接受被核查单位宴请和礼品。",
    issue_name: str = "颁发证件并公开",
) -> tuple[StepT, ...]:
    """受理 with a 补正 loop, 审查 (and 现场核查 when `site`), 准予 or 不予许可, 制证公开."""
    steps = [
        start(
            "apply",
            f"申请人提交{subject}申请",
            window,
            to="accept",
            procedure="申请人通过政务服务网或者政务服务窗口提交申请材料，对材料的真实性负责。",
        ),
        step(
            "accept",
            "窗口受理",
            window,
            to="complete",
            limit=wd(1),
            procedure=LICENCE_ACCEPT,
            responsibility=WINDOW_DUTY,
            documents="受理通知书或者不予受理决定书",
        ),
        decide(
            "complete",
            "材料是否齐全、符合法定形式",
            window,
            ("材料齐全", "review"),
            ("需补正", "amend"),
        ),
        step(
            "amend",
            "一次性告知补正材料",
            window,
            to="accept",
            limit=wd(5),
            procedure="出具补正材料通知书，载明需要补正的全部内容；申请人补正后重新受理。逾期不"
            "告知的，自收到申请材料之日起即为受理。",
            documents="补正材料通知书",
        ),
        step(
            "review",
            "审查",
            reviewer,
            to="site" if site else "check",
            limit=review,
            conditions=conditions,
            procedure="对申请材料的实质内容进行审查；需要对实质内容进行核实的，指派两名以上"
            "工作人员进行核查，提出审查意见。",
            responsibility=REVIEW_DUTY,
            documents="审查意见表",
        ),
    ]
    if site:
        steps.append(
            step(
                "site",
                site_name,
                site,
                to="check",
                limit=site_limit,
                procedure=site_text,
                responsibility=site_duty,
                documents="现场核查记录",
            )
        )
    steps += [
        decide("check", "是否符合许可条件", reviewer, ("符合", "grant"), ("不符合", "refuse")),
        step(
            "grant",
            "作出准予许可决定",
            approver,
            to="issue",
            limit=decide_in,
            responsibility=DECIDE_DUTY,
            documents="准予行政许可决定书",
        ),
        step(
            "refuse",
            "作出不予许可决定",
            approver,
            to="done",
            limit=decide_in,
            procedure="书面说明理由，并告知申请人享有依法申请行政复议或者提起行政诉讼的权利。",
            responsibility=DECIDE_DUTY,
            documents="不予行政许可决定书",
        ),
        step(
            "issue",
            issue_name,
            window,
            to="done",
            limit=wd(10),
            procedure="自作出准予许可决定之日起十日内向申请人颁发、送达许可证件或者批准文书，并"
            "在政府网站公开许可结果，接受社会监督。",
            documents=certificate,
        ),
        end("done", "办结归档", window),
    ]
    return tuple(steps)


FILE_IN = wd(15)  # 自发现线索之日起十五个工作日内决定是否立案
RECTIFY_IN = cd(30)

PENALTY_INQUIRY = (
    "执法人员不少于两人，出示执法证件，全面、客观、公正地调查，收集、调取证据；证据可能灭失或者"
    "以后难以取得的，经负责人批准可以先行登记保存。执法全过程记录。"
)
PENALTY_DUTY = (
    "如实调查取证，不得隐瞒、伪造证据；与当事人有直接利害关系的应当回避；不得接受当事人宴请、"
    "礼品礼金，不得通风报信。"
)
PENALTY_DECIDE = (
    "对调查结果进行审查，严格适用裁量权基准：违法行为轻微并及时改正、没有造成危害后果的，不予"
    "行政处罚；对情节复杂或者重大违法行为给予行政处罚的，由机关负责人集体讨论决定。"
)


def penalty_flow(
    *,
    investigator: Handlers,
    reviewer: Handlers,
    legal: Handlers,
    approver: Handlers,
    file_in: Limit = FILE_IN,
    evidence: str = "现场笔录、询问笔录、检查记录和证据材料",
) -> tuple[StepT, ...]:
    """The general procedure of 《中华人民共和国行政处罚法》: 立案 (or not), 调查取证, 法制审核,
    告知 and 听证 when asked, 决定, 送达执行, 结案."""
    return (
        start(
            "clue",
            "案件线索登记",
            investigator,
            to="verify",
            procedure="对监督检查发现、投诉举报、上级交办和其他机关移送的违法线索逐一登记。",
            documents="案件线索登记表",
        ),
        step(
            "verify",
            "核查线索、报请立案",
            investigator,
            to="file",
            limit=file_in,
            procedure="对线索进行核查，认为有违法事实、依法应当给予行政处罚且属于本机关管辖的，"
            "填写立案审批表报机关负责人审批。",
            documents="立案审批表",
        ),
        decide(
            "file",
            "是否立案",
            approver,
            ("予以立案", "inquire"),
            ("不予立案", "dropped"),
            responsibility="依法审批立案，不得压案不查、选择性执法。",
        ),
        end("dropped", "不予立案并告知线索来源", investigator),
        step(
            "inquire",
            "调查取证",
            investigator,
            to="audit",
            procedure=PENALTY_INQUIRY,
            responsibility=PENALTY_DUTY,
            documents=evidence,
        ),
        step(
            "audit",
            "案件审核与法制审核",
            legal,
            to="notify",
            limit=wd(5),
            procedure="审核执法主体、管辖、事实证据、定性、法律适用、程序和裁量基准适用；重大"
            "执法决定未经法制审核或者审核未通过的，不得作出决定。",
            responsibility="独立提出审核意见，对审核意见负责。",
            documents="法制审核意见书",
        ),
        step(
            "notify",
            "告知拟处罚决定",
            reviewer,
            to="hearing",
            procedure="书面告知当事人拟作出的行政处罚内容及事实、理由、依据，并告知其依法享有"
            "陈述、申辩、要求听证等权利；充分听取当事人意见，不得因当事人申辩而加重处罚。",
            documents="行政处罚告知书、陈述申辩笔录",
        ),
        decide(
            "hearing",
            "当事人是否要求听证",
            reviewer,
            ("要求听证", "hear"),
            ("不要求听证", "decide"),
            limit=wd(5),
            conditions="拟作出较大数额罚款、没收较大数额违法所得、吊销许可证件等决定的，当事人"
            "可以在被告知后五日内提出听证要求。",
        ),
        step(
            "hear",
            "组织听证",
            legal,
            to="decide",
            procedure="在举行听证的七日前通知当事人听证的时间、地点；听证由非本案调查人员主持，"
            "公开举行（涉及国家秘密、商业秘密或者个人隐私的除外），制作听证笔录。",
            documents="听证通知书、听证笔录",
        ),
        step(
            "decide",
            "负责人审查决定",
            approver,
            to="serve",
            procedure=PENALTY_DECIDE,
            responsibility="对处罚决定的合法性、适当性负责，不得擅自变更裁量阶次。",
            documents="行政处罚决定书（或不予行政处罚决定书）",
        ),
        step(
            "serve",
            "送达并执行",
            investigator,
            to="close",
            limit=cd(7),
            procedure="决定书当场交付当事人；当事人不在场的，在七日内依照民事诉讼法的有关规定"
            "送达。督促当事人自收到决定书之日起十五日内缴纳罚款，依法公示处罚决定。",
            documents="送达回证、罚没款缴纳凭证",
        ),
        end("close", "结案归档", reviewer),
    )


def inspection_flow(
    *,
    planner: Handlers,
    inspector: Handlers,
    approver: Handlers,
    subject: str,
    rectify_in: Limit = RECTIFY_IN,
    check_text: str = "",
    publish_text: str = "",
) -> tuple[StepT, ...]:
    """监督检查: 计划, 随机抽取, 检查, then 整改 and 复查 (back to 整改 until fixed, or 立案查处
    for a refusal)."""
    return (
        start(
            "plan",
            "制定检查计划",
            planner,
            to="draw",
            procedure=f"根据{subject}风险等级和信用状况确定检查比例和频次，报分管领导审定后公布。",
            documents="年度监督检查计划",
        ),
        step(
            "draw",
            "随机抽取检查对象和检查人员",
            planner,
            to="inspect",
            limit=wd(5),
            procedure="从检查对象名录库和执法检查人员名录库中随机抽取，抽取过程全程留痕，不得"
            "人为指定检查对象或检查人员。",
            responsibility="严格执行“双随机、一公开”，对抽取结果保密。",
            documents="随机抽取结果记录",
        ),
        step(
            "inspect",
            "实施检查",
            inspector,
            to="found",
            procedure=check_text
            or "检查人员不少于两人，出示执法证件，依法查阅、复制有关资料，制作检查记录。",
            responsibility="依法检查，如实记录，不得刁难检查对象，不得接受宴请、礼品礼金。",
            documents="现场检查记录",
        ),
        decide(
            "found",
            "是否发现问题",
            inspector,
            ("未发现问题", "publish"),
            ("发现问题", "order"),
        ),
        step(
            "order",
            "责令限期整改",
            inspector,
            to="recheck",
            limit=rectify_in,
            procedure="下达责令改正通知书，载明问题、整改要求和期限；涉嫌违法应当给予行政处罚"
            "的，移交立案查处。",
            documents="责令改正通知书",
        ),
        decide(
            "recheck",
            "复查整改是否到位",
            inspector,
            ("整改到位", "publish"),
            ("未整改到位，再次责令整改", "order"),
            ("拒不整改", "escalate"),
            limit=wd(5),
        ),
        step(
            "escalate",
            "报请立案查处",
            approver,
            to="publish",
            procedure="对拒不整改或整改不到位的，报机关负责人批准后依法立案查处。",
            documents="立案审批表",
        ),
        step(
            "publish",
            "公示检查结果",
            planner,
            to="archive",
            limit=wd(20),
            procedure=publish_text
            or "自检查结束之日起二十个工作日内通过国家企业信用信息公示系统等渠道公示检查结果。",
        ),
        end("archive", "检查资料归档", planner),
    )
