"""What the public sees changes only when a power is published or revoked. Each such change
bumps a generation number kept in the cache; the portal keys its cached pages by it, so a hit
on an unchanged catalogue reads two cache keys and never the database."""

from __future__ import annotations

from django.core.cache import cache

GENERATION_KEY = "powers:public:generation"


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        # first use, or the cache was cleared: start a fresh generation that no stale page has
        value = cache.get_or_set(GENERATION_KEY, _fresh(), timeout=None)
    return int(value)


def catalogue_changed() -> None:
    """Call after any write that changes what the portal shows."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, _fresh(), timeout=None)


def _fresh() -> int:
    import time

    return time.time_ns() // 1000
