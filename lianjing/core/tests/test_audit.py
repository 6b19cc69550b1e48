"""The audit log: the hash chain, the verifier against each kind of tampering, the database guard
on PostgreSQL, the audit pages and the login events."""

from __future__ import annotations

from datetime import timedelta
from io import BytesIO, StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.core.management.color import no_style
from django.db import DatabaseError, connection, models, transaction
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from lianjing.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from lianjing.core.audit import GENESIS_HASH, audit, compute_hash, verify_chain
from lianjing.core.listing import XLSX_CONTENT_TYPE
from lianjing.core.models import AuditEvent

TABLE = "core_auditevent"
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the database guard exists on PostgreSQL only"
)


def make_chain(count: int = 6) -> list[AuditEvent]:
    return [
        audit(
            f"test.thing.step{i}",
            object_type="test.thing",
            object_id=i,
            object_repr=f"测试对象{i}",
            before={"n": i - 1},
            after={"n": i, "名称": "测试", "ratio": 1.5, "big": 1e20},
            ip="10.0.0.1",
        )
        for i in range(count)
    ]


@pytest.fixture
def tamper(db):
    """Run raw SQL against the audit table as an intruder would. On PostgreSQL the append-only
    trigger is switched off first, inside the test's transaction (rolled back afterwards)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ALTER TABLE {TABLE} DISABLE TRIGGER USER")

    def run(sql: str, params: list[Any] | None = None) -> None:
        with connection.cursor() as cursor:
            cursor.execute(sql, params or [])

    return run


def db_value(name: str, value: Any) -> Any:
    field = AuditEvent._meta.get_field(name)
    assert isinstance(field, models.Field)
    return field.get_db_prep_save(value, connection)


def raw_insert(tamper, event: AuditEvent) -> None:
    fields = AuditEvent._meta.concrete_fields
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    values = [f.get_db_prep_save(getattr(event, f.attname), connection) for f in fields]
    tamper(f"INSERT INTO {TABLE} ({columns}) VALUES ({placeholders})", values)


def forged_after(previous: AuditEvent, event_id: int) -> AuditEvent:
    forged = AuditEvent(
        id=event_id,
        created_at=previous.created_at + timedelta(seconds=1),
        actor_name="intruder",
        action="accounts.login.succeeded",
        object_type="accounts.user",
        object_id="1",
        object_repr="伪造",
        ip="10.6.6.6",
        prev_hash=previous.hash,
    )
    forged.hash = compute_hash(forged.prev_hash, forged)
    return forged


def skip_ids(count: int) -> None:
    """Leave a gap in the id sequence, as rolled-back transactions do on PostgreSQL."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{TABLE}', 'id'), "
                f"(SELECT MAX(id) FROM {TABLE}) + %s)",
                [count],
            )
        else:
            cursor.execute(
                "UPDATE sqlite_sequence SET seq = seq + %s WHERE name = %s", [count, TABLE]
            )


def found(report) -> set[tuple[str, int | None]]:
    return {(p.kind, p.event_id) for p in report.problems}


# --- the chain ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_each_event_links_to_the_one_before():
    events = make_chain(4)
    assert events[0].prev_hash == GENESIS_HASH
    for previous, event in zip(events, events[1:], strict=False):
        assert event.prev_hash == previous.hash
    for stored in AuditEvent.objects.order_by("id"):
        assert compute_hash(stored.prev_hash, stored) == stored.hash
    assert AuditEvent.objects.get(pk=events[1].pk).after == {
        "n": 1,
        "名称": "测试",
        "ratio": 1.5,
        "big": 10**20,
    }


@pytest.mark.django_db
def test_event_records_actor_object_values_and_ip(admin_user):
    event = audit(
        "org.unit.created", actor=admin_user, obj=admin_user, after={"name": "新单位"}, ip="1.2.3.4"
    )
    stored = AuditEvent.objects.get(pk=event.pk)
    assert stored.actor_id == admin_user.pk
    assert stored.actor_name == "admin"
    assert (stored.object_type, stored.object_id) == ("accounts.user", str(admin_user.pk))
    assert stored.after == {"name": "新单位"}
    assert stored.ip == "1.2.3.4"


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)


