"""Who may download the risk documents: the manual within the RISKS_VIEW unit scope, the prompt
sheet for the person themselves or within the RISKS_VIEW person scope; out of scope 404,
without the permission 403, garbage never a 500."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from lianjing.accounts.models import RoleAssignment
from lianjing.risks.tests.factories import HIGHEST, post_risk

pytestmark = pytest.mark.django_db


def get(user, url: str) -> int:
    client = Client()
    client.force_login(user)
    return client.get(url).status_code


def manual(unit_pk: int, year: int = 2026) -> str:
    return reverse("risks:manual_docx", args=[unit_pk, year])


def sheet(person_pk: int, kind: str = "pdf") -> str:
    return reverse(f"risks:prompt_sheet_{kind}", args=[person_pk])


def test_the_manual_follows_the_unit_scope(world):
    post_risk(world.post_budget_clerk)
    users = world.users
    assert get(users["unit_leader"], manual(world.finance.pk)) == 200
    assert get(users["discipline_inspector"], manual(world.finance.pk)) == 200
    assert get(users["stationed_team"], manual(world.finance.pk)) == 200
    assert get(users["unit_leader"], manual(world.housing.pk)) == 404
    assert get(users["stationed_team"], manual(world.housing.pk)) == 404
    assert get(users["cadre"], manual(world.finance.pk)) == 404  # self scope
    assert get(users["collector"], manual(world.housing.pk)) == 403  # no RISKS_VIEW


def test_the_prompt_sheet_is_the_persons_own_or_in_scope(world):
    users = world.users
    for kind in ("docx", "pdf"):
        assert get(users["cadre"], sheet(world.clerk.pk, kind)) == 200
        assert get(users["cadre"], sheet(world.colleague_other_dept.pk, kind)) == 404
        assert get(users["unit_leader"], sheet(world.colleague_other_dept.pk, kind)) == 200
        assert get(users["unit_leader"], sheet(world.housing_person.pk, kind)) == 404
        assert get(users["discipline_inspector"], sheet(world.housing_person.pk, kind)) == 200
        assert get(users["collector"], sheet(world.housing_person.pk, kind)) == 403


def test_a_cadre_without_any_role_still_gets_their_own_sheet(world):
    RoleAssignment.objects.filter(user=world.users["cadre"]).delete()
    assert get(world.users["cadre"], sheet(world.clerk.pk)) == 200
    assert get(world.users["cadre"], sheet(world.colleague_sub_dept.pk)) == 403


def test_anonymous_users_are_sent_to_sign_in(world):
    response = Client().get(sheet(world.clerk.pk))
    assert response.status_code == 302
    assert Client().get(manual(world.finance.pk)).status_code == 302


@pytest.mark.parametrize(
    "path",
    [
        "/risks/units/0/2026/manual.docx",
        "/risks/units/99999999999999999999/2026/manual.docx",
        "/risks/units/{finance}/0/manual.docx",
        "/risks/units/{finance}/99999999999999999999/manual.docx",
        "/risks/units/abc/2026/manual.docx",
        "/risks/people/0/prompt-sheet.pdf",
        "/risks/people/99999999999999999999/prompt-sheet.docx",
        "/risks/people/-1/prompt-sheet.pdf",
    ],
)
def test_garbage_keys_are_404(world, path):
    assert get(world.users["system_admin"], path.format(finance=world.finance.pk)) == 404


def test_post_is_not_allowed(world):
    client = Client()
    client.force_login(world.users["system_admin"])
    assert client.post(sheet(world.clerk.pk)).status_code == 405
    assert client.post(manual(world.finance.pk)).status_code == 405


def test_the_point_page_links_the_prompt_sheets_the_reader_may_open(world):
    from lianjing.org.models import Unit

    Unit.objects.filter(pk=world.finance.pk).update(main_leader=world.director)
    post = world.post_budget_clerk
    post.refresh_from_db()  # the unit with its main leader
    point = post_risk(post, inputs=HIGHEST)  # level 1: the main leader answers too
    page = reverse("risks:point_detail", args=[point.pk])
    client = Client()
    client.force_login(world.users["unit_leader"])
    body = client.get(page).content.decode()
    assert sheet(world.clerk.pk, "docx") in body and sheet(world.director.pk, "docx") in body
    client.force_login(world.users["cadre"])  # their own sheet, not their leader's
    body = client.get(page).content.decode()
    assert sheet(world.clerk.pk, "docx") in body
    assert sheet(world.director.pk, "docx") not in body
