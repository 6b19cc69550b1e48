"""The audit log: one helper, `audit`, that every service write calls, and the verifier of the
SHA-256 hash chain.

Each row's hash is sha256(prev_hash + "\\n" + canonical JSON of the row). The chain is kept linear
by serialising writers: an advisory lock on PostgreSQL, the IMMEDIATE write lock on SQLite."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.utils import timezone

from lianjing.core.models import AuditEvent
from lianjing.core.request_context import current_ip

GENESIS_HASH = "0" * 64
_PG_ADVISORY_KEY = 0x4C4A_4155  # "LJAU"


def to_json_value(value: Any) -> Any:
    """The value exactly as it will come back from the JSON column."""
    if value is None:
        return None
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False))


def snapshot(obj: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """Before/after values of the given fields; foreign keys by primary key."""
    values: dict[str, Any] = {}
    for name in fields:
        field = obj._meta.get_field(name)
        attname = getattr(field, "attname", name)
        values[name] = getattr(obj, attname)
    return to_json_value(values)


def canonical_payload(event: AuditEvent) -> str:
    created = event.created_at.astimezone(UTC).isoformat(timespec="microseconds")
    payload = {
        "created_at": created,
        "actor_id": event.actor_id,
        "actor_name": event.actor_name,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "object_repr": event.object_repr,
        "before": event.before,
        "after": event.after,
        "ip": event.ip,
    }
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def compute_hash(prev_hash: str, event: AuditEvent) -> str:
    data = f"{prev_hash}\n{canonical_payload(event)}".encode()
    return hashlib.sha256(data).hexdigest()


def _lock_chain() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_PG_ADVISORY_KEY])


def audit(
    action: str,
    *,
    actor: Any = None,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str | int = "",
    object_repr: str = "",
    before: Any = None,
    after: Any = None,
    ip: str | None = None,
) -> AuditEvent:
    """Record one event. `action` is a dotted name such as "org.unit.created"; `obj` fills the
    object columns (or pass them explicitly for something that is not a model instance)."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_repr = object_repr or str(obj)
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    with transaction.atomic():
        _lock_chain()
        last = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first()
        event = AuditEvent(
            created_at=timezone.now(),
            actor_id=actor.pk if authenticated else None,
            actor_name=actor.get_username() if authenticated else "",
            action=action,
            object_type=object_type,
            object_id=str(object_id),
            object_repr=str(object_repr)[:255],
            before=to_json_value(before),
            after=to_json_value(after),
            ip=ip if ip is not None else current_ip.get(),
            prev_hash=last or GENESIS_HASH,
        )
        event.hash = compute_hash(event.prev_hash, event)
        event.save(force_insert=True)
    return event


@dataclass(frozen=True)
class ChainProblem:
    kind: str  # edited | deleted | inserted | reordered
    event_id: int
    message: str


@dataclass(frozen=True)
class ChainReport:
    checked: int
    head_id: int | None
    head_hash: str
    problems: list[ChainProblem]

    @property
    def ok(self) -> bool:
        return not self.problems


def _rows() -> Iterator[AuditEvent]:
    return AuditEvent.objects.order_by("id").iterator(chunk_size=2000)


def verify_chain(anchor_hash: str | None = None) -> ChainReport:
    """Walk the table in insertion order and name every row that breaks the chain.

    A row whose stored hash does not match its content was edited. A row whose link does not
    point at the row before it is explained by where its link does point: at a row further back
    (rows in between were inserted), at a row further on (rows were reordered), or at nothing
    that exists (rows before it were deleted)."""
    positions: dict[str, int] = {}
    ids: list[int] = []
    links: list[tuple[int, str]] = []
    problems: list[ChainProblem] = []
    for event in _rows():
        if compute_hash(event.prev_hash, event) != event.hash:
            problems.append(
                ChainProblem("edited", event.id, f"审计事件 #{event.id} 的内容与其哈希不符，已被修改")
            )
        positions[event.hash] = len(ids)
        ids.append(event.id)
        links.append((event.id, event.prev_hash))
    problems.extend(_link_problems(ids, links, positions))
    if anchor_hash and anchor_hash not in positions:
        problems.append(
            ChainProblem("deleted", ids[-1] if ids else 0, f"锚定哈希 {anchor_hash[:12]}… 已不在链中：末尾事件被删除")
        )
    problems.sort(key=lambda p: p.event_id)
    head_hash = ""
    if ids:
        head_hash = next(h for h, pos in positions.items() if pos == len(ids) - 1)
    return ChainReport(len(ids), ids[-1] if ids else None, head_hash, problems)


def _link_problems(
    ids: list[int], links: list[tuple[int, str]], positions: dict[str, int]
) -> Iterator[ChainProblem]:
    hashes_by_pos = {pos: h for h, pos in positions.items()}
    # rows whose link points forward can only have been moved
    moved = {i for i, (_, prev) in enumerate(links) if positions.get(prev, -1) >= i}
    for index, (event_id, prev_hash) in enumerate(links):
        expected = hashes_by_pos[index - 1] if index else GENESIS_HASH
        if prev_hash == expected:
            continue
        target = positions.get(prev_hash)
        if target is None:
            yield ChainProblem(
                "deleted", event_id, f"审计事件 #{event_id} 之前的事件被删除（链接指向不存在的事件）"
            )
        elif index in moved or moved.intersection(range(target + 1, index)):
            yield ChainProblem(
                "reordered", event_id, f"审计事件 #{event_id} 的顺序被调换（链接指向事件 #{ids[target]}）"
            )
        else:
            skipped = "、".join(f"#{i}" for i in ids[target + 1 : index])
            yield ChainProblem(
                "inserted", event_id, f"审计事件 {skipped} 是插入的（#{event_id} 的链接越过了它）"
            )