@pytest.mark.django_db
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(value=json_values, label=st.text(max_size=300))
def test_any_value_survives_the_database_with_its_hash(value, label):
    """Floats such as 1e20 (jsonb turns them into integers), NaN, NUL characters, long texts."""
    event = audit("test.value.recorded", object_repr=label, object_id=label, after={"v": value})
    stored = AuditEvent.objects.get(pk=event.pk)
    assert compute_hash(stored.prev_hash, stored) == stored.hash


# --- the verifier ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_verifier_passes_an_intact_chain():
    events = make_chain()
    report = verify_chain()
    assert report.ok
    assert report.checked == len(events)
    assert (report.head_id, report.head_hash) == (events[-1].id, events[-1].hash)


@pytest.mark.django_db
def test_verifier_passes_an_empty_log():
    report = verify_chain()
    assert report.ok
    assert (report.checked, report.head_id) == (0, None)


@pytest.mark.parametrize(
    ("column", "value"),
    [("action", "accounts.user.deleted"), ("after", {"n": 99, "名称": "篡改"})],
)
def test_verifier_names_an_edited_event(tamper, column, value):
    events = make_chain()
    victim = events[2]
    tamper(
        f"UPDATE {TABLE} SET {connection.ops.quote_name(column)} = %s WHERE id = %s",
        [db_value(column, value), victim.id],
    )
    assert found(verify_chain()) == {("edited", victim.id)}


def test_verifier_names_a_deleted_event(tamper):
    events = make_chain()
    tamper(f"DELETE FROM {TABLE} WHERE id = %s", [events[2].id])
    report = verify_chain()
    assert found(report) == {("deleted", events[3].id)}
    assert f"#{events[1].id} 与 #{events[3].id} 之间" in report.problems[0].message


def test_verifier_names_a_deleted_first_event(tamper):
    events = make_chain()
    tamper(f"DELETE FROM {TABLE} WHERE id = %s", [events[0].id])
    assert found(verify_chain()) == {("deleted", events[1].id)}


def test_verifier_names_reordered_events(tamper):
    """Two rows swap places: each keeps its content, hash and link, but not its position."""
    events = make_chain()
    first, second = events[1].id, events[3].id
    tamper(f"UPDATE {TABLE} SET id = %s WHERE id = %s", [-1, first])
    tamper(f"UPDATE {TABLE} SET id = %s WHERE id = %s", [first, second])
    tamper(f"UPDATE {TABLE} SET id = %s WHERE id = %s", [second, -1])
    assert found(verify_chain()) == {("reordered", first), ("reordered", second)}


def test_verifier_names_neighbours_swapped(tamper):
    events = make_chain()
    first, second = events[4].id, events[5].id
    tamper(f"UPDATE {TABLE} SET id = %s WHERE id = %s", [-1, first])
    tamper(f"UPDATE {TABLE} SET id = %s WHERE id = %s", [first, second])
    tamper(f"UPDATE {TABLE} SET id = %s WHERE id = %s", [second, -1])
    assert found(verify_chain()) == {("reordered", first), ("reordered", second)}


def test_verifier_names_an_event_inserted_between_others(tamper):
    """A forged row with a correct hash and a correct link, slipped into a gap in the ids."""
    before_gap = make_chain(3)
    skip_ids(5)
    after_gap = make_chain(3)
    forged = forged_after(before_gap[-1], before_gap[-1].id + 1)
    assert forged.id < after_gap[0].id
    raw_insert(tamper, forged)
    report = verify_chain()
    assert found(report) == {("inserted", forged.id)}
    assert "插入" in report.problems[0].message


