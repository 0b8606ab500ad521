"""The demo's councils: Ale's pensioners' council, disability council and youth council, and a referral
(remiss) from the current dialogue that the pensioners' council has answered and the disability council
has not, so that staff see one published answer and one overdue reply.

The demo resident (Karin Johansson) is the pensioners' council's secretary, so that signing in as her
shows a secretary's view of consultations.
"""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile

from radslag.councils.models import Consultation, Council, CouncilMeeting, CouncilMember
from radslag.councils.services import publish_answer, submit_answer
from radslag.demo.seed.context import DemoContext, local
from radslag.demo.seed.current import KEY as CURRENT
from radslag.demo.seed.meetings import meeting_day

Role = CouncilMember.Role

# (slug, name, kind, description, members as (name, represents, role, shown publicly))
COUNCILS = (
    ("pensionarsradet", "Kommunala pensionärsrådet", Council.Kind.PENSIONERS,
     "Pensionärsrådet är en mötesplats mellan kommunen och pensionärsorganisationerna i Ale. Rådet tar upp "
     "frågor som rör äldres vardag, som kollektivtrafik, trygghet, omsorg och platser att träffas på.",
     (("Birgitta Holm", "PRO Ale", Role.CHAIR, True), ("Lennart Svensson", "PRO Nödinge", Role.REPRESENTATIVE, True),
      ("Margareta Kjellberg", "SPF Seniorerna Ale", Role.REPRESENTATIVE, True),
      ("Håkan Ljung", "SPF Seniorerna Ale", Role.REPRESENTATIVE, False),
      ("Eva Ström", "Socialnämnden", Role.ELECTED, True))),
    ("funktionshinderradet", "Rådet för funktionshinderfrågor", Council.Kind.DISABILITY,
     "Rådet samlar föreningar för personer med funktionsnedsättning och förtroendevalda. Här lyfts frågor om "
     "tillgänglighet i kommunens lokaler, på gator och torg och i kommunens tjänster.",
     (("Mats Öberg", "DHR Ale", Role.CHAIR, True), ("Sanna Ek", "Neuroförbundet Ale", Role.REPRESENTATIVE, True),
      ("Peter Alm", "FUB Ale", Role.REPRESENTATIVE, False), ("Jenny Wall", "Kommunstyrelsen", Role.ELECTED, True),
      ("Tobias Lind", "Ale kommun", Role.SECRETARY, False))),
    ("ungdomsradet", "Ungdomsrådet", Council.Kind.YOUTH,
     "Ungdomsrådet är unga mellan 13 och 19 år från skolorna i Ale som träffar politiker och tjänstepersoner "
     "och säger sin mening om det som rör unga i kommunen.",
     # The young members are under 18, so their names stay off the public page; the secretary is an adult
     # employee of the municipality and is named, so that young people know whom to contact.
     (("Nora Abdi", "Ale gymnasium", Role.CHAIR, False), ("Elias Berg", "Nödinge skola", Role.REPRESENTATIVE, False),
      ("Linn Fors", "Ale kommun", Role.SECRETARY, True))),
)
# Members recorded as minors: never named publicly, whatever else is set.
UNDER_18 = frozenset({"Nora Abdi", "Elias Berg"})

QUESTION = (
    "Kommunen planerar nya mötesplatser i Nödinge centrum: en öppen lokal vid torget, fler sittplatser och "
    "bättre belysning längs gångvägarna. Vi vill veta vad rådet anser om förslaget. Vad behöver en mötesplats "
    "ha för att äldre och personer med funktionsnedsättning ska vilja och kunna använda den?"
)
ANSWER = (
    "Pensionärsrådet välkomnar förslaget. Många äldre i Nödinge saknar en plats att träffas på utan att behöva "
    "köpa något. Rådet vill särskilt framhålla tre saker: bänkar med armstöd på högst hundra meters avstånd från "
    "varandra, en lokal med toalett som är öppen även på eftermiddagar och helger, och att busshållplatsen vid "
    "torget får väderskydd. Rådet erbjuder sig gärna att vara med när lokalens öppettider bestäms."
)


def _minutes_pdf(title: str) -> bytes:
    """A one-page PDF that says what it is (demo minutes), built by hand so that no library is needed."""
    text = title.encode("latin-1", "replace")
    stream = b"BT /F1 14 Tf 72 760 Td (" + text + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _working_day(context: DemoContext, days: int) -> dt.datetime:
    """A council meeting at 13:30 on the working day `days` from today (or the one before, as committees)."""
    day = meeting_day(context.today, days)
    return local(day.year, day.month, day.day, 13, 30)


def _council(context: DemoContext, slug: str, name: str, kind: str, description: str,
             members: tuple[tuple[str, str, str, bool], ...]) -> Council:
    council = Council.objects.create(organisation=context.organisation, slug=slug, name=name, kind=kind,
                                     description=description)
    CouncilMember.objects.bulk_create(
        CouncilMember(council=council, name=member, represents=represents, role=role, show_publicly=shown,
                      under_18=member in UNDER_18)
        for member, represents, role, shown in members
    )
    past = CouncilMeeting.objects.create(council=council, starts_at=_working_day(context, -40),
                                         place="Ale kommunhus, Nödinge", agenda="1. Mötesplatser i Nödinge centrum\n"
                                         "2. Kollektivtrafiken i vinter\n3. Övriga frågor", minutes_published=True)
    past.minutes.save(f"protokoll-{slug}.pdf", ContentFile(_minutes_pdf(f"Protokoll - {name}")), save=True)
    CouncilMeeting.objects.create(council=council, starts_at=_working_day(context, 20),
                                  place="Ale kommunhus, Nödinge", agenda="1. Remissvar om mötesplatser\n2. Budget")
    return council


def load_councils(context: DemoContext) -> dict[str, Council]:
    councils = {slug: _council(context, slug, name, kind, description, members)
                for slug, name, kind, description, members in COUNCILS}
    secretary = context.users["resident"]
    CouncilMember.objects.create(council=councils["pensionarsradet"], name=secretary.display_name,
                                 represents="Ale kommun", role=Role.SECRETARY, user=secretary)
    staff = context.users["staff"]
    consultation = Consultation.objects.create(
        organisation=context.organisation, process=context.processes[CURRENT], kind=Consultation.Kind.REMISS,
        title="Nya mötesplatser i Nödinge centrum", question=QUESTION, reply_by=context.today - dt.timedelta(days=2),
        sent_at=context.days_from_today(-21, 9), created_by=staff,
    )
    consultation.councils.set([councils["pensionarsradet"], councils["funktionshinderradet"]])
    answer = submit_answer(consultation=consultation, actor=secretary, council=councils["pensionarsradet"],
                           text=ANSWER, now=context.days_from_today(-5, 16))
    publish_answer(answer=answer, actor=staff)
    return councils
