"""The 工作日历 pages: administrators add, edit, delete and confirm (each leaving an audit event);
everyone else gets 403; no input, however malformed, causes a 500 or writes anything."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from lianjing.core.models import AuditEvent, CalendarDay, CalendarYear

pytestmark = pytest.mark.django_db

CALENDAR = reverse("core:calendar")
CREATE = reverse("core:calendar_day_create")
CONFIRM = reverse("core:calendar_year_confirm")
UNCONFIRM = reverse("core:calendar_year_unconfirm")
SEED = reverse("core:calendar_seed")


def _counts() -> tuple[int, int, int]:
    return CalendarDay.objects.count(), CalendarYear.objects.count(), AuditEvent.objects.count()


def _day(d: date) -> CalendarDay:
    return CalendarDay.objects.get(date=d)


# --- access --------------------------------------------------------------------------------------


def _all_urls() -> list[tuple[str, str]]:
    pk = _day(date(2026, 10, 1)).pk
    return [
        ("get", CALENDAR),
        ("get", CREATE),
        ("post", CREATE),
        ("get", reverse("core:calendar_day_edit", args=[pk])),
        ("post", reverse("core:calendar_day_edit", args=[pk])),
        ("post", reverse("core:calendar_day_delete", args=[pk])),
        ("get", CONFIRM),
        ("post", CONFIRM),
        ("post", UNCONFIRM),
        ("post", SEED),
    ]


def test_cadre_gets_403_everywhere(cadre_client):
    before = _counts()
    for method, url in _all_urls():
        response = getattr(cadre_client, method)(url, {"year": "2026"})
        assert response.status_code == 403, url
    assert _counts() == before


def test_anonymous_is_sent_to_login(client):
    for method, url in _all_urls():
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert "/accounts/login/" in response["Location"]


# --- the calendar page ---------------------------------------------------------------------------


def test_calendar_page_shows_the_year_and_its_days(admin_client):
    response = admin_client.get(CALENDAR, {"year": "2026"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "2026 年" in html
    assert "已确认" in html
    assert "国庆节调休上班" in html
    assert "2026-10-10" in html
    assert "星期六" in html
    assert 'data-confirm="' in html
    assert response.context["list"].page_obj.paginator.count == 39


def test_calendar_page_defaults_to_the_current_year(admin_client):
    response = admin_client.get(CALENDAR)
    assert response.status_code == 200
    assert response.context["year"] == timezone.localdate().year


def test_unconfirmed_year_says_deadlines_are_estimated(admin_client):
    response = admin_client.get(CALENDAR, {"year": "2031"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "未确认" in html
    assert "估算" in html
    assert "该年度尚未录入节假日与调休" in html


@pytest.mark.parametrize(
    "year", ["abc", "99999", "-1", "", "1999", "2026.5", "9" * 40, "２０２６x", "0x7e6"]
)
def test_invalid_year_parameter_is_a_field_error_not_a_500(admin_client, year):
    response = admin_client.get(CALENDAR, {"year": year})
    assert response.status_code == 200
    errors = response.context["year_form"].errors["year"]
    assert any("年度" in e for e in errors)
    assert response.context["year"] == timezone.localdate().year


def test_calendar_export(admin_client):
    response = admin_client.get(CALENDAR, {"year": "2026", "export": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "calendar-2026" in response["Content-Disposition"]


# --- 期限计算 -------------------------------------------------------------------------------------


def test_deadline_over_national_day(admin_client):
    response = admin_client.get(CALENDAR, {"start": "2026-09-30", "days": "1"})
    assert response.status_code == 200
    assert response.context["deadline"].date == date(2026, 10, 8)
    assert not response.context["deadline"].estimated
    assert "2026-10-08（星期四）" in response.content.decode()


def test_deadline_into_2027_is_marked_estimated(admin_client):
    response = admin_client.get(CALENDAR, {"start": "2026-12-28", "days": "7"})
    assert response.status_code == 200
    assert response.context["deadline"].date == date(2027, 1, 6)
    assert response.context["deadline"].estimated
    assert "估算" in response.content.decode()


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"start": "abc", "days": "1"}, "start", "请输入有效的日期"),
        ({"start": "2026-02-30", "days": "1"}, "start", "请输入有效的日期"),
        ({"start": "", "days": ""}, "start", "请填写日期"),
        ({"start": "", "days": ""}, "days", "请填写工作日数"),
        ({"start": "2026-09-30", "days": "1" * 30}, "days", "不能大于"),
        ({"start": "2026-09-30", "days": "-99999"}, "days", "不能小于"),
        ({"start": "2026-09-30", "days": "七"}, "days", "应为整数"),
        ({"start": "9999-12-31", "days": "5"}, "start", "年度应在"),
        ({"start": "0001-01-01", "days": "-5"}, "start", "年度应在"),
    ],
)
def test_deadline_garbage_is_a_field_error(admin_client, params, field, message):
    response = admin_client.get(CALENDAR, params)
    assert response.status_code == 200
    assert "deadline" not in response.context
    errors = response.context["deadline_form"].errors[field]
    assert any(message in e for e in errors)


# --- add, edit, delete ---------------------------------------------------------------------------


def test_admin_adds_a_holiday(admin_client, admin_user):
    data = {"date": "2031-10-01", "kind": "holiday", "name": "国庆节"}
    response = admin_client.post(CREATE, data)
    assert response.status_code == 302
    assert response["Location"] == f"{CALENDAR}?year=2031"
    day = _day(date(2031, 10, 1))
    assert (day.kind, day.source) == ("holiday", "manual")
    event = AuditEvent.objects.get(action="core.calendar_day.created")
    assert event.actor_id == admin_user.pk
    assert (event.after or {})["date"] == "2031-10-01"


def test_create_form_page_renders(admin_client):
    response = admin_client.get(CREATE)
    assert response.status_code == 200
    assert "调休上班" in response.content.decode()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({}, "date", "请填写日期"),
        ({}, "kind", "请选择类型"),
        ({"date": "", "kind": "", "name": ""}, "date", "请填写日期"),
        ({"date": "2031/13/45", "kind": "holiday", "name": "x"}, "date", "请输入有效的日期"),
        ({"date": "01-10-2031", "kind": "holiday", "name": "x"}, "date", "请输入有效的日期"),
        ({"date": "99999-01-01", "kind": "holiday", "name": "x"}, "date", "请输入有效的日期"),
        ({"date": "1" * 500, "kind": "holiday", "name": "x"}, "date", "请输入有效的日期"),
        ({"date": "1999-10-01", "kind": "holiday", "name": "x"}, "date", "年度应在"),
        ({"date": "2031-10-01", "kind": "bogus", "name": "x"}, "kind", "请选择“节假日"),
        ({"date": "2031-10-01", "kind": "holiday", "name": "长" * 51}, "name", "不能超过 50"),
        ({"date": "2026-10-01", "kind": "holiday", "name": "国庆节"}, "date", "已有记录"),
        ({"date": "2031-03-03", "kind": "workday", "name": "补班"}, "kind", "星期六或星期日"),
        ({"date": "2031-03-03", "kind": "holiday", "name": ""}, "name", "请填写节假日名称"),
    ],
)
def test_create_garbage_gives_chinese_field_errors_and_writes_nothing(
    admin_client, data, field, message
):
    before = _counts()
    response = admin_client.post(CREATE, data)
    assert response.status_code == 200
    errors = response.context["form"].errors[field]
    assert any(message in e for e in errors), errors
    assert message in response.content.decode()
    assert _counts() == before


def test_admin_edits_a_package_row(admin_client, admin_user):
    day = _day(date(2026, 10, 10))
    url = reverse("core:calendar_day_edit", args=[day.pk])
    page = admin_client.get(url)
    assert page.status_code == 200
    assert 'value="2026-10-10"' in page.content.decode()
    response = admin_client.post(url, {"date": "2026-10-10", "kind": "workday", "name": "补班"})
    assert response.status_code == 302
    day.refresh_from_db()
    assert (day.name, day.source) == ("补班", "manual")
    event = AuditEvent.objects.get(action="core.calendar_day.updated")
    assert event.actor_id == admin_user.pk
    assert (event.before or {})["name"] == "国庆节调休上班"
    assert (event.after or {})["name"] == "补班"


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"date": "2026-10-11", "kind": "holiday", "name": "x"}, "date", ""),
        ({"date": "2026-09-20", "kind": "workday", "name": "x"}, "date", "已有记录"),
        ({"date": "2026-10-09", "kind": "workday", "name": "x"}, "kind", "星期六或星期日"),
        ({"date": "tomorrow", "kind": "workday", "name": "x"}, "date", "请输入有效的日期"),
        ({"date": "2026-10-10", "kind": "<script>", "name": "x"}, "kind", "请选择"),
    ],
)
def test_edit_garbage_writes_nothing(admin_client, data, field, message):
    day = _day(date(2026, 10, 10))
    url = reverse("core:calendar_day_edit", args=[day.pk])
    before = _counts()
    response = admin_client.post(url, data)
    if not message:  # a valid move to another free date: the control case
        assert response.status_code == 302
        return
    assert response.status_code == 200
    assert any(message in e for e in response.context["form"].errors[field])
    assert _counts() == before
    day.refresh_from_db()
    assert (day.date, day.source) == (date(2026, 10, 10), "chinese-calendar")


@pytest.mark.parametrize("pk", [0, 999_999, 10**25])
def test_missing_rows_are_404(admin_client, pk):
    assert admin_client.get(reverse("core:calendar_day_edit", args=[pk])).status_code == 404
    assert admin_client.post(reverse("core:calendar_day_delete", args=[pk])).status_code == 404


def test_admin_deletes_a_row(admin_client, admin_user):
    day = _day(date(2026, 10, 10))
    response = admin_client.post(reverse("core:calendar_day_delete", args=[day.pk]))
    assert response.status_code == 302
    assert not CalendarDay.objects.filter(date=date(2026, 10, 10)).exists()
    event = AuditEvent.objects.get(action="core.calendar_day.deleted")
    assert event.actor_id == admin_user.pk
    assert event.object_id == str(day.pk)
    follow = admin_client.get(response["Location"])
    assert "已删除" in follow.content.decode()


def test_delete_needs_post(admin_client):
    day = _day(date(2026, 10, 10))
    response = admin_client.get(reverse("core:calendar_day_delete", args=[day.pk]))
    assert response.status_code == 405
    assert CalendarDay.objects.filter(pk=day.pk).exists()


# --- confirm / unconfirm / seed ------------------------------------------------------------------


def test_admin_confirms_a_year(admin_client, admin_user):
    admin_client.post(CREATE, {"date": "2031-01-01", "kind": "holiday", "name": "元旦"})
    page = admin_client.get(CONFIRM, {"year": "2031"})
    assert page.status_code == 200
    assert 'value="2031"' in page.content.decode()
    response = admin_client.post(CONFIRM, {"year": "2031", "note": "国办发明电"})
    assert response.status_code == 302
    record = CalendarYear.objects.get(year=2031)
    assert (record.source, record.note) == ("manual", "国办发明电")
    event = AuditEvent.objects.get(action="core.calendar_year.confirmed")
    assert event.actor_id == admin_user.pk
    assert admin_client.get(CALENDAR, {"year": "2031"}).context["year_record"] == record


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "请填写年度"),
        ({"year": "abc"}, "四位数字"),
        ({"year": "99999"}, "年度应在"),
        ({"year": "9" * 40}, "年度应在"),
        ({"year": "2026"}, "已确认"),
        ({"year": "2031"}, "尚未录入任何节假日"),
    ],
)
def test_confirm_garbage_gives_field_errors(admin_client, data, message):
    before = _counts()
    response = admin_client.post(CONFIRM, data)
    assert response.status_code == 200
    assert any(message in e for e in response.context["form"].errors["year"])
    assert _counts() == before


def test_confirm_note_too_long(admin_client):
    before = _counts()
    response = admin_client.post(CONFIRM, {"year": "2031", "note": "字" * 201})
    assert response.status_code == 200
    assert any("不能超过 200" in e for e in response.context["form"].errors["note"])
    assert _counts() == before


def test_confirm_page_with_garbage_year_still_renders(admin_client):
    assert admin_client.get(CONFIRM, {"year": "abc"}).status_code == 200


def test_admin_unconfirms_a_year(admin_client, admin_user):
    response = admin_client.post(UNCONFIRM, {"year": "2026"})
    assert response.status_code == 302
    assert not CalendarYear.objects.filter(year=2026).exists()
    event = AuditEvent.objects.get(action="core.calendar_year.unconfirmed")
    assert event.actor_id == admin_user.pk
    assert (event.before or {})["year"] == 2026
    follow = admin_client.get(response["Location"])
    assert "未确认" in follow.content.decode()


@pytest.mark.parametrize("year", ["", "abc", "99999", "2031", "9" * 40])
def test_unconfirm_garbage_writes_nothing(admin_client, year):
    before = _counts()
    response = admin_client.post(UNCONFIRM, {"year": year}, follow=True)
    assert response.status_code == 200
    assert "年" in " ".join(str(m) for m in response.context["messages"])
    assert _counts() == before


def test_admin_seeds_from_the_package(admin_client, admin_user):
    CalendarYear.objects.filter(year=2024).delete()
    response = admin_client.post(SEED, follow=True)
    assert response.status_code == 200
    assert CalendarYear.objects.filter(year=2024).exists()
    assert "2024" in response.content.decode()
    assert AuditEvent.objects.get(action="core.calendar.seeded").actor_id == admin_user.pk
