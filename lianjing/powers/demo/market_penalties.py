"""区市场监督管理局's penalties, each with its discretion benchmark (裁量权基准) graded over the
four circumstances: the statutory range of 《中华人民共和国食品安全法》 and 《中华人民共和国价格法》
divided into adjoining, non-overlapping ranges, and 不予处罚 for 轻微 where the law allows it."""

from __future__ import annotations

from lianjing.powers.demo.procedures import penalty_flow
from lianjing.powers.demo.spec import (
    DRAFT,
    GRAVE,
    MINOR,
    ORDINARY,
    SERIOUS,
    GradeT,
    PowerT,
    cd,
    dept,
    deputy,
    grades,
    head,
    in_charge,
    other,
    post,
)

FOOD_SAFETY_LAW = "中华人民共和国食品安全法"
PENALTY_LAW = ("中华人民共和国行政处罚法", "")
PROCEDURE_RULES = ("市场监督管理行政处罚程序规定", "")
NOT_PUNISHED = "《中华人民共和国行政处罚法》第三十三条第一款"

ENFORCER = (post("执法队员", "综合行政执法大队"),)
SQUAD_LEADER = (in_charge("综合行政执法大队"), deputy(1))
CASE_AUDITOR = (post("案件审核员", "综合行政执法大队"),)

FOOD_CASE_FLOW = penalty_flow(
    investigator=ENFORCER,
    reviewer=(head("综合行政执法大队"),),
    legal=CASE_AUDITOR,
    approver=SQUAD_LEADER,
)


Bounds = tuple[int | str, int | str, int | str, int | str]


def _value_based(violation: str, basis: str, *, yuan: Bounds, times: Bounds) -> tuple[GradeT, ...]:
    """The two fines of 《中华人民共和国食品安全法》 that depend on the value of the goods: a sum
    in 元 when they are worth less than 10,000 元, a multiple of their value from 10,000 元 on.
    `yuan` and `times` are the statutory minimum, two cut points and the statutory maximum."""
    return (
        *grades(
            violation,
            "罚款（货值金额不足一万元）",
            "元",
            basis,
            (ORDINARY, yuan[0], yuan[1], "货值金额不足五千元，没有从重处罚情节的。"),
            (
                SERIOUS,
                yuan[1],
                yuan[2],
                "货值金额五千元以上不足一万元，或者经责令改正仍继续经营的。",
            ),
            (
                GRAVE,
                yuan[2],
                yuan[3],
                "主要面向学生、老年人等特定人群经营，或者造成食品安全事故、恶劣社会影响的。",
            ),
        ),
        *grades(
            violation,
            "罚款（货值金额一万元以上）",
            "倍",
            basis,
            (ORDINARY, times[0], times[1], "没有从重处罚情节的。"),
            (SERIOUS, times[1], times[2], "违法经营时间较长，或者经责令改正仍继续经营的。"),
            (GRAVE, times[2], times[3], "造成食品安全事故或者恶劣社会影响的。"),
        ),
    )


UNLICENSED = "未取得食品经营许可从事食品经营活动"
UNLICENSED_BASIS = "《中华人民共和国食品安全法》第一百二十二条第一款"

UNLICENSED_PENALTY = PowerT(
    "CF-001",
    "对未取得食品经营许可从事食品经营活动的处罚",
    "penalty",
    "对未取得食品经营许可从事食品经营活动的，没收违法所得和违法经营的食品以及用于违法经营的"
    "工具、设备、原料等物品，并按货值金额处以罚款。",
    ((FOOD_SAFETY_LAW, "第一百二十二条第一款"), PENALTY_LAW, PROCEDURE_RULES),
    FOOD_CASE_FLOW,
    department=(dept("综合行政执法大队"),),
    service_target="食品经营者",
    limit=cd(90),
    benchmarks=(
        other(
            UNLICENSED,
            "不予行政处罚",
            MINOR,
            "责令改正，不予行政处罚",
            "初次违法，货值金额不足五百元，经营时间短、危害后果轻微并及时改正的。",
            NOT_PUNISHED,
        ),
        *_value_based(
            UNLICENSED,
            UNLICENSED_BASIS,
            yuan=(50000, 65000, 85000, 100000),
            times=(10, 13, 17, 20),
        ),
    ),
)

CONTAMINATED = "经营污染物质含量超过食品安全标准限量的食品"
CONTAMINATED_BASIS = "《中华人民共和国食品安全法》第一百二十四条第一款"
MISLABELLED = "经营标签、说明书不符合规定的食品"
MISLABELLED_BASIS = "《中华人民共和国食品安全法》第一百二十五条第一款"

