"""The platform on PostgreSQL with 100,000 contributions: page server times, query counts, bulk import.

Creates the database `radslag_bench`, migrates it, fills it, measures, and drops it again. Run with
`.venv/bin/python bench/run_all.py --only platform`.
"""

from __future__ import annotations

import math
import os
import time
from typing import Any

from scratch_database import BENCH_HOST, close_connections, create_database, drop_database, migrate, setup_django

DATABASE = "radslag_bench"
# The sizes can be shrunk for a quick trial of the harness; the committed figures use the defaults.
SMALL = 1_000
LARGE = int(os.environ.get("RADSLAG_BENCH_CONTRIBUTIONS", "100000"))
IMPORT_ROWS = int(os.environ.get("RADSLAG_BENCH_IMPORT_ROWS", "50000"))
PAGE_GOAL_MS, DASHBOARD_GOAL_MS, IMPORT_GOAL_S = 100, 300, 30
SEARCH_QUERY = "skolan"


def run() -> str:
    started = time.perf_counter()
    url = create_database(DATABASE)
    try:
        migrate(url)
        setup_django(url)
        return _measure_everything(started)
    finally:
        try:
            close_connections()
        finally:
            drop_database(DATABASE)


def _measure_everything(started: float) -> str:
    from platform_import import time_import
    from platform_seed import add_contributions, create_scenario

    setup_s = time.perf_counter() - started
    scenario = create_scenario()
    add_contributions(scenario, SMALL, seed=1)
    small = _measure_pages(scenario)
    seeding = time.perf_counter()
    add_contributions(scenario, LARGE - SMALL, seed=2)
    seed_s = time.perf_counter() - seeding
    large = _measure_pages(scenario)
    imported = time_import(scenario, IMPORT_ROWS)
    return _report(small, large, imported, setup_s=setup_s, seed_s=seed_s)


