"""Excel import and export of the organisation: templates, a good file and its re-import, every bad
row reported with nothing written, the importer's scope, exports limited to what a user sees and
importable again, the job page's access and polling, and uploads that are not workbooks."""

from __future__ import annotations

import datetime
import io
import zipfile
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import F
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from lianjing.accounts import permissions as perms
from lianjing.accounts.models import Role, RoleAssignment
from lianjing.accounts.tests.factories import UserFactory
from lianjing.core.crypto import blind_index, decrypt
from lianjing.core.models import AuditEvent
from lianjing.org.exchange import importer as importer_module
from lianjing.org.exchange.checks import check
from lianjing.org.exchange.export import export_workbook
from lianjing.org.exchange.importer import import_workbook
from lianjing.org.exchange.reader import Report, read_workbook
from lianjing.org.exchange.sheets import SHEETS, SHEETS_BY_TITLE
from lianjing.org.exchange.writes import ImportConflict, Writes
from lianjing.org.models import (
    Assignment,
    Department,
    ImportJob,
    KeyPostKind,
    Person,
    Post,
    Unit,
)
from lianjing.org.validation import id_number_check_digit

pytestmark = pytest.mark.django_db

IMPORT = reverse("org:import")
TEMPLATE = reverse("org:import_template")
EXPORT = reverse("org:export")
ORG_MODELS = (Unit, Department, Post, Person, Assignment)


def id_number(birth: str = "19850312", serial: str = "123") -> str:
    first = f"510104{birth}{serial}"
    return first + id_number_check_digit(first)


def workbook(sheets: dict[str, list[dict[str, Any]]]) -> bytes:
    """A workbook with the given sheets (by title); each row maps headers to values."""
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        headers = [f.header for f in SHEETS_BY_TITLE[title].fields]
        sheet.append(headers)
        for row in rows:
            sheet.append([row.get(h) for h in headers])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def counts() -> tuple[int, ...]:
    return tuple(model.objects.count() for model in ORG_MODELS)


def upload(client: Client, data: bytes, name: str = "组织机构.xlsx") -> Any:
    return client.post(IMPORT, {"file": SimpleUploadedFile(name, data)}, follow=True)


def problems(outcome: Any) -> list[tuple[str, int | None, str]]:
    return [(p.sheet, p.row, p.column) for p in outcome.problems]


def message(outcome: Any, sheet: str, row: int, column: str) -> str:
    found = [
        p.message for p in outcome.problems if (p.sheet, p.row, p.column) == (sheet, row, column)
    ]
    assert found, f"no problem at {sheet} row {row} {column}: {problems(outcome)}"
    return found[0]


def importer(world: Any, unit: Unit, *, username: str = "w_importer") -> Any:
    """An account that may import and manage the organisation of `unit` and below."""
    role, _ = Role.objects.get_or_create(
        code="org_keeper",
        defaults={
            "name": "组织机构维护",
            "permissions": [perms.ORG_VIEW, perms.ORG_MANAGE, perms.ORG_IMPORT],
            "scope": Role.Scope.UNIT_TREE,
        },
    )
    user = UserFactory.create(username=username)
    RoleAssignment.objects.create(user=user, role=role, unit=unit)
    return user


