"""The internal power every unit has over its major matters: the collective decision on
“三重一大” (重大事项决策、重要干部任免、重大项目安排、大额度资金使用); a community follows
“四议两公开”."""

from __future__ import annotations

from lianjing.powers.demo.roles import (
    COMMUNITY,
    COMPANY,
    DEPUTY,
    LEGAL,
    OFFICE,
    OFFICE_DEPT,
    OFFICE_HEAD,
    SOE,
    TOP,
    Profile,
)
from lianjing.powers.demo.spec import PowerT, decide, end, hrs, start, step, wd

ONE_HAND = ("关于加强对“一把手”和领导班子监督的意见", "")


def _decision_bases(p: Profile, top_post: str) -> tuple[tuple[str, str], ...]:
    if p.kind == SOE:
        return (
            ("关于进一步推进国有企业贯彻落实“三重一大”决策制度的意见", ""),
            ("中华人民共和国公司法", ""),
            ("中华人民共和国企业国有资产法", ""),
        )
    if p.kind == COMPANY:
        return (("中华人民共和国公司法", ""), (f"{p.unit_name}章程", ""))
    if "党组" in top_post:
        return (ONE_HAND, ("中国共产党党组工作条例", ""))
    return (ONE_HAND, ("中国共产党章程", ""))


def major_decisions(p: Profile, top_post: str) -> PowerT:
    """“三重一大”: 议题, 调研论证, 合法性审查, 上会 (loop back to 完善), 集体讨论, 纪要, 实施."""
    if p.kind == COMMUNITY:
        return _community_decisions(p)
    return PowerT(
        "NB-05",
        "“三重一大”事项集体决策",
        "internal",
        f"重大事项决策、重要干部任免、重大项目安排和大额度资金使用，由{p.meeting}集体讨论决定，"
        "不得以传阅、会签或者个别征求意见等方式代替集体决策；主要负责人末位表态。",
        _decision_bases(p, top_post),
        (
            start(
                "topic",
                "提出议题",
                OFFICE_HEAD,
                to="study",
                conditions="属于重大事项决策、重要干部任免、重大项目安排或者大额度资金使用事项。",
                documents="议题申报表",
            ),
            step(
                "study",
                "调查研究、征求意见",
                OFFICE,
                to="legal",
                limit=wd(10),
                procedure="充分调研，听取班子成员和相关方面意见；专业性强的组织专家论证，涉及群众"
                "切身利益的进行风险评估。",
            ),
            step(
                "legal",
                "合法性审查",
                LEGAL,
                to="ready",
                limit=wd(5),
                documents="合法性审查意见",
            ),
            decide(
                "ready",
                "主要负责人审定是否上会",
                (TOP,),
                ("同意上会", "circulate"),
                ("材料不完善", "improve"),
            ),
            step(
                "improve",
                "修改完善议题材料",
                OFFICE,
                to="ready",
                limit=wd(5),
            ),
            step(
                "circulate",
                "会前送达会议材料",
                OFFICE_HEAD,
                to="meeting",
                limit=hrs(24),
                procedure="会议召开前将议题和材料送达参会成员，保证有足够时间了解情况。",
            ),
            decide(
                "meeting",
                f"{p.meeting}集体讨论决定",
                (TOP,),
                ("同意", "minutes"),
                ("不同意", "dropped"),
                conditions="到会成员超过应到会成员的半数（讨论干部任免须达到三分之二）方可召开。",
                procedure="与会成员逐一充分发表意见，主要负责人末位表态，按少数服从多数原则"
                "形成决定。",
                responsibility="主要负责人对决策程序负第一责任，班子成员对本人表态负责。",
            ),
            step(
                "minutes",
                "形成会议纪要",
                OFFICE_HEAD,
                to="implement",
                limit=wd(3),
                procedure="如实记录决策过程和每位成员的意见，纪要存档备查。",
                documents="会议纪要",
            ),
            step("implement", "组织实施", DEPUTY, to="follow"),
            step(
                "follow",
                "督查督办、报告结果",
                OFFICE_HEAD,
                to="done",
                documents="督办通报",
            ),
            end("done", "决策资料归档", OFFICE_HEAD),
            end("dropped", "不予实施", OFFICE_HEAD),
        ),
        department=OFFICE_DEPT,
        service_target="本单位",
        fee="",
    )


def _community_decisions(p: Profile) -> PowerT:
    return PowerT(
        "NB-05",
        "社区“三重一大”事项民主决策",
        "internal",
        "社区重大事务、重大项目和大额资金使用，实行“四议两公开”：社区党组织提议、“两委”联席会议"
        "商议、党员大会审议、居民会议或者居民代表会议决议，决议公开、实施结果公开。",
        (("中华人民共和国城市居民委员会组织法", ""), ("中国共产党支部工作条例（试行）", "")),
        (
            start("propose", "社区党组织提议", (TOP,), to="consult"),
            step("consult", "“两委”联席会议商议", (TOP,), to="members", limit=wd(5)),
            step("members", "党员大会审议", DEPUTY, to="vote", limit=wd(10)),
            decide(
                "vote",
                "居民（代表）会议决议",
                (TOP,),
                ("通过", "publish"),
                ("未通过", "closed"),
                conditions="居民代表会议须有三分之二以上代表到会，决定须经到会代表过半数通过。",
            ),
            step(
                "publish",
                "决议公开",
                OFFICE,
                to="implement",
                limit=wd(3),
                procedure="在社区公开栏和社区微信群公开决议内容，接受居民监督。",
            ),
            step("implement", "组织实施", DEPUTY, to="report"),
            step(
                "report",
                "实施结果公开",
                OFFICE,
                to="done",
                procedure="居务监督委员会全程监督，实施结果及时公开。",
            ),
            end("done", "资料归档", OFFICE),
            end("closed", "终止实施", (TOP,)),
        ),
        department=(),
        service_target="社区居民",
        fee="",
    )
