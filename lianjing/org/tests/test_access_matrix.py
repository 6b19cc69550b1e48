"""The access harness: every URL of the application × every built-in role × (an object in the
role's scope, an object outside it) plus the anonymous visitor, each with the status it must
answer; then what lists, counts and exports show to each role.

The expectations are written out here by hand from the scope rules (DOMAIN.md M13), not derived
from org/access.py, so that a mistake in access.py fails this test. Every URL needs an entry in
URLS: a URL added without one fails `test_every_url_has_an_entry`.

Status rules: anonymous → redirect to the login page (public pages → 200); signed in without
the page's permission → 403; with it → 200 for an object in scope and 404 for one outside
(exactly the answer for an object that does not exist)."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from lianjing.accounts import permissions as perms
from lianjing.accounts.builtin_roles import BUILTIN_ROLES
from lianjing.core.audit import audit
from lianjing.core.models import CalendarDay
from lianjing.core.tests.test_bad_input import all_url_names
from lianjing.org.models import ImportJob
from lianjing.org.tests.factories import PostFactory
from lianjing.org.tests.world import World
from lianjing.portal.tests.samples import published_power
from lianjing.reviews.tests import samples as review_samples
from lianjing.risklib.models import RiskTemplate
from lianjing.risks.models import DutyRole, PostDuty, RegisterException
from lianjing.risks.services_measures import evidence_add
from lianjing.risks.tests.factories import post_risk

pytestmark = pytest.mark.django_db

ROLES = [str(r["code"]) for r in BUILTIN_ROLES]
ROLE_PERMS: dict[str, set[str]] = {
    str(r["code"]): set(r["permissions"])  # type: ignore[call-overload]
    for r in BUILTIN_ROLES
}

# For each role, which world object is in its scope and which is not (None: nothing is out of
# scope for that role). Kinds: unit, department, post, person, assignment; power names the unit
# that holds the power.
IN_SCOPE: dict[str, dict[str, str]] = {
    "system_admin": {
        "unit": "finance",
        "department": "budget",
        "post": "post_budget_clerk",
        "person": "clerk",
        "power": "finance",
    },
    "discipline_inspector": {
        "unit": "housing",
        "department": "housing_dept",
        "post": "post_housing",
        "person": "housing_person",
        "power": "housing",
    },
    "stationed_team": {
        "unit": "sub_unit",
        "department": "budget_sub",
        "post": "post_sub_unit",
        "person": "sub_unit_person",
        "power": "sub_unit",
    },
    "collector": {
        "unit": "housing",
        "department": "housing_dept",
        "post": "post_housing",
        "person": "housing_person",
        "power": "housing",
    },
    "unit_leader": {
        "unit": "sub_unit",
        "department": "finance_other_dept",
        "post": "post_other_dept",
        "person": "colleague_other_dept",
        "power": "sub_unit",
    },
    "cadre": {
        "unit": "finance",
        "department": "budget",
        "post": "post_budget_clerk",
        "person": "clerk",
        "power": "finance",
    },
    "org_personnel": {
        "unit": "finance",
        "department": "budget_sub",
        "post": "post_director",
        "person": "director",
        "power": "finance",
    },
}
OUT_OF_SCOPE: dict[str, dict[str, str] | None] = {
    "system_admin": None,
    "discipline_inspector": {
        "unit": "other_district_unit",
        "department": "other_district_dept",
        "post": "post_other_district",
        "person": "other_district_person",
        "power": "other_district_unit",
    },
    "stationed_team": {
        "unit": "housing",
        "department": "housing_dept",
        "post": "post_housing",
        "person": "housing_person",
        "power": "housing",
    },
    "collector": {
        "unit": "finance",
        "department": "budget",
        "post": "post_director",
        "person": "director",
        "power": "finance",
    },
    "unit_leader": {
        "unit": "housing",
        "department": "other_district_dept",
        "post": "post_housing",
        "person": "housing_person",
        "power": "housing",
    },
    "cadre": {
        "unit": "housing",
        "department": "finance_other_dept",
        "post": "post_other_dept",
        "person": "colleague_other_dept",
        "power": "housing",
    },
    "org_personnel": {
        "unit": "other_district_unit",
        "department": "other_district_dept",
        "post": "post_other_district",
        "person": "other_district_person",
        "power": "other_district_unit",
    },
}


@dataclass(frozen=True)
class Url:
    """How to call one URL. `kind` names the scoped object in its path (None: no object);
    `perm` is the permission the page needs (None: any signed-in user; "public": anyone)."""

    perm: str | None
    kind: str | None = None
    method: str = "GET"
    kwargs: Callable[[World, str], dict[str, Any]] | None = None
    allowed: int = 200  # what a permitted request in scope answers (e.g. 302 for actions)
    signed_in: int | None = None  # a public page that answers signed-in users differently
    # roles that reach no object of this kind at all (a unit's register for a cadre, whose
    # scope is their own posts: its counts would tell about colleagues' posts)
    unreachable: frozenset[str] = frozenset()


def _obj_kwargs(kind: str) -> Callable[[World, str], dict[str, Any]]:
    def build(world: World, attr: str) -> dict[str, Any]:
        obj = getattr(world, attr)
        if kind == "assignment":
            return {"pk": obj.assignments.get(end_date__isnull=True).pk}
        if kind == "power":
            return {"pk": _power_in(obj).pk}
        if kind == "risk_point":
            return {"pk": post_risk(obj).pk}
        if kind == "risk_measure":
            point = post_risk(obj)
            measure = point.measures.create(kind="system", content="样本措施")
            return {"pk": point.pk, "measure_pk": measure.pk}
        if kind == "risk_evidence":
            point = post_risk(obj)
            measure = point.measures.create(kind="system", content="样本措施")
            upload = ContentFile(b"%PDF-1.4 sample", name="样本.pdf")
            evidence = evidence_add(actor=None, measure=measure, upload=upload)
            return {"pk": point.pk, "measure_pk": measure.pk, "evidence_pk": evidence.pk}
        if kind == "register":
            return {"unit_pk": obj.pk, "year": 2026}
        if kind == "post_suggestions":
            return {"post_pk": obj.pk}
        if kind == "post_template":
            template = RiskTemplate.objects.order_by("pk")[0]
            return {"post_pk": obj.pk, "template_pk": template.pk}
        if kind == "register_unit":
            return {"unit_pk": obj.pk}
        if kind == "post_duty":
            post = PostFactory.create(unit=obj)
            duty = PostDuty.objects.create(post=post, role=DutyRole.objects.earliest("id"))
            return {"unit_pk": obj.pk, "pk": duty.pk}
        if kind == "archive_person":
            return {"person_pk": obj.pk}
        if kind == "review":
            return {"pk": review_samples.sample_review(post=obj).pk}
        if kind == "review_round":
            return {"pk": review_samples.sample_review(post=obj).round_id}
        if kind == "review_comment":
            review = review_samples.sample_review(post=obj, step=5)
            comment = review_samples.sample_comment(review, world.users["system_admin"])
            return {"pk": review.pk, "comment_pk": comment.pk}
        if kind == "review_point":
            review = review_samples.sample_review(post=obj)
            return {"pk": review.pk, "point_pk": post_risk(obj).pk}
        if kind == "signed_review":
            review = review_samples.sample_signed(post=obj, signer=world.users["system_admin"])
            return {"pk": review.pk}
        if kind == "review_revision":
            revision = review_samples.sample_revision(post=obj, signer=world.users["system_admin"])
            return {"pk": revision.pk}
        if kind == "snapshot":
            review = review_samples.sample_signed(unit=obj, signer=world.users["system_admin"])
            return {"pk": review.snapshot.pk}
        if kind == "risk_exception":
            exception = RegisterException.objects.create(unit=obj, year=2026, justification="样本")
            return {"pk": exception.pk}
        return {"pk": obj.pk}

    return build


def _power_in(unit: Any) -> Any:
    """A draft penalty power with a flow in `unit` (every catalogue page answers for it)."""
    from lianjing.powers.models import Power
    from lianjing.powers.tests.factories import power_with_flow

    existing = Power.objects.filter(unit=unit).first()
    return existing or power_with_flow(unit, f"MATRIX-{unit.pk}")


def _some_category(world: World) -> dict[str, Any]:
    from lianjing.powers.models import PowerCategory

    return {"kind": "categories", "pk": PowerCategory.objects.get(code="penalty").pk}


def _grading_model(world: World) -> dict[str, Any]:
    from lianjing.risks.models import GradingModel

    return {"pk": GradingModel.objects.get(status="active").pk}


def _fixed(make: Callable[[World], dict[str, Any]]) -> Callable[[World, str], dict[str, Any]]:
    return lambda world, _attr: make(world)


def _calendar_day(world: World) -> dict[str, Any]:
    return {"pk": CalendarDay.objects.get(date="2026-10-10").pk}


def _audit_event(world: World) -> dict[str, Any]:
    return {"pk": audit("test.matrix", object_repr="样本").pk}


def _some_user(world: World) -> dict[str, Any]:
    return {"pk": world.users["cadre"].pk}


def _some_role(world: World) -> dict[str, Any]:
    return {"pk": world.users["cadre"].role_assignments.get().role_id}


def _some_grant(world: World) -> dict[str, Any]:
    return {"pk": world.users["cadre"].role_assignments.get().pk}


def _import_job(world: World) -> dict[str, Any]:
    job = ImportJob.objects.create(
        file_name="样本.xlsx",
        created_by=world.users["system_admin"],
        status="failed",
        errors=[{"sheet": "单位", "row": 2, "column": "单位编码", "value": "", "message": "样本"}],
    )
    return {"pk": job.pk}


def _library_entry(model: str, code: str) -> Callable[[World, str], dict[str, Any]]:
    """A seeded library entry (the libraries belong to no unit: no scope)."""

    def make(world: World) -> dict[str, Any]:
        from django.apps import apps

        return {"pk": apps.get_model("risklib", model).objects.get(code=code).pk}

    return _fixed(make)


def _foreign_message(world: World) -> dict[str, Any]:
    from lianjing.accounts.tests.factories import UserFactory

    return {"pk": review_samples.sample_notification(UserFactory.create()).pk}


LIBRARY_ACTIONS: list[tuple[str, str, dict[str, Any]]] = [
    ("detail", perms.ORG_VIEW, {}),
    ("edit", perms.MANAGE_ROLES, {}),
    ("active", perms.MANAGE_ROLES, {"method": "POST", "allowed": 302}),
]

SLOTS = {
    "assignment": "person",
    "risk_point": "post",
    "register": "unit",
    "register_unit": "unit",
    "post_suggestions": "post",
    "post_template": "post",
    "risk_measure": "post",
    "risk_evidence": "post",
    "post_duty": "unit",
    "risk_exception": "unit",
    "review": "post",
    "review_round": "post",
    "review_comment": "post",
    "review_point": "post",
    "signed_review": "post",
    "review_revision": "post",
    "snapshot": "unit",
    "archive_person": "person",
}
# the people of the procedure see a review without a scope: the holder of the post (the cadre
# for its own post); the others reach it only through reviews.view
HOLDER_ONLY = frozenset(
    {"system_admin", "discipline_inspector", "stationed_team", "collector", "unit_leader"}
    | {"org_personnel"}
)
NO_PERSON = frozenset({"collector"})  # no reviews.view and no person record: sees no review
PUBLIC = "public"
URLS: dict[str, Url] = {
    # core
    "core:home": Url(None),
    "core:healthz": Url(PUBLIC),
    "core:audit_list": Url(perms.VIEW_AUDIT),
    "core:audit_detail": Url(perms.VIEW_AUDIT, kwargs=_fixed(_audit_event)),
    "core:calendar": Url(perms.MANAGE_CALENDAR),
    "core:calendar_day_create": Url(perms.MANAGE_CALENDAR),
    "core:calendar_day_edit": Url(perms.MANAGE_CALENDAR, kwargs=_fixed(_calendar_day)),
    "core:calendar_day_delete": Url(
        perms.MANAGE_CALENDAR, method="POST", kwargs=_fixed(_calendar_day), allowed=302
    ),
    "core:calendar_year_confirm": Url(perms.MANAGE_CALENDAR),
    "core:calendar_year_unconfirm": Url(perms.MANAGE_CALENDAR, method="POST", allowed=302),
    "core:calendar_seed": Url(perms.MANAGE_CALENDAR, method="POST", allowed=302),
    # accounts: self-service
    "accounts:login": Url(PUBLIC, signed_in=302),  # already signed in: to the workbench
    "accounts:otp_verify": Url(None, allowed=302),  # nothing to verify: back to the workbench
    "accounts:logout": Url(None, method="POST", allowed=302),
    "accounts:password_change": Url(None),
    "accounts:two_factor": Url(None),
    "accounts:two_factor_disable": Url(None, method="POST", allowed=302),
    # accounts: administration
    "accounts:user_list": Url(perms.MANAGE_USERS),
    "accounts:user_create": Url(perms.MANAGE_USERS),
    "accounts:user_edit": Url(perms.MANAGE_USERS, kwargs=_fixed(_some_user)),
    "accounts:user_password_reset": Url(perms.MANAGE_USERS, kwargs=_fixed(_some_user)),
    "accounts:user_unlock": Url(
        perms.MANAGE_USERS, method="POST", kwargs=_fixed(_some_user), allowed=302
    ),
    "accounts:user_two_factor_reset": Url(
        perms.MANAGE_USERS, method="POST", kwargs=_fixed(_some_user), allowed=302
    ),
    "accounts:role_assignment_create": Url(perms.MANAGE_USERS, kwargs=_fixed(_some_user)),
    "accounts:role_assignment_delete": Url(
        perms.MANAGE_USERS, method="POST", kwargs=_fixed(_some_grant), allowed=302
    ),
    "accounts:role_list": Url(perms.MANAGE_ROLES),
    "accounts:role_create": Url(perms.MANAGE_ROLES),
    "accounts:role_edit": Url(perms.MANAGE_ROLES, kwargs=_fixed(_some_role)),
    # i18n
    "set_language": Url(PUBLIC, method="POST", allowed=302),
    # organisation: units and departments
    "org:unit_tree": Url(perms.ORG_VIEW),
    "org:unit_list": Url(perms.ORG_VIEW),
    "org:unit_create": Url(perms.ORG_MANAGE),
    "org:unit_detail": Url(perms.ORG_VIEW, kind="unit"),
    "org:unit_children": Url(perms.ORG_VIEW, kind="unit"),
    "org:unit_edit": Url(perms.ORG_MANAGE, kind="unit"),
    "org:unit_move": Url(perms.ORG_MANAGE, kind="unit"),
    "org:unit_close": Url(perms.ORG_MANAGE, kind="unit"),
    "org:department_create": Url(perms.ORG_MANAGE, kind="unit"),
    "org:department_detail": Url(perms.ORG_VIEW, kind="department"),
    "org:department_edit": Url(perms.ORG_MANAGE, kind="department"),
    # organisation: posts, people, assignments
    "org:post_list": Url(perms.ORG_VIEW),
    "org:post_create": Url(perms.ORG_MANAGE),
    "org:post_detail": Url(perms.ORG_VIEW, kind="post"),
    "org:post_edit": Url(perms.ORG_MANAGE, kind="post"),
    "org:person_list": Url(perms.ORG_VIEW),
    "org:person_create": Url(perms.ORG_MANAGE),
    "org:person_detail": Url(perms.ORG_VIEW, kind="person"),
    "org:person_edit": Url(perms.ORG_MANAGE, kind="person"),
    "org:assignment_create": Url(perms.ORG_MANAGE, kind="person"),
    "org:assignment_end": Url(perms.ORG_MANAGE, kind="assignment"),
    # organisation: Excel
    "org:import": Url(perms.ORG_IMPORT),
    "org:import_template": Url(perms.ORG_IMPORT),
    "org:import_job": Url(perms.ORG_IMPORT, kwargs=_fixed(_import_job)),
    "org:import_errors": Url(perms.ORG_IMPORT, kwargs=_fixed(_import_job)),
    "org:export": Url(perms.ORG_VIEW),
    # the public portal
    "portal:index": Url(PUBLIC),
    "portal:unit": Url(PUBLIC, kwargs=_fixed(lambda w: {"pk": published_power(w.finance).unit_id})),
    "portal:power": Url(PUBLIC, kwargs=_fixed(lambda w: {"pk": published_power(w.finance).pk})),
    # risk libraries (not scoped: every reader reads all of them)
    **{
        f"risklib:{name}_{action}": Url(perm, kwargs=_library_entry(model, code), **extra)
        for name, model, code in [
            ("sign", "IndicatorSign", "SG-D-01"),
            ("template", "RiskTemplate", "FIN-001"),
            ("provision", "RegulationProvision", "CPC-097"),
        ]
        for action, perm, extra in LIBRARY_ACTIONS
    },
    "risklib:sign_list": Url(perms.ORG_VIEW),
    "risklib:sign_create": Url(perms.MANAGE_ROLES),
    "risklib:template_list": Url(perms.ORG_VIEW),
    "risklib:template_create": Url(perms.MANAGE_ROLES),
    "risklib:provision_list": Url(perms.ORG_VIEW),
    "risklib:provision_create": Url(perms.MANAGE_ROLES),
    "risklib:trial": Url(perms.ORG_VIEW),
    "risklib:trial_post": Url(perms.ORG_VIEW, kind="post"),
    # risk register
    "risks:index": Url(perms.RISKS_VIEW),
    "risks:register": Url(perms.RISKS_VIEW, kind="register", unreachable=frozenset({"cadre"})),
    "risks:register_confirm": Url(perms.RISKS_MANAGE, kind="register", method="POST", allowed=302),
    "risks:exception_request": Url(perms.RISKS_MANAGE, kind="register"),
    "risks:point_create": Url(perms.RISKS_MANAGE, allowed=302),
    "risks:suggestions": Url(perms.RISKS_IDENTIFY, kind="post_suggestions"),
    "risks:suggestion_accept": Url(perms.RISKS_IDENTIFY, kind="post_template"),
    "risks:suggestion_reject": Url(
        perms.RISKS_IDENTIFY, kind="post_template", method="POST", allowed=302
    ),
    "risks:separation": Url(
        perms.RISKS_VIEW, kind="register_unit", unreachable=frozenset({"cadre"})
    ),
    "risks:post_duty_add": Url(
        perms.RISKS_MANAGE, kind="register_unit", method="POST", allowed=302
    ),
    "risks:post_duty_remove": Url(perms.RISKS_MANAGE, kind="post_duty", method="POST", allowed=302),
    "risks:point_detail": Url(perms.RISKS_VIEW, kind="risk_point"),
    "risks:point_edit": Url(perms.RISKS_MANAGE, kind="risk_point"),
    "risks:point_retire": Url(perms.RISKS_MANAGE, kind="risk_point"),
    "risks:measure_status": Url(
        perms.RISKS_MANAGE, kind="risk_measure", method="POST", allowed=302
    ),
    "risks:measure_edit": Url(perms.RISKS_MANAGE, kind="risk_measure"),
    "risks:measure_delete": Url(
        perms.RISKS_MANAGE, kind="risk_measure", method="POST", allowed=302
    ),
    "risks:evidence_upload": Url(perms.RISKS_MANAGE, kind="risk_measure"),
    "risks:evidence_download": Url(perms.RISKS_VIEW, kind="risk_evidence"),
    "risks:evidence_delete": Url(
        perms.RISKS_MANAGE, kind="risk_evidence", method="POST", allowed=302
    ),
    "risks:measure_add": Url(perms.RISKS_MANAGE, kind="risk_point", method="POST", allowed=302),
    "risks:exception_list": Url(perms.RISKS_VIEW),
    "risks:exception_decide": Url(perms.RISKS_APPROVE, kind="risk_exception"),
    "risks:manual_docx": Url(perms.RISKS_VIEW, kind="register", unreachable=frozenset({"cadre"})),
    "risks:prompt_sheet_docx": Url(perms.RISKS_VIEW, kind="person"),
    "risks:prompt_sheet_pdf": Url(perms.RISKS_VIEW, kind="person"),
    "risks:import": Url(perms.RISKS_MANAGE),
    "risks:import_template": Url(perms.RISKS_MANAGE),
    # the export needs ?unit=&year= (tested with them in lianjing/risks/tests): without, 404
    "risks:export": Url(perms.RISKS_VIEW, allowed=404),
    "risks:grading_list": Url(perms.RISKS_VIEW),
    "risks:grading_edit": Url(perms.RISKS_CONFIGURE, kwargs=_fixed(_grading_model), allowed=302),
    "risks:grading_new_version": Url(
        perms.RISKS_CONFIGURE, kwargs=_fixed(_grading_model), method="POST", allowed=302
    ),
    "risks:grading_activate": Url(
        perms.RISKS_CONFIGURE, kwargs=_fixed(_grading_model), method="POST", allowed=302
    ),
    "risks:regrade": Url(perms.RISKS_CONFIGURE),
    # power catalogue
    "powers:power_list": Url(perms.POWERS_VIEW),
    "powers:power_create": Url(perms.POWERS_MANAGE),
    "powers:power_detail": Url(perms.POWERS_VIEW, kind="power"),
    "powers:power_chart": Url(perms.POWERS_VIEW, kind="power"),
    "powers:power_edit": Url(perms.POWERS_MANAGE, kind="power"),
    "powers:flow_edit": Url(perms.POWERS_MANAGE, kind="power"),
    "powers:benchmarks_edit": Url(perms.POWERS_MANAGE, kind="power"),
    "powers:power_publish": Url(perms.POWERS_MANAGE, kind="power", method="POST", allowed=302),
    "powers:power_revise": Url(perms.POWERS_MANAGE, kind="power", method="POST", allowed=302),
    "powers:power_revoke": Url(perms.POWERS_MANAGE, kind="power"),
    "powers:import": Url(perms.POWERS_IMPORT),
    "powers:import_template": Url(perms.POWERS_IMPORT),
    "powers:export": Url(perms.POWERS_VIEW),
    "powers:reference_list": Url(
        perms.POWERS_CONFIGURE, kwargs=_fixed(lambda w: {"kind": "categories"})
    ),
    "powers:reference_create": Url(
        perms.POWERS_CONFIGURE, kwargs=_fixed(lambda w: {"kind": "circumstances"})
    ),
    "powers:reference_edit": Url(perms.POWERS_CONFIGURE, kwargs=_fixed(_some_category)),
    # the eight-step procedure
    "reviews:round_list": Url(perms.REVIEWS_VIEW),
    "reviews:round_create": Url(perms.REVIEWS_OPEN),
    "reviews:campaign_create": Url(perms.REVIEWS_OPEN),
    "reviews:round_detail": Url(perms.REVIEWS_VIEW, kind="review_round"),
    "reviews:round_progress": Url(perms.REVIEWS_VIEW, kind="review_round"),
    "reviews:my_reviews": Url(None),
    "reviews:my_public": Url(None),
    "reviews:unit_public": Url(None, kind="register_unit", unreachable=NO_PERSON),
    "reviews:year_compare": Url(
        perms.RISKS_VIEW, kind="register_unit", unreachable=frozenset({"cadre"})
    ),
    "reviews:snapshot_detail": Url(None, kind="snapshot", unreachable=NO_PERSON),
    "reviews:review_detail": Url(None, kind="review", unreachable=NO_PERSON),
    "reviews:review_act": Url(
        None, kind="review", method="POST", allowed=302, unreachable=NO_PERSON
    ),
    "reviews:comment_add": Url(
        None, kind="review", method="POST", allowed=302, unreachable=NO_PERSON
    ),
    "reviews:comment_answer": Url(
        None, kind="review_comment", method="POST", allowed=302, unreachable=NO_PERSON
    ),
    "reviews:point_add": Url(None, kind="review", unreachable=HOLDER_ONLY),
    "reviews:point_edit": Url(None, kind="review_point", unreachable=HOLDER_ONLY),
    "reviews:measure_add": Url(None, kind="review_point", unreachable=HOLDER_ONLY),
    "reviews:revision_open": Url(
        None,
        kind="signed_review",
        unreachable=frozenset({"stationed_team", "collector", "org_personnel"}),
    ),
    "reviews:revision_diff": Url(None, kind="review_revision", unreachable=NO_PERSON),
    # the inbox: a message is its recipient's alone (the sample belongs to a user of no role)
    "inbox:inbox": Url(None),
    "inbox:open": Url(None, method="POST", kwargs=_fixed(_foreign_message), signed_in=404),
    "inbox:read_all": Url(None, method="POST", allowed=302),
    # the integrity archive: one's own, or others' with archives.view in scope
    "archives:my_archive": Url(None),
    "archives:person_archive": Url(None, kind="archive_person", unreachable=NO_PERSON),
}


def test_every_url_has_an_entry():
    missing = sorted(set(all_url_names()) - set(URLS))
    assert not missing, f"add these URLs to URLS in {__file__}: {missing}"
    stale = sorted(set(URLS) - set(all_url_names()))
    assert not stale, f"these URLs no longer exist, remove them from URLS: {stale}"


def _cases() -> list[tuple[str, str, str]]:
    cases = []
    for name in sorted(URLS):
        cases.append((name, "anonymous", "-"))
        for role in ROLES:
            if URLS[name].kind is None:
                cases.append((name, role, "-"))
            else:
                cases.append((name, role, "in"))
                if OUT_OF_SCOPE[role] is not None:
                    cases.append((name, role, "out"))
    return cases


def expected_status(url: Url, role: str, where: str) -> int:
    if role == "anonymous":
        return url.allowed if url.perm == PUBLIC else 302
    if url.signed_in is not None:
        return url.signed_in
    if url.perm not in (None, PUBLIC) and url.perm not in ROLE_PERMS[role]:
        return 403
    return 404 if where == "out" or role in url.unreachable else url.allowed


def _request(client: Client, url: Url, path: str) -> Any:
    if url.method == "POST":
        return client.post(path)
    return client.get(path)


@pytest.mark.parametrize(("name", "role", "where"), _cases())
def test_status_matrix(shared_world, name, role, where):
    world = shared_world
    url = URLS[name]
    kwargs: dict[str, Any] = {}
    if url.kind is not None:
        table = IN_SCOPE[role if role != "anonymous" else "system_admin"]
        if where == "out":
            table = OUT_OF_SCOPE[role] or {}
        # an assignment is in scope when its person is; a risk point when its post is; a
        # register or an exception when its unit is
        slot = SLOTS.get(url.kind, url.kind)
        kwargs = _obj_kwargs(url.kind)(world, table[slot])
    elif url.kwargs is not None:
        kwargs = url.kwargs(world, "")
    path = reverse(name, kwargs=kwargs)
    client = Client()
    if role != "anonymous":
        client.force_login(world.users[role])
    response = _request(client, url, path)
    expected = expected_status(url, role, where)
    assert response.status_code == expected, (
        f"{role} {url.method} {path} ({where}): {response.status_code}, expected {expected}"
    )
    if expected == 302 and role == "anonymous" and url.perm != PUBLIC:
        assert response["Location"].startswith(reverse("accounts:login"))


# --- what lists, counts and exports show ----------------------------------------------------------

ALL_PEOPLE = {"张局长", "李科员", "王组员", "赵科员", "钱主任", "孙副局长", "周局长"}
DISTRICT_A = ALL_PEOPLE - {"周局长"}
FINANCE_TREE = {"张局长", "李科员", "王组员", "赵科员", "钱主任"}
PEOPLE_SEEN = {
    "system_admin": ALL_PEOPLE,
    "discipline_inspector": DISTRICT_A,
    "stationed_team": FINANCE_TREE,
    "collector": {"孙副局长"},
    "unit_leader": FINANCE_TREE,
    "cadre": {"李科员"},
    "org_personnel": DISTRICT_A,
}
ALL_UNITS = {"四川省", "甲区", "乙区", "甲区财政局", "甲区国库支付中心", "甲区住建局", "乙区财政局"}
UNITS_SEEN = {
    "system_admin": ALL_UNITS,
    "discipline_inspector": {"甲区", "甲区财政局", "甲区国库支付中心", "甲区住建局"},
    "stationed_team": {"甲区财政局", "甲区国库支付中心"},
    "collector": {"甲区住建局"},
    "unit_leader": {"甲区财政局", "甲区国库支付中心"},
    "cadre": {"甲区财政局"},
    "org_personnel": {"甲区", "甲区财政局", "甲区国库支付中心", "甲区住建局"},
}


def _names_in_export(content: bytes, column: str) -> set[str]:
    sheet = load_workbook(io.BytesIO(content), read_only=True).active
    rows = list(sheet.values)
    index = list(rows[0]).index(column)
    return {row[index] for row in rows[1:] if row[index]}


def _count(html: str) -> int:
    match = re.search(r"共 (\d+) 条", html)
    assert match, "the list shows its count"
    return int(match.group(1))


@pytest.mark.parametrize("role", ROLES)
def test_people_list_count_and_export_show_exactly_the_scope(shared_world, role):
    world = shared_world
    client = Client()
    client.force_login(world.users[role])
    page = client.get(reverse("org:person_list"))
    assert page.status_code == 200
    html = page.content.decode()
    seen = {name for name in ALL_PEOPLE if name in html}
    assert seen == PEOPLE_SEEN[role]
    assert _count(html) == len(PEOPLE_SEEN[role])
    export = client.get(reverse("org:person_list"), {"export": "xlsx"})
    assert _names_in_export(export.content, "姓名") == PEOPLE_SEEN[role]


@pytest.mark.parametrize("role", ROLES)
def test_unit_list_and_export_show_exactly_the_scope(shared_world, role):
    world = shared_world
    client = Client()
    client.force_login(world.users[role])
    page = client.get(reverse("org:unit_list"))
    assert page.status_code == 200
    assert _count(page.content.decode()) == len(UNITS_SEEN[role])
    export = client.get(reverse("org:unit_list"), {"export": "xlsx"})
    assert _names_in_export(export.content, "单位名称") == UNITS_SEEN[role]


@pytest.mark.parametrize("role", ROLES)
def test_search_cannot_reach_out_of_scope_people(shared_world, role):
    world = shared_world
    client = Client()
    client.force_login(world.users[role])
    # the results fragment (the search box itself echoes the query back)
    html = client.get(
        reverse("org:person_list"),
        {"q": "周局长"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="list-results",
    ).content.decode()
    found = "周局长" in PEOPLE_SEEN[role]
    assert ("周局长" in html) == found
    assert _count(html) == (1 if found else 0)
