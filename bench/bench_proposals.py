"""Aleförslaget at Madrid's scale on PostgreSQL: list, search and proposal pages, and supports through the
full web stack.

The data (SCALE, from RADSLAG_BENCH_PROPOSALS_SCALE, 1.0 = the issue's 50,000 proposals, 500,000 residents
and 2,000,000 supports) is written with SQL `generate_series`, since a model loop would take far longer than
the measurement. Support goes mostly to few proposals (a power law), as in every e-proposal system.

1. Server time of the pages, in process (Django's test client; `request_timing.measure`): the list in each
   sort, Swedish full-text searches, and a popular proposal's page (its supporter breakdown included).
2. Supports through gunicorn + PostgreSQL on loopback: signed-in residents (a session each) post to the
   support endpoint with `Accept: application/json`, many at once to the same few proposals; every
   resident also clicks twice. After the run, for every proposal, the stored supports (rows, and the
   count column) must equal the acknowledged ones.
"""

from __future__ import annotations

import http.client
import json
import os
import random
import secrets
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from scratch_database import (
    BENCH_HOST,
    bench_environment,
    close_connections,
    create_database,
    drop_database,
    migrate,
    setup_django,
)

DATABASE = "h_proposals_bench"
SCALE = float(os.environ.get("RADSLAG_BENCH_PROPOSALS_SCALE", "1.0"))
PROPOSALS = int(50_000 * SCALE)
RESIDENTS = int(500_000 * SCALE)
SUPPORTS = int(2_000_000 * SCALE)
WEB_SUPPORTERS = int(os.environ.get("RADSLAG_BENCH_PROPOSALS_CLIENTS_SUPPORTS", "3000"))
CONCURRENCY = int(os.environ.get("RADSLAG_BENCH_PROPOSALS_CLIENTS", "32"))
ROUNDS = int(os.environ.get("RADSLAG_BENCH_PROPOSALS_ROUNDS", "3"))
WORKERS = int(os.environ.get("GUNICORN_WORKERS", str(min(os.cpu_count() or 2, 4))))
THREADS = int(os.environ.get("GUNICORN_THREADS", "8"))
GOAL_LIST_MS, GOAL_PAGE_MS, GOAL_RATE, GOAL_P99_MS = 100, 50, 500, 200
HOT_PROPOSALS = 20  # the web run's supports go to these collecting proposals
SEARCHES = ("skola", "belysning cykelväg", "lekplats Nödinge", "\"fler bänkar\"")
WORDS = {
    "what": ["belysning", "lekplats", "cykelväg", "bänkar", "utegym", "hundrastgård", "busshållplats",
             "badplats", "konstgräsplan", "papperskorgar", "laddstolpar", "övergångsställe", "fritidsgård",
             "bibliotek", "skolgård", "återvinningsstation", "gångbro", "odlingslotter", "skatepark"],
    "where": ["Nödinge", "Nol", "Alafors", "Surte", "Bohus", "Älvängen", "Skepplanda", "Alvhem",
              "Göta älv", "stationen", "skolan", "centrum", "Vimmersjön", "Mjörn"],
    "why": ["så att barnen kan gå tryggt till skolan", "eftersom det är mörkt på vintern",
            "för att fler ska kunna träffas", "så att äldre orkar ta sig fram",
            "för att minska bilåkandet", "eftersom unga saknar en plats att vara på",
            "så att fler kan pendla med tåg", "för en renare natur"],
}


def run() -> str:
    url = create_database(DATABASE)
    try:
        migrate(url)
        os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(40))
        setup_django(url)
        started = time.perf_counter()
        world = _seed()
        seeded_s = time.perf_counter() - started
        pages = _pages(world)
        web = _web(url, world)
        return _report(world, seeded_s, pages, web)
    finally:
        close_connections()
        drop_database(DATABASE)


@dataclass
class World:
    organisation: Any
    hot: list[int]
    popular: int
    supports: int


def _sql(statement: str, params: list[Any] | None = None) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(statement, params or [])


