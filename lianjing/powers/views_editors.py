"""The two editors of a draft power: its flow (steps and branches, with the chart redrawn from
the form as the user edits) and its discretion benchmarks. Nothing is stored until 保存, and
then all or nothing through the services."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from lianjing.accounts import permissions as perms
from lianjing.accounts.decorators import permission_required, request_user
from lianjing.powers import chart, flow, flow_editor, selectors, services
from lianjing.powers.forms import BenchmarkFormSet, benchmark_rows
from lianjing.powers.models import FlowStep, Power
from lianjing.powers.views import list_crumb, power_url

TEXT_FIELD_LABELS = [
    ("conditions", _lazy("办理条件")),
    ("procedure", _lazy("办理程序")),
    ("responsibility", _lazy("岗位责任")),
    ("documents", _lazy("形成文书")),
]


def _draft_or_redirect(request: HttpRequest, power: Power) -> HttpResponse | None:
    if power.status == Power.Status.DRAFT:
        return None
    messages.error(request, _("已公布或已废止的职权不能直接修改，请先创建修订版本。"))
    return redirect(power_url(power))


def _redirect(request: HttpRequest, url: str) -> HttpResponse:
    if getattr(request, "htmx", False):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return redirect(url)


# --- the flow -------------------------------------------------------------------------------------


@permission_required(perms.POWERS_MANAGE)
def flow_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    power = selectors.power_get(user, pk, perms.POWERS_MANAGE)
    refused = _draft_or_redirect(request, power)
    if refused is not None:
        return refused
    handlers = flow_editor.Handlers.of(power)
    problems: list[str] = []
    if request.method == "POST":
        rows = flow_editor.rows_from_post(request.POST)
        action = str(request.POST.get("action", ""))
        if action != "save":
            rows = flow_editor.apply_action(rows, action)
        flow_editor.normalise(rows)
        well_formed = flow_editor.check_rows(rows, handlers, saving=action == "save")
        if action == "save":
            if not well_formed:
                problems.append(_("请先改正下面标出的错误。"))
            else:
                try:
                    services.flow_save(
                        actor=user,
                        power=power,
                        steps=flow_editor.step_inputs(rows, handlers),
                        edges=flow_editor.nodes_and_links(rows)[1],
                    )
                except ValidationError as exc:
                    problems += exc.messages
                else:
                    messages.success(request, _("流程图已保存。"))
                    return _redirect(request, power_url(power))
    else:
        rows = flow_editor.normalise(flow_editor.rows_from_flow(selectors.flow_of(power)))
        flow_editor.check_rows(rows, handlers, saving=False)
    context = _editor_context(power, rows, handlers, problems)
    template = "powers/flow_edit.html"
    if getattr(request, "htmx", False):
        partial = "preview" if request.GET.get("preview") else "editor"
        template = f"{template}#{partial}"
    return render(request, template, context)


def _editor_context(
    power: Power, rows: list[flow_editor.StepRow], handlers: Any, problems: list[str]
) -> dict[str, Any]:
    nodes, links = flow_editor.nodes_and_links(rows)
    rules = flow.flow_problems(nodes, links) if nodes else []
    return {
        "title": _("编辑流程图"),
        "breadcrumbs": [
            list_crumb(),
            (power.name, power_url(power)),
            (_("编辑流程图"), None),
        ],
        "power": power,
        "rows": rows,
        "handlers": handlers,
        "kinds": FlowStep.Kind.choices,
        "limit_units": Power.LimitUnit.choices,
        "problems": problems,
        "rules": rules,
        "svg": chart.render_svg(nodes, links, limits=flow_editor.limits(rows)) if nodes else "",
        "max_steps": flow_editor.MAX_STEPS,
        "text_fields": TEXT_FIELD_LABELS,
    }


# --- discretion benchmarks ------------------------------------------------------------------------


@permission_required(perms.POWERS_MANAGE)
def benchmarks_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    power = selectors.power_get(user, pk, perms.POWERS_MANAGE)
    refused = _draft_or_redirect(request, power)
    if refused is not None:
        return refused
    if power.category.code not in services.DISCRETION_CATEGORIES:
        messages.error(request, _("只有行政处罚、行政强制类职权设置裁量权基准。"))
        return redirect(power_url(power))
    problems: list[str] = []
    if request.method == "POST":
        formset = BenchmarkFormSet(request.POST, prefix="b")
        if request.POST.get("action") == "add":
            formset = _with_extra_row(request, formset)
        elif formset.is_valid():
            try:
                services.benchmarks_save(
                    actor=user,
                    power=power,
                    rows=[services.BenchmarkInput(**row) for row in benchmark_rows(formset)],
                )
            except ValidationError as exc:
                problems = exc.messages
            else:
                messages.success(request, _("裁量权基准已保存。"))
                return redirect(power_url(power))
        else:
            problems = [_("请先改正下面标出的错误。"), *formset.non_form_errors()]
    else:
        initial = [
            {
                "violation": b.violation,
                "measure": b.measure,
                "circumstance": b.circumstance_id,
                "amount_from": b.amount_from,
                "amount_to": b.amount_to,
                "amount_unit": b.amount_unit,
                "other_measure": b.other_measure,
                "conditions": b.conditions,
                "legal_basis": b.legal_basis,
            }
            for b in power.benchmarks.all()
        ]
        formset = BenchmarkFormSet(initial=initial, prefix="b")
    return render(
        request,
        "powers/benchmarks_edit.html",
        {
            "title": _("编辑裁量权基准"),
            "breadcrumbs": [
                list_crumb(),
                (power.name, power_url(power)),
                (_("编辑裁量权基准"), None),
            ],
            "power": power,
            "formset": formset,
            "problems": problems,
        },
    )


def _with_extra_row(request: HttpRequest, formset: Any) -> Any:
    """The rows as typed (not yet checked or saved), less those ticked for deletion; the
    formset adds the empty row."""
    rows = []
    for form in formset.forms:
        raw = {name: form[name].data for name in form.fields if name != "DELETE"}
        if form["DELETE"].data:
            continue
        rows.append(raw)
    return BenchmarkFormSet(initial=rows, prefix="b")
