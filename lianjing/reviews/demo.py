"""Demo round of the eight-step procedure for the demo district: "2026年度廉政风险排查" over the
region, its sub-units and every held post (全员参与), opened by the demo discipline inspector
(jiwei) and generated at once (the job run in-process, not through Huey). The district's risk
register (`lianjing.risks.demo`) already holds the points and measures the reviews cover.

The reviews are then moved through the REAL procedure — `workflow.act`, `services.comment_add`
and `services.comment_answer` — so that every move leaves its event, audit entry and
notifications, and every signature its snapshot and archive entries. Nothing is forced past a
check: each move is taken by an account the workflow accepts for that step.

Who acts. The procedure is carried out by the people of the organisation, but the demo persons
have no accounts apart from those linked to the demo accounts. So, as `anchor_demo_accounts`
does for the demo accounts, the persons who take part get an account linked to their person
record (`accounts.demo.link_people_accounts`: login = person code, unusable password, role
干部职工 anchored at their unit, 单位领导 for the main leaders and leaders in charge): the
holders of the posts whose reviews move on, the leaders in charge who review (组织审查) and
comment (征求意见) and the units' main leaders who sign (签字备案). Where a post's office has
no leader in charge the demo discipline inspector reviews and comments (reviews.review over the
district). The demo accounts act as themselves: ganbu's own review stays at 自查自找 for him
to walk through; lingdao (the finance bureau's main leader) finds finance reviews waiting for
his review and signature.

The spread is deterministic (seeded): most reviews stay at 自查自找 (the round is under way); about
160 are moved on and spread over 制定措施 … 签字备案 — about a quarter of those signed (≈45), some
currently returned (at 对照整改 after a return from 组织审查, at 修改完善 after a return from
签字备案, with reasons), some with opinions (answered once past 对照整改). Every move costs the
real services' queries (about 20 ms on SQLite), so the number moved keeps `load_demo` within
about 15 s more. Demo data shortcuts, written directly: an opinion window that closed without
opinions (`comment_until` yesterday) and the late reviews (`step_since`/`due_on` moved into the
past). The finance bureau's and the market regulator's
registers break the 10% rule (their exception is pending), so none of their reviews is signed:
they wait at 签字备案."""

from __future__ import annotations

import datetime
import random
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from lianjing.accounts.demo import link_people_accounts
from lianjing.accounts.models import User
from lianjing.core.audit import audit
from lianjing.org.demo import demo_unit
from lianjing.org.models import Assignment, Person, Unit
from lianjing.reviews import services, workflow
from lianjing.reviews.models import Review, ReviewComment, Round
from lianjing.reviews.tally import tally_rebuild
from lianjing.risks.demo import BREAKING, YEAR

SEED = 2026
NAME = f"{YEAR}年度廉政风险排查"
# the outcome of a moved review: the step it is left at ("signed": signed at 8) and whether it
# was returned to get there; weights out of 1000 over all reviews (see the docstring)
OUTCOMES: list[tuple[str, int]] = [
    ("2", 939),
    ("3", 8),
    ("4", 7),
    ("5", 5),
    ("5r", 3),
    ("6", 6),
    ("7", 4),
    ("7r", 2),
    ("8", 6),
    ("signed", 20),
]
LATE_SHARE = 0.12  # of the active reviews
OPINION_SHARE = 0.7  # of the reviews that reach 征求意见

OPINIONS = [
    "建议补充资金拨付环节的复核要求，明确复核人。",
    "风险点描述偏笼统，请结合本岗位具体业务写明表现形式。",
    "防控措施中“加强教育”不够具体，建议明确频次和责任人。",
    "建议增加对外部人员请托、说情情况的登记报告措施。",
    "请对照岗位职责再梳理一遍，合同审核环节可能有遗漏。",
    "同意所列风险点，建议将定期轮岗纳入防控措施。",
]
ANSWERS = [
    "已采纳，补充了复核要求并明确由科长复核。",
    "已修改风险点描述，写明了具体表现形式。",
    "已将措施细化为每季度一次，并明确责任人。",
    "已增加登记报告措施。",
    "已重新梳理，补充了合同审核环节的风险点。",
    "已将定期轮岗纳入防控措施。",
]
RETURNS_REVIEW = [
    "风险点查找不够全面，未覆盖本岗位审批环节，请补充后重新报送。",
    "部分意见的整改答复过于简单，请逐条写明整改措施。",
    "防控措施缺少可检查的标准，请完善后再报。",
]
RETURNS_SIGN = [
    "请将风险等级的判定依据写清楚后再报签字。",
    "个别措施的完成时限不明确，请修改完善。",
]
APPROVALS = ["同意，报主要领导签字前请再核对一遍措施时限。", "经审查，风险点查找较全面，同意。"]


