"""Excel import of the power catalogue: a good file becomes drafts through the services (audited),
a second import replaces drafts and revises published powers, and every kind of bad input is
reported on its sheet, row and column with nothing written. Shared helpers for the other
test_exchange_* modules live here."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook

from lianjing.accounts.models import User
from lianjing.core.models import AuditEvent
from lianjing.org.models import Unit
from lianjing.org.tests.factories import DepartmentFactory, PostFactory
from lianjing.org.tests.world import World, build_world
from lianjing.powers import services
from lianjing.powers.exchange import importer as importer_module
from lianjing.powers.exchange.importer import Outcome, import_catalogue
from lianjing.powers.exchange.sheets import SHEETS
from lianjing.powers.models import (
    DiscretionBenchmark,
    FlowEdge,
    FlowStep,
    LegalBasis,
    Power,
    PowerCategory,
)

pytestmark = pytest.mark.django_db

TITLES = {sheet.title: sheet for sheet in SHEETS}
POWER_MODELS = (Power, LegalBasis, FlowStep, FlowEdge, DiscretionBenchmark, AuditEvent)


@pytest.fixture
def world(db) -> World:
    return build_world()


def leader(world: World) -> User:
    """The finance bureau's leader: POWERS_IMPORT on the finance bureau and its sub-unit."""
    return world.users["unit_leader"]


def workbook(sheets: dict[str, list[dict[str, Any]]], *, drop: tuple[str, ...] = ()) -> bytes:
    """A workbook with the given sheets (by title); each row maps headers to values."""
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        headers = [f.header for f in TITLES[title].fields if f.header not in drop]
        sheet.append(headers)
        for row in rows:
            sheet.append([row.get(h) for h in headers])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def power_row(code: str, unit: Unit, **extra: Any) -> dict[str, Any]:
    return {
        "职权编码": code,
        "职权名称": "政府采购方式变更审批",
        "职权类别": "行政许可/审批",
        "职权内容": "对采购人申请采用公开招标以外采购方式的审批。",
        "实施主体单位编码": unit.code,
        "服务对象": "采购人",
        "法定时限": 20,
        "时限单位": "工作日",
        "收费": "不收费",
        "生效年度": 2024,
        "法律依据": "《中华人民共和国政府采购法》第二十七条\n"
        "《政府采购非招标采购方式管理办法》第四条",
        **extra,
    }


def step(code: str, key: str, kind: str, name: str, nxt: str = "") -> dict[str, Any]:
    return {"职权编码": code, "环节编号": key, "环节类型": kind, "环节名称": name, "下一环节": nxt}


def licence_steps(code: str, world: World) -> list[dict[str, Any]]:
    return [
        step(code, "S1", "开始", "申请", "S2"),
        {
            **step(code, "S2", "办理环节", "受理", "S3"),
            "承办岗位编码": world.post_budget_clerk.code,
            "时限": 5,
            "时限单位": "工作日",
            "办理条件": "材料齐全",
            "岗位责任": "五个工作日内决定是否受理",
            "形成文书": "受理通知书",
        },
        step(code, "S3", "判断", "材料是否齐全", "S4:齐全；S5:不齐全"),
        step(code, "S5", "办理环节", "补正材料", "S2"),
        {**step(code, "S4", "办理环节", "审查决定", "S6"), "承办机构": "国库科"},
        step(code, "S6", "结束", "办结"),
    ]


def penalty_rows(code: str) -> list[dict[str, Any]]:
    def grade(circumstance: str, low: Any, high: Any, **extra: Any) -> dict[str, Any]:
        return {
            "职权编码": code,
            "违法行为": "违反规定擅自改变预算资金用途",
            "处罚种类": "罚款",
            "情节": circumstance,
            "幅度下限": low,
            "幅度上限": high,
            "计量单位": "元",
            "依据": "《财政违法行为处罚处分条例》第十四条",
            **extra,
        }

    return [
        grade("轻微", 3000, 10000),
        grade("一般", 10000, "30,000"),
        grade("较重", "30000", 50000.5),
        {**grade("一般", None, None, 处罚种类="警告"), "其他裁量": "警告"},
    ]


