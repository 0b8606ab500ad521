"""A panel wave at municipal scale: weights, the results page and the SPSS export.

A scratch PostgreSQL database holds one municipality with eight localities and population figures, a
citizen panel of 20,000 members, a survey of 40 questions (scales, single and multiple choice, grids,
numbers and free text) and a wave to a stratified sample of 8,000 members (drawn by
`surveys.waves.draw_sample`; the invitation mails are left out), of whom 3,500 answered. Reported: the
time to rake and store the weights (goal < 1 s), the results page's server time (p50/p95, goal
p95 < 300 ms) and queries, and the time to write the .sav file (goal < 10 s).
Run with `.venv/bin/python bench/run_all.py --only surveys`; `RADSLAG_BENCH_PANEL`, `..._WAVE`,
`..._ANSWERS` scale it down.
"""

from __future__ import annotations

import os
import random
import time
from typing import Any

from scratch_database import (
    BENCH_HOST,
    close_connections,
    create_database,
    drop_database,
    migrate,
    setup_django,
)

DATABASE = "h_surveys_bench"
PANEL = int(os.environ.get("RADSLAG_BENCH_PANEL", "20000"))
WAVE = int(os.environ.get("RADSLAG_BENCH_WAVE", "8000"))
ANSWERS = int(os.environ.get("RADSLAG_BENCH_ANSWERS", "3500"))
QUESTIONS = 40
SEED = 20261205
PLACES = ["Nödinge", "Nol", "Alafors", "Surte", "Bohus", "Älvängen", "Skepplanda", "Alvhem"]
GOALS = {"weights_s": 1.0, "p95_ms": 300.0, "sav_s": 10.0}


def run() -> str:
    url = create_database(DATABASE)
    try:
        migrate(url)
        setup_django(url)
        return _measure()
    finally:
        close_connections()
        drop_database(DATABASE)


def _world(rnd: random.Random) -> tuple[Any, Any, Any]:
    from radslag.accounts.models import Role, User
    from radslag.accounts.tests.factories import user_with_role
    from radslag.core.models import AgeBand, Sex
    from radslag.organisations.models import Locality, Organisation, PopulationFigure
    from radslag.panels.models import Channel, Panel, PanelMember

    org = Organisation.objects.create(name="Ale kommun", slug="ale", hostname=BENCH_HOST)
    staff = user_with_role(org, Role.STAFF, email="analys@bench.example.se")
    places = [Locality.objects.create(organisation=org, name=name) for name in PLACES]
    bands = [b for b in AgeBand if b != AgeBand.UNDER_16]
    PopulationFigure.objects.bulk_create(
        PopulationFigure(organisation=org, year=2025, locality=place, age_band=band, sex=sex,
                         count=rnd.randint(80, 900))
        for place in places for band in bands for sex in (Sex.FEMALE, Sex.MALE))
    panel = Panel.objects.create(organisation=org, name="Medborgarpanelen", description="Enkäter")
    users = User.objects.bulk_create([User(email=f"m{i}@bench.example.se") for i in range(PANEL)],
                                     batch_size=2000)
    now = org.created_at
    PanelMember.objects.bulk_create([
        PanelMember(panel=panel, user=user, joined_at=now, channel=rnd.choice(list(Channel)),
                    age_band=rnd.choice(bands[1:] if rnd.random() < 0.8 else bands),
                    sex=rnd.choice([Sex.FEMALE, Sex.MALE]), locality=rnd.choice(places))
        for user in users], batch_size=2000)
    return org, staff, panel


