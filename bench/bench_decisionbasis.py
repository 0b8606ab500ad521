"""Decision basis: DOCX and PDF for a process with 10,000 contributions (issue 13: under 10 s each).

A scratch PostgreSQL database holds the platform benchmark's municipality and busy process
(`platform_seed`), with 10,000 contributions, twelve accepted themes coding the published ones, a dot
vote with published results and 2,000 ballots, and a referral with two published council answers.
Each figure is the whole request's work: assembling every part live from the database (the compilation,
the vote count, the council answers) and rendering the file, as the download view does; the same for a
frozen version, which is read from its snapshot instead. Run with
`.venv/bin/python bench/run_all.py --only decisionbasis` (`RADSLAG_BENCH_BASIS_CONTRIBUTIONS` scales it).
"""

from __future__ import annotations

import os
import random
import statistics
import time
from collections.abc import Callable
from typing import Any

from scratch_database import close_connections, create_database, drop_database, migrate, setup_django

DATABASE = "h_basis_bench"
CONTRIBUTIONS = int(os.environ.get("RADSLAG_BENCH_BASIS_CONTRIBUTIONS", "10000"))
THEMES, BALLOTS, REPEATS = 12, 2000, 3
GOAL_S = 10.0


def run() -> str:
    url = create_database(DATABASE)
    try:
        migrate(url)
        setup_django(url)
        return _measure()
    finally:
        try:
            close_connections()
        finally:
            drop_database(DATABASE)


def _themes(scenario: Any) -> None:
    from radslag.contributions.models import Contribution
    from radslag.themes.models import Coding, Theme

    rng = random.Random(3)
    published = list(Contribution.objects.filter(process=scenario.process).published().values_list("pk", flat=True))
    themes = [Theme.objects.create(organisation=scenario.organisation, process=scenario.process, accepted=True,
                                   label=f"Tema {n}: {scenario.sentences[n % len(scenario.sentences)][:60]}",
                                   keywords=["möte", "buss", "skola"], order=n) for n in range(1, THEMES + 1)]
    Coding.objects.bulk_create(
        (Coding(theme=rng.choice(themes), contribution_id=pk, source=Coding.Source.MACHINE, strength=0.8)
         for pk in published), batch_size=2000)


def _vote_and_council(scenario: Any) -> None:
    from django.utils import timezone

    from radslag.councils.models import Consultation, ConsultationAnswer, Council
    from radslag.voting.models import Ballot, CastBallot, Eligibility, Option

    rng = random.Random(5)
    ballot = Ballot.objects.create(organisation=scenario.organisation, process=scenario.process,
                                   title="Vad är viktigast?",
                                   question="Fördela fem prickar.", eligibility=Eligibility.OPEN,
                                   results_published_at=timezone.now())
    keys = [Option.objects.create(ballot=ballot, title=f"Alternativ {n}", order=n).key for n in range(1, 9)]
    CastBallot.objects.bulk_create(
        CastBallot(ballot=ballot, receipt=f"R{n:06d}", idempotency_key=f"{n:032d}",
                   choices={key: 1 for key in rng.sample(keys, 3)}) for n in range(BALLOTS))
    consultation = Consultation.objects.create(
        organisation=scenario.organisation, process=scenario.process, title="Remiss om mötet med kommunen",
        question="Vad anser rådet?", reply_by=timezone.localdate(), sent_at=timezone.now())
    for name in ("Pensionärsrådet", "Ungdomsrådet"):
        council = Council.objects.create(organisation=scenario.organisation, name=name, slug=name.lower())
        consultation.councils.add(council)
        ConsultationAnswer.objects.create(consultation=consultation, council=council, text=f"{name} tillstyrker.",
                                          submitted_at=timezone.now(), published_at=timezone.now())


def _time(work: Callable[[], Any]) -> list[float]:
    seconds = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        work()
        seconds.append(time.perf_counter() - started)
    return seconds


def _measure() -> str:
    from platform_seed import add_contributions, create_scenario

    from radslag.decisionbasis.document import document_for, live_document
    from radslag.decisionbasis.render_docx import render_attachment_docx, render_basis_docx
    from radslag.decisionbasis.render_pdf import render_basis_pdf
    from radslag.decisionbasis.services import freeze_version, save_version, start_basis

    scenario = create_scenario()
    add_contributions(scenario, CONTRIBUTIONS, seed=11)
    _themes(scenario)
    _vote_and_council(scenario)
    version = start_basis(process=scenario.process, actor=scenario.staff)
    render_basis_pdf(live_document(version))  # WeasyPrint's first run loads its fonts; not counted
    rows = {
        "DOCX, draft (assembled live + rendered)": _time(lambda: render_basis_docx(live_document(version))),
        "PDF, draft (assembled live + rendered)": _time(lambda: render_basis_pdf(live_document(version))),
        "Attachment DOCX (the compilation), draft": _time(lambda: render_attachment_docx(live_document(version))),
    }
    import datetime as dt

    from django.utils import timezone

    save_version(version=version, actor=scenario.staff, values={
        "committee": scenario.process.deciding_body, "meeting_date": timezone.localdate() + dt.timedelta(days=7),
        "proposed_decision": "Kommunstyrelsen beslutar att godkänna underlaget.", "child_impact": "Barn berörs."})
    started = time.perf_counter()
    frozen = freeze_version(version=version, actor=scenario.staff)
    freeze_s = time.perf_counter() - started
    rows["DOCX, frozen (from the snapshot)"] = _time(lambda: render_basis_docx(document_for(frozen)))
    rows["PDF, frozen (from the snapshot)"] = _time(lambda: render_basis_pdf(document_for(frozen)))
    return _report(rows, freeze_s, len((frozen.snapshot and str(frozen.snapshot)) or ""))


def _report(rows: dict[str, list[float]], freeze_s: float, snapshot_chars: int) -> str:
    lines = [
        "## Decision basis documents",
        "",
        f"A process with {_n(CONTRIBUTIONS)} contributions (85 % published), {THEMES} themes, a published vote with "
        f"{_n(BALLOTS)} ballots and two published council answers; {REPEATS} runs each. Goal (issue 13): DOCX and "
        f"PDF under {GOAL_S:.0f} s each.",
        "",
        "| document | median | slowest | goal |",
        "| --- | ---: | ---: | --- |",
    ]
    for label, seconds in rows.items():
        goal = "" if "Attachment" in label else ("met" if max(seconds) < GOAL_S else "**missed**")
        lines.append(f"| {label} | {statistics.median(seconds):.2f} s | {max(seconds):.2f} s | {goal} |")
    lines += ["", f"Freezing the version (assembling and storing the snapshot, {_n(snapshot_chars)} characters of "
              f"JSON): {freeze_s:.2f} s."]
    return "\n".join(lines) + "\n"


def _n(number: int) -> str:
    return f"{number:,}".replace(",", "\u202f")