def good_rows(world: Any) -> dict[str, list[dict[str, Any]]]:
    """A new bureau under district A with an office, two posts and two people."""
    return {
        "单位": [
            {
                "单位编码": "JQ-SWJ",
                "单位名称": "甲区审计局",
                "简称": "审计局",
                "上级单位编码": world.district_a.code,
                "层级": "县（区）级",
                "单位性质": "行政机关",
                "主要领导人员编号": "RY-001",
            },
        ],
        "内设机构": [
            {
                "内设机构编码": "JQ-SWJ-01",
                "内设机构名称": "财政审计股",
                "所属单位编码": "JQ-SWJ",
                "分管领导人员编号": "RY-001",
            },
        ],
        "岗位": [
            {
                "岗位编码": "JQ-SWJ-P01",
                "岗位名称": "局长",
                "单位编码": "JQ-SWJ",
                "职级": "正科级",
                "重点岗位类别": "领导岗位、财务/物资采购",
                "岗位职责": "主持全面工作。",
            },
            {
                "岗位编码": "JQ-SWJ-P02",
                "岗位名称": "审计员",
                "单位编码": "JQ-SWJ",
                "内设机构编码": "JQ-SWJ-01",
                "职级": "科员",
                "编制人数": 3,
            },
        ],
        "人员": [
            {
                "人员编号": "RY-001",
                "姓名": "吴局长",
                "性别": "男",
                "出生日期": datetime.date(1975, 5, 4),
                "身份证号": id_number("19750504"),
                "政治面貌": "中共党员",
            },
            {"人员编号": "RY-002", "姓名": "郑审计", "性别": "女", "出生日期": "1990-02-03"},
        ],
        "任职": [
            {"人员编号": "RY-001", "岗位编码": "JQ-SWJ-P01", "开始日期": "2021-03-01"},
            {
                "人员编号": "RY-002",
                "岗位编码": "JQ-SWJ-P02",
                "开始日期": datetime.date(2022, 7, 1),
                "是否主要岗位": "是",
            },
            {
                "人员编号": "RY-002",
                "岗位编码": "JQ-SWJ-P01",
                "开始日期": "2023-01-01",
                "结束日期": "2023-06-30",
                "是否主要岗位": "否",
                "备注": "兼职",
            },
        ],
    }


# --- templates ------------------------------------------------------------------------------------


def test_whole_template_has_every_sheet_with_chinese_headers_and_choice_lists(admin_client):
    response = admin_client.get(TEMPLATE)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    for sheet in SHEETS:
        assert [c.value for c in book[sheet.title][1]] == [f.header for f in sheet.fields]
    units = book["单位"]
    assert units["A1"].value == "单位编码"
    assert "必填" in units["A1"].comment.text
    assert "县（区）级" in units["E1"].comment.text
    rules = {str(dv.sqref): dv.formula1 for dv in units.data_validations.dataValidation}
    assert "选项" in rules["E2:E1048576"]
    assert book["选项"].sheet_state == "hidden"
    assert "填写说明" in book.sheetnames


@pytest.mark.parametrize("name", ["posts", "岗位"])
def test_one_sheet_template(admin_client, name):
    response = admin_client.get(TEMPLATE, {"sheet": name})
    book = load_workbook(io.BytesIO(response.content))
    assert [s for s in book.sheetnames if s != "选项"] == ["岗位"]
    assert book["岗位"]["E1"].value == "职级"


def test_unknown_template_sheet_is_404(admin_client):
    assert admin_client.get(TEMPLATE, {"sheet": "工资"}).status_code == 404


def test_template_can_be_filled_in_and_imported(world, admin_user):
    response_data = Client()
    response_data.force_login(admin_user)
    template = response_data.get(TEMPLATE).content
    book = load_workbook(io.BytesIO(template))
    book["单位"].append(["T-1", "模板单位", None, world.district_a.code, "县（区）级", "事业单位"])
    buffer = io.BytesIO()
    book.save(buffer)
    outcome = import_workbook(buffer.getvalue(), user=admin_user)
    assert outcome.ok, problems(outcome)
    assert Unit.objects.get(code="T-1").parent == world.district_a


# --- a good file ----------------------------------------------------------------------------------


