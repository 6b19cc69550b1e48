import pytest
from django.db import transaction

from lianjing.org.tests.world import World, build_world


@pytest.fixture
def world(db) -> World:
    return build_world()


@pytest.fixture(scope="module")
def shared_world(django_db_setup, django_db_blocker):
    """One world for a whole module of tests that only read it (or whose writes are undone):
    built once in a transaction rolled back after the module; each test runs in a savepoint of
    it, so what a test writes is gone before the next. Building the world per test made the
    access and bad-input harnesses the slowest part of the suite."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)
