"""Writes of the eight-step procedure other than the moves themselves (workflow.py): opening a
round and creating its reviews, what reaching a step sets off (notifications, signing), opinions
and answers, and revisions of a signed register."""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lianjing.accounts import permissions as perms
from lianjing.archives.models import ArchiveEntry
from lianjing.archives.services import file_entries
from lianjing.core.audit import audit
from lianjing.core.working_days import add_working_days
from lianjing.inbox.services import notify
from lianjing.org import access
from lianjing.org.models import Assignment, Department, Person, Post, Unit
from lianjing.org.trees import UnitForest
from lianjing.reviews import workflow
from lianjing.reviews.models import (
    Review,
    ReviewComment,
    ReviewEvent,
    Round,
    Snapshot,
    Step,
)
from lianjing.reviews.selectors import covered_points
from lianjing.reviews.tally import tally_rebuild
from lianjing.risks.models import RiskPoint

logger = logging.getLogger(__name__)

BATCH = 5000
POSTS_KEY, POSTS_ALL, POSTS_NONE = "key", "all", "none"


def review_url(review: Review) -> str:
    return reverse("reviews:review_detail", args=[review.pk])


def _user_ids(people: Iterable[Person | None]) -> list[int]:
    return [p.user_id for p in people if p is not None and p.user_id]


# --- opening a round -----------------------------------------------------------------------------


@dataclass
class RoundSpec:
    """What the opener chose: the scope (确定对象) and the time allowed."""

    name: str
    year: int
    units: list[Unit]
    include_subunits: bool = True
    posts: str = POSTS_KEY
    departments: bool = False
    unit_level: bool = False
    kind: str = Round.Kind.REGULAR
    description: str = ""
    comment_days: int = 5
    step_days: dict[int, int] = field(default_factory=dict)
    copy_from_year: int | None = None
    # a special campaign's filter of the posts concerned (empty: no condition)
    key_post_kinds: list[str] = field(default_factory=list)
    unit_kinds: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    power_categories: list[str] = field(default_factory=list)

    def criteria(self) -> dict[str, Any]:
        return {
            "posts": self.posts,
            "departments": self.departments,
            "units": self.unit_level,
            "key_post_kinds": self.key_post_kinds,
            "unit_kinds": self.unit_kinds,
            "keywords": self.keywords,
            "power_categories": self.power_categories,
        }


def round_open(*, actor: Any, spec: RoundSpec) -> Round:
    """Record the round and queue the creation of its reviews (a background job: a province has
    about 240,000 posts). Refused when a unit is outside the opener's reach under reviews.open,
    or when nothing would be reviewed."""
    problems: dict[str, list[str]] = {}
    if not spec.name.strip():
        problems.setdefault("name", []).append(_("请填写名称。"))
    if not spec.units:
        problems.setdefault("units", []).append(_("请至少选择一个单位。"))
    outside = [
        u.name for u in spec.units if not access.can_view_under(actor, u, perms.REVIEWS_OPEN)
    ]
    if outside:
        problems.setdefault("units", []).append(
            _("以下单位不在您可以发起排查的范围内：%(names)s。") % {"names": "、".join(outside)}
        )
    if spec.posts == POSTS_NONE and not spec.departments and not spec.unit_level:
        problems.setdefault("posts", []).append(
            _("请至少选择一类排查对象（岗位、内设机构或单位）。")
        )
    if spec.copy_from_year is not None and spec.copy_from_year >= spec.year:
        problems.setdefault("copy_from_year", []).append(
            _("沿用的台账年度应早于本次排查年度 %(year)d 年。") % {"year": spec.year}
        )
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        round_ = Round.objects.create(
            kind=spec.kind,
            name=spec.name.strip(),
            description=spec.description.strip(),
            year=spec.year,
            include_subunits=spec.include_subunits,
            criteria=spec.criteria(),
            step_days={str(k): v for k, v in spec.step_days.items()},
            comment_days=spec.comment_days,
            copy_from_year=spec.copy_from_year,
            opened_by=actor,
        )
        round_.units.set(spec.units)
        audit(
            "reviews.round.opened",
            actor=actor,
            obj=round_,
            after={
                "kind": round_.kind,
                "year": round_.year,
                "units": [u.code for u in spec.units],
                "criteria": round_.criteria,
                "copy_from_year": round_.copy_from_year,
            },
        )

        def queue() -> None:
            from lianjing.reviews.tasks import reviews_generate

            reviews_generate(round_.pk)

        transaction.on_commit(queue)
    return round_


