"""Keywords as stored ("、"-separated text) and as typed by people (any of 、，,；; or spaces)."""

from __future__ import annotations

import re
from collections.abc import Iterable

SEPARATOR = "、"
_TYPED_SEPARATORS = re.compile(r"[、，,；;\s]+")


def split_keywords(text: str) -> list[str]:
    return [k for k in text.split(SEPARATOR) if k]


def join_keywords(words: Iterable[str]) -> str:
    """Keywords as stored: stripped, without duplicates, in the order given."""
    seen: dict[str, None] = {}
    for word in words:
        word = word.strip()
        if word:
            seen.setdefault(word, None)
    return SEPARATOR.join(seen)


def parse_keywords(typed: str) -> list[str]:
    return list(dict.fromkeys(w for w in _TYPED_SEPARATORS.split(typed) if w))