def test_verifier_names_an_event_appended_with_a_wrong_link(tamper):
    events = make_chain()
    forged = forged_after(events[2], events[-1].id + 1)
    raw_insert(tamper, forged)
    assert found(verify_chain()) == {("inserted", forged.id)}


def test_verifier_names_an_event_appended_with_a_made_up_link(tamper):
    events = make_chain()
    forged = forged_after(events[-1], events[-1].id + 1)
    forged.prev_hash = "f" * 64
    forged.hash = compute_hash(forged.prev_hash, forged)
    raw_insert(tamper, forged)
    assert found(verify_chain()) == {("deleted", forged.id)}


def test_anchor_reveals_a_deleted_tail(tamper):
    events = make_chain()
    anchor = events[-1].hash
    tamper(f"DELETE FROM {TABLE} WHERE id >= %s", [events[4].id])
    assert verify_chain().ok  # without an anchor a cut tail cannot be seen
    report = verify_chain(anchor)
    assert found(report) == {("deleted", events[3].id)}
    assert verify_chain(events[2].hash).ok


# --- the command ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_command_prints_the_head_of_an_intact_chain():
    events = make_chain()
    out = StringIO()
    call_command("audit_verify", stdout=out)
    text = out.getvalue()
    assert f"已检查 {len(events)} 条审计事件" in text
    assert f"#{events[-1].id} {events[-1].hash}" in text
    assert "审计链完整" in text


def test_command_fails_and_names_the_event(tamper):
    events = make_chain()
    tamper(f"UPDATE {TABLE} SET action = 'x.y.z' WHERE id = %s", [events[1].id])
    err = StringIO()
    with pytest.raises(CommandError, match="审计链校验未通过"):
        call_command("audit_verify", stdout=StringIO(), stderr=err)
    assert f"审计事件 #{events[1].id}" in err.getvalue()


def test_command_with_anchor_fails_on_a_deleted_tail(tamper):
    events = make_chain()
    tamper(f"DELETE FROM {TABLE} WHERE id = %s", [events[-1].id])
    call_command("audit_verify", stdout=StringIO())
    with pytest.raises(CommandError):
        call_command("audit_verify", anchor=events[-1].hash, stdout=StringIO(), stderr=StringIO())


@pytest.mark.django_db
def test_command_refuses_a_malformed_anchor():
    with pytest.raises(CommandError, match="64 位十六进制"):
        call_command("audit_verify", anchor="not-a-hash", stdout=StringIO())


@pytest.mark.django_db
def test_nightly_task_verifies_and_records_the_result():
    from lianjing.core.tasks import audit_chain_verify_nightly

    events = make_chain(3)
    audit_chain_verify_nightly.call_local()
    recorded = AuditEvent.objects.get(action="core.audit.verified")
    assert recorded.after == {
        "checked": 3,
        "problems": 0,
        "head_id": events[-1].id,
        "head_hash": events[-1].hash,
    }
    assert verify_chain().ok


# --- the database guard (PostgreSQL) --------------------------------------------------------------


@postgresql_only
@pytest.mark.django_db
def test_postgresql_refuses_update_delete_and_truncate():
    events = make_chain(3)
    refused = "审计日志只允许追加，禁止修改或删除"
    statements = [
        (f"UPDATE {TABLE} SET action = 'x' WHERE id = %s", [events[1].id]),
        (f"DELETE FROM {TABLE} WHERE id = %s", [events[1].id]),
        ("SET LOCAL lianjing.audit_truncate = ''; TRUNCATE " + TABLE, []),
    ]
    for sql, params in statements:
        with (
            pytest.raises(DatabaseError, match=refused),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, params or None)
    assert verify_chain().checked == 3
    assert verify_chain().ok
    # The test session's own flag (conftest.py) lets the test runner's flush through.
    with transaction.atomic():
        with connection.cursor() as cursor:
            for sql in connection.ops.sql_flush(no_style(), [TABLE]):
                cursor.execute(sql)
        assert not AuditEvent.objects.exists()
        transaction.set_rollback(True)
    assert AuditEvent.objects.count() == 3


