"""The demo's principles for dialogue (two versions) and the expedition group of Ale i 360 grader: about
thirty residents, employees and elected officials, four meetings with four approaches, and what the members
wrote between them.

The demo resident (Karin Johansson) and the demo official (Anders Berg) are members, so that signing in as
either shows the group's space; a young member agreed to be named but, being under 18, is not.
"""

from __future__ import annotations

import datetime as dt

from radslag.demo.seed.ale360 import EXPEDITION, EXPEDITION_PLACE
from radslag.demo.seed.ale360 import KEY as ALE360
from radslag.demo.seed.context import DemoContext, local
from radslag.governance.models import DialoguePrinciples
from radslag.workgroups.models import GroupMeeting, GroupMember, GroupNote, WorkingGroup

PRINCIPLES_V1 = (
    "Vi börjar i tid. Dialog förs innan beslut är fattade, medan det finns något att påverka.\n\n"
    "Vi är tydliga. Varje dialog säger vad som går att påverka, vad som redan är bestämt och vem som beslutar.\n\n"
    "Vi söker upp fler. Vi går dit människor redan finns och gör särskilda ansträngningar för att nå dem "
    "som sällan hörs.\n\n"
    "Vi tar tillvara allt som sägs. Lappar, anteckningar och berättelser väger lika tungt som det som "
    "skrivs på webben.\n\n"
    "Vi återkopplar. Den som har deltagit får veta vad som hände med det hen sa och varför."
)
PRINCIPLES_V2_ADDITION = (
    "\n\nVi frågar barn och unga. När en fråga rör barn hör vi dem själva, på deras villkor, och redovisar "
    "hur deras synpunkter har vägts in."
)

GROUP_PURPOSE = (
    "Expeditionsgruppen fördjupar temat det mänskliga mötet, som fullmäktige valde efter prioriteringen. "
    "Under fyra träffar närmar sig gruppen temat från fyra håll. Gruppens insikter, idéer och lärdomar "
    "lämnas till kommunstyrelsen som en del av beslutsunderlaget."
)

# The group meets when and where the dialogue's own activities say it does (ale360.EXPEDITION), so the
# activity list, the newsletters and the group's space tell one story.
# (number, title, approach, description)
MEETINGS = (
    (1, "Mötet i omsorgen", "Berättelser i par",
     "Hemtjänstpersonal och anhöriga berättar om möten i omsorgen som gjorde skillnad, på gott eller ont. "
     "Deltagarna lyssnar i par och skriver ner vad som gjorde mötet bra eller dåligt."),
    (2, "Mötet i skolan", "Rollbyte",
     "Elever och föräldrar berättar när de känt sig sedda av skolan. Sedan byter vi roller: en förälder är "
     "rektor för en kväll och en elev svarar på föräldrarnas frågor."),
    (3, "Att nå kommunen", "Skuggning",
     "Deltagarna följer en medarbetare i kontaktcenter eller på biblioteket en timme och ser själva hur det "
     "är att ringa, mejla och besöka kommunen."),
    (4, "Ungas möten", "Framtidsverkstad ledd av unga",
     "Ungdomar från fritidsgårdarna leder kvällen. Vi samlar det vi lärt oss under fyra träffar, väljer ut "
     "det viktigaste och formulerar idéer som gruppen lämnar till kommunstyrelsen."),
)
# (name, kind, shown publicly, under 18)
MEMBERS = (
    ("Leila Haddad", "resident", True, False), ("Gunnar Pettersson", "resident", True, False),
    ("Sofia Lindqvist", "resident", False, False), ("Ahmed Yusuf", "resident", True, False),
    ("Elin Karlsson", "resident", True, True), ("Bengt Åberg", "resident", False, False),
    ("Maja Rosén", "resident", True, False), ("Nils Hedlund", "resident", False, False),
    ("Yasmin Farah", "resident", True, False), ("Olof Sandberg", "resident", False, False),
    ("Anneli Viklund", "employee", True, False), ("Jonas Berglund", "employee", True, False),
    ("Marie Falk", "employee", False, False), ("Kristoffer Ek", "employee", True, False),
    ("Lena Mattsson", "employee", True, False), ("Rebecka Nord", "employee", False, False),
    ("Hans Engström", "elected", True, False), ("Ulrika Dahl", "elected", True, False),
    ("Peter Wallin", "elected", False, False),
)

