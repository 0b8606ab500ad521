"""Synthetic but realistic data for the platform benchmark: one municipality, one busy process.

Texts are recombined from the demo's Swedish contributions (sentence by sentence), so that full-text
search, stemming and page sizes behave as with real input. Everything is seeded and repeatable.
Django must be set up before this module is imported.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from django.db import connection
from django.utils import timezone

from radslag.accounts.models import Membership, Role, User
from radslag.contributions.models import Channel, Contribution, Relation
from radslag.core.models import AgeBand, Sex
from radslag.dialogues.models import DialogueProcess, ParticipationLevel
from radslag.governance.models import FocusArea, StrategicPlan
from radslag.organisations.models import Body, Locality, Organisation, PopulationFigure

DEMO_DATA = Path(__file__).resolve().parent.parent / "radslag" / "demo" / "data"
LOCALITIES = ["Nödinge", "Nol", "Alafors", "Surte", "Bohus", "Älvängen", "Skepplanda", "Alvhem"]
FOCUS_AREAS = [
    ("hallbar-konsumtion", "Hållbar konsumtion och produktion"),
    ("hallbart-samhallsbyggande", "Hållbart samhällsbyggande"),
    ("lust-att-lara", "Lust att lära"),
    ("medskapande-invanare", "Medskapande invånare"),
    ("minskad-klimatpaverkan", "Minskad klimatpåverkan och ett fossilfritt samhälle"),
    ("sysselsattning-for-alla", "Sysselsättning för alla"),
    ("underlatta-vardagen", "Underlätta vardagen"),
]
CHANNEL_WEIGHTS = {Channel.WEB: 40, Channel.SLIP: 25, Channel.TABLE_NOTE: 15, Channel.INTERVIEW: 8,
                   Channel.LETTER: 5, Channel.SURVEY: 7}
STATUS_WEIGHTS = {Contribution.Status.PUBLISHED: 85, Contribution.Status.PENDING: 10, Contribution.Status.HIDDEN: 5}
AGE_WEIGHTS = {"": 15, AgeBand.AGE_16_19: 6, AgeBand.AGE_20_29: 10, AgeBand.AGE_30_44: 20, AgeBand.AGE_45_64: 25,
               AgeBand.AGE_65_79: 18, AgeBand.AGE_80_PLUS: 6}
FALLBACK_SENTENCES = [
    "Det behövs fler mötesplatser för unga på kvällarna.",
    "Bussen till Göteborg går för sällan på helgerna.",
    "Skolan borde få mer tid för idrott och friluftsliv.",
    "Gång- och cykelvägen mellan orterna tar slut mitt i ingenting.",
    "Bemötandet i kommunhuset är vänligt men handläggningen tar lång tid.",
    "Låt föreningarna låna kommunens lokaler gratis.",
    "Äldre behöver någon att prata med, inte bara hjälp med städning.",
    "Belysningen vid pendelparkeringen är dålig på vintern.",
]


def demo_sentences() -> list[str]:
    """Every distinct sentence of the demo's contributions, or a small built-in set without them."""
    path = DEMO_DATA / "contributions.csv"
    if not path.exists():
        return FALLBACK_SENTENCES
    with path.open(encoding="utf-8", newline="") as handle:
        texts = [row.get("text", "") for row in csv.DictReader(handle)]
    sentences = {part.strip() for text in texts for part in re.split(r"(?<=[.!?”])\s+", text) if part.strip()}
    return sorted(sentences) or FALLBACK_SENTENCES


@dataclass
class Scenario:
    organisation: Organisation
    process: DialogueProcess
    staff: User
    localities: list[Locality]
    focus_areas: list[FocusArea]
    sentences: list[str]


