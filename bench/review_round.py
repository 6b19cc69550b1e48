#!/usr/bin/env python3
"""Opening an identification round for a whole province, and its progress board. Targets
(issue 6): "Opening a round for the whole province (≈240,000 posts) ≤ 60 s as a background job
with a progress bar; the progress board for the province ≤ 300 ms."

Builds the demo province (`load_province`: 100 districts, ≈244,800 posts, ≈242,000 held) unless
the database already holds it, an inspector account anchored at 四川省 (discipline_inspector:
reviews.* over the province), then:
  1. times services.round_open + services.reviews_generate over the province, ALL held posts
     (the job the round queues, run here in-process so that it can be timed; the queued Huey
     task is not sent), printing the progress callbacks;
  2. times selectors.board(inspector, round) at the top (parent=None: one row per unit with
     reviews) and drilled down to the province (parent=province: one row per city) — p95 of
     RUNS runs each — and a GET of the round_detail page (both levels) through the test client.
A review in twenty is first moved to other steps (a direct UPDATE, no workflow: only the counts
matter here) and a few made late so the board has something to add up.

Usage (a THROWAWAY database; it is migrated and written to; the province takes a while to build
the first time, so keep the database and re-run: each run deletes the previous bench rounds):
    DATABASE_URL=sqlite:////tmp/rround.sqlite3 .venv/bin/python bench/review_round.py
    createdb -h 127.0.0.1 -U postgres lianjing_round_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lianjing_round_bench \\
        .venv/bin/python bench/review_round.py
REUSE=1 keeps the round of the previous run and times the boards only."""

from __future__ import annotations

import datetime
import functools
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
print = functools.partial(print, flush=True)  # progress as it comes, also into a file
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")
if not os.environ.get("DATABASE_URL"):
    sys.exit("set DATABASE_URL to a throwaway database (see the docstring)")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries, transaction  # noqa: E402
from django.db.models import F, IntegerField  # noqa: E402
from django.db.models.functions import Mod  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from lianjing.accounts.models import Role, RoleAssignment, User  # noqa: E402
from lianjing.core.db import refresh_planner_statistics  # noqa: E402
from lianjing.inbox.models import Notification  # noqa: E402
from lianjing.org.demo import load_province  # noqa: E402
from lianjing.org.models import Assignment, Post, Unit  # noqa: E402
from lianjing.reviews import selectors, services  # noqa: E402
from lianjing.reviews.models import Review, Round  # noqa: E402
from lianjing.reviews.tally import tally_rebuild  # noqa: E402

RUNS = int(os.environ.get("RUNS", "20"))
REUSE = os.environ.get("REUSE") == "1"  # time the boards of the round of the previous run
DISTRICTS = int(os.environ.get("DISTRICTS", "100"))
NAME = "基准测试：全省廉政风险排查"


def p95(timings: list[float]) -> float:
    return statistics.quantiles(timings, n=20)[-1] if len(timings) > 1 else timings[0]


def prepare() -> tuple[Unit, User]:
    call_command("migrate", verbosity=0)
    province = Unit.objects.filter(parent__isnull=True, level="province").first()
    if province is None:
        print(f"building the demo province ({DISTRICTS} districts) …", flush=True)
        started = time.monotonic()
        province = load_province(districts=DISTRICTS).province
        print(f"  built in {time.monotonic() - started:.0f} s", flush=True)
    user, _ = User.objects.get_or_create(username="bench_round", defaults={"full_name": "基准"})
    RoleAssignment.objects.get_or_create(
        user=user, role=Role.objects.get(code="discipline_inspector"), unit=province
    )
    # earlier runs of this bench
    old = list(Round.objects.filter(name=NAME).values_list("pk", flat=True))
    if old and not REUSE:
        Notification.objects.filter(kind="reviews.task").delete()
        Review.objects.filter(round_id__in=old).delete()
        Round.objects.filter(pk__in=old).delete()
    refresh_planner_statistics()
    return province, user


