"""Logins, failed logins and logouts go to the audit log. These receivers only record; they make
no decisions."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from lianjing.core.audit import audit
from lianjing.core.middleware import client_ip


@receiver(user_logged_in)
def record_login(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    audit(
        "accounts.login.succeeded", actor=user, obj=user, ip=client_ip(request) if request else None
    )


@receiver(user_login_failed)
def record_login_failure(
    sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any
) -> None:
    username = str(credentials.get("username", ""))[:150]
    locked = bool(getattr(request, "axes_locked_out", False))
    audit(
        "accounts.login.failed",
        object_type="accounts.user",
        object_repr=username,
        after={"username": username, "locked_out": locked},
        ip=client_ip(request) if request else None,
    )


@receiver(user_logged_out)
def record_logout(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        audit("accounts.logout", actor=user, obj=user, ip=client_ip(request) if request else None)
