from __future__ import annotations

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _empty_cache():
    # the portal serves pages from the cache: each test starts from an empty one
    cache.clear()
    yield
    cache.clear()