def create_scenario() -> Scenario:
    """A municipality with localities, population, a plan, a staff member and one published process."""
    organisation = Organisation.objects.create(name="Benchkommun", slug="bench", hostname="bench.example.se")
    localities = [Locality.objects.create(organisation=organisation, name=name) for name in LOCALITIES]
    _add_population(organisation, localities)
    plan = StrategicPlan.objects.create(organisation=organisation, title="Strategisk plan", starts=2024, ends=2027)
    areas = [
        FocusArea.objects.create(organisation=organisation, plan=plan, number=n, slug=slug, name=name)
        for n, (slug, name) in enumerate(FOCUS_AREAS, start=1)
    ]
    body = Body.objects.create(organisation=organisation, name="Kommunstyrelsen", kind=Body.Kind.EXECUTIVE_BOARD)
    process = DialogueProcess.objects.create(
        organisation=organisation, title="Det mänskliga mötet", slug="det-manskliga-motet",
        summary="Vad gör ett möte med kommunen bra?", status=DialogueProcess.Status.PUBLISHED,
        published_at=timezone.now() - dt.timedelta(days=400), purpose="Underlag till kommunstyrelsen.",
        open_to_influence="Hur kommunen tar emot invånare.", participation_level=ParticipationLevel.DIALOGUE,
        deciding_body=body, feedback_plan="Vi berättar här vad som hände.", feedback_due=dt.date(2030, 6, 30),
        moderation_rules="Inga personangrepp\nInga personuppgifter om andra",
    )
    process.focus_areas.add(*areas[:3])
    process.localities.add(*localities)
    staff = User.objects.create_user("processledare@bench.example.se", password=None, display_name="Processledare")
    Membership.objects.create(user=staff, organisation=organisation, role=Role.STAFF)
    return Scenario(organisation, process, staff, localities, areas, demo_sentences())


def _add_population(organisation: Organisation, localities: list[Locality]) -> None:
    rng = random.Random(7)
    PopulationFigure.objects.bulk_create(
        PopulationFigure(organisation=organisation, year=2025, locality=locality, age_band=band, sex=sex,
                         count=rng.randint(150, 1400))
        for locality in localities for band in AgeBand.values for sex in (Sex.FEMALE, Sex.MALE)
    )


Choice = TypeVar("Choice", bound=str)


def _weighted(rng: random.Random, weights: dict[Choice, int], k: int) -> list[Choice]:
    return rng.choices(list(weights), weights=list(weights.values()), k=k)


COLUMNS = (
    "organisation_id", "process_id", "channel", "body", "published_body", "language", "status", "hidden_rule",
    "moderation_note", "age_band", "sex", "locality_id", "relation", "external_id", "created_at",
)


def add_contributions(scenario: Scenario, count: int, *, seed: int) -> None:
    """Loads `count` contributions with PostgreSQL's COPY, arriving over 400 days, some tagged with focus areas."""
    rng = random.Random(seed)
    channels = _weighted(rng, CHANNEL_WEIGHTS, count)
    statuses = _weighted(rng, STATUS_WEIGHTS, count)
    ages = _weighted(rng, AGE_WEIGHTS, count)
    now = timezone.now()
    table = Contribution._meta.db_table
    link_table = Contribution.focus_areas.through._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT coalesce(max(id), 0) FROM {table}")  # noqa: S608  (a model's table name)
        (last_id,) = cursor.fetchone()
        with cursor.cursor.copy(f"COPY {table} ({', '.join(COLUMNS)}) FROM STDIN") as copy:
            for channel, status, age in zip(channels, statuses, ages, strict=True):
                copy.write_row(_row(scenario, rng, channel=channel, status=status, age_band=age, now=now))
        cursor.execute(f"SELECT id FROM {table} WHERE id > %s ORDER BY id", [last_id])  # noqa: S608
        ids = [row[0] for row in cursor.fetchall()]
        with cursor.cursor.copy(f"COPY {link_table} (contribution_id, focusarea_id) FROM STDIN") as copy:
            for contribution_id in ids:
                for area in rng.sample(scenario.focus_areas, rng.choice((0, 1, 1, 2))):
                    copy.write_row((contribution_id, area.pk))
        # As autovacuum would have done by the time anyone reads the pages.
        cursor.execute(f"VACUUM ANALYZE {table}")
        cursor.execute(f"VACUUM ANALYZE {link_table}")


def _row(
    scenario: Scenario, rng: random.Random, *, channel: str, status: str, age_band: str, now: dt.datetime
) -> tuple[object, ...]:
    body = " ".join(rng.sample(scenario.sentences, rng.randint(1, 4)))
    redacted = status == Contribution.Status.PUBLISHED and rng.random() < 0.03
    locality = rng.choice([*scenario.localities, None])
    return (
        scenario.organisation.pk, scenario.process.pk, channel, body,
        (body[: len(body) // 2] + " [uppgift borttagen]") if redacted else "", "sv", status,
        "Inga personangrepp" if status == Contribution.Status.HIDDEN else "", "", age_band,
        rng.choice((Sex.FEMALE, Sex.MALE, Sex.FEMALE, Sex.OTHER, "")), locality.pk if locality else None,
        rng.choice([*Relation.values, ""]), "", now - dt.timedelta(seconds=rng.uniform(0, 400 * 86400)),
    )
