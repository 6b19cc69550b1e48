"""The progress board reads kept counts (ReviewTally) that every move updates: after any walk
they equal the counts of the reviews themselves, for every reader."""

from __future__ import annotations

import datetime

import pytest

from lianjing.reviews import selectors
from lianjing.reviews.models import Review, ReviewTally, Step
from lianjing.reviews.services import revision_open
from lianjing.reviews.tally import tally_rebuild
from lianjing.reviews.tests.test_workflow import move, to_step, with_measure
from lianjing.risks.tests.factories import post_risk

pytestmark = pytest.mark.django_db


def snapshot_of(board: selectors.Board) -> dict:
    return {r.unit.pk: (r.total, r.signed, r.late, dict(r.by_step)) for r in board.rows} | {
        "totals": (board.totals.total, board.totals.signed, board.totals.late)
    }


def direct(user, round_, parent=None) -> dict:
    """The board counted from the reviews themselves (the path for readers whose scope is not
    made of whole units), for comparison."""
    from django.db.models import Q

    from lianjing.reviews.tally import DONE

    original = selectors._counts

    def from_reviews(user, round_):
        reviews = Review.objects.filter(round=round_, revision_of__isnull=True).filter(
            selectors._scope(user)
        )
        per_unit = selectors._per_unit(reviews, "step", Q(status__in=DONE))
        today = selectors.timezone.localdate()
        for review in reviews.filter(status="active", due_on__lt=today):
            per_unit[review.unit_id][2] += 1
        return ((unit, *counts) for unit, counts in per_unit.items())

    selectors._counts = from_reviews
    try:
        return snapshot_of(selectors.board(user, round_, parent))
    finally:
        selectors._counts = original


def test_kept_counts_follow_every_move(procedure):
    p = procedure
    review = to_step(p, p.review_of(p.world.post_budget_clerk), Step.SIGN)
    review = move(review, p.leader, "sign")
    revision_open(actor=p.cadre, review=review, cause="law", reason="新法规")
    director = p.review_of(p.world.post_director)  # the director's own post: at 征求意见
    with_measure(post_risk(p.world.post_director, description="“三重一大”决策风险"))
    move(move(director, p.leader), p.leader)
    readers = [p.world.users[r] for r in ("system_admin", "discipline_inspector", "unit_leader")]
    readers.append(p.world.users["stationed_team"])
    for user in readers:
        for parent in (None, p.world.finance, p.world.district_a):
            assert snapshot_of(selectors.board(user, p.round, parent)) == direct(
                user, p.round, parent
            )
    board = selectors.board(p.world.users["system_admin"], p.round)
    finance = next(r for r in board.rows if r.unit.pk == p.world.finance.pk)
    assert finance.signed == 1 and finance.by_step.get(Step.CONSULT) == 1
    for name in ["done", *(f"step_{s}" for s in range(1, 9))]:
        assert not ReviewTally.objects.filter(**{f"{name}__lt": 0}).exists()


def test_late_follows_the_calendar_and_a_rebuild_restores_bulk_changes(procedure):
    p = procedure
    review = p.review_of(p.world.post_budget_clerk)
    admin = p.world.users["system_admin"]
    Review.objects.filter(pk=review.pk).update(due_on=datetime.date(2020, 1, 1))
    assert selectors.board(admin, p.round).totals.late == 1
    Review.objects.filter(pk=review.pk).update(step=Step.MEASURES)  # a bulk change
    assert selectors.board(admin, p.round).totals.by_step.get(Step.MEASURES) is None
    tally_rebuild(p.round.pk)
    assert selectors.board(admin, p.round).totals.by_step.get(Step.MEASURES) == 1
    assert snapshot_of(selectors.board(admin, p.round)) == direct(admin, p.round)
