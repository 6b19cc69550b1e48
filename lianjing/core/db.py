"""Database helpers that are not about one model."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection


def refresh_planner_statistics(tables: Iterable[str] = ()) -> None:
    """Run ANALYZE after a bulk load: without fresh statistics PostgreSQL (and SQLite) plan the
    next queries on the loaded tables badly (measured at province scale: a people list took
    50 ms instead of 3 ms). Outside a transaction, PostgreSQL also gets VACUUM, which sets the
    visibility map so that counts can use index-only scans (50 ms → 12 ms for 260,000 rows)."""
    names = [connection.ops.quote_name(name) for name in tables] or [""]
    vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
    command = "VACUUM ANALYZE" if vacuum else "ANALYZE"
    with connection.cursor() as cursor:
        for name in names:
            cursor.execute(f"{command} {name}".strip())
