"""The eight steps as an explicit state machine (seed 004, 十; DOMAIN.md M6).

    确定对象 → 自查自找 → 制定措施 → 征求意见 → 对照整改 → 组织审查 → 修改完善 → 签字备案

Step 1 is taken when a round creates the review. Every later move is one row of TRANSITIONS: the
step it leaves, the step it reaches, who may take it (the holder, the reviewer, the signer), the
checks that must pass, and whether a reason is required. `act` is the only way a review moves: it
checks the actor and the conditions, refuses a stale form (optimistic locking on `version`), and
records the move as a ReviewEvent and an audit event. Side effects of reaching a step (comment
window, notifications, signing) are in services.py, called from here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from lianjing.accounts import permissions as perms
from lianjing.core.audit import audit
from lianjing.core.working_days import add_working_days
from lianjing.org import access
from lianjing.org.models import Assignment, Person
from lianjing.reviews import tally
from lianjing.reviews.models import Review, ReviewEvent, Step

HOLDER, REVIEWER, SIGNER = "holder", "reviewer", "signer"
ACTOR_LABELS = {HOLDER: "查找人", REVIEWER: "审查人", SIGNER: "主要领导"}

Check = Callable[[Review], list[str]]


@dataclass(frozen=True)
class Transition:
    action: str
    source: int
    target: int
    actor: str
    label: str
    needs_reason: bool = False
    checks: tuple[Check, ...] = ()

    @property
    def key(self) -> str:
        return f"{self.action}:{self.source}"


# --- conditions ----------------------------------------------------------------------------------


def has_points(review: Review) -> list[str]:
    from lianjing.reviews.selectors import covered_points

    if not covered_points(review).exists():
        return [_("还没有查找出风险点：请至少登记一个风险点（可采纳“3+X”建议）。")]
    return []


def every_point_has_measures(review: Review) -> list[str]:
    from lianjing.reviews.selectors import covered_points

    bare = list(
        covered_points(review).filter(measures__isnull=True).values_list("description", flat=True)
    )
    if bare:
        names = "；".join(d[:30] for d in bare[:5])
        more = _("等 %(n)d 个") % {"n": len(bare)} if len(bare) > 5 else ""
        return [_("以下风险点还没有防控措施：%(names)s%(more)s。") % {"names": names, "more": more}]
    return []


def consultation_done(review: Review) -> list[str]:
    """Opinions are gathered within the window: the holder moves on once it has ended, or
    earlier when at least one opinion came in."""
    if review.comments.exists():
        return []
    if review.comment_until and timezone.localdate() > review.comment_until:
        return []
    return [
        _("征求意见期限至 %(day)s，目前还没有收到意见；期限届满或收到意见后方可进入对照整改。")
        % {"day": review.comment_until}
    ]


def comments_answered(review: Review) -> list[str]:
    open_count = review.comments.filter(answer="").count()
    if open_count:
        return [_("还有 %(n)d 条意见未答复：请逐条写明整改情况。") % {"n": open_count}]
    return []


def ten_percent_rule(review: Review) -> list[str]:
    from lianjing.risks.selectors import approved_exception, register_summary

    summary = register_summary(review.unit_id, review.round.year)
    if summary.breaks_rule and approved_exception(review.unit_id, review.round.year) is None:
        return [
            _(
                "%(unit)s %(year)d 年台账一级风险点 %(one)d 个，占总数 %(total)d 个的 %(share)s，"
                "超过 10%%（最多 %(allowed)d 个），且没有经纪检监察机关批准的例外，不能签字备案。"
            )
            % {
                "unit": review.unit.name,
                "year": review.round.year,
                "one": summary.by_level[1],
                "total": summary.total,
                "share": summary.share_text,
                "allowed": summary.level_one_allowed,
            }
        ]
    return []


S = Step
TRANSITIONS: tuple[Transition, ...] = (
    Transition("submit", S.SELF_CHECK, S.MEASURES, HOLDER, "提交，制定措施", checks=(has_points,)),
    Transition(
        "submit",
        S.MEASURES,
        S.CONSULT,
        HOLDER,
        "提交，征求意见",
        checks=(has_points, every_point_has_measures),
    ),
    Transition("submit", S.CONSULT, S.RECTIFY, HOLDER, "结束征求意见", checks=(consultation_done,)),
    Transition(
        "submit",
        S.RECTIFY,
        S.REVIEW,
        HOLDER,
        "报组织审查",
        checks=(comments_answered, has_points, every_point_has_measures),
    ),
    Transition("approve", S.REVIEW, S.REFINE, REVIEWER, "审查通过"),
    Transition("return", S.REVIEW, S.RECTIFY, REVIEWER, "退回对照整改", needs_reason=True),
    Transition(
        "submit",
        S.REFINE,
        S.SIGN,
        HOLDER,
        "报主要领导签字",
        checks=(has_points, every_point_has_measures),
    ),
    Transition("sign", S.SIGN, S.SIGN, SIGNER, "签字备案", checks=(ten_percent_rule,)),
    Transition("return", S.SIGN, S.REFINE, SIGNER, "退回修改完善", needs_reason=True),
)
BY_KEY = {t.key: t for t in TRANSITIONS}
HOLDER_STEPS = {t.source for t in TRANSITIONS if t.actor == HOLDER}


def transitions_from(step: int) -> list[Transition]:
    return [t for t in TRANSITIONS if t.source == step]


# --- who acts ------------------------------------------------------------------------------------


def holders(review: Review) -> list[Person]:
    """The people who find the risks of the target: the post's holders; the office's head (the
    holder of its highest-ranked post); the unit's main leader."""
    if review.target_kind == Review.TargetKind.POST:
        return [
            a.person
            for a in Assignment.objects.filter(post_id=review.post_id or 0, end_date__isnull=True)
            .select_related("person")
            .order_by("-is_primary", "person__code")
        ]
    if review.target_kind == Review.TargetKind.DEPARTMENT:
        head = (
            Assignment.objects.filter(
                post__department_id=review.department_id or 0, end_date__isnull=True
            )
            .select_related("person")
            .order_by("-post__rank__order", "person__code")
            .first()
        )
        return [head.person] if head else []
    leader = review.unit.main_leader
    return [leader] if leader is not None else []