def test_good_file_imports_then_a_second_import_updates_without_duplicates(world, admin_client):
    data = workbook(good_rows(world))
    page = upload(admin_client, data)
    job = ImportJob.objects.get()
    assert job.status == ImportJob.State.SUCCEEDED, job.errors
    assert "导入成功" in page.content.decode()
    assert job.result["counts"]["units"] == {"created": 1, "updated": 0, "unchanged": 0}
    assert job.result["counts"]["assignments"]["created"] == 3
    assert not job.file  # the upload is not kept
    assert job.total_rows == job.processed_rows == 9

    bureau = Unit.objects.get(code="JQ-SWJ")
    wu, zheng = Person.objects.get(code="RY-001"), Person.objects.get(code="RY-002")
    office = Department.objects.get(code="JQ-SWJ-01")
    director = Post.objects.get(code="JQ-SWJ-P01")
    second = Post.objects.get(code="JQ-SWJ-P02")
    assert bureau.parent == world.district_a and bureau.main_leader == wu
    assert office.unit == bureau and office.leader_in_charge == wu
    assert set(director.key_kinds.values_list("code", flat=True)) == {"leadership", "finance"}
    assert second.headcount == 3
    assert (wu.unit, wu.department, wu.post) == (bureau, None, director)
    assert (zheng.unit, zheng.department, zheng.post_id) == (bureau, office, second.pk)
    assert wu.id_number_masked == "510104********" + id_number("19750504")[14:]
    assert decrypt(wu.id_number_encrypted) == id_number("19750504")
    assert zheng.birth_date == datetime.date(1990, 2, 3)
    after: Any = AuditEvent.objects.get(action="org.import.completed").after
    assert after["created"]["units"] == ["JQ-SWJ"]
    assert after["counts"]["people"]["created"] == 2

    before = counts()
    upload(admin_client, data)
    again = ImportJob.objects.latest("pk")
    assert again.status == ImportJob.State.SUCCEEDED
    assert counts() == before
    assert all(c["created"] == 0 and c["updated"] == 0 for c in again.result["counts"].values())

    rows = good_rows(world)
    rows["单位"][0]["单位名称"] = "甲区审计局（新）"
    rows["任职"][0]["结束日期"] = "2024-12-31"
    upload(admin_client, workbook(rows))
    third = ImportJob.objects.latest("pk")
    assert third.result["counts"]["units"] == {"created": 0, "updated": 1, "unchanged": 0}
    bureau.refresh_from_db()
    wu.refresh_from_db()
    assert bureau.name == "甲区审计局（新）" and bureau.version == 2
    assert wu.post is None and wu.unit is None  # the primary post ended
    assert counts() == before


def test_rotation_in_one_file_ends_the_old_primary_post_and_moves_the_mirror(world, admin_user):
    clerk = world.clerk
    rows = {
        "任职": [
            {
                "人员编号": clerk.code,
                "岗位编码": world.post_budget_clerk.code,
                "开始日期": "2020-01-01",
                "结束日期": "2024-02-29",
            },
            {
                "人员编号": clerk.code,
                "岗位编码": world.post_other_dept.code,
                "开始日期": "2024-03-01",
            },
        ]
    }
    outcome = import_workbook(workbook(rows), user=admin_user)
    assert outcome.ok, problems(outcome)
    assert outcome.counts["assignments"] == {"created": 1, "updated": 1, "unchanged": 0}
    clerk.refresh_from_db()
    assert clerk.post == world.post_other_dept
    assert clerk.department == world.finance_other_dept


def test_moving_a_post_moves_the_mirror_of_its_holder(world, admin_user):
    post = world.post_sub_unit
    rows = {
        "岗位": [
            {
                "岗位编码": post.code,
                "岗位名称": post.name,
                "单位编码": world.finance.code,
                "内设机构编码": world.budget.code,
                "职级": "正科级",
            }
        ],
        "任职": [
            {
                "人员编号": world.sub_unit_person.code,
                "岗位编码": post.code,
                "开始日期": "2020-01-01",
                "结束日期": "2024-01-01",
            }
        ],
    }
    # a post someone still holds cannot change unit (as in post_update)…
    still_held = {"岗位": rows["岗位"]}
    outcome = import_workbook(workbook(still_held), user=admin_user)
    assert "有在岗人员" in message(outcome, "岗位", 2, "单位编码")
    # …but it can when the same file ends the assignment
    outcome = import_workbook(workbook(rows), user=admin_user)
    assert outcome.ok, problems(outcome)
    world.sub_unit_person.refresh_from_db()
    assert world.sub_unit_person.post is None


def test_masked_or_empty_id_number_keeps_the_stored_one(world, admin_user):
    number = id_number("19800101", "456")
    person = world.housing_person
    first = {
        "人员": [{"人员编号": person.code, "姓名": person.name, "性别": "男", "身份证号": number}]
    }
    assert import_workbook(workbook(first), user=admin_user).ok
    person.refresh_from_db()
    masked = person.id_number_masked
    for kept in (masked, "", None):
        rows = {
            "人员": [{"人员编号": person.code, "姓名": "孙副局长", "性别": "男", "身份证号": kept}]
        }
        outcome = import_workbook(workbook(rows), user=admin_user)
        assert outcome.ok and outcome.counts["people"]["updated"] == 0
        person.refresh_from_db()
        assert person.id_number_index == blind_index(number)
    wrong = {
        "人员": [
            {"人员编号": person.code, "姓名": "孙", "性别": "男", "身份证号": "110101********1234"}
        ]
    }
    outcome = import_workbook(workbook(wrong), user=admin_user)
    assert "脱敏" in message(outcome, "人员", 2, "身份证号")


