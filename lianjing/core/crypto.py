"""Encryption of sensitive fields (ID numbers). The key is FIELD_ENCRYPTION_KEY (a Fernet key);
`make run` generates one into data/field_key. A keyed hash (HMAC-SHA256) lets the system find a
record by its ID number without decrypting every row."""

from __future__ import annotations

import hashlib
import hmac
from functools import cache

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings


@cache
def _fernet() -> Fernet:
    return Fernet(settings.FIELD_ENCRYPTION_KEY.encode())


def encrypt(value: str) -> str:
    return _fernet().encrypt(value.encode()).decode() if value else ""


def decrypt(token: str) -> str:
    if not token:
        return ""
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        return ""


def blind_index(value: str) -> str:
    if not value:
        return ""
    key = settings.FIELD_ENCRYPTION_KEY.encode()
    return hmac.new(key, value.upper().encode(), hashlib.sha256).hexdigest()
