"""Writes on the organisation. Every function is one use case: validated, in a transaction,
audited. Concurrent edits of one record are refused with a clear message (optimistic locking on
`version`)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Model
from django.utils.translation import gettext as _

from lianjing.core.audit import audit, snapshot, stored_snapshot
from lianjing.core.crypto import blind_index, encrypt
from lianjing.org import hooks
from lianjing.org.models import Assignment, Department, KeyPostKind, Person, Post, Status, Unit
from lianjing.org.validation import mask_id_number, validate_id_number

UNIT_FIELDS = ("code", "name", "short_name", "level", "kind", "parent", "main_leader", "status")
DEPARTMENT_FIELDS = ("code", "name", "unit", "parent", "leader_in_charge", "status")
POST_FIELDS = ("code", "name", "unit", "department", "duties", "rank", "headcount", "status")
PERSON_FIELDS = (
    "code",
    "name",
    "gender",
    "birth_date",
    "id_number_masked",
    "political_status",
    "phone",
    "user",
)
ASSIGNMENT_FIELDS = ("person", "post", "start_date", "end_date", "is_primary", "note")


class ConflictError(ValidationError):
    """Somebody else saved the record since it was read."""


def _save_versioned(obj: Model, expected_version: int | None) -> None:
    """Save an existing row only if nobody changed it since `expected_version` was read."""
    model = type(obj)
    version = obj.version  # type: ignore[attr-defined]
    if expected_version is not None and expected_version != version:
        raise ConflictError(_("该记录已被他人修改，请刷新页面后重新编辑。"))
    fields = [f.attname for f in model._meta.concrete_fields if not f.primary_key]
    values = {name: getattr(obj, name) for name in fields if name != "version"}
    updated = model._default_manager.filter(pk=obj.pk, version=version).update(
        **values, version=F("version") + 1
    )
    if updated != 1:
        raise ConflictError(_("该记录已被他人修改，请刷新页面后重新编辑。"))
    obj.version = version + 1  # type: ignore[attr-defined]


# --- units ----------------------------------------------------------------------------------------


def _require_manageable(actor: Any, unit: Unit | None, field: str) -> None:
    """A user may attach things only to units inside their own management scope (the forms
    offer no others; this holds for a forged request too). System writes pass actor=None."""
    from lianjing.org.access import can_change

    if unit is not None and actor is not None and not can_change(actor, unit):
        raise ValidationError({field: _("所选单位不在您的管理范围内。")})


def _check_unit_parent(unit: Unit, parent: Unit | None) -> None:
    if parent is None:
        return
    if unit.pk and parent.pk == unit.pk:
        raise ValidationError({"parent": _("上级单位不能是本单位。")})
    if unit.pk and Unit.objects.ancestors(parent, include_self=True).filter(pk=unit.pk).exists():
        raise ValidationError({"parent": _("不能把单位移到它自己的下级单位之下。")})
    if parent.status != Status.ACTIVE:
        raise ValidationError({"parent": _("上级单位已合并或撤销，不能再添加下级。")})


@transaction.atomic
def unit_create(*, actor: Any, parent: Unit | None = None, **fields: Any) -> Unit:
    unit = Unit(parent=parent, **fields)
    _check_unit_parent(unit, parent)
    _require_manageable(actor, parent, "parent")
    unit.full_clean()
    unit.save()
    audit("org.unit.created", actor=actor, obj=unit, after=snapshot(unit, UNIT_FIELDS))
    return unit


@transaction.atomic
def unit_update(*, actor: Any, unit: Unit, version: int | None = None, **fields: Any) -> Unit:
    """Edit a unit's attributes; moving it is unit_move."""
    before = stored_snapshot(unit, UNIT_FIELDS)
    fields.pop("parent", None)
    for name, value in fields.items():
        setattr(unit, name, value)
    if unit.main_leader_id and unit.main_leader and unit.main_leader.unit_id != unit.pk:
        raise ValidationError({"main_leader": _("主要领导应为本单位在岗人员。")})
    unit.full_clean()
    _save_versioned(unit, version)
    audit(
        "org.unit.updated", actor=actor, obj=unit, before=before, after=snapshot(unit, UNIT_FIELDS)
    )
    if before.get("main_leader") != unit.main_leader_id:
        hooks.people_moved([before.get("main_leader"), unit.main_leader_id])
    return unit


@transaction.atomic
def unit_move(*, actor: Any, unit: Unit, parent: Unit | None, version: int | None = None) -> Unit:
    """Re-parent a unit with everything below it. Refused when it would create a cycle."""
    before = stored_snapshot(unit, ("parent",))
    _check_unit_parent(unit, parent)
    _require_manageable(actor, parent, "parent")
    unit.parent = parent
    unit.full_clean()
    _save_versioned(unit, version)
    audit("org.unit.moved", actor=actor, obj=unit, before=before, after=snapshot(unit, ("parent",)))
    return unit