def _seed() -> World:
    from radslag.organisations.models import Locality, Organisation
    from radslag.proposals.models import ProposalRules
    from radslag.proposals.rules import DEFAULT_OUT_OF_SCOPE

    organisation = Organisation.objects.create(name="Ale kommun", slug="bench", hostname=BENCH_HOST)
    places = Locality.objects.bulk_create(Locality(organisation=organisation, name=n) for n in WORDS["where"][:8])
    rules = ProposalRules.objects.create(organisation=organisation, version=1, threshold_count=150,
                                         out_of_scope=DEFAULT_OUT_OF_SCOPE)
    _users(places)
    _proposals(organisation, rules)
    _supports()
    from radslag.proposals.models import Proposal

    hot = list(Proposal.objects.filter(status="collecting").order_by("-support_count")
               .values_list("pk", flat=True)[:HOT_PROPOSALS])
    popular = Proposal.objects.order_by("-support_count").values_list("pk", flat=True)[0]
    _sql("ANALYZE")
    from radslag.proposals.models import Support

    return World(organisation, hot, popular, Support.objects.count())


def _users(places: list[Any], count: int = RESIDENTS, prefix: str = "invanare") -> None:
    """`count` verified residents, each with a locality and an age band (SQL, all at once)."""
    from radslag.accounts.models import User

    given = {"password", "last_login", "is_superuser", "first_name", "last_name", "is_staff", "is_active",
             "date_joined", "email", "display_name", "verification_level", "age_band", "sex", "locality",
             "personal_number_hash", "birth_year", "id"}
    missing = {f.name for f in User._meta.concrete_fields} - given
    if missing:
        raise RuntimeError(f"the benchmark does not fill the new user fields {sorted(missing)}")
    _sql("""
        INSERT INTO accounts_user (password, is_superuser, first_name, last_name, is_staff, is_active, date_joined,
            email, display_name, verification_level, age_band, sex, locality_id)
        SELECT '!', false, '', '', false, true, now(), %s || g || '@bench.example.se', '', 1,
            (ARRAY['16-19','20-29','30-44','30-44','45-64','45-64','65-79','80+'])[1 + g %% 8], '',
            (%s::int[])[1 + (g * 7) %% %s]
        FROM generate_series(1, %s) AS g""", [prefix, [p.pk for p in places], len(places), count])


def _proposals(organisation: Any, rules: Any) -> None:
    """PROPOSALS over ten years: most answered or ended, a few hundred collecting now."""
    import datetime as dt

    from django.utils import timezone

    from radslag.proposals.models import Proposal

    rng, now = random.Random(14), timezone.now()
    statuses = ["answered"] * 55 + ["period_ended"] * 30 + ["handling"] * 5 + ["refused"] * 5 + ["collecting"] * 5
    batch = []
    for n in range(PROPOSALS):
        what, where, why = rng.choice(WORDS["what"]), rng.choice(WORDS["where"]), rng.choice(WORDS["why"])
        status = rng.choice(statuses)
        age = dt.timedelta(days=rng.uniform(1, 50) if status == "collecting" else rng.uniform(70, 3650))
        submitted = now - age
        accepted = submitted + dt.timedelta(days=1) if status != "refused" else None
        batch.append(Proposal(
            organisation=organisation, rules=rules, status=status, submitted_at=submitted, accepted_at=accepted,
            title=f"{what.capitalize()} i {where}", threshold=150 if accepted else None,
            text=f"Jag föreslår {what} i {where}, {why}. Förslag nummer {n}.",
            closes_at=accepted + dt.timedelta(days=60) if accepted else None,
            answered_at=(accepted + dt.timedelta(days=rng.uniform(70, 200))
                         if accepted and status == "answered" else None),
            outcome=rng.choice(["done", "rejected", "investigating"]) if status == "answered" else "",
            answer="Tack för förslaget. Nämnden har behandlat det." if status == "answered" else ""))
        if len(batch) == 5000:
            Proposal.objects.bulk_create(batch)
            batch = []
    Proposal.objects.bulk_create(batch)


