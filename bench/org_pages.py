#!/usr/bin/env python3
"""Organisation pages at province scale: unit tree, people list filtered by a unit subtree (page 1
and page 500) and a person page — p95 of 50 requests each, server side (Django's test client in
this process, so network and browser time are excluded), and the number of SQL queries.

Usage (a throwaway database; the province is loaded on first use, which takes a few minutes):
  DATABASE_URL=sqlite:////tmp/lianjing-province.sqlite3 .venv/bin/python bench/org_pages.py
  createdb -h 127.0.0.1 -U postgres lianjing_bench
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/lianjing_bench .venv/bin/python bench/org_pages.py
Target (issue 3): each page p95 ≤ 100 ms and ≤ 20 queries."""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
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

from lianjing.accounts.models import Role, RoleAssignment, User  # noqa: E402
from lianjing.org.models import Person, Unit  # noqa: E402

REQUESTS = 50
TARGET_MS = 100
MAX_QUERIES = 20


def ensure_province() -> None:
    call_command("migrate", verbosity=0)
    if Unit.objects.count() < 1000:
        started = time.perf_counter()
        call_command("load_org_demo", scale="province")
        print(f"province loaded in {time.perf_counter() - started:.0f} s")


def bench_user(username: str, role_code: str, unit: Unit | None) -> User:
    user, _ = User.objects.get_or_create(username=username, defaults={"full_name": username})
    RoleAssignment.objects.get_or_create(
        user=user, role=Role.objects.get(code=role_code), unit=unit
    )
    return user


def measure(client: Client, path: str) -> tuple[float, float, int, int]:
    timings = []
    queries = 0
    status = 0
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
    p95 = statistics.quantiles(timings, n=20)[-1]
    return p95, statistics.median(timings), queries, status


def main() -> None:
    ensure_province()
    print(
        f"database: {connection.vendor}; units {Unit.objects.count():,}, "
        f"people {Person.objects.count():,}"
    )
    district = Unit.objects.filter(kind=Unit.Kind.REGION, level=Unit.Level.COUNTY).order_by("code")[
        50
    ]
    person = Person.objects.filter(unit__parent=district).order_by("code").first()
    province = Unit.objects.filter(parent__isnull=True).first()
    users = {
        "系统管理员(全部)": bench_user("bench_admin", "system_admin", None),
        "纪委监察员(全省)": bench_user("bench_inspector_all", "discipline_inspector", province),
        "纪委监察员(本区)": bench_user("bench_inspector", "discipline_inspector", district),
    }
    city = district.parent
    assert province is not None and city is not None and person is not None
    people = "/org/people/?subtree=on&unit="
    pages = {
        "unit tree": "/org/units/",
        "people, district subtree, page 1": f"{people}{district.pk}",
        "people, city subtree, page 1": f"{people}{city.pk}",
        "people, city subtree, page 500": f"{people}{city.pk}&page=500",
        "people, province subtree, page 1": f"{people}{province.pk}",
        "people, province subtree, page 500": f"{people}{province.pk}&page=500",
        "person page": f"/org/people/{person.pk}/",
    }
    failures = 0
    for label, user in users.items():
        client = Client()
        client.force_login(user)
        for page, path in pages.items():
            p95, median, queries, status = measure(client, path)
            ok = status == 200 and p95 <= TARGET_MS and queries <= MAX_QUERIES
            failures += not ok
            print(
                f"{label:<16} {page:<36} p95 {p95:6.1f} ms (median {median:5.1f})  "
                f"queries {queries:3d}  "
                f"status {status}  {'ok' if ok else 'OVER TARGET'}"
            )
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
