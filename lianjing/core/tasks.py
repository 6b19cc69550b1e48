"""Periodic work of the core app (Huey). Tasks stay thin: they call the service and log."""

from __future__ import annotations

import logging
from typing import Any

from django.core.management import call_command
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from lianjing.core.audit import audit, verify_chain

logger = logging.getLogger(__name__)


@db_periodic_task(crontab(hour="2", minute="15"))
def audit_chain_verify_nightly() -> dict[str, Any]:
    """Check the whole chain every night; the head goes to the log (kept outside the database)
    and into an audit event of its own."""
    report = verify_chain()
    summary = {
        "checked": report.checked,
        "problems": len(report.problems),
        "head_id": report.head_id,
        "head_hash": report.head_hash,
    }
    if report.ok:
        logger.info(
            "审计链校验通过：%s 条，链头 #%s %s", report.checked, report.head_id, report.head_hash
        )
    else:
        logger.error("审计链校验发现 %s 处问题：", len(report.problems))
        for problem in report.problems:
            logger.error("[%s] %s", problem.kind_label, problem.message)
    audit("core.audit.verified", object_type="core.auditevent", after=summary)
    return summary


@db_periodic_task(crontab(hour="3", minute="30"))
def sessions_clear_nightly() -> None:
    """Remove expired sessions (Django's clearsessions)."""
    call_command("clearsessions")
