"""Fixtures shared by every app's tests: the three standard users, a logged-in client factory."""

from __future__ import annotations

import os

import pytest
from django.db import connection

from lianjing.accounts.tests.factories import UserFactory


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