def _unit_ids(round_: Round) -> list[int]:
    roots = [u.pk for u in round_.units.all()]
    ids = UnitForest().subtree_ids(roots) if round_.include_subunits else set(roots)
    active = Unit.objects.filter(status="active")
    return sorted(
        pk
        for start in range(0, len(sorted(ids)), BATCH)
        for pk in active.filter(pk__in=sorted(ids)[start : start + BATCH]).values_list(
            "pk", flat=True
        )
    )


def target_posts(round_: Round, unit_ids: list[int]) -> QuerySet[Post]:
    """The posts reviewed: held (someone holds them now), in the round's units, and matching
    the criteria — key posts only by default; a campaign's filter on top."""
    criteria = round_.criteria or {}
    mode = criteria.get("posts", POSTS_KEY)
    if mode == POSTS_NONE:
        return Post.objects.none()
    held = Assignment.objects.filter(end_date__isnull=True).values("post_id")
    posts = Post.objects.filter(unit_id__in=unit_ids, status="active", pk__in=held)
    if mode == POSTS_KEY and not criteria.get("key_post_kinds"):
        posts = posts.filter(key_kinds__isnull=False)
    if criteria.get("key_post_kinds"):
        posts = posts.filter(key_kinds__code__in=criteria["key_post_kinds"])
    if criteria.get("unit_kinds"):
        posts = posts.filter(unit__kind__in=criteria["unit_kinds"])
    if criteria.get("keywords"):
        words = Q(pk__in=[])
        for word in criteria["keywords"]:
            words |= Q(name__icontains=word) | Q(duties__icontains=word)
        posts = posts.filter(words)
    if criteria.get("power_categories"):
        from lianjing.powers.models import FlowStep

        handling = FlowStep.objects.filter(
            power__category__code__in=criteria["power_categories"]
        ).values("handler_post_id")
        posts = posts.filter(pk__in=handling)
    return posts.distinct()


Progress = Callable[[int, int], None]


def reviews_generate(round_id: int, progress: Progress | None = None) -> Round:
    """Create one review per target of a round that is still being opened (the job). Runs once:
    a round no longer `opening` is left alone."""
    round_ = Round.objects.get(pk=round_id)
    if round_.state != Round.State.OPENING:
        return round_
    try:
        with transaction.atomic():
            result = _generate(round_, progress)
    except Exception as exc:  # the job must end with a state the opener can read
        logger.exception("round %s: generation failed", round_id)
        Round.objects.filter(pk=round_id).update(
            state=Round.State.FAILED, error=str(exc)[:2000], ready_at=timezone.now()
        )
        round_.refresh_from_db()
        return round_
    Round.objects.filter(pk=round_id).update(
        state=Round.State.OPEN, result=result, ready_at=timezone.now()
    )
    round_.refresh_from_db()
    audit("reviews.round.ready", actor=round_.opened_by, obj=round_, after=result)
    return round_