@dataclass(frozen=True)
class DemoReviews:
    round_id: int
    reviews: int
    moves: int
    signed: int
    returned: int
    late: int
    opinions: int
    accounts: int
    at_step: dict[int, int] = field(default_factory=dict)  # active reviews per step


def _inspector() -> User | None:
    return User.objects.filter(username="jiwei").first()


@transaction.atomic
def load_reviews(region: Unit) -> DemoReviews | None:
    """The demo round of `region` (see the module's docstring); None when a round exists
    already, the demo inspector account is missing or the region has no held post."""
    inspector = _inspector()
    if Round.objects.exists() or inspector is None:
        return None
    spec = services.RoundSpec(name=NAME, year=YEAR, units=[region], posts=services.POSTS_ALL)
    round_ = services.round_open(actor=inspector, spec=spec)
    round_ = services.reviews_generate(round_.pk)  # at once; the queued job then finds it open
    if round_.state != Round.State.OPEN or not round_.total:
        return None
    reviews = list(
        Review.objects.filter(round=round_)
        .select_related(
            "round", "unit__main_leader", "post__department__leader_in_charge", "department"
        )
        .order_by("unit__code", "post__code", "pk")
    )
    plan = _plan(region, reviews)
    actors = _accounts(reviews, plan)
    driver = _Driver(actors, inspector)
    for review in reviews:
        outcome = plan.get(review.pk, "2")
        if outcome != "2":
            driver.drive(review, outcome)
    late = _make_late(round_, plan)
    tally_rebuild(round_.pk)  # the direct UPDATEs above bypass the board's kept counts
    # the round was opened some weeks ago (its late reviews would otherwise predate it)
    opened = timezone.now() - datetime.timedelta(days=45)
    Round.objects.filter(pk=round_.pk).update(opened_at=opened, ready_at=opened)
    active = Review.objects.filter(round=round_, status=Review.Status.ACTIVE)
    result = DemoReviews(
        round_id=round_.pk,
        reviews=len(reviews),
        moves=driver.moves,
        signed=Review.objects.filter(round=round_, status=Review.Status.SIGNED).count(),
        returned=active.filter(returned=True).count(),
        late=late,
        opinions=ReviewComment.objects.filter(review__round=round_).count(),
        accounts=len(actors.created),
        at_step=dict(sorted(Counter(active.values_list("step", flat=True)).items())),
    )
    audit("reviews.demo.loaded", actor=inspector, obj=round_, after=result.__dict__)
    return result


def _plan(region: Unit, reviews: list[Review]) -> dict[int, str]:
    """review id -> outcome, seeded. The demo cadre's own review stays at 自查自找; a few of
    the finance bureau's wait for the demo unit leader's review and signature; no review of a
    unit that breaks the 10% rule is signed."""
    rng = random.Random(SEED)
    names = [o for o, _w in OUTCOMES]
    weights = [w for _o, w in OUTCOMES]
    breaking = {demo_unit(region, key).pk for key in BREAKING}
    finance = demo_unit(region, "finance").pk
    own = set(
        Assignment.objects.filter(
            person__user__username__in=["ganbu", "lingdao"], end_date__isnull=True
        ).values_list("post_id", flat=True)
    )
    plan: dict[int, str] = {}
    finance_forced = ["6", "6", "6", "8", "8", "8"]
    for review in reviews:
        outcome = rng.choices(names, weights)[0]
        if review.post_id in own:
            outcome = "2"
        elif review.unit_id == finance and finance_forced:
            outcome = finance_forced.pop(0)
        if outcome == "signed" and review.unit_id in breaking:
            outcome = "8"
        plan[review.pk] = outcome
    return plan


class _Actors:
    """The accounts that act: holders, reviewers, commenters and signers (see the docstring)."""

    def __init__(self, users: dict[int, User], created: list[int]) -> None:
        self.users = users
        self.created = created

    def of(self, person: Any) -> User | None:
        return self.users.get(person.pk) if person is not None else None


