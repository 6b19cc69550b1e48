"""Pages of the procedure around the reviews: rounds and campaigns (open, progress while the
reviews are created, the progress board), the user's own tasks, signed registers (公示 within the
unit) and the comparison of two years' registers."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from lianjing.accounts import permissions as perms
from lianjing.accounts.decorators import permission_required, request_user
from lianjing.accounts.selectors import user_has_perm
from lianjing.core.forms import add_service_errors
from lianjing.org import access
from lianjing.org.models import Unit
from lianjing.reviews import selectors, services
from lianjing.reviews.compare import compare_years
from lianjing.reviews.forms import CampaignForm, RoundForm
from lianjing.reviews.models import Review, Round, Step
from lianjing.risks.selectors import risk_points_visible

YEAR_MIN, YEAR_MAX = 2000, 2100


def _index_crumb() -> tuple[str, str]:
    return (_("风险排查"), reverse("reviews:round_list"))


@permission_required(perms.REVIEWS_VIEW)
@require_safe
def round_list(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    rounds = selectors.rounds_visible(user).order_by("-year", "-opened_at", "-id")
    page = Paginator(rounds, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "reviews/round_list.html",
        {
            "title": _("风险排查与专项治理"),
            "breadcrumbs": [(_("风险排查"), None)],
            "page": page,
            "can_open": user_has_perm(user, perms.REVIEWS_OPEN),
        },
    )


def _open(request: HttpRequest, form_class: type[RoundForm], kind: str) -> HttpResponse:
    user = request_user(request)
    units = access.visible(user, Unit, perms.REVIEWS_OPEN).filter(status="active").order_by("code")
    form = form_class(request.POST if request.method == "POST" else None, units=units)
    if form.is_bound and form.is_valid():
        try:
            round_ = services.round_open(actor=user, spec=form.spec(kind))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("已发起，正在生成排查对象。"))
            return redirect("reviews:round_detail", pk=round_.pk)
    title = _("发起专项治理") if kind == Round.Kind.CAMPAIGN else _("发起风险排查")
    return render(
        request,
        "reviews/round_form.html",
        {"title": title, "breadcrumbs": [_index_crumb(), (title, None)], "form": form},
    )


@permission_required(perms.REVIEWS_OPEN)
def round_create(request: HttpRequest) -> HttpResponse:
    return _open(request, RoundForm, Round.Kind.REGULAR)


@permission_required(perms.REVIEWS_OPEN)
def campaign_create(request: HttpRequest) -> HttpResponse:
    return _open(request, CampaignForm, Round.Kind.CAMPAIGN)


def _parent(request: HttpRequest, user: Any) -> Unit | None:
    raw = request.GET.get("unit")
    if not raw:
        return None
    return access.get_visible_or_404(user, Unit, raw, perms.REVIEWS_VIEW)


@permission_required(perms.REVIEWS_VIEW)
@require_safe
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress board: per unit and step, how many reviews are where, late and signed. It
    reads level by level: one row per child unit of ?unit= (its subtree added up), starting at
    the round's own unit when it has one — a province shows its cities, not 6,500 rows;
    ?flat=1 lists every unit with reviews, a page at a time."""
    user = request_user(request)
    round_ = selectors.round_get(user, pk)
    parent = _parent(request, user)
    flat = request.GET.get("flat") == "1" and parent is None
    roots = list(round_.units.all()[:2])
    root = roots[0] if len(roots) == 1 else None
    if parent is None and not flat and root is not None:
        parent = root
    board = selectors.board(user, round_, parent)
    rows = Paginator(board.rows, 100).get_page(request.GET.get("page"))
    late = selectors.late_reviews(user, round_)
    if parent is not None and parent != root:
        subtree = access.forest_of(user).subtree_ids([parent.pk])
        late = late.filter(unit_id__in=sorted(subtree))
    return render(
        request,
        "reviews/round_detail.html",
        {
            "title": round_.name,
            "breadcrumbs": [_index_crumb(), (round_.name, None)],
            "round": round_,
            "board": board,
            "rows": rows,
            "flat": flat,
            "parent": parent,
            "up": parent.parent_id
            if parent is not None and root and parent.pk != root.pk
            else None,
            "steps": [(s, Step(s).label) for s in range(Step.SELF_CHECK, Step.SIGN + 1)],
            "late": late[:50],
            "late_count": board.totals.late,
        },
    )


