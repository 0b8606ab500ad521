"""Processes of today: one open for input with a dialogue evening ahead, and one draft lacking its feedback plan.

Dates are counted from the day the demo is loaded, so that "what happens now" always has something to show:
the current phase spans the load day and the next activity (the dialogue evening) lies ahead of it. Online
input has no activity of its own; an activity that began weeks ago would be listed as the "next" one.
"""

from __future__ import annotations

import datetime as dt

from radslag.demo.seed.context import DemoContext
from radslag.dialogues.models import (
    Activity,
    DialogueProcess,
    ParticipationLevel,
    Phase,
    ProcessUpdate,
    Registration,
    Table,
)

KEY = "motesplatser"
EVENING_IN_DAYS = 14
EVENING_CAPACITY = 40

# (name, first day, last day, description), days counted from today
PHASES = (
    ("Inspel på webben och på plats", -30, 20,
     "Tyck till på webben, på lappar vid biblioteket eller på dialogkvällen."),
    ("Sammanställning", 21, 50, "Alla inspel läses, sorteras i teman och sammanfattas i ett beslutsunderlag."),
    ("Beslut i nämnden", 51, 80, "Kultur- och fritidsnämnden beslutar om inriktningen för centrum."),
    ("Återkoppling", 81, 100, "Vi berättar vad nämnden beslutade och hur era inspel påverkade beslutet."),
)

REGISTERED = (
    "Gunilla Persson", "Ali Rahimi", "Bengt Olsson", "Sofia Lindqvist", "Yusuf Demir", "Marianne Ek",
    "Oskar Falk", "Leila Haidari", "Kjell Åberg", "Emma Sjöberg", "Rolf Håkansson", "Aisha Nur",
    "Ulla Grahn", "Viktor Nyberg", "Elin Sandberg", "Göran Lilja",
)


def load_current(context: DemoContext) -> None:
    process = DialogueProcess.objects.create(
        organisation=context.organisation, title="Mötesplatser i Nödinge centrum", slug="motesplatser-nodinge",
        summary="Hur vill du kunna träffa andra i Nödinge centrum? Biblioteket, torget och lokalerna runt "
        "omkring ska utvecklas, och vi vill höra från dig innan något bestäms.",
        status=DialogueProcess.Status.PUBLISHED, published_at=context.days_from_today(-30, 8),
        purpose="Att ta reda på hur invånare i olika åldrar använder och vill använda centrum, så att "
        "nämndens beslut om inriktningen bygger på deras behov.",
        open_to_influence="Vad biblioteket och torget ska erbjuda, öppettider, vilka grupper lokalerna ska "
        "prioritera och hur platsen görs trygg och tillgänglig.",
        not_open_to_influence="Att biblioteket ligger kvar i centrum och den budgetram som redan är beslutad.",
        participation_level=ParticipationLevel.DIALOGUE, deciding_body=context.bodies["kfn"],
        commissioning_decision=context.decisions["motesplatser_commission"],
        target_groups="Alla som rör sig i Nödinge centrum, särskilt unga, äldre och föreningar.",
        methods="Inspel på webben, lappar vid en pop-up i biblioteket, dialogkväll med bordsvärdar.",
        use_of_results="En sammanställning av alla inspel blir en del av beslutsunderlaget till nämnden.",
        feedback_plan="Sammanställningen publiceras här. Efter nämndens beslut berättar vi vad som beslutades "
        "och vad era inspel betydde, och alla som lämnat e-post får ett meddelande.",
        feedback_due=context.today + dt.timedelta(days=100),
        principles="Vi lyssnar på alla åldrar. Vi är tydliga med vad som går att påverka. Vi återkopplar.",
        moderation_rules="Inga personangrepp eller kränkande uttryck\nInga personuppgifter om andra personer\n"
        "Håll dig till ämnet för dialogen\nIngen reklam eller valpropaganda",
        accepts_online_input=True, allows_anonymous=True,
        input_question="Vad skulle få dig att vilja stanna en stund i Nödinge centrum?",
    )
    process.focus_areas.set(
        [context.focus_areas[slug] for slug in ("medskapande-invanare", "hallbart-samhallsbyggande", "lust-att-lara")]
    )
    process.localities.set([context.localities["Nödinge"]])
    context.processes[KEY] = process
    phases = Phase.objects.bulk_create(
        Phase(process=process, order=order, name=name, description=text,
              starts=context.today + dt.timedelta(days=first), ends=context.today + dt.timedelta(days=last))
        for order, (name, first, last, text) in enumerate(PHASES, start=1)
    )
    _load_activities(context, process, phases[0])
    _load_updates(context, process, phases[0])
    _load_draft(context)


def _activity(context: DemoContext, key: str, **fields: object) -> Activity:
    activity = Activity.objects.create(process=context.processes[KEY], **fields)
    context.activities[(KEY, key)] = activity
    return activity