# --- bad rows -------------------------------------------------------------------------------------


def bad_rows(world: Any) -> dict[str, list[dict[str, Any]]]:
    finance, housing = world.finance.code, world.housing.code
    return {
        "单位": [
            # row 2: unknown parent
            {
                "单位编码": "B-1",
                "单位名称": "甲",
                "上级单位编码": "NOPE",
                "层级": "县（区）级",
                "单位性质": "行政机关",
            },
            # rows 3, 4: a cycle
            {
                "单位编码": "B-2",
                "单位名称": "乙",
                "上级单位编码": "B-3",
                "层级": "县（区）级",
                "单位性质": "行政机关",
            },
            {
                "单位编码": "B-3",
                "单位名称": "丙",
                "上级单位编码": "B-2",
                "层级": "县（区）级",
                "单位性质": "行政机关",
            },
            # row 5: a code twice in the file
            {"单位编码": "B-2", "单位名称": "丁", "层级": "县（区）级", "单位性质": "行政机关"},
            # row 6: a level that does not exist
            {
                "单位编码": "B-6",
                "单位名称": "戊",
                "上级单位编码": finance,
                "层级": "郡级",
                "单位性质": "行政机关",
                "主要领导人员编号": "NOBODY",
            },
        ],
        "内设机构": [
            # row 2: parent office in another unit
            {
                "内设机构编码": "BD-1",
                "内设机构名称": "科",
                "所属单位编码": housing,
                "上级内设机构编码": world.budget.code,
            },
        ],
        "岗位": [
            # row 2: an office of another unit
            {
                "岗位编码": "BP-1",
                "岗位名称": "岗",
                "单位编码": housing,
                "内设机构编码": world.budget.code,
                "职级": "科员",
            },
            # row 3: a rank that does not exist
            {"岗位编码": "BP-2", "岗位名称": "岗", "单位编码": housing, "职级": "大队长"},
        ],
        "人员": [
            # row 2: a wrong check digit; row 3: a date that does not exist
            {"人员编号": "BR-1", "姓名": "甲", "性别": "男", "身份证号": id_number()[:-1] + "0"},
            {"人员编号": "BR-2", "姓名": "乙", "性别": "未知", "出生日期": "2023-02-30"},
            {"人员编号": "BR-3", "姓名": "丙", "性别": "女"},
        ],
        "任职": [
            # row 2: end before start
            {
                "人员编号": "BR-3",
                "岗位编码": world.post_housing.code,
                "开始日期": "2024-05-01",
                "结束日期": "2024-04-01",
            },
            # rows 3 and 4: two open primary assignments
            {
                "人员编号": world.clerk.code,
                "岗位编码": world.post_housing.code,
                "开始日期": "2024-01-01",
            },
            # row 4: unknown post
            {"人员编号": world.clerk.code, "岗位编码": "NO-POST", "开始日期": "2024-01-01"},
        ],
    }