SUBSTANDARD_PENALTY = PowerT(
    "CF-002",
    "对经营不符合食品安全标准的食品的处罚",
    "penalty",
    "对经营致病性微生物、农药残留、兽药残留、重金属等污染物质含量超过食品安全标准限量的食品，"
    "以及标签、说明书不符合规定的食品的，没收违法所得和违法经营的食品，并处罚款；情节严重的，"
    "吊销许可证。",
    ((FOOD_SAFETY_LAW, "第一百二十四条、第一百二十五条、第一百三十六条"), PENALTY_LAW),
    FOOD_CASE_FLOW,
    department=(dept("综合行政执法大队"),),
    service_target="食品经营者",
    limit=cd(90),
    benchmarks=(
        other(
            CONTAMINATED,
            "免予处罚",
            MINOR,
            "免予处罚，依法没收不符合食品安全标准的食品",
            "履行了进货查验等义务，有充分证据证明不知道所采购的食品不符合食品安全标准，并能"
            "如实说明进货来源的。",
            "《中华人民共和国食品安全法》第一百三十六条",
        ),
        *_value_based(
            CONTAMINATED,
            CONTAMINATED_BASIS,
            yuan=(50000, 65000, 85000, 100000),
            times=(10, 13, 17, 20),
        ),
        other(
            CONTAMINATED,
            "吊销许可证",
            GRAVE,
            "吊销食品经营许可证",
            "造成食品安全事故，或者拒不召回、销毁问题食品的。",
            CONTAMINATED_BASIS,
        ),
        other(
            MISLABELLED,
            "责令改正",
            MINOR,
            "责令改正；拒不改正的，处二千元以下罚款",
            "标签、说明书存在瑕疵但不影响食品安全且不会对消费者造成误导的。",
            "《中华人民共和国食品安全法》第一百二十五条第二款",
        ),
        *_value_based(
            MISLABELLED,
            MISLABELLED_BASIS,
            yuan=(5000, 20000, 35000, 50000),
            times=(5, "6.5", "8.5", 10),
        ),
    ),
)

PRICE_LAW = "中华人民共和国价格法"
PRICE_BASIS = "《中华人民共和国价格法》第四十二条"


def _price_grades(violation: str) -> tuple[GradeT, ...]:
    return (
        other(
            violation,
            "不予行政处罚",
            MINOR,
            "责令改正，不予行政处罚",
            "初次违法，及时改正，没有造成危害后果的。",
            NOT_PUNISHED,
        ),
        *grades(
            violation,
            "罚款",
            "元",
            PRICE_BASIS,
            (ORDINARY, 0, 1500, "经责令改正后按期改正，涉及商品或者服务品种较少的。"),
            (SERIOUS, 1500, 3500, "涉及商品或者服务品种较多，或者逾期不改正的。"),
            (GRAVE, 3500, 5000, "一年内因同类违法行为受过处罚，或者在节假日、突发事件期间违法的。"),
        ),
    )


UNMARKED = "不按规定明码标价"
SURCHARGE = "在标价之外加价出售商品或者收取未予标明的费用"

PRICE_PENALTY = PowerT(
    "CF-003",
    "对不按规定明码标价等价格违法行为的处罚",
    "penalty",
    "对经营者不按规定明码标价、在标价之外加价出售商品或者收取未予标明的费用的，责令改正，没收"
    "违法所得，可以并处五千元以下的罚款。",
    ((PRICE_LAW, "第十三条、第四十二条"), ("明码标价和禁止价格欺诈规定", ""), PENALTY_LAW),
    penalty_flow(
        investigator=(post("稽查员"),),
        reviewer=(head("价格监督检查和反不正当竞争科"),),
        legal=CASE_AUDITOR,
        approver=(in_charge("价格监督检查和反不正当竞争科"), deputy(2)),
    ),
    department=(dept("价格监督检查和反不正当竞争科"),),
    service_target="经营者",
    limit=cd(90),
    benchmarks=(*_price_grades(UNMARKED), *_price_grades(SURCHARGE)),
)

PLATFORM = "网络食品交易第三方平台提供者未对入网食品经营者进行实名登记、审查许可证"

# being drafted for the 2027 catalogue: not yet published
PLATFORM_PENALTY = PowerT(
    "CF-004",
    "对网络食品交易第三方平台提供者未履行审查、报告义务的处罚",
    "penalty",
    "对网络食品交易第三方平台提供者未对入网食品经营者进行实名登记、审查许可证，或者未履行报告、"
    "停止提供网络交易平台服务等义务的，责令改正，没收违法所得，并处罚款；造成严重后果的，责令"
    "停业，直至吊销许可证。",
    ((FOOD_SAFETY_LAW, "第一百三十一条"), ("网络食品安全违法行为查处办法", "")),
    FOOD_CASE_FLOW,
    department=(dept("综合行政执法大队"),),
    service_target="网络食品交易第三方平台提供者",
    limit=cd(90),
    status=DRAFT,
    effective_year=2027,
    published_on=None,
    benchmarks=grades(
        PLATFORM,
        "罚款",
        "元",
        "《中华人民共和国食品安全法》第一百三十一条第一款",
        (ORDINARY, 50000, 90000, "涉及入网食品经营者数量较少，及时整改的。"),
        (SERIOUS, 90000, 140000, "涉及入网食品经营者数量较多，或者逾期不改正的。"),
        (GRAVE, 140000, 200000, "导致消费者合法权益受到严重损害的。"),
    ),
)

PENALTIES: tuple[PowerT, ...] = (
    UNLICENSED_PENALTY,
    SUBSTANDARD_PENALTY,
    PRICE_PENALTY,
    PLATFORM_PENALTY,
)
