"""The current request's client IP, made available to the audit helper without threading the
request through every service call. Set by core.middleware.RequestContextMiddleware."""

from __future__ import annotations

from contextvars import ContextVar

current_ip: ContextVar[str] = ContextVar("current_ip", default="")
