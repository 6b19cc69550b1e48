"""On PostgreSQL the database itself keeps the audit log append-only: a trigger refuses every
UPDATE and DELETE on core_auditevent (row level) and every TRUNCATE (statement level).

The one exception is TRUNCATE in a test database. pytest-django's transactional tests (live_server
for Playwright, transaction=True) empty the database with a TRUNCATE of every table when they end.
TRUNCATE is let through only when both hold:
  * the session has `SET lianjing.audit_truncate = 'allow'` (the root conftest.py does this for
    every PostgreSQL connection opened by the test suite), and
  * the database is a test database (its name starts with "test_", as Django names them),
so that even a session that sets the flag cannot empty a production log. UPDATE and DELETE are
refused always, tests included; tests that tamper with the chain on purpose disable the trigger
inside their own transaction (ALTER TABLE ... DISABLE TRIGGER USER), which is rolled back.

The trigger stops the application, its bugs and injected SQL; it does not stop the table's owner,
who can disable or drop it. What an owner does is caught by the hash chain (manage.py audit_verify,
with a head recorded outside the system as --anchor).

SQLite has no such guard (the chain and the verifier still apply)."""

from django.db import migrations

CREATE = r"""
CREATE OR REPLACE FUNCTION core_auditevent_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE'
       AND current_setting('lianjing.audit_truncate', true) = 'allow'
       AND current_database() LIKE 'test\_%' THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION '审计日志只允许追加，禁止修改或删除'
        USING DETAIL = format('core_auditevent 上的 %s 操作被数据库拒绝', TG_OP),
              ERRCODE = 'insufficient_privilege';
END;
$$;

DROP TRIGGER IF EXISTS core_auditevent_no_update_delete ON core_auditevent;
CREATE TRIGGER core_auditevent_no_update_delete
    BEFORE UPDATE OR DELETE ON core_auditevent
    FOR EACH ROW EXECUTE FUNCTION core_auditevent_append_only();

DROP TRIGGER IF EXISTS core_auditevent_no_truncate ON core_auditevent;
CREATE TRIGGER core_auditevent_no_truncate
    BEFORE TRUNCATE ON core_auditevent
    FOR EACH STATEMENT EXECUTE FUNCTION core_auditevent_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS core_auditevent_no_truncate ON core_auditevent;
DROP TRIGGER IF EXISTS core_auditevent_no_update_delete ON core_auditevent;
DROP FUNCTION IF EXISTS core_auditevent_append_only();
"""


def _run(sql):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)  # no placeholders: % is literal

    return operation


class Migration(migrations.Migration):
    dependencies = [("core", "0002_seed_calendar")]

    operations = [migrations.RunPython(_run(CREATE), _run(DROP), elidable=False)]
