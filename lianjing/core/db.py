"""Database helpers that are not about one model."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection


def refresh_planner_statistics(tables: Iterable[str] = ()) -> None:
    """Run ANALYZE after a bulk load: without fresh statistics PostgreSQL (and SQLite) plan the
    next queries on the loaded tables badly (measured: 50 ms instead of 3 ms for a people list
    at province scale). Cheap; safe inside a transaction."""
    names = list(tables)
    with connection.cursor() as cursor:
        if not names:
            cursor.execute("ANALYZE")
            return
        for name in names:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(name)}")
