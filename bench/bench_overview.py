"""The elected officials' overview and a focus-area page on PostgreSQL: 200 processes, 100,000 contributions
and 5,000 citizen proposals.

Creates the database `radslag_bench_overview`, migrates it, fills it, measures, and drops it again. Run
with `.venv/bin/python bench/run_all.py --only overview`; `RADSLAG_BENCH_OVERVIEW_PROCESSES`,
`RADSLAG_BENCH_CONTRIBUTIONS` and `RADSLAG_BENCH_OVERVIEW_PROPOSALS` scale it.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import time
from dataclasses import replace
from typing import Any

from scratch_database import BENCH_HOST, close_connections, create_database, drop_database, migrate, setup_django

DATABASE = "radslag_bench_overview"
PROCESSES = int(os.environ.get("RADSLAG_BENCH_OVERVIEW_PROCESSES", "200"))
CONTRIBUTIONS = int(os.environ.get("RADSLAG_BENCH_CONTRIBUTIONS", "100000"))
PROPOSALS = int(os.environ.get("RADSLAG_BENCH_OVERVIEW_PROPOSALS", "5000"))
THEMES_PER_PROCESS, COMMITTEES, MEETINGS_PER_COMMITTEE, DECISIONS = 6, 8, 6, 120
GOAL_MS = 200
COMMITTEE_NAMES = ["Kommunstyrelsen", "Barn- och ungdomsnämnden", "Kultur- och fritidsnämnden",
                   "Samhällsbyggnadsnämnden", "Sektor utbildning", "Socialnämnden", "Miljö- och byggnämnden",
                   "Tekniska nämnden"]


def run() -> str:
    started = time.perf_counter()
    url = create_database(DATABASE)
    try:
        migrate(url)
        setup_django(url)
        setup_s = time.perf_counter() - started
        seeding = time.perf_counter()
        world = _seed()
        seed_s = time.perf_counter() - seeding
        return _report(_measure(world), world, setup_s=setup_s, seed_s=seed_s)
    finally:
        try:
            close_connections()
        finally:
            drop_database(DATABASE)


def _seed() -> dict[str, Any]:
    from platform_seed import create_scenario

    from radslag.accounts.models import Membership, Role, User

    scenario = create_scenario()
    rng = random.Random(13)
    processes = [scenario.process, *_add_processes(scenario, rng)]
    _add_phases_themes_and_answers(scenario, processes, rng)
    _add_meetings_and_decisions(scenario, processes, rng)
    _add_contributions(scenario, processes, rng)
    _add_proposals(scenario, processes, rng)
    official = User.objects.create_user("politiker@bench.example.se", password=None, display_name="Politiker")
    Membership.objects.create(user=official, organisation=scenario.organisation, role=Role.OFFICIAL)
    return {"scenario": scenario, "official": official, "processes": len(processes)}


def _add_processes(scenario: Any, rng: random.Random) -> list[Any]:
    from django.utils import timezone

    from radslag.dialogues.models import DialogueProcess, ParticipationLevel
    from radslag.organisations.models import Body

    organisation = scenario.organisation
    bodies = [Body.objects.get(organisation=organisation, name="Kommunstyrelsen")] + [
        Body.objects.create(organisation=organisation, name=name, kind=Body.Kind.COMMITTEE)
        for name in COMMITTEE_NAMES[1:COMMITTEES]]
    statuses = [DialogueProcess.Status.PUBLISHED] * 6 + [DialogueProcess.Status.CLOSED] * 3 + [
        DialogueProcess.Status.DRAFT]
    created = DialogueProcess.objects.bulk_create(
        DialogueProcess(
            organisation=organisation, title=f"Dialog {n}: {rng.choice(scenario.sentences)[:120]}", slug=f"dialog-{n}",
            status=rng.choice(statuses), published_at=timezone.now() - dt.timedelta(days=rng.randint(1, 700)),
            purpose="Underlag till nämnden.", participation_level=ParticipationLevel.DIALOGUE,
            deciding_body=rng.choice(bodies), feedback_plan="Vi berättar här vad som hände.",
            feedback_due=dt.date(2026, 1, 1) + dt.timedelta(days=rng.randint(-300, 300)),
        )
        for n in range(1, PROCESSES)
    )
    links = DialogueProcess.focus_areas.through
    links.objects.bulk_create(
        links(dialogueprocess_id=process.pk, focusarea_id=area.pk)
        for process in created for area in rng.sample(scenario.focus_areas, rng.choice((0, 1, 1, 2)))
    )
    return created


def _add_phases_themes_and_answers(scenario: Any, processes: list[Any], rng: random.Random) -> None:
    from django.utils import timezone

    from radslag.dialogues.models import Phase
    from radslag.feedback.models import Answer, AnswerStatus
    from radslag.themes.models import Theme

    today = timezone.localdate()
    Phase.objects.bulk_create(
        Phase(process=process, order=n, name=name, starts=today + dt.timedelta(days=offset + 60 * n),
              ends=today + dt.timedelta(days=offset + 60 * n + 59))
        for process in processes for offset in (rng.randint(-200, 60),)
        for n, name in enumerate(("Inspel", "Dialogkvällar", "Analys"))
    )
    themes = Theme.objects.bulk_create(
        Theme(organisation=scenario.organisation, process=process, label=rng.choice(scenario.sentences)[:200],
              order=n, accepted=True)
        for process in processes for n in range(THEMES_PER_PROCESS)
    )
    links = Theme.focus_areas.through
    links.objects.bulk_create(links(theme_id=theme.pk, focusarea_id=rng.choice(scenario.focus_areas).pk)
                              for theme in themes if rng.random() < 0.5)
    Answer.objects.bulk_create(
        Answer(organisation=scenario.organisation, process_id=theme.process_id, theme=theme,
               status=AnswerStatus.IN_PROGRESS, text="Vi arbetar med det.", published_at=timezone.now())
        for theme in themes if rng.random() < 0.4
    )


def _add_meetings_and_decisions(scenario: Any, processes: list[Any], rng: random.Random) -> None:
    from django.utils import timezone

    from radslag.governance.models import BodyMeeting, Decision, DecisionLink
    from radslag.organisations.models import Body

    organisation = scenario.organisation
    today = timezone.localdate()
    bodies = list(Body.objects.filter(organisation=organisation))
    BodyMeeting.objects.bulk_create(
        BodyMeeting(organisation=organisation, body=body, date=today + dt.timedelta(days=30 * n + rng.randint(0, 20)))
        for body in bodies for n in range(-2, MEETINGS_PER_COMMITTEE - 2)
    )
    decisions = Decision.objects.bulk_create(
        Decision(organisation=organisation, body=rng.choice(bodies), decided_on=today - dt.timedelta(days=n),
                 title=f"Beslut {n}", registration_number=f"KS 2026/{n}")
        for n in range(DECISIONS)
    )
    areas = Decision.focus_areas.through
    areas.objects.bulk_create(areas(decision_id=d.pk, focusarea_id=rng.choice(scenario.focus_areas).pk)
                              for d in decisions)
    closed = [p for p in processes if p.status == "closed"]
    DecisionLink.objects.bulk_create(
        DecisionLink(decision=decision, kind="process", object_id=process.pk, role=DecisionLink.Role.OUTCOME)
        for decision, process in zip(decisions, closed, strict=False)
    )


def _add_contributions(scenario: Any, processes: list[Any], rng: random.Random) -> None:
    """The platform bench's rows (recombined demo sentences, every profile field), spread over the processes."""
    from django.db import connection
    from django.utils import timezone
    from platform_seed import AGE_WEIGHTS, CHANNEL_WEIGHTS, COLUMNS, STATUS_WEIGHTS, _row, _weighted

    from radslag.contributions.models import Contribution

    table = Contribution._meta.db_table
    now = timezone.now()
    scenarios = [replace(scenario, process=process) for process in processes]
    weights = [rng.paretovariate(1.2) for _ in processes]  # a few busy processes, many small ones
    owners = rng.choices(scenarios, weights=weights, k=CONTRIBUTIONS)
    channels = _weighted(rng, CHANNEL_WEIGHTS, CONTRIBUTIONS)
    statuses = _weighted(rng, STATUS_WEIGHTS, CONTRIBUTIONS)
    ages = _weighted(rng, AGE_WEIGHTS, CONTRIBUTIONS)
    with connection.cursor() as cursor:
        with cursor.cursor.copy(f"COPY {table} ({', '.join(COLUMNS)}) FROM STDIN") as copy:
            for owner, channel, status, age in zip(owners, channels, statuses, ages, strict=True):
                copy.write_row(_row(owner, rng, channel=channel, status=status, age_band=age, now=now))
        cursor.execute(f"SELECT id FROM {table} ORDER BY id")  # noqa: S608  (a model's table name)
        ids = [row[0] for row in cursor.fetchall()]
        link_table = Contribution.focus_areas.through._meta.db_table
        with cursor.cursor.copy(f"COPY {link_table} (contribution_id, focusarea_id) FROM STDIN") as copy:
            for contribution_id in ids:
                for area in rng.sample(scenario.focus_areas, rng.choice((0, 1, 1, 2))):
                    copy.write_row((contribution_id, area.pk))
        for name in (table, link_table):
            cursor.execute(f"VACUUM ANALYZE {name}")