def _generate(round_: Round, progress: Progress | None) -> dict[str, Any]:
    unit_ids = _unit_ids(round_)
    criteria = round_.criteria or {}
    post_ids = list(target_posts(round_, unit_ids).values_list("pk", flat=True))
    departments: list[tuple[int, int]] = []
    if criteria.get("departments"):
        departments = list(
            Department.objects.filter(unit_id__in=unit_ids, status="active").values_list(
                "pk", "unit_id"
            )
        )
    units = unit_ids if criteria.get("units") else []
    total = len(post_ids) + len(departments) + len(units)
    Round.objects.filter(pk=round_.pk).update(total=total, processed=0)
    due = add_working_days(timezone.localdate(), round_.days_for(Step.SELF_CHECK))
    common = {
        "round_id": round_.pk,
        "step": Step.SELF_CHECK,
        "step_since": timezone.localdate(),
        "due_on": due.date,
        "due_estimated": due.estimated,
    }
    done = 0

    def advance(n: int) -> None:
        nonlocal done
        done += n
        Round.objects.filter(pk=round_.pk).update(processed=done)
        if progress:
            progress(done, total)

    # a province has about 240,000 posts: their reviews are written by INSERT … SELECT from the
    # posts, a batch at a time, without a Python object per row
    now = timezone.now()
    for start in range(0, len(post_ids), BATCH):
        batch = post_ids[start : start + BATCH]
        _insert_post_reviews(batch, common, now)
        advance(len(batch))
    others = [
        Review(target_kind="department", department_id=d, unit_id=u, **common)
        for d, u in departments
    ] + [Review(target_kind="unit", unit_id=u, **common) for u in units]
    for start in range(0, len(others), BATCH):
        chunk = others[start : start + BATCH]
        Review.objects.bulk_create(chunk, batch_size=1000)
        advance(len(chunk))
    tally_rebuild(round_.pk)
    copied = _copy_forward(round_, post_ids, departments, units)
    notified = _notify_holders(round_, post_ids)
    return {
        "posts": len(post_ids),
        "departments": len(departments),
        "units": len(units),
        "copied_points": copied,
        "notified": notified,
    }


