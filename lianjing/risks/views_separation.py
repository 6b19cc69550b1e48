"""A unit's structural prevention page: which posts play which duty of the separated domains,
and the posts and people that hold both sides of an incompatible pair."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from lianjing.accounts import permissions as perms
from lianjing.accounts.decorators import permission_required, request_user
from lianjing.core.forms import ModelChoiceField
from lianjing.org import access
from lianjing.org.models import Post, Status, Unit
from lianjing.risks import services
from lianjing.risks.models import DutyRole, PostDuty, SeparationDomain
from lianjing.risks.separation import unit_conflicts


class PostDutyForm(forms.Form):
    post = ModelChoiceField(
        label=_lazy("岗位"),
        queryset=Post.objects.none(),
        error_messages={
            "required": _lazy("请选择岗位。"),
            "invalid_choice": _lazy("所选岗位不属于本单位。"),
        },
    )
    role = ModelChoiceField(
        label=_lazy("职责"),
        queryset=DutyRole.objects.select_related("domain"),
        error_messages={
            "required": _lazy("请选择职责。"),
            "invalid_choice": _lazy("所选职责不存在。"),
        },
    )

    def __init__(self, *args: object, unit: Unit, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["post"]
        assert isinstance(field, ModelChoiceField)
        field.queryset = Post.objects.filter(unit=unit, status=Status.ACTIVE).order_by("code")


def _page_url(unit: Unit) -> str:
    return reverse("risks:separation", args=[unit.pk])


@permission_required(perms.RISKS_VIEW)
def separation(request: HttpRequest, unit_pk: int) -> HttpResponse:
    user = request_user(request)
    unit = access.get_visible_or_404(user, Unit, unit_pk, perms.RISKS_VIEW)
    can_manage = access.can_view_under(user, unit, perms.RISKS_MANAGE)
    duties = PostDuty.objects.filter(post__unit=unit).select_related("post", "role__domain")
    return render(
        request,
        "risks/separation.html",
        {
            "title": _("%(unit)s · 结构防控") % {"unit": unit.name},
            "breadcrumbs": [(_("风险台账"), reverse("risks:index")), (unit.name, None)],
            "unit": unit,
            "domains": SeparationDomain.objects.prefetch_related(
                "roles", "pairs__first", "pairs__second"
            ),
            "duties": duties.order_by("role__domain__order", "role__order", "post__code"),
            "conflicts": unit_conflicts(unit),
            "form": PostDutyForm(unit=unit) if can_manage else None,
            "can_manage": can_manage,
        },
    )


@permission_required(perms.RISKS_MANAGE)
@require_POST
def post_duty_add(request: HttpRequest, unit_pk: int) -> HttpResponse:
    user = request_user(request)
    unit = access.get_visible_or_404(user, Unit, unit_pk, perms.RISKS_MANAGE)
    form = PostDutyForm(request.POST, unit=unit)
    if form.is_valid():
        try:
            services.post_duty_add(actor=user, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(request, _("已设置。"))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    return redirect(_page_url(unit))


@permission_required(perms.RISKS_MANAGE)
@require_POST
def post_duty_remove(request: HttpRequest, unit_pk: int, pk: int) -> HttpResponse:
    user = request_user(request)
    unit = access.get_visible_or_404(user, Unit, unit_pk, perms.RISKS_MANAGE)
    duty = access.get_scoped_or_404(PostDuty.objects.filter(post__unit=unit), pk)
    services.post_duty_remove(actor=user, duty=duty)
    messages.success(request, _("已移除。"))
    return redirect(_page_url(unit))
