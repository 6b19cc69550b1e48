"""Background work of the eight-step procedure (Huey). Tasks take primary keys and stay thin."""

from __future__ import annotations

import logging

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from lianjing.reviews.services import due_reminders
from lianjing.reviews.services import reviews_generate as generate

logger = logging.getLogger(__name__)


@db_task()
def reviews_generate(round_id: int) -> None:
    """Create the reviews of a round that was just opened."""
    generate(round_id)


@db_periodic_task(crontab(hour="7", minute="0"))
def reviews_due_reminders_daily() -> None:
    """Each morning: steps due within 3 working days, and steps overdue."""
    sent = due_reminders()
    logger.info("风险排查到期提醒：即将到期 %s 条，已逾期 %s 条", sent["soon"], sent["late"])