def _insert_post_reviews(post_ids: list[int], common: dict[str, Any], now: Any) -> None:
    """One review at 自查自找 per post of `post_ids` (in post order), by one INSERT … SELECT;
    the columns are those a `Review(target_kind="post", …)` would be saved with."""
    from django.db import connection

    ops = connection.ops
    table, posts = Review._meta.db_table, Post._meta.db_table
    constant = {
        "round_id": common["round_id"],
        "target_kind": Review.TargetKind.POST.value,
        "step": int(common["step"]),
        "status": Review.Status.ACTIVE.value,
        "returned": False,
        "return_reason": "",
        "step_since": ops.adapt_datefield_value(common["step_since"]),
        "due_on": ops.adapt_datefield_value(common["due_on"]),
        "due_estimated": bool(common["due_estimated"]),
        "revision_cause": "",
        "revision_reason": "",
        "created_at": ops.adapt_datetimefield_value(now),
        "version": 1,
    }
    from_post = {"unit_id": "unit_id", "department_id": "department_id", "post_id": "id"}
    columns = [Review._meta.get_field(name).column for name in [*constant, *from_post]]  # type: ignore[union-attr]
    quote = ops.quote_name
    select = ", ".join(["%s"] * len(constant) + [quote(c) for c in from_post.values()])
    names = ", ".join(quote(str(c)) for c in columns)
    sql = (
        f"INSERT INTO {quote(table)} ({names}) "
        f"SELECT {select} FROM {quote(posts)} WHERE {quote('id')} IN "
        f"({', '.join(['%s'] * len(post_ids))}) ORDER BY {quote('code')}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*constant.values(), *post_ids])


def _notify_holders(round_: Round, post_ids: list[int]) -> int:
    """One message per person with an account, however many of their posts are reviewed."""
    counts: dict[int, int] = {}
    for start in range(0, len(post_ids), BATCH):
        for user_id in Assignment.objects.filter(
            post_id__in=post_ids[start : start + BATCH],
            end_date__isnull=True,
            person__user__isnull=False,
        ).values_list("person__user_id", flat=True):
            counts[user_id] = counts.get(user_id, 0) + 1
    if not counts:
        return 0
    title = _("风险排查任务：%(name)s") % {"name": round_.name}
    body = _("请对照岗位职责和工作流程，查找本岗位的廉政风险点（自查自找），在期限内提交。")
    return notify(
        counts, kind="reviews.task", title=title, body=body, url=reverse("reviews:my_reviews")
    )


def _copy_forward(
    round_: Round, post_ids: list[int], departments: list[tuple[int, int]], units: list[int]
) -> int:
    """Yearly dynamic management: start each target's register from its register of the year
    `copy_from_year` (the live points, with their measures), as drafts to be reviewed again."""
    if round_.copy_from_year is None:
        return 0
    from lianjing.risks.bulk import write_points
    from lianjing.risks.models import ControlMeasure

    source = (
        RiskPoint.objects.filter(year=round_.copy_from_year, campaign__isnull=True)
        .exclude(status=RiskPoint.Status.RETIRED)
        .filter(
            Q(target_kind="post", post_id__in=post_ids)
            | Q(target_kind="department", department_id__in=[d for d, _u in departments])
            | Q(target_kind="unit", unit_id__in=units)
        )
    )
    already = set(
        RiskPoint.objects.filter(year=round_.year, carried_from__isnull=False).values_list(
            "carried_from_id", flat=True
        )
    )
    copied = 0
    ids = list(source.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        batch = [
            p
            for p in RiskPoint.objects.filter(pk__in=ids[start : start + BATCH]).prefetch_related(
                "measures"
            )
            if p.pk not in already
        ]
        points, measures = [], []
        for old in batch:
            new = RiskPoint(
                unit_id=old.unit_id,
                year=round_.year,
                target_kind=old.target_kind,
                post_id=old.post_id,
                department_id=old.department_id,
                sector=old.sector,
                power_id=old.power_id,
                flow_step_id=old.flow_step_id,
                risk_type=old.risk_type,
                description=old.description,
                manifestations=old.manifestations,
                causes=old.causes,
                found_by=old.found_by,
                status=RiskPoint.Status.DRAFT,
                grading_model_id=old.grading_model_id,
                factor_inputs=old.factor_inputs,
                computed_score=old.computed_score,
                computed_level=old.computed_level,
                level=old.level,
                override_reason=old.override_reason,
                override_decided_on=old.override_decided_on,
                override_participants=old.override_participants,
                carried_from_id=old.pk,
            )
            points.append(new)
            measures.append(
                [
                    {
                        "kind": m.kind,
                        "content": m.content,
                        "owner_id": m.owner_id,
                        "check_method": m.check_method,
                        "status": ControlMeasure.Status.PLANNED,
                    }
                    for m in old.measures.all()
                ]
            )
        write_points(points, measures)
        copied += len(points)
    return copied


# --- what reaching a step sets off ---------------------------------------------------------------


def after_transition(
    review: Review, transition: workflow.Transition, actor: Any, note: str
) -> None:
    url = review_url(review)
    name = review.target_name
    if transition.action == "sign":
        _sign(review, actor)
        notify(
            _user_ids(workflow.holders(review)),
            kind="reviews.signed",
            title=_("%(name)s 风险台账已签字备案") % {"name": name},
            url=url,
        )
        return
    if transition.action == "return":
        notify(
            _user_ids(workflow.holders(review)),
            kind="reviews.returned",
            title=_("%(name)s 风险台账被退回“%(step)s”")
            % {"name": name, "step": Step(transition.target).label},
            body=note,
            url=url,
        )
        return
    if transition.target == Step.CONSULT:
        notify(
            _user_ids(colleagues(review)),
            kind="reviews.consult",
            title=_("征求意见：%(name)s 的廉政风险点") % {"name": name},
            body=_("请于 %(day)s 前提出意见。") % {"day": review.comment_until},
            url=url,
        )
    elif transition.target == Step.REVIEW:
        notify(
            _user_ids([workflow.leader_in_charge(review)]),
            kind="reviews.review",
            title=_("待审查：%(name)s 的风险台账") % {"name": name},
            url=url,
        )
    elif transition.target == Step.SIGN:
        notify(
            _user_ids([workflow.signer(review)]),
            kind="reviews.sign",
            title=_("待签字备案：%(name)s 的风险台账") % {"name": name},
            url=url,
        )


def colleagues(review: Review) -> list[Person]:
    """Whom opinions are asked of: the colleagues of the same office (of the unit's leadership
    for a post outside any office) and the leader in charge — not the holders themselves."""
    holder_ids = {p.pk for p in workflow.holders(review)}
    department_id = review.department_id or (review.post.department_id if review.post else None)
    mates = Assignment.objects.filter(end_date__isnull=True, post__unit_id=review.unit_id)
    mates = (
        mates.filter(post__department_id=department_id)
        if department_id
        else mates.filter(post__department__isnull=True)
    )
    people = {a.person.pk: a.person for a in mates.select_related("person")[:200]}
    leader = workflow.leader_in_charge(review)
    if leader is not None:
        people[leader.pk] = leader
    return [p for pk, p in people.items() if pk not in holder_ids]


# --- signing -------------------------------------------------------------------------------------


def snapshot_content(review: Review) -> dict[str, Any]:
    points = (
        covered_points(review)
        .select_related("power", "flow_step", "post", "department")
        .prefetch_related("measures__owner", "responsibilities__person")
        .order_by("level", "pk")
    )
    return {
        "target": {
            "kind": review.get_target_kind_display(),
            "name": review.target_name,
            "unit": review.unit.name,
            "year": review.round.year,
            "round": review.round.name,
        },
        "holders": [p.name for p in workflow.holders(review)],
        "points": [
            {
                "id": p.pk,
                "description": p.description,
                "risk_type": p.get_risk_type_display(),
                "level": p.level,
                "level_label": p.get_level_display(),
                "score": str(p.computed_score),
                "manifestations": p.manifestations,
                "causes": p.causes,
                "found_by": p.found_by_labels,
                "power": p.power.name if p.power else "",
                "step": p.flow_step.name if p.flow_step else "",
                "override_reason": p.override_reason,
                "measures": [
                    {
                        "kind": m.get_kind_display(),
                        "content": m.content,
                        "owner": m.owner.name if m.owner else "",
                        "due_date": m.due_date.isoformat() if m.due_date else "",
                        "status": m.get_status_display(),
                        "check_method": m.check_method,
                    }
                    for m in p.measures.all()
                ],
                "responsibilities": [
                    {"role": r.get_role_display(), "person": r.person.name, "basis": r.basis}
                    for r in p.responsibilities.all()
                    if r.until is None
                ],
            }
            for p in points
        ],
        "comments": [
            {
                "author": c.author_name,
                "text": c.text,
                "at": c.created_at.isoformat(),
                "answer": c.answer,
            }
            for c in review.comments.all()
        ],
    }


def _digest(content: dict[str, Any]) -> str:
    canonical = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _sign(review: Review, actor: Any) -> Snapshot:
    points = covered_points(review)
    points.update(status=RiskPoint.Status.CONFIRMED, locked=True, version=F("version") + 1)
    content = snapshot_content(review)
    signer = access.own_person(actor)
    now = timezone.now()
    snapshot = Snapshot.objects.create(
        review=review,
        unit=review.unit,
        year=review.round.year,
        title=_("%(name)s %(year)d 年廉政风险台账")
        % {"name": review.target_name, "year": review.round.year}
        + (_("（修订）") if review.revision_of_id else ""),
        content=content,
        digest=_digest(content),
        signed_by=actor,
        signer_name=signer.name if signer else str(actor),
        signed_at=now,
    )
    if review.target_kind == Review.TargetKind.UNIT and review.round.kind == Round.Kind.REGULAR:
        # the unit's own register signed: the unit's register of the year is confirmed (审定)
        from lianjing.risks.services import register_confirm

        register_confirm(actor=actor, unit=review.unit, year=review.round.year)
    if review.revision_of_id:
        Review.objects.filter(pk=review.revision_of_id).update(
            status=Review.Status.SUPERSEDED, version=F("version") + 1
        )
    file_entries(
        workflow.holders(review),
        section=ArchiveEntry.Section.RISK_REGISTER,
        title=snapshot.title,
        occurred_on=timezone.localdate(),
        source_type="reviews.snapshot",
        source_id=snapshot.pk,
        url=reverse("reviews:snapshot_detail", args=[snapshot.pk]),
        summary={
            "points": len(content["points"]),
            "by_level": {
                str(level): sum(1 for p in content["points"] if p["level"] == level)
                for level in (1, 2, 3)
            },
            "digest": snapshot.digest,
        },
        actor=actor,
    )
    audit(
        "reviews.snapshot.created",
        actor=actor,
        obj=snapshot,
        after={"review": review.pk, "points": len(content["points"]), "digest": snapshot.digest},
    )
    return snapshot


# --- opinions (征求意见) and answers (对照整改) ---------------------------------------------


def may_comment(user: Any, review: Review) -> str | None:
    """None when `user` may give an opinion now, else why not."""
    if review.status != Review.Status.ACTIVE or review.step != Step.CONSULT:
        return _("该事项不在“征求意见”环节，不能提出意见。")
    if review.comment_until and timezone.localdate() > review.comment_until:
        return _("征求意见已于 %(day)s 截止。") % {"day": review.comment_until}
    if workflow.is_holder(user, review):
        return _("本人的风险台账不能自己提意见。")
    return None


@transaction.atomic
def comment_add(*, actor: Any, review: Review, text: str) -> ReviewComment:
    current = Review.objects.select_for_update().select_related("round", "unit").get(pk=review.pk)
    refusal = may_comment(actor, current)
    if refusal:
        raise ValidationError(refusal)
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("请填写意见内容。")})
    if len(text) > 2000:
        raise ValidationError({"text": _("意见不能超过 2000 字。")})
    person = access.own_person(actor)
    comment = ReviewComment.objects.create(
        review=current,
        author=actor,
        author_name=(person.name if person else actor.get_username())[:100],
        text=text,
    )
    audit("reviews.comment.added", actor=actor, obj=current, after={"comment": comment.pk})
    notify(
        _user_ids(workflow.holders(current)),
        kind="reviews.comment",
        title=_("%(name)s 的风险台账收到一条意见") % {"name": current.target_name},
        body=text[:200],
        url=review_url(current),
    )
    return comment


