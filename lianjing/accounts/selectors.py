from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from lianjing.accounts.models import Role, RoleAssignment, User
from lianjing.accounts.permissions import PERMISSIONS


def user_roles(user: Any) -> QuerySet[Role]:
    return Role.objects.filter(assignments__user=user).distinct()


def user_permissions(user: Any) -> set[str]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    cached = getattr(user, "_lianjing_permissions", None)
    if cached is None:
        cached = set()
        if user.is_superuser:  # a Django superuser (createsuperuser) holds every permission
            cached.update(PERMISSIONS)
        for perms in user_roles(user).values_list("permissions", flat=True):
            cached.update(perms or [])
        user._lianjing_permissions = cached
    return cached


def user_has_perm(user: Any, code: str) -> bool:
    return code in user_permissions(user)


def user_requires_two_factor(user: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return user_roles(user).filter(requires_two_factor=True).exists()


def user_list() -> QuerySet[User]:
    return User.objects.prefetch_related(
        "role_assignments__role", "role_assignments__unit"
    ).order_by("username")


def user_role_assignments(user: User) -> QuerySet[RoleAssignment]:
    return (
        RoleAssignment.objects.filter(user=user)
        .select_related("role", "unit")
        .prefetch_related("assigned_units")
        .order_by("id")
    )


def role_list() -> QuerySet[Role]:
    return Role.objects.all().order_by("id")


def is_otp_verified(user: Any) -> bool:
    """True once the user entered a one-time code in this session (django-otp's middleware)."""
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified()) if callable(is_verified) else False