def _load_activities(context: DemoContext, process: DialogueProcess, phase: Phase) -> None:
    """Created in date order, which is also the order the process page lists them in."""
    nodinge = context.localities["Nödinge"]
    _activity(
        context, "popup", phase=phase, kind=Activity.Kind.OPEN_MEETING, title="Pop-up i biblioteket",
        starts_at=context.days_from_today(-9, 15), ends_at=context.days_from_today(-9, 18),
        place="Ale bibliotek, Nödinge centrum", locality=nodinge, attendance_count=64,
        description="Medarbetare från kultur och fritid fanns på plats med lappar, kartor och kaffe.",
    )
    _activity(
        context, "torgvandring", phase=phase, kind=Activity.Kind.OPEN_MEETING, title="Trygghetsvandring på torget",
        starts_at=context.days_from_today(4, 17), ends_at=context.days_from_today(4, 18, 30),
        place="Samling vid fontänen på Nödinge torg", locality=nodinge, registration_required=True, capacity=25,
        description="Vi går runt torget tillsammans och antecknar var det känns tryggt och otryggt.",
        cancelled_at=context.days_from_today(-2, 10),
        cancellation_reason="Torget är avspärrat för ledningsarbete de närmaste veckorna. Vi bjuder in till en "
        "ny vandring när arbetet är klart, och frågorna om trygghet tar vi även upp på dialogkvällen.",
    )
    evening = _activity(
        context, "dialogkvall", phase=phase, kind=Activity.Kind.DIALOGUE_EVENING,
        title="Dialogkväll om mötesplatser i centrum",
        starts_at=context.days_from_today(EVENING_IN_DAYS, 18),
        ends_at=context.days_from_today(EVENING_IN_DAYS, 20, 30),
        place="Ale bibliotek, Nödinge centrum", locality=nodinge,
        accessibility_info="Entré utan trappsteg, hörslinga och tillgänglig toalett. Säg till vid anmälan "
        "om du behöver tolk eller annat stöd.",
        registration_required=True, capacity=EVENING_CAPACITY,
        description="Vi samtalar i små grupper med en bordsvärd vid varje bord. Politiker från kultur- och "
        "fritidsnämnden är med och lyssnar. Fika ingår.",
    )
    Table.objects.bulk_create(
        Table(activity=evening, name=f"Bord {number}", host_name=name,
              host=context.users["host"] if number == 1 else None)
        for number, name in enumerate(("Fatima Haddad", "Nils Ahlgren", "Lena Wallin", "Samir Khalil"), start=1)
    )
    _load_registrations(context, evening)


def _load_registrations(context: DemoContext, evening: Activity) -> None:
    resident = context.users["resident"]
    registrations = [Registration(activity=evening, user=resident, name=resident.display_name,
                                  email=resident.email, status=Registration.Status.CONFIRMED)]
    registrations += [
        Registration(activity=evening, name=name, email=f"anmalan{number}@example.se",
                     status=Registration.Status.CONFIRMED, needs="Hörslinga" if number % 7 == 0 else "")
        for number, name in enumerate(REGISTERED, start=1)
    ]
    Registration.objects.bulk_create(registrations)


def _load_updates(context: DemoContext, process: DialogueProcess, phase: Phase) -> None:
    author = context.users["staff"]
    entries = (
        (-30, "Nu kan du tycka till om Nödinge centrum",
         "Kultur- och fritidsnämnden ska besluta om inriktningen för biblioteket, torget och lokalerna i "
         "centrum. Innan dess vill vi veta vad du tycker. Lämna ditt inspel här på sidan fram till dialogkvällen."),
        (-8, "Tack för alla lappar från pop-upen",
         "Drygt 60 personer stannade vid vårt bord i biblioteket. Många skrev om bänkar, belysning och en plats "
         "för unga. Lapparna finns nu med bland inspelen på den här sidan."),
        (-5, "Anmäl dig till dialogkvällen",
         f"Dialogkvällen hålls i biblioteket {_swedish_date(context.today + dt.timedelta(days=EVENING_IN_DAYS))} "
         f"klockan 18. Platserna är {EVENING_CAPACITY}, så anmäl dig gärna i god tid. Berätta i anmälan om du "
         "behöver tolk eller annat stöd."),
    )
    ProcessUpdate.objects.bulk_create(
        ProcessUpdate(process=process, phase=phase, title=title, body=body, author=author,
                      published_at=context.days_from_today(days, 10))
        for days, title, body in entries
    )


MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
          "november", "december")


def _swedish_date(day: dt.date) -> str:
    """A date as a Swedish text says it, whatever language the server runs in: "den 18 december"."""
    return f"den {day.day} {MONTHS[day.month - 1]}"


def _load_draft(context: DemoContext) -> None:
    """A draft whose mandate lacks the feedback plan and date, so publishing it is refused."""
    draft = DialogueProcess.objects.create(
        organisation=context.organisation, title="Trygga skolvägar i Älvängen", slug="skolvagar-alvangen",
        summary="Hur tar sig barnen till skolan, och var känns vägen otrygg?",
        status=DialogueProcess.Status.DRAFT,
        purpose="Att samla in föräldrars och elevers erfarenheter av skolvägarna inför nästa års trafikåtgärder.",
        participation_level=ParticipationLevel.CONSULTATION, deciding_body=context.bodies["sbn"],
        open_to_influence="Vilka sträckor som åtgärdas först.",
        not_open_to_influence="Hastighetsgränserna på statliga vägar, som Trafikverket beslutar om.",
        target_groups="Elever i årskurs 3–9 och deras vårdnadshavare i Älvängen.",
        methods="Karta på webben där man markerar platser, samtal i klasserna.",
    )
    draft.localities.set([context.localities["Älvängen"]])
    draft.focus_areas.set([context.focus_areas["hallbart-samhallsbyggande"]])
    context.processes["draft"] = draft
    Phase.objects.create(process=draft, order=1, name="Kartinsamling", description="Markera platser på kartan.",
                         starts=context.today + dt.timedelta(days=60), ends=context.today + dt.timedelta(days=90))