def _survey(org: Any, staff: Any) -> Any:
    from radslag.surveys import building
    from radslag.surveys.models import Kind, Survey

    survey = building.save_survey(organisation=org, actor=staff, fields={"title": "Ale år 2031", "audience": "panel"})
    kinds = [Kind.SCALE, Kind.SINGLE, Kind.SCALE, Kind.MULTIPLE, Kind.GRID, Kind.SCALE, Kind.NUMBER, Kind.LONG_TEXT]
    for s in range(5):
        section = building.add_section(survey=survey, actor=staff, title=f"Avsnitt {s + 1}")
        for q in range(QUESTIONS // 5):
            number = s * (QUESTIONS // 5) + q + 1
            kind = kinds[number % len(kinds)]
            fields: dict[str, Any] = {"kind": kind, "key": f"q{number}", "text": f"Fråga {number} om livet i Ale?"}
            if kind in (Kind.SCALE, Kind.GRID):
                fields.update(scale_min=0 if number % 2 else 1, scale_max=10 if number % 2 else 5,
                              low_label="Inte alls", high_label="Helt")
            options = "Ja\nNej\nDelvis\nVet inte" if kind in (Kind.SINGLE, Kind.MULTIPLE) else "Dag\nKväll\nNatt"
            building.add_question(section=section, actor=staff, fields=fields, options_text=options)
    building.set_status(survey=survey, actor=staff, status=Survey.Status.OPEN)
    return Survey.objects.get(pk=survey.pk)


def _answer(question: Any, rnd: random.Random) -> list[tuple[int | None, str, str]]:
    from radslag.surveys.models import DONT_KNOW, Kind

    options = list(question.options.all())
    if question.kind == Kind.SINGLE:
        return [(None, rnd.choice(options).value, "")]
    if question.kind == Kind.MULTIPLE:
        return [(None, o.value, "") for o in rnd.sample(options, rnd.randint(1, 3))]
    if question.kind == Kind.NUMBER:
        return [(None, str(rnd.randint(0, 40)), "")]
    if question.kind == Kind.LONG_TEXT:
        return [(None, "", rnd.choice(["Älven", "Naturen och lugnet", "Pendeltåget", "Föreningslivet"]))]
    values = [*question.scale_values(), DONT_KNOW]
    if question.kind == Kind.GRID:
        return [(o.pk, rnd.choice(values), "") for o in options]
    return [(None, rnd.choice(values), "")]


def _wave_with_answers(survey: Any, panel: Any, staff: Any, rnd: random.Random) -> tuple[Any, float]:
    from django.utils import timezone

    from radslag.surveys.models import Answer, Invitation, Question, Response, Source, Wave
    from radslag.surveys.waves import draw_sample, eligible_members, stratum_of

    started = time.perf_counter()
    members = eligible_members(panel, timezone.now())
    chosen = draw_sample(members, WAVE, SEED)
    draw_s = time.perf_counter() - started
    wave = Wave.objects.create(survey=survey, label="Våg 1", sample_size=WAVE, seed=SEED, created_by=staff)
    invitations = Invitation.objects.bulk_create(
        [Invitation(wave=wave, member=m, stratum=stratum_of(m), channel=m.channel) for m in chosen], batch_size=2000)
    answering = rnd.sample(list(zip(invitations, chosen, strict=True)), ANSWERS)
    now = timezone.now()
    responses = Response.objects.bulk_create([
        Response(survey=survey, invitation=inv, wave=wave, source=Source.PANEL, user_id=m.user_id,
                 age_band=m.age_band, sex=m.sex, locality_id=m.locality_id, background_from_panel=True,
                 submitted_at=now) for inv, m in answering], batch_size=2000)
    questions = list(Question.objects.filter(section__survey=survey).prefetch_related("options"))
    rows = [Answer(response=r, question=q, statement_id=statement, value=value, text=text)
            for r in responses for q in questions for statement, value, text in _answer(q, rnd)]
    Answer.objects.bulk_create(rows, batch_size=5000)
    return wave, draw_s


def _measure() -> str:
    from django.test import Client
    from request_timing import NotMeasured, measure

    from radslag.surveys import exports
    from radslag.surveys.models import Answer, Survey
    from radslag.surveys.weighting import ensure_weights

    rnd = random.Random(SEED)
    org, staff, panel = _world(rnd)
    survey = _survey(org, staff)
    _wave, draw_s = _wave_with_answers(survey, panel, staff, rnd)
    from django.db import connection

    with connection.cursor() as cursor:  # table statistics, as autovacuum gathers them soon after a load
        cursor.execute("ANALYZE")
    answers = Answer.objects.filter(response__survey=survey).count()
    Survey.objects.filter(pk=survey.pk).update(weights_for={})
    survey.refresh_from_db()
    started = time.perf_counter()
    report = ensure_weights(survey)
    weights_s = time.perf_counter() - started
    client = Client(HTTP_HOST=BENCH_HOST)
    client.force_login(staff)
    from django.core.cache import cache

    path = f"/personal/enkater/{survey.pk}/resultat/"
    timing = measure(client, path, requests=30)
    cold = measure(client, path, requests=10, warm_ups=1, before=cache.clear)
    fresh = measure(client, path, requests=10, warm_ups=1, before=lambda: _one_more_response(survey, panel, rnd))
    started = time.perf_counter()
    sav = exports.write_sav(survey)
    sav_s = time.perf_counter() - started

    def text(result: Any) -> str:
        if isinstance(result, NotMeasured):
            return f"not measured ({result.reason})"
        return f"p50 {result.p50_ms:.0f} ms, p95 {result.p95_ms:.0f} ms, {result.queries} queries"

    def mark(ok: bool) -> str:
        return "✓" if ok else "✗"

    p95 = float("inf") if isinstance(timing, NotMeasured) else timing.p95_ms
    held = "; ".join(f"{row['variable']} {row['category']} {100 * row['share']:.1f} % weighted against "
                     f"{100 * row['target']:.1f} %" for row in report.get("off_target", [])[:3])
    converged = ("converged" if report.get("converged") else
                 f"did not converge: within the trimming bounds {report.get('trim')} the weights cannot reach the "
                 f"population ({held or 'no group named'}), the largest weighted margin "
                 f"{100 * float(report.get('max_deviation') or 0):.1f} percentage points from its target; the results "
                 f"page names these groups")
    return "\n".join([
        "## Citizen panel survey: weights, results page and SPSS export",
        "",
        f"Panel of {PANEL:,} members, a wave to a stratified sample of {WAVE:,} (drawn in {draw_s * 1000:.0f} ms), "
        f"{ANSWERS:,} responses to {QUESTIONS} questions ({answers:,} answer rows), PostgreSQL. Server time "
        f"in-process with Django's test client (bench/request_timing.py).",
        "",
        "| measure | result | goal |",
        "| --- | --- | --- |",
        f"| raking and storing the weights | {weights_s * 1000:.0f} ms ({report.get('iterations')} rounds, "
        f"deff {report.get('design_effect', 1):.2f}; {converged}) | < 1 s {mark(weights_s < GOALS['weights_s'])} |",
        f"| results page (tables cached until the next answer) | {text(timing)} | p95 < 300 ms "
        f"{mark(p95 < GOALS['p95_ms'])} |",
        f"| results page with the cache emptied (tables recomputed, weights unchanged) | {text(cold)} | – |",
        f"| results page after each new answer (weights raked again, tables recomputed) | {text(fresh)} | – |",
        f"| SPSS .sav export | {sav_s:.2f} s ({len(sav) / 1e6:.1f} MB) | < 10 s {mark(sav_s < GOALS['sav_s'])} |",
    ])


def _one_more_response(survey: Any, panel: Any, rnd: random.Random) -> None:
    """One more member answers every question (so the sent responses, and with them the weights, change)."""
    from django.utils import timezone

    from radslag.surveys.models import Answer, Question, Response, Source

    member = panel.members.order_by("?").first()
    response = Response.objects.create(survey=survey, source=Source.PANEL, user_id=member.user_id,
                                       age_band=member.age_band, sex=member.sex, locality_id=member.locality_id,
                                       background_from_panel=True, submitted_at=timezone.now())
    questions = Question.objects.filter(section__survey=survey).prefetch_related("options")
    Answer.objects.bulk_create(Answer(response=response, question=q, statement_id=statement, value=value, text=text)
                               for q in questions for statement, value, text in _answer(q, rnd))


if __name__ == "__main__":
    print(run())
