#!/usr/bin/env python3
"""The public portal under load: a unit with 500 published powers (flows of 6–10 steps, discretion
benchmarks on penalty and enforcement powers); p95 of 50 anonymous requests of its catalogue page
(first page, a middle page, a search) and of a power page, server side (Django's test client in
this process), with the number of SQL queries:

  cold        the whole cache emptied before each request (pages, generation, flow-chart SVGs)
  republished the catalogue generation bumped before each request, as a publish does: pages are
              rendered again, flow charts come from the cache
  warm        served from the cache (a public spike)

Usage (a throwaway database; the unit is built on first use, about a minute):
  DATABASE_URL=sqlite:////tmp/lianjing-portal.sqlite3 .venv/bin/python bench/portal.py
  createdb -h 127.0.0.1 -U postgres lianjing_bench_portal
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/lianjing_bench_portal \
    .venv/bin/python bench/portal.py
The cache is the one `make run` uses (files, here in a scratch directory: LIANJING_DATA_DIR).
Target (issue 4): the catalogue page of a unit with 500 powers p95 ≤ 100 ms, cold included."""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")
# the file cache gets emptied here: keep it away from the data/ of a running `make run`
os.environ.setdefault(
    "LIANJING_DATA_DIR", str(Path(tempfile.gettempdir()) / "lianjing-bench-portal")
)
if not os.environ.get("DATABASE_URL"):
    sys.exit("set DATABASE_URL to a throwaway database (see the docstring)")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402
from django.urls import reverse  # noqa: E402

from lianjing.org.models import Department, Post, Rank, Unit  # noqa: E402
from lianjing.powers import services  # noqa: E402
from lianjing.powers.flow import DECISION, END, START, STEP, EdgeLink  # noqa: E402
from lianjing.powers.models import Circumstance, FlowStep, Power, PowerCategory  # noqa: E402
from lianjing.powers.publication import catalogue_changed  # noqa: E402
from lianjing.powers.services import BenchmarkInput, StepInput  # noqa: E402

POWERS = 500
REQUESTS = 50
TARGET_MS = 100
PLAIN_STATIC = "django.contrib.staticfiles.storage.StaticFilesStorage"
UNIT_CODE = "BENCH-PORTAL-SC"
CATEGORIES = ["licensing", "penalty", "penalty", "enforcement", "inspection", "confirmation"]
SUBJECTS = [
    "食品经营",
    "药品零售",
    "医疗器械",
    "特种设备",
    "广告发布",
    "计量器具",
    "网络交易",
    "价格",
]
VERBS = {
    "licensing": "{s}许可",
    "penalty": "对违反{s}管理规定行为的处罚",
    "enforcement": "查封扣押与{s}有关的物品",
    "inspection": "{s}监督检查",
    "confirmation": "{s}登记确认",
}


def ensure_unit() -> Unit:
    call_command("migrate", verbosity=0)
    region, _ = Unit.objects.get_or_create(
        code="BENCH-PORTAL",
        defaults={"name": "基准区", "level": Unit.Level.COUNTY, "kind": Unit.Kind.REGION},
    )
    unit, _ = Unit.objects.get_or_create(
        code=UNIT_CODE,
        defaults={
            "name": "基准区市场监督管理局",
            "parent": region,
            "level": Unit.Level.COUNTY,
            "kind": Unit.Kind.GOVERNMENT,
        },
    )
    done = Power.objects.filter(unit=unit, status=Power.Status.PUBLISHED).count()
    if done < POWERS:
        started = time.perf_counter()
        offices, posts = _offices(unit)
        for i in range(done, POWERS):
            _publish(unit, i, offices[i % len(offices)], posts)
        print(f"{POWERS - done} powers published in {time.perf_counter() - started:.0f} s")
    return unit


def _offices(unit: Unit) -> tuple[list[Department], list[Post]]:
    rank = Rank.objects.order_by("order").first()
    assert rank is not None
    offices, posts = [], []
    for d in range(8):
        office, _ = Department.objects.get_or_create(
            code=f"{UNIT_CODE}-D{d}", defaults={"unit": unit, "name": f"第{d + 1}业务科"}
        )
        offices.append(office)
        for p, name in enumerate(["窗口受理岗", "审核岗", "审批岗", "法制审核岗"]):
            post, _ = Post.objects.get_or_create(
                code=f"{UNIT_CODE}-D{d}-P{p}",
                defaults={"unit": unit, "department": office, "name": name, "rank": rank},
            )
            posts.append(post)
    return offices, posts


def _publish(unit: Unit, i: int, office: Department, posts: list[Post]) -> None:
    category = CATEGORIES[i % len(CATEGORIES)]
    subject = SUBJECTS[i % len(SUBJECTS)]
    power = services.power_create(
        actor=None,
        legal_bases=[("中华人民共和国行政许可法", f"第{i % 80 + 1}条"), (f"{subject}管理条例", "")],
        code=f"SC-{category[:2].upper()}-{i:04d}",
        name=f"{VERBS[category].format(s=subject)}（{i:03d}）",
        category=PowerCategory.objects.get(code=category),
        unit=unit,
        department=office,
        content=f"依法对本行政区域内{subject}活动实施监督管理，" * 6,
        service_target="公民、法人和其他组织",
        time_limit_value=20,
        time_limit_unit="working_days",
        fee="不收费",
        effective_year=2026,
    )
    steps, edges = _flow(6 + i % 5, posts[(i * 4) % len(posts) : (i * 4) % len(posts) + 4])
    services.flow_save(actor=None, power=power, steps=steps, edges=edges)
    if category in services.DISCRETION_CATEGORIES:
        services.benchmarks_save(actor=None, power=power, rows=_benchmarks(subject))
    services.power_publish(actor=None, power=power)


