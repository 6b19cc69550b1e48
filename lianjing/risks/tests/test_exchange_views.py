"""The import/export pages: permissions (403 without RISKS_MANAGE / RISKS_VIEW, 404 for a unit
out of scope or a missing year), the template following the grading model, an upload through
the page, an export of a unit's register that reads back (re-imported: nothing changes), an
edited export updating in place with the counts on the result page, and a 系统编号 out of scope
refused on the page."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from lianjing.risks import services
from lianjing.risks.models import RiskPoint
from lianjing.risks.reference import FACTORS
from lianjing.risks.tests.factories import post_risk
from lianjing.risks.tests.test_exchange import book, edit, measure_row, point_row, set_column

pytestmark = pytest.mark.django_db


def client_for(world, role: str) -> Client:
    client = Client()
    client.force_login(world.users[role])
    return client


def upload(data: bytes) -> SimpleUploadedFile:
    content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return SimpleUploadedFile("台账.xlsx", data, content_type=content_type)


def test_without_the_permissions_the_pages_are_forbidden(world):
    cadre = client_for(world, "cadre")  # RISKS_VIEW only
    assert cadre.get(reverse("risks:import")).status_code == 403
    assert cadre.get(reverse("risks:import_template")).status_code == 403
    assert cadre.post(reverse("risks:import")).status_code == 403
    collector = client_for(world, "collector")  # no risk permission at all
    url = reverse("risks:export") + f"?unit={world.housing.pk}&year=2026"
    assert collector.get(url).status_code == 403
    assert Client().get(reverse("risks:import")).status_code == 302


def test_export_outside_the_scope_or_without_a_year_is_not_found(world):
    client = client_for(world, "unit_leader")
    url = reverse("risks:export")
    assert client.get(url, {"unit": world.other_district_unit.pk, "year": 2026}).status_code == 404
    assert client.get(url, {"unit": "abc", "year": "2026"}).status_code == 404
    assert client.get(url, {"unit": world.finance.pk, "year": "x"}).status_code == 404
    assert client.get(url, {"unit": world.finance.pk}).status_code == 404


def test_the_template_has_the_grading_columns_with_drop_downs(world):
    response = client_for(world, "unit_leader").get(reverse("risks:import_template"))
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    assert {"说明", "风险点", "防控措施"} <= set(workbook.sheetnames)
    headers = [c.value for c in workbook["风险点"][1]]
    for _code, name, _weight, _options in FACTORS:
        assert name in headers
    assert "发生可能性" in headers and "危害程度" in headers
    assert len(workbook["风险点"].data_validations.dataValidation) >= len(FACTORS) + 2


def test_upload_through_the_page(world):
    client = client_for(world, "unit_leader")
    good = book([point_row(world)], [measure_row(world)])
    page = client.post(reverse("risks:import"), {"file": upload(good)}).content.decode()
    assert "导入成功" in page and RiskPoint.objects.count() == 1
    bad = book([point_row(world, 单位编码="NOPE")])
    page = client.post(reverse("risks:import"), {"file": upload(bad)}).content.decode()
    assert "没有写入任何数据" in page and "单位编码“NOPE”在系统中不存在" in page
    assert RiskPoint.objects.count() == 1
    junk = SimpleUploadedFile("台账.xlsx", b"junk")
    page = client.post(reverse("risks:import"), {"file": junk}).content.decode()
    assert "不是有效的 Excel" in page


def test_export_of_a_units_register_reads_back(world):
    post_risk(world.post_budget_clerk)
    post_risk(world.post_budget_clerk, year=2025, description="往年的风险点")
    client = client_for(world, "unit_leader")
    response = client.get(reverse("risks:export"), {"unit": world.finance.pk, "year": 2026})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content))["风险点"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 1 and rows[0][0] == "R1" and rows[0][1] == world.finance.code
    page = client.post(reverse("risks:import"), {"file": upload(response.content)}).content.decode()
    assert "导入成功" in page and "无变化未写入 1 个" in page
    assert RiskPoint.objects.filter(year=2026).count() == 1


def test_an_edited_export_updates_and_the_page_counts_it(world):
    point = post_risk(world.post_budget_clerk)
    services.measure_add(actor=None, risk_point=point, kind="system", content="修订制度")
    kept = services.measure_add(actor=None, risk_point=point, kind="education", content="警示教育")
    client = client_for(world, "unit_leader")
    response = client.get(reverse("risks:export"), {"unit": world.finance.pk, "year": 2026})

    def change(workbook):
        set_column(workbook, "风险点", "风险点描述", lambda _n, v: v + "（修改）")
        sheet = workbook["防控措施"]
        ids = [c.value for c in sheet[1]].index("措施编号") + 1
        for row in range(sheet.max_row, 1, -1):
            if sheet.cell(row, ids).value == kept.pk:
                sheet.delete_rows(row)

    data = edit(response.content, change)
    page = client.post(reverse("risks:import"), {"file": upload(data)}).content.decode()
    assert "修改 1 个" in page and "无变化未写入 0 个" in page
    assert "另有 1 项防控措施未出现在文件中，已原样保留" in page
    point.refresh_from_db()
    assert point.description.endswith("（修改）") and point.version == 2
    assert point.measures.count() == 2


def test_a_system_number_out_of_scope_is_refused_on_the_page(world):
    elsewhere = post_risk(world.post_housing, description="住建局的风险点")
    client = client_for(world, "unit_leader")
    data = book([point_row(world, 系统编号=elsewhere.pk)])
    page = client.post(reverse("risks:import"), {"file": upload(data)}).content.decode()
    assert "系统编号不存在或不在您的维护范围内" in page and "没有写入任何数据" in page
    elsewhere.refresh_from_db()
    assert elsewhere.description == "住建局的风险点" and RiskPoint.objects.count() == 1