def good_sheets(world: World) -> dict[str, list[dict[str, Any]]]:
    finance = world.finance
    return {
        "职权": [
            power_row("CZ-XK-001", finance, 承办机构="预算科"),
            power_row(
                "CZ-CF-001",
                finance,
                职权名称="对擅自改变预算资金用途的处罚",
                职权类别="行政处罚",
                承办机构=world.finance_other_dept.code,
                法定时限=None,
                时限单位=None,
            ),
        ],
        "流程环节": [
            *licence_steps("CZ-XK-001", world),
            step("CZ-CF-001", "A", "开始", "立案", "B"),
            step("CZ-CF-001", "B", "办理环节", "调查取证", "C"),
            step("CZ-CF-001", "C", "结束", "结案"),
        ],
        "裁量权基准": penalty_rows("CZ-CF-001"),
    }


def counts() -> tuple[int, ...]:
    return tuple(model.objects.count() for model in POWER_MODELS)


def run(world: World, sheets: dict[str, list[dict[str, Any]]], user: Any = None, **kw: Any):
    return import_catalogue(workbook(sheets, **kw), user=user or leader(world), file_name="t.xlsx")


def where(outcome: Outcome) -> list[tuple[str, int | None, str]]:
    return [(p.sheet, p.row, p.column) for p in outcome.problems]


def message(outcome: Outcome, sheet: str, row: int | None, column: str) -> str:
    found = [
        p.message for p in outcome.problems if (p.sheet, p.row, p.column) == (sheet, row, column)
    ]
    assert found, f"no problem at {sheet} row {row} {column}: {where(outcome)}"
    return found[0]


def refused(world: World, sheets: dict[str, list[dict[str, Any]]], **kw: Any) -> Outcome:
    """Import a bad file: it must be refused with nothing written at all."""
    before = counts()
    outcome = run(world, sheets, **kw)
    assert not outcome.ok
    assert outcome.problems
    assert counts() == before
    return outcome


# --- a good file --------------------------------------------------------------------------------


def test_good_file_makes_drafts_through_the_audited_services(world):
    outcome = run(world, good_sheets(world))
    assert outcome.ok, where(outcome)
    assert [(i.code, i.action) for i in outcome.imported] == [
        ("CZ-XK-001", "create"),
        ("CZ-CF-001", "create"),
    ]
    licence = Power.objects.get(code="CZ-XK-001")
    assert licence.status == Power.Status.DRAFT and licence.is_current
    assert licence.department == world.budget  # by name within the unit
    assert licence.time_limit_value == 20 and licence.time_limit_unit == "working_days"
    assert [str(b) for b in licence.legal_bases.all()] == [
        "《中华人民共和国政府采购法》第二十七条",
        "《政府采购非招标采购方式管理办法》第四条",
    ]
    steps = {s.key: s for s in licence.steps.all()}
    assert [s.key for s in licence.steps.all()] == ["S1", "S2", "S3", "S5", "S4", "S6"]
    assert steps["S2"].handler_post == world.post_budget_clerk
    assert steps["S2"].time_limit_text == "5工作日"
    assert steps["S4"].handler_department == world.finance_other_dept  # 国库科, by name
    assert steps["S3"].kind == "decision"
    edges = {(e.source.key, e.target.key, e.label) for e in licence.edges.all()}
    assert ("S3", "S4", "齐全") in edges and ("S3", "S5", "不齐全") in edges
    assert ("S5", "S2", "") in edges
    penalty = Power.objects.get(code="CZ-CF-001")
    assert penalty.department == world.finance_other_dept  # by code
    grades = {(b.measure, b.circumstance.name): b for b in penalty.benchmarks.all()}
    assert grades["罚款", "一般"].amount_to == Decimal("30000.00")
    assert grades["罚款", "较重"].amount_to == Decimal("50000.50")
    assert grades["警告", "一般"].other_measure == "警告"
    actor = leader(world)
    actions = list(AuditEvent.objects.filter(actor_id=actor.pk).values_list("action", flat=True))
    assert actions.count("powers.power.created") == 2
    assert actions.count("powers.flow.saved") == 2
    assert actions.count("powers.benchmarks.saved") == 1
    summary = AuditEvent.objects.get(action="powers.import.completed")
    assert summary.actor_id == actor.pk and (summary.after or {})["create"] == [
        "CZ-XK-001",
        "CZ-CF-001",
    ]


