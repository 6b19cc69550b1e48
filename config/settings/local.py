"""The embedded defaults used by `make run`: SQLite and Huey on SQLite in data/, plain HTTP on
127.0.0.1. A secret key is generated once into data/secret_key unless SECRET_KEY is set."""

import os
import secrets
from collections.abc import Callable

from cryptography.fernet import Fernet

from .base import *  # noqa: F403
from .base import DATA_DIR

DATA_DIR.mkdir(parents=True, exist_ok=True)


def _local_secret(env_name: str, filename: str, make: Callable[[], str]) -> str:
    if os.environ.get(env_name):
        return os.environ[env_name]
    path = DATA_DIR / filename
    if not path.exists():
        path.write_text(make())
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _local_secret("SECRET_KEY", "secret_key", lambda: secrets.token_urlsafe(50))
FIELD_ENCRYPTION_KEY = _local_secret(
    "FIELD_ENCRYPTION_KEY", "field_key", lambda: Fernet.generate_key().decode()
)