# (meeting number, kind, text)
NOTES = (
    (1, "insight", "Nästan alla berättelser om bra möten i omsorgen handlade om att någon tog sig tid, inte "
     "om att problemet blev löst direkt."),
    (1, "lesson", "Att börja med egna berättelser gjorde att politiker och invånare pratade som jämlikar."),
    (2, "insight", "Föräldern som fick vara rektor blev förvånad över hur många frågor som kommer in på en "
     "dag. Eleverna förstod bättre varför ett svar kan dröja."),
    (2, "idea", "Skolan kan svara inom två dagar med ett kort besked om när det riktiga svaret kommer."),
    (2, "note", "Till nästa träff: ta med ett brev eller mejl från kommunen som var svårt att förstå."),
    (3, "insight", "Medarbetarna i kontaktcenter vill ge tid, men telefonkön styr hur långa samtalen får bli."),
    (3, "lesson", "Skuggningen gav mer än en enkät hade gett: vi såg själva vad som hindrar ett bra bemötande."),
    (3, "idea", "Låt nya medarbetare följa en erfaren kollega i kontaktcenter sin första vecka."),
    (4, "idea", "En återkommande öppen träff i varje ort där politiker lyssnar, utan färdig dagordning."),
    (4, "idea", "Skriv brev från kommunen på klarspråk och testa dem på invånare innan de skickas."),
    (4, "lesson", "Fyra träffar med olika ingångar höll engagemanget uppe; metoderna passar i kommunens "
     "verktygslåda."),
    (4, "insight", "Det mänskliga mötet handlar lika mycket om hur kommunen organiserar sig som om hur "
     "enskilda medarbetare bemöter."),
)


def load_principles(context: DemoContext) -> None:
    organisation, admin = context.organisation, context.users["admin"]
    DialoguePrinciples.objects.create(
        organisation=organisation, number=1, title="Ale kommuns principer för medborgardialog", text=PRINCIPLES_V1,
        published_at=local(2017, 11, 20, 9), published_by=admin)
    DialoguePrinciples.objects.create(
        organisation=organisation, number=2, title="Ale kommuns principer för medborgardialog",
        text=PRINCIPLES_V1 + PRINCIPLES_V2_ADDITION, change_note="Ny princip om att fråga barn och unga.",
        published_at=local(2023, 2, 6, 9), published_by=admin)


def _members(context: DemoContext, group: WorkingGroup) -> list[GroupMember]:
    accepted = local(2019, 10, 2, 10)
    rows = [GroupMember(group=group, name=name, kind=kind, email=f"medlem{n}@ale.example",
                        under_18=minor, birth_year=2003 if minor else None, invited_at=local(2019, 9, 30, 12),
                        accepted_at=accepted, name_consent_at=accepted if shown else None)
            for n, (name, kind, shown, minor) in enumerate(MEMBERS, start=1)]
    for key, kind in (("resident", GroupMember.Kind.RESIDENT), ("official", GroupMember.Kind.ELECTED)):
        user = context.users[key]
        rows.append(GroupMember(group=group, name=user.display_name, kind=kind, email=user.email, user=user,
                                invited_at=local(2019, 9, 30, 12), accepted_at=accepted,
                                name_consent_at=accepted if key == "official" else None))
    return GroupMember.objects.bulk_create(rows)


def load_workgroups(context: DemoContext) -> None:
    load_principles(context)
    group = WorkingGroup.objects.create(
        organisation=context.organisation, process=context.processes[ALE360], name="Expeditionsgruppen",
        slug="expeditionsgruppen", purpose=GROUP_PURPOSE, public=True)
    days = {number: day for number, day, *_rest in EXPEDITION}
    meetings = {
        number: GroupMeeting.objects.create(
            group=group, number=number, title=title, approach=approach, place=EXPEDITION_PLACE,
            starts_at=local(days[number].year, days[number].month, days[number].day, 17, 30),
            description=description)
        for number, title, approach, description in MEETINGS
    }
    members = _members(context, group)
    resident = next(m for m in members if m.user_id == context.users["resident"].pk)
    notes = GroupNote.objects.bulk_create(
        GroupNote(group=group, meeting=meetings[number], member=resident if i % 3 == 0 else members[i],
                  author=resident.user if i % 3 == 0 else None, kind=kind, text=text)
        for i, (number, kind, text) in enumerate(NOTES)
    )
    for i, note in enumerate(notes):  # written in the days after each meeting, not today
        GroupNote.objects.filter(pk=note.pk).update(
            created_at=meetings[NOTES[i][0]].starts_at + dt.timedelta(days=2, hours=i % 5))
