"""The demo power catalogue: loaded with the district through `load_demo` (as `make run` does),
once for the module inside a transaction that is rolled back at the end; each test runs in a
savepoint. The bulk loader skips the services, so these tests hold every stored row to what
the services would enforce."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, fields, replace
from io import StringIO
from itertools import pairwise
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import F, Prefetch
from django.test import TestCase

from lianjing.accounts.demo import DemoResult, load_demo
from lianjing.core.models import AuditEvent
from lianjing.org.models import Unit
from lianjing.powers import flow, services
from lianjing.powers.benchmarks import Grade, grade_problems
from lianjing.powers.demo import PowerDemoStats, load_powers
from lianjing.powers.demo.catalog import unit_catalogue
from lianjing.powers.demo.handlers import UnitDirectory
from lianjing.powers.demo.loader import district_units, template_problems
from lianjing.powers.demo.market import FOOD_LICENCE
from lianjing.powers.demo.spec import post
from lianjing.powers.models import DiscretionBenchmark, FlowEdge, FlowStep, LegalBasis, Power
from lianjing.powers.publication import catalogue_changed, generation

INTERNAL_NAMES = [
    {"财务报销审批"},
    {"物资采购"},
    {"干部选拔任用", "工作人员公开招聘", "员工公开招聘", "员工招聘", "社区工作者招聘"},
    {"公务用车使用管理", "公务出行用车申请"},
    {"“三重一大”事项集体决策", "社区“三重一大”事项民主决策"},
]

# the current versions of each sector unit's powers by category (internal ones included)
SECTOR_CATEGORIES = {
    "market": "internal:5 licensing:3 penalty:4 inspection:1 enforcement:1",
    "housing": "internal:5 licensing:3 penalty:2 inspection:1 other:1",
    "finance": "internal:5 other:2 licensing:1 adjudication:1 penalty:1",
    "human_resources": "internal:5 other:1 confirmation:2 benefit:1 penalty:1",
    "transport": "internal:5 other:1 licensing:2 penalty:1",
}
SECTOR_NAMES = {
    "market": "食品经营许可 个体工商户登记 对未取得食品经营许可从事食品经营活动的处罚 "
    "对经营不符合食品安全标准的食品的处罚 市场主体“双随机、一公开”抽查 查封、扣押",
    "housing": "建筑工程施工许可 商品房预售许可 建设工程质量安全监督检查",
    "finance": "财政专项资金分配 政府采购方式变更审批 政府采购投诉处理 国库集中支付",
    "human_resources": "事业单位公开招聘 职业技能鉴定 基本养老保险待遇核定",
    "transport": "交通建设项目招标投标监督 道路货物运输经营许可 对车辆违法超限运输的处罚",
}


@dataclass
class Loaded:
    result: DemoResult
    generation_before: int
    callbacks: list


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker) -> Iterator[Loaded]:
    with django_db_blocker.unblock(), transaction.atomic():
        before = generation()
        with TestCase.captureOnCommitCallbacks(execute=True) as callbacks:
            result = load_demo()
        yield Loaded(result, before, callbacks)
        transaction.set_rollback(True)


@pytest.fixture
def stats(loaded: Loaded, db) -> PowerDemoStats:
    assert loaded.result.powers is not None
    return loaded.result.powers


@pytest.fixture
def region(stats: PowerDemoStats) -> Unit:
    return stats.region


@pytest.fixture
def units(region: Unit) -> dict[str, Unit]:
    return dict(district_units(region))


def _flow(power: Power) -> tuple[list[flow.StepNode], list[flow.EdgeLink]]:
    steps = [flow.StepNode(s.key, s.name, s.kind) for s in power.steps.all()]
    edges = [flow.EdgeLink(e.source.key, e.target.key, e.label) for e in power.edges.all()]
    return steps, edges


def _district_powers(region: Unit):
    return Power.objects.filter(unit__in=Unit.objects.descendants(region))


def _has_loop(steps: list[flow.StepNode], edges: list[flow.EdgeLink]) -> bool:
    out = defaultdict(list)
    for e in edges:
        out[e.source].append(e.target)
    state: dict[str, int] = {}

    def visit(key: str) -> bool:
        state[key] = 1
        for nxt in out[key]:
            if state.get(nxt) == 1 or (nxt not in state and visit(nxt)):
                return True
        state[key] = 2
        return False

    return any(s.key not in state and visit(s.key) for s in steps)


# --- what was loaded ------------------------------------------------------------------------------


def test_every_unit_of_the_district_has_its_own_five_internal_powers(region, units):
    assert len(units) == 64 == len(Unit.objects.descendants(region))
    internal = Power.objects.filter(category__code="internal", unit__in=units.values())
    for unit in units.values():
        mine = sorted(internal.filter(unit=unit), key=lambda p: p.code)
        assert [p.code for p in mine] == [f"{unit.code}-NB-0{n}" for n in range(1, 6)], unit
        for power, names in zip(mine, INTERNAL_NAMES, strict=True):
            assert power.name in names, (unit, power.name)
    assert internal.values("code").distinct().count() == 64 * 5
    # the organs select cadres; the others recruit
    assert internal.get(unit=units["finance"], code__endswith="NB-03").name == "干部选拔任用"
    assert internal.get(unit=units["hospital"], code__endswith="NB-03").name == "工作人员公开招聘"
    assert internal.get(unit=units["community_1_1"], code__endswith="NB-05").name == (
        "社区“三重一大”事项民主决策"
    )


def test_sector_catalogues_by_unit_and_category(region, units):
    current = Power.objects.filter(is_current=True, unit__in=units.values())
    by_unit = {
        key: Counter(current.filter(unit=unit).values_list("category__code", flat=True))
        for key, unit in units.items()
    }
    for key, expected in SECTOR_CATEGORIES.items():
        counts = (pair.split(":") for pair in expected.split())
        assert by_unit[key] == {category: int(n) for category, n in counts}, key
    others = [counts for key, counts in by_unit.items() if key not in SECTOR_CATEGORIES]
    assert len(others) == 59 and all(counts == {"internal": 5} for counts in others)
    names = {(p.unit_id, p.name) for p in current}
    for key, listed in SECTOR_NAMES.items():
        assert all((units[key].pk, name) in names for name in listed.split()), key


def test_stats_match_the_stored_rows(stats, region):
    powers = _district_powers(region)
    assert stats.units == 64
    assert stats.powers == powers.count() == 351
    assert stats.published == powers.filter(status="published", is_current=True).count()
    assert stats.drafts == powers.filter(status="draft").count() == 8
    assert stats.revoked == powers.filter(status="revoked").count() == 2
    assert stats.history == powers.filter(is_current=False).count() == 1
    assert stats.steps == FlowStep.objects.filter(power__in=powers).count()
    assert stats.edges == FlowEdge.objects.filter(power__in=powers).count()
    assert stats.legal_bases == LegalBasis.objects.filter(power__in=powers).count()
    assert stats.benchmarks == DiscretionBenchmark.objects.filter(power__in=powers).count()


# --- what the services would enforce --------------------------------------------------------------


def test_every_flow_is_sound_with_4_to_12_steps_and_branches(region):
    powers = _district_powers(region).prefetch_related(
        "steps", Prefetch("edges", FlowEdge.objects.select_related("source", "target"))
    )
    loops = 0
    labels: set[str] = set()
    for power in powers:
        steps, edges = _flow(power)
        assert flow.flow_problems(steps, edges) == [], power.code
        assert 4 <= len(steps) <= 12, power.code
        assert any(s.kind == flow.DECISION for s in steps), power.code
        loops += _has_loop(steps, edges)
        labels |= {e.label for e in edges}
    assert loops >= 64 * 2  # 报销 (补正) and 采购 (调整预算) in every unit, and more
    assert {"符合", "不符合", "同意", "不同意", "材料齐全", "需补正"} <= labels


def test_every_handler_is_a_post_or_office_of_the_powers_unit(region):
    steps = FlowStep.objects.filter(power__in=_district_powers(region))
    assert not steps.filter(handler_post__isnull=True, handler_department__isnull=True).exists()
    assert not steps.filter(handler_post__isnull=False, handler_department__isnull=False).exists()
    assert not steps.filter(handler_post__isnull=False).exclude(handler_post__unit=F("power__unit"))
    assert not steps.filter(handler_department__isnull=False).exclude(
        handler_department__unit=F("power__unit")
    )
    powers = _district_powers(region)
    assert not powers.filter(department__isnull=False).exclude(department__unit=F("unit"))
    # the sector catalogues name real offices, so their powers all have a 承办机构
    sector = _district_powers(region).exclude(category__code="internal")
    assert not sector.filter(department__isnull=True).exists()


def test_handlers_are_the_posts_a_reader_expects(units):
    def handlers(key: str, code: str) -> dict[str, str]:
        power = Power.objects.get(code=f"{units[key].code}-{code}", is_current=True)
        return {
            s.key: str(s.handler_post or s.handler_department)
            for s in power.steps.select_related("handler_post", "handler_department")
        }

    food = handlers("market", "XK-001")
    assert food["accept"] == "食品经营许可审查员" and food["grant"] == "党组成员、副局长"
    expense = handlers("finance", "NB-01")
    assert expense["chief"] == "党组书记、局长"
    hospital = handlers("hospital", "NB-01")
    assert [hospital[k] for k in ("check", "pay", "review")] == ["会计", "出纳", "财务科科长"]
    community = handlers("community_1_1", "NB-01")
    assert community["check"] == "社区报账员" and community["review"] == "居务监督委员会主任"
    stationed = handlers("stationed_1", "NB-05")
    assert stationed["meeting"] == "组长"


def test_rows_pass_model_validation(region):
    powers = list(_district_powers(region))
    for power in powers:
        power.full_clean(exclude=["category", "unit", "department", "previous"])
    steps = FlowStep.objects.filter(power__in=powers)
    for step in steps:
        step.full_clean(
            exclude=["power", "handler_post", "handler_department"], validate_constraints=False
        )
        assert bool(step.time_limit_value) == bool(step.time_limit_unit)
    for basis in LegalBasis.objects.filter(power__in=powers):
        basis.full_clean(exclude=["power"])
        assert basis.title and "《" not in basis.title  # the title is shown inside 《》


def test_publication_states_and_legal_bases(region):
    powers = _district_powers(region)
    published = powers.filter(status="published", is_current=True)
    assert published.count() == 340
    assert not published.filter(published_at__isnull=True).exists()
    assert set(published.values_list("effective_year", flat=True)) == {2026}
    assert not published.filter(legal_bases__isnull=True).exists()
    drafts = powers.filter(status="draft")
    assert not drafts.filter(published_at__isnull=False).exists()
    revoked = set(powers.filter(status="revoked").values_list("name", flat=True))
    assert revoked == {"建筑业企业资质（施工总承包三级）核准", "水平评价类技能人员职业资格鉴定"}
    assert not powers.filter(status="revoked", published_at__isnull=True).exists()
    assert powers.filter(status="draft", category__code="internal").count() == 5  # 两新组织


def test_the_food_licence_has_two_versions(units):
    code = f"{units['market'].code}-XK-001"
    old, new = Power.objects.filter(code=code).order_by("version_no")
    assert (old.version_no, old.is_current, old.status) == (1, False, "published")
    assert (new.version_no, new.is_current, new.status) == (2, True, "published")
    assert new.previous == old and old.effective_year == 2023 and new.effective_year == 2026
    assert old.published_at and new.published_at and old.published_at < new.published_at
    assert (old.time_limit_value, new.time_limit_value) == (20, 10)
    assert "食品经营许可管理办法" in {b.title for b in old.legal_bases.all()}
    assert "食品经营许可和备案管理办法" in {b.title for b in new.legal_bases.all()}
    assert old.steps.filter(key="site").exists() and not new.steps.filter(key="site").exists()


def test_benchmarks_are_well_graded_over_the_four_circumstances(region):
    powers = _district_powers(region)
    assert not DiscretionBenchmark.objects.filter(power__in=powers).exclude(
        power__category__code__in=services.DISCRETION_CATEGORIES
    )
    discretionary = powers.filter(category__code__in=services.DISCRETION_CATEGORIES)
    assert discretionary.count() == 10
    assert not discretionary.filter(benchmarks__isnull=True).exists()
    units_used = set()
    for power in discretionary:
        rows = list(power.benchmarks.select_related("circumstance").order_by("order"))
        grades = [
            Grade(n, b.violation, b.measure, b.circumstance.name, b.amount_from, b.amount_to)
            for n, b in enumerate(rows, start=1)
            if b.amount_from is not None
        ]
        assert grade_problems(grades) == [], power.code
        assert all(b.amount_from is not None or b.other_measure for b in rows)
        ranged = defaultdict(list)
        for b in rows:
            units_used.add(b.amount_unit)
            if b.amount_from is not None:
                ranged[(b.violation, b.measure)].append(b)
        for grades_of_one in ranged.values():
            ordered = sorted(grades_of_one, key=lambda b: b.circumstance.order)
            assert all(a.amount_to <= b.amount_from for a, b in pairwise(ordered))
    assert {"元", "倍"} <= units_used
    food = powers.get(name="对未取得食品经营许可从事食品经营活动的处罚")
    circumstances = set(food.benchmarks.values_list("circumstance__code", flat=True))
    assert circumstances == {"minor", "ordinary", "serious", "grave"}
    fine = food.benchmarks.filter(measure="罚款（货值金额不足一万元）").order_by("amount_from")
    assert [(b.amount_from, b.amount_to) for b in fine] == [
        (50000, 65000),
        (65000, 85000),
        (85000, 100000),
    ]


def test_the_services_accept_the_demo_drafts_as_they_are(region):
    """Re-saving each draft's flow and benchmarks through the services, then publishing it,
    passes every rule they enforce."""
    drafts = _district_powers(region).filter(status="draft").select_related("category")
    for power in drafts:
        steps = [
            services.StepInput(s.key, s.name, s.kind, services._step_fields(s))
            for s in power.steps.all()
        ]
        _, edges = _flow(power)
        services.flow_save(actor=None, power=power, steps=steps, edges=edges)
        names = [f.name for f in fields(services.BenchmarkInput)]
        rows = [
            services.BenchmarkInput(**{name: getattr(b, name) for name in names})
            for b in power.benchmarks.all()
        ]
        if rows:
            services.benchmarks_save(actor=None, power=power, rows=rows)
        services.power_publish(actor=None, power=power)
    assert not _district_powers(region).filter(status="draft").exists()


def test_a_published_demo_power_can_be_revised(units):
    power = Power.objects.get(code=f"{units['market'].code}-XK-001", is_current=True)
    draft = services.power_revise(actor=None, power=power)
    assert draft.version_no == 3 and draft.steps.count() == power.steps.count()


# --- the load itself ------------------------------------------------------------------------------


def test_one_audit_event_and_the_public_catalogue_is_refreshed(loaded, stats, region):
    events = AuditEvent.objects.filter(action="powers.demo.loaded")
    assert events.count() == 1
    event = events.get()
    assert event.object_id == str(region.pk) and event.after == stats.counts()
    assert catalogue_changed in loaded.callbacks
    assert generation() > loaded.generation_before


def test_loading_twice_is_refused_and_load_demo_stays_idempotent(region):
    count = Power.objects.count()
    with pytest.raises(ValueError, match="已经载入过"):
        load_powers(region)
    again = load_demo()
    assert again.powers is None and again.district is None and again.accounts == []
    assert Power.objects.count() == count


def test_the_command_prints_the_catalogue_line(loaded, db):
    out = StringIO()
    target = "lianjing.accounts.management.commands.load_demo.load_demo"
    with mock.patch(target, return_value=loaded.result):
        call_command("load_demo", stdout=out)
    assert (
        "已载入演示职权目录：64 个单位的职权 350 项（已公布 340 项、草稿 8 项、已废止 2 项）"
        in (out.getvalue())
    )


def test_the_catalogue_is_deterministic(region, units):
    directory = UnitDirectory(units.values())
    planned = [
        (f"{unit.code}-{t.suffix}", t.version_no, t.name)
        for key, unit in units.items()
        for t, _ in unit_catalogue(key, unit.kind, unit.name, directory.top_post_name(unit.pk))
    ]
    stored = _district_powers(region).values_list("code", "version_no", "name")
    assert sorted(planned) == sorted(stored)
    assert planned == [
        (f"{unit.code}-{t.suffix}", t.version_no, t.name)
        for key, unit in units.items()
        for t, _ in unit_catalogue(key, unit.kind, unit.name, directory.top_post_name(unit.pk))
    ]


def test_a_broken_template_is_named_before_anything_is_written():
    no_end = replace(FOOD_LICENCE, flow=FOOD_LICENCE.flow[:-1])
    problems = template_problems(no_end)
    assert any("食品经营许可" in p and "结束节点" in p for p in problems)
    unsourced = replace(FOOD_LICENCE, bases=())
    assert template_problems(unsourced) == ["食品经营许可：公布前须填写至少一项法律依据"]


def test_strict_handlers_fail_loudly(units):
    directory = UnitDirectory([units["market"]])
    with pytest.raises(LookupError, match="不存在的岗位"):
        directory.resolve(units["market"].pk, (post("不存在的岗位"),))
    assert (
        directory.resolve(units["market"].pk, (post("不存在的岗位"),), strict=False).post_id is None
    )
