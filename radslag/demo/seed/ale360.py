"""Ale i 360 grader (2018–2020): from interviews to the expedition group, as the reference case tells it."""

from __future__ import annotations

import datetime as dt

from radslag.demo.seed.ale360_updates import UPDATES
from radslag.demo.seed.context import DemoContext, local
from radslag.dialogues.models import Activity, DialogueProcess, ParticipationLevel, Phase, ProcessUpdate, Table
from radslag.dialogues.services import close_process

KEY = "ale360"

PHASES = (
    ("Intervjuer", dt.date(2018, 3, 1), dt.date(2018, 11, 30),
     "Elva utbildade samtalsledare intervjuar drygt 200 invånare om vad som gör livet gott i Ale."),
    ("Perspektivsammanställning", dt.date(2018, 12, 1), dt.date(2019, 3, 5),
     "Berättelserna sammanställs i 13 temaområden som alla kan läsa och känna igen sig i."),
    ("Prioritering", dt.date(2019, 3, 6), dt.date(2019, 3, 6),
     "Ett öppet möte där alla som kommer får rösta på vilka teman som är viktigast."),
    ("Fullmäktiges beslut", dt.date(2019, 6, 17), dt.date(2019, 6, 17),
     "Kommunfullmäktige väljer med prioriteringen som vägledning vilket tema den första dialogen ska handla om."),
    ("Dialogkväll", dt.date(2019, 9, 19), dt.date(2019, 9, 30),
     "Invånare, medarbetare och politiker samtalar vid bord om det mänskliga mötet. Den som inte hann säga "
     "allt kan skriva sina tankar på webben till och med den 30 september."),
    ("Expeditionsgruppen", dt.date(2019, 10, 1), dt.date(2020, 3, 31),
     "En grupp på omkring 30 personer fördjupar temat under fyra träffar, från fyra olika håll."),
    ("Avslutning", dt.date(2020, 4, 1), dt.date(2020, 6, 30),
     "Resultatet lämnas till kommunstyrelsen och metoderna blir en del av kommunens verktygslåda."),
)

TABLE_HOSTS = (
    "Fatima Haddad", "Mohammed Ali", "Birgitta Nilsson", "Per Andersson", "Linnea Strand", "Hassan Omar",
    "Ingrid Svensson", "Tomas Wikström", "Amra Hodžić", "Lars Gustafsson", "Helena Björk", "Erik Lund",
)
TABLE_SIZES = (9, 10, 8, 9, 10, 9, 8, 9, 10, 9, 8, 9)


def load_ale360(context: DemoContext) -> None:
    process = DialogueProcess.objects.create(
        organisation=context.organisation, title="Ale i 360 grader", slug="ale-i-360-grader",
        summary="Vad är viktigt för ett gott liv i Ale? Invånarnas berättelser blev 13 teman, invånarna "
        "prioriterade och fullmäktige valde det mänskliga mötet för den första fördjupade dialogen.",
        status=DialogueProcess.Status.PUBLISHED, published_at=local(2018, 2, 20, 9),
        purpose="Att låta invånarnas egna berättelser om livet i Ale styra vad kommunen för dialog om, och att "
        "ge de förtroendevalda ett underlag om vad som är viktigt för invånarna.",
        open_to_influence="Vilka teman som lyfts fram, vilket tema som prioriteras och hur kommunen kan "
        "förbättra mötet mellan invånare och kommun.",
        not_open_to_influence="Kommunens budget och pågående myndighetsbeslut i enskilda ärenden.",
        participation_level=ParticipationLevel.DIALOGUE, deciding_body=context.bodies["kf"],
        commissioning_decision=context.decisions["ale360_commission"],
        target_groups="Alla som bor eller verkar i Ale, med särskild omsorg om att nå unga, nyanlända och "
        "invånare i de mindre orterna.",
        methods="Intervjuer med samtalsledare, öppet prioriteringsmöte med röstning, dialogkväll med "
        "bordsvärdar och lappar följd av två veckors inspel på webben, expeditionsgrupp med fyra träffar, "
        "månadsblad.",
        use_of_results="Resultaten blir en del av beslutsunderlaget till kommunfullmäktige och kommunstyrelsen.",
        feedback_plan="Varje steg redovisas här och i ett månadsblad till alla som anmält sig. Fullmäktiges "
        "beslut och expeditionsgruppens slutsatser publiceras med en beskrivning av vad som händer sedan.",
        feedback_due=dt.date(2020, 6, 30),
        principles="Vi lyssnar för att förstå. Alla berättelser är lika mycket värda. Vi berättar vad som "
        "händer med det ni säger.",
        moderation_rules="Inga personangrepp eller kränkande uttryck\nInga personuppgifter om andra personer\n"
        "Håll dig till ämnet för dialogen\nIngen reklam eller valpropaganda",
        accepts_online_input=False, input_question="Vad är viktigt för ett gott liv i Ale?",
    )
    process.focus_areas.set([context.focus_areas["medskapande-invanare"], context.focus_areas["underlatta-vardagen"]])
    process.localities.set(context.localities.values())
    context.processes[KEY] = process
    phases = Phase.objects.bulk_create(
        Phase(process=process, order=order, name=name, starts=starts, ends=ends, description=text)
        for order, (name, starts, ends, text) in enumerate(PHASES, start=1)
    )
    _load_activities(context, process, phases)
    _load_updates(context, process, phases)