@transaction.atomic
def unit_close(
    *, actor: Any, unit: Unit, merged_into: Unit | None = None, version: int | None = None
) -> Unit:
    """Close a unit (撤销) or merge it into another (合并). Units are never deleted: risk
    registers, warnings and archives keep pointing at them."""
    if unit.status != Status.ACTIVE:
        raise ValidationError(_("该单位已合并或撤销。"))
    if unit.children.filter(status=Status.ACTIVE).exists():
        raise ValidationError(_("该单位还有正常状态的下级单位，请先处理下级单位。"))
    if merged_into is not None and (merged_into.pk == unit.pk or merged_into.status != "active"):
        raise ValidationError({"merged_into": _("请选择一个正常状态的其他单位作为并入单位。")})
    _require_manageable(actor, merged_into, "merged_into")
    before = stored_snapshot(unit, ("status", "merged_into"))
    unit.status = Status.MERGED if merged_into else Status.CLOSED
    unit.merged_into = merged_into
    _save_versioned(unit, version)
    after = snapshot(unit, ("status", "merged_into"))
    audit("org.unit.closed", actor=actor, obj=unit, before=before, after=after)
    return unit


# --- departments ----------------------------------------------------------------------------------


def _check_department(department: Department) -> None:
    if department.unit.status != Status.ACTIVE:
        raise ValidationError({"unit": _("所属单位已合并或撤销，不能再设内设机构。")})
    parent = department.parent
    if parent is None:
        return
    if parent.status != Status.ACTIVE:
        raise ValidationError({"parent": _("上级内设机构已撤销。")})
    if parent.unit_id != department.unit_id:
        raise ValidationError({"parent": _("上级内设机构必须属于同一单位。")})
    if department.pk and (
        Department.objects.ancestors(parent, include_self=True).filter(pk=department.pk).exists()
    ):
        raise ValidationError({"parent": _("不能把内设机构移到它自己的下级之下。")})


@transaction.atomic
def department_create(*, actor: Any, **fields: Any) -> Department:
    department = Department(**fields)
    _check_department(department)
    department.full_clean()
    department.save()
    audit(
        "org.department.created",
        actor=actor,
        obj=department,
        after=snapshot(department, DEPARTMENT_FIELDS),
    )
    return department


@transaction.atomic
def department_update(
    *, actor: Any, department: Department, version: int | None = None, **fields: Any
) -> Department:
    before = stored_snapshot(department, DEPARTMENT_FIELDS)
    moving = "unit" in fields and fields["unit"].pk != department.unit_id
    if moving and (department.posts.exists() or department.children.exists()):
        raise ValidationError({"unit": _("该内设机构已有岗位或下级机构，不能改到其他单位。")})
    for name, value in fields.items():
        setattr(department, name, value)
    _check_department(department)
    department.full_clean()
    _save_versioned(department, version)
    after = snapshot(department, DEPARTMENT_FIELDS)
    audit("org.department.updated", actor=actor, obj=department, before=before, after=after)
    if before.get("leader_in_charge") != department.leader_in_charge_id:
        hooks.people_moved([before.get("leader_in_charge"), department.leader_in_charge_id])
    return department


# --- posts ----------------------------------------------------------------------------------------


def _check_post(post: Post) -> None:
    if post.department_id and post.department and post.department.unit_id != post.unit_id:
        raise ValidationError({"department": _("所选内设机构不属于该岗位所在单位。")})


def _key_kind_codes(post: Post) -> list[str]:
    return sorted(post.key_kinds.values_list("code", flat=True))


@transaction.atomic
def post_create(*, actor: Any, key_kinds: Iterable[KeyPostKind] = (), **fields: Any) -> Post:
    post = Post(**fields)
    _check_post(post)
    post.full_clean()
    post.save()
    post.key_kinds.set(list(key_kinds))
    after = {**snapshot(post, POST_FIELDS), "key_kinds": _key_kind_codes(post)}
    audit("org.post.created", actor=actor, obj=post, after=after)
    return post


@transaction.atomic
def post_update(
    *,
    actor: Any,
    post: Post,
    key_kinds: Iterable[KeyPostKind] | None = None,
    version: int | None = None,
    **fields: Any,
) -> Post:
    before = {**stored_snapshot(post, POST_FIELDS), "key_kinds": _key_kind_codes(post)}
    occupied = post.assignments.filter(end_date__isnull=True).exists()
    moving = "unit" in fields and fields["unit"].pk != post.unit_id
    if moving and occupied:
        raise ValidationError({"unit": _("该岗位有在岗人员，不能改到其他单位。")})
    if fields.get("status", post.status) != Status.ACTIVE and occupied:
        raise ValidationError({"status": _("该岗位还有在岗人员，请先结束其任职再撤销岗位。")})
    for name, value in fields.items():
        setattr(post, name, value)
    _check_post(post)
    post.full_clean()
    _save_versioned(post, version)
    if key_kinds is not None:
        post.key_kinds.set(list(key_kinds))
    after = {**snapshot(post, POST_FIELDS), "key_kinds": _key_kind_codes(post)}
    audit("org.post.updated", actor=actor, obj=post, before=before, after=after)
    Person.objects.filter(post=post).update(unit_id=post.unit_id, department_id=post.department_id)
    return post


# --- people ---------------------------------------------------------------------------------------


