"""Garbage posted to every form of the application, and garbage in every query string, must give
an answer (errors, a redirect, a refusal) — never a 500. The test client re-raises server errors,
so an unhandled exception fails the test.

Every URL with parameters needs an entry in SAMPLE_KWARGS; a new URL without one fails here."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from lianjing.accounts.models import Role, User
from lianjing.accounts.tests.factories import UserFactory
from lianjing.core.audit import audit
from lianjing.core.models import CalendarDay
from lianjing.org.models import ImportJob
from lianjing.org.tests.world import build_world
from lianjing.portal.tests.samples import published_power
from lianjing.powers.models import Circumstance
from lianjing.powers.tests.factories import power_with_flow
from lianjing.reviews.tests import samples as review_samples
from lianjing.risks.models import (
    ControlMeasure,
    DutyRole,
    GradingModel,
    PostDuty,
    RegisterException,
)
from lianjing.risks.services_grading import grading_model_new_version
from lianjing.risks.services_measures import evidence_add
from lianjing.risks.tests.factories import post_risk

pytestmark = pytest.mark.django_db


def _entry(model: str) -> Callable[[dict[str, Any]], dict[str, Any]]:
    def kwargs(objects: dict[str, Any]) -> dict[str, Any]:
        from django.apps import apps

        return {"pk": apps.get_model("risklib", model).objects.order_by("pk")[0].pk}

    return kwargs


def _measure_kwargs(objects: dict[str, Any]) -> dict[str, Any]:
    point = objects["risk_point"]
    return {"pk": point.pk, "measure_pk": point.measures.create(kind="system", content="样本").pk}


def _evidence_kwargs(objects: dict[str, Any]) -> dict[str, Any]:
    """A measure with one file (in the test settings' in-memory storage: nothing on disk)."""
    kwargs = _measure_kwargs(objects)
    evidence = evidence_add(
        actor=None,
        measure=ControlMeasure.objects.get(pk=kwargs["measure_pk"]),
        upload=ContentFile(b"%PDF-1.4 sample", name="样本.pdf"),
    )
    return {**kwargs, "evidence_pk": evidence.pk}


SAMPLE_KWARGS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "accounts:user_edit": lambda o: {"pk": o["user"].pk},
    "accounts:user_password_reset": lambda o: {"pk": o["user"].pk},
    "accounts:user_unlock": lambda o: {"pk": o["user"].pk},
    "accounts:user_two_factor_reset": lambda o: {"pk": o["user"].pk},
    "accounts:role_edit": lambda o: {"pk": o["role"].pk},
    "accounts:role_assignment_create": lambda o: {"pk": o["user"].pk},
    "accounts:role_assignment_delete": lambda o: {"pk": o["user"].role_assignments.get().pk},
    "core:calendar_day_edit": lambda o: {"pk": o["calendar_day"].pk},
    "core:calendar_day_delete": lambda o: {"pk": o["calendar_day"].pk},
    "core:audit_detail": lambda o: {"pk": o["audit_event"].pk},
    "org:unit_detail": lambda o: {"pk": o["world"].finance.pk},
    "org:unit_children": lambda o: {"pk": o["world"].finance.pk},
    "org:unit_edit": lambda o: {"pk": o["world"].finance.pk},
    "org:unit_move": lambda o: {"pk": o["world"].housing.pk},
    "org:unit_close": lambda o: {"pk": o["world"].sub_unit.pk},
    "org:department_create": lambda o: {"pk": o["world"].finance.pk},
    "org:department_detail": lambda o: {"pk": o["world"].budget.pk},
    "org:department_edit": lambda o: {"pk": o["world"].budget.pk},
    "org:post_detail": lambda o: {"pk": o["world"].post_budget_clerk.pk},
    "org:post_edit": lambda o: {"pk": o["world"].post_budget_clerk.pk},
    "org:person_detail": lambda o: {"pk": o["world"].clerk.pk},
    "org:person_edit": lambda o: {"pk": o["world"].clerk.pk},
    "org:assignment_create": lambda o: {"pk": o["world"].clerk.pk},
    "org:assignment_end": lambda o: {
        "pk": o["world"].clerk.assignments.get(end_date__isnull=True).pk
    },
    "org:import_job": lambda o: {"pk": o["import_job"].pk},
    "org:import_errors": lambda o: {"pk": o["import_job"].pk},
    "portal:unit": lambda o: {"pk": published_power(o["world"].finance).unit_id},
    "portal:power": lambda o: {"pk": published_power(o["world"].finance).pk},
    **{
        f"risklib:{name}_{action}": _entry(model)
        for name, model in [
            ("sign", "IndicatorSign"),
            ("template", "RiskTemplate"),
            ("provision", "RegulationProvision"),
        ]
        for action in ("detail", "edit", "active")
    },
    "risklib:trial_post": lambda o: {"pk": o["world"].post_budget_clerk.pk},
    "risks:suggestions": lambda o: {"post_pk": o["world"].post_budget_clerk.pk},
    "risks:suggestion_accept": lambda o: {
        "post_pk": o["world"].post_budget_clerk.pk,
        "template_pk": _entry("RiskTemplate")(o)["pk"],
    },
    "risks:suggestion_reject": lambda o: {
        "post_pk": o["world"].post_budget_clerk.pk,
        "template_pk": _entry("RiskTemplate")(o)["pk"],
    },
    "risks:register": lambda o: {"unit_pk": o["world"].finance.pk, "year": 2026},
    "risks:register_confirm": lambda o: {"unit_pk": o["world"].finance.pk, "year": 2026},
    "risks:exception_request": lambda o: {"unit_pk": o["world"].finance.pk, "year": 2026},
    "risks:point_detail": lambda o: {"pk": o["risk_point"].pk},
    "risks:point_edit": lambda o: {"pk": o["risk_point"].pk},
    "risks:measure_add": lambda o: {"pk": o["risk_point"].pk},
    "reviews:round_detail": lambda o: {"pk": o["review"].round_id},
    "reviews:round_progress": lambda o: {"pk": o["review"].round_id},
    "reviews:unit_public": lambda o: {"unit_pk": o["world"].finance.pk},
    "reviews:year_compare": lambda o: {"unit_pk": o["world"].finance.pk},
    "reviews:snapshot_detail": lambda o: {"pk": o["signed_review"].snapshot.pk},
    "reviews:review_detail": lambda o: {"pk": o["review"].pk},
    "reviews:review_act": lambda o: {"pk": o["review"].pk},
    "reviews:comment_add": lambda o: {"pk": o["review"].pk},
    "reviews:comment_answer": lambda o: {
        "pk": o["review_comment"].review_id,
        "comment_pk": o["review_comment"].pk,
    },
    "reviews:point_add": lambda o: {"pk": o["review"].pk},
    "reviews:point_edit": lambda o: {"pk": o["review"].pk, "point_pk": o["risk_point"].pk},
    "reviews:measure_add": lambda o: {"pk": o["review"].pk, "point_pk": o["risk_point"].pk},
    "reviews:revision_open": lambda o: {"pk": o["signed_review"].pk},
    "reviews:revision_diff": lambda o: {"pk": o["revision"].pk},
    "inbox:open": lambda o: {"pk": o["notification"].pk},
    "archives:person_archive": lambda o: {"person_pk": o["world"].clerk.pk},
    "risks:point_retire": lambda o: {"pk": o["risk_point"].pk},
    "risks:measure_status": lambda o: {
        "pk": o["risk_point"].pk,
        "measure_pk": o["risk_point"].measures.create(kind="system", content="样本").pk,
    },
    **{
        f"risks:{name}": _measure_kwargs
        for name in ("measure_edit", "measure_delete", "evidence_upload")
    },
    **{f"risks:{name}": _evidence_kwargs for name in ("evidence_download", "evidence_delete")},
    "risks:exception_decide": lambda o: {"pk": o["risk_exception"].pk},
    "risks:separation": lambda o: {"unit_pk": o["world"].finance.pk},
    "risks:post_duty_add": lambda o: {"unit_pk": o["world"].finance.pk},
    "risks:post_duty_remove": lambda o: {"unit_pk": o["world"].finance.pk, "pk": o["post_duty"].pk},
    "risks:manual_docx": lambda o: {"unit_pk": o["world"].finance.pk, "year": 2026},
    "risks:prompt_sheet_docx": lambda o: {"pk": o["world"].clerk.pk},
    "risks:prompt_sheet_pdf": lambda o: {"pk": o["world"].clerk.pk},
    "risks:grading_edit": lambda o: {"pk": o["grading_draft"].pk},
    "risks:grading_new_version": lambda o: {"pk": o["grading_draft"].pk},
    "risks:grading_activate": lambda o: {"pk": o["grading_draft"].pk},
    "powers:power_detail": lambda o: {"pk": o["power"].pk},
    "powers:power_chart": lambda o: {"pk": o["power"].pk},
    "powers:power_edit": lambda o: {"pk": o["power"].pk},
    "powers:flow_edit": lambda o: {"pk": o["power"].pk},
    "powers:benchmarks_edit": lambda o: {"pk": o["power"].pk},
    "powers:power_publish": lambda o: {"pk": o["power"].pk},
    "powers:power_revise": lambda o: {"pk": o["power"].pk},
    "powers:power_revoke": lambda o: {"pk": o["power"].pk},
    "powers:reference_list": lambda o: {"kind": "categories"},
    "powers:reference_create": lambda o: {"kind": "circumstances"},
    "powers:reference_edit": lambda o: {"kind": "circumstances", "pk": o["circumstance"].pk},
}

