"""Planning (LFA): a 500-node problem tree's page, and a workshop with 60 phones on the shared screen.

A scratch PostgreSQL database holds one organisation, a planning project and a problem tree of 500
statements (one core, 100 effects and 399 causes, each hung under a random earlier one, so the
tree is several levels deep). Measured in-process with Django's test client:

1. the problem tree page (the SVG figure and the nested, editable list) and the figure alone, p95
   server time (goal < 200 ms);
2. a workshop on that tree: 60 simulated phones each send a suggestion every 10 s (6 a second) for
   RADSLAG_BENCH_WORKSHOP_SECONDS (default 60) while a shared screen asks for its JSON every 3 s, as
   `screen.js` does. Reported: p50/p99 server time per suggestion (goal p99 < 200 ms) and how far the
   screen lags behind, from a suggestion's answer to the first screen answer that includes it
   (goal < 5 s). Every phone sends from one address, as a room's phones do behind its Wi-Fi's NAT;
3. the throttle over a whole 30-minute workshop of those 60 phones, on a simulated clock (the same
   decision the phone page makes, 10,800 times in about a second): a full room must never be refused.

Run with `.venv/bin/python bench/run_all.py --only planning`.
"""

from __future__ import annotations

import os
import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from scratch_database import BENCH_HOST, close_connections, create_database, drop_database, migrate, setup_django

DATABASE = "h_planning_bench"
NODES = 500
PHONES = 60
EVERY_S = 10.0
SCREEN_EVERY_S = 3.0
SECONDS = float(os.environ.get("RADSLAG_BENCH_WORKSHOP_SECONDS", "60"))
ROOM_ADDRESS = "10.1.0.1"  # one address for the whole room (a school's or a town hall's Wi-Fi)
FULL_WORKSHOP_S = 30 * 60
TREE_GOAL_MS, SUGGESTION_GOAL_MS, LAG_GOAL_S = 200, 200, 5.0


def _tree(project: Any, organisation: Any, user: Any) -> None:
    """500 statements written straight to the table (the services' per-node audit would take minutes)."""
    from radslag.planning.models import ItemVersion, TreeNode

    rng = random.Random(16)
    core = TreeNode.objects.create(project=project, tree="problem", kind="core", text_sv="Kärnproblemet i bänken")
    effects, causes = [core], [core]
    for n in range(NODES - 1):
        kind = "effect" if n < 100 else "cause"
        pool = effects if kind == "effect" else causes
        node = TreeNode.objects.create(
            project=project, tree="problem", kind=kind, parent=rng.choice(pool[-40:]), position=n,
            text_sv=f"{'Effekt' if kind == 'effect' else 'Orsak'} {n}: invånarna når inte fram till besluten i tid",
            text_en="" if n % 3 else f"Statement {n} in English")
        pool.append(node)
    ItemVersion.objects.bulk_create(ItemVersion(project=project, kind="node", object_id=node.pk, number=1, data={})
                                    for node in TreeNode.objects.filter(project=project))


def _world() -> tuple[Any, Any, Any]:
    from radslag.accounts.models import Membership, Role, User
    from radslag.organisations.models import Organisation
    from radslag.planning import services

    organisation = Organisation.objects.create(name="Ale kommun", slug="ale", hostname=BENCH_HOST)
    user = User.objects.create(email="bench@ale.example", display_name="Bänk")
    Membership.objects.create(user=user, organisation=organisation, role=Role.STAFF)
    project = services.create_project(organisation=organisation, actor=user, title_sv="Bänkprojekt")
    _tree(project, organisation, user)
    return organisation, user, project


def _tree_timings(user: Any, project: Any) -> list[str]:
    from django.test import Client
    from django.urls import reverse
    from request_timing import NotMeasured, measure, percentile

    from radslag.planning import drawing, trees

    client = Client(HTTP_HOST=BENCH_HOST)
    client.force_login(user)
    page = measure(client, reverse("planning:problem_tree", kwargs={"project_pk": project.pk}), requests=40)
    samples = []
    for _n in range(40):
        started = time.perf_counter()
        drawing.tree_svg(drawing.build_tree(trees.nodes_of(project, "problem")), title="Problem tree")
        samples.append((time.perf_counter() - started) * 1000)
    if isinstance(page, NotMeasured):
        return [f"Tree page not measured: {page.reason}"]
    verdict = "meets" if page.p95_ms < TREE_GOAL_MS else "misses"
    return [
        f"| what ({NODES} statements) | p50 ms | p95 ms | max ms | queries |", "| --- | ---: | ---: | ---: | ---: |",
        f"| problem tree page (SVG figure + editable nested list) | {page.p50_ms:.0f} | {page.p95_ms:.0f} | "
        f"{page.max_ms:.0f} | {page.queries} |",
        f"| the SVG figure alone (read, lay out, draw) | {percentile(samples, 50):.0f} | "
        f"{percentile(samples, 95):.0f} | {max(samples):.0f} | 1 |", "",
        f"The page {verdict} the goal of p95 < {TREE_GOAL_MS} ms.", ""]