def test_second_import_replaces_the_draft_then_revises_once_published(world):
    assert run(world, good_sheets(world)).ok
    draft = Power.objects.get(code="CZ-XK-001")
    sheets = good_sheets(world)
    sheets["职权"][0]["职权名称"] = "政府采购方式变更审批（修改）"
    sheets["职权"][0]["法律依据"] = "《中华人民共和国政府采购法》第二十七条"
    sheets["流程环节"][:6] = [
        step("CZ-XK-001", "S1", "开始", "申请", "S2"),
        step("CZ-XK-001", "S2", "办理环节", "审批", "S3"),
        step("CZ-XK-001", "S3", "结束", "办结"),
    ]
    events = AuditEvent.objects.count()
    outcome = run(world, sheets)
    assert outcome.ok, where(outcome)
    assert [(i.action, i.changed_labels) for i in outcome.imported] == [
        ("replace", "基本信息和法律依据、流程"),
        ("unchanged", ""),  # the penalty is as it was: nothing written, nothing audited
    ]
    replaced = Power.objects.get(code="CZ-XK-001")
    assert replaced.pk == draft.pk and replaced.version_no == 1
    assert replaced.name.endswith("（修改）") and replaced.legal_bases.count() == 1
    assert replaced.steps.count() == 3
    new_events = AuditEvent.objects.order_by("id")[events:]
    assert [e.action for e in new_events] == [
        "powers.power.updated",
        "powers.flow.saved",
        "powers.import.completed",
    ]

    for power in Power.objects.all():
        services.power_publish(actor=None, power=power)
    sheets["职权"][0]["职权名称"] = "政府采购方式变更审批（第二版）"
    sheets["职权"][1]["收费"] = "依法不收费"
    del sheets["裁量权基准"]  # the penalty's grades are kept in its revision
    outcome = run(world, sheets)
    assert outcome.ok, where(outcome)
    assert [i.action for i in outcome.imported] == ["revise", "revise"]
    published = Power.objects.get(code="CZ-XK-001", version_no=1)
    revision = Power.objects.get(code="CZ-XK-001", version_no=2)
    assert published.status == "published" and published.is_current
    assert published.name.endswith("（修改）")
    assert revision.status == "draft" and not revision.is_current
    assert revision.previous == published and revision.name.endswith("（第二版）")
    assert revision.steps.count() == 3 and revision.legal_bases.count() == 1
    penalty = Power.objects.get(code="CZ-CF-001", version_no=2)
    assert penalty.fee == "依法不收费"
    assert penalty.benchmarks.count() == 4 and penalty.steps.count() == 3

    # importing again fills the pending revision instead of starting another
    sheets["职权"][0]["职权名称"] = "政府采购方式变更审批（第二版，再改）"
    outcome = run(world, sheets)
    assert outcome.ok
    assert [i.action for i in outcome.imported] == ["replace", "unchanged"]
    assert Power.objects.filter(code="CZ-XK-001").count() == 2
    assert Power.objects.get(code="CZ-XK-001", version_no=2).name.endswith("再改）")


def test_an_unchanged_published_power_gets_no_revision(world):
    assert run(world, good_sheets(world)).ok
    for power in Power.objects.all():
        services.power_publish(actor=None, power=power)
    sheets = good_sheets(world)
    sheets["裁量权基准"][0]["幅度上限"] = 9000  # only the penalty's grades change
    outcome = run(world, sheets)
    assert outcome.ok, where(outcome)
    assert [(i.action, i.changed_labels) for i in outcome.imported] == [
        ("unchanged", ""),
        ("revise", "裁量权基准"),
    ]
    assert Power.objects.filter(code="CZ-XK-001").count() == 1
    revision = Power.objects.get(code="CZ-CF-001", version_no=2)
    assert revision.steps.count() == 3 and revision.legal_bases.count() == 2
    mildest = revision.benchmarks.get(measure="罚款", circumstance__name="轻微")
    assert mildest.amount_to == Decimal("9000")


def test_power_without_step_rows_keeps_its_flow(world):
    assert run(world, good_sheets(world)).ok
    sheets = good_sheets(world)
    sheets["流程环节"] = [r for r in sheets["流程环节"] if r["职权编码"] != "CZ-XK-001"]
    assert run(world, sheets).ok
    assert Power.objects.get(code="CZ-XK-001").steps.count() == 6