def open_round(province: Unit, user: User) -> Round:
    held = (
        Post.objects.filter(status="active")
        .filter(pk__in=Assignment.objects.filter(end_date__isnull=True).values("post_id"))
        .count()
    )
    print(f"database: {connection.vendor}; held posts in the province: {held:,}")
    spec = services.RoundSpec(name=NAME, year=2026, units=[province], posts=services.POSTS_ALL)
    marks: list[tuple[float, int, int]] = []
    started = time.monotonic()

    def progress(done: int, total: int) -> None:
        marks.append((time.monotonic() - started, done, total))
        print(f"  {time.monotonic() - started:6.1f} s  {done:>7,} / {total:,}", flush=True)

    # round_open queues the job on commit; the bench runs the job itself
    with mock.patch("lianjing.reviews.tasks.reviews_generate"):
        round_ = services.round_open(actor=user, spec=spec)
    opened = time.monotonic() - started
    round_ = services.reviews_generate(round_.pk, progress)
    total = time.monotonic() - started
    print(
        f"round_open {opened * 1000:.0f} ms; round_open + reviews_generate {total:.1f} s "
        f"(target ≤ 60 s): state {round_.state}, {round_.total:,} reviews, "
        f"result {round_.result}"
    )
    if round_.error:
        print("  error:", round_.error)
    return round_


def spread(round_: Round) -> None:
    """Move one review in twenty to a later step, sign some, make some late (direct updates)."""
    today = timezone.localdate()
    # 240,000 fresh rows: without statistics PostgreSQL plans the updates below as nested
    # loops that run for many minutes
    refresh_planner_statistics()
    with transaction.atomic():
        reviews = Review.objects.filter(round=round_)
        for step in range(3, 9):
            reviews.filter(id__in=_every(round_, 20, step)).update(step=step)
        reviews.filter(id__in=_every(round_, 40, 11)).update(
            status="signed", step=8, signed_at=timezone.now()
        )
        reviews.filter(id__in=_every(round_, 50, 13), status="active").update(
            due_on=today - datetime.timedelta(days=3), version=F("version") + 1
        )
        # the direct UPDATEs bypass the board's kept counts (ReviewTally): count afresh
        started = time.perf_counter()
        buckets = tally_rebuild(round_.pk)
        print(f"  counts rebuilt: {buckets} buckets in {time.perf_counter() - started:.1f} s")
    refresh_planner_statistics()


def _every(round_: Round, n: int, rest: int) -> Any:
    return (
        Review.objects.filter(round=round_)
        .annotate(m=Mod("id", n, output_field=IntegerField()))
        .filter(m=rest % n)
        .values("id")
    )


def time_board(user: User, round_: Round, parent: Unit | None) -> tuple[float, float, int, int]:
    timings, queries, rows = [], 0, 0
    for i in range(RUNS + 2):
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            board = selectors.board(user, round_, parent)
            elapsed = (time.perf_counter() - started) * 1000
        if i >= 2:
            timings.append(elapsed)
            queries = max(queries, len(ctx.captured_queries))
            rows = len(board.rows)
    return p95(timings), statistics.median(timings), queries, rows


def time_page(client: Client, path: str) -> tuple[float, float, int, int]:
    timings, queries, status = [], 0, 0
    for i in range(RUNS + 2):
        reset_queries()
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            response = client.get(path)
            elapsed = (time.perf_counter() - started) * 1000
        status = response.status_code
        if i >= 2:
            timings.append(elapsed)
            queries = max(queries, len(ctx.captured_queries))
    return p95(timings), statistics.median(timings), queries, status


def main() -> None:
    province, user = prepare()
    round_ = Round.objects.filter(name=NAME).first() if REUSE else None
    if round_ is None:
        round_ = open_round(province, user)
        spread(round_)
    print(f"\nprogress board, p95 of {RUNS} (target ≤ 300 ms)")
    print(f"{'':<44} {'p95 ms':>8} {'median':>8} {'queries':>8} {'rows':>6}")
    for label, parent in [
        ("board(), top (parent=None)", None),
        ("board(), parent=province", province),
    ]:
        worst, median, queries, rows = time_board(user, round_, parent)
        print(f"{label:<44} {worst:8.1f} {median:8.1f} {queries:8d} {rows:6d}")
    client = Client()
    client.force_login(user)
    # no collectstatic needed for the page timings
    plain = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    override_settings(STORAGES={**settings.STORAGES, "staticfiles": plain}).enable()
    url = reverse("reviews:round_detail", args=[round_.pk])
    for label, path in [
        ("GET round_detail (top)", url),
        ("GET round_detail ?unit=province", f"{url}?unit={province.pk}"),
    ]:
        worst, median, queries, status = time_page(client, path)
        print(f"{label:<44} {worst:8.1f} {median:8.1f} {queries:8d} {'HTTP ' + str(status):>6}")


main()