@dataclass
class Workshop:
    latencies_ms: list[float] = field(default_factory=list)
    answered_at: dict[int, float] = field(default_factory=dict)  # suggestion id -> when its POST answered
    seen: list[tuple[float, int]] = field(default_factory=list)  # (when a screen answer came, newest id in it)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def _phone(number: int, code: str, start: float, state: Workshop) -> None:
    from django.db import connection
    from django.test import Client

    from radslag.planning.models import Suggestion

    client = Client(HTTP_HOST=BENCH_HOST, REMOTE_ADDR=ROOM_ADDRESS)
    rounds = int(SECONDS // EVERY_S)
    for k in range(rounds):
        due = start + number * EVERY_S / PHONES + k * EVERY_S
        time.sleep(max(0.0, due - time.perf_counter()))
        text = f"Telefon {number} förslag {k}"
        began = time.perf_counter()
        response = client.post(f"/planering/workshop/{code}/", {"kind": "cause", "text": text})
        done = time.perf_counter()
        with state.lock:
            if response.status_code != 302:
                state.errors.append(f"phone {number}: HTTP {response.status_code}")
                continue
            state.latencies_ms.append((done - began) * 1000)
        made = Suggestion.objects.filter(text=text).values_list("pk", flat=True).first()
        with state.lock:
            state.answered_at[made or 0] = done
    connection.close()


def _screen(client: Any, path: str, until: float, state: Workshop) -> None:
    from django.db import connection

    while time.perf_counter() < until:
        data = client.get(path).json()
        newest = max((s["id"] for s in data["suggestions"]), default=0)
        with state.lock:
            state.seen.append((time.perf_counter(), newest))
        time.sleep(SCREEN_EVERY_S)
    connection.close()


def _workshop(organisation: Any, user: Any, project: Any) -> list[str]:
    from django.test import Client
    from django.urls import reverse
    from request_timing import percentile

    from radslag.planning import workshops

    workshop = workshops.open_workshop(project=project, actor=user, organisation=organisation, title="Bänk",
                                       board="problem")
    screen = Client(HTTP_HOST=BENCH_HOST)
    screen.force_login(user)
    path = reverse("planning:screen_json", kwargs={"project_pk": project.pk, "workshop_pk": workshop.pk})
    state = Workshop()
    start = time.perf_counter() + 1
    screen_thread = threading.Thread(target=_screen, args=(screen, path, start + SECONDS + 2 * SCREEN_EVERY_S, state))
    screen_thread.start()
    with ThreadPoolExecutor(max_workers=PHONES) as pool:
        for number in range(PHONES):
            pool.submit(_phone, number, workshop.code, start, state)
    screen_thread.join()
    lags = [next((at for at, newest in state.seen if newest >= pk and at >= answered), float("inf")) - answered
            for pk, answered in state.answered_at.items() if pk]
    lag_p99 = percentile(lags, 99) if len(lags) > 1 else float("nan")
    p99 = percentile(state.latencies_ms, 99) if len(state.latencies_ms) > 1 else float("nan")
    return [
        f"{PHONES} phones, one suggestion each every {EVERY_S:.0f} s for {SECONDS:.0f} s "
        f"({len(state.latencies_ms)} suggestions, {len(state.errors)} refused); the screen asks every "
        f"{SCREEN_EVERY_S:.0f} s; the tree on screen has {NODES} statements.", "",
        "| measure | p50 | p99 | max | goal |", "| --- | ---: | ---: | ---: | --- |",
        f"| server time per suggestion (ms) | {percentile(state.latencies_ms, 50):.0f} | {p99:.0f} | "
        f"{max(state.latencies_ms):.0f} | p99 < {SUGGESTION_GOAL_MS} ms |",
        f"| screen behind a suggestion (s) | {percentile(lags, 50):.1f} | {lag_p99:.1f} | {max(lags):.1f} | "
        f"< {LAG_GOAL_S:.0f} s |", "",
        *([f"Refusals: {', '.join(state.errors[:5])}", ""] if state.errors else []),
        *_full_workshop(workshop.code),
    ]


def _full_workshop(code: str) -> list[str]:
    """The throttle's answers for all 60 phones over 30 minutes, on a clock that starts mid-window."""
    from radslag.planning import throttle

    start = (time.time() // 600 + 1000) * 600 + 299  # far from the real run's windows
    refused = sum(bool(throttle.seconds_until_suggestion_allowed(phone=f"bench-{phone}", code=code,
                                                                address=ROOM_ADDRESS, now=start + tick))
                  for tick in range(FULL_WORKSHOP_S) for phone in range(tick % int(EVERY_S), PHONES, int(EVERY_S)))
    sent = PHONES * FULL_WORKSHOP_S // int(EVERY_S)
    verdict = "meets" if not refused else "misses"
    return [f"Over a whole {FULL_WORKSHOP_S // 60}-minute workshop (simulated clock, the phone page's throttle "
            f"decision), the room's {sent} suggestions from one address had {refused} refused: it {verdict} "
            "the goal of none.", ""]


def run() -> str:
    url = create_database(DATABASE)
    try:
        migrate(url)
        setup_django(url)
        organisation, user, project = _world()
        parts = ["## Planning (LFA trees and workshops)", "",
                 "Command: `make bench` (module `bench/bench_planning.py`).", "",
                 "### A problem tree of 500 statements", "", *_tree_timings(user, project),
                 "### A workshop with 60 phones", "", *_workshop(organisation, user, project)]
        close_connections()
    finally:
        drop_database(DATABASE)
    return "\n".join(parts) + "\n"


if __name__ == "__main__":
    print(run())