def close_ale360(context: DemoContext) -> DialogueProcess:
    """Ale i 360 grader ended in 2020. Closed last, once its ballot, themes and compilation are in place."""
    return close_process(process=context.processes[KEY], actor=context.users["staff"])


def _activity(context: DemoContext, key: str, **fields: object) -> Activity:
    activity = Activity.objects.create(process=context.processes[KEY], **fields)
    context.activities[(KEY, key)] = activity
    return activity


def _load_activities(context: DemoContext, process: DialogueProcess, phases: list[Phase]) -> None:
    nodinge = context.localities["Nödinge"]
    _activity(
        context, "intervjuer", phase=phases[0], kind=Activity.Kind.INTERVIEW_SERIES,
        title="Samtal om ett gott liv i Ale", starts_at=local(2018, 3, 1, 9), ends_at=local(2018, 11, 30, 17),
        description="Elva samtalsledare träffade invånare i hemmet, på arbetsplatser, i föreningar och på "
        "skolor och skrev ner deras berättelser.", place="I hela kommunen", attendance_count=214,
    )
    _activity(
        context, "prioritering", phase=phases[2], kind=Activity.Kind.OPEN_MEETING,
        title="Prioriteringsmöte: vilka teman är viktigast?", starts_at=local(2019, 3, 6, 18),
        ends_at=local(2019, 3, 6, 20, 30), place="Ale gymnasium, aulan", locality=nodinge,
        accessibility_info="Entré utan trappsteg, hörslinga i aulan.", attendance_count=126,
        description="Alla fick tre röster att lägga på de 13 temaområdena. Flest röster fick "
        "\u201dBra skola ger bra framtid\u201d och \u201dDet mänskliga mötet\u201d.",
    )
    evening = _activity(
        context, "dialogkvall", phase=phases[4], kind=Activity.Kind.DIALOGUE_EVENING,
        title="Dialogkväll om det mänskliga mötet", starts_at=local(2019, 9, 19, 18),
        ends_at=local(2019, 9, 19, 21), place="Ale gymnasium, matsalen", locality=nodinge,
        accessibility_info="Entré utan trappsteg, hörslinga, teckenspråkstolk på plats.",
        attendance_count=sum(TABLE_SIZES),
        description="Invånare, medarbetare och politiker samtalade vid tolv bord, var och ett med en bordsvärd "
        "som ledde samtalet och antecknade. Alla skrev också sina tankar på lappar som samlades in.",
    )
    tables = Table.objects.bulk_create(
        # The hosts of 2019 have no accounts: the demo's table host signs in for the evening of today,
        # and a finished process's evening offers no one a way to enter notes.
        Table(activity=evening, name=f"Bord {number}", host_name=host, participant_count=size)
        for number, (host, size) in enumerate(zip(TABLE_HOSTS, TABLE_SIZES, strict=True), start=1)
    )
    context.tables.update({(KEY, "dialogkvall", table.name): table for table in tables})
    _load_expedition(context, phases[5])


EXPEDITION_PLACE = "Kommunhuset i Nödinge, sal Göta älv"
# (session, date, the angle in the title, the angle in the description, attendance)
EXPEDITION = (
    (1, dt.date(2019, 10, 23), "mötet i omsorgen", "hur äldre och anhöriga möts i hemtjänst och på boenden", 29),
    (2, dt.date(2019, 11, 27), "mötet i skolan", "hur elever och föräldrar blir sedda av skolan", 27),
    (3, dt.date(2020, 1, 29), "att nå kommunen", "hur det är att ringa, mejla och besöka kommunen", 26),
    (4, dt.date(2020, 2, 26), "ungas möten", "hur unga blir bemötta och tillfrågade", 24),
)


def _load_expedition(context: DemoContext, phase: Phase) -> None:
    for number, day, angle, about, attendance in EXPEDITION:
        _activity(
            context, f"expedition-{number}", phase=phase, kind=Activity.Kind.GROUP_SESSION,
            title=f"Expeditionsgruppen, träff {number}: {angle}",
            starts_at=local(day.year, day.month, day.day, 17, 30), ends_at=local(day.year, day.month, day.day, 20),
            place=EXPEDITION_PLACE, locality=context.localities["Nödinge"],
            attendance_count=attendance,
            description=f"Gruppen utforskar det mänskliga mötet med utgångspunkt i {about}.",
        )


def _load_updates(context: DemoContext, process: DialogueProcess, phases: list[Phase]) -> None:
    author = context.users["staff"]
    ProcessUpdate.objects.bulk_create(
        ProcessUpdate(
            process=process, phase=phases[phase_number - 1], title=title, body=body,
            published_at=local(day.year, day.month, day.day, 10), author=author,
            decision=context.decisions.get(decision_key) if decision_key else None,
        )
        for day, phase_number, title, body, decision_key in UPDATES
    )