def test_a_draft_moves_to_another_unit_with_its_new_flow(world):
    assert run(world, good_sheets(world)).ok
    sub_post = world.post_sub_unit
    sheets = good_sheets(world)
    sheets["职权"] = [power_row("CZ-XK-001", world.sub_unit)]
    sheets["流程环节"] = [
        step("CZ-XK-001", "S1", "开始", "申请", "S2"),
        {**step("CZ-XK-001", "S2", "办理环节", "审批", "S3"), "承办岗位编码": sub_post.code},
        step("CZ-XK-001", "S3", "结束", "办结"),
    ]
    sheets["裁量权基准"] = []
    outcome = run(world, sheets)
    assert outcome.ok, where(outcome)
    moved = Power.objects.get(code="CZ-XK-001")
    assert moved.unit == world.sub_unit and moved.steps.get(key="S2").handler_post == sub_post

    # moving back without a new flow would leave the sub-unit's post on the step
    sheets["职权"] = [power_row("CZ-XK-001", world.finance)]
    sheets["流程环节"] = []
    outcome = refused(world, sheets)
    assert "一并填写新的流程" in message(outcome, "职权", 2, "实施主体单位编码")


# --- bad input: each refused, named, nothing written --------------------------------------------


def test_a_step_that_cannot_reach_an_end_is_refused_with_that_step_named(world):
    sheets = good_sheets(world)
    sheets["流程环节"][4]["下一环节"] = None  # 审查决定 leads nowhere
    outcome = refused(world, sheets)
    text = message(outcome, "流程环节", 6, "下一环节")
    assert "环节“审查决定”无法到达结束节点" in text and "CZ-XK-001" in text


def test_a_loop_without_exit_is_refused(world):
    sheets = good_sheets(world)
    sheets["流程环节"][5:] = []  # drop the penalty flow
    sheets["流程环节"] = [
        step("CZ-XK-001", "S1", "开始", "申请", "S2"),
        step("CZ-XK-001", "S2", "办理环节", "审查", "S3"),
        step("CZ-XK-001", "S3", "判断", "是否通过", "S2:退回；S4:补充"),
        step("CZ-XK-001", "S4", "办理环节", "补充材料", "S2"),
        step("CZ-XK-001", "S9", "结束", "办结"),
    ]
    outcome = refused(world, sheets)
    messages = " ".join(p.message for p in outcome.problems)
    for name in ("审查", "是否通过", "补充材料"):
        assert f"环节“{name}”无法到达结束节点" in messages
    assert "环节“办结”无法从开始节点到达" in messages


def test_bad_headers_and_missing_sheets(world):
    outcome = refused(world, good_sheets(world), drop=("法律依据", "环节类型"))
    assert "缺少列“法律依据”" in message(outcome, "职权", 1, "法律依据")
    assert "缺少列“环节类型”" in message(outcome, "流程环节", 1, "环节类型")
    sheets = good_sheets(world)
    del sheets["职权"]
    outcome = refused(world, sheets)
    assert "没有“职权”工作表" in outcome.problems[0].message
    outcome = refused(world, {"职权": []})
    assert "没有数据" in outcome.problems[0].message


def test_unknown_and_out_of_scope_units(world):
    sheets = good_sheets(world)
    sheets["职权"][0]["实施主体单位编码"] = "NO-SUCH-UNIT"
    sheets["职权"][1]["实施主体单位编码"] = world.housing.code
    outcome = refused(world, sheets)
    assert "未找到单位编码“NO-SUCH-UNIT”" in message(outcome, "职权", 2, "实施主体单位编码")
    assert "不在您的职权目录导入范围内" in message(outcome, "职权", 3, "实施主体单位编码")
    # a system administrator may import into the housing bureau
    admin = world.users["system_admin"]
    sheets = good_sheets(world)
    for row in sheets["职权"]:
        row["实施主体单位编码"] = world.housing.code
        row["承办机构"] = None
    sheets["流程环节"][1]["承办岗位编码"] = world.post_housing.code
    sheets["流程环节"][4]["承办机构"] = world.housing_dept.name
    assert run(world, sheets, user=admin).ok


