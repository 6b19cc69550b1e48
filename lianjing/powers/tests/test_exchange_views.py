"""The power catalogue's Excel pages: the template (guide, headers, an example that imports once
its unit is filled in), the upload page with its result, uploads that are not workbooks, the
export limited to the user's scope, and the round trip export → import."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from lianjing.core.models import AuditEvent
from lianjing.org.tests.factories import DepartmentFactory
from lianjing.org.tests.world import World, build_world
from lianjing.powers import services
from lianjing.powers.exchange.importer import import_catalogue
from lianjing.powers.exchange.sheets import EXAMPLE_UNIT, SHEETS
from lianjing.powers.models import Power, PowerCategory
from lianjing.powers.tests.test_exchange import (
    counts,
    good_sheets,
    leader,
    power_row,
    step,
    where,
    workbook,
)

pytestmark = pytest.mark.django_db

IMPORT = reverse("powers:import")
TEMPLATE = reverse("powers:import_template")
EXPORT = reverse("powers:export")


@pytest.fixture
def world(db) -> World:
    return build_world()


def client_for(world: World, role: str) -> Client:
    client = Client()
    client.force_login(world.users[role])
    return client


def upload(client: Client, data: bytes, name: str = "职权目录.xlsx") -> Any:
    return client.post(IMPORT, {"file": SimpleUploadedFile(name, data)})


def sheet_rows(data: bytes, title: str) -> list[dict[str, Any]]:
    book = load_workbook(io.BytesIO(data), read_only=True)
    rows = list(book[title].iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=False)) for row in rows[1:]]


def catalogue(powers: Any = None) -> list[tuple[Any, ...]]:
    """Everything a power holds, by natural keys: what a round trip must keep."""
    result = []
    for p in powers if powers is not None else Power.objects.order_by("code"):
        steps = [
            (
                s.key,
                s.kind,
                s.name,
                s.handler_post.code if s.handler_post else None,
                s.handler_department.code if s.handler_department else None,
                s.conditions,
                s.procedure,
                s.time_limit_value,
                s.time_limit_unit,
                s.responsibility,
                s.documents,
            )
            for s in p.steps.all()
        ]
        edges = sorted((e.source.key, e.target.key, e.label) for e in p.edges.all())
        grades = sorted(
            (
                b.violation,
                b.measure,
                b.circumstance.code,
                b.amount_from,
                b.amount_to,
                b.amount_unit,
                b.other_measure,
                b.conditions,
                b.legal_basis,
            )
            for b in p.benchmarks.all()
        )
        result.append(
            (
                p.code,
                p.name,
                p.category.code,
                p.content,
                p.unit.code,
                p.department.code if p.department else None,
                p.service_target,
                p.time_limit_value,
                p.time_limit_unit,
                p.fee,
                p.effective_year,
                [(b.title, b.article) for b in p.legal_bases.all()],
                steps,
                edges,
                grades,
            )
        )
    return result


def delete_catalogue() -> None:
    for power in Power.objects.order_by("-version_no"):
        power.delete()
    assert not Power.objects.exists()


# --- permissions ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "page", "status"),
    [
        ("unit_leader", IMPORT, 200),
        ("unit_leader", TEMPLATE, 200),
        ("unit_leader", EXPORT, 200),
        ("system_admin", IMPORT, 200),
        ("discipline_inspector", IMPORT, 403),
        ("discipline_inspector", TEMPLATE, 403),
        ("discipline_inspector", EXPORT, 200),
        ("org_personnel", EXPORT, 200),
        ("cadre", IMPORT, 403),
        ("cadre", TEMPLATE, 403),
        ("cadre", EXPORT, 403),
    ],
)
def test_pages_need_their_permission(world, role, page, status):
    assert client_for(world, role).get(page).status_code == status


@pytest.mark.parametrize("page", [IMPORT, TEMPLATE, EXPORT])
def test_anonymous_visitors_are_sent_to_the_login_page(world, page):
    response = Client().get(page)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_an_upload_without_the_import_permission_writes_nothing(world):
    client = client_for(world, "discipline_inspector")
    before = counts()
    response = upload(client, workbook(good_sheets(world)))
    assert response.status_code == 403 and counts() == before


# --- the template ------------------------------------------------------------------------------


def test_template_has_the_guide_headers_and_an_example(world):
    response = client_for(world, "unit_leader").get(TEMPLATE)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    data = response.content
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames[:4] == ["说明", "职权", "流程环节", "裁量权基准"]
    guide = "\n".join(str(row[0] or "") for row in book["说明"].iter_rows(values_only=True))
    assert "《法规名称》条款" in guide and "S3:符合；S5:不符合" in guide
    assert "行政许可/审批" in guide and "较重" in guide and "草稿" in guide
    for sheet in SHEETS:
        headers = [c.value for c in book[sheet.title][1]]
        assert headers == [f.header for f in sheet.fields]
    examples = sheet_rows(data, "流程环节")
    assert {"S3:符合；S5:不符合", "S4:齐全；S5:不齐全"} & {r["下一环节"] for r in examples}
    assert len(sheet_rows(data, "裁量权基准")) == 4


def test_the_example_imports_once_its_unit_is_filled_in(world):
    data = client_for(world, "unit_leader").get(TEMPLATE).content
    outcome = import_catalogue(data, user=leader(world))
    assert not outcome.ok
    assert any(f"未找到单位编码“{EXAMPLE_UNIT}”" in p.message for p in outcome.problems)

    DepartmentFactory.create(unit=world.finance, name="行政审批科")
    DepartmentFactory.create(unit=world.finance, name="执法稽查科")
    book = load_workbook(io.BytesIO(data))
    for row in book["职权"].iter_rows(min_row=2):
        row[4].value = world.finance.code
    buffer = io.BytesIO()
    book.save(buffer)
    outcome = import_catalogue(buffer.getvalue(), user=leader(world))
    assert outcome.ok, where(outcome)
    assert Power.objects.get(code="XK-001").steps.count() == 6
    assert Power.objects.get(code="CF-001").benchmarks.count() == 4


# --- the upload page ---------------------------------------------------------------------------


def test_upload_page_imports_and_says_the_powers_are_drafts(world):
    client = client_for(world, "unit_leader")
    page = client.get(IMPORT).content.decode()
    assert TEMPLATE in page and EXPORT in page and world.finance.name not in page  # no powers yet
    response = upload(client, workbook(good_sheets(world)))
    text = response.content.decode()
    assert response.status_code == 200
    assert "导入成功" in text and "新增草稿 2 项" in text and "都是草稿" in text
    assert Power.objects.filter(status="draft").count() == 2


def test_upload_page_lists_every_problem_and_writes_nothing(world):
    sheets = good_sheets(world)
    sheets["流程环节"][4]["下一环节"] = None
    client = client_for(world, "unit_leader")
    before = counts()
    text = upload(client, workbook(sheets)).content.decode()
    assert "没有写入任何数据" in text and "环节“审查决定”无法到达结束节点" in text
    assert counts() == before


@pytest.mark.parametrize(
    ("name", "content", "text"),
    [
        ("职权.xls", b"\xd0\xcf\x11\xe0 old excel", "请上传 Excel（.xlsx）文件"),
        ("职权.csv", "职权编码,职权名称\n".encode(), "请上传 Excel（.xlsx）文件"),
        ("职权.xlsx", b"not a zip at all", "文件已损坏或不是有效的 Excel"),
        ("职权.xlsx", b"", "所提交的是空文件"),
    ],
)
def test_uploads_that_are_not_workbooks_get_a_chinese_error(world, name, content, text):
    client = client_for(world, "unit_leader")
    before = counts()
    response = upload(client, content, name)
    assert response.status_code == 200
    assert text in response.content.decode()
    assert counts() == before


def test_too_big_a_file_is_refused(world, monkeypatch):
    monkeypatch.setattr("lianjing.org.exchange.forms.MAX_UPLOAD_BYTES", 1000)
    response = upload(client_for(world, "unit_leader"), workbook(good_sheets(world)))
    assert "文件不能超过 20 MB" in response.content.decode()
    assert not Power.objects.exists()


def test_a_workbook_of_another_kind_is_refused(world):
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "单位"
    buffer = io.BytesIO()
    book.save(buffer)
    text = upload(client_for(world, "unit_leader"), buffer.getvalue()).content.decode()
    assert "没有“职权”工作表" in text


# --- export ------------------------------------------------------------------------------------


def some_catalogue(world: World) -> None:
    """Published powers in the finance bureau (one with a pending revision), a draft, a revoked
    power, and published powers in the housing bureau and in the other district."""
    assert import_catalogue(workbook(good_sheets(world)), user=None).ok
    for power in Power.objects.all():
        services.power_publish(actor=None, power=power)
    revision = services.power_revise(actor=None, power=Power.objects.get(code="CZ-XK-001"))
    services.power_update(actor=None, power=revision, name="政府采购方式变更审批（修订中）")
    category = PowerCategory.objects.get(code="licensing")
    services.power_create(
        actor=None, code="CZ-NEW", name="新拟职权", category=category, unit=world.finance
    )
    for code, unit in (
        ("CZ-GONE", world.finance),
        ("ZJ-001", world.housing),
        ("YQ-001", world.other_district_unit),
    ):
        sheets = {
            "职权": [power_row(code, unit)],
            "流程环节": [step(code, "S1", "开始", "申请", "S2"), step(code, "S2", "结束", "办结")],
        }
        assert import_catalogue(workbook(sheets), user=None).ok
        services.power_publish(actor=None, power=Power.objects.get(code=code))
    services.power_revoke(actor=None, power=Power.objects.get(code="CZ-GONE"), reason="职能划转")


def exported_codes(response: Any) -> list[str]:
    assert response.status_code == 200
    return [r["职权编码"] for r in sheet_rows(response.content, "职权")]


def test_export_holds_only_what_the_user_may_see(world):
    some_catalogue(world)
    leader_client = client_for(world, "unit_leader")
    assert exported_codes(leader_client.get(EXPORT)) == ["CZ-CF-001", "CZ-XK-001"]
    inspector = client_for(world, "discipline_inspector")
    assert exported_codes(inspector.get(EXPORT)) == ["CZ-CF-001", "CZ-XK-001", "ZJ-001"]
    assert exported_codes(inspector.get(EXPORT, {"unit": world.housing.pk})) == ["ZJ-001"]
    assert leader_client.get(EXPORT, {"unit": world.housing.pk}).status_code == 404
    assert inspector.get(EXPORT, {"unit": world.other_district_unit.pk}).status_code == 404
    for garbage in ("abc", "-1", "9" * 40, "0"):
        assert leader_client.get(EXPORT, {"unit": garbage}).status_code == 404
    events = AuditEvent.objects.filter(action="powers.export.downloaded").order_by("id")
    assert [(e.after or {})["counts"]["powers"] for e in events] == [2, 3, 1]


def test_export_with_drafts_gives_the_newest_version_and_never_revoked_powers(world):
    some_catalogue(world)
    response = client_for(world, "unit_leader").get(
        EXPORT, {"unit": world.finance.pk, "drafts": "1"}
    )
    rows = {r["职权编码"]: r for r in sheet_rows(response.content, "职权")}
    assert sorted(rows) == ["CZ-CF-001", "CZ-NEW", "CZ-XK-001"]
    assert rows["CZ-XK-001"]["职权名称"].endswith("（修订中）")
    steps = sheet_rows(response.content, "流程环节")
    assert {
        "职权编码": "CZ-XK-001",
        "环节编号": "S3",
        "下一环节": "S4:齐全；S5:不齐全",
    }.items() <= next(
        r for r in steps if (r["职权编码"], r["环节编号"]) == ("CZ-XK-001", "S3")
    ).items()


def test_round_trip_into_an_empty_catalogue_gives_the_same_catalogue(world):
    some_catalogue(world)
    admin = client_for(world, "system_admin")
    Power.objects.filter(code="CZ-XK-001", version_no=1).update(
        content="=SUM(A1) 不是公式\n第二行", service_target="采购人；供应商"
    )
    published = Power.objects.filter(is_current=True, status="published").order_by("code")
    expected = catalogue(published)
    data = admin.get(EXPORT).content
    delete_catalogue()
    outcome = import_catalogue(data, user=world.users["system_admin"])
    assert outcome.ok, where(outcome)
    assert catalogue() == expected
    assert set(Power.objects.values_list("status", flat=True)) == {"draft"}


def test_round_trip_with_drafts_and_into_the_same_database(world):
    some_catalogue(world)
    admin = client_for(world, "system_admin")
    data = admin.get(EXPORT, {"drafts": "1"}).content
    newest = {}
    for power in Power.objects.exclude(status="revoked").order_by("code", "version_no"):
        newest[power.code] = power
    expected = catalogue(newest.values())
    # into the same database: nothing differs, so nothing is written
    before = counts()[:-1]
    outcome = import_catalogue(data, user=world.users["system_admin"])
    assert outcome.ok, where(outcome)
    assert {i.action for i in outcome.imported} == {"unchanged"}
    assert len(outcome.imported) == 5 and counts()[:-1] == before
    after = {}
    for power in Power.objects.exclude(status="revoked").order_by("code", "version_no"):
        after[power.code] = power
    assert catalogue(after.values()) == expected
    delete_catalogue()
    assert import_catalogue(data, user=world.users["system_admin"]).ok
    assert catalogue() == expected
