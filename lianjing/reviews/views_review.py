"""One review's page (the workspace of the eight steps): the register of its target with the
points and measures, the opinions and answers, the history, and the moves the user may take
now. The holder adds and edits points and measures here at the holder's steps."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from lianjing.accounts.decorators import request_user
from lianjing.core.forms import add_service_errors
from lianjing.org import access
from lianjing.reviews import guards, selectors, services, workflow
from lianjing.reviews.forms import AnswerForm, CommentForm, RevisionForm
from lianjing.reviews.models import Review, ReviewComment, Round, Step
from lianjing.risks import services as risk_services
from lianjing.risks.forms import MeasureForm, point_initial
from lianjing.risks.models import RiskPoint
from lianjing.risks.views import _override
from lianjing.risks.views_suggestions import PostRiskForm


def _crumbs(review: Review, *tail: tuple[str, str | None]) -> list[tuple[str, str | None]]:
    return [
        (_("风险排查"), reverse("reviews:round_list")),
        (review.round.name, reverse("reviews:round_detail", args=[review.round_id])),
        (review.target_name, reverse("reviews:review_detail", args=[review.pk])),
        *tail,
    ]


def _review(request: HttpRequest, pk: Any) -> Review:
    return selectors.review_get(request_user(request), pk)


def holder_may_edit(user: Any, review: Review) -> bool:
    return (
        review.status == Review.Status.ACTIVE
        and review.step in workflow.HOLDER_STEPS
        and review.step != Step.CONSULT
        and workflow.is_holder(user, review)
    )


@login_required
@require_safe
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    review = _review(request, pk)
    points = (
        selectors.covered_points(review)
        .select_related("power", "flow_step")
        .prefetch_related("measures__owner", "responsibilities__person")
        .order_by("level", "pk")
    )
    moves = [
        (t, workflow.problems(review, t) if t.checks else [])
        for t in workflow.available(user, review)
    ]
    comment_refusal = services.may_comment(user, review)
    is_holder = workflow.is_holder(user, review)
    return render(
        request,
        "reviews/review_detail.html",
        {
            "title": review.target_name,
            "breadcrumbs": _crumbs(review)[:-1] + [(review.target_name, None)],
            "review": review,
            "steps": Step.choices,
            "points": points,
            "summary": _summary(review),
            "moves": moves,
            "can_edit": holder_may_edit(user, review),
            "is_holder": is_holder,
            "comments": review.comments.select_related("author"),
            "comment_form": CommentForm() if comment_refusal is None else None,
            "answer_form": is_holder and review.step == Step.RECTIFY,
            "events": review.events.select_related("actor"),
            "holders": workflow.holders(review),
            "reviewer": workflow.leader_in_charge(review),
            "signer": workflow.signer(review),
            "snapshot": getattr(review, "snapshot", None) if review.status != "active" else None,
            "may_reopen": services.may_reopen(user, review),
            "active_revision": review.revisions.filter(status=Review.Status.ACTIVE).first(),
            "frozen": guards.register_problem(
                target_kind=review.target_kind,
                unit_id=review.unit_id,
                department_id=review.department_id,
                post_id=review.post_id,
                year=review.round.year,
                campaign_id=review.round_id if review.round.kind == Round.Kind.CAMPAIGN else None,
            ),
            "suggestions_url": (
                reverse("risks:suggestions", args=[review.post_id]) + f"?year={review.round.year}"
                if review.post_id and review.round.kind == Round.Kind.REGULAR
                else ""
            ),
        },
    )


def _summary(review: Review) -> Any:
    from lianjing.risks.selectors import approved_exception, register_summary

    summary = register_summary(review.unit_id, review.round.year)
    return {
        "unit": summary,
        "exception": approved_exception(review.unit_id, review.round.year),
    }


@login_required
@require_POST
def review_act(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    review = _review(request, pk)
    action = str(request.POST.get("action", ""))
    try:
        version = int(str(request.POST.get("version", "")))
        step = int(str(request.POST.get("step", "")))
    except ValueError:
        messages.error(request, _("表单已过期，请刷新页面后再操作。"))
        return redirect("reviews:review_detail", pk=review.pk)
    review.step = step  # the step the user saw: a move from another step is refused as stale
    try:
        moved = workflow.act(
            actor=user,
            review=review,
            action=action,
            version=version,
            note=str(request.POST.get("note", ""))[:2000],
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        if moved.status == Review.Status.SIGNED:
            messages.success(request, _("已签字备案：台账已锁定，并已归入廉政档案、在单位内公示。"))
        else:
            messages.success(
                request, _("已办理，进入“%(step)s”环节。") % {"step": moved.step_label}
            )
    return redirect("reviews:review_detail", pk=review.pk)


# --- opinions and answers ------------------------------------------------------------------------


@login_required
@require_POST
def comment_add(request: HttpRequest, pk: int) -> HttpResponse:
    review = _review(request, pk)
    form = CommentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写意见内容（不超过 2000 字）。"))
        return redirect("reviews:review_detail", pk=review.pk)
    try:
        services.comment_add(
            actor=request_user(request), review=review, text=form.cleaned_data["text"]
        )
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("意见已提交。"))
    return redirect(reverse("reviews:review_detail", args=[review.pk]) + "#comments")


@login_required
@require_POST
def comment_answer(request: HttpRequest, pk: int, comment_pk: int) -> HttpResponse:
    review = _review(request, pk)
    comment = access.get_scoped_or_404(ReviewComment.objects.filter(review=review), comment_pk)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请写明针对该意见的整改情况（不超过 2000 字）。"))
        return redirect("reviews:review_detail", pk=review.pk)
    try:
        services.comment_answer(
            actor=request_user(request), comment=comment, answer=form.cleaned_data["answer"]
        )
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("已答复。"))
    return redirect(reverse("reviews:review_detail", args=[review.pk]) + "#comments")


# --- points and measures at the holder's steps ---------------------------------------------------


def _editable_review(request: HttpRequest, pk: Any) -> Review:
    review = _review(request, pk)
    if not holder_may_edit(request_user(request), review):
        raise Http404
    if review.target_kind != Review.TargetKind.POST:
        raise Http404  # offices' and units' registers are kept on the risk register pages
    return review


def _point(review: Review, pk: Any) -> RiskPoint:
    return access.get_scoped_or_404(selectors.covered_points(review), pk)


def _point_form(request: HttpRequest, review: Review, point: RiskPoint | None) -> PostRiskForm:
    model = risk_services.active_model()
    initial = point_initial(point, model) if point is not None else {"found_by": ["self"]}
    return PostRiskForm(
        request.POST if request.method == "POST" else None,
        unit=review.unit,
        model=model,
        initial=initial,
    )


def _point_page(
    request: HttpRequest, review: Review, form: PostRiskForm, title: str
) -> HttpResponse:
    return render(
        request,
        "risks/point_form.html",
        {
            "form": form,
            "model": form.model,
            "title": title,
            "breadcrumbs": _crumbs(review, (title, None)),
            "cancel_url": reverse("reviews:review_detail", args=[review.pk]),
        },
    )


@login_required
def point_add(request: HttpRequest, pk: int) -> HttpResponse:
    review = _editable_review(request, pk)
    form = _point_form(request, review, None)
    if form.is_bound and form.is_valid():
        try:
            risk_services.risk_point_create(
                actor=request_user(request),
                inputs=form.inputs(),
                override=_override(form),
                unit=review.unit,
                year=review.round.year,
                target_kind="post",
                post=review.post,
                campaign=review.round if review.round.kind == Round.Kind.CAMPAIGN else None,
                **form.point_fields(),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("已登记风险点。"))
            return redirect("reviews:review_detail", pk=review.pk)
    return _point_page(request, review, form, _("登记风险点"))


@login_required
def point_edit(request: HttpRequest, pk: int, point_pk: int) -> HttpResponse:
    review = _editable_review(request, pk)
    point = _point(review, point_pk)
    form = _point_form(request, review, point)
    if form.is_bound and form.is_valid():
        try:
            risk_services.risk_point_update(
                actor=request_user(request),
                point=point,
                inputs=form.inputs(),
                override=_override(form),
                **form.point_fields(),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("已保存风险点。"))
            return redirect("reviews:review_detail", pk=review.pk)
    return _point_page(request, review, form, _("修改风险点"))


@login_required
def measure_add(request: HttpRequest, pk: int, point_pk: int) -> HttpResponse:
    review = _editable_review(request, pk)
    point = _point(review, point_pk)
    form = MeasureForm(request.POST if request.method == "POST" else None, unit=review.unit)
    if form.is_bound and form.is_valid():
        try:
            risk_services.measure_add(
                actor=request_user(request), risk_point=point, **form.measure_fields()
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("已添加防控措施。"))
            return redirect("reviews:review_detail", pk=review.pk)
    title = _("制定防控措施")
    return render(
        request,
        "reviews/measure_form.html",
        {
            "form": form,
            "point": point,
            "title": title,
            "breadcrumbs": _crumbs(review, (title, None)),
            "cancel_url": reverse("reviews:review_detail", args=[review.pk]),
        },
    )


# --- revisions -----------------------------------------------------------------------------------


@login_required
def revision_open(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    review = _review(request, pk)
    if not services.may_reopen(user, review):
        raise Http404
    form = RevisionForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            revision = services.revision_open(
                actor=user,
                review=review,
                cause=form.cleaned_data["cause"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("已发起修订，修订稿将重新履行各环节。"))
            return redirect("reviews:review_detail", pk=revision.pk)
    title = _("发起台账修订")
    return render(
        request,
        "reviews/revision_form.html",
        {
            "form": form,
            "review": review,
            "title": title,
            "breadcrumbs": _crumbs(review, (title, None)),
        },
    )


@login_required
@require_safe
def revision_diff(request: HttpRequest, pk: int) -> HttpResponse:
    """The signed version and the revision side by side."""
    from lianjing.reviews.compare import diff_snapshot

    review = _review(request, pk)
    if review.revision_of_id is None:
        raise Http404
    signed = getattr(review.revision_of, "snapshot", None)
    if signed is None:
        raise Http404
    current = services.snapshot_content(review)
    title = _("修订对照")
    return render(
        request,
        "reviews/revision_diff.html",
        {
            "title": title,
            "breadcrumbs": _crumbs(review, (title, None)),
            "review": review,
            "signed": signed,
            "rows": diff_snapshot(signed.content["points"], current["points"]),
        },
    )
