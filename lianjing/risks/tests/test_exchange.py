"""The risk workbook import: a good file written in bulk (drafts, grading, measures, the
responsibility chain as responsibility.chain() would give it, one audit event), each kind of bad
row refused with its sheet/row/column and nothing written, an export that imports again as new
points once its 系统编号 are cleared, and the re-import of an export: unchanged rows skipped,
edited rows updating their point (same pk, version + 1, audited) and measure in place, and
系统编号/措施编号 out of scope, retired, moved or of another point refused."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from lianjing.core.models import AuditEvent
from lianjing.risks import responsibility, services
from lianjing.risks.exchange.export import Export
from lianjing.risks.exchange.importer import import_register
from lianjing.risks.exchange.sheets import MEASURES, points_sheet
from lianjing.risks.models import ControlMeasure, Responsibility, RiskPoint
from lianjing.risks.reference import FACTORS, HARM, PROBABILITY
from lianjing.risks.responsibility import OVERALL
from lianjing.risks.tests.factories import HIGHEST, post_risk

pytestmark = pytest.mark.django_db

LOW = {name: options[0]["label"] for _code, name, _w, options in FACTORS} | {
    "发生可能性": PROBABILITY[0]["label"],
    "危害程度": HARM[0]["label"],
}
HIGH = {name: options[-1]["label"] for _code, name, _w, options in FACTORS} | {
    "发生可能性": PROBABILITY[-1]["label"],
    "危害程度": HARM[-1]["label"],
}


def point_row(world: Any, key: str = "R1", **extra: Any) -> dict[str, Any]:
    """Values by column header."""
    return {
        "行键": key,
        "单位编码": world.finance.code,
        "台账年度": 2026,
        "风险对象": "岗位",
        "岗位编码": world.post_budget_clerk.code,
        "风险类型": "岗位职责",
        "风险点描述": "预算编制中违规调剂资金",
        "表现形式": "为关系单位多安排预算",
        "成因": "预算调剂审核把关不严",
        "查找方式": "自己找、领导点",
        **LOW,
        **extra,
    }


def measure_row(world: Any, key: str = "R1", **extra: Any) -> dict[str, Any]:
    return {
        "风险点行键": key,
        "措施类别": "监督检查",
        "措施内容": "每季度抽查预算调剂审批单",
        "责任人人员编号": world.director.code,
        "完成时限": "2026-12-31",
        "落实情况": "未开始",
        "检查方式": "查阅抽查记录",
        **extra,
    }


def book(points: list[dict[str, Any]], measures: list[dict[str, Any]] | None = None) -> bytes:
    sheet = points_sheet(services.active_model().scheme())
    workbook = Workbook()
    workbook.remove(workbook.active)
    for spec, rows in ((sheet, points), (MEASURES, measures or [])):
        ws = workbook.create_sheet(spec.title)
        headers = [f.header for f in spec.fields]
        ws.append(headers)
        for row in rows:
            ws.append([row.get(h) for h in headers])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def leader(world: Any) -> Any:
    return world.users["unit_leader"]


def test_a_good_file_adds_draft_points_with_measures_and_one_audit_event(world):
    data = book(
        [
            point_row(world),
            point_row(world, "R2", **HIGH, 风险对象="内设机构", 岗位编码="", 内设机构="预算科"),
        ],
        [measure_row(world), measure_row(world, "R2", 措施类别="制度流程", 措施内容="修订制度")],
    )
    outcome = import_register(data, user=leader(world), file_name="台账.xlsx")
    assert outcome.ok, outcome.problems
    assert (outcome.points, outcome.measures) == (2, 2)
    first = RiskPoint.objects.get(description="预算编制中违规调剂资金", target_kind="post")
    second = RiskPoint.objects.get(target_kind="department")
    assert first.status == "draft" and first.found_by == ["self", "leader"]
    assert first.level == first.computed_level == 3 and second.level == 1
    assert second.department == world.budget and second.post is None
    measure = ControlMeasure.objects.get(risk_point=first)
    assert measure.kind == "supervision" and measure.owner == world.director
    assert measure.due_date == datetime.date(2026, 12, 31) and measure.check_method
    events = AuditEvent.objects.filter(action__startswith="risks.")
    assert [e.action for e in events] == ["risks.import.completed"]
    after = events[0].after or {}
    assert after["points"] == 2 and after["units"] == {world.finance.code: 2}


def test_bulk_responsibility_rows_match_the_chain(world):
    world.finance.main_leader = world.director
    world.finance.save()
    world.budget.leader_in_charge = world.colleague_other_dept
    world.budget.save()
    mid = {**LOW, "岗位权重": "关键岗位", "发生可能性": "很高", "危害程度": "特别严重"}
    rows = [
        point_row(world, "R1"),
        point_row(world, "R2", **HIGH),
        point_row(world, "R3", **mid),
        point_row(world, "R4", 岗位编码=world.post_sub_dept.code, **HIGH),
        point_row(world, "R5", 风险对象="内设机构", 岗位编码="", 内设机构=world.budget_sub.code),
        point_row(world, "R6", 风险对象="单位", 岗位编码=""),
        point_row(world, "R7", 风险对象="行业（系统）", 岗位编码="", **{"行业（系统）": "财政"}),
    ]
    outcome = import_register(book(rows), user=leader(world))
    assert outcome.ok, outcome.problems
    points = RiskPoint.objects.select_related("unit", "post__department", "department")
    assert {p.level for p in points} == {1, 2, 3}
    for point in points:
        expected = {(link.role, link.person.pk, link.basis) for link in responsibility.chain(point)}
        stored = set(
            Responsibility.objects.filter(risk_point=point).values_list("role", "person", "basis")
        )
        assert stored == expected and expected, point.description
        assert all(r.since and r.until is None for r in point.responsibilities.all())


def _problems(world: Any, points: list[dict[str, Any]], measures=(), user=None) -> list[Any]:
    outcome = import_register(book(points, list(measures)), user=user or leader(world))
    assert not outcome.ok
    assert not RiskPoint.objects.exists() and not ControlMeasure.objects.exists()
    assert not Responsibility.objects.exists()
    assert not AuditEvent.objects.filter(action="risks.import.completed").exists()
    return outcome.problems


@pytest.mark.parametrize(
    ("change", "sheet", "column", "fragment"),
    [
        ({"单位编码": "NOPE"}, "风险点", "单位编码", "单位编码“NOPE”在系统中不存在"),
        ({"岗位编码": "NOPE"}, "风险点", "岗位编码", "不是单位“甲区财政局”的岗位"),
        ({"岗位编码": ""}, "风险点", "岗位编码", "请填写岗位编码"),
        ({"内设机构": "没有的科"}, "风险点", "内设机构", "没有编码或名称为“没有的科”"),
        ({"风险类型": "贪污"}, "风险点", "风险类型", "“贪污”不是有效的值"),
        ({"查找方式": "自己找、瞎猜"}, "风险点", "查找方式", "“瞎猜”不是有效的值"),
        ({"处置资金物资资源量": "很多很多"}, "风险点", "处置资金物资资源量", "不是有效的值"),
        ({"危害程度": ""}, "风险点", "危害程度", "为必填项"),
        ({"台账年度": "明年"}, "风险点", "台账年度", "应填写整数"),
        ({"职权编码": "NO-POWER"}, "风险点", "职权编码", "没有编码为“NO-POWER”的现行职权"),
        ({"集体审定等级": "一级"}, "风险点", "调整理由", "须写明理由"),
        (
            {"集体审定等级": "一级", "调整理由": "班子认为", "参加审定人员": "张三"},
            "风险点",
            "集体审定日期",
            "须填写领导班子集体审定的日期",
        ),
        ({"集体审定日期": "2026-02-30"}, "风险点", "集体审定日期", "日期不存在"),
    ],
)
def test_a_bad_point_row_is_named_and_nothing_is_written(world, change, sheet, column, fragment):
    problems = _problems(world, [point_row(world, "R0"), point_row(world, **change)])
    assert any(
        p.sheet == sheet and p.row == 3 and p.column == column and fragment in p.message
        for p in problems
    ), problems


def test_the_post_must_be_the_units(world):
    problems = _problems(world, [point_row(world, 岗位编码=world.post_housing.code)])
    assert problems[0].value == world.post_housing.code


def test_a_unit_outside_the_importers_scope_is_refused(world):
    row = point_row(world, 单位编码=world.other_district_unit.code, 岗位编码="", 风险对象="单位")
    problems = _problems(world, [row])
    assert "不在您的风险台账维护范围内" in problems[0].message


@pytest.mark.parametrize(
    ("change", "column", "fragment"),
    [
        ({"风险点行键": "R9"}, "风险点行键", "没有行键为“R9”的风险点"),
        ({"责任人人员编号": "NOBODY"}, "责任人人员编号", "人员编号“NOBODY”在系统中不存在"),
        ({"措施类别": "罚款"}, "措施类别", "不是有效的值"),
        ({"完成时限": "年底"}, "完成时限", "日期应填写为 YYYY-MM-DD"),
        ({"落实情况": "差不多"}, "落实情况", "不是有效的值"),
        ({"措施内容": ""}, "措施内容", "为必填项"),
    ],
)
def test_a_bad_measure_row_is_named_and_nothing_is_written(world, change, column, fragment):
    problems = _problems(world, [point_row(world)], [measure_row(world, **change)])
    assert any(
        p.sheet == "防控措施" and p.row == 2 and p.column == column and fragment in p.message
        for p in problems
    ), problems


def test_a_measure_owner_from_another_unit_is_refused(world):
    measure = measure_row(world, 责任人人员编号=world.housing_person.code)
    problems = _problems(world, [point_row(world)], [measure])
    assert "须是风险点所在单位的人员" in problems[0].message


def test_duplicate_row_keys_and_files_that_are_not_workbooks(world):
    problems = _problems(world, [point_row(world), point_row(world)])
    assert "与第 2 行重复" in problems[0].message
    outcome = import_register(b"not a workbook", user=leader(world))
    assert not outcome.ok and "不是有效的 Excel" in outcome.problems[0].message


def test_an_export_imports_again_to_the_same_register(world):
    clerk_post, other = world.post_budget_clerk, world.post_other_dept
    high = post_risk(clerk_post, inputs=HIGHEST, found_by=["case", "expert"])
    services.measure_add(
        actor=None,
        risk_point=high,
        kind="education",
        content="开展警示教育",
        owner=world.director,
        due_date=datetime.date(2026, 6, 30),
        status="in_progress",
        check_method="查看签到表",
    )
    low = post_risk(
        other,
        override=services.Override(2, "班子审定提高一级", datetime.date(2026, 3, 1), "张局长等"),
        description="国库支付审核不严",
    )
    exported = edit(Export(RiskPoint.objects.all()).workbook(), clear_ids)
    RiskPoint.objects.all().delete()
    outcome = import_register(exported, user=leader(world))
    assert outcome.ok, outcome.problems
    again = {p.description: p for p in RiskPoint.objects.all()}
    for before in (high, low):
        after = again[before.description]
        for name in ("unit_id", "post_id", "level", "computed_level", "factor_inputs"):
            assert getattr(after, name) == getattr(before, name), name
        assert after.found_by == before.found_by
    assert again["国库支付审核不严"].override_reason == "班子审定提高一级"
    assert again["国库支付审核不严"].override_decided_on == datetime.date(2026, 3, 1)
    measure = ControlMeasure.objects.get()
    assert (measure.content, measure.owner, measure.status, measure.due_date) == (
        "开展警示教育",
        world.director,
        "in_progress",
        datetime.date(2026, 6, 30),
    )


# --- re-importing an export: updates in place ---------------------------------------------------


def clear_ids(workbook: Any) -> None:
    for title, header in (("风险点", "系统编号"), ("防控措施", "措施编号")):
        set_column(workbook, title, header, lambda _row, _value: None)


def set_column(workbook: Any, title: str, header: str, change: Any) -> None:
    """`change(row number, value)` gives the new value of each data cell of the column."""
    sheet = workbook[title]
    column = [c.value for c in sheet[1]].index(header) + 1
    for number in range(2, sheet.max_row + 1):
        cell = sheet.cell(number, column)
        cell.value = change(number, cell.value)


def edit(data: bytes, *changes: Any) -> bytes:
    workbook = load_workbook(io.BytesIO(data))
    for change in changes:
        change(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def register(world: Any) -> tuple[RiskPoint, RiskPoint, ControlMeasure]:
    first = post_risk(world.post_budget_clerk, description="预算调剂审核不严")
    second = post_risk(
        world.post_other_dept,
        override=services.Override(2, "班子审定提高一级", datetime.date(2026, 3, 1), "张局长等"),
        description="国库支付审核不严",
    )
    measure = services.measure_add(
        actor=None,
        risk_point=first,
        kind="education",
        content="开展警示教育",
        owner=world.director,
        due_date=datetime.date(2026, 6, 30),
        status="in_progress",
        check_method="查看签到表",
    )
    return first, second, measure


def export_of(world: Any) -> bytes:
    return Export(RiskPoint.objects.filter(unit=world.finance)).workbook()


def _state() -> tuple[Any, ...]:
    return (
        list(RiskPoint.objects.order_by("pk").values_list("pk", "version", "updated_at")),
        list(ControlMeasure.objects.order_by("pk").values()),
        list(Responsibility.objects.order_by("pk").values()),
    )


def test_the_export_carries_the_system_numbers(world):
    first, second, measure = register(world)
    workbook = load_workbook(io.BytesIO(export_of(world)), read_only=True)
    points = list(workbook["风险点"].iter_rows(values_only=True))
    ids = {row[points[0].index("系统编号")] for row in points[1:]}
    assert ids == {first.pk, second.pk}
    measures = list(workbook["防控措施"].iter_rows(values_only=True))
    assert measures[1][measures[0].index("措施编号")] == measure.pk
    # the sheets declare their size, so that reading does not parse them twice to find it
    assert (workbook["风险点"].max_row, workbook["风险点"].max_column) == (3, len(points[0]))
    assert workbook["防控措施"].max_row == 2


def test_reimporting_an_export_unchanged_writes_nothing(world):
    register(world)
    before = _state()
    outcome = import_register(export_of(world), user=leader(world), file_name="台账.xlsx")
    assert outcome.ok, outcome.problems
    assert (outcome.points, outcome.updated, outcome.unchanged) == (0, 0, 2)
    assert (outcome.measures, outcome.measures_updated, outcome.measures_unchanged) == (0, 0, 1)
    assert outcome.measures_kept == 0
    assert _state() == before
    assert not AuditEvent.objects.filter(action="risks.point.updated").exists()
    summary = AuditEvent.objects.get(action="risks.import.completed").after or {}
    assert (summary["points"], summary["updated"], summary["unchanged"]) == (0, 0, 2)


def test_an_edited_description_updates_the_point_in_place(world):
    first, second, _measure = register(world)
    links = list(Responsibility.objects.order_by("pk").values())

    def describe(workbook: Any) -> None:
        set_column(workbook, "风险点", "风险点描述", lambda n, v: v + "（已修改）" if n == 2 else v)

    outcome = import_register(edit(export_of(world), describe), user=leader(world))
    assert outcome.ok, outcome.problems
    assert (outcome.points, outcome.updated, outcome.unchanged) == (0, 1, 1)
    assert RiskPoint.objects.count() == 2
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.description == "预算调剂审核不严（已修改）" and first.version == 2
    assert second.version == 1 and second.override_reason == "班子审定提高一级"
    assert list(Responsibility.objects.order_by("pk").values()) == links  # same target, level
    event = AuditEvent.objects.get(action="risks.point.updated")
    assert event.object_id == str(first.pk) and event.actor_id == leader(world).pk
    assert event.before == {"description": "预算调剂审核不严"}
    assert (event.after or {})["description"] == "预算调剂审核不严（已修改）"
    summary = AuditEvent.objects.get(action="risks.import.completed").after or {}
    assert summary["updated_points"] == [first.pk]


def test_a_new_level_regrades_and_refreshes_the_chain(world):
    world.finance.main_leader = world.director
    world.finance.save()
    first, _second, _measure = register(world)
    assert first.level == 3

    def raise_level(workbook: Any) -> None:
        for header, label in HIGH.items():
            set_column(workbook, "风险点", header, lambda n, v, label=label: label if n == 2 else v)

    outcome = import_register(edit(export_of(world), raise_level), user=leader(world))
    assert outcome.ok, outcome.problems
    first.refresh_from_db()
    assert first.level == first.computed_level == 1 and first.version == 2
    expected = {(link.role, link.person.pk) for link in responsibility.chain(first)}
    current = set(
        Responsibility.objects.filter(risk_point=first, until__isnull=True).values_list(
            "role", "person"
        )
    )
    assert current == expected and (OVERALL, world.director.pk) in current
    assert Responsibility.objects.filter(risk_point=first, until__isnull=False).exists()


def _refused(world: Any, data: bytes, user: Any = None) -> list[Any]:
    before = _state()
    events = AuditEvent.objects.count()
    outcome = import_register(data, user=user or leader(world))
    assert not outcome.ok
    assert _state() == before and AuditEvent.objects.count() == events
    return outcome.problems


def _with_id(number: int) -> Any:
    return lambda workbook: set_column(
        workbook, "风险点", "系统编号", lambda n, v: number if n == 2 else v
    )


def test_a_system_number_out_of_scope_or_unknown_is_refused_alike(world):
    register(world)
    elsewhere = post_risk(world.post_housing, description="住建局的风险点")
    for number in (elsewhere.pk, 999_999):
        problems = _refused(world, edit(export_of(world), _with_id(number)))
        assert [(p.row, p.column, p.message) for p in problems] == [
            (2, "系统编号", "系统编号不存在或不在您的维护范围内。")
        ]
    elsewhere.refresh_from_db()
    assert elsewhere.version == 1 and elsewhere.description == "住建局的风险点"


def test_a_retired_point_is_refused(world):
    first, _second, _measure = register(world)
    data = export_of(world)
    services.risk_point_retire(actor=None, point=first, reason="岗位撤销")
    problems = _refused(world, data)
    assert problems[0].column == "系统编号" and "已撤销" in problems[0].message


def test_moving_a_point_to_another_year_or_unit_is_refused(world):
    first, _second, _measure = register(world)
    moved = edit(
        export_of(world),
        lambda wb: set_column(wb, "风险点", "台账年度", lambda n, v: 2027 if n == 2 else v),
    )
    problems = _refused(world, moved)
    assert problems[0].column == "台账年度" and "不能把风险点移到其他年度" in problems[0].message
    other = post_risk(world.post_budget_clerk, year=2025, description="往年的风险点")
    this_year = Export(RiskPoint.objects.filter(year=2026)).workbook()
    problems = _refused(world, edit(this_year, _with_id(other.pk)))  # a 2025 point, 2026 row
    assert problems[0].column == "台账年度" and "2025 年度" in problems[0].message

    def to_housing(workbook: Any) -> None:
        set_column(workbook, "风险点", "单位编码", lambda n, v: world.housing.code if n == 2 else v)
        set_column(
            workbook, "风险点", "岗位编码", lambda n, v: world.post_housing.code if n == 2 else v
        )

    outcome = import_register(edit(this_year, to_housing), user=None)  # the system: no scope
    assert not outcome.ok and RiskPoint.objects.filter(unit=world.housing).count() == 0
    assert outcome.problems[0].column == "单位编码"
    assert "不能把风险点移到其他单位" in outcome.problems[0].message


def test_measures_update_by_number_new_ones_are_added_and_absent_ones_kept(world):
    first, second, measure = register(world)
    extra = services.measure_add(actor=None, risk_point=first, kind="system", content="修订制度")

    def change(workbook: Any) -> None:
        sheet = workbook["防控措施"]
        headers = [c.value for c in sheet[1]]
        for row in range(sheet.max_row, 1, -1):
            if sheet.cell(row, headers.index("措施编号") + 1).value == extra.pk:
                sheet.delete_rows(row)
        set_column(workbook, "防控措施", "落实情况", lambda n, v: "已落实" if n == 2 else v)
        points = workbook["风险点"]
        key = [c.value for c in points[1]].index("行键") + 1
        second_key = next(
            points.cell(n, key).value
            for n in range(2, points.max_row + 1)
            if points.cell(n, [c.value for c in points[1]].index("系统编号") + 1).value == second.pk
        )
        sheet.append([second_key, "监督检查", "每月检查支付凭证"])

    outcome = import_register(edit(export_of(world), change), user=leader(world))
    assert outcome.ok, outcome.problems
    assert (outcome.measures, outcome.measures_updated, outcome.measures_kept) == (1, 1, 1)
    assert (outcome.points, outcome.updated, outcome.unchanged) == (0, 0, 2)
    measure.refresh_from_db()
    extra.refresh_from_db()
    assert measure.status == "done" and measure.content == "开展警示教育"
    assert extra.content == "修订制度"
    added = ControlMeasure.objects.get(risk_point=second)
    assert added.content == "每月检查支付凭证" and added.kind == "supervision"


def test_a_measure_number_of_another_point_is_refused(world):
    first, second, measure = register(world)
    other = services.measure_add(actor=None, risk_point=second, kind="system", content="修订制度")
    elsewhere = services.measure_add(
        actor=None,
        risk_point=post_risk(world.post_housing, description="住建局的风险点"),
        kind="system",
        content="住建局的措施",
    )
    for number in (other.pk, elsewhere.pk):

        def steal(workbook: Any, number: int = number) -> None:
            set_column(
                workbook,
                "防控措施",
                "措施编号",
                lambda _n, v: number if v == measure.pk else v,
            )

        data = edit(export_of(world), steal)
        problems = _refused(world, data)
        assert any(
            p.sheet == "防控措施" and p.column == "措施编号" and "不是该风险点" in p.message
            for p in problems
        ), problems
    measure.refresh_from_db()
    assert measure.content == "开展警示教育"


def test_an_old_file_without_the_number_columns_still_imports(world):
    data = book([point_row(world)], [measure_row(world)])
    workbook = load_workbook(io.BytesIO(data))
    for title, header in (("风险点", "系统编号"), ("防控措施", "措施编号")):
        sheet = workbook[title]
        sheet.delete_cols([c.value for c in sheet[1]].index(header) + 1)
    buffer = io.BytesIO()
    workbook.save(buffer)
    outcome = import_register(buffer.getvalue(), user=leader(world))
    assert outcome.ok, outcome.problems
    assert outcome.points == 1 and outcome.measures == 1