# --- the pages ------------------------------------------------------------------------------------


def audit_url(**params: str) -> str:
    from urllib.parse import urlencode

    return f"{reverse('core:audit_list')}?{urlencode(params)}"


@pytest.fixture
def some_events(admin_user):
    other = UserFactory.create(username="zhangsan")
    return [
        audit("org.unit.created", actor=admin_user, obj=admin_user, after={"名称": "城关镇"}),
        audit(
            "org.unit.updated", actor=other, obj=other, before={"名称": "旧"}, after={"名称": "新"}
        ),
        audit(
            "risks.point.approved",
            actor=other,
            object_type="risks.point",
            object_id=7777,
            object_repr="招投标风险点",
        ),
    ]


def listed(response) -> list[AuditEvent]:
    """The listed events, less the login the test client's force_login recorded."""
    rows = [row["object"] for row in response.context["list"].rows()]
    return [event for event in rows if event.action != "accounts.login.succeeded"]


@pytest.mark.django_db
def test_admin_sees_the_audit_log_newest_first(admin_client, some_events):
    response = admin_client.get(reverse("core:audit_list"))
    assert response.status_code == 200
    assert listed(response) == list(reversed(some_events))
    assert "招投标风险点" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"action": "org.unit"}, [1, 0]),
        ({"action": "org.unit.created"}, [0]),
        ({"action": "org.*"}, [1, 0]),
        ({"actor": "zhang"}, [2, 1]),
        ({"object": "招投标"}, [2]),
        ({"object": "7777"}, [2]),
        ({"object": "risks.point"}, [2]),
        ({"action": "nothing.like.this"}, []),
    ],
)
def test_filters_narrow_the_list(admin_client, some_events, params, expected):
    response = admin_client.get(audit_url(**params))
    assert response.status_code == 200
    assert listed(response) == [some_events[i] for i in expected]


@pytest.mark.django_db
def test_period_filter(admin_client, some_events):
    today = timezone.localdate()
    yesterday, tomorrow = today - timedelta(days=1), today + timedelta(days=1)
    response = admin_client.get(audit_url(date_from=str(today), date_to=str(today)))
    assert len(listed(response)) == 3
    response = admin_client.get(audit_url(date_from=str(tomorrow)))
    assert listed(response) == []
    response = admin_client.get(audit_url(date_to=str(yesterday)))
    assert listed(response) == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"date_from": "2026-02-30"}, "有效的日期"),
        ({"date_from": "yesterday"}, "有效的日期"),
        ({"date_to": "99999-01-01"}, "有效的日期"),
        ({"date_from": "0001-01-01"}, "大于或等于"),
        ({"date_to": "9999-12-31"}, "小于或等于"),
        ({"date_from": "2026-03-02", "date_to": "2026-03-01"}, "结束日期不能早于开始日期"),
        ({"actor": "x" * 500}, "不超过"),
        ({"object": "a\x00b"}, "不允许"),
    ],
)
def test_bad_filter_input_is_answered_in_chinese(admin_client, some_events, params, message):
    response = admin_client.get(audit_url(**params))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert listed(response) == []
    export = admin_client.get(audit_url(export="xlsx", **params))
    assert export.status_code == 200
    assert export["Content-Type"] != XLSX_CONTENT_TYPE


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["999999", "-1", "abc", "9" * 40])
def test_odd_page_numbers_do_not_fail(admin_client, some_events, page):
    assert admin_client.get(audit_url(page=page)).status_code == 200