def _accounts(reviews: list[Review], plan: dict[int, str]) -> _Actors:
    """Link accounts to the persons who act on the moved reviews (a few queries for all)."""
    moved = [r for r in reviews if plan.get(r.pk, "2") != "2"]
    first_holder: dict[int, tuple[int, int]] = {}  # post id -> (person id, unit id)
    for post_id, person_id, unit_id in (
        Assignment.objects.filter(post_id__in=[r.post_id for r in moved], end_date__isnull=True)
        .order_by("-is_primary", "person__code")
        .values_list("post_id", "person_id", "person__unit_id")
    ):
        first_holder.setdefault(post_id, (person_id, unit_id))
    leaders = {r.pk: workflow.leader_in_charge(r) for r in moved}
    wanted: dict[int, tuple[str, int]] = {}
    for review in moved:
        assert review.post_id is not None
        if review.post_id in first_holder:
            person_id, unit_id = first_holder[review.post_id]
            wanted.setdefault(person_id, ("cadre", unit_id or review.unit_id))
    for review in moved:
        leader = leaders[review.pk]
        if leader is not None:
            wanted[leader.pk] = ("unit_leader", leader.unit_id or review.unit_id)
        signs = plan[review.pk] in ("7r", "8", "signed")
        if signs and review.unit.main_leader is not None:
            main = review.unit.main_leader
            wanted[main.pk] = ("unit_leader", main.unit_id or review.unit_id)
    had = set(
        Person.objects.filter(pk__in=list(wanted), user__isnull=False).values_list("pk", flat=True)
    )
    users = link_people_accounts(wanted)
    return _Actors(users, [pk for pk in users if pk not in had])


class _Driver:
    def __init__(self, actors: _Actors, inspector: User) -> None:
        self.actors = actors
        self.inspector = inspector
        self.rng = random.Random(SEED + 1)
        self.moves = 0
        self.yesterday = timezone.localdate() - datetime.timedelta(days=1)

    def _act(self, review: Review, actor: User, action: str = "submit", note: str = "") -> Review:
        self.moves += 1
        return workflow.act(
            actor=actor, review=review, action=action, version=review.version, note=note
        )

    def _reviewer(self, review: Review, holder: User) -> User:
        leader = self.actors.of(workflow.leader_in_charge(review))
        return leader if leader is not None and leader.pk != holder.pk else self.inspector

    def drive(self, review: Review, outcome: str) -> None:
        holders = workflow.holders(review)
        holder = self.actors.of(holders[0]) if holders else None
        if holder is None:
            return
        target = 8 if outcome == "signed" else int(outcome[0])
        returned = outcome.endswith("r")
        rng = self.rng
        reviewer = self._reviewer(review, holder)
        signer = self.actors.of(workflow.signer(review))
        if target >= 7 and signer is None:
            target, returned = 6, False
        review = self._act(review, holder)  # 自查自找 → 制定措施
        if target == 3:
            return
        review = self._act(review, holder)  # → 征求意见
        opinion = rng.random() < OPINION_SHARE
        if opinion:
            services.comment_add(actor=reviewer, review=review, text=rng.choice(OPINIONS))
        if target == 4:
            return
        if not opinion:  # the window closed without opinions (demo shortcut)
            Review.objects.filter(pk=review.pk).update(comment_until=self.yesterday)
            review.refresh_from_db()
        review = self._act(review, holder)  # → 对照整改
        answered = target > 5 or returned or rng.random() < 0.5
        if answered:
            self._answer(review, holder)
        if target == 5 and not returned:
            return
        review = self._act(review, holder)  # → 组织审查
        if target == 5:  # returned from 组织审查
            self._act(review, reviewer, "return", rng.choice(RETURNS_REVIEW))
            return
        if target == 6:
            return
        review = self._act(review, reviewer, "approve", rng.choice(APPROVALS))
        if target == 7 and not returned:
            return
        review = self._act(review, holder)  # → 签字备案
        assert signer is not None
        if target == 7:  # returned from 签字备案
            self._act(review, signer, "return", rng.choice(RETURNS_SIGN))
            return
        if outcome == "signed":
            self._act(review, signer, "sign")

    def _answer(self, review: Review, holder: User) -> None:
        for comment in review.comments.filter(answer=""):
            services.comment_answer(actor=holder, comment=comment, answer=self.rng.choice(ANSWERS))


def _make_late(round_: Round, plan: dict[int, str]) -> int:
    """Move some active reviews' current step into the past so that they are late (demo
    shortcut): entered 10–25 days ago, due 1–12 days ago."""
    rng = random.Random(SEED + 2)
    today = timezone.localdate()
    late = 0
    active = Review.objects.filter(round=round_, status=Review.Status.ACTIVE).order_by("pk")
    for pk in active.values_list("pk", flat=True):
        if rng.random() >= LATE_SHARE:
            continue
        overdue = rng.randint(1, 12)
        due_on = today - datetime.timedelta(days=overdue)
        since = due_on - datetime.timedelta(days=rng.randint(7, 14))
        Review.objects.filter(pk=pk).update(step_since=since, due_on=due_on, due_estimated=False)
        late += 1
    return late