@transaction.atomic
def comment_answer(*, actor: Any, comment: ReviewComment, answer: str) -> ReviewComment:
    review = (
        Review.objects.select_for_update().select_related("round", "unit").get(pk=comment.review_id)
    )
    if review.status != Review.Status.ACTIVE or review.step != Step.RECTIFY:
        raise ValidationError(_("只能在“对照整改”环节答复意见。"))
    if not workflow.is_holder(actor, review):
        raise ValidationError(_("只有本台账的查找人可以答复意见。"))
    answer = answer.strip()
    if not answer:
        raise ValidationError({"answer": _("请写明针对该意见的整改情况。")})
    if len(answer) > 2000:
        raise ValidationError({"answer": _("答复不能超过 2000 字。")})
    before = comment.answer
    comment.answer = answer
    comment.answered_by = actor
    comment.answered_at = timezone.now()
    comment.save(update_fields=["answer", "answered_by", "answered_at"])
    audit(
        "reviews.comment.answered",
        actor=actor,
        obj=review,
        before={"answer": before},
        after={"comment": comment.pk, "answer": answer},
    )
    return comment


# --- revisions of a signed register --------------------------------------------------------------


def may_reopen(user: Any, review: Review) -> bool:
    return review.status == Review.Status.SIGNED and (
        workflow.is_holder(user, review)
        or access.can_view_under(user, review.unit, perms.REVIEWS_OPEN)
    )


