"""Reads of rounds, reviews, comments and signed snapshots, always within what the user may see.

A review is seen by those whose scope covers it under reviews.view (discipline offices, unit
leaders, stationed teams), and by the people the procedure involves without any scope: the
holders of the post, the head of the office, the leader in charge, the unit's main leader, and —
while opinions are gathered (征求意见) — the colleagues of the same unit."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from operator import add
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from lianjing.accounts import permissions as perms
from lianjing.accounts.selectors import user_has_perm
from lianjing.org import access
from lianjing.org.models import Assignment, Unit
from lianjing.reviews.models import Review, ReviewTally, Round, Snapshot, Step
from lianjing.reviews.tally import DONE
from lianjing.risks.models import RiskPoint

NOTHING = Q(pk__in=[])
# scope_q answers Q() for a user who reaches everything; an empty Q vanishes when OR-ed with
# another (Q() | x is x), so it is written out as a condition every row meets
EVERYTHING = Q(pk__isnull=False)


def _scoped(user: Any, **lookups: str) -> Q:
    return access.scope_q(user, perms.REVIEWS_VIEW, **lookups) or EVERYTHING


def covered_points(review: Review) -> QuerySet[RiskPoint]:
    """The live risk points of the review's register: its target, its year, and — for a special
    campaign — the campaign's own points (the yearly register leaves campaign points out)."""
    campaign_id = review.round_id if review.round.kind == Round.Kind.CAMPAIGN else None
    qs = RiskPoint.objects.filter(year=review.round.year, campaign_id=campaign_id).exclude(
        status=RiskPoint.Status.RETIRED
    )
    if review.target_kind == Review.TargetKind.POST:
        return qs.filter(target_kind="post", post_id=review.post_id or 0)
    if review.target_kind == Review.TargetKind.DEPARTMENT:
        return qs.filter(target_kind="department", department_id=review.department_id or 0)
    return qs.filter(target_kind="unit", unit_id=review.unit_id)


def _scope(user: Any) -> Q:
    if not user_has_perm(user, perms.REVIEWS_VIEW):
        return NOTHING
    return _scoped(user, unit="unit_id", department="department_id", post="post_id") | _scoped(
        user, department="post__department_id"
    )


def _involved(user: Any) -> Q:
    me = access.own_person(user)
    if me is None:
        return NOTHING
    mine = Assignment.objects.filter(person=me, end_date__isnull=True)
    return (
        Q(post_id__in=mine.values("post_id"))
        | Q(target_kind="department", department_id__in=mine.values("post__department_id"))
        | Q(unit__main_leader=me)
        | Q(department__leader_in_charge=me)
        | Q(post__department__leader_in_charge=me)
        | Q(post__department__parent__leader_in_charge=me)
        | Q(step=Step.CONSULT, unit_id__in=mine.values("post__unit_id"))
    )


def reviews_visible(user: Any) -> QuerySet[Review]:
    return Review.objects.filter(_scope(user) | _involved(user))


def review_get(user: Any, pk: Any) -> Review:
    queryset = Review.objects.select_related(
        "round", "unit__main_leader", "department", "post__department", "revision_of"
    )
    return access.get_scoped_or_404(queryset & reviews_visible(user), pk)


def my_reviews(user: Any) -> QuerySet[Review]:
    """The reviews of the user's own posts (and offices they head), newest round first."""
    me = access.own_person(user)
    if me is None:
        return Review.objects.none()
    mine = Assignment.objects.filter(person=me, end_date__isnull=True)
    return (
        Review.objects.filter(round__state=Round.State.OPEN)
        .filter(Q(post_id__in=mine.values("post_id")))
        .select_related("round", "unit", "post")
        .order_by("-round__year", "-round_id")
    )


def rounds_visible(user: Any) -> QuerySet[Round]:
    """Rounds with at least one review the user sees under reviews.view, and rounds they opened."""
    if not user_has_perm(user, perms.REVIEWS_VIEW):
        return Round.objects.none()
    seen = Review.objects.filter(_scope(user)).values("round_id")
    return Round.objects.filter(Q(pk__in=seen) | Q(opened_by=user)).distinct()


def round_get(user: Any, pk: Any) -> Round:
    return access.get_scoped_or_404(rounds_visible(user), pk)


# --- progress boards -----------------------------------------------------------------------------


@dataclass
class BoardRow:
    unit: Unit
    by_step: dict[int, int] = field(default_factory=dict)
    late: int = 0
    signed: int = 0
    total: int = 0

    @property
    def active(self) -> int:
        return self.total - self.signed

    @property
    def done_share(self) -> int:
        return round(100 * self.signed / self.total) if self.total else 0


@dataclass
class Board:
    rows: list[BoardRow]
    totals: BoardRow


STEPS = range(Step.TARGETS, Step.SIGN + 1)
UnitCounts = tuple[int, ...]  # unit, total, done, late, then one count per step (active only)


def _per_unit(rows: QuerySet[Any], count: str, done: Q) -> dict[int, list[int]]:
    """unit → [total, done, late (0 here), one count per step of the active], counted from
    `rows` (reviews) in the database, one row per unit."""
    found = (
        rows.values("unit_id")
        .annotate(
            total=Count(count),
            signed=Count(count, filter=done),
            **{f"s{step}": Count(count, filter=~done & Q(step=step)) for step in STEPS},
        )
        .order_by()
        .values_list("unit_id", "total", "signed", *(f"s{step}" for step in STEPS))
    )
    return {unit: [total, signed, 0, *by_step] for unit, total, signed, *by_step in found}


