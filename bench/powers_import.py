#!/usr/bin/env python3
"""Excel import of a power catalogue: POWERS powers (default 500) × 8 steps with a 补正 loop,
every 5th a penalty with 3 benchmark grades. Times reading + checking, the first import (new
drafts), a re-import replacing every draft, a re-import making revisions of published powers,
and an identical re-import (nothing written).

Usage (a THROWAWAY database; it is migrated and written to):
    DATABASE_URL=sqlite:////tmp/pimp.sqlite3 .venv/bin/python bench/powers_import.py
    POWERS=2000 DATABASE_URL=postgres://postgres@127.0.0.1:5432/lianjing_powers_bench \\
        .venv/bin/python bench/powers_import.py"""

from __future__ import annotations

import io
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from lianjing.org.exchange.reader import Report  # noqa: E402
from lianjing.org.models import Department, Post, Rank, Unit  # noqa: E402
from lianjing.powers import services  # noqa: E402
from lianjing.powers.exchange.checks import check  # noqa: E402
from lianjing.powers.exchange.importer import import_catalogue  # noqa: E402
from lianjing.powers.exchange.reader import read_catalogue  # noqa: E402
from lianjing.powers.exchange.sheets import SHEETS  # noqa: E402
from lianjing.powers.models import Power  # noqa: E402

POWERS = int(os.environ.get("POWERS", "500"))
LEGAL = "《中华人民共和国行政许可法》第二十九条\n《某某条例》第三条"


def bench_unit() -> tuple[Unit, Department, list[Post]]:
    unit, _ = Unit.objects.get_or_create(
        code="BENCH-U", defaults={"name": "基准测试局", "level": "county", "kind": "government"}
    )
    dept, _ = Department.objects.get_or_create(
        code="BENCH-D", defaults={"name": "审批科", "unit": unit}
    )
    rank = Rank.objects.order_by("order").first()
    posts = [
        Post.objects.get_or_create(
            code=f"BENCH-P{i}",
            defaults={"name": f"岗位{i}", "unit": unit, "department": dept, "rank": rank},
        )[0]
        for i in range(20)
    ]
    return unit, dept, posts


def workbook(unit: Unit, dept: Department, posts: list[Post], suffix: str = "") -> bytes:
    book = Workbook(write_only=True)
    sheets = {s.key: book.create_sheet(s.title) for s in SHEETS}
    for s in SHEETS:
        sheets[s.key].append([f.header for f in s.fields])
    for i in range(POWERS):
        code = f"B-{i:05d}"
        penalty = i % 5 == 0
        category = "行政处罚" if penalty else "行政许可/审批"
        sheets["powers"].append(
            [code, f"职权{i}{suffix}", category, "内容" * 20, unit.code, "审批科", "公民"]
            + [20, "工作日", "不收费", 2026, LEGAL]
        )
        post = posts[i % len(posts)].code
        rows = [
            ("S1", "开始", "申请", "", "", "S2"),
            ("S2", "办理环节", "受理", post, "", "S3"),
            ("S3", "判断", "材料是否齐全", "", "", "S4:齐全；S5:不齐全"),
            ("S5", "办理环节", "补正材料", post, "", "S2"),
            ("S4", "办理环节", "审查", post, "", "S6"),
            ("S6", "办理环节", "决定", "", dept.code, "S7"),
            ("S7", "办理环节", "送达", post, "", "S8"),
            ("S8", "结束", "办结", "", "", ""),
        ]
        for key, kind, name, handler_post, handler_dept, onward in rows:
            sheets["steps"].append(
                [code, key, kind, name, handler_post, handler_dept, "条件", "程序", 5]
                + ["工作日", "责任", "文书", onward]
            )
        if penalty:
            for circumstance, low, high in (("轻微", 0, 1000), ("一般", 1000, 5000)):
                sheets["benchmarks"].append(
                    [code, "违法行为", "罚款", circumstance, low, high, "元", "", "", "依据"]
                )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def timed(label: str, run: Callable[[], Any]) -> Any:
    start = time.perf_counter()
    result = run()
    print(f"{label:<58} {time.perf_counter() - start:6.1f} s", flush=True)
    return result


def imported(data: bytes) -> Any:
    outcome = import_catalogue(data, user=None)
    assert outcome.ok, outcome.problems[:5]
    return outcome


def publish_drafts() -> None:
    for power in Power.objects.filter(code__startswith="B-", status=Power.Status.DRAFT):
        services.power_publish(actor=None, power=power)


def main() -> None:
    call_command("migrate", verbosity=0)
    print(f"database: {connection.vendor}; {POWERS} powers × 8 steps")
    if Power.objects.filter(code__startswith="B-").exists():
        sys.exit("the database already holds a benchmark catalogue: use a fresh one")
    unit, dept, posts = bench_unit()
    data = workbook(unit, dept, posts)
    print(f"file: {len(data) / 1e6:.1f} MB")
    report = Report()
    rows = timed("read", lambda: read_catalogue(data, report))
    timed("check", lambda: check(rows, report, None))
    assert not report, report.problems[:5]
    timed("first import (all new drafts)", lambda: imported(data))
    changed = workbook(unit, dept, posts, "（改）")
    timed("re-import, names changed (drafts replaced)", lambda: imported(changed))
    timed("publish every power (services)", publish_drafts)
    timed("re-import, names changed (revisions of published)", lambda: imported(data))
    same = timed("re-import, identical file (nothing written)", lambda: imported(data))
    assert all(item.action == "unchanged" for item in same.imported)


main()