def test_every_bad_row_is_reported_and_nothing_is_written(world, admin_client):
    before = counts()
    page = upload(admin_client, workbook(bad_rows(world)))
    job = ImportJob.objects.get()
    assert job.status == ImportJob.State.FAILED
    assert counts() == before
    assert not AuditEvent.objects.filter(action="org.import.completed").exists()
    found = {(e["sheet"], e["row"], e["column"]): e["message"] for e in job.errors}
    expected = {
        ("单位", 2, "上级单位编码"): "未找到上级单位编码“NOPE”",
        ("单位", 3, "上级单位编码"): "循环",
        ("单位", 4, "上级单位编码"): "循环",
        ("单位", 5, "单位编码"): "与第 3 行重复",
        ("单位", 6, "层级"): "可选：省级、市级、县（区）级",
        ("单位", 6, "主要领导人员编号"): "未找到人员编号“NOBODY”",
        ("内设机构", 2, "上级内设机构编码"): "不一致",
        ("岗位", 2, "内设机构编码"): "不属于岗位所在单位",
        ("岗位", 3, "职级"): "可选：办事员、科员",
        ("人员", 2, "身份证号"): "校验位",
        ("人员", 3, "性别"): "可选：男、女",
        ("人员", 3, "出生日期"): "日期不存在",
        ("任职", 2, "结束日期"): "结束日期不能早于开始日期",
        ("任职", 3, "结束日期"): "两",
        ("任职", 4, "岗位编码"): "未找到岗位编码“NO-POST”",
    }
    for place, text in expected.items():
        assert place in found, f"{place} not reported; got {sorted(found)}"
        assert text in found[place] or text == "两", found[place]
    assert "2 条未结束的主要岗位任职" in found[("任职", 3, "结束日期")]
    html = page.content.decode()
    assert "没有写入任何数据" in html and "未找到上级单位编码" in html

    report = admin_client.get(reverse("org:import_errors", args=[job.pk]))
    assert report.status_code == 200
    sheet = load_workbook(io.BytesIO(report.content)).active
    rows = list(sheet.values)
    assert rows[0] == ("工作表", "行号", "列", "单元格内容", "错误原因")
    assert ("单位", 6, "层级", "郡级", found[("单位", 6, "层级")]) in rows
    assert len(rows) == 1 + len(job.errors)


def test_missing_required_column_and_unknown_sheets(world, admin_user):
    book = Workbook()
    book.active.title = "单位"
    book.active.append(["单位编码", "单位名称"])
    book.active.append(["X", "某单位"])
    book.create_sheet("工资表").append(["随便"])
    buffer = io.BytesIO()
    book.save(buffer)
    outcome = import_workbook(buffer.getvalue(), user=admin_user)
    assert "缺少必填列“层级”" in message(outcome, "单位", 1, "层级")


def test_department_moved_to_another_unit_with_its_posts_left_behind(world, admin_user):
    budget = world.budget
    rows = {
        "内设机构": [
            {
                "内设机构编码": budget.code,
                "内设机构名称": budget.name,
                "所属单位编码": world.housing.code,
            }
        ]
    }
    outcome = import_workbook(workbook(rows), user=admin_user)
    assert "仍属于原单位" in message(outcome, "内设机构", 2, "所属单位编码")


def test_closing_a_unit_with_active_children_is_refused(world, admin_user):
    finance = world.finance
    row = {
        "单位编码": finance.code,
        "单位名称": finance.name,
        "上级单位编码": world.district_a.code,
        "层级": "县（区）级",
        "单位性质": "行政机关",
        "状态": "已撤销",
    }
    outcome = import_workbook(workbook({"单位": [row]}), user=admin_user)
    assert "还有正常状态的下级单位" in message(outcome, "单位", 2, "状态")


def test_id_number_used_twice(world, admin_user):
    number = id_number()
    rows = {
        "人员": [
            {"人员编号": "N-1", "姓名": "甲", "性别": "男", "身份证号": number},
            {"人员编号": "N-2", "姓名": "乙", "性别": "男", "身份证号": number.lower()},
        ]
    }
    outcome = import_workbook(workbook(rows), user=admin_user)
    assert "与第 2 行的身份证号重复" in message(outcome, "人员", 3, "身份证号")
    Person.objects.filter(pk=world.clerk.pk).update(id_number_index=blind_index(number))
    rows = {"人员": [{"人员编号": "N-1", "姓名": "甲", "性别": "男", "身份证号": number}]}
    outcome = import_workbook(workbook(rows), user=admin_user)
    assert "已登记在其他人员名下" in message(outcome, "人员", 2, "身份证号")


GARBAGE = [
    '=HYPERLINK("http://x")',
    "9" * 40,
    -99999999999999999999999,
    1e308,
    "２０２６年十三月三十二日",
    "🀄️" * 50,
    "x" * 5000,
    "' OR 1=1 --",
    True,
    datetime.time(13, 30),
]


@pytest.mark.parametrize("value", GARBAGE, ids=range(len(GARBAGE)))
def test_garbage_cells_give_problems_never_errors(world, admin_user, value):
    rows = {
        title: [dict.fromkeys((f.header for f in sheet.fields), value)]
        for title, sheet in SHEETS_BY_TITLE.items()
    }
    before = counts()
    outcome = import_workbook(workbook(rows), user=admin_user)
    # a formula without a cached value reads as an empty cell: an empty row, nothing to do
    assert (not outcome.ok and outcome.problems) or not any(
        c["created"] or c["updated"] for c in outcome.counts.values()
    )
    assert counts() == before


