"""Writing a checked plan with bulk statements, inside the caller's transaction: people first
(leaders point at them), then units and departments parents before children, posts with their
key-post kinds, assignments (the ones that close first, so that the one-open-primary constraint
holds at every statement), and last the people's unit/department/post mirrors.

Rows to be updated are locked and their versions compared with what was checked: if somebody saved
one of them meanwhile the whole import stops (optimistic locking, as in the services)."""

from __future__ import annotations

from collections.abc import Callable

from django.db import models
from django.db.models import OuterRef, Subquery

from lianjing.core.crypto import blind_index, encrypt
from lianjing.org.exchange.plan import Change, Plan
from lianjing.org.exchange.sheets import SHEETS
from lianjing.org.exchange.snapshot import chunks
from lianjing.org.models import Assignment, Department, Person, Post, Unit
from lianjing.org.validation import mask_id_number

BATCH = 500


class ImportConflict(Exception):
    """A record changed between the check and the write."""


class Writes:
    def __init__(self, plan: Plan) -> None:
        snap = plan.snapshot
        self.plan = plan
        self.unit_id = {code: row["pk"] for code, row in snap.units.items()}
        self.department_id = {code: row["pk"] for code, row in snap.departments.items()}
        self.post_id = {code: row["pk"] for code, row in snap.posts.items()}
        self.person_id = {code: row["pk"] for code, row in snap.people.items()}
        self.moved_post_ids: set[int] = set()

    def changes(self, sheet: str) -> list[Change]:
        return self.plan.changes.get(sheet, [])

    def creates(self, sheet: str) -> list[Change]:
        return [c for c in self.changes(sheet) if c.db is None]

    def updates(self, sheet: str) -> list[Change]:
        return [c for c in self.changes(sheet) if c.db is not None and c.changed]

    def codes(self) -> dict[str, dict[str, list[str]]]:
        """The natural keys created and updated, per sheet, for the audit event."""
        return {
            "created": {s.key: [c.key for c in self.creates(s.key)] for s in SHEETS},
            "updated": {s.key: [c.key for c in self.updates(s.key)] for s in SHEETS},
        }

    def apply(self) -> None:
        self._lock_versions()
        self._people()
        self._units()
        self._departments()
        self._posts()
        self._assignments()
        self._mirrors()

    # --- optimistic locking -------------------------------------------------------------------

    def _lock_versions(self) -> None:
        for sheet, model in (
            ("units", Unit),
            ("departments", Department),
            ("posts", Post),
            ("people", Person),
        ):
            expected = {c.db["pk"]: c.db["version"] for c in self.updates(sheet) if c.db}
            for batch in chunks(list(expected)):
                rows = model._default_manager.select_for_update().filter(pk__in=batch)
                for pk, version in rows.values_list("pk", "version"):
                    if expected[pk] != version:
                        raise ImportConflict(
                            "导入期间有人修改了文件中的记录，本次未写入任何数据，请重新导入。"
                        )

    # --- people ---------------------------------------------------------------------------------

    def _person(self, change: Change) -> Person:
        v = change.values
        person = Person(
            code=v["code"],
            name=v["name"],
            gender=v["gender"],
            birth_date=v["birth_date"],
            political_status=v["political_status"],
            phone=v["phone"],
        )
        number = self.plan.id_numbers.get(v["code"])
        if number:
            person.id_number_encrypted = encrypt(number)
            person.id_number_index = blind_index(number)
            person.id_number_masked = mask_id_number(number)
        return person

    def _people(self) -> None:
        created = [self._person(c) for c in self.creates("people")]
        Person.objects.bulk_create(created, batch_size=BATCH)
        self.person_id.update({p.code: p.pk for p in created})
        plain: list[Person] = []
        with_number: list[Person] = []
        for change in self.updates("people"):
            person = self._person(change)
            person.pk = change.db["pk"] if change.db else None
            person.version = (change.db or {})["version"] + 1
            (with_number if "id_number" in change.changed else plain).append(person)
        fields = ["name", "gender", "birth_date", "political_status", "phone", "version"]
        Person.objects.bulk_update(plain, fields, batch_size=BATCH)
        id_fields = ["id_number_encrypted", "id_number_index", "id_number_masked"]
        Person.objects.bulk_update(with_number, fields + id_fields, batch_size=BATCH)

    # --- trees ----------------------------------------------------------------------------------

    def _tree(
        self,
        sheet: str,
        model: type[models.Model],
        ids: dict[str, int],
        build: Callable[[Change], models.Model],
        fields: list[str],
        late: Callable[[models.Model, Change], bool] = lambda obj, change: False,
    ) -> None:
        """Create the sheet's new rows parents first (a level at a time), then update the others.
        `late` fills references to rows created later in this sheet; those are saved at the end."""
        pending = {c.values["code"]: c for c in self.creates(sheet)}
        created: list[tuple[models.Model, Change]] = []
        while pending:
            ready = [c for c in pending.values() if c.values["parent"] not in pending]
            if not ready:  # a cycle among new rows: the checks refuse those
                raise ImportConflict("上级关系形成循环，本次未写入任何数据。")
            objects = [build(c) for c in ready]
            model._default_manager.bulk_create(objects, batch_size=BATCH)
            for obj, change in zip(objects, ready, strict=True):
                ids[change.values["code"]] = obj.pk
                created.append((obj, change))
                del pending[change.values["code"]]
        again = [obj for obj, change in created if late(obj, change)]
        updated = []
        for change in self.updates(sheet):
            obj = build(change)
            obj.pk = (change.db or {})["pk"]
            obj.version = (change.db or {})["version"] + 1  # type: ignore[attr-defined]
            updated.append(obj)
        model._default_manager.bulk_update(updated, [*fields, "version"], batch_size=BATCH)
        if again:
            model._default_manager.bulk_update(again, fields, batch_size=BATCH)

    def _ref(self, ids: dict[str, int], code: str | None) -> int | None:
        return ids[code] if code is not None else None

    def _units(self) -> None:
        def build(change: Change) -> Unit:
            v = change.values
            return Unit(
                code=v["code"],
                name=v["name"],
                short_name=v["short_name"],
                parent_id=self._ref(self.unit_id, v["parent"]),
                level=v["level"],
                kind=v["kind"],
                main_leader_id=self._ref(self.person_id, v["main_leader"]),
                status=v["status"],
                merged_into_id=self.unit_id.get(v["merged_into"] or ""),
                position=v["position"],
            )

        def late(unit: models.Model, change: Change) -> bool:
            target = change.values["merged_into"]
            if target is None or unit.merged_into_id is not None:  # type: ignore[attr-defined]
                return False
            unit.merged_into_id = self.unit_id[target]  # type: ignore[attr-defined]
            return True

        fields = ["name", "short_name", "parent", "level", "kind", "main_leader", "status"]
        self._tree("units", Unit, self.unit_id, build, [*fields, "merged_into", "position"], late)

    def _departments(self) -> None:
        def build(change: Change) -> Department:
            v = change.values
            return Department(
                code=v["code"],
                name=v["name"],
                unit_id=self.unit_id[v["unit"]],
                parent_id=self._ref(self.department_id, v["parent"]),
                leader_in_charge_id=self._ref(self.person_id, v["leader_in_charge"]),
                status=v["status"],
                position=v["position"],
            )

        fields = ["name", "unit", "parent", "leader_in_charge", "status", "position"]
        self._tree("departments", Department, self.department_id, build, fields)

    # --- posts ----------------------------------------------------------------------------------

    def _post(self, change: Change) -> Post:
        v = change.values
        return Post(
            code=v["code"],
            name=v["name"],
            unit_id=self.unit_id[v["unit"]],
            department_id=self._ref(self.department_id, v["department"]),
            rank_id=v["rank"],
            headcount=v["headcount"],
            duties=v["duties"],
            status=v["status"],
        )

    def _posts(self) -> None:
        created = [self._post(c) for c in self.creates("posts")]
        Post.objects.bulk_create(created, batch_size=BATCH)
        self.post_id.update({p.code: p.pk for p in created})
        updated = []
        for change in self.updates("posts"):
            post = self._post(change)
            db = change.db or {}
            post.pk, post.version = db["pk"], db["version"] + 1
            updated.append(post)
            if {"unit", "department"} & set(change.changed):
                self.moved_post_ids.add(post.pk)
        fields = ["name", "unit", "department", "rank", "headcount", "duties", "status", "version"]
        Post.objects.bulk_update(updated, fields, batch_size=BATCH)
        self._key_kinds()

    def _key_kinds(self) -> None:
        through = Post.key_kinds.through
        kinds = [c for c in self.creates("posts") if c.values["key_kinds"]]
        changed = [c for c in self.updates("posts") if "key_kinds" in c.changed]
        for batch in chunks([self.post_id[c.values["code"]] for c in changed]):
            through.objects.filter(post_id__in=batch).delete()
        links = [
            through(post_id=self.post_id[c.values["code"]], keypostkind_id=kind)
            for c in [*kinds, *changed]
            for kind in c.values["key_kinds"]
        ]
        through.objects.bulk_create(links, batch_size=BATCH)

    # --- assignments ----------------------------------------------------------------------------

    def _assignment(self, change: Change) -> Assignment:
        v = change.values
        return Assignment(
            person_id=self.person_id[v["person"]],
            post_id=self.post_id[v["post"]],
            start_date=v["start_date"],
            end_date=v["end_date"],
            is_primary=v["is_primary"],
            note=v["note"],
        )

    def _assignments(self) -> None:
        closing: list[Assignment] = []
        opening: list[Assignment] = []
        for change in self.updates("assignments"):
            assignment = self._assignment(change)
            assignment.pk = (change.db or {})["pk"]
            open_primary = assignment.is_primary and assignment.end_date is None
            (opening if open_primary else closing).append(assignment)
        fields = ["end_date", "is_primary", "note"]
        Assignment.objects.bulk_update(closing, fields, batch_size=BATCH)
        Assignment.objects.bulk_update(opening, fields, batch_size=BATCH)
        created = [self._assignment(c) for c in self.creates("assignments")]
        Assignment.objects.bulk_create(created, batch_size=BATCH)

    # --- mirrors --------------------------------------------------------------------------------

    def _mirrors(self) -> None:
        """Set unit, department and post on every person the import may have moved: one UPDATE
        with subqueries per batch (bulk_update's CASE per row is slow for thousands)."""
        people = {self.person_id[c.values["code"]] for c in self.changes("people")}
        people |= {self.person_id[c.values["person"]] for c in self.changes("assignments")}
        for batch in chunks(list(self.moved_post_ids)):
            people |= set(Person.objects.filter(post_id__in=batch).values_list("pk", flat=True))
        current = Assignment.objects.filter(
            person_id=OuterRef("pk"), is_primary=True, end_date__isnull=True
        ).order_by("-start_date")
        for batch in chunks(sorted(people)):
            Person.objects.filter(pk__in=batch).update(
                post_id=Subquery(current.values("post_id")[:1]),
                unit_id=Subquery(current.values("post__unit_id")[:1]),
                department_id=Subquery(current.values("post__department_id")[:1]),
            )