def _supports() -> None:
    """SUPPORTS supports, about four per resident, concentrated on few proposals (u^4 over the ids)."""
    _sql("""
        WITH bounds AS (SELECT min(id) AS first, count(*) AS n FROM proposals_proposal),
             users AS (SELECT min(id) AS first FROM accounts_user)
        INSERT INTO proposals_support (proposal_id, user_id, person_key, tie, age_band, locality_id, wants_news,
                                       created_at)
        SELECT p.id, u.first + (g %% %s), 'user:' || (u.first + (g %% %s)), 'resident', '', NULL, false, now()
        FROM generate_series(0, %s - 1) AS g CROSS JOIN bounds b CROSS JOIN users u
        JOIN proposals_proposal p
          ON p.id = b.first + floor(b.n * power(abs(hashtext(g::text)) / 2147483648.0, 4))::bigint
         AND p.status <> 'refused'
        ON CONFLICT DO NOTHING""", [RESIDENTS, RESIDENTS, SUPPORTS])
    _sql("""UPDATE proposals_support s SET age_band = u.age_band, locality_id = u.locality_id
            FROM accounts_user u WHERE u.id = s.user_id""")
    _sql("""UPDATE proposals_proposal p SET support_count = c.n FROM
            (SELECT proposal_id, count(*) AS n FROM proposals_support GROUP BY proposal_id) c
            WHERE c.proposal_id = p.id""")
    _sql("""UPDATE proposals_proposal SET status = 'threshold_reached', threshold_reached_at = accepted_at
            WHERE status = 'collecting' AND support_count >= threshold""")


def _pages(world: World) -> dict[str, Any]:
    from django.test import Client
    from request_timing import measure

    client = Client(HTTP_HOST=BENCH_HOST)
    results: dict[str, Any] = {}
    for sort in ("supported", "newest", "closing", "answered"):
        results[f"list, {sort}"] = measure(client, f"/forslag/?sort={sort}")
    results["list, collecting, most supported, page 50"] = measure(client, "/forslag/?status=collecting&page=50")
    for query in SEARCHES:
        results[f"search “{query}”"] = measure(client, f"/forslag/?q={query}")
    results["proposal page (most supported)"] = measure(client, f"/forslag/{world.popular}/")
    results[f"proposal page (collecting, {world.hot[0]})"] = measure(client, f"/forslag/{world.hot[0]}/")
    results["statistics"] = measure(client, "/forslag/statistik/", requests=10)
    results["API list"] = measure(client, "/api/proposals")
    return results


@dataclass
class Click:
    proposal: int
    cookie: str
    csrf: str
    acknowledged: bool = False
    latency_ms: float | None = None
    refused: str = ""