def test_garbage_uploads_fail_the_job_with_a_reason(world, admin_client):
    empty = Workbook()
    empty.active.title = "别的"
    buffer = io.BytesIO()
    empty.save(buffer)
    upload(admin_client, buffer.getvalue())
    job = ImportJob.objects.get()
    assert job.status == ImportJob.State.FAILED
    assert "没有可导入的工作表" in job.errors[0]["message"]


def test_a_record_changed_between_check_and_write_stops_everything(world, admin_user):
    finance = world.finance
    row = {
        "单位编码": finance.code,
        "单位名称": "改名的财政局",
        "上级单位编码": world.district_a.code,
        "层级": "县（区）级",
        "单位性质": "行政机关",
    }
    new = {**row, "单位编码": "NEW-1", "单位名称": "新单位"}
    report = Report()
    plan = check(read_workbook(workbook({"单位": [new, row]}), report), report, admin_user)
    assert not report
    Unit.objects.filter(pk=finance.pk).update(version=F("version") + 1)
    with pytest.raises(ImportConflict), transaction.atomic():
        Writes(plan).apply()
    assert not Unit.objects.filter(code="NEW-1").exists()
    assert Unit.objects.get(pk=finance.pk).name == finance.name


def test_an_unexpected_error_fails_the_job_and_writes_nothing(world, admin_client, monkeypatch):
    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(importer_module, "import_workbook", broken)
    before = counts()
    page = upload(admin_client, workbook(good_rows(world)))
    job = ImportJob.objects.get()
    assert job.status == ImportJob.State.FAILED and not job.file
    assert "内部错误" in job.errors[0]["message"] and "内部错误" in page.content.decode()
    assert counts() == before


def test_a_job_runs_once(world, admin_user):
    job = ImportJob.objects.create(file_name="a.xlsx", created_by=admin_user, status="succeeded")
    importer_module.import_job_run(job.pk)
    job.refresh_from_db()
    assert job.status == ImportJob.State.SUCCEEDED and job.started_at is None


# --- scope ----------------------------------------------------------------------------------------


def test_rows_outside_the_importers_scope_are_refused(world):
    user = importer(world, world.finance)
    client = Client()
    client.force_login(user)
    rows = {
        "单位": [
            # in scope: a new unit under the finance bureau
            {
                "单位编码": "S-1",
                "单位名称": "新中心",
                "上级单位编码": world.finance.code,
                "层级": "县（区）级",
                "单位性质": "事业单位",
            },
            # out: a new unit under the housing bureau
            {
                "单位编码": "S-2",
                "单位名称": "外单位",
                "上级单位编码": world.housing.code,
                "层级": "县（区）级",
                "单位性质": "事业单位",
            },
        ],
        "岗位": [
            # out: another district's post
            {
                "岗位编码": world.post_other_district.code,
                "岗位名称": "局长",
                "单位编码": world.other_district_unit.code,
                "职级": "正处级",
            },
        ],
        "人员": [
            # out: a new person placed on a post of another unit
            {"人员编号": "S-R1", "姓名": "外人", "性别": "男"},
            # out: an existing person of another unit
            {"人员编号": world.housing_person.code, "姓名": "改名", "性别": "男"},
        ],
        "任职": [
            {"人员编号": "S-R1", "岗位编码": world.post_housing.code, "开始日期": "2024-01-01"}
        ],
    }
    before = counts()
    upload(client, workbook(rows))
    job = ImportJob.objects.get()
    found = {(e["sheet"], e["row"], e["column"]): e["message"] for e in job.errors}
    assert set(found) == {
        ("单位", 3, "单位编码"),
        ("岗位", 2, "岗位编码"),
        ("人员", 2, "人员编号"),
        ("人员", 3, "人员编号"),
        ("任职", 2, "人员编号"),
    }
    assert all("超出您的管理范围" in text for text in found.values())
    assert counts() == before

    inside = {"单位": rows["单位"][:1]}
    upload(client, workbook(inside))
    assert ImportJob.objects.latest("pk").status == ImportJob.State.SUCCEEDED
    assert Unit.objects.get(code="S-1").parent == world.finance


