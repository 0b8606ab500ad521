"""The municipality itself: localities, bodies, population figures, accessibility statement."""

from __future__ import annotations

import csv
import datetime as dt

from radslag.demo.seed.context import DATA_DIR, DemoContext
from radslag.organisations.models import AccessibilityStatement, Body, Locality, Organisation, PopulationFigure

DEMO_SLUG = "ale"
POPULATION_YEAR = 2025

LOCALITIES = (
    "Nödinge", "Nol", "Alafors", "Surte", "Bohus", "Älvängen", "Skepplanda", "Alvhem", "Hålanda", "Starrkärr",
)

PRIVACY_NOTICE = (
    "Ale kommun behandlar det du skriver här för att kunna genomföra medborgardialogen och ta med "
    "invånarnas synpunkter i beslutsunderlaget. Den rättsliga grunden är att behandlingen behövs för en "
    "uppgift av allmänt intresse. Uppgifter om ålder, kön och ort är frivilliga och används bara för att "
    "se vilka grupper som kommit till tals. Ditt inspel blir en allmän handling när det kommer in till "
    "kommunen och hanteras enligt arkivlagen. Frågor om dina uppgifter besvaras av kommunens "
    "dataskyddsombud via dialog@ale.example."
)

BODIES = {
    "kf": ("Kommunfullmäktige", Body.Kind.COUNCIL,
           "Kommunens högsta beslutande organ med 49 ledamöter som väljs vart fjärde år."),
    "ks": ("Kommunstyrelsen", Body.Kind.EXECUTIVE_BOARD,
           "Leder och samordnar kommunens arbete och bereder ärenden till fullmäktige."),
    "un": ("Utbildningsnämnden", Body.Kind.COMMITTEE, "Ansvarar för förskola, grundskola och gymnasium."),
    "kfn": ("Kultur- och fritidsnämnden", Body.Kind.COMMITTEE,
            "Ansvarar för bibliotek, kulturskola, fritidsgårdar och stöd till föreningar."),
    "oan": ("Omsorgs- och arbetsmarknadsnämnden", Body.Kind.COMMITTEE,
            "Ansvarar för äldreomsorg, stöd till personer med funktionsnedsättning och arbetsmarknadsinsatser."),
    "sbn": ("Samhällsbyggnadsnämnden", Body.Kind.COMMITTEE,
            "Ansvarar för detaljplaner, bygglov, gator, parker och trafik."),
    "kpr": ("Kommunala pensionärsrådet", Body.Kind.ADVISORY_COUNCIL,
            "Samrådsorgan mellan kommunen och pensionärsorganisationerna."),
    "rff": ("Rådet för funktionshinderfrågor", Body.Kind.ADVISORY_COUNCIL,
            "Samrådsorgan mellan kommunen och funktionsrättsorganisationerna."),
    "fr": ("Föreningsrådet", Body.Kind.ADVISORY_COUNCIL,
           "Forum där föreningslivet och kommunen möts kring frågor som rör föreningarnas villkor."),
}

ACCESSIBILITY_STATEMENT = (
    "Ale kommun vill att alla ska kunna delta i medborgardialogen, oavsett funktionsförmåga. Webbplatsen "
    "är byggd för att uppfylla WCAG 2.1 på nivå AA och går att använda med tangentbord, skärmläsare och "
    "förstoring. Du kan alltid lämna dina synpunkter på papper vid våra möten, per brev eller genom att "
    "ringa kontaktcenter, och få information i lättläst form eller med tolk om du ber om det. Om något "
    "inte fungerar för dig vill vi gärna veta det så att vi kan rätta till det."
)


def load_municipality(*, today: dt.date, existing: Organisation | None = None) -> DemoContext:
    """Create the municipality, or refill `existing` (an emptied demo kept for its audit trail)."""
    organisation = existing or Organisation(slug=DEMO_SLUG)
    organisation.name = "Ale kommun"
    organisation.hostname = ""
    organisation.default_language = "sv"
    organisation.contact_email = "dialog@ale.example"
    organisation.website = "https://www.ale.se"
    organisation.privacy_notice = PRIVACY_NOTICE
    organisation.save()
    context = DemoContext(organisation=organisation, today=today)
    _load_places_and_bodies(context)
    _load_population(context)
    AccessibilityStatement.objects.create(
        organisation=organisation, body=ACCESSIBILITY_STATEMENT, contact_email="dialog@ale.example",
        contact_phone="0303-33 00 00", assessed_on=today.replace(month=1, day=15),
    )
    return context


def _load_places_and_bodies(context: DemoContext) -> None:
    organisation = context.organisation
    localities = Locality.objects.bulk_create(Locality(organisation=organisation, name=name) for name in LOCALITIES)
    context.localities = {locality.name: locality for locality in localities}
    for key, (name, kind, description) in BODIES.items():
        context.bodies[key] = Body.objects.create(
            organisation=organisation, name=name, kind=kind, description=description
        )


def _load_population(context: DemoContext) -> None:
    """Population figures from data/population.csv (approximations for the demo, not official statistics)."""
    with (DATA_DIR / "population.csv").open(encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        PopulationFigure.objects.bulk_create(
            PopulationFigure(
                organisation=context.organisation, year=POPULATION_YEAR,
                locality=context.localities[row["locality"]], age_band=row["age_band"], sex=row["sex"],
                count=int(row["count"]),
            )
            for row in rows
        )
