"""Test settings: the database comes from DATABASE_URL (SQLite when unset), Huey runs tasks
immediately, and a fast hasher keeps the suite quick (the Argon2 choice is asserted separately on
the production settings)."""

import os

from .base import *  # noqa: F403
from .base import DATABASES, HUEY, PASSWORD_HASHERS

SECRET_KEY = "test-only-secret-key-not-for-production-0123456789abcdef"  # noqa: S105
FIELD_ENCRYPTION_KEY = "dGVzdC1vbmx5LWZpZWxkLWtleS0wMTIzNDU2Nzg5YWI="  # test only
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
HUEY = {**HUEY, "immediate": True}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
# One process: a memory cache, nothing left on disk between runs.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
AXES_FAILURE_LIMIT = 5

# Lets two suites run side by side on one PostgreSQL server (e.g. TEST_DB_NAME=test_lianjing_b).
if os.environ.get("TEST_DB_NAME"):
    DATABASES["default"]["TEST"] = {"NAME": os.environ["TEST_DB_NAME"]}