def leader_in_charge(review: Review) -> Person | None:
    department = review.department
    if department is None and review.post is not None:
        department = review.post.department
    while department is not None:
        if department.leader_in_charge_id:
            return department.leader_in_charge
        department = department.parent
    return None


def signer(review: Review) -> Person | None:
    return review.unit.main_leader if review.unit.main_leader_id else None


def _person_id(user: Any) -> int | None:
    person = access.own_person(user)
    return person.pk if person else None


def is_holder(user: Any, review: Review) -> bool:
    me = _person_id(user)
    if me is not None and any(p.pk == me for p in holders(review)):
        return True
    # an office's or a unit's own register is kept by those who maintain the unit's register
    return review.target_kind != Review.TargetKind.POST and access.can_view_under(
        user, review.unit, perms.RISKS_MANAGE
    )


def is_reviewer(user: Any, review: Review) -> bool:
    me = _person_id(user)
    if me is not None and any(p.pk == me for p in holders(review)):
        return False  # nobody reviews their own register
    leader = leader_in_charge(review)
    if me is not None and leader is not None and leader.pk == me:
        return True
    return access.can_view_under(user, review.unit, perms.REVIEWS_REVIEW)


def is_signer(user: Any, review: Review) -> bool:
    person = signer(review)
    return person is not None and person.pk == _person_id(user)


ACTOR_CHECKS: dict[str, Callable[[Any, Review], bool]] = {
    HOLDER: is_holder,
    REVIEWER: is_reviewer,
    SIGNER: is_signer,
}


def may_take(user: Any, review: Review, transition: Transition) -> bool:
    return (
        review.status == Review.Status.ACTIVE
        and review.step == transition.source
        and ACTOR_CHECKS[transition.actor](user, review)
    )


def available(user: Any, review: Review) -> list[Transition]:
    """The moves `user` may take on `review` now (conditions not yet checked)."""
    return [t for t in transitions_from(review.step) if may_take(user, review, t)]


def problems(review: Review, transition: Transition) -> list[str]:
    return [message for check in transition.checks for message in check(review)]


# --- acting --------------------------------------------------------------------------------------


def due(review: Review, step: int) -> tuple[Any, bool]:
    result = add_working_days(timezone.localdate(), review.round.days_for(step))
    return result.date, result.estimated


@transaction.atomic
def act(*, actor: Any, review: Review, action: str, version: int, note: str = "") -> Review:
    """Take `action` on `review` as `actor`. Refused with a clear message when the review is no
    longer at that step or was changed since the form was shown (`version`), when the actor may
    not act at this step, when a reason is missing, or when a condition of the step fails."""
    from lianjing.reviews import services

    transition = BY_KEY.get(f"{action}:{review.step}")
    current = Review.objects.select_for_update().select_related("round", "unit").get(pk=review.pk)
    if current.version != version or current.step != review.step:
        raise ValidationError(
            _("该事项已被他人办理（当前环节：%(step)s），请刷新页面查看后再操作。")
            % {"step": current.step_label},
            code="stale",
        )
    if current.status != Review.Status.ACTIVE:
        raise ValidationError(
            _("该事项%(status)s，不能再办理。") % {"status": current.get_status_display()}
        )
    if transition is None:
        raise ValidationError(
            _("“%(step)s”环节不能进行此操作。") % {"step": current.step_label}, code="step"
        )
    if not ACTOR_CHECKS[transition.actor](actor, current):
        raise ValidationError(
            _("您不是本事项“%(step)s”环节的%(who)s，不能办理。")
            % {"step": current.step_label, "who": ACTOR_LABELS[transition.actor]},
            code="actor",
        )
    note = note.strip()
    if transition.needs_reason and not note:
        raise ValidationError({"note": _("请写明退回理由。")})
    found = problems(current, transition)
    if found:
        raise ValidationError(found)

    step_from = current.step
    before = tally.bucket(current)
    fields: dict[str, Any] = {"version": F("version") + 1}
    if transition.action == "sign":
        fields.update(status=Review.Status.SIGNED, signed_at=timezone.now(), signed_by=actor)
    else:
        due_on, estimated = due(current, transition.target)
        fields.update(
            step=transition.target,
            step_since=timezone.localdate(),
            due_on=due_on,
            due_estimated=estimated,
            returned=transition.action == "return",
            return_reason=note if transition.action == "return" else "",
        )
        if transition.target == Step.CONSULT:
            fields["comment_until"] = add_working_days(
                timezone.localdate(), current.round.comment_days
            ).date
        if step_from == Step.CONSULT and transition.target == Step.RECTIFY:
            # the window closes when the holder moves on: later opinions are refused
            fields["comment_until"] = min(
                current.comment_until or timezone.localdate(), timezone.localdate()
            )
    Review.objects.filter(pk=current.pk).update(**fields)
    current.refresh_from_db()
    tally.tally_move(current, before)
    ReviewEvent.objects.create(
        review=current,
        action=transition.action,
        step_from=step_from,
        step_to=transition.target,
        actor=actor,
        note=note,
    )
    audit(
        f"reviews.review.{transition.action}",
        actor=actor,
        obj=current,
        before={"step": step_from},
        after={"step": current.step, "status": current.status, "note": note},
    )
    services.after_transition(current, transition, actor, note)
    return current
