"""The municipality's direction: Vision 2031, the strategic plan's seven focus areas, and decisions."""

from __future__ import annotations

import datetime as dt

from radslag.demo.seed.context import DemoContext
from radslag.demo.seed.meetings import KFN_COMMISSIONS_DIALOGUE, meeting_day
from radslag.governance.models import Decision, FocusArea, StrategicPlan, Vision

VISION_TEXT = (
    "År 2031 är Ale en plats där man vill bo kvar och dit man gärna flyttar. Vi är stolta över att våra "
    "orter längs älven har behållit sin egen karaktär samtidigt som de hänger ihop, med tåg, cykelvägar och "
    "en gemensam framtidstro. Vi är stolta över skolor där barn och unga får lust att lära och blir sedda, "
    "över en omsorg som har tid för människan och över att naturen alltid finns nära. Invånarna är med och "
    "formar kommunen, och när vi möter kommunen känner vi oss välkomna och tagna på allvar."
)
VISION_HOW = (
    "Visionen växte fram ur workshoppar med de politiska partierna, samtal i fullmäktige och med "
    "näringslivet, uppgifter som skolelever arbetade med och en enkät där invånarna fick svara på vad de "
    "vill kunna vara stolta över i Ale år 2031."
)

# (number, slug, Swedish name, short description in our own words)
FOCUS_AREAS = (
    (1, "hallbar-konsumtion", "Hållbar konsumtion och produktion",
     "Kommunen och invånarna använder resurser klokt, handlar lokalt och tar vara på det som redan finns."),
    (2, "hallbart-samhallsbyggande", "Hållbart samhällsbyggande",
     "Orterna växer med bostäder, service, grönska och trygga miljöer som hänger ihop."),
    (3, "lust-att-lara", "Lust att lära",
     "Barn, unga och vuxna möter en utbildning och ett kulturliv som väcker nyfikenhet hela livet."),
    (4, "medskapande-invanare", "Medskapande invånare",
     "Invånarna är delaktiga i att utveckla kommunen och får veta vad deras engagemang leder till."),
    (5, "minskad-klimatpaverkan", "Minskad klimatpåverkan och ett fossilfritt samhälle",
     "Utsläppen minskar genom hållbara resor, fossilfri energi och klimatsmarta val."),
    (6, "sysselsattning-for-alla", "Sysselsättning för alla",
     "Fler kommer i arbete eller studier, och det är enkelt att starta och driva företag i Ale."),
    (7, "underlatta-vardagen", "Underlätta vardagen",
     "Kommunens service är lätt att nå, begriplig och utgår från det invånarna behöver i vardagen."),
)


def load_governance(context: DemoContext) -> None:
    organisation = context.organisation
    Vision.objects.create(
        organisation=organisation, title="Vision 2031", target_year=2031, text=VISION_TEXT, how_it_was_made=VISION_HOW
    )
    plan = StrategicPlan.objects.create(
        organisation=organisation, title="Strategisk plan 2024–2027", starts=2024, ends=2027,
        summary="Planen bryter ner Vision 2031 i sju fokusområden som alla nämnder och beslut ska kunna kopplas till.",
    )
    areas = FocusArea.objects.bulk_create(
        FocusArea(organisation=organisation, plan=plan, number=number, slug=slug, name=name, description=text)
        for number, slug, name, text in FOCUS_AREAS
    )
    context.focus_areas = {area.slug: area for area in areas}
    _load_decisions(context)


def _decision(context: DemoContext, key: str, body: str, focus: tuple[str, ...], **fields: object) -> None:
    decision = Decision.objects.create(organisation=context.organisation, body=context.bodies[body], **fields)
    decision.focus_areas.set([context.focus_areas[slug] for slug in focus])
    context.decisions[key] = decision


def _load_decisions(context: DemoContext) -> None:
    _decision(
        context, "ale360_commission", "ks", ("medskapande-invanare",),
        decided_on=dt.date(2018, 2, 6), registration_number="KS 2018/74", section="§ 31",
        title="Uppdrag att genomföra medborgardialogen Ale i 360 grader",
        summary="Kommunstyrelsen ger sektor kommunstyrelsen i uppdrag att med utbildade samtalsledare fråga "
        "invånarna vad som är viktigt för ett gott liv i Ale, och att återkomma till fullmäktige med en "
        "sammanställning som stöd för att välja tema för en första fördjupad dialog.",
    )
    _decision(
        context, "ale360_theme", "kf", ("medskapande-invanare", "underlatta-vardagen"),
        decided_on=dt.date(2019, 6, 17), registration_number="KS 2019/318", section="§ 112",
        title="Val av temaområde för den första medborgardialogen: 9 Det mänskliga mötet",
        summary="Fullmäktige väljer temaområde nummer 9, Det mänskliga mötet, ur perspektivsammanställningen "
        "efter att invånarna prioriterat temana den 6 mars 2019. Dialogen om temat genomförs hösten 2019 och "
        "resultatet redovisas till kommunstyrelsen.",
    )
    _decision(
        context, "ale360_guidance", "ks", ("medskapande-invanare",),
        decided_on=dt.date(2019, 4, 9), registration_number="KS 2019/141", section="§ 67",
        title="Invånarnas prioritering av temaområdena i Ale i 360 grader lämnas till fullmäktige",
        summary="Kommunstyrelsen överlämnar resultatet av prioriteringsmötet den 6 mars 2019 till "
        "kommunfullmäktige som vägledning. Flest röster fick \u201dEn bra skola ger en bra framtid\u201d och "
        "\u201dDet mänskliga mötet\u201d.",
    )
    _decision(
        context, "ale360_result", "ks", ("medskapande-invanare", "underlatta-vardagen"),
        decided_on=dt.date(2020, 6, 9), registration_number="KS 2020/187", section="§ 104",
        title="Redovisning av Ale i 360 grader och expeditionsgruppens slutsatser om det mänskliga mötet",
        summary="Kommunstyrelsen tar emot redovisningen och ger sektor kommunstyrelsen i uppdrag att göra "
        "samtalsledare, dialogkvällar med bordsvärdar och expeditionsgrupper till en del av kommunens "
        "verktygslåda för medborgardialog. Förslagen om tydligare svarstider och brev på enkel svenska "
        "lämnas till kontaktcenter.",
    )
    commissioned = meeting_day(context.today, KFN_COMMISSIONS_DIALOGUE)
    _decision(
        context, "motesplatser_commission", "kfn", ("medskapande-invanare", "hallbart-samhallsbyggande"),
        decided_on=commissioned, registration_number=f"KFN {commissioned.year}/142", section="§ 58",
        title="Uppdrag att föra dialog om mötesplatser i Nödinge centrum",
        summary="Nämnden vill veta hur invånarna använder och vill använda Nödinge centrum innan nämnden "
        "beslutar om inriktningen för biblioteket, torget och lokalerna för föreningar och unga.",
    )
