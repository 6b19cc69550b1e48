"""The eight steps as a state machine: who may move a review, what each step requires, returns
with reasons, optimistic locking, the 10% rule at signing, and what signing leaves behind."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from lianjing.archives.models import ArchiveEntry
from lianjing.core.models import AuditEvent
from lianjing.inbox.models import Notification
from lianjing.reviews import services, workflow
from lianjing.reviews.models import Review, ReviewEvent, Snapshot, Step
from lianjing.risks import services as risk_services
from lianjing.risks.models import RegisterException, RiskPoint
from lianjing.risks.tests.factories import HIGHEST, post_risk

pytestmark = pytest.mark.django_db


def move(review: Review, user, action: str = "submit", note: str = "") -> Review:
    review.refresh_from_db()
    return workflow.act(actor=user, review=review, action=action, version=review.version, note=note)


def with_measure(point: RiskPoint) -> RiskPoint:
    risk_services.measure_add(
        actor=None, risk_point=point, kind="supervision", content="科长每月抽查拨付台账"
    )
    return point


def to_step(p, review: Review, step: int) -> Review:
    """Walk `review` forward to `step` the regular way (one point with a measure, one opinion)."""
    cadre = p.cadre
    assert review.post is not None
    if not RiskPoint.objects.filter(post=review.post, year=2026).exists():
        with_measure(post_risk(review.post))
    while review.step < step:
        review.refresh_from_db()
        if review.step == Step.CONSULT:
            services.comment_add(actor=p.deputy_user, review=review, text="拨付环节应加一道复核")
        if review.step == Step.RECTIFY:
            for comment in review.comments.filter(answer=""):
                services.comment_answer(actor=cadre, comment=comment, answer="已增加科长复核")
        if review.step == Step.REVIEW:
            review = move(review, p.deputy_user, "approve", "同意")
            continue
        review = move(review, cadre)
    return review


def test_opening_a_round_creates_one_review_per_held_post_at_self_check(procedure):
    p = procedure
    reviews = Review.objects.filter(round=p.round)
    # the finance bureau: 局长, 预算科科员, 绩效组科员, 国库科科员, 副局长 (the sub-unit too)
    names = set(reviews.values_list("post__name", flat=True))
    assert {"局长", "预算科科员", "绩效组科员", "国库科科员", "副局长", "支付中心主任"} == names
    assert set(reviews.values_list("step", flat=True)) == {Step.SELF_CHECK}
    assert p.round.state == "open" and p.round.total == p.round.processed == 6
    review = p.review_of(p.world.post_budget_clerk)
    assert review.due_on > review.step_since
    # the holder was told
    assert Notification.objects.filter(recipient=p.cadre, kind="reviews.task").count() == 1


def test_key_posts_only_by_default(db, django_capture_on_commit_callbacks):
    from lianjing.org.models import KeyPostKind
    from lianjing.org.tests.world import build_world
    from lianjing.reviews.tests.conftest import open_round

    world = build_world()
    world.post_budget_clerk.key_kinds.add(KeyPostKind.objects.get(code="finance"))
    spec = services.RoundSpec(name="重点岗位排查", year=2026, units=[world.finance])
    round_ = open_round(world.users["system_admin"], spec, django_capture_on_commit_callbacks)
    assert list(Review.objects.filter(round=round_).values_list("post", flat=True)) == [
        world.post_budget_clerk.pk
    ]


def test_a_round_outside_the_openers_reach_is_refused(procedure):
    p = procedure
    spec = services.RoundSpec(name="越权", year=2026, units=[p.world.other_district_unit])
    with pytest.raises(ValidationError) as caught:
        services.round_open(actor=p.leader, spec=spec)
    assert "乙区财政局" in str(caught.value.message_dict["units"])


def test_the_full_walk_with_a_return(procedure):
    p = procedure
    review = p.review_of(p.world.post_budget_clerk)
    point = with_measure(post_risk(p.world.post_budget_clerk))
    review = move(review, p.cadre)  # 自查自找 → 制定措施
    review = move(review, p.cadre)  # → 征求意见
    assert review.step == Step.CONSULT and review.comment_until is not None
    services.comment_add(actor=p.deputy_user, review=review, text="拨付环节应加一道复核")
    review = move(review, p.cadre)  # → 对照整改
    with pytest.raises(ValidationError, match="1 条意见未答复"):
        move(review, p.cadre)
    comment = review.comments.get()
    services.comment_answer(actor=p.cadre, comment=comment, answer="已增加科长复核")
    review = move(review, p.cadre)  # → 组织审查
    assert review.step == Step.REVIEW
    with pytest.raises(ValidationError, match="退回理由"):
        move(review, p.deputy_user, "return")
    review = move(review, p.deputy_user, "return", "措施还不够具体")
    assert review.step == Step.RECTIFY and review.returned
    assert review.return_reason == "措施还不够具体"
    assert Notification.objects.filter(recipient=p.cadre, kind="reviews.returned").exists()
    review = move(review, p.cadre)
    review = move(review, p.deputy_user, "approve", "同意")
    assert review.step == Step.REFINE
    review = move(review, p.cadre)  # → 签字备案
    assert Notification.objects.filter(recipient=p.leader, kind="reviews.sign").exists()
    review = move(review, p.leader, "sign")
    assert review.status == Review.Status.SIGNED and review.signed_by == p.leader

    point.refresh_from_db()
    assert point.locked and point.status == RiskPoint.Status.CONFIRMED
    snapshot = Snapshot.objects.get(review=review)
    assert snapshot.content["points"][0]["description"] == point.description
    assert snapshot.content["comments"][0]["answer"] == "已增加科长复核"
    assert len(snapshot.digest) == 64
    entry = ArchiveEntry.objects.get(person=p.world.clerk)
    assert entry.source_id == snapshot.pk and entry.section == "risk_register"
    actions = list(ReviewEvent.objects.filter(review=review).values_list("action", flat=True))
    assert actions.count("return") == 1 and actions[-1] == "sign"
    assert AuditEvent.objects.filter(
        action="reviews.review.sign", object_id=str(review.pk)
    ).exists()


@pytest.mark.parametrize(
    ("step", "who", "action", "message"),
    [
        (Step.SELF_CHECK, "deputy_user", "submit", "不是本事项“自查自找”环节的查找人"),
        (Step.REVIEW, "cadre", "approve", "不是本事项“组织审查”环节的审查人"),
        (Step.SIGN, "deputy_user", "sign", "不是本事项“签字备案”环节的主要领导"),
        (Step.SELF_CHECK, "cadre", "approve", "“自查自找”环节不能进行此操作"),
    ],
)
def test_acting_on_a_step_one_may_not_is_refused_and_changes_nothing(
    procedure, step, who, action, message
):
    p = procedure
    review = to_step(p, p.review_of(p.world.post_budget_clerk), step)
    user = p.deputy_user if who == "deputy_user" else p.cadre
    before = (review.step, review.version, review.events.count())
    with pytest.raises(ValidationError, match=message):
        move(review, user, action, "理由")
    review.refresh_from_db()
    assert (review.step, review.version, review.events.count()) == before


def test_nobody_reviews_their_own_register(procedure):
    p = procedure
    # the deputy's own post: the deputy holds it, so even as a reviewer they cannot approve it
    review = to_step(p, p.review_of(p.world.post_budget_clerk), Step.REVIEW)
    assert workflow.is_reviewer(p.deputy_user, review)
    assert not workflow.is_reviewer(p.cadre, review)


def test_two_reviewers_at_once_one_wins_the_other_is_told(procedure):
    p = procedure
    review = to_step(p, p.review_of(p.world.post_budget_clerk), Step.REVIEW)
    seen_by_leader = Review.objects.get(pk=review.pk)
    seen_by_deputy = Review.objects.get(pk=review.pk)
    workflow.act(
        actor=p.deputy_user, review=seen_by_deputy, action="approve", version=seen_by_deputy.version
    )
    with pytest.raises(ValidationError, match="已被他人办理（当前环节：修改完善）"):
        workflow.act(
            actor=p.leader,
            review=seen_by_leader,
            action="return",
            version=seen_by_leader.version,
            note="重新查找",
        )
    review.refresh_from_db()
    assert review.step == Step.REFINE and not review.returned


def test_conditions_of_each_step(procedure):
    p = procedure
    review = p.review_of(p.world.post_budget_clerk)
    with pytest.raises(ValidationError, match="还没有查找出风险点"):
        move(review, p.cadre)
    post_risk(p.world.post_budget_clerk)
    review = move(review, p.cadre)
    with pytest.raises(ValidationError, match="还没有防控措施"):
        move(review, p.cadre)
    with_measure(RiskPoint.objects.get(post=p.world.post_budget_clerk))
    review = move(review, p.cadre)
    # no opinion yet and the window still open
    with pytest.raises(ValidationError, match="征求意见期限至"):
        move(review, p.cadre)
    Review.objects.filter(pk=review.pk).update(comment_until=datetime.date(2020, 1, 1))
    review = move(review, p.cadre)
    assert review.step == Step.RECTIFY


def test_opinions_only_within_the_window_and_not_on_ones_own(procedure):
    p = procedure
    review = to_step(p, p.review_of(p.world.post_budget_clerk), Step.MEASURES)
    with pytest.raises(ValidationError, match="不在“征求意见”环节"):
        services.comment_add(actor=p.deputy_user, review=review, text="意见")
    review = move(review, p.cadre)
    with pytest.raises(ValidationError, match="本人的风险台账"):
        services.comment_add(actor=p.cadre, review=review, text="意见")
    with pytest.raises(ValidationError):
        services.comment_add(actor=p.deputy_user, review=review, text="  ")
    Review.objects.filter(pk=review.pk).update(comment_until=datetime.date(2020, 1, 1))
    review.refresh_from_db()
    with pytest.raises(ValidationError, match="征求意见已于 2020-01-01 截止"):
        services.comment_add(actor=p.deputy_user, review=review, text="迟到的意见")
    assert not review.comments.exists()


def test_signing_a_register_that_breaks_the_ten_percent_rule_is_refused(procedure):
    p = procedure
    review = to_step(p, p.review_of(p.world.post_budget_clerk), Step.REFINE)
    with_measure(post_risk(p.world.post_budget_clerk, inputs=HIGHEST, description="一级风险"))
    review = move(review, p.cadre)
    with pytest.raises(ValidationError, match="一级风险点 1 个，占总数 2 个的 50.0%"):
        move(review, p.leader, "sign")
    review.refresh_from_db()
    assert review.status == Review.Status.ACTIVE and not Snapshot.objects.exists()
    assert not RiskPoint.objects.filter(locked=True).exists()
    # with an approved exception it is signed
    exception = risk_services.exception_request(
        actor=p.leader, unit=p.world.finance, year=2026, justification="涉及大额资金拨付"
    )
    risk_services.exception_decide(
        actor=p.world.users["discipline_inspector"], exception=exception, approve=True, note=""
    )
    assert RegisterException.objects.get().status == "approved"
    review = move(review, p.leader, "sign")
    assert review.status == Review.Status.SIGNED


def test_a_revision_unlocks_and_goes_through_the_steps_again(procedure):
    p = procedure
    review = to_step(p, p.review_of(p.world.post_budget_clerk), Step.SIGN)
    review = move(review, p.leader, "sign")
    with pytest.raises(ValidationError, match="修订原因"):
        services.revision_open(actor=p.cadre, review=review, cause="", reason="x")
    revision = services.revision_open(
        actor=p.cadre, review=review, cause="duties", reason="新增政府采购审核职责"
    )
    assert revision.step == Step.SELF_CHECK and revision.revision_of == review
    assert not RiskPoint.objects.filter(post=p.world.post_budget_clerk, locked=True).exists()
    with pytest.raises(ValidationError, match="已有进行中的修订"):
        services.revision_open(actor=p.cadre, review=review, cause="law", reason="又一次")
    revision = to_step(p, revision, Step.SIGN)
    revision = move(revision, p.leader, "sign")
    review.refresh_from_db()
    assert review.status == Review.Status.SUPERSEDED
    assert Snapshot.objects.count() == 2
    assert ArchiveEntry.objects.filter(person=p.world.clerk).count() == 2


def test_due_reminders_are_sent_once(procedure):
    p = procedure
    review = p.review_of(p.world.post_budget_clerk)
    Review.objects.filter(pk=review.pk).update(due_on=datetime.date(2020, 1, 1))
    first = services.due_reminders()
    second = services.due_reminders()
    assert first["late"] >= 1 and second["late"] == 0
    assert Notification.objects.filter(recipient=p.cadre, kind="reviews.late").count() == 1


def test_an_offices_and_a_units_register_go_through_the_same_steps(
    db, django_capture_on_commit_callbacks
):
    from lianjing.org.tests.world import build_world
    from lianjing.reviews.tests.conftest import leadership, open_round
    from lianjing.risks.models import Register

    world = build_world()
    _deputy, deputy_user = leadership(world)
    spec = services.RoundSpec(
        name="单位和部门排查",
        year=2026,
        units=[world.finance],
        include_subunits=False,
        posts="none",
        departments=True,
        unit_level=True,
    )
    round_ = open_round(world.users["system_admin"], spec, django_capture_on_commit_callbacks)
    kinds = sorted(Review.objects.filter(round=round_).values_list("target_kind", flat=True))
    assert kinds == ["department", "department", "department", "unit"]
    leader = world.users["unit_leader"]  # the main leader, and keeper of the unit's register
    unit_review = Review.objects.get(round=round_, target_kind="unit")
    assert workflow.is_holder(leader, unit_review)
    assert not workflow.is_holder(world.users["cadre"], unit_review)
    from lianjing.risks.tests.factories import LOWEST

    point = risk_services.risk_point_create(
        actor=leader,
        inputs=LOWEST,
        unit=world.finance,
        year=2026,
        target_kind="unit",
        risk_type="institutional",
        description="“三重一大”事项未经集体决策",
        found_by=["organisation"],
    )
    with_measure(point)
    unit_review = move(unit_review, leader)
    unit_review = move(unit_review, leader)
    Review.objects.filter(pk=unit_review.pk).update(comment_until=datetime.date(2020, 1, 1))
    unit_review = move(unit_review, leader)
    unit_review = move(unit_review, leader)
    assert unit_review.step == Step.REVIEW
    inspector = world.users["discipline_inspector"]
    assert not workflow.is_reviewer(deputy_user, unit_review)  # no office: no leader in charge
    unit_review = move(unit_review, inspector, "approve", "同意")
    unit_review = move(unit_review, leader)
    unit_review = move(unit_review, leader, "sign")
    register = Register.objects.get(unit=world.finance, year=2026)
    assert register.confirmed_by == leader
    point.refresh_from_db()
    assert point.locked
