"""Filing into the integrity archive. Filing the same source twice for a person does nothing."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from lianjing.archives.models import ArchiveEntry
from lianjing.core.audit import audit


def file_entries(
    people: Iterable[Any],
    *,
    section: str,
    title: str,
    occurred_on: date,
    source_type: str,
    source_id: int,
    url: str = "",
    summary: dict[str, Any] | None = None,
    actor: Any = None,
) -> list[ArchiveEntry]:
    ids = sorted({getattr(p, "pk", p) for p in people if p is not None})
    have = set(
        ArchiveEntry.objects.filter(
            person_id__in=ids, source_type=source_type, source_id=source_id
        ).values_list("person_id", flat=True)
    )
    rows = [
        ArchiveEntry(
            person_id=pk,
            section=section,
            title=title[:200],
            occurred_on=occurred_on,
            summary=summary or {},
            source_type=source_type,
            source_id=source_id,
            url=url,
        )
        for pk in ids
        if pk not in have
    ]
    ArchiveEntry.objects.bulk_create(rows)
    if rows:
        audit(
            "archives.entries.filed",
            actor=actor,
            object_type=source_type,
            object_id=source_id,
            object_repr=title[:255],
            after={"section": section, "people": [r.person_id for r in rows]},
        )
    return rows
