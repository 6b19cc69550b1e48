"""Sending and reading notifications. Sending is bulk (one INSERT for many recipients) and never
sends the same keyed reminder twice."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from lianjing.inbox.models import Notification


def notify(
    recipients: Iterable[Any],
    *,
    kind: str,
    title: str,
    body: str = "",
    url: str = "",
    key: str = "",
) -> int:
    """Send one message to each recipient (users or user ids; duplicates and None are dropped).
    With `key`, a recipient who already got that key gets nothing. Returns how many were sent."""
    ids = {getattr(r, "pk", r) for r in recipients if r is not None}
    ids.discard(None)
    if not ids:
        return 0
    if key:
        ids -= set(
            Notification.objects.filter(recipient_id__in=ids, key=key).values_list(
                "recipient_id", flat=True
            )
        )
    rows = [
        Notification(
            recipient_id=pk, kind=kind, title=title[:200], body=body, url=url[:300], key=key
        )
        for pk in sorted(ids)
    ]
    Notification.objects.bulk_create(rows, ignore_conflicts=bool(key))
    return len(rows)


def mark_read(user: Any, pk: int | None = None) -> int:
    """Mark one of the user's messages (or all of them, pk None) as read."""
    qs = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if pk is not None:
        qs = qs.filter(pk=pk)
    with transaction.atomic():
        return qs.update(read_at=timezone.now())
