"""The demo's decision basis: the meeting-places dialogue reported to Kultur- och fritidsnämnden.

Version 1, an interim report on what residents have said so far, is sent to the committee's meeting about
ten days after the load day (so the officials' overview has a basis waiting); version 2 is the draft staff
are writing for the final decision, made from version 1. Both carry the registration number of the case the
committee opened when it commissioned the dialogue.
"""

from __future__ import annotations

from radslag.decisionbasis.models import BasisVersion
from radslag.decisionbasis.services import freeze_version, new_version, save_comment, save_version, start_basis
from radslag.demo.seed.context import DemoContext
from radslag.demo.seed.current import KEY as CURRENT
from radslag.demo.seed.meetings import KFN_TAKES_INTERIM_REPORT, meeting_day

TEXTS = {
    "title": "Delrapport: medborgardialog om mötesplatser i Nödinge centrum",
    "case_officer": "Lena Berg, processledare medborgardialog",
    "summary": (
        "Kultur- och fritidsnämnden gav förvaltningen i uppdrag att föra dialog med invånarna om nya "
        "mötesplatser i Nödinge centrum. Den här delrapporten redovisar vad som kommit in hittills: inspel "
        "på webben och på lappar vid biblioteket, en omröstning om vad som är viktigast och svar från "
        "kommunala pensionärsrådet. Invånarna efterfrågar framför allt en öppen lokal utan krav på att köpa "
        "något, fler sittplatser och bättre belysning längs gångvägarna."),
    "background": (
        "Nödinge centrum har vuxit med nya bostäder men har få platser där man kan träffas inomhus utan att "
        "vara kund. Nämnden beslutade att dialogen ska ligga på steget dialog i delaktighetstrappan: "
        "invånarna kan påverka var och hur mötesplatserna utformas, men inte budgetramen, som redan är "
        "beslutad.\n\nDialogen pågår till och med inspelsfasens slut. Ett slutligt beslutsunderlag lämnas "
        "inför nämndens beslut om inriktningen."),
    "assessment": (
        "Förvaltningen bedömer att inspelen hittills ger en samstämmig bild: behovet av en lokal som är öppen "
        "även kvällar och helger är stort, och äldre och unga lyfter samma behov av trygghet och sittplatser. "
        "Deltagandet är lägre bland unga vuxna och i Nol och Alafors, vilket förvaltningen kompletterar med "
        "uppsökande samtal under resten av inspelsfasen."),
    "consequences": (
        "Delrapporten innebär inga ekonomiska konsekvenser. Kostnader för en lokal redovisas i det slutliga "
        "underlaget, inom den beslutade budgetramen."),
    "child_impact": (
        "Barn och unga använder torget och gångvägarna till och från skolan, och flera inspel från unga "
        "handlar om att ha någonstans att vara efter skolan. Ungdomsrådet har ännu inte tillfrågats; "
        "förvaltningen skickar frågan till rådet innan det slutliga underlaget tas fram, så att barnens "
        "bästa kan vägas in enligt barnkonventionen."),
    "proposed_decision": (
        "Kultur- och fritidsnämnden beslutar\n\natt lägga delrapporten om medborgardialogen till handlingarna, "
        "och\n\natt ge förvaltningen i uppdrag att i det slutliga underlaget redovisa förslag på en öppen "
        "mötesplats i Nödinge centrum."),
}
COMMENTS = {
    "participation": "Deltagandet följs upp veckovis; unga vuxna är underrepresenterade hittills.",
    "councils": "Pensionärsrådets tre förslag tas med i arbetet med lokalens öppettider.",
}


def load_decision_basis(context: DemoContext) -> BasisVersion:
    process = context.processes[CURRENT]
    staff = context.users["staff"]
    version = start_basis(process=process, actor=staff, today=context.today)
    save_version(version=version, actor=staff, values={
        **TEXTS, "committee": process.deciding_body,
        "registration_number": context.decisions["motesplatser_commission"].registration_number,
        "meeting_date": meeting_day(context.today, KFN_TAKES_INTERIM_REPORT)})
    for part, text in COMMENTS.items():
        save_comment(version=version, actor=staff, part=part, text=text)
    frozen = freeze_version(version=version, actor=staff)
    draft = new_version(version=frozen, actor=staff, today=context.today)
    return save_version(version=draft, actor=staff, values={
        "title": "Medborgardialog om mötesplatser i Nödinge centrum",
        "summary": TEXTS["summary"].replace("Den här delrapporten redovisar vad som kommit in hittills",
                                            "Det här underlaget redovisar dialogens resultat")})