def test_a_person_may_not_be_named_leader_when_invisible(world):
    user = importer(world, world.finance)
    finance = world.finance
    row = {
        "单位编码": finance.code,
        "单位名称": finance.name,
        "上级单位编码": world.district_a.code,
        "层级": "县（区）级",
        "单位性质": "行政机关",
        "主要领导人员编号": world.other_district_person.code,
    }
    outcome = import_workbook(workbook({"单位": [row]}), user=user)
    assert "未找到人员编号" in message(outcome, "单位", 2, "主要领导人员编号")


# --- export ---------------------------------------------------------------------------------------


def sheet_rows(data: bytes, title: str) -> list[dict[str, Any]]:
    sheet = load_workbook(io.BytesIO(data), read_only=True)[title]
    values = list(sheet.values)
    return [dict(zip(values[0], row, strict=False)) for row in values[1:]]


def test_export_holds_only_what_the_user_sees(world):
    client = Client()
    client.force_login(world.users["collector"])  # sees the housing bureau only
    response = client.get(EXPORT)
    assert response.status_code == 200
    units = {r["单位编码"] for r in sheet_rows(response.content, "单位")}
    people = {r["姓名"] for r in sheet_rows(response.content, "人员")}
    assert units == {world.housing.code}
    assert people == {"孙副局长"}
    assignments = sheet_rows(response.content, "任职")
    assert {r["人员编号"] for r in assignments} == {world.housing_person.code}
    after: Any = AuditEvent.objects.get(action="org.export.downloaded").after
    assert after["counts"]["people"] == 1


def test_export_masks_id_numbers(world, admin_client, admin_user):
    number = id_number()
    rows = {
        "人员": [{"人员编号": world.clerk.code, "姓名": "李科员", "性别": "男", "身份证号": number}]
    }
    assert import_workbook(workbook(rows), user=admin_user).ok
    data = admin_client.get(EXPORT).content
    shown = {r["人员编号"]: r["身份证号"] for r in sheet_rows(data, "人员")}
    assert shown[world.clerk.code] == number[:6] + "********" + number[14:]
    assert number.encode() not in data


def test_export_of_a_subtree_and_out_of_scope_unit(world, admin_client):
    data = admin_client.get(EXPORT, {"unit": world.finance.pk}).content
    units = {r["单位编码"] for r in sheet_rows(data, "单位")}
    assert units == {world.finance.code, world.sub_unit.code}
    client = Client()
    client.force_login(world.users["collector"])
    assert client.get(EXPORT, {"unit": world.finance.pk}).status_code == 404
    assert client.get(EXPORT, {"unit": "abc"}).status_code == 404


def test_an_export_imports_again_cleanly(world, admin_user):
    kinds = KeyPostKind.objects.filter(code__in=["leadership", "penalty"])
    world.post_director.key_kinds.set(kinds)
    Unit.objects.filter(pk=world.finance.pk).update(main_leader=world.director)
    Department.objects.filter(pk=world.budget.pk).update(leader_in_charge=world.director)
    data, _counts = export_workbook(admin_user)
    before = counts()
    outcome = import_workbook(data, user=admin_user)
    assert outcome.ok, problems(outcome)
    assert counts() == before
    assert all(c["created"] == 0 and c["updated"] == 0 for c in outcome.counts.values())

    user = importer(world, world.finance)
    data, _counts = export_workbook(user)
    outcome = import_workbook(data, user=user)
    assert outcome.ok, problems(outcome)


def test_an_export_rebuilds_the_organisation_in_an_empty_database(world, admin_user):
    number = id_number()
    rows = {
        "人员": [{"人员编号": world.clerk.code, "姓名": "李科员", "性别": "男", "身份证号": number}]
    }
    assert import_workbook(workbook(rows), user=admin_user).ok
    world.post_director.key_kinds.set(KeyPostKind.objects.filter(code="leadership"))
    data, exported = export_workbook(admin_user)
    Person.objects.update(post=None, unit=None, department=None, user=None)
    Unit.objects.update(main_leader=None)
    Assignment.objects.all().delete()
    Person.objects.all().delete()
    Post.objects.all().delete()
    Department.objects.filter(parent__isnull=False).delete()
    Department.objects.all().delete()
    RoleAssignment.objects.update(unit=None)
    while Unit.objects.exists():
        Unit.objects.filter(children__isnull=True).delete()
    assert not Unit.objects.exists()
    outcome = import_workbook(data, user=None)
    assert outcome.ok, problems(outcome)
    assert {k: v["created"] for k, v in outcome.counts.items()} == exported
    clerk = Person.objects.get(code=world.clerk.code)
    assert Person.objects.filter(
        pk=clerk.pk, post__code=world.post_budget_clerk.code, department__code=world.budget.code
    ).exists()
    assert not clerk.id_number_masked  # a masked number alone is not registered