@transaction.atomic
def revision_open(*, actor: Any, review: Review, cause: str, reason: str) -> Review:
    """Open a revision of a signed register (a new law, changed duties, a missed risk): the
    points are unlocked and the revision goes through the steps again from 自查自找; the signed
    snapshot stays as it was, and the differences are shown against it."""
    current = Review.objects.select_for_update().select_related("round", "unit").get(pk=review.pk)
    if current.status != Review.Status.SIGNED:
        raise ValidationError(_("只有已签字备案的台账可以发起修订。"))
    if current.revisions.filter(status=Review.Status.ACTIVE).exists():
        raise ValidationError(_("该台账已有进行中的修订。"))
    if not may_reopen(actor, current):
        raise ValidationError(_("您不能发起该台账的修订。"))
    problems: dict[str, str] = {}
    if cause not in Review.Cause.values:
        problems["cause"] = _("请选择修订原因。")
    if not reason.strip():
        problems["reason"] = _("请写明需要修订的内容和依据。")
    if problems:
        raise ValidationError(problems)
    due = add_working_days(timezone.localdate(), current.round.days_for(Step.SELF_CHECK))
    revision = Review.objects.create(
        round=current.round,
        target_kind=current.target_kind,
        unit=current.unit,
        department=current.department,
        post=current.post,
        step=Step.SELF_CHECK,
        step_since=timezone.localdate(),
        due_on=due.date,
        due_estimated=due.estimated,
        revision_of=current,
        revision_cause=cause,
        revision_reason=reason.strip(),
    )
    covered_points(current).update(locked=False, version=F("version") + 1)
    ReviewEvent.objects.create(
        review=revision,
        action=ReviewEvent.Action.REOPEN,
        step_from=Step.SIGN,
        step_to=Step.SELF_CHECK,
        actor=actor,
        note=reason.strip(),
    )
    audit(
        "reviews.revision.opened",
        actor=actor,
        obj=revision,
        after={"of": current.pk, "cause": cause, "reason": reason.strip()},
    )
    notify(
        _user_ids(workflow.holders(revision)),
        kind="reviews.task",
        title=_("风险台账修订：%(name)s") % {"name": revision.target_name},
        body=reason.strip()[:200],
        url=review_url(revision),
    )
    return revision


