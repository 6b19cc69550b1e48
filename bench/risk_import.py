#!/usr/bin/env python3
"""Excel import of risk points with their measures (issue 5 target: 26,638 risk points from one
.xlsx in ≤ 30 s and ≤ 1 GB). Builds an organisation of UNITS units (8 offices × 5 posts each,
one holder a post, main leaders and leaders in charge set), writes a workbook of POINTS risk
points (mostly on posts, some on offices and units; graded over the whole scale) with two
measures each in a separate process, then times import_register() and reports the peak RSS of
this process (resource.getrusage) before and after the import. Then the round trip of issue 5
item 9: the export of the imported register (export.py, write-only openpyxl), the reading of
that export against the reading of the first file, its re-import (every row unchanged: nothing
written), and the re-import of an export with CHANGED of the rows edited (descriptions; a third of
those also regraded to the top level, so their responsibility chains are refreshed; a measure of
each edited point changed) — updates in place.

Usage (a THROWAWAY database; it is migrated and written to):
    DATABASE_URL=sqlite:////tmp/rimp.sqlite3 .venv/bin/python bench/risk_import.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lianjing_risk_bench \\
        .venv/bin/python bench/risk_import.py"""

from __future__ import annotations

import datetime
import multiprocessing
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, connections  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from lianjing.org.exchange.reader import Report  # noqa: E402
from lianjing.org.models import Assignment, Department, Person, Post, Rank, Unit  # noqa: E402
from lianjing.risks.exchange.export import Export  # noqa: E402
from lianjing.risks.exchange.importer import Outcome, import_register  # noqa: E402
from lianjing.risks.exchange.reader import read_register  # noqa: E402
from lianjing.risks.exchange.sheets import MEASURES, points_sheet  # noqa: E402
from lianjing.risks.models import ControlMeasure, Responsibility, RiskPoint  # noqa: E402
from lianjing.risks.services import active_model  # noqa: E402

POINTS = int(os.environ.get("POINTS", "26638"))
UNITS = int(os.environ.get("UNITS", "60"))
OFFICES, POSTS_PER_OFFICE = 8, 5
FILE = Path(os.environ.get("FILE", "/tmp/risk_import_bench.xlsx"))
# "excel": a normal workbook (shared strings, a <dimension>), as Excel or WPS save it;
# "stream": openpyxl's write-only output (inline strings, no <dimension>), as our export is
FLAVOUR = os.environ.get("FLAVOUR", "excel")
CHANGED = float(os.environ.get("CHANGED", "0.1"))  # share of rows edited for the update run


class Clock:
    """Wall time, and the CPU time of this process (less disturbed by other work on a shared
    machine; on PostgreSQL the server's share is in the wall time only)."""

    def __init__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def __str__(self) -> str:
        wall, cpu = time.perf_counter() - self.wall, time.process_time() - self.cpu
        return f"{wall:.1f} s (CPU of this process {cpu:.1f} s)"


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def build_org() -> None:
    ranks = list(Rank.objects.order_by("order"))
    units = Unit.objects.bulk_create(
        Unit(code=f"RB-U{u:03d}", name=f"基准单位{u}", level="county", kind="government")
        for u in range(UNITS)
    )
    departments = Department.objects.bulk_create(
        Department(code=f"RB-D{u:03d}-{d}", name=f"科室{d}", unit=unit)
        for u, unit in enumerate(units)
        for d in range(OFFICES)
    )
    posts = Post.objects.bulk_create(
        Post(
            code=f"RB-P{dept.code[4:]}-{p}",
            name=f"岗位{p}",
            unit_id=dept.unit_id,
            department=dept,
            rank=ranks[min(p, len(ranks) - 1)],
        )
        for dept in departments
        for p in range(POSTS_PER_OFFICE)
    )
    people = Person.objects.bulk_create(
        Person(code=f"RB-R{post.code[4:]}", name="人员", gender="male", unit_id=post.unit_id)
        for post in posts
    )
    start = datetime.date(2020, 1, 1)
    Assignment.objects.bulk_create(
        Assignment(person=person, post=post, start_date=start)
        for person, post in zip(people, posts, strict=True)
    )
    by_unit: dict[int, list[Person]] = {}
    for person in people:
        by_unit.setdefault(person.unit_id or 0, []).append(person)
    for unit in units:
        unit.main_leader = by_unit[unit.pk][-1]
    Unit.objects.bulk_update(units, ["main_leader"])
    for i, dept in enumerate(departments):
        dept.leader_in_charge = by_unit[dept.unit_id][-2 - i % 3]
    Department.objects.bulk_update(departments, ["leader_in_charge"])