def _add_proposals(scenario: Any, processes: list[Any], rng: random.Random) -> None:
    """PROPOSALS proposals over five years (most answered or past their period, a few hundred collecting),
    each tied to 0–2 focus areas, one in ten to a process; the supports are counts only (the pages read
    the count, not the supports)."""
    from django.utils import timezone

    from radslag.proposals.models import Proposal, ProposalRules
    from radslag.proposals.rules import DEFAULT_OUT_OF_SCOPE

    organisation, now = scenario.organisation, timezone.now()
    rules = ProposalRules.objects.create(organisation=organisation, version=1, threshold_count=150,
                                         out_of_scope=DEFAULT_OUT_OF_SCOPE)
    statuses = ["answered"] * 50 + ["period_ended"] * 30 + ["handling"] * 5 + ["refused"] * 5 + [
        "collecting"] * 10
    proposals = []
    for n in range(PROPOSALS):
        status = rng.choice(statuses)
        submitted = now - dt.timedelta(days=rng.uniform(1, 50) if status == "collecting" else rng.uniform(70, 1800))
        accepted = submitted + dt.timedelta(days=1)
        public = status != "refused"
        proposals.append(Proposal(
            organisation=organisation, rules=rules, status=status, submitted_at=submitted,
            accepted_at=accepted if public else None,
            title=f"Förslag {n}: {rng.choice(scenario.sentences)[:100]}", text=rng.choice(scenario.sentences),
            threshold=150 if public else None, support_count=int(rng.paretovariate(1.1) * 3) if public else 0,
            closes_at=accepted + dt.timedelta(days=60) if public else None,
            answered_at=accepted + dt.timedelta(days=rng.uniform(70, 200)) if status == "answered" else None,
            outcome=rng.choice(["done", "rejected", "investigating"]) if status == "answered" else "",
            answer="Nämnden har behandlat förslaget." if status == "answered" else "",
            process=rng.choice(processes) if rng.random() < 0.1 else None))
    created = Proposal.objects.bulk_create(proposals, batch_size=1000)
    links = Proposal.focus_areas.through
    links.objects.bulk_create(
        (links(proposal_id=proposal.pk, focusarea_id=area.pk)
         for proposal in created for area in rng.sample(scenario.focus_areas, rng.choice((0, 1, 1, 2)))),
        batch_size=2000)


