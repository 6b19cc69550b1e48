"""Fixtures shared by every app's tests: the three standard users, a logged-in client factory."""

from __future__ import annotations

import os

import pytest
from django.conf import settings
from django.db import connection
from django.db.backends.signals import connection_created
from django.utils import translation

from lianjing.accounts.tests.factories import UserFactory


def _allow_audit_truncate(sender, **kwargs):
    """On PostgreSQL the audit table refuses TRUNCATE (migration core 0003), but transactional
    tests (live_server, transaction=True) empty the test database with TRUNCATE at teardown. This
    session flag lets TRUNCATE (only TRUNCATE, only in a test_ database) through."""
    new_connection = kwargs["connection"]
    if new_connection.vendor == "postgresql":
        with new_connection.cursor() as cursor:
            cursor.execute("SET lianjing.audit_truncate = 'allow'")


connection_created.connect(_allow_audit_truncate, dispatch_uid="lianjing_allow_audit_truncate")


@pytest.fixture(autouse=True)
def _default_language():
    # LocaleMiddleware leaves the request's language active in the thread; a test that switched
    # to English must not change the language of the next one.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _clear_cache():
    # cached pages (the public portal) must not outlive the test that rendered them: after a
    # rollback the next test may reuse the same primary keys
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _clear_working_day_cache():
    from lianjing.core.working_days import clear_cache

    clear_cache()
    yield
    clear_cache()


@pytest.fixture
def admin_user(db):
    return UserFactory.create(username="admin", roles=["system_admin"])


@pytest.fixture
def cadre_user(db):
    return UserFactory.create(username="cadre", roles=["cadre"])


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.fixture
def cadre_client(client, cadre_user):
    client.force_login(cadre_user)
    return client


def pytest_report_header(config):
    return f"database: {os.environ.get('DATABASE_URL') or 'sqlite (in memory)'}"


@pytest.fixture
def is_postgres(db) -> bool:
    return connection.vendor == "postgresql"
