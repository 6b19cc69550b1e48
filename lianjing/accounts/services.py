"""Writes on accounts and roles. Each function is one use case, runs in a transaction and leaves
an audit event."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from axes.utils import reset as axes_reset
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from lianjing.accounts.models import Role, RoleAssignment, User
from lianjing.core.audit import audit, snapshot, stored_snapshot

USER_FIELDS = ("username", "full_name", "email", "is_active")
ROLE_FIELDS = (
    "name",
    "description",
    "scope",
    "cross_system_rank",
    "requires_two_factor",
    "permissions",
)
BACKUP_CODE_COUNT = 10


def _role_codes(user: User) -> list[str]:
    return sorted(user.role_assignments.values_list("role__code", flat=True))


@transaction.atomic
def user_create(
    *,
    actor: Any,
    username: str,
    full_name: str,
    password: str,
    email: str = "",
    roles: Iterable[Role] = (),
) -> User:
    """Create an account; the password must pass the password validators."""
    user = User(username=username, full_name=full_name, email=email)
    validate_password(password, user)
    user.set_password(password)
    user.full_clean()
    user.save()
    RoleAssignment.objects.bulk_create(RoleAssignment(user=user, role=r) for r in roles)
    audit(
        "accounts.user.created",
        actor=actor,
        obj=user,
        after={**snapshot(user, USER_FIELDS), "roles": _role_codes(user)},
    )
    return user


@transaction.atomic
def user_update(
    *,
    actor: Any,
    user: User,
    full_name: str,
    email: str,
    is_active: bool,
) -> User:
    before = stored_snapshot(user, USER_FIELDS)
    user.full_name = full_name
    user.email = email
    user.is_active = is_active
    user.full_clean()
    user.save()
    audit(
        "accounts.user.updated",
        actor=actor,
        obj=user,
        before=before,
        after=snapshot(user, USER_FIELDS),
    )
    return user


def _grant_snapshot(grant: RoleAssignment) -> dict[str, Any]:
    return {
        "user": grant.user.get_username(),
        "role": grant.role.code,
        "unit": grant.unit.code if grant.unit else None,
        "assigned_units": sorted(u.code for u in grant.assigned_units.all()),
    }


UNIT_SCOPES = {Role.Scope.UNIT, Role.Scope.UNIT_TREE}


@transaction.atomic
def role_assignment_create(
    *, actor: Any, user: User, role: Role, unit: Any = None, assigned_units: Iterable[Any] = ()
) -> RoleAssignment:
    """Give an account a role anchored at a unit. A unit-scoped role needs its unit; a stationed
    team's role needs its assigned units (归口联系单位)."""
    assigned = list(assigned_units)
    errors: dict[str, str] = {}
    if role.scope in UNIT_SCOPES and unit is None:
        errors["unit"] = _("角色“%(role)s”的数据范围以单位为准，请选择所在单位。") % {"role": role}
    if role.scope == Role.Scope.ASSIGNED_UNITS and not assigned:
        errors["assigned_units"] = _("派驻纪检组角色须指定至少一个归口联系单位。")
    if RoleAssignment.objects.filter(user=user, role=role, unit=unit).exists():
        errors["role"] = _("该账户已在此单位拥有这一角色。")
    if errors:
        raise ValidationError(errors)
    grant = RoleAssignment.objects.create(user=user, role=role, unit=unit)
    grant.assigned_units.set(assigned)
    audit("accounts.role_assignment.created", actor=actor, obj=user, after=_grant_snapshot(grant))
    return grant


@transaction.atomic
def role_assignment_delete(*, actor: Any, grant: RoleAssignment) -> None:
    before = _grant_snapshot(grant)
    user = grant.user
    grant.delete()
    audit("accounts.role_assignment.deleted", actor=actor, obj=user, before=before)


@transaction.atomic
def user_set_password(*, actor: Any, user: User, password: str) -> None:
    """Set a new password (by the user, or reset by an administrator). Passwords never reach the
    audit log; only the fact that one was changed."""
    validate_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    action = "accounts.password.changed" if actor == user else "accounts.password.reset"
    audit(action, actor=actor, obj=user)


@transaction.atomic
def user_unlock(*, actor: Any, user: User) -> int:
    """Lift a login lockout on this username before the cool-off ends."""
    count = int(axes_reset(username=user.username) or 0)
    audit("accounts.user.unlocked", actor=actor, obj=user, after={"cleared_attempts": count})
    return count


@transaction.atomic
def role_update(
    *,
    actor: Any,
    role: Role,
    name: str,
    description: str,
    scope: str,
    cross_system_rank: bool,
    requires_two_factor: bool,
    permissions: list[str],
) -> Role:
    before = stored_snapshot(role, ROLE_FIELDS)
    role.name = name
    role.description = description
    role.scope = scope
    role.cross_system_rank = cross_system_rank
    role.requires_two_factor = requires_two_factor
    role.permissions = sorted(permissions)
    role.full_clean()
    role.save()
    audit(
        "accounts.role.updated",
        actor=actor,
        obj=role,
        before=before,
        after=snapshot(role, ROLE_FIELDS),
    )
    return role


@transaction.atomic
def role_create(
    *,
    actor: Any,
    code: str,
    name: str,
    description: str,
    scope: str,
    cross_system_rank: bool,
    requires_two_factor: bool,
    permissions: list[str],
) -> Role:
    role = Role(
        code=code,
        name=name,
        description=description,
        scope=scope,
        cross_system_rank=cross_system_rank,
        requires_two_factor=requires_two_factor,
        permissions=sorted(permissions),
    )
    role.full_clean()
    role.save()
    audit(
        "accounts.role.created", actor=actor, obj=role, after=snapshot(role, ("code", *ROLE_FIELDS))
    )
    return role


# --- two-factor -----------------------------------------------------------------------------------


def totp_device_pending(user: User) -> TOTPDevice:
    """The unconfirmed authenticator being enrolled, created on first call. Not audited: nothing
    is in force until it is confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="身份验证器", confirmed=False)
    return device


@transaction.atomic
def two_factor_confirm(*, user: User, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm enrolment with a code from the authenticator. Returns the new single-use backup
    codes, or None when the code is wrong."""
    if not device.verify_token(token):
        audit("accounts.two_factor.enrol_failed", actor=user, obj=user)
        return None
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _new_backup_codes(user)
    audit("accounts.two_factor.enrolled", actor=user, obj=user)
    return codes


def _new_backup_codes(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    static = StaticDevice.objects.create(user=user, name="备用验证码", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=static, token=code) for code in codes)
    return codes


@transaction.atomic
def two_factor_reset(*, actor: Any, user: User) -> None:
    """Remove a user's authenticator and backup codes (lost phone); they enrol again at next
    login if a role of theirs requires two-factor authentication."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    audit("accounts.two_factor.reset", actor=actor, obj=user)
