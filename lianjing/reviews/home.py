"""Workbench panels of the procedure: the person's own review tasks (a cadre's 工作台), and the
reviews waiting for the user's opinion, review or signature."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from lianjing.reviews import selectors, workflow
from lianjing.reviews.models import Review, Round, Step


def my_tasks(request: HttpRequest) -> dict[str, Any] | None:
    user = request.user
    if not getattr(user, "is_authenticated", False):
        return None
    mine = list(selectors.my_reviews(user).filter(status=Review.Status.ACTIVE)[:10])
    waiting = []
    involved = (
        selectors.reviews_visible(user)
        .filter(
            status=Review.Status.ACTIVE,
            round__state=Round.State.OPEN,
            step__in=[Step.CONSULT, Step.REVIEW, Step.SIGN],
        )
        .exclude(pk__in=[r.pk for r in mine])
        .select_related("round", "unit__main_leader", "post__department", "department")
        .order_by("due_on")[:200]
    )
    for review in involved:
        if review.step == Step.CONSULT:
            if review.comment_until is None or not workflow.is_holder(user, review):
                waiting.append((review, "征求意见"))
        elif workflow.available(user, review):
            waiting.append((review, review.step_label))
        if len(waiting) >= 10:
            break
    if not mine and not waiting:
        return None
    today = timezone.localdate()
    return {"mine": [(r, r.due_on < today) for r in mine], "waiting": waiting}
