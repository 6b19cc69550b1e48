#!/usr/bin/env python3
"""A unit's register page with 1,000 risk points and its level summary: p95 over 50 requests,
server side, for the unit leader. Target (issue 5): ≤ 150 ms p95.

Usage (a THROWAWAY database; it is migrated and written to):
    DATABASE_URL=sqlite:////tmp/lianjing-register.sqlite3 .venv/bin/python bench/risk_register.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lianjing_bench_register \\
        .venv/bin/python bench/risk_register.py"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")
if not os.environ.get("DATABASE_URL"):
    sys.exit("set DATABASE_URL to a throwaway database (see the docstring)")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from lianjing.accounts.demo import load_demo  # noqa: E402
from lianjing.accounts.models import User  # noqa: E402
from lianjing.core.db import refresh_planner_statistics  # noqa: E402
from lianjing.org.demo import demo_region, demo_unit  # noqa: E402
from lianjing.risks import grading  # noqa: E402
from lianjing.risks.bulk import write_points  # noqa: E402
from lianjing.risks.demo import _inputs  # noqa: E402
from lianjing.risks.models import GradingModel, RiskPoint  # noqa: E402

POINTS = 1000
REQUESTS = 50


def prepare() -> tuple[int, int]:
    call_command("migrate", verbosity=0)
    if demo_region() is None:
        load_demo()
    unit = demo_unit(demo_region(), "finance")  # type: ignore[arg-type]
    have = RiskPoint.objects.filter(unit=unit, year=2026).count()
    if have < POINTS:
        model = GradingModel.objects.get(status="active")
        scheme = model.scheme()
        posts = list(unit.posts.all())
        points = []
        for i in range(POINTS - have):
            level = 1 if i % 12 == 0 else 2 if i % 3 == 0 else 3
            inputs = _inputs(level, f"bench{i}")
            graded = grading.grade(scheme, inputs)
            points.append(
                RiskPoint(
                    unit=unit,
                    year=2026,
                    target_kind="post",
                    post=posts[i % len(posts)],
                    risk_type="post_duty",
                    description=f"基准测试风险点 {i}：审核把关不严，违规办理资金拨付",
                    found_by=["self"],
                    grading_model=model,
                    factor_inputs=inputs,
                    computed_score=graded.score,
                    computed_level=graded.level,
                    level=graded.level,
                )
            )
        write_points(points, [[] for _ in points])
        refresh_planner_statistics()
    return unit.pk, RiskPoint.objects.filter(unit=unit, year=2026).count()


def measure(client: Client, path: str) -> tuple[float, float, int, int]:
    timings = []
    queries = status = 0
    for i in range(REQUESTS + 3):
        reset_queries()
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            response = client.get(path)
            elapsed = (time.perf_counter() - started) * 1000
        status = response.status_code
        if i >= 3:  # warm-up
            timings.append(elapsed)
            queries = max(queries, len(ctx.captured_queries))
    return statistics.quantiles(timings, n=20)[-1], statistics.median(timings), queries, status


def main() -> None:
    unit_pk, count = prepare()
    client = Client()
    client.force_login(User.objects.get(username="lingdao"))
    print(f"database: {connection.vendor}; register of 区财政局 2026: {count} risk points")
    print(f"{'page':<40} {'p95 ms':>8} {'median':>8} {'queries':>8} {'status':>7}")
    base = reverse("risks:register", args=[unit_pk, 2026])
    for label, path in [
        ("register, page 1", base),
        ("register, page 10", base + "?page=10"),
        ("register index (all units)", reverse("risks:index") + "?year=2026"),
    ]:
        p95, median, queries, status = measure(client, path)
        print(f"{label:<40} {p95:8.1f} {median:8.1f} {queries:8d} {status:7d}")


main()
