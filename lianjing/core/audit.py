"""The audit log: one helper, `audit`, that every service write calls, and the verifier of the
SHA-256 hash chain.

Each row's hash is sha256(prev_hash + "\\n" + canonical JSON of the row). The chain is kept linear
by serialising writers: an advisory lock on PostgreSQL, the IMMEDIATE write lock on SQLite (both
assume the default READ COMMITTED / autocommit isolation: the last hash is read after the lock is
taken). On PostgreSQL a trigger (migration 0003) refuses UPDATE, DELETE and TRUNCATE."""

from __future__ import annotations

import hashlib
import json
import math
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.db.models import QuerySet
from django.utils import timezone

from lianjing.core.models import AuditEvent
from lianjing.core.request_context import current_ip

GENESIS_HASH = "0" * 64
_PG_ADVISORY_KEY = 0x4C4A_4155  # "LJAU"


# --- values ---------------------------------------------------------------------------------------


class _AuditJSONEncoder(DjangoJSONEncoder):
    """Never let an odd value (a file, a model instance) make the write it records fail."""

    def default(self, o: Any) -> Any:
        if isinstance(o, set | frozenset):
            return sorted(o, key=str)
        try:
            return super().default(o)
        except TypeError:
            return str(o)


def _clean_text(value: str) -> str:
    # PostgreSQL refuses NUL in text and jsonb; lone surrogates cannot be encoded to UTF-8.
    return value.replace("\x00", "\ufffd").encode("utf-8", "replace").decode("utf-8")


def _normalise(value: Any) -> Any:
    """The form in which a JSON value survives both databases unchanged. jsonb keeps numbers as
    `numeric`, so a float such as 1e20 comes back as an integer: integral floats are stored as
    integers. NaN and infinities are not JSON at all and are kept as text."""
    if isinstance(value, dict):
        return {_clean_text(str(k)): _normalise(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_normalise(v) for v in value]
    if isinstance(value, str):
        return _clean_text(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)
        if value.is_integer():
            return int(value)
    return value


def to_json_value(value: Any) -> Any:
    """The value exactly as it will come back from the JSON column."""
    if value is None:
        return None
    return _normalise(json.loads(json.dumps(value, cls=_AuditJSONEncoder, ensure_ascii=False)))


def snapshot(obj: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """Before/after values of the given fields; foreign keys by primary key."""
    values: dict[str, Any] = {}
    for name in fields:
        model_field = obj._meta.get_field(name)
        attname = getattr(model_field, "attname", name)
        values[name] = getattr(obj, attname)
    return to_json_value(values)


def stored_snapshot(obj: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """Before-values as stored: a ModelForm may already have changed the instance in memory."""
    stored = type(obj)._default_manager.filter(pk=obj.pk).first()
    return snapshot(stored if stored is not None else obj, fields)


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
        "before": _normalise(event.before),
        "after": _normalise(event.after),
        "ip": event.ip,
    }
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def compute_hash(prev_hash: str, event: AuditEvent) -> str:
    data = f"{prev_hash}\n{canonical_payload(event)}".encode("utf-8", "replace")
    return hashlib.sha256(data).hexdigest()


# --- writing --------------------------------------------------------------------------------------


def _lock_chain() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_PG_ADVISORY_KEY])


def _text(value: Any, max_length: int) -> str:
    return _clean_text(str(value))[:max_length]


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
    object columns (or pass them explicitly for something that is not a model instance). Called
    inside the service's transaction, the event commits or rolls back with the write."""
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
            actor_name=_text(actor.get_username(), 150) if authenticated else "",
            action=_text(action, 100),
            object_type=_text(object_type, 100),
            object_id=_text(object_id, 64),
            object_repr=_text(object_repr, 255),
            before=to_json_value(before),
            after=to_json_value(after),
            ip=_text(ip if ip is not None else current_ip.get(), 45),
            prev_hash=last or GENESIS_HASH,
        )
        event.hash = compute_hash(event.prev_hash, event)
        event.save(force_insert=True)
    return event


# --- reading --------------------------------------------------------------------------------------


def audit_event_list() -> QuerySet[AuditEvent]:
    """Every event, newest first. Only holders of system.view_audit reach this (no data scope:
    the audit log is the whole system's)."""
    return AuditEvent.objects.order_by("-id")


def audit_action_suggestions(limit: int = 300) -> list[str]:
    """Recorded action names and their dotted prefixes ("accounts", "accounts.login"), for the
    filter's suggestions."""
    actions = AuditEvent.objects.order_by("action").values_list("action", flat=True).distinct()
    names: set[str] = set()
    for action in actions[:limit]:
        parts = action.split(".")
        names.update(".".join(parts[:n]) for n in range(1, len(parts) + 1))
    return sorted(names)


# --- verifying ------------------------------------------------------------------------------------

KIND_LABELS = {
    "edited": "内容被修改",
    "deleted": "事件被删除",
    "inserted": "事件被插入",
    "reordered": "顺序被调换",
}


@dataclass(frozen=True)
class ChainProblem:
    kind: str  # edited | deleted | inserted | reordered
    event_id: int | None  # None only when the table is empty
    message: str

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)


