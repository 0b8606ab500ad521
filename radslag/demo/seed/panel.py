"""The demo's citizen panel: members recruited both ways, a mailing of invitation letters, and a ballot
only panel members may vote in.

Panel members are accounts, so the demo creates them with addresses under PANEL_DOMAIN (never
delivered), which a reset removes again. The demo resident is a member, so the panel page shows a
member's view when signed in as them.
"""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.auth.hashers import make_password
from django.db.models import Sum
from django.utils import timezone

from radslag.accounts.models import User
from radslag.core import codes
from radslag.core.models import AgeBand, Sex
from radslag.demo.seed.context import DemoContext
from radslag.organisations.models import Locality, PopulationFigure
from radslag.panels.models import Channel, Invitation, InvitationBatch, Panel, PanelMember
from radslag.panels.services import PURPOSE
from radslag.voting.models import Eligibility, Method, ResultsVisibility
from radslag.voting.services import cast_ballot, save_ballot, save_option

PANEL_DOMAIN = "panel.demo.invalid"
MEMBERS = 140
LETTERS = 400
# Self-signup over-recruits the middle-aged and older; the postal sample is drawn to even that out.
SELF_AGES = (AgeBand.AGE_30_44, AgeBand.AGE_45_64, AgeBand.AGE_45_64, AgeBand.AGE_65_79, AgeBand.AGE_65_79,
             AgeBand.AGE_20_29)
POSTAL_AGES = (AgeBand.AGE_16_19, AgeBand.AGE_20_29, AgeBand.AGE_20_29, AgeBand.AGE_30_44, AgeBand.AGE_45_64,
               AgeBand.AGE_80_PLUS)


def load_panel(context: DemoContext) -> Panel:
    rng = random.Random(20261126)  # noqa: S311 - demo data, not security
    panel = Panel.objects.create(
        organisation=context.organisation, name="Medborgarpanelen i Ale",
        description="Medborgarpanelen är invånare som några gånger om året svarar på korta enkäter om frågor som "
        "kommunen arbetar med, till exempel trygghet, kollektivtrafik och fritid. En enkät tar runt tio minuter. "
        "Svaren sammanställs utan namn och blir en del av underlaget när politikerna beslutar.",
        open_for_signup=True,
    )
    batch = InvitationBatch.objects.create(panel=panel, label="Slumpurval september", size=LETTERS,
                                           salt=codes.new_salt(), created_by=context.users["staff"])
    invitations = Invitation.objects.bulk_create(
        Invitation(batch=batch, number=number, code_hash=code_hash)
        for number, code_hash in codes.numbered_hashes(PURPOSE, batch.salt, LETTERS)
    )
    people = User.objects.bulk_create(
        User(email=f"medlem{n:03d}@{PANEL_DOMAIN}", display_name=f"Panelmedlem {n}", password=make_password(None),
             verification_level=User.Verification.EMAIL)
        for n in range(1, MEMBERS + 1)
    )
    localities, sizes = _localities_by_population(context)
    now = timezone.now()
    members = []
    for n, person in enumerate(people):
        postal = n % 3 == 0
        members.append(PanelMember(
            panel=panel, user=person, channel=Channel.POSTAL_INVITATION if postal else Channel.SELF_SIGNUP,
            invitation=invitations[n] if postal else None,
            age_band=rng.choice(POSTAL_AGES if postal else SELF_AGES) if rng.random() < 0.9 else "",
            sex=rng.choice((Sex.FEMALE, Sex.MALE, Sex.FEMALE if postal else Sex.MALE)),
            locality=rng.choices(localities, weights=sizes)[0] if localities and rng.random() < 0.9 else None,
            joined_at=now - dt.timedelta(days=rng.randint(5, 300)),
        ))
    resident = context.users["resident"]
    members.append(PanelMember(panel=panel, user=resident, channel=Channel.SELF_SIGNUP, age_band=resident.age_band,
                               sex=resident.sex, locality=resident.locality,
                               joined_at=now - dt.timedelta(days=40)))
    PanelMember.objects.bulk_create(members)
    Invitation.objects.filter(pk__in=[m.invitation.pk for m in members if m.invitation]).update(used_at=now)
    _load_panel_ballot(context, people[:45], rng)
    return panel


def _localities_by_population(context: DemoContext) -> tuple[list[Locality], list[int]]:
    """The localities and their populations aged 16 or more: members live where people live, so that a small
    village is not as common in the panel as the main town (which no raking within sensible bounds could
    weight back)."""
    sizes = dict(PopulationFigure.objects.filter(organisation=context.organisation)
                 .exclude(age_band=AgeBand.UNDER_16).values("locality_id")
                 .annotate(n=Sum("count")).values_list("locality_id", "n"))
    localities = [locality for locality in context.localities.values() if sizes.get(locality.pk)]
    return localities, [sizes[locality.pk] for locality in localities]


OPENING_HOURS = (
    ("Dagtid på vardagar", "Till exempel 9–16, när många äldre och föräldralediga har tid."),
    ("Kvällar på vardagar", "Till exempel 17–21, efter jobb och skola."),
    ("Helger", "Lördagar och söndagar, när fler har ledigt."),
)


def _load_panel_ballot(context: DemoContext, voters: list[User], rng: random.Random) -> None:
    """A single-choice ballot only for panel members, open now; the demo resident has not voted yet."""
    staff = context.users["staff"]
    ballot = save_ballot(process=context.processes["motesplatser"], user=staff, values={
        "title": "Medborgarpanelen: när ska mötesplatsen vara öppen?",
        "question": "Om du bara fick välja en: när skulle du helst använda en ny mötesplats i Nödinge centrum?",
        "method": Method.SINGLE, "eligibility": Eligibility.PANEL, "opens_at": context.days_from_today(-3, 8),
        "closes_at": context.days_from_today(25, 23, 59), "results_visibility": ResultsVisibility.LIVE,
    })
    keys = [save_option(ballot=ballot, user=staff, title=title, description=text).key
            for title, text in OPENING_HOURS]
    for number, voter in enumerate(voters, start=1):
        cast_ballot(ballot=ballot, voter=voter, choices=rng.choices(keys, weights=[3, 5, 4])[0],
                    idempotency_key=f"demo-panel-{number:04}", at=context.days_from_today(-2, 12))