@permission_required(perms.REVIEWS_VIEW)
@require_safe
def round_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The generation progress bar (polled by htmx while the round is being opened)."""
    round_ = selectors.round_get(request_user(request), pk)
    return render(request, "reviews/_round_progress.html", {"round": round_})


@login_required
@require_safe
def my_reviews(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    return render(
        request,
        "reviews/my_reviews.html",
        {
            "title": _("我的风险排查"),
            "breadcrumbs": [(_("我的风险排查"), None)],
            "reviews": selectors.my_reviews(user),
            "involved": selectors.reviews_visible(user)
            .filter(status=Review.Status.ACTIVE, round__state=Round.State.OPEN)
            .exclude(pk__in=selectors.my_reviews(user).values("pk"))
            .select_related("round", "unit", "post", "department")
            .order_by("due_on")[:100],
        },
    )


# --- signed registers ----------------------------------------------------------------------------


@login_required
@require_safe
def snapshot_detail(request: HttpRequest, pk: int) -> HttpResponse:
    from lianjing.reviews.models import Snapshot

    user = request_user(request)
    snapshot = access.get_scoped_or_404(
        selectors.snapshots_visible(user).select_related("review__round", "unit"), pk
    )
    return render(
        request,
        "reviews/snapshot_detail.html",
        {
            "title": snapshot.title,
            "breadcrumbs": [
                (_("公示"), reverse("reviews:unit_public", args=[snapshot.unit_id])),
                (snapshot.title, None),
            ],
            "snapshot": snapshot,
            "content": snapshot.content,
            "is_current": snapshot.review.status == Review.Status.SIGNED,
            "kind": Snapshot,
        },
    )


@login_required
@require_safe
def unit_public(request: HttpRequest, unit_pk: int) -> HttpResponse:
    """公示: the signed registers of a unit, to its people and to those who supervise it."""
    user = request_user(request)
    snapshots = selectors.snapshots_visible(user).filter(unit_id=unit_pk)
    unit = Unit.objects.filter(pk=unit_pk).first()
    if unit is None or not (
        snapshots.exists()
        or access.can_view_under(user, unit, perms.REVIEWS_VIEW)
        or _member(user, unit)
    ):
        raise Http404
    return _public_page(request, unit, snapshots)


def _public_page(request: HttpRequest, unit: Unit, snapshots: Any) -> HttpResponse:
    year = request.GET.get("year")
    if year and year.isdigit():
        snapshots = snapshots.filter(year=int(year))
    page = Paginator(snapshots.select_related("review"), 30).get_page(request.GET.get("page"))
    return render(
        request,
        "reviews/unit_public.html",
        {
            "title": _("%(unit)s 风险台账公示") % {"unit": unit.name},
            "breadcrumbs": [(_("公示"), None)],
            "unit": unit,
            "page": page,
        },
    )


def _member(user: Any, unit: Unit) -> bool:
    from lianjing.org.models import Assignment

    me = access.own_person(user)
    return (
        me is not None
        and Assignment.objects.filter(person=me, end_date__isnull=True, post__unit=unit).exists()
    )


@login_required
@require_safe
def my_public(request: HttpRequest) -> HttpResponse:
    """The 公示 of the user's own unit."""
    user = request_user(request)
    me = access.own_person(user)
    if me is None or me.unit is None:
        return render(
            request,
            "archives/no_person.html",
            {"title": _("单位公示"), "breadcrumbs": [(_("单位公示"), None)]},
        )
    snapshots = selectors.snapshots_visible(user).filter(unit=me.unit)
    return _public_page(request, me.unit, snapshots)


# --- years compared ------------------------------------------------------------------------------


def _year(raw: Any, default: int) -> int:
    try:
        year = int(str(raw))
    except ValueError:
        return default
    return year if YEAR_MIN <= year <= YEAR_MAX else default


@permission_required(perms.RISKS_VIEW)
@require_safe
def year_compare(request: HttpRequest, unit_pk: int) -> HttpResponse:
    from django.utils import timezone

    user = request_user(request)
    unit = access.get_visible_or_404(user, Unit, unit_pk, perms.RISKS_VIEW)
    this_year = timezone.localdate().year
    year_to = _year(request.GET.get("to"), this_year)
    year_from = _year(request.GET.get("from"), year_to - 1)
    points = risk_points_visible(user).filter(unit=unit)
    rows = compare_years(points, year_from, year_to)
    counts = {
        c: sum(1 for r in rows if r.change == c) for c in ("added", "removed", "regraded", "same")
    }
    return render(
        request,
        "reviews/year_compare.html",
        {
            "title": _("%(unit)s 台账年度对比") % {"unit": unit.name},
            "breadcrumbs": [
                (_("风险台账"), reverse("risks:index")),
                (unit.name, reverse("risks:register", args=[unit.pk, year_to])),
                (_("年度对比"), None),
            ],
            "unit": unit,
            "year_from": year_from,
            "year_to": year_to,
            "rows": rows,
            "counts": counts,
        },
    )
