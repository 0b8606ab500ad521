import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The recompute debounce lives in the cache; every test starts with none queued."""
    cache.clear()
    yield
    cache.clear()
