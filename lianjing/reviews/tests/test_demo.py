"""The demo round of the eight-step procedure: loaded with the district through `load_demo` (as
`make run` does), once for the module inside a transaction rolled back at the end."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import transaction
from django.utils import timezone

from lianjing.accounts.demo import DemoResult, load_demo
from lianjing.accounts.models import User
from lianjing.archives.models import ArchiveEntry
from lianjing.core.models import AuditEvent
from lianjing.inbox.models import Notification
from lianjing.org.demo import demo_region, demo_unit
from lianjing.org.models import Unit
from lianjing.reviews import selectors, workflow
from lianjing.reviews.demo import NAME, DemoReviews, load_reviews
from lianjing.reviews.models import Review, ReviewComment, ReviewEvent, Round, Snapshot, Step
from lianjing.risks.demo import BREAKING


def _region() -> Unit:
    region = demo_region()
    assert region is not None
    return region


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker) -> Iterator[DemoResult]:
    with django_db_blocker.unblock(), transaction.atomic():
        yield load_demo()
        transaction.set_rollback(True)


@pytest.fixture
def stats(demo: DemoResult, db) -> DemoReviews:
    assert demo.reviews is not None
    return demo.reviews


@pytest.fixture
def round_(stats: DemoReviews) -> Round:
    return Round.objects.get(pk=stats.round_id)


def test_one_round_over_the_district_opened_by_the_inspector(stats, round_):
    region = _region()
    assert round_.name == NAME and round_.state == Round.State.OPEN
    assert round_.opened_by == User.objects.get(username="jiwei")
    assert list(round_.units.all()) == [region] and round_.include_subunits
    assert round_.total == stats.reviews == Review.objects.filter(round=round_).count() > 2000
    assert round_.opened_at < timezone.now()


def test_active_reviews_at_every_step_and_some_signed(stats, round_):
    active = Review.objects.filter(round=round_, status=Review.Status.ACTIVE)
    steps = set(active.values_list("step", flat=True))
    assert steps == set(range(Step.SELF_CHECK, Step.SIGN + 1))
    assert stats.at_step == {s: active.filter(step=s).count() for s in steps}
    signed = Review.objects.filter(round=round_, status=Review.Status.SIGNED)
    assert signed.count() == stats.signed >= 20


def test_signed_reviews_have_snapshots_archive_entries_and_locked_points(round_):
    signed = Review.objects.filter(round=round_, status=Review.Status.SIGNED).select_related(
        "round"
    )
    for review in signed:
        snapshot = Snapshot.objects.get(review=review)
        assert snapshot.content["points"], review
        assert snapshot.signed_by.person == review.unit.main_leader
        holders = workflow.holders(review)
        assert ArchiveEntry.objects.filter(
            source_type="reviews.snapshot",
            source_id=snapshot.pk,
            person__in=holders,
            section=ArchiveEntry.Section.RISK_REGISTER,
        ).count() == len(holders)
        assert all(p.locked for p in selectors.covered_points(review))
        assert ReviewEvent.objects.filter(review=review, action="sign").exists()


def test_no_review_is_signed_where_the_register_breaks_the_ten_percent_rule(round_):
    region = _region()
    breaking = [demo_unit(region, key) for key in BREAKING]
    reviews = Review.objects.filter(round=round_, unit__in=breaking)
    assert not reviews.filter(status=Review.Status.SIGNED).exists()
    assert reviews.filter(step=Step.SIGN).exists()


def test_returned_reviews_carry_their_reasons(stats, round_):
    returned = Review.objects.filter(round=round_, status="active", returned=True)
    assert returned.count() == stats.returned > 0
    assert set(returned.values_list("step", flat=True)) == {Step.RECTIFY, Step.REFINE}
    for review in returned:
        assert review.return_reason
        last = review.events.order_by("-at", "-id").first()
        assert last is not None
        assert last.action == "return" and last.note == review.return_reason


def test_some_reviews_are_late_and_visible_to_the_inspector(stats, round_):
    today = timezone.localdate()
    late = Review.objects.filter(round=round_, status="active", due_on__lt=today)
    assert late.count() == stats.late > 0
    assert all(r.step_since < r.due_on for r in late)
    inspector = User.objects.get(username="jiwei")
    assert selectors.late_reviews(inspector, round_).count() == stats.late


def test_opinions_and_answers(stats, round_):
    comments = ReviewComment.objects.filter(review__round=round_)
    assert comments.count() == stats.opinions > 0
    # every opinion on a review past 对照整改 is answered; some at 对照整改 still wait
    assert not comments.filter(answer="", review__step__gt=Step.RECTIFY).exists()
    assert comments.exclude(answer="").exists()


def test_every_move_went_through_the_workflow(stats, round_):
    moves = ReviewEvent.objects.filter(review__round=round_).exclude(action="create")
    assert moves.count() == stats.moves
    audited = AuditEvent.objects.filter(action__startswith="reviews.review.").count()
    assert audited == stats.moves
    assert Notification.objects.filter(kind="reviews.task").exists()


def test_the_demo_accounts_find_work_on_their_workbench(round_):
    ganbu = User.objects.get(username="ganbu")
    own = selectors.my_reviews(ganbu)
    assert own.count() == 1 and own.get().step == Step.SELF_CHECK
    lingdao = User.objects.get(username="lingdao")
    finance = demo_unit(_region(), "finance")
    at_finance = Review.objects.filter(round=round_, unit=finance, status="active")
    to_review = [r for r in at_finance.filter(step=Step.REVIEW) if workflow.available(lingdao, r)]
    to_sign = [r for r in at_finance.filter(step=Step.SIGN) if workflow.available(lingdao, r)]
    assert to_review and to_sign


def test_loading_again_does_nothing(stats, round_):
    count = Review.objects.count()
    assert load_reviews(_region()) is None
    assert load_demo().reviews is None
    assert Round.objects.count() == 1 and Review.objects.count() == count