def _flow(size: int, posts: list[Post]) -> tuple[list[StepInput], list[EdgeLink]]:
    """申请 → 受理 → 材料是否齐全 (不齐全: 补正材料 → 受理) → … → 办结: `size` nodes."""
    details = {
        "conditions": "申请材料齐全、符合法定形式",
        "procedure": "按规定程序办理，留存记录",
        "responsibility": "对办理结果负责",
        "documents": "审批表",
    }
    steps = [
        StepInput("s", "申请", START),
        StepInput(
            "a",
            "受理",
            STEP,
            {
                "handler_post": posts[0],
                "time_limit_value": 1,
                "time_limit_unit": "working_days",
                **details,
            },
        ),
        StepInput("d", "材料是否齐全", DECISION),
        StepInput(
            "b", "补正材料", STEP, {"time_limit_value": 5, "time_limit_unit": "working_days"}
        ),
    ]
    edges = [
        EdgeLink("s", "a"),
        EdgeLink("a", "d"),
        EdgeLink("d", "b", "不齐全"),
        EdgeLink("b", "a"),
    ]
    previous, label = "d", "齐全"
    for n in range(size - 5):
        key = f"k{n}"
        steps.append(
            StepInput(
                key,
                f"第{n + 1}级审核",
                STEP,
                {
                    "handler_post": posts[(n + 1) % len(posts)],
                    "time_limit_value": 3,
                    "time_limit_unit": "working_days",
                    **details,
                },
            )
        )
        edges.append(EdgeLink(previous, key, label))
        previous, label = key, ""
    steps.append(StepInput("e", "办结", END))
    edges.append(EdgeLink(previous, "e", label))
    return steps, edges


def _benchmarks(subject: str) -> list[BenchmarkInput]:
    grades = list(Circumstance.objects.order_by("order"))
    rows = []
    for v in range(2):
        violation = f"违反{subject}管理规定的第{v + 1}类行为"
        low = Decimal(0)
        for g, circumstance in enumerate(grades):
            high = low + Decimal(10_000 * (g + 1))
            rows.append(
                BenchmarkInput(
                    violation,
                    "罚款",
                    circumstance,
                    low,
                    high,
                    "元",
                    conditions="依具体情节认定",
                    legal_basis=f"{subject}管理条例",
                )
            )
            low = high
    return rows


def measure(
    client: Client, path: str, before: Callable[[], None] | None
) -> tuple[float, float, int, int]:
    timings = []
    queries = status = 0
    client.get(path)  # warm-up (imports, template loading)
    for _ in range(REQUESTS):
        if before is not None:
            before()
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            response = client.get(path)
            elapsed = (time.perf_counter() - started) * 1000
        status = response.status_code
        timings.append(elapsed)
        queries = max(queries, len(ctx.captured_queries))
    return statistics.quantiles(timings, n=20)[-1], statistics.median(timings), queries, status


def main() -> None:
    unit = ensure_unit()
    power = (
        Power.objects.filter(unit=unit, status=Power.Status.PUBLISHED, category__code="penalty")
        .order_by("-code")
        .first()
    )
    assert power is not None
    published = Power.objects.filter(unit=unit, status=Power.Status.PUBLISHED).count()
    print(
        f"database: {connection.vendor}; cache: {settings.CACHES['default']['BACKEND']}; "
        f"unit with {published} published powers, "
        f"{FlowStep.objects.filter(power__unit=unit).count():,} flow steps; power page: "
        f"{power.steps.count()} steps, {power.benchmarks.count()} benchmark grades"
    )
    catalogue = reverse("portal:unit", args=[unit.pk])
    pages = {
        "catalogue, page 1": (catalogue, True),
        "catalogue, page 13 of 25": (f"{catalogue}?page=13", True),
        "catalogue, search and category": (f"{catalogue}?q=食品&category=penalty", True),
        "power page (flow chart, benchmarks)": (reverse("portal:power", args=[power.pk]), False),
    }
    modes: dict[str, Callable[[], None] | None] = {
        "cold": cache.clear,
        "republished": catalogue_changed,
        "warm": None,
    }
    client = Client()
    failures = 0
    if not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():
        # no collectstatic run here: serve static URLs unhashed rather than fail
        storages = {**settings.STORAGES, "staticfiles": {"BACKEND": PLAIN_STATIC}}
        override_settings(STORAGES=storages).enable()
    for label, (path, targeted) in pages.items():
        for mode, before in modes.items():
            p95, median, queries, status = measure(client, path, before)
            ok = status == 200 and (not targeted or p95 <= TARGET_MS)
            failures += not ok
            verdict = ("ok" if ok else "OVER TARGET") if targeted else "(no target)"
            print(
                f"{label:<36} {mode:<12} p95 {p95:6.1f} ms (median {median:5.1f})  "
                f"queries {queries:2d}  status {status}  {verdict}"
            )
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
