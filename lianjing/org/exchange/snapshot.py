"""What the database holds for the codes a workbook mentions, read in a handful of queries into
dicts keyed by code, with references turned into codes as well, so that the file and the database
compare field by field. Large id lists are queried in chunks (SQLite's parameter limit)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db.models import Model, QuerySet

from lianjing.org.models import Assignment, Department, Person, Post, Unit

T = TypeVar("T")
M = TypeVar("M", bound=Model)
CHUNK = 500

UNIT_VALUES = (
    "pk",
    "code",
    "version",
    "name",
    "short_name",
    "parent_id",
    "level",
    "kind",
    "main_leader_id",
    "status",
    "merged_into_id",
    "position",
)
DEPARTMENT_VALUES = (
    "pk",
    "code",
    "version",
    "name",
    "unit_id",
    "parent_id",
    "leader_in_charge_id",
    "status",
    "position",
)
POST_VALUES = (
    "pk",
    "code",
    "version",
    "name",
    "unit_id",
    "department_id",
    "rank_id",
    "headcount",
    "duties",
    "status",
)
PERSON_VALUES = (
    "pk",
    "code",
    "version",
    "name",
    "gender",
    "birth_date",
    "id_number_index",
    "id_number_masked",
    "political_status",
    "phone",
    "unit_id",
    "department_id",
    "post_id",
)
ASSIGNMENT_VALUES = ("pk", "person_id", "post_id", "start_date", "end_date", "is_primary", "note")


def chunks(items: Iterable[T], size: int = CHUNK) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def values_in(
    queryset: QuerySet[M], lookup: str, keys: Iterable[Any], fields: tuple[str, ...]
) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for batch in chunks(sorted(set(keys), key=str)):
        found.extend(queryset.filter(**{f"{lookup}__in": batch}).values(*fields))
    return found


@dataclass
class Snapshot:
    units: dict[str, dict[str, Any]] = field(default_factory=dict)
    departments: dict[str, dict[str, Any]] = field(default_factory=dict)
    posts: dict[str, dict[str, Any]] = field(default_factory=dict)
    people: dict[str, dict[str, Any]] = field(default_factory=dict)
    # by person code: their assignments, with post codes
    assignments: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    unit_code: dict[int, str] = field(default_factory=dict)
    department_code: dict[int, str] = field(default_factory=dict)
    post_code: dict[int, str] = field(default_factory=dict)
    person_code: dict[int, str] = field(default_factory=dict)


def load_snapshot(*, post_codes: set[str], person_codes: set[str]) -> Snapshot:
    """Every unit and department (trees and scope need them all), and the posts, people and
    assignments the file names, with the posts those people hold."""
    snap = Snapshot()
    for row in Unit.objects.values(*UNIT_VALUES):
        snap.units[row["code"]] = row
        snap.unit_code[row["pk"]] = row["code"]
    for row in Department.objects.values(*DEPARTMENT_VALUES):
        snap.departments[row["code"]] = row
        snap.department_code[row["pk"]] = row["code"]
    _load_people(snap, person_codes)
    _load_posts(snap, values_in(Post.objects.all(), "code", post_codes, POST_VALUES))
    _load_assignments(snap)
    _name_references(snap)
    return snap


def _load_people(snap: Snapshot, codes: set[str]) -> None:
    # the leaders the database names on units and departments of the file are compared by code
    leaders = {r["main_leader_id"] for r in snap.units.values()} | {
        r["leader_in_charge_id"] for r in snap.departments.values()
    }
    rows = values_in(Person.objects.all(), "code", codes, PERSON_VALUES)
    known = {r["pk"] for r in rows}
    leader_ids = {pk for pk in leaders if pk is not None and pk not in known}
    for row in values_in(Person.objects.all(), "pk", leader_ids, ("pk", "code")):
        snap.person_code[row["pk"]] = row["code"]
    for row in rows:
        snap.people[row["code"]] = row
        snap.person_code[row["pk"]] = row["code"]


def _load_posts(snap: Snapshot, rows: list[dict[str, Any]]) -> None:
    kinds: dict[int, set[int]] = defaultdict(set)
    through = Post.key_kinds.through
    for batch in chunks([r["pk"] for r in rows]):
        for post_id, kind_id in through.objects.filter(post_id__in=batch).values_list(
            "post_id", "keypostkind_id"
        ):
            kinds[post_id].add(kind_id)
    for row in rows:
        row["key_kinds"] = frozenset(kinds[row["pk"]])
        snap.posts[row["code"]] = row
        snap.post_code[row["pk"]] = row["code"]


def _load_assignments(snap: Snapshot) -> None:
    person_ids = [p["pk"] for p in snap.people.values()]
    rows = values_in(Assignment.objects.all(), "person_id", person_ids, ASSIGNMENT_VALUES)
    missing_posts = {r["post_id"] for r in rows} - set(snap.post_code)
    if missing_posts:
        _load_posts(snap, values_in(Post.objects.all(), "pk", missing_posts, POST_VALUES))
    for row in rows:
        row["person"] = snap.person_code[row["person_id"]]
        row["post"] = snap.post_code[row["post_id"]]
        snap.assignments.setdefault(row["person"], []).append(row)


def _name_references(snap: Snapshot) -> None:
    for row in snap.units.values():
        row["parent"] = snap.unit_code.get(row["parent_id"])
        row["merged_into"] = snap.unit_code.get(row["merged_into_id"])
        row["main_leader"] = snap.person_code.get(row["main_leader_id"])
    for row in snap.departments.values():
        row["unit"] = snap.unit_code[row["unit_id"]]
        row["parent"] = snap.department_code.get(row["parent_id"])
        row["leader_in_charge"] = snap.person_code.get(row["leader_in_charge_id"])
    for row in snap.posts.values():
        row["unit"] = snap.unit_code[row["unit_id"]]
        row["department"] = snap.department_code.get(row["department_id"])
        row["rank"] = row["rank_id"]