def _kept(tallies: QuerySet[ReviewTally]) -> dict[int, list[int]]:
    """The same from the kept counts: one row per unit, nothing to add up."""
    names = [f"step_{step}" for step in STEPS]
    per_unit: dict[int, list[int]] = {}
    for unit, done, *by_step in tallies.values_list("unit_id", "done", *names).iterator(
        chunk_size=5000
    ):
        per_unit[unit] = [done + sum(by_step), done, 0, *by_step]
    return per_unit


def _counts(user: Any, round_: Round) -> Iterable[UnitCounts]:
    """Per unit: the round's reviews the user sees, how many are done, late, at each step. The
    counts per step come from the kept counts (ReviewTally) when the user's reach is made of
    whole units — every built-in role with reviews.view — else from the reviews themselves;
    the late (a matter of the calendar) from the active reviews past their due date (an index
    range)."""
    if not user_has_perm(user, perms.REVIEWS_VIEW):
        return []
    reach = access.reach_of(user, perms.REVIEWS_VIEW)
    whole_units = not (reach.department_ids or reach.post_ids or reach.person_ids)
    reviews = Review.objects.filter(round=round_, revision_of__isnull=True)
    if reach.everything or (whole_units and not reach.rank_regions):
        tallies = ReviewTally.objects.filter(round=round_)
        if not reach.everything:
            tallies = tallies.filter(reach.unit_q("unit_id", reach.unit_ids))
            reviews = reviews.filter(reach.unit_q("unit_id", reach.unit_ids))
        per_unit = _kept(tallies)
    else:
        reviews = reviews.filter(_scope(user))
        per_unit = _per_unit(reviews, "step", Q(status__in=DONE))
    # the late are few: read their units by the index range (round, status, due_on) and count
    # here — a GROUP BY would make SQLite walk the whole round in unit order instead
    late = Counter(
        reviews.filter(status=Review.Status.ACTIVE, due_on__lt=timezone.localdate())
        .order_by()
        .values_list("unit_id", flat=True)
        .iterator(chunk_size=5000)
    )
    for unit, n in late.items():
        if unit in per_unit:
            per_unit[unit][2] = n
    return ((unit, *counts) for unit, counts in per_unit.items())


def _row(unit: Unit, counts: list[int]) -> BoardRow:
    total, signed, late, *by_step = counts
    steps = {step: n for step, n in zip(STEPS, by_step, strict=True) if n}
    return BoardRow(unit=unit, by_step=steps, late=late, signed=signed, total=total)


def board(user: Any, round_: Round, parent: Unit | None = None) -> Board:
    """Per unit and step, how many of the round's reviews are where, how many are late and how
    many are signed. With `parent`, one row per child unit of `parent` (its whole subtree added
    up) so that a province reads level by level; without, one row per unit with reviews."""
    per_unit: dict[int, BoardRow] = {}
    units: dict[int, Unit] = {}
    member_of: dict[int, int] = {}
    if parent is not None:
        forest = access.forest_of(user)
        child_ids = forest.children.get(parent.pk, [])
        units = {u.pk: u for u in Unit.objects.filter(pk__in=child_ids + [parent.pk])}
        for child in child_ids:
            for pk in forest.subtree_ids([child]):
                member_of[pk] = child
        member_of[parent.pk] = parent.pk
    # add the counts up per row in C (map over lists), not field by field in Python
    sums: dict[int, list[int]] = {}
    for unit_id, *counts in _counts(user, round_):
        key = member_of.get(unit_id) if parent is not None else unit_id
        if key is None:
            continue
        have = sums.get(key)
        sums[key] = counts if have is None else list(map(add, have, counts))
    if parent is None and sums:
        units = {u.pk: u for u in Unit.objects.filter(pk__in=list(sums)).only("pk", "name", "code")}
    width = 3 + len(STEPS)
    grand = [sum(column) for column in zip(*sums.values(), strict=True)] or [0] * width
    totals = _row(parent or Unit(name="合计"), grand)
    for key, counts in sums.items():
        per_unit[key] = _row(units.get(key) or Unit(pk=key), counts)
    ordered = sorted(per_unit.values(), key=lambda r: (r.unit.code or "", r.unit.pk or 0))
    return Board(rows=ordered, totals=totals)


def late_reviews(user: Any, round_: Round) -> QuerySet[Review]:
    return (
        Review.objects.filter(
            round=round_, status=Review.Status.ACTIVE, due_on__lt=timezone.localdate()
        )
        .filter(_scope(user))
        .select_related("unit", "post", "department")
        .order_by("due_on", "id")
    )


# --- signed registers: 公示 within the unit, and the archive -----------------------------------


def snapshots_visible(user: Any) -> QuerySet[Snapshot]:
    """Signed registers are published within their unit (公示): its people see them; so does
    whoever sees the unit's reviews."""
    q = NOTHING
    if user_has_perm(user, perms.REVIEWS_VIEW):
        q |= _scoped(user, unit="unit_id")
    me = access.own_person(user)
    if me is not None:
        q |= Q(
            unit_id__in=Assignment.objects.filter(person=me, end_date__isnull=True).values(
                "post__unit_id"
            )
        )
    return Snapshot.objects.filter(q)
