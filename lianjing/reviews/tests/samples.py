"""Reviews made directly (no job, no moves) for the harnesses: a round with one review of a
post, office or unit; a comment; a signed review with its snapshot; a revision of it."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from lianjing.inbox.models import Notification
from lianjing.reviews.models import Review, ReviewComment, Round, Snapshot, Step

YEAR = 2026


def sample_round(**fields: Any) -> Round:
    return Round.objects.create(
        name=fields.pop("name", "样本排查"), year=YEAR, state=Round.State.OPEN, **fields
    )


def sample_review(*, post: Any = None, unit: Any = None, **fields: Any) -> Review:
    round_ = fields.pop("round", None) or sample_round()
    today = timezone.localdate()
    target = (
        {"target_kind": "post", "post": post, "unit": post.unit, "department": post.department}
        if post is not None
        else {"target_kind": "unit", "unit": unit}
    )
    return Review.objects.create(
        round=round_,
        step=fields.pop("step", Step.SELF_CHECK),
        step_since=today,
        due_on=today + datetime.timedelta(days=14),
        **target,
        **fields,
    )


def sample_comment(review: Review, author: Any) -> ReviewComment:
    return ReviewComment.objects.create(
        review=review, author=author, author_name="样本", text="样本意见"
    )


def sample_signed(*, post: Any = None, unit: Any = None, signer: Any) -> Review:
    review = sample_review(post=post, unit=unit, step=Step.SIGN, status=Review.Status.SIGNED)
    Snapshot.objects.create(
        review=review,
        unit=review.unit,
        year=YEAR,
        title="样本台账",
        content={"target": {}, "holders": [], "points": [], "comments": []},
        digest="0" * 64,
        signed_by=signer,
        signer_name="样本",
        signed_at=timezone.now(),
    )
    return review


def sample_revision(*, post: Any, signer: Any) -> Review:
    signed = sample_signed(post=post, signer=signer)
    return sample_review(post=post, round=signed.round, revision_of=signed, revision_cause="law")


def sample_notification(recipient: Any) -> Notification:
    return Notification.objects.create(recipient=recipient, kind="sample", title="样本", url="/")
