"""The embedded defaults used by `make run`: SQLite and Huey on SQLite in data/, plain HTTP on
127.0.0.1. A secret key is generated once into data/secret_key unless SECRET_KEY is set."""

import os
import secrets

from .base import *  # noqa: F403
from .base import DATA_DIR

DATA_DIR.mkdir(parents=True, exist_ok=True)


def _local_secret_key() -> str:
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    path = DATA_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _local_secret_key()
