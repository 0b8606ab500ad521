"""The demo's Aleförslaget: the rules in two versions (90 days and 75 supports, later 60 days and 150) and
proposals at every step of their life, so that residents see proposals collecting support and answered,
and staff see a queue with one to check, one to send to a committee, one to answer and one overdue.

Supporters are the demo's 140 panel members (accounts already there); their supports are written directly,
with each proposal's count, since the demo tells a story that happened over months.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from radslag.accounts.models import User
from radslag.core.models import AgeBand
from radslag.demo.seed.context import DemoContext, local
from radslag.demo.seed.meetings import SBN_ANSWERS_PROPOSAL, meeting_day
from radslag.demo.seed.panel import PANEL_DOMAIN
from radslag.governance.models import Decision
from radslag.proposals import services
from radslag.proposals.models import Proposal, ProposalRules, Support
from radslag.proposals.rules import DEFAULT_OUT_OF_SCOPE

# (key, title, text, locality, focus area, proposer key, days since submitted, supports, what happened)
PROPOSALS = (
    ("belysning", "Belysning längs cykelvägen mellan Nödinge och Nol",
     "Gång- och cykelvägen längs väg 1800 mellan Nödinge och Nol är helt mörk på vintern. Många pendlar till "
     "tåget och skolan den vägen. Sätt upp belysning hela sträckan, gärna lampor som tänds när någon kommer.",
     "Nödinge", "hallbart-samhallsbyggande", "resident", 40, 96, "collecting"),
    ("laxhjalp", "Läxhjälp på biblioteket i Nödinge två kvällar i veckan",
     "Alla har inte någon hemma som kan hjälpa till med läxorna. Låt gymnasieelever eller pensionärer hjälpa "
     "till på biblioteket i Nödinge på tisdagar och torsdagar, så att fler barn klarar skolan.",
     "Nödinge", "lust-att-lara", "host", 6, 7, "collecting"),
    ("utegym", "Utegym vid Vimmersjön i Skepplanda",
     "Vid Vimmersjön finns motionsspår men ingenting att träna styrka på. Ett enkelt utegym med räcken, "
     "bänkar och ringar skulle användas av både skolklasser och pensionärer.",
     "Skepplanda", "underlatta-vardagen", "resident", 170, 131, "handling"),
    ("laddstolpar", "Laddstolpar på pendelparkeringen vid Älvängens station",
     "Fler i Ale kör elbil men det går inte att ladda vid pendelparkeringen. Sätt upp laddstolpar så att det "
     "blir lättare att lämna bilen och ta tåget till Göteborg.",
     "Älvängen", "minskad-klimatpaverkan", "host", 200, 122, "answered"),
    ("bankar", "Fler bänkar längs Göta älv i Surte",
     "Längs promenadstråket vid älven i Surte finns nästan inga bänkar. För den som inte orkar gå långt utan "
     "att vila skulle några bänkar göra stor skillnad.",
     "Surte", "underlatta-vardagen", "resident", 160, 41, "answered_by_staff"),
    ("hundrastgard", "Hundrastgård i Alafors",
     "Det finns många hundägare i Alafors men ingen inhägnad plats där hundarna får springa lösa. Föreslår en "
     "hundrastgård på ängen nedanför Furulundsskolan.",
     "Alafors", "hallbart-samhallsbyggande", "host", 130, 23, "period_ended"),
    ("konstgras", "Konstgräs på grusplanen i Bohus",
     "Grusplanen i Bohus används nästan inte längre. Med konstgräs skulle barn- och ungdomslagen kunna träna "
     "där i stället för att åka till Nödinge.",
     "Bohus", "lust-att-lara", "resident", 2, 0, "submitted"),
    ("skatt", "Sänk skatten på min villa",
     "Fastighetsskatten på min villa är alldeles för hög i förhållande till vad huset är värt.",
     "Nol", "", "host", 20, 0, "refused"),
)
# A proposal that passed its threshold goes to the committee this many days after it was submitted; the
# committee's case (and its registration number) is opened then.
ASSIGNED_AFTER_DAYS = 32
AGES = (AgeBand.AGE_20_29, AgeBand.AGE_30_44, AgeBand.AGE_30_44, AgeBand.AGE_45_64, AgeBand.AGE_65_79)


def load_proposals(context: DemoContext) -> None:
    organisation, staff = context.organisation, context.users["staff"]
    old = ProposalRules.objects.create(organisation=organisation, version=1, collection_days=90, threshold_count=75,
                                       answer_days=90, out_of_scope=DEFAULT_OUT_OF_SCOPE)
    ProposalRules.objects.filter(pk=old.pk).update(created_at=context.days_from_today(-3 * 365))
    ProposalRules.objects.create(organisation=organisation, version=2, collection_days=60, threshold_count=150,
                                 answer_days=90, out_of_scope=DEFAULT_OUT_OF_SCOPE)
    supporters = list(User.objects.filter(email__endswith=f"@{PANEL_DOMAIN}").order_by("pk"))
    decision = _charging_points_decision(context)
    for _key, title, text, place, area, proposer, days_ago, count, story in PROPOSALS:
        proposal = _submitted(context, title, text, place, area, context.users[proposer], days_ago)
        if story == "submitted":
            continue
        if story == "refused":
            services.refuse_proposal(
                proposal=proposal, actor=staff, rule="Frågor som kommunen inte beslutar om",
                reason="Fastighetsavgiften och fastighetsskatten bestäms av riksdagen och Skatteverket, inte av "
                "kommunen. Du kan vända dig till Skatteverket om du anser att taxeringsvärdet är fel.",
                now=context.days_from_today(-days_ago + 2))
            continue
        _collect(context, proposal, supporters[:count], days_ago, story, decision)


def _charging_points_decision(context: DemoContext) -> Decision:
    """The committee's decision that answers the proposal about charging points, taken at one of its meetings,
    in the case it opened when the proposal was sent to it."""
    answered_days_ago = next(row[6] for row in PROPOSALS if row[8] == "answered")
    registered = context.today - dt.timedelta(days=answered_days_ago - ASSIGNED_AFTER_DAYS)
    return Decision.objects.create(
        organisation=context.organisation, body=context.bodies["sbn"],
        decided_on=meeting_day(context.today, SBN_ANSWERS_PROPOSAL),
        registration_number=f"SBN {registered.year}/211", section="§ 87",
        title="Svar på Aleförslaget om laddstolpar vid Älvängens station",
        summary="Nämnden bifaller förslaget. Sex laddplatser byggs på pendelparkeringen i Älvängen under våren.")


def _submitted(context: DemoContext, title: str, text: str, place: str, area: str, proposer: User,
               days_ago: int) -> Proposal:
    proposal = services.submit_proposal(
        organisation=context.organisation, user=proposer, title=title, text=text, show_name=True,
        localities=[context.localities[place]], focus_areas=[context.focus_areas[area]] if area else [],
        process=context.processes.get("motesplatser") if "bibliotek" in text else None,
        now=context.days_from_today(-days_ago, 19, 30))
    if days_ago > 150:  # submitted under the first rules
        Proposal.objects.filter(pk=proposal.pk).update(rules=ProposalRules.objects.get(
            organisation=context.organisation, version=1))
        proposal.refresh_from_db()
    return proposal


def _collect(context: DemoContext, proposal: Proposal, supporters: list[User], days_ago: int, story: str,
             decision: Decision) -> None:
    staff = context.users["staff"]
    services.accept_proposal(proposal=proposal, actor=staff, now=context.days_from_today(-days_ago + 1, 9))
    places = list(context.localities.values())
    Support.objects.bulk_create(
        Support(proposal=proposal, user=person, person_key=f"user:{person.pk}", age_band=AGES[n % len(AGES)],
                locality=places[0] if n % 3 else places[n % len(places)], wants_news=n % 4 == 0)
        for n, person in enumerate(supporters))
    reached = len(supporters) >= (proposal.threshold or 0)
    fields: dict[str, Any] = {"support_count": len(supporters)}
    if reached:
        at = context.days_from_today(-days_ago + 30)
        fields.update(status=Proposal.Status.THRESHOLD_REACHED, threshold_reached_at=at,
                      answer_due=at + dt.timedelta(days=proposal.rules.answer_days))
    Proposal.objects.filter(pk=proposal.pk).update(**fields)
    proposal.refresh_from_db()
    if story in ("period_ended", "answered_by_staff"):
        services.end_period(proposal=proposal, now=context.days_from_today(0))
    if story in ("handling", "answered"):
        committee = decision.body if story == "answered" else context.bodies["kfn"]
        services.assign_to_committee(proposal=proposal, actor=staff, committee=committee,
                                     now=context.days_from_today(-days_ago + ASSIGNED_AFTER_DAYS))
        services.start_handling(proposal=proposal, actor=staff, now=context.days_from_today(-days_ago + 40))
    if story == "answered":
        services.answer_proposal(
            proposal=proposal, actor=staff, outcome="in_progress", decision=decision,
            answer="Samhällsbyggnadsnämnden bifaller förslaget. Sex laddplatser byggs på pendelparkeringen vid "
            "Älvängens station under våren, och fler kan tillkomma när vi ser hur de används.",
            now=local(decision.decided_on.year, decision.decided_on.month, decision.decided_on.day, 16))
    if story == "answered_by_staff":
        services.answer_proposal(
            proposal=proposal, actor=staff, outcome="investigating",
            answer="Förslaget nådde inte gränsen, men det stämmer att det saknas viloplatser längs älven. Vi tar "
            "med bänkar i planeringen av promenadstråket i Surte som görs i år.",
            now=context.days_from_today(-20))