# --- reminders -----------------------------------------------------------------------------------


def current_actors(review: Review) -> list[Person]:
    if review.step in workflow.HOLDER_STEPS:
        return workflow.holders(review)
    if review.step == Step.REVIEW:
        return [p for p in [workflow.leader_in_charge(review)] if p]
    return [p for p in [workflow.signer(review)] if p]


def due_reminders(today: date | None = None) -> dict[str, int]:
    """Tell whoever must act that a step is due within 3 working days, or overdue. Each
    reminder goes once per review and step (keyed)."""
    today = today or timezone.localdate()
    soon = add_working_days(today, 3).date
    sent = {"soon": 0, "late": 0}
    active = Review.objects.filter(status=Review.Status.ACTIVE).select_related(
        "round", "unit__main_leader", "post__department", "department"
    )
    for kind, reviews in (
        ("soon", active.filter(due_on__gt=today, due_on__lte=soon)),
        ("late", active.filter(due_on__lt=today)),
    ):
        for review in reviews.iterator(chunk_size=500):
            label = Step(review.step).label
            title = (
                _("“%(step)s”将于 %(day)s 到期：%(name)s")
                if kind == "soon"
                else _("“%(step)s”已逾期（期限 %(day)s）：%(name)s")
            ) % {"step": label, "day": review.due_on, "name": review.target_name}
            sent[kind] += notify(
                _user_ids(current_actors(review)),
                kind=f"reviews.{kind}",
                title=title,
                url=review_url(review),
                key=f"review:{review.pk}:{review.step}:{review.step_since}:{kind}",
            )
    return sent