def test_a_code_held_outside_the_scope_or_revoked_is_refused(world):
    category = PowerCategory.objects.get(code="licensing")
    services.power_create(
        actor=None, code="ZJ-001", name="建筑工程施工许可", category=category, unit=world.housing
    )
    gone = services.power_create(
        actor=None, code="CZ-OLD", name="旧职权", category=category, unit=world.finance
    )
    Power.objects.filter(pk=gone.pk).update(status=Power.Status.REVOKED)
    sheets = good_sheets(world)
    sheets["职权"][0]["职权编码"] = "ZJ-001"
    sheets["职权"][1]["职权编码"] = "CZ-OLD"
    sheets["流程环节"] = []
    sheets["裁量权基准"] = []
    outcome = refused(world, sheets)
    assert "导入范围以外的单位使用" in message(outcome, "职权", 2, "职权编码")
    assert "已废止" in message(outcome, "职权", 3, "职权编码")


def test_foreign_and_unknown_handlers(world):
    sheets = good_sheets(world)
    sheets["流程环节"][1]["承办岗位编码"] = world.post_housing.code
    sheets["流程环节"][3]["承办岗位编码"] = "NO-POST"
    sheets["流程环节"][4]["承办机构"] = world.housing_dept.code
    sheets["流程环节"][5]["承办机构"] = "不存在的科室"
    sheets["职权"][1]["承办机构"] = world.other_district_dept.code
    outcome = refused(world, sheets)
    text = message(outcome, "流程环节", 3, "承办岗位编码")
    assert world.post_housing.code in text and "不属于职权的实施主体单位“甲区财政局”" in text
    assert "未找到岗位编码“NO-POST”" in message(outcome, "流程环节", 5, "承办岗位编码")
    assert "属于“甲区住建局”" in message(outcome, "流程环节", 6, "承办机构")
    assert "未找到内设机构“不存在的科室”" in message(outcome, "流程环节", 7, "承办机构")
    assert "属于“乙区财政局”" in message(outcome, "职权", 3, "承办机构")


def test_ambiguous_department_name_asks_for_the_code(world):
    DepartmentFactory.create(unit=world.finance, name="预算科")
    outcome = refused(world, good_sheets(world))
    assert "多个名为“预算科”" in message(outcome, "职权", 2, "承办机构")


def test_duplicates_in_the_file(world):
    sheets = good_sheets(world)
    sheets["职权"].append(power_row("CZ-XK-001", world.finance))
    sheets["流程环节"].append(step("CZ-XK-001", "S2", "办理环节", "再次受理", "S3"))
    sheets["裁量权基准"].append(penalty_rows("CZ-CF-001")[0])
    outcome = refused(world, sheets)
    assert "与第 2 行重复" in message(outcome, "职权", 4, "职权编码")
    assert "与第 3 行重复" in message(outcome, "流程环节", 11, "职权编码")
    assert "与第 2 行重复" in message(outcome, "裁量权基准", 6, "职权编码")


def test_overlapping_and_malformed_benchmarks(world):
    sheets = good_sheets(world)
    sheets["裁量权基准"][1]["幅度下限"] = 5000  # 一般 5000–30000 overlaps 轻微 3000–10000
    sheets["裁量权基准"][2]["幅度上限"] = 100  # 较重 30000–100
    outcome = refused(world, sheets)
    assert "裁量幅度重叠" in message(outcome, "裁量权基准", 2, "")
    assert "下限 30000.00 大于上限 100.00" in message(outcome, "裁量权基准", 4, "")


def test_benchmarks_only_for_penalty_and_enforcement_powers(world):
    sheets = good_sheets(world)
    sheets["裁量权基准"][0]["职权编码"] = "CZ-XK-001"
    outcome = refused(world, sheets)
    assert "只有行政处罚、行政强制类职权" in message(outcome, "裁量权基准", 2, "职权编码")