def write_file(path: str) -> None:
    scheme = active_model().scheme()
    sheet = points_sheet(scheme)
    connections.close_all()
    factor_fields = [f for f in sheet.fields if f.key.startswith("factor:")]
    book = Workbook(write_only=FLAVOUR == "stream")
    if FLAVOUR != "stream":
        book.remove(book.active)
    points_ws = book.create_sheet(sheet.title)
    measures_ws = book.create_sheet(MEASURES.title)
    points_ws.append([f.header for f in sheet.fields])
    measures_ws.append([f.header for f in MEASURES.fields])
    posts_per_unit = OFFICES * POSTS_PER_OFFICE
    for i in range(POINTS):
        u, slot = i % UNITS, (i // UNITS) % posts_per_unit
        d, p = divmod(slot, POSTS_PER_OFFICE)
        post = f"RB-P{u:03d}-{d}-{p}"
        kind = "岗位" if i % 10 < 8 else "内设机构" if i % 10 == 8 else "单位"
        values = {
            "key": f"R{i + 1}",
            "unit": f"RB-U{u:03d}",
            "year": 2026,
            "target_kind": kind,
            "post": post if kind == "岗位" else "",
            "department": f"RB-D{u:03d}-{d}" if kind == "内设机构" else "",
            "risk_type": ("岗位职责", "业务流程", "制度机制", "思想道德", "外部环境")[i % 5],
            "description": f"第 {i} 个风险点：审核把关不严，违规办理资金拨付" * 2,
            "manifestations": "对不符合条件的申请予以拨付；收受好处后加快拨付进度",
            "causes": "审核权集中，缺少复核",
            "found_by": "自己找、领导点",
        }
        for n, f in enumerate(factor_fields):
            labels = [label for _v, label in f.choices()] if f.choices else []
            # every 12th point at the top of every scale (一级), the others spread out
            values[f.key] = labels[-1] if i % 12 == 0 else labels[(i * 7 + n * 3) % len(labels)]
        points_ws.append([values.get(f.key, "") for f in sheet.fields])
        owner = f"RB-R{u:03d}-{d}-{p}"
        for kind_label in ("制度流程", "监督检查"):
            measures_ws.append(
                [f"R{i + 1}", kind_label, "每季度抽查拨付凭证并通报", owner, "2026-12-31"]
                + ["未开始", "查阅抽查记录"]
            )
    book.save(path)


def timed_read(data: bytes) -> Clock:
    """Only the reading (openpyxl and typed cells), no checks and no writes."""
    sheet = points_sheet(active_model().scheme())
    clock = Clock()
    read_register(data, sheet, Report())
    return clock


def timed_import(label: str, data: bytes) -> Outcome:
    clock = Clock()
    outcome = import_register(data, user=None, file_name=label)
    elapsed = str(clock)
    assert outcome.ok, outcome.problems[:5]
    print(
        f"{label}: {elapsed}; peak RSS {peak_mb():.0f} MB; points created "
        f"{outcome.points}, updated {outcome.updated}, unchanged {outcome.unchanged}; measures "
        f"created {outcome.measures}, updated {outcome.measures_updated}, unchanged "
        f"{outcome.measures_unchanged}; responsibility rows opened {outcome.responsibilities}"
    )
    return outcome


def edited_export() -> bytes:
    """The export with CHANGED of its rows edited as a user would in Excel."""
    exported = Export(RiskPoint.objects.all())
    fields = [f.key for f in exported.sheet.fields]
    description, key = fields.index("description"), fields.index("key")
    factors = [
        (fields.index(f.key), [label for _v, label in f.choices()] if f.choices else [])
        for f in exported.sheet.fields
        if f.key.startswith("factor:")
    ]
    every = max(round(1 / CHANGED), 1) if CHANGED else 0
    edited: set[str] = set()
    for i, row in enumerate(exported.points):
        if every and i % every == 0:
            edited.add(row[key])
            row[description] = f"{row[description]}（复核后修改）"
            if i % (3 * every) == 0:  # regraded to the top level
                for index, labels in factors:
                    row[index] = labels[-1]
    status = [f.key for f in MEASURES.fields].index("status")
    seen: set[str] = set()
    for row in exported.measures:
        if row[0] in edited and row[0] not in seen:
            seen.add(row[0])
            row[status] = "落实中"
    return exported.workbook()


def main() -> None:
    call_command("migrate", verbosity=0)
    if Unit.objects.filter(code__startswith="RB-").exists():
        sys.exit("the database already holds the benchmark organisation: use a fresh one")
    print(
        f"database: {connection.vendor}; {POINTS} risk points × 2 measures, {UNITS} units; "
        f"file flavour {FLAVOUR}"
    )
    start = time.perf_counter()
    build_org()
    print(f"organisation built in {time.perf_counter() - start:.1f} s")
    connections.close_all()
    child = multiprocessing.get_context("fork").Process(target=write_file, args=(str(FILE),))
    child.start()
    child.join()
    assert child.exitcode == 0
    data = FILE.read_bytes()
    print(f"file: {len(data) / 1e6:.1f} MB (written in a separate process)")
    before = peak_mb()
    clock = Clock()
    outcome = import_register(data, user=None, file_name=FILE.name)
    elapsed = str(clock)
    assert outcome.ok, outcome.problems[:5]
    print(f"import: {elapsed}; peak RSS {peak_mb():.0f} MB (before the import {before:.0f} MB)")
    print(
        f"written: {RiskPoint.objects.count()} points, {ControlMeasure.objects.count()} measures, "
        f"{Responsibility.objects.count()} responsibility rows; levels {outcome.by_level}"
    )

    clock = Clock()
    exported = Export(RiskPoint.objects.all())
    rows_done = str(clock)
    export_data = exported.workbook()
    print(
        f"export: {clock}, of which reading the database {rows_done}; "
        f"{len(export_data) / 1e6:.1f} MB; peak RSS {peak_mb():.0f} MB"
    )
    print(f"reading only, the first file: {timed_read(data)}")
    print(f"reading only, the export: {timed_read(export_data)}")
    again = timed_import("re-import of the export (unchanged)", export_data)
    assert again.unchanged == POINTS and not again.updated and not again.points
    del exported, export_data
    changed = edited_export()
    outcome = timed_import(f"re-import with {CHANGED:.0%} of the rows edited", changed)
    assert outcome.updated and not outcome.points
    print(
        f"after: {RiskPoint.objects.count()} points, {ControlMeasure.objects.count()} measures, "
        f"{Responsibility.objects.count()} responsibility rows "
        f"({Responsibility.objects.filter(until__isnull=False).count()} closed)"
    )


main()