def _sessions(count: int, prefix: str) -> list[tuple[str, str]]:
    """Sessions for `count` residents whose e-mail starts with `prefix` (none has supported anything)."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from radslag.accounts.models import User

    out = []
    for user in User.objects.filter(email__startswith=prefix).order_by("pk")[:count]:
        store = SessionStore()
        store[SESSION_KEY], store[BACKEND_SESSION_KEY] = str(user.pk), "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        out.append((store.session_key or "", secrets.token_hex(16)))
    return out


_local = threading.local()


def _post(port: int, click: Click) -> tuple[int, dict[str, Any]]:
    connection = getattr(_local, "connection", None)
    if connection is None:
        connection = _local.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Host": BENCH_HOST, "Accept": "application/json", "X-CSRFToken": click.csrf,
               "Content-Type": "application/x-www-form-urlencoded", "Referer": f"http://{BENCH_HOST}/",
               "Cookie": f"sessionid={click.cookie}; csrftoken={click.csrf}"}
    try:
        connection.request("POST", f"/forslag/{click.proposal}/stod/", body=b"tie=resident", headers=headers)
        response = connection.getresponse()
        return response.status, json.loads(response.read() or b"{}")
    except (OSError, http.client.HTTPException, ValueError):
        connection.close()
        _local.connection = None
        raise


def _web(url: str, world: World) -> dict[str, Any]:
    """ROUNDS rounds of WEB_SUPPORTERS new residents each, on one server; the round with the median
    throughput is reported in full, every round's throughput and p99 beside it (a shared machine's
    neighbours move single runs by a fifth)."""
    from radslag.organisations.models import Locality
    from radslag.proposals.models import Proposal, Support

    places = list(Locality.objects.all())
    prepared = []
    for number in range(ROUNDS):
        prefix = f"webb{number}-"
        _users(places, WEB_SUPPORTERS, prefix)  # residents who have supported nothing yet
        rng = random.Random(2 + number)
        clicks = []
        for cookie, csrf in _sessions(WEB_SUPPORTERS, prefix):
            proposal = world.hot[min(int(len(world.hot) * rng.random() ** 2), len(world.hot) - 1)]
            clicks += [Click(proposal, cookie, csrf), Click(proposal, cookie, csrf)]  # every resident clicks twice
        rng.shuffle(clicks)
        prepared.append(clicks)
    before = dict(Proposal.objects.filter(pk__in=world.hot).values_list("pk", "support_count"))
    close_connections()
    from bench_voting import Server

    server = Server({**os.environ, **bench_environment(url), "SECRET_KEY": os.environ["SECRET_KEY"]})
    rounds: list[dict[str, Any]] = []
    try:
        server.start("/forslag/regler/")
        for clicks in prepared:
            busy_before, client_before = _machine_busy_seconds(), _own_cpu_seconds()
            started = time.perf_counter()
            with ThreadPoolExecutor(CONCURRENCY) as pool:
                list(pool.map(lambda click: _click(server.port, click), clicks))
            seconds = time.perf_counter() - started
            rounds.append({"clicks": clicks, "seconds": seconds, "busy": _machine_busy_seconds() - busy_before,
                           "client_cpu": _own_cpu_seconds() - client_before})
    finally:
        server.stop()
    acknowledged: dict[int, int] = {}
    for clicks in prepared:
        for click in clicks:
            acknowledged[click.proposal] = acknowledged.get(click.proposal, 0) + click.acknowledged
    rows = {pk: Support.objects.filter(proposal_id=pk).count() for pk in world.hot}
    counts = dict(Proposal.objects.filter(pk__in=world.hot).values_list("pk", "support_count"))
    mismatched = [pk for pk in world.hot
                  if not (rows[pk] - before[pk] == counts[pk] - before[pk] == acknowledged.get(pk, 0))]
    by_rate = sorted(rounds, key=lambda r: len(r["clicks"]) / r["seconds"])
    summary = [(len(r["clicks"]) / r["seconds"], _percentile(_latencies(r["clicks"]), 99)) for r in rounds]
    return {**by_rate[len(by_rate) // 2], "mismatched": mismatched, "rounds": summary,
            "acknowledged": sum(acknowledged.values()), "stored": sum(rows[pk] - before[pk] for pk in world.hot),
            "all_clicks": [click for clicks in prepared for click in clicks]}


def _latencies(clicks: list[Click]) -> list[float]:
    return [c.latency_ms for c in clicks if c.latency_ms is not None]


def _machine_busy_seconds() -> float:
    """Processor time the whole machine spent on anything but idling and waiting, in seconds (/proc/stat)."""
    with open("/proc/stat", encoding="ascii") as handle:
        user, nice, system, _idle, _iowait, irq, softirq, steal = (int(v) for v in handle.readline().split()[1:9])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def _own_cpu_seconds() -> float:
    times = os.times()
    return times.user + times.system


def _click(port: int, click: Click) -> None:
    started = time.perf_counter()
    try:
        status, payload = _post(port, click)
    except (OSError, http.client.HTTPException, ValueError) as error:
        click.refused = type(error).__name__
        return
    if status == 201:
        click.acknowledged, click.latency_ms = True, (time.perf_counter() - started) * 1000
    else:
        click.refused = f"HTTP {status}: {payload.get('error', '')[:60]}"
        click.latency_ms = (time.perf_counter() - started) * 1000


def _percentile(samples: list[float], share: int) -> float:
    import statistics

    return statistics.quantiles(samples, n=100, method="inclusive")[share - 1] if len(samples) > 1 else samples[0]


def _verdict(ok: bool) -> str:
    return "yes" if ok else "**no**"


def _report(world: World, seeded_s: float, pages: dict[str, Any], web: dict[str, Any]) -> str:
    from collections import Counter

    from request_timing import Timing

    lines = [
        "## Proposals (Aleförslaget) on PostgreSQL", "",
        f"Scale {SCALE:g} of the issue's: {PROPOSALS:,} proposals, {RESIDENTS:,} residents, {world.supports:,} "
        f"supports stored (of {SUPPORTS:,} generated; a person's duplicates dropped), "
        f"written in {seeded_s:.0f} s with SQL.", "",
        "| page (server time, in process) | p50 | p95 | queries | goal |", "| --- | --- | --- | --- | --- |",
    ]
    for label, timing in pages.items():
        goal = GOAL_PAGE_MS if label.startswith("proposal page") else GOAL_LIST_MS
        if isinstance(timing, Timing):
            lines.append(f"| {label} | {timing.p50_ms:.1f} ms | {timing.p95_ms:.1f} ms | {timing.queries} | "
                         f"p95 < {goal} ms: {_verdict(timing.p95_ms < goal)} |")
        else:
            lines.append(f"| {label} | not measured: {timing.reason} | | | |")
    clicks = web["clicks"]
    latencies = _latencies(clicks)
    rate = len(clicks) / web["seconds"]
    p50, p95, p99 = (_percentile(latencies, share) for share in (50, 95, 99))
    refusals = Counter(c.refused for c in web["all_clicks"] if not c.acknowledged)
    rounds = ", ".join(f"{each_rate:.0f}/s (p99 {each_p99:.0f} ms)" for each_rate, each_p99 in web["rounds"])
    lines += [
        "", f"### Supports through gunicorn ({WORKERS} workers × {THREADS} threads) and PostgreSQL", "",
        f"{len(clicks) // 2:,} signed-in residents each click “support” twice on one of {len(world.hot)} collecting "
        f"proposals (most on the top few), {CONCURRENCY} client threads on loopback; {len(web['rounds'])} rounds of "
        f"new residents on one server, in order: {rounds}. The table gives the round with the median throughput; "
        "the stored counts are checked over all rounds.", "",
        "| measure | value | goal |", "| --- | --- | --- |",
        f"| requests answered | {len(latencies):,} of {len(clicks):,} in {web['seconds']:.1f} s | all |",
        f"| throughput | {rate:.0f} requests/s ({sum(c.acknowledged for c in clicks) / web['seconds']:.0f} supports/s "
        "stored) | "
        f"≥ {GOAL_RATE}: {_verdict(rate >= GOAL_RATE)} |",
        f"| latency p50 / p95 / p99 | {p50:.0f} / {p95:.0f} / {p99:.0f} ms | p99 < {GOAL_P99_MS}: "
        f"{_verdict(p99 < GOAL_P99_MS)} |",
        f"| supports acknowledged / stored (all rounds) | {web['acknowledged']:,} / {web['stored']:,} | equal: "
        f"{_verdict(web['acknowledged'] == web['stored'])} |",
        f"| proposals where rows, count column and acknowledged differ | {len(web['mismatched'])} | 0 |",
        f"| second clicks refused (all rounds) | {'; '.join(f'{n:,} × {why}…' for why, n in refusals.most_common())} "
        f"| one per resident |",
    ]
    cores = os.cpu_count() or 1
    per_request = web["busy"] / len(clicks) * 1000
    client = web["client_cpu"] / len(clicks) * 1000
    lines += [
        "", "Where the processor time went during the run (the whole machine's busy time from /proc/stat, the load "
        "generator's from its own process): the run is bounded by processor time when the machine is busy "
        "nearly all of the wall time.", "",
        "| measure | value |", "| --- | --- |",
        f"| machine busy | {web['busy']:.1f} processor-seconds of {web['seconds'] * cores:.1f} available "
        f"({cores} cores × {web['seconds']:.1f} s): {100 * web['busy'] / (web['seconds'] * cores):.0f} % |",
        f"| per request, all processes | {per_request:.2f} ms (load generator {client:.2f} ms; gunicorn, Django and "
        f"PostgreSQL {per_request - client:.2f} ms) |",
        f"| cores the server side needs for {GOAL_RATE} requests/s at that cost | "
        f"{GOAL_RATE * (per_request - client) / 1000:.1f} (plus the load generator's "
        f"{GOAL_RATE * client / 1000:.1f} when it runs on the same machine) |",
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(run())
