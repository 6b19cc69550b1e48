#!/usr/bin/env python3
"""How long the Excel import of a whole district takes (target: ≤ 10 s).

Usage (a THROWAWAY database: the bench empties the organisation tables):

    DATABASE_URL=sqlite:////tmp/imp.sqlite3 .venv/bin/python bench/org_import.py
    createdb -h 127.0.0.1 -U postgres lianjing_import_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lianjing_import_bench \\
        .venv/bin/python bench/org_import.py

Migrates, loads the demo district (lianjing.org.demo.load_district: 64 units, 2,448 posts,
~2,600 people), exports it with the exchange writer, deletes every unit, department, post,
person and assignment, imports the file, checks the counts, then imports the same file again
(every row unchanged). Prints seconds and rows per second for each step. Settings default to
config.settings.local (DJANGO_SETTINGS_MODULE overrides)."""

from __future__ import annotations

import argparse
import io
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from openpyxl import load_workbook  # noqa: E402

from lianjing.accounts.models import RoleAssignment, User  # noqa: E402
from lianjing.core.crypto import decrypt  # noqa: E402
from lianjing.org.demo import load_district  # noqa: E402
from lianjing.org.exchange.checks import check  # noqa: E402
from lianjing.org.exchange.export import export_workbook  # noqa: E402
from lianjing.org.exchange.importer import import_workbook  # noqa: E402
from lianjing.org.exchange.reader import Report, read_workbook  # noqa: E402
from lianjing.org.models import Assignment, Department, Person, Post, Unit  # noqa: E402

LIMIT_SECONDS = 10.0
MODELS = (Unit, Department, Post, Person, Assignment)


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def clear_organisation() -> None:
    """Delete the whole organisation (references first, so that PROTECT lets go)."""
    with transaction.atomic():
        RoleAssignment.objects.filter(unit__isnull=False).update(unit=None)
        RoleAssignment.assigned_units.through.objects.all().delete()
        Person.objects.update(post=None, unit=None, department=None, user=None)
        Unit.objects.update(main_leader=None, parent=None, merged_into=None)
        Department.objects.update(leader_in_charge=None, parent=None)
        Assignment.objects.all().delete()
        Post.key_kinds.through.objects.all().delete()
        Post.objects.all().delete()
        Person.objects.all().delete()
        Department.objects.all().delete()
        Unit.objects.all().delete()


def with_plain_id_numbers(data: bytes) -> bytes:
    """The export only has masked ID numbers; a first import from the personnel office has the
    real ones, which costs validation and encryption: put them back into the workbook."""
    numbers = {
        code: decrypt(token)
        for code, token in Person.objects.values_list("code", "id_number_encrypted")
    }
    book = load_workbook(io.BytesIO(data))
    sheet = book["人员"]
    headers = [cell.value for cell in sheet[1]]
    code_col, id_col = headers.index("人员编号") + 1, headers.index("身份证号") + 1
    for row in range(2, sheet.max_row + 1):
        code = sheet.cell(row, code_col).value
        sheet.cell(row, id_col).value = numbers.get(code) or None
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def timed(label: str, rows: int, action: Callable[[], Any]) -> tuple[Any, float]:
    started = time.perf_counter()
    result = action()
    seconds = time.perf_counter() - started
    rate = f", {rows / seconds:,.0f} rows/s" if rows else ""
    print(f"  {label:<44} {seconds:7.2f} s{rate}")
    return result, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--masked", action="store_true", help="import the export as is (masked ID numbers)"
    )
    args = parser.parse_args()
    database = connection.settings_dict
    print(f"database: {connection.vendor} {database.get('NAME')}")
    call_command("migrate", verbosity=0)
    if Unit.objects.exists():
        sys.exit("the database already holds units: use a throwaway database (see --help)")
    admin, _ = User.objects.get_or_create(
        username="bench_import_admin", defaults={"is_superuser": True, "is_staff": True}
    )

    (_stats, _s) = timed("load_district (demo)", 0, lambda: load_district(seed=args.seed))
    loaded = counts()
    rows = sum(loaded.values())
    print("  loaded:", ", ".join(f"{k} {v:,}" for k, v in loaded.items()))
    (exported, _s) = timed("export (writer)", rows, lambda: export_workbook(admin))
    data, per_sheet = exported
    print(f"  workbook: {len(data) / 1024:,.0f} KiB, rows per sheet {per_sheet}")
    if not args.masked:
        data = with_plain_id_numbers(data)
        print(
            "  ID numbers: the export's masked ones replaced by the real numbers (--masked: keep)"
        )

    (_none, _s) = timed("clear the organisation tables", 0, clear_organisation)
    assert sum(counts().values()) == 0

    def read_and_check() -> Report:
        report = Report()
        check(read_workbook(data, report), report, admin)
        return report

    (report, _s) = timed("read + check only (no write)", rows, read_and_check)
    if report:
        for problem in report.sorted()[:20]:
            print("   ", problem)
        sys.exit(f"the export did not pass the checks: {report.count} problems")

    (outcome, seconds) = timed(
        "IMPORT into empty tables",
        rows,
        lambda: import_workbook(data, user=admin, file_name="bench.xlsx"),
    )
    if not outcome.ok:
        sys.exit(f"import failed: {outcome.problems[:5]}")
    after = counts()
    if after != loaded:
        sys.exit(f"counts differ after the import: {after} != {loaded}")
    (again, _s) = timed(
        "re-import of the same file (all unchanged)",
        rows,
        lambda: import_workbook(data, user=admin, file_name="bench.xlsx"),
    )
    unchanged = all(c["created"] == 0 and c["updated"] == 0 for c in again.counts.values())
    print(f"  re-import created/updated nothing: {unchanged}; counts equal: {counts() == loaded}")
    registered = Person.objects.exclude(id_number_index="").count()
    print(f"  people with an ID number after the import: {registered:,}")
    verdict = "OK" if seconds <= LIMIT_SECONDS else "TOO SLOW"
    print(
        f"RESULT {connection.vendor}: import of {rows:,} rows in {seconds:.2f} s "
        f"({rows / seconds:,.0f} rows/s) — limit {LIMIT_SECONDS:.0f} s: {verdict}"
    )


if __name__ == "__main__":
    main()
