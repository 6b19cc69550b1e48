"""The progress board's counts (ReviewTally, one row per unit and round): rebuilt from the
reviews when a round's reviews are created (or after a bulk change), moved by one with every
transition. Revisions are not counted: the board follows each target once."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Count, F, Q

from lianjing.reviews.models import Review, ReviewTally, Step

DONE = (Review.Status.SIGNED, Review.Status.SUPERSEDED)
STEPS = range(Step.TARGETS, Step.SIGN + 1)
Bucket = tuple[int, int, str]  # round, unit, column ("step_N" or "done")


def column(review: Review) -> str:
    return "done" if review.status in DONE else f"step_{review.step}"


def bucket(review: Review) -> Bucket:
    return (review.round_id, review.unit_id, column(review))


@transaction.atomic
def tally_rebuild(round_id: int) -> int:
    """Count the round's reviews afresh (after creating them, or any bulk change)."""
    ReviewTally.objects.filter(round_id=round_id).delete()
    active = ~Q(status__in=DONE)
    rows = (
        Review.objects.filter(round_id=round_id, revision_of__isnull=True)
        .values("unit_id")
        .annotate(
            done=Count("step", filter=~active),
            **{f"step_{s}": Count("step", filter=active & Q(step=s)) for s in STEPS},
        )
        .order_by()
    )
    tallies = [ReviewTally(round_id=round_id, **row) for row in rows]
    ReviewTally.objects.bulk_create(tallies, batch_size=2000)
    return len(tallies)


def _add(key: Bucket, delta: int) -> None:
    round_id, unit_id, name = key
    where = {"round_id": round_id, "unit_id": unit_id}
    if not ReviewTally.objects.filter(**where).update(**{name: F(name) + delta}):
        ReviewTally.objects.create(**where, **{name: delta})


def tally_move(review: Review, before: Bucket) -> None:
    """A review moved from bucket `before` to where it stands now."""
    if review.revision_of_id is not None:
        return
    after = bucket(review)
    if after != before:
        _add(before, -1)
        _add(after, +1)
