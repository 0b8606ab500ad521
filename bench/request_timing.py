"""Server time and SQL queries of one page, measured in-process with Django's test client.

Django must be set up before this module is imported.

Before the first page is asked for, everything the process holds is frozen out of the garbage collector (`gc.freeze`),
as config/gunicorn.py does for a worker's preloaded application. Without it, the objects a benchmark made
while filling its database would be walked by every full collection during the measurement, a cost
no server has; what the warm-ups and the measured requests create (templates, URL patterns,
translations, caches) is still collected as it would be in a worker.
"""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import Resolver404, resolve

REQUESTS = 50
WARM_UPS = 5


@dataclass(frozen=True)
class Timing:
    p50_ms: float
    p95_ms: float
    max_ms: float
    queries: int


@dataclass(frozen=True)
class NotMeasured:
    reason: str


def percentile(samples: list[float], share: int) -> float:
    """The `share`th percentile (1–99), interpolated between the nearest samples."""
    return statistics.quantiles(samples, n=100, method="inclusive")[share - 1]


def _refusal(client: Client, path: str) -> str | None:
    """Why the page cannot be measured (no such URL, an error status), or None when it answers 200."""
    try:
        resolve(urlsplit(path).path)
    except Resolver404:
        return f"no URL {urlsplit(path).path} yet"
    response = client.get(path)
    if response.status_code != 200:
        where = f" to {response['Location']}" if response.has_header("Location") else ""
        return f"HTTP {response.status_code}{where}"
    return None


_frozen = False


def _freeze_once() -> None:
    """At the first measurement of the process: freeze what it holds (the application and the benchmark's
    own objects), before any page has been asked for."""
    global _frozen
    if not _frozen:
        gc.collect()
        gc.freeze()
        _frozen = True


def measure(
    client: Client, path: str, *, requests: int = REQUESTS, warm_ups: int = WARM_UPS,
    before: Callable[[], None] = lambda: None,
) -> Timing | NotMeasured:
    """Times `requests` GETs after `warm_ups` untimed ones; queries are counted on one extra request.

    `before` runs ahead of every request, untimed (e.g. to empty a cache, to time the page without it).
    """
    _freeze_once()
    try:
        refusal = _refusal(client, path)
        if refusal:
            return NotMeasured(refusal)
        for _ in range(warm_ups - 1):
            before()
            client.get(path)
        before()
        with CaptureQueriesContext(connection) as captured:
            client.get(path)
        # Read now: the captured list is a view of the connection's log, which the next request clears.
        queries = len(captured.captured_queries)
        samples = []
        for _ in range(requests):
            before()
            started = time.perf_counter()
            client.get(path)
            samples.append((time.perf_counter() - started) * 1000)
    except Exception as error:  # a page under construction may fail; the report says how
        return NotMeasured(f"{error.__class__.__name__}: {error}".splitlines()[0][:200])
    return Timing(
        p50_ms=percentile(samples, 50), p95_ms=percentile(samples, 95), max_ms=max(samples),
        queries=queries,
    )