GARBAGE_VALUES = [
    "",
    " ",
    "x" * 5000,
    "\x00\x01",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "-99999999999999999999999",
    "9" * 40,
    "２０２６年十三月三十二日",
    "2026-02-30",
    "NaN",
    "🀄️" * 50,
]


def _named_patterns(
    patterns: list[Any] | None = None, namespace: str = "", prefix: str = ""
) -> Iterator[tuple[str, URLPattern]]:
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _named_patterns(entry.url_patterns, ns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", entry


def all_url_names() -> list[str]:
    return sorted({name for name, _ in _named_patterns()})


def _needs_kwargs(pattern: URLPattern) -> bool:
    return bool(pattern.pattern.converters) or "(?P<" in str(pattern.pattern)


@pytest.fixture(scope="module")
def objects(django_db_setup, django_db_blocker) -> Iterator[dict[str, Any]]:
    """Built once for the module, in a transaction rolled back after it; each test runs in a
    savepoint of it, so whatever the garbage wrote is undone before the next test."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield _objects()
        transaction.set_rollback(True)


def _objects() -> dict[str, Any]:
    admin_user = UserFactory.create(username="admin", roles=["system_admin"])
    world = build_world()
    review = review_samples.sample_review(post=world.post_budget_clerk)
    return {
        "review": review,
        "review_comment": review_samples.sample_comment(
            review_samples.sample_review(post=world.post_other_dept, step=5), admin_user
        ),
        "signed_review": review_samples.sample_signed(post=world.post_director, signer=admin_user),
        "revision": review_samples.sample_revision(post=world.post_sub_dept, signer=admin_user),
        "notification": review_samples.sample_notification(admin_user),
        "admin": admin_user,
        "user": UserFactory.create(username="subject", roles=["cadre"]),
        "role": Role.objects.get(code="cadre"),
        "calendar_day": CalendarDay.objects.get(date=date(2026, 10, 10)),
        "audit_event": audit("test.garbage.subject", object_repr="样本"),
        "world": world,
        "power": power_with_flow(world.finance, "GARBAGE-1"),
        "circumstance": Circumstance.objects.get(code="minor"),
        "risk_point": post_risk(world.post_budget_clerk),
        "post_duty": PostDuty.objects.create(
            post=world.post_budget_clerk, role=DutyRole.objects.earliest("id")
        ),
        "grading_draft": grading_model_new_version(
            actor=None, source=GradingModel.objects.get(status="active")
        ),
        "risk_exception": RegisterException.objects.create(
            unit=world.finance, year=2026, justification="样本"
        ),
        "import_job": ImportJob.objects.create(
            file_name="样本.xlsx",
            created_by=admin_user,
            status="failed",
            errors=[
                {"sheet": "单位", "row": 2, "column": "单位编码", "value": "", "message": "样本"}
            ],
        ),
    }


def test_every_parametrised_url_has_a_sample():
    missing = [
        name for name, p in _named_patterns() if _needs_kwargs(p) and name not in SAMPLE_KWARGS
    ]
    assert not missing, f"add these URLs to SAMPLE_KWARGS in {__file__}: {missing}"


def _field_names(html: str) -> set[str]:
    names = set(re.findall(r'<(?:input|select|textarea)[^>]*\bname="([^"]+)"', html))
    return names - {"csrfmiddlewaretoken"}


def _payloads(names: set[str]) -> Iterator[dict[str, Any]]:
    yield {}
    for value in GARBAGE_VALUES:
        yield dict.fromkeys(names, value)
    yield {name: [GARBAGE_VALUES[2], GARBAGE_VALUES[4]] for name in names}


@pytest.mark.parametrize("url_name", all_url_names())
@pytest.mark.parametrize("as_admin", [True, False], ids=["admin", "anonymous"])
def test_garbage_never_causes_a_server_error(url_name, as_admin, objects, db):
    admin_user = objects["admin"]
    kwargs = SAMPLE_KWARGS[url_name](objects) if url_name in SAMPLE_KWARGS else {}
    url = reverse(url_name, kwargs=kwargs)
    client = Client(REMOTE_ADDR="10.20.30.40")

    def login() -> None:
        if as_admin:
            client.force_login(admin_user)

    login()
    page = client.get(url)
    assert page.status_code < 500
    # a download (a streamed file) has no form to read field names from
    has_form = page.status_code == 200 and not page.streaming
    names = _field_names(page.content.decode(errors="replace")) if has_form else set()
    names |= {"q", "page", "year", "date", "pk", "next", "token", "username", "password"}
    names |= {"category", "unit", "status"}
    for payload in _payloads(names):
        login()
        assert client.post(url, payload).status_code < 500
        login()
        query = {k: v for k, v in payload.items() if k != "export"}
        assert client.get(url, query).status_code < 500
    # nothing the garbage did may have created accounts or roles (PostgreSQL cannot even be asked
    # about strings holding NUL characters, which the forms refuse anyway)
    storable = [v for v in GARBAGE_VALUES if "\x00" not in v]
    assert User.objects.filter(username__in=storable).count() == 0
    assert Role.objects.filter(code__in=storable).count() == 0
