"""The catalogue pages: list, power page, create/edit, publish/revise/revoke — each with its
denied case (out of scope answers 404, without the permission 403)."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from lianjing.core.models import AuditEvent
from lianjing.powers.models import Power, PowerCategory
from lianjing.powers.tests.factories import power_with_flow

pytestmark = pytest.mark.django_db


def client_for(world, role: str) -> Client:
    client = Client()
    client.force_login(world.users[role])
    return client


@pytest.fixture
def catalogue(world):
    return {
        "finance": power_with_flow(world.finance, "CZ-CF-001", publish=True),
        "sub_unit": power_with_flow(world.sub_unit, "ZF-CF-001"),
        "housing": power_with_flow(world.housing, "ZJ-CF-001", publish=True),
        "other": power_with_flow(world.other_district_unit, "YQ-CF-001", publish=True),
    }


def test_list_shows_only_powers_in_scope(world, catalogue):
    response = client_for(world, "unit_leader").get(reverse("powers:power_list"))
    page = response.content.decode()
    assert "CZ-CF-001" in page and "ZF-CF-001" in page
    assert "ZJ-CF-001" not in page and "YQ-CF-001" not in page


def test_export_holds_the_same_scope(world, catalogue):
    response = client_for(world, "discipline_inspector").get(
        reverse("powers:power_list") + "?export=xlsx"
    )
    sheet = load_workbook(BytesIO(response.content)).active
    codes = {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert codes == {"CZ-CF-001", "ZF-CF-001", "ZJ-CF-001"}


def test_cadre_without_the_permission_is_refused(world, catalogue):
    assert client_for(world, "cadre").get(reverse("powers:power_list")).status_code == 403


def test_power_page_shows_chart_with_step_names_and_legend(world, catalogue):
    power = catalogue["finance"]
    response = client_for(world, "unit_leader").get(reverse("powers:power_detail", args=[power.pk]))
    page = response.content.decode()
    assert "<svg" in page and "材料是否齐全" in page and "补正材料" in page
    assert "一级风险" in page  # the legend of the risk colour slots
    assert "中华人民共和国食品安全法" in page


def test_power_out_of_scope_is_404(world, catalogue):
    other = catalogue["housing"]
    client = client_for(world, "unit_leader")
    for name in ("powers:power_detail", "powers:power_chart", "powers:power_edit"):
        assert client.get(reverse(name, args=[other.pk])).status_code == 404


def _create_data(world, **extra):
    return {
        "code": "CZ-XK-009",
        "name": "政府采购方式变更审批",
        "category": PowerCategory.objects.get(code="licensing").pk,
        "unit": world.finance.pk,
        "department": world.budget.pk,
        "content": "对采购人申请采用非公开招标方式采购的审批。",
        "legal_bases": "《中华人民共和国政府采购法》第二十七条\n《政府采购非招标采购方式管理办法》",
        "time_limit_value": "10",
        "time_limit_unit": "working_days",
        "fee": "不收费",
        "effective_year": "2026",
        **extra,
    }


def test_create_makes_a_draft_and_opens_the_flow_editor(world):
    response = client_for(world, "unit_leader").post(
        reverse("powers:power_create"), _create_data(world)
    )
    power = Power.objects.get(code="CZ-XK-009")
    assert response.status_code == 302
    assert response["Location"] == reverse("powers:flow_edit", args=[power.pk])
    assert power.status == "draft" and power.department == world.budget
    assert [str(b) for b in power.legal_bases.all()] == [
        "《中华人民共和国政府采购法》第二十七条",
        "《政府采购非招标采购方式管理办法》",
    ]
    assert AuditEvent.objects.filter(action="powers.power.created").exists()


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"name": ""}, "请填写职权名称。"),
        ({"unit": "999999"}, "所选实施主体不存在或不在您的管理范围内。"),
        ({"department": "abc"}, "所选承办机构不存在或不在您的管理范围内。"),
        ({"time_limit_unit": ""}, "填写了法定时限，请选择时限单位。"),
        ({"legal_bases": "《政府采购法第二十七条"}, "书名号不成对"),
        ({"effective_year": "20266"}, "不能大于 2100。"),
    ],
)
def test_create_refuses_bad_input_field_by_field(world, extra, message):
    response = client_for(world, "unit_leader").post(
        reverse("powers:power_create"), _create_data(world, **extra)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Power.objects.filter(code="CZ-XK-009").exists()


def test_create_in_a_unit_out_of_scope_is_refused(world):
    response = client_for(world, "unit_leader").post(
        reverse("powers:power_create"), _create_data(world, unit=world.housing.pk, department="")
    )
    assert "所选实施主体不存在或不在您的管理范围内。" in response.content.decode()
    assert not Power.objects.filter(code="CZ-XK-009").exists()


def test_duplicate_code_is_refused(world, catalogue):
    response = client_for(world, "unit_leader").post(
        reverse("powers:power_create"), _create_data(world, code="CZ-CF-001")
    )
    assert "职权编码已存在。" in response.content.decode()


def test_edit_changes_a_draft_and_keeps_the_code(world, catalogue):
    power = catalogue["sub_unit"]
    data = _create_data(world, code="CHANGED", unit=world.sub_unit.pk, department="")
    data["version"] = power.version
    response = client_for(world, "unit_leader").post(
        reverse("powers:power_edit", args=[power.pk]), data
    )
    assert response.status_code == 302
    power.refresh_from_db()
    assert power.code == "ZF-CF-001" and power.name == "政府采购方式变更审批"
    assert AuditEvent.objects.filter(action="powers.power.updated").exists()


def test_stale_edit_is_refused(world, catalogue):
    power = catalogue["sub_unit"]
    data = _create_data(world, unit=world.sub_unit.pk, department="", version=power.version + 5)
    response = client_for(world, "unit_leader").post(
        reverse("powers:power_edit", args=[power.pk]), data
    )
    assert "该职权已被他人修改" in response.content.decode()
    power.refresh_from_db()
    assert power.name != "政府采购方式变更审批"


def test_published_power_is_not_edited_in_place(world, catalogue):
    power = catalogue["finance"]
    response = client_for(world, "unit_leader").get(reverse("powers:power_edit", args=[power.pk]))
    assert response.status_code == 302


def test_publish_without_legal_basis_names_what_is_missing(world, catalogue):
    power = catalogue["sub_unit"]
    power.legal_bases.all().delete()
    client = client_for(world, "unit_leader")
    response = client.post(reverse("powers:power_publish", args=[power.pk]), follow=True)
    assert "公布前须填写至少一项法律依据。" in response.content.decode()
    power.refresh_from_db()
    assert power.status == "draft"


def test_publish_then_revise_then_revoke(world, catalogue):
    power = catalogue["sub_unit"]
    client = client_for(world, "unit_leader")
    client.post(reverse("powers:power_publish", args=[power.pk]))
    power.refresh_from_db()
    assert power.status == "published"
    response = client.post(reverse("powers:power_revise", args=[power.pk]))
    draft = Power.objects.get(code=power.code, version_no=2)
    assert response["Location"] == reverse("powers:power_detail", args=[draft.pk])
    page = client.get(response["Location"]).content.decode()
    assert "修订中的第 2 版" in page
    refused = client.post(reverse("powers:power_revoke", args=[power.pk]), {"reason": " "})
    assert "请填写废止理由。" in refused.content.decode()
    client.post(
        reverse("powers:power_revoke", args=[power.pk]), {"reason": "职能划转至区行政审批局"}
    )
    power.refresh_from_db()
    draft.refresh_from_db()
    assert power.status == "revoked" and draft.status == "revoked"


def test_chart_download_is_svg(world, catalogue):
    power = catalogue["finance"]
    response = client_for(world, "discipline_inspector").get(
        reverse("powers:power_chart", args=[power.pk])
    )
    assert response["Content-Type"].startswith("image/svg+xml")
    assert "审查决定" in response.content.decode()


CODES_SEEN = {
    "system_admin": {"CZ-CF-001", "ZF-CF-001", "ZJ-CF-001", "YQ-CF-001"},
    "discipline_inspector": {"CZ-CF-001", "ZF-CF-001", "ZJ-CF-001"},
    "stationed_team": {"CZ-CF-001", "ZF-CF-001"},
    "collector": {"ZJ-CF-001"},
    "unit_leader": {"CZ-CF-001", "ZF-CF-001"},
    "org_personnel": {"CZ-CF-001", "ZF-CF-001", "ZJ-CF-001"},
}


@pytest.mark.parametrize("role", sorted(CODES_SEEN))
def test_each_role_lists_counts_and_exports_its_scope(world, catalogue, role):
    client = client_for(world, role)
    response = client.get(reverse("powers:power_list"))
    page = response.content.decode()
    listed = {code for code in CODES_SEEN["system_admin"] if code in page}
    assert listed == CODES_SEEN[role]
    counts = response.context["counts"]
    assert sum(counts.values()) == len(CODES_SEEN[role])
    export = client.get(reverse("powers:power_list") + "?export=xlsx")
    sheet = load_workbook(BytesIO(export.content)).active
    assert {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)} == CODES_SEEN[role]


def test_workbench_lists_drafts_for_those_who_maintain_the_catalogue(world, catalogue):
    page = client_for(world, "unit_leader").get("/").content.decode()
    assert "待公布的职权" in page and "ZF-CF-001" not in page  # names are shown, not codes
    assert catalogue["sub_unit"].name in page
    inspector = client_for(world, "discipline_inspector").get("/").content.decode()
    assert "待公布的职权" not in inspector