def _pages(world: dict[str, Any]) -> list[tuple[str, str, str, bool]]:
    """(label, who, path, cache emptied before each request)."""
    area = world["scenario"].focus_areas[3]
    return [
        ("Officials' overview, as an elected official", "official", "/personal/oversikt/", False),
        ("Officials' overview, participation not cached", "official", "/personal/oversikt/", True),
        ("Officials' overview, as staff (with drafts)", "staff", "/personal/oversikt/", False),
        (f"Focus-area page ({area.name})", "public", f"/fokusomraden/{area.slug}/", False),
        ("Vision page", "public", "/styrning/vision/", False),
    ]


def _measure(world: dict[str, Any]) -> list[tuple[str, str, Any, float]]:
    from django.core.cache import cache
    from django.test import Client
    from request_timing import measure

    cache.clear()
    clients = {"public": Client(HTTP_HOST=BENCH_HOST), "official": Client(HTTP_HOST=BENCH_HOST),
               "staff": Client(HTTP_HOST=BENCH_HOST)}
    clients["official"].force_login(world["official"])
    clients["staff"].force_login(world["scenario"].staff)
    results = []
    for label, who, path, cold in _pages(world):
        before = cache.clear if cold else lambda: None
        results.append((label, path, measure(clients[who], path, before=before), _cpu_ms(clients[who], path, before)))
    return results