@pytest.mark.django_db
def test_htmx_refresh_returns_only_the_results(admin_client, some_events):
    response = admin_client.get(
        audit_url(action="org"), HTTP_HX_REQUEST="true", HTTP_HX_TARGET="list-results"
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="list-results"' in body
    assert "<html" not in body
    # the export button in the page header follows the filters (out-of-band swap)
    assert '<span id="list-export" hx-swap-oob="true">' in body
    assert 'href="?action=org&amp;export=xlsx"' in body


@pytest.mark.django_db
def test_export_and_page_links_keep_the_filters(admin_client, admin_user):
    for i in range(30):
        audit("test.page.filled", actor=admin_user, object_repr=f"第{i}条")
    body = admin_client.get(audit_url(action="test.page")).content.decode()
    assert 'href="?action=test.page&amp;export=xlsx"' in body
    assert 'href="?action=test.page&amp;page=2"' in body
    assert "??" not in body


@pytest.mark.django_db
def test_export_keeps_odd_text_as_text(admin_client, admin_user):
    audit("test.odd.text", actor=admin_user, object_repr='=HYPERLINK("http://x")\x01坏')
    response = admin_client.get(audit_url(export="xlsx", action="test.odd"))
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).worksheets[0]
    cell = sheet.cell(row=2, column=7)
    assert (cell.value, cell.data_type) == ('=HYPERLINK("http://x")坏', "s")


@pytest.mark.django_db
def test_export_is_a_real_spreadsheet_of_the_filtered_list(admin_client, some_events):
    response = admin_client.get(audit_url(export="xlsx", action="org.unit"))
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    sheet = load_workbook(BytesIO(response.content), read_only=True).worksheets[0]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0][:4] == ["编号", "时间", "操作人", "操作"]
    assert "修改后" in rows[0]
    assert len(rows) == 3
    assert rows[1][0] == some_events[1].id
    assert any("城关镇" in str(cell) for cell in rows[2])
    exported = AuditEvent.objects.get(action="core.audit.exported")
    assert exported.after == {"filters": {"action": "org.unit"}}


@pytest.mark.django_db
def test_detail_shows_before_and_after_side_by_side(admin_client, some_events):
    event = some_events[1]
    response = admin_client.get(reverse("core:audit_detail", args=[event.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "修改前" in body and "修改后" in body
    assert response.context["changes"] == [
        {"field": "名称", "before": "旧", "after": "新", "changed": True}
    ]
    assert response.context["hash_matches"]


@pytest.mark.django_db
@pytest.mark.parametrize("pk", ["999999", "9" * 30])
def test_detail_of_an_unknown_event_is_not_found(admin_client, pk):
    assert admin_client.get(f"/system/audit/{pk}/").status_code == 404


@pytest.mark.django_db
def test_others_may_not_see_the_audit_log(client, cadre_client, some_events):
    urls = [
        reverse("core:audit_list"),
        audit_url(export="xlsx"),
        reverse("core:audit_detail", args=[some_events[0].pk]),
    ]
    for url in urls:
        assert cadre_client.get(url).status_code == 403
    client.logout()
    response = client.get(reverse("core:audit_list"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


# --- logins ---------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_login_failed_login_and_logout_are_recorded_with_the_address(client):
    user = UserFactory.create(username="wangwu", roles=["cadre"])
    login = reverse("accounts:login")
    ip = {"REMOTE_ADDR": "10.20.30.40"}

    client.post(login, {"username": "wangwu", "password": "wrong-password"}, **ip)
    failed = AuditEvent.objects.get(action="accounts.login.failed")
    assert (failed.actor_id, failed.object_repr, failed.ip) == (None, "wangwu", "10.20.30.40")
    assert failed.after == {"username": "wangwu", "locked_out": False}

    response = client.post(login, {"username": "wangwu", "password": DEFAULT_PASSWORD}, **ip)
    assert response.status_code == 302
    succeeded = AuditEvent.objects.get(action="accounts.login.succeeded")
    assert (succeeded.actor_id, succeeded.ip) == (user.pk, "10.20.30.40")

    client.post(reverse("accounts:logout"), **ip)
    logout = AuditEvent.objects.get(action="accounts.logout")
    assert (logout.actor_id, logout.ip) == (user.pk, "10.20.30.40")
    assert verify_chain().ok