def _pages(scenario: Any) -> list[tuple[str, str, str, int, bool]]:
    """(label, who, path, goal in ms, cache emptied before each request) for every measured request."""
    from radslag.contributions.models import Contribution

    try:
        from radslag.contributions.views import PAGE_SIZE
    except ImportError:
        PAGE_SIZE = 25  # the list's page size when the view does not say
    slug, pk = scenario.process.slug, scenario.process.pk
    published = Contribution.objects.filter(process=scenario.process).published().count()
    last_page = max(1, math.ceil(published / PAGE_SIZE))
    middle_page, deep_offset = max(1, last_page // 2), min(40_000, published // 2)
    contributions = f"/dialoger/{slug}/inspel/"
    return [
        ("Process page", "public", f"/dialoger/{slug}/", PAGE_GOAL_MS, False),
        ("Contributions, page 1", "public", contributions, PAGE_GOAL_MS, False),
        ("Contributions, page 1, summary not cached", "public", contributions, PAGE_GOAL_MS, True),
        (f"Contributions, middle page ({middle_page})", "public", f"{contributions}?page={middle_page}",
         PAGE_GOAL_MS, False),
        (f"Contributions, last page ({last_page})", "public", f"{contributions}?page={last_page}", PAGE_GOAL_MS, False),
        (f"Contributions, search “{SEARCH_QUERY}”", "public", f"{contributions}?q={SEARCH_QUERY}", PAGE_GOAL_MS,
         False),
        ("Staff dashboard", "staff", f"/personal/processer/{pk}/oversikt/", DASHBOARD_GOAL_MS, False),
        ("API contributions (limit 100)", "public", f"/api/processes/{slug}/contributions?limit=100", PAGE_GOAL_MS,
         False),
        (f"API contributions, deep offset (limit 100, offset {_n(deep_offset)})", "public",
         f"/api/processes/{slug}/contributions?limit=100&offset={deep_offset}", PAGE_GOAL_MS, False),
    ]


def _measure_pages(scenario: Any) -> dict[str, Any]:
    from django.core.cache import cache
    from django.test import Client
    from request_timing import measure

    # What an earlier round cached (the public summary of fewer contributions) must not be measured.
    cache.clear()
    public = Client(HTTP_HOST=BENCH_HOST)
    staff = Client(HTTP_HOST=BENCH_HOST)
    staff.force_login(scenario.staff)
    clients = {"public": public, "staff": staff}
    results: dict[str, Any] = {}
    for label, who, path, goal, cold in _pages(scenario):
        key = label.split(" (")[0]  # the last page's number differs between sizes
        timing = measure(clients[who], path, before=cache.clear if cold else lambda: None)
        results[key] = (label, path, goal, timing)
    return results


def _report(small: dict[str, Any], large: dict[str, Any], imported: Any, *, setup_s: float, seed_s: float) -> str:
    lines = [
        f"## Platform on PostgreSQL ({_n(LARGE)} contributions)",
        "",
        f"One municipality and one published process; contributions spread over six channels, eight localities, "
        f"age bands, sexes and 400 days, 85 % published, 10 % pending, 5 % hidden; population figures for every "
        f"locality, age band and sex. Server time is measured in-process with Django's test client (no network): "
        f"{_requests_note()}. The contribution list's “who has taken part” summary is cached for "
        f"{_summary_minutes()} minutes (local-memory cache here, Redis in production): the cache is emptied before "
        f"each round of measurements, the warm-ups fill it and the timed requests read it; the row “summary not "
        f"cached” empties it before every request, as when it has just expired. Database created and migrated "
        f"in {setup_s:.0f} s; "
        f"{_n(LARGE - SMALL)} more contributions inserted in {seed_s:.0f} s.",
        "",
        f"| request | p50 ms | p95 ms | max ms | goal p95 | met | p95 ms at {_n(SMALL)} | queries at {_n(SMALL)} "
        f"| queries at {_n(LARGE)} |",
        "| --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: |",
    ]
    lines += [_page_row(key, small.get(key), large[key]) for key in large]
    lines += ["", "### Bulk import", "", *_import_lines(imported)]
    return "\n".join(lines) + "\n"


def _n(number: int) -> str:
    """A whole number the Swedish way, with a space between thousands."""
    return f"{number:,}".replace(",", "\N{NO-BREAK SPACE}")


def _summary_minutes() -> int:
    from radslag.contributions.representativeness import PUBLIC_SUMMARY_SECONDS

    return PUBLIC_SUMMARY_SECONDS // 60


def _requests_note() -> str:
    from request_timing import REQUESTS, WARM_UPS

    return f"{REQUESTS} requests each after {WARM_UPS} warm-ups; queries counted on one request"


def _page_row(key: str, small: Any, large: Any) -> str:
    from request_timing import NotMeasured

    label, path, goal, timing = large
    small_timing = small[3] if small else NotMeasured("not run")
    if isinstance(timing, NotMeasured):
        return f"| {label} (`{path}`) | not measured: {timing.reason} | | | < {goal} | | | | |"
    met = "yes" if timing.p95_ms < goal else "**no**"
    small_p95 = "–" if isinstance(small_timing, NotMeasured) else f"{small_timing.p95_ms:.1f}"
    small_queries = "–" if isinstance(small_timing, NotMeasured) else str(small_timing.queries)
    return (
        f"| {label} | {timing.p50_ms:.1f} | {timing.p95_ms:.1f} | {timing.max_ms:.1f} | < {goal} | {met} "
        f"| {small_p95} | {small_queries} | {timing.queries} |"
    )


def _import_lines(imported: Any) -> list[str]:
    if isinstance(imported, str):
        return [f"Not measured: {imported}."]
    met = "yes" if imported.total_s < IMPORT_GOAL_S else "**no**"
    rate = imported.rows / imported.total_s
    return [
        f"A {imported.megabytes:.1f} MB semicolon-separated UTF-8 file of {_n(imported.rows)} rows (text, channel, "
        f"age, sex, locality, focus areas, id) read, checked and stored with `radslag.contributions.imports` "
        f"into the process that already holds {_n(LARGE)} contributions.",
        "",
        "| step | seconds |",
        "| --- | ---: |",
        f"| read and check (`parse_import`) | {imported.parse_s:.1f} |",
        f"| store (`import_contributions`) | {imported.write_s:.1f} |",
        f"| **total** (goal < {IMPORT_GOAL_S} s, met: {met}) | **{imported.total_s:.1f}** ({_n(round(rate))} rows/s) |",
    ]