def _cpu_ms(client: Any, path: str, before: Any, requests: int = 20) -> float:
    """The median CPU time this process spends on one request: Python's share of the server time, which a
    busy machine (other processes on the same cores) inflates far less than the wall-clock time."""
    import statistics

    samples = []
    for _ in range(requests):
        before()
        started = time.process_time()
        client.get(path)
        samples.append((time.process_time() - started) * 1000)
    return statistics.median(samples)


def _report(results: list[tuple[str, str, Any, float]], world: dict[str, Any], *, setup_s: float, seed_s: float) -> str:
    from django.db.models import Count
    from request_timing import REQUESTS, WARM_UPS, NotMeasured

    from radslag.contributions.models import Contribution

    per_process = list(Contribution.objects.values("process_id").annotate(n=Count("*")).values_list("n", flat=True))
    lines = [
        f"## Officials' overview and focus-area page ({world['processes']} processes, {_n(CONTRIBUTIONS)} "
        f"contributions, {_n(PROPOSALS)} proposals)",
        "",
        f"One municipality, {world['processes']} processes (about 60 % ongoing, 30 % closed, 10 % drafts) under "
        f"{COMMITTEES} committees with {MEETINGS_PER_COMMITTEE} meetings each, tied to 0–2 of 7 focus areas; three "
        f"phases and {THEMES_PER_PROCESS} themes per process (about 40 % answered, half tied to a focus area), "
        f"{DECISIONS} decisions; {_n(CONTRIBUTIONS)} contributions spread unevenly (largest process "
        f"{_n(max(per_process))}, median {_n(sorted(per_process)[len(per_process) // 2])}); {_n(PROPOSALS)} "
        f"citizen proposals over five years, each tied to 0–2 focus areas. Server time in-process "
        f"with Django's test client, {REQUESTS} requests after {WARM_UPS} warm-ups (the process's objects from "
        f"filling the database frozen out of the garbage collector first, as a worker's preloaded application "
        f"is, see bench/request_timing.py); queries counted on one request. "
        f"The overview's participation figures are cached for {_participation_minutes()} minutes (local memory "
        f"here, Redis in production); the row “participation not cached” empties the cache before each request. "
        f"Database created and migrated in {setup_s:.0f} s, filled in {seed_s:.0f} s.",
        "",
        "| request | p50 ms | p95 ms | max ms | goal p95 | met | queries | CPU ms (median) |",
        "| --- | ---: | ---: | ---: | ---: | --- | ---: | ---: |",
    ]
    for label, path, timing, cpu_ms in results:
        if isinstance(timing, NotMeasured):
            lines.append(f"| {label} (`{path}`) | not measured: {timing.reason} | | | < {GOAL_MS} | | | |")
            continue
        met = "yes" if timing.p95_ms < GOAL_MS else "**no**"
        lines.append(f"| {label} | {timing.p50_ms:.1f} | {timing.p95_ms:.1f} | {timing.max_ms:.1f} | < {GOAL_MS} "
                     f"| {met} | {timing.queries} | {cpu_ms:.1f} |")
    lines += ["", f"Load average when the measurements ended: {_load()} (on {os.cpu_count()} cores); wall-clock times "
              f"on a shared machine include waiting for a core. The CPU column is this process's own time per "
              f"request (Python and the template; the database's work is in the wall-clock time only)."]
    return "\n".join(lines) + "\n"


def _load() -> str:
    try:
        return ", ".join(f"{value:.1f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


def _participation_minutes() -> int:
    from radslag.overview.officials import PARTICIPATION_SECONDS

    return PARTICIPATION_SECONDS // 60


def _n(number: int) -> str:
    return f"{number:,}".replace(",", "\N{NO-BREAK SPACE}")