def _set_id_number(person: Person, id_number: str | None) -> None:
    if id_number is None:
        return
    id_number = id_number.strip().upper()
    if id_number:
        validate_id_number(id_number)
        clash = Person.objects.filter(id_number_index=blind_index(id_number)).exclude(pk=person.pk)
        if clash.exists():
            raise ValidationError({"id_number": _("该身份证号已登记在其他人员名下。")})
    person.id_number_encrypted = encrypt(id_number)
    person.id_number_index = blind_index(id_number)
    person.id_number_masked = mask_id_number(id_number)


def _user_id(user: Any) -> int | None:
    return user.pk if user is not None else None


def _require_account_admin(actor: Any) -> None:
    from lianjing.accounts.permissions import MANAGE_USERS
    from lianjing.accounts.selectors import user_has_perm

    if actor is not None and not user_has_perm(actor, MANAGE_USERS):
        raise ValidationError({"user": _("只有系统管理员可以关联登录账户。")})


@transaction.atomic
def person_create(*, actor: Any, id_number: str = "", **fields: Any) -> Person:
    """Register a person. The ID number is stored encrypted; only its masked form is shown."""
    if fields.get("user") is not None:
        _require_account_admin(actor)
    person = Person(**fields)
    _set_id_number(person, id_number)
    person.full_clean()
    person.save()
    audit("org.person.created", actor=actor, obj=person, after=snapshot(person, PERSON_FIELDS))
    return person


@transaction.atomic
def person_update(
    *,
    actor: Any,
    person: Person,
    id_number: str | None = None,
    version: int | None = None,
    **fields: Any,
) -> Person:
    """Edit a person; `id_number` None keeps the stored number. Linking an account to a person
    decides whose "self" that account sees, so only account administrators may change it."""
    before = stored_snapshot(person, PERSON_FIELDS)
    if "user" in fields and _user_id(fields["user"]) != before.get("user"):
        _require_account_admin(actor)
    for name, value in fields.items():
        setattr(person, name, value)
    _set_id_number(person, id_number)
    person.full_clean()
    _save_versioned(person, version)
    audit(
        "org.person.updated",
        actor=actor,
        obj=person,
        before=before,
        after=snapshot(person, PERSON_FIELDS),
    )
    return person


# --- assignments ----------------------------------------------------------------------------------


def person_sync_current(person: Person) -> None:
    """Mirror the open primary assignment on the person (unit, department, post)."""
    current = (
        Assignment.objects.filter(person=person, is_primary=True, end_date__isnull=True)
        .select_related("post")
        .first()
    )
    post = current.post if current else None
    Person.objects.filter(pk=person.pk).update(
        post=post,
        unit_id=post.unit_id if post else None,
        department_id=post.department_id if post else None,
    )
    person.post = post
    person.unit_id = post.unit_id if post else None
    person.department_id = post.department_id if post else None


@transaction.atomic
def assignment_start(
    *,
    actor: Any,
    person: Person,
    post: Post,
    start_date: datetime.date,
    is_primary: bool = True,
    note: str = "",
) -> Assignment:
    """Put a person on a post. A new primary post ends the current primary one the day before
    (rotation, 轮岗); the history is kept."""
    if post.status != Status.ACTIVE:
        raise ValidationError({"post": _("该岗位已撤销，不能任职。")})
    if post.assignments.filter(person=person, end_date__isnull=True).exists():
        raise ValidationError({"post": _("该人员已在此岗位任职。")})
    if is_primary:
        current = Assignment.objects.filter(
            person=person, is_primary=True, end_date__isnull=True
        ).first()
        if current is not None:
            if start_date <= current.start_date:
                raise ValidationError(
                    {
                        "start_date": _("新岗位的任职开始日期须晚于现主要岗位的开始日期（%(d)s）。")
                        % {"d": current.start_date}
                    }
                )
            assignment_end(
                actor=actor, assignment=current, end_date=start_date - datetime.timedelta(days=1)
            )
    assignment = Assignment(
        person=person, post=post, start_date=start_date, is_primary=is_primary, note=note
    )
    assignment.full_clean()
    assignment.save()
    person_sync_current(person)
    audit(
        "org.assignment.started",
        actor=actor,
        obj=assignment,
        after=snapshot(assignment, ASSIGNMENT_FIELDS),
    )
    hooks.people_moved([person.pk])
    return assignment


@transaction.atomic
def assignment_end(*, actor: Any, assignment: Assignment, end_date: datetime.date) -> Assignment:
    if assignment.end_date is not None:
        raise ValidationError({"end_date": _("该任职已经结束。")})
    if end_date < assignment.start_date:
        raise ValidationError({"end_date": _("任职结束日期不能早于开始日期。")})
    before = stored_snapshot(assignment, ("end_date",))
    assignment.end_date = end_date
    assignment.full_clean()
    assignment.save(update_fields=["end_date"])
    person_sync_current(assignment.person)
    audit(
        "org.assignment.ended",
        actor=actor,
        obj=assignment,
        before=before,
        after=snapshot(assignment, ("end_date",)),
    )
    hooks.people_moved([assignment.person_id])
    return assignment