# --- pages ----------------------------------------------------------------------------------------


def test_job_page_only_for_its_creator_or_a_system_admin(world):
    owner = importer(world, world.finance, username="owner")
    other = importer(world, world.finance, username="other")
    client = Client()
    client.force_login(owner)
    upload(client, workbook(bad_rows(world)))
    job = ImportJob.objects.get()
    for url in (
        reverse("org:import_job", args=[job.pk]),
        reverse("org:import_errors", args=[job.pk]),
    ):
        assert client.get(url).status_code == 200
        stranger = Client()
        stranger.force_login(other)
        assert stranger.get(url).status_code == 404
        admin = Client()
        admin.force_login(world.users["system_admin"])
        assert admin.get(url).status_code == 200
        cadre = Client()
        cadre.force_login(world.users["cadre"])
        assert cadre.get(url).status_code == 403
    assert client.get(reverse("org:import_job", args=[job.pk + 1000])).status_code == 404


def test_job_page_polls_until_the_job_is_done(world, admin_user, admin_client):
    job = ImportJob.objects.create(file_name="a.xlsx", created_by=admin_user, status="running")
    ImportJob.objects.filter(pk=job.pk).update(total_rows=200, processed_rows=50)
    url = reverse("org:import_job", args=[job.pk])
    page = admin_client.get(url).content.decode()
    assert 'hx-trigger="every 1s"' in page and "<html" in page and "50 / 200" in page
    fragment = admin_client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in fragment and 'hx-trigger="every 1s"' in fragment
    ImportJob.objects.filter(pk=job.pk).update(status="succeeded", result={"counts": {}})
    fragment = admin_client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in fragment and "导入成功" in fragment


def test_errors_report_404_when_the_job_had_none(world, admin_client):
    upload(admin_client, workbook(good_rows(world)))
    job = ImportJob.objects.get()
    assert admin_client.get(reverse("org:import_errors", args=[job.pk])).status_code == 404


def _zip_without_workbook() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "你好")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "text"),
    [
        ("名单.csv", "人员编号,姓名\n1,张三\n".encode(), "请上传 Excel（.xlsx）文件"),
        ("名单.xls", b"\xd0\xcf\x11\xe0" + b"\x00" * 100, "请上传 Excel（.xlsx）文件"),
        ("坏文件.xlsx", b"this is not a workbook", "文件已损坏或不是有效的 Excel"),
        ("压缩包.xlsx", _zip_without_workbook(), "文件已损坏或不是有效的 Excel"),
        ("空.xlsx", b"", "空文件"),
    ],
)
def test_uploads_that_are_not_workbooks_get_a_chinese_error(admin_client, name, content, text):
    response = upload(admin_client, content, name)
    assert response.status_code == 200
    assert text in response.content.decode()
    assert not ImportJob.objects.exists()


def test_import_page_needs_the_import_permission(world, client):
    client.force_login(world.users["discipline_inspector"])
    assert client.get(IMPORT).status_code == 403
    assert client.get(TEMPLATE).status_code == 403
    assert client.get(EXPORT).status_code == 200
    client.logout()
    assert client.get(IMPORT).status_code == 302


def test_import_page_lists_my_recent_jobs(world, admin_client, admin_user):
    ImportJob.objects.create(file_name="上次.xlsx", created_by=admin_user, status="failed")
    ImportJob.objects.create(file_name="别人的.xlsx", created_by=world.users["system_admin"])
    page = admin_client.get(IMPORT).content.decode()
    assert "上次.xlsx" in page and "别人的.xlsx" not in page
    assert 'enctype="multipart/form-data"' in page
