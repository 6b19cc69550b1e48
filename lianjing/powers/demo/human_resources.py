"""区人力资源和社会保障局: 事业单位公开招聘, 职业技能鉴定, 基本养老保险待遇核定 (行政给付),
a labour-inspection penalty with its benchmark, and the 水平评价类 qualification that left the
national catalogue (revoked)."""

from __future__ import annotations

import datetime

from lianjing.powers.demo.procedures import penalty_flow
from lianjing.powers.demo.spec import (
    GRAVE,
    MINOR,
    ORDINARY,
    REVOKED,
    SERIOUS,
    PowerT,
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

RECRUITER = (post("招聘管理岗"),)
RECRUIT_HEAD = (head("事业单位人事管理科"),)
TALENT = (post("人才开发科科员"),)
TALENT_HEAD = (head("人才开发科"),)
PENSION = (post("社保待遇审核员"),)
PENSION_HEAD = (head("社会保险科"),)
INSPECTOR = (post("执法队员", "劳动保障监察大队"),)

PUBLIC_RECRUITMENT = PowerT(
    "QT-001",
    "事业单位公开招聘",
    "other",
    "对区属事业单位公开招聘工作人员的招聘方案进行审核备案，统一发布招聘公告，组织或者指导考试、"
    "考察，对拟聘用人员办理聘用备案手续，并对招聘全过程进行监督。",
    (("事业单位人事管理条例", "第八条"), ("事业单位公开招聘人员暂行规定", "")),
    (
        start(
            "plan",
            "事业单位报送招聘计划",
            RECRUITER,
            to="review",
            conditions="在核定的编制和岗位内有空缺，经主管部门同意。",
            documents="公开招聘计划表",
        ),
        step(
            "review",
            "审核招聘方案",
            RECRUITER,
            to="sound",
            limit=wd(5),
            procedure="审核招聘岗位、资格条件、考试方式和程序是否合规，有无因人设岗、量身定制"
            "条件。",
        ),
        decide(
            "sound",
            "方案是否符合规定",
            RECRUIT_HEAD,
            ("符合规定", "file"),
            ("需修改", "revise"),
        ),
        step("revise", "退回修改招聘方案", RECRUITER, to="review", limit=wd(5)),
        step(
            "file",
            "核准备案招聘方案",
            (in_charge("事业单位人事管理科"), deputy(0)),
            to="announce",
            limit=wd(3),
        ),
        step(
            "announce",
            "统一发布招聘公告",
            RECRUITER,
            to="exam",
            limit=wd(7),
            procedure="在政府网站和人事考试网公开发布，公告期不少于七个工作日。",
            documents="公开招聘公告",
        ),
        step(
            "exam",
            "组织笔试、面试",
            RECRUIT_HEAD,
            to="vet",
            procedure="笔试委托专业考试机构命题；面试考官随机抽取，全程录音录像，与考生有利害关系"
            "的回避。",
            responsibility="严守试题和成绩保密纪律，不得干预考试、篡改成绩。",
            documents="考试成绩汇总表",
        ),
        step("vet", "考察、体检", RECRUITER, to="publicity", limit=wd(15)),
        step(
            "publicity",
            "公示拟聘用人员",
            RECRUITER,
            to="register",
            limit=wd(7),
            procedure="在政府网站公示拟聘用人员名单，公示期不少于七个工作日。",
        ),
        step(
            "register",
            "办理聘用备案手续",
            RECRUITER,
            to="done",
            limit=wd(10),
            documents="事业单位聘用人员备案表",
        ),
        end("done", "办结", RECRUITER),
    ),
    department=(dept("事业单位人事管理科"),),
    service_target="区属事业单位、应聘人员",
)

SKILL_TEST = PowerT(
    "QR-001",
    "职业技能鉴定",
    "confirmation",
    "对劳动者的职业技能水平进行考核鉴定，对考核合格的确认其职业技能等级，核发职业技能等级证书"
    "并将证书信息纳入全国联网查询。",
    (("中华人民共和国劳动法", "第六十九条"), ("中华人民共和国就业促进法", "")),
    (
        start("enrol", "劳动者报名申报", TALENT, to="qualify", documents="鉴定申报表"),
        decide(
            "qualify",
            "申报条件审核",
            TALENT,
            ("符合申报条件", "exam"),
            ("不符合申报条件", "refused"),
            limit=wd(5),
        ),
        step(
            "exam",
            "组织理论知识考试和操作技能考核",
            TALENT_HEAD,
            to="mark",
            procedure="考评员随机派遣，考场全程视频监控，与考生有利害关系的考评员回避。",
            responsibility="严格执行考务规定，不得泄题、替考或者降低考核标准。",
        ),
        step("mark", "阅卷评分、成绩复核", TALENT_HEAD, to="passed", limit=wd(15)),
        decide(
            "passed",
            "考核是否合格",
            TALENT_HEAD,
            ("合格", "publicity"),
            ("不合格", "failed"),
        ),
        step("publicity", "公示鉴定结果", TALENT, to="certify", limit=wd(5)),
        step(
            "certify",
            "核发证书、上传数据",
            TALENT,
            to="done",
            limit=wd(10),
            documents="职业技能等级证书",
        ),
        end("done", "办结", TALENT),
        end("failed", "告知考核结果（可申请补考）", TALENT),
        end("refused", "告知不符合申报条件", TALENT),
    ),
    department=(dept("人才开发科"),),
    service_target="劳动者",
    fee="按省级价格主管部门核定的标准收取鉴定费",
)

PENSION_AWARD = PowerT(
    "GF-001",
    "基本养老保险待遇核定",
    "benefit",
    "对达到法定退休年龄、累计缴费满十五年的参保人员核定基本养老金，自核定次月起按月发放；累计"
    "缴费不足十五年的，告知其可以缴费至满十五年或者转入城乡居民基本养老保险。",
    (("中华人民共和国社会保险法", "第十六条"), ("实施〈中华人民共和国社会保险法〉若干规定", "")),
    (
        start("apply", "参保人员提出申请", PENSION, to="accept", documents="养老保险待遇申领表"),
        step("accept", "受理", PENSION, to="complete", limit=wd(1)),
        decide(
            "complete",
            "材料是否齐全",
            PENSION,
            ("材料齐全", "verify"),
            ("需补正", "amend"),
        ),
        step("amend", "一次性告知补正", PENSION, to="accept", limit=wd(5)),
        step(
            "verify",
            "核定缴费年限和缴费基数",
            PENSION,
            to="enough",
            limit=wd(10),
            procedure="核查参保缴费记录、视同缴费年限和出生日期，审核档案记载与身份证件一致。",
            responsibility="如实核定，不得违规认定视同缴费年限或者篡改出生日期。",
        ),
        decide(
            "enough",
            "累计缴费是否满十五年",
            PENSION,
            ("满十五年", "compute"),
            ("不满十五年", "advise"),
        ),
        step(
            "advise",
            "告知延长缴费或者转入城乡居民养老保险",
            PENSION,
            to="done",
            documents="告知书",
        ),
        step(
            "compute",
            "计算基本养老金",
            PENSION,
            to="recheck",
            limit=wd(3),
            documents="基本养老金计算表",
        ),
        step(
            "recheck",
            "复核",
            PENSION_HEAD,
            to="pay",
            limit=wd(2),
            responsibility="经办与复核岗位分离，复核人对核定结果负责。",
        ),
        step(
            "pay",
            "核定结果告知并按月发放",
            PENSION,
            to="done",
            procedure="自核定次月起按月发放至本人社会保障卡银行账户。",
            documents="基本养老金核定表",
        ),
        end("done", "办结", PENSION),
    ),
    department=(dept("社会保险科"),),
    service_target="企业职工基本养老保险参保人员",
    limit=wd(15),
)

OVERTIME = "用人单位违反规定延长劳动者工作时间"
OVERTIME_BASIS = "《劳动保障监察条例》第二十五条"

OVERTIME_PENALTY = PowerT(
    "CF-001",
    "对用人单位违法延长劳动者工作时间的处罚",
    "penalty",
    "对用人单位违反劳动保障法律、法规或者规章延长劳动者工作时间的，给予警告，责令限期改正，并"
    "可以按照受侵害的劳动者每人100元以上500元以下的标准计算，处以罚款。",
    (("中华人民共和国劳动法", "第九十条"), ("劳动保障监察条例", "第二十五条")),
    penalty_flow(
        investigator=INSPECTOR,
        reviewer=(head("劳动保障监察大队"),),
        legal=(post("案件审核员", "劳动保障监察大队"),),
        approver=(in_charge("劳动保障监察大队"), deputy(1)),
        file_in=wd(5),
        evidence="询问笔录、考勤记录、工资支付记录和劳动合同",
    ),
    department=(dept("劳动保障监察大队"),),
    service_target="用人单位",
    limit=wd(60),
    benchmarks=(
        other(
            OVERTIME,
            "警告",
            MINOR,
            "给予警告，责令限期改正",
            "初次违法，涉及劳动者人数少，在责令期限内改正并足额支付加班工资的。",
            OVERTIME_BASIS,
        ),
        *grades(
            OVERTIME,
            "罚款（按受侵害劳动者人数计算）",
            "元/人",
            OVERTIME_BASIS,
            (ORDINARY, 100, 200, "受侵害劳动者10人以下，或者逾期未改正的。"),
            (SERIOUS, 200, 350, "受侵害劳动者10人以上不足30人，或者拒不支付加班工资的。"),
            (GRAVE, 350, 500, "受侵害劳动者30人以上，或者造成劳动者伤亡等严重后果的。"),
        ),
    ),
)

# 水平评价类技能人员职业资格退出国家职业资格目录, replaced by 职业技能等级认定
LEVEL_QUALIFICATION = PowerT(
    "QR-002",
    "水平评价类技能人员职业资格鉴定",
    "confirmation",
    "对劳动者进行水平评价类技能人员职业资格鉴定并核发职业资格证书。该类职业资格退出国家职业"
    "资格目录，改为职业技能等级认定，本事项废止。",
    (("中华人民共和国劳动法", "第六十九条"), ("国家职业资格目录", "")),
    (
        start("enrol", "劳动者报名申报", TALENT, to="qualify"),
        decide(
            "qualify",
            "申报条件审核",
            TALENT,
            ("符合申报条件", "exam"),
            ("不符合申报条件", "refused"),
        ),
        step("exam", "理论知识考试和操作技能考核", TALENT_HEAD, to="certify"),
        step("certify", "核发职业资格证书", TALENT, to="done", documents="职业资格证书"),
        end("done", "办结", TALENT),
        end("refused", "告知不符合申报条件", TALENT),
    ),
    department=(dept("人才开发科"),),
    service_target="劳动者",
    status=REVOKED,
    effective_year=2025,
    published_on=datetime.date(2025, 1, 15),
)

POWERS: tuple[PowerT, ...] = (
    PUBLIC_RECRUITMENT,
    SKILL_TEST,
    PENSION_AWARD,
    OVERTIME_PENALTY,
    LEVEL_QUALIFICATION,
)