def test_bad_numbers_and_cells(world):
    sheets = good_sheets(world)
    sheets["职权"][0].update({"法定时限": "十五天", "生效年度": 3000, "职权类别": "行政许可"})
    sheets["职权"][1].update({"法律依据": "政府采购法第二十七条", "法定时限": 15})
    sheets["流程环节"][1].update({"时限": -3, "环节编号": "受理"})
    sheets["流程环节"][2]["下一环节"] = "S4:齐全；S7:不齐全"
    sheets["流程环节"][3]["环节类型"] = "办理"
    sheets["裁量权基准"][0].update({"幅度下限": "abc", "幅度上限": "10000.123"})
    sheets["裁量权基准"][1]["幅度上限"] = -5
    outcome = refused(world, sheets)
    assert "应填写整数" in message(outcome, "职权", 2, "法定时限")
    assert "1949 到 2100" in message(outcome, "职权", 2, "生效年度")
    assert "不是有效的值" in message(outcome, "职权", 2, "职权类别")
    assert "《法规名称》条款" in message(outcome, "职权", 3, "法律依据")
    assert "同时填写" in message(outcome, "职权", 3, "时限单位")
    assert "应在 0 到 100000 之间" in message(outcome, "流程环节", 3, "时限")
    assert "字母、数字" in message(outcome, "流程环节", 3, "环节编号")
    assert "“S7”不在职权“CZ-XK-001”" in message(outcome, "流程环节", 4, "下一环节")
    assert "不是有效的值" in message(outcome, "流程环节", 5, "环节类型")
    assert "应填写数字" in message(outcome, "裁量权基准", 2, "幅度下限")
    assert "两位小数" in message(outcome, "裁量权基准", 2, "幅度上限")
    assert "负数" in message(outcome, "裁量权基准", 3, "幅度上限")
    shown = {p.value for p in outcome.problems}
    assert {"十五天", "abc", "10000.123", "政府采购法第二十七条"} <= shown


def test_rows_for_powers_not_in_the_file(world):
    sheets = good_sheets(world)
    sheets["流程环节"].append(step("NOPE", "S1", "开始", "申请"))
    sheets["裁量权基准"].append({**penalty_rows("NOPE")[0]})
    outcome = refused(world, sheets)
    assert "不在本文件的“职权”表中" in message(outcome, "流程环节", 11, "职权编码")
    assert "不在本文件的“职权”表中" in message(outcome, "裁量权基准", 6, "职权编码")


def test_a_write_refused_late_rolls_everything_back(world, monkeypatch):
    real = services.benchmarks_save

    def refuse(**kwargs: Any) -> None:
        real(**kwargs)
        raise ValidationError("模拟的规则")

    monkeypatch.setattr(services, "benchmarks_save", refuse)
    before = counts()
    outcome = run(world, good_sheets(world))
    assert not outcome.ok and counts() == before
    assert "CZ-CF-001" in outcome.problems[0].message
    assert "模拟的规则" in outcome.problems[0].message


def test_a_power_changed_between_check_and_write_stops_everything(world, monkeypatch):
    assert run(world, good_sheets(world)).ok
    real = importer_module.check

    def check_then_edit(*args: Any, **kwargs: Any) -> Any:
        plans = real(*args, **kwargs)
        Power.objects.filter(code="CZ-XK-001").update(version=99)
        return plans

    monkeypatch.setattr(importer_module, "check", check_then_edit)
    before = counts()
    outcome = run(world, good_sheets(world))
    assert not outcome.ok and counts() == before
    assert "导入期间有人修改" in outcome.problems[0].message


def test_handler_posts_of_the_unit_are_found_in_bulk(world, django_assert_max_num_queries):
    """The checks read the database a handful of times, not once a row."""
    sheets = good_sheets(world)
    posts = [PostFactory.create(unit=world.finance) for _ in range(20)]
    for i, post in enumerate(posts):
        code = f"CZ-N-{i:02d}"
        sheets["职权"].append(power_row(code, world.finance))
        sheets["流程环节"] += [
            step(code, "S1", "开始", "申请", "S2"),
            {**step(code, "S2", "办理环节", "审批", "S3"), "承办岗位编码": post.code},
            step(code, "S3", "结束", "办结"),
        ]
    from lianjing.org.exchange.reader import Report
    from lianjing.powers.exchange.checks import check
    from lianjing.powers.exchange.reader import read_catalogue

    report = Report()
    rows = read_catalogue(workbook(sheets), report)
    with django_assert_max_num_queries(20):
        plans = check(rows, report, leader(world))
    assert not report and len(plans) == 22