@dataclass(frozen=True)
class ChainReport:
    checked: int
    head_id: int | None
    head_hash: str
    problems: list[ChainProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _rows() -> Iterator[AuditEvent]:
    return AuditEvent.objects.order_by("id").iterator(chunk_size=2000)


def verify_chain(anchor_hash: str | None = None) -> ChainReport:
    """Walk the table in insertion (id) order and name every row that breaks the chain.

    A row whose stored hash does not match its content was edited. When some row does not link to
    the row before it, the links are analysed as a whole (see `_link_problems`). `anchor_hash` is
    a head recorded earlier outside the system: if it is gone, the tail was deleted (or the chain
    rewritten from some point on). One streaming pass with constant memory when the chain holds."""
    problems: list[ChainProblem] = []
    edited: set[int] = set()
    checked = 0
    head_id: int | None = None
    head_hash = ""
    expected_prev = GENESIS_HASH
    links_broken = False
    anchor_seen = False
    for event in _rows():
        checked += 1
        if compute_hash(event.prev_hash, event) != event.hash:
            edited.add(event.id)
            problems.append(
                ChainProblem(
                    "edited", event.id, f"审计事件 #{event.id} 的内容与其哈希不符：该事件被修改"
                )
            )
        links_broken = links_broken or event.prev_hash != expected_prev
        anchor_seen = anchor_seen or event.hash == anchor_hash
        expected_prev = event.hash
        head_id, head_hash = event.id, event.hash
    if links_broken:
        rows = list(AuditEvent.objects.order_by("id").values_list("id", "hash", "prev_hash"))
        problems.extend(_link_problems(rows, edited))
    if anchor_hash and not anchor_seen:
        problems.append(_anchor_problem(anchor_hash, head_id))
    problems.sort(key=lambda p: (p.event_id or 0, p.kind))
    return ChainReport(checked, head_id, head_hash, problems)


def _anchor_problem(anchor_hash: str, head_id: int | None) -> ChainProblem:
    if head_id is None:
        return ChainProblem("deleted", None, "审计日志为空：锚定的事件及之前的全部事件被删除")
    return ChainProblem(
        "deleted",
        head_id,
        f"锚定哈希 {anchor_hash[:16]}… 已不在链中：当前最后一条事件 #{head_id} 之后的末尾事件"
        "被删除，或链从某处起被整体改写",
    )


def _link_problems(rows: list[tuple[int, str, str]], edited: set[int]) -> list[ChainProblem]:
    """Rows form a forest through their links (each row points at one earlier hash). The genuine
    chain is the longest path from the start; what hangs off it was inserted; a row whose link
    points at no existing row starts a new segment after a deletion; and the rows of the genuine
    path that are not in id order were reordered. An edited row's link is not trusted: it starts a
    segment of its own without a further report."""
    position = {row_hash: i for i, (_, row_hash, _) in enumerate(rows)}
    children: dict[int, list[int]] = defaultdict(list)  # parent position (-1: start) -> children
    roots: list[int] = []
    problems: list[ChainProblem] = []
    for i, (event_id, _, prev_hash) in enumerate(rows):
        if event_id in edited:
            roots.append(i)
        elif prev_hash == GENESIS_HASH:
            children[-1].append(i)
        elif prev_hash in position:
            children[position[prev_hash]].append(i)
        else:
            roots.append(i)
            problems.append(_deleted_problem(rows, i))
    depth = _depths(children, [-1, *roots])
    segments = [_longest_path(-1, children, depth)[1:]]
    segments += [_longest_path(root, children, depth) for root in roots]
    on_path = {pos for segment in segments for pos in segment}
    for parent, kids in children.items():
        for kid in kids:
            if kid not in on_path and parent in on_path | {-1}:
                problems.extend(_inserted_problems(rows, parent, kid, children))
    order = [pos for segment in segments for pos in segment]
    for actual, expected in zip(order, sorted(order), strict=True):
        if actual != expected:
            event_id = rows[actual][0]
            problems.append(
                ChainProblem(
                    "reordered",
                    event_id,
                    f"审计事件 #{event_id} 不在原来的位置：按链接它应排在 "
                    f"#{rows[expected][0]} 的位置，事件顺序被调换",
                )
            )
    return problems


def _deleted_problem(rows: list[tuple[int, str, str]], i: int) -> ChainProblem:
    event_id = rows[i][0]
    where = f"#{rows[i - 1][0]} 与 #{event_id} 之间" if i else f"#{event_id} 之前（链的开头）"
    return ChainProblem(
        "deleted",
        event_id,
        f"审计事件 #{event_id} 链接的上一条事件已不存在：{where}的事件被删除"
        f"（或 #{event_id} 是伪造的）",
    )


def _inserted_problems(
    rows: list[tuple[int, str, str]], parent: int, kid: int, children: dict[int, list[int]]
) -> Iterator[ChainProblem]:
    """The branch that hangs off the genuine chain at `parent`, starting with `kid`."""
    after = f"事件 #{rows[parent][0]}" if parent >= 0 else "链的开头"
    stack = [kid]
    while stack:
        pos = stack.pop()
        event_id = rows[pos][0]
        yield ChainProblem(
            "inserted",
            event_id,
            f"审计事件 #{event_id} 不在链上（从{after}分出的支链）：该事件是插入的",
        )
        stack.extend(children.get(pos, []))


def _depths(children: dict[int, list[int]], starts: list[int]) -> dict[int, int]:
    """Length of the longest path down from each reachable node (links form a forest)."""
    order: list[int] = []
    stack = list(starts)
    while stack:
        node = stack.pop()
        order.append(node)
        stack.extend(children.get(node, []))
    depth: dict[int, int] = {}
    for node in reversed(order):
        depth[node] = 1 + max((depth[kid] for kid in children.get(node, [])), default=0)
    return depth


def _longest_path(start: int, children: dict[int, list[int]], depth: dict[int, int]) -> list[int]:
    """Follow the deepest child at each fork; on a tie the earlier row is taken as genuine."""
    path = [start]
    node = start
    while children.get(node):
        node = min(children[node], key=lambda kid: (-depth[kid], kid))
        path.append(node)
    return path
