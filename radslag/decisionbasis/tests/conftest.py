"""A dialogue with published and hidden input, a theme, a published vote and a council's published answer."""

import datetime as dt

import pytest
from django.utils import timezone

from radslag.accounts.models import Role
from radslag.accounts.tests.factories import user_with_role
from radslag.contributions.models import Channel, Contribution
from radslag.contributions.tests.factories import ContributionFactory
from radslag.core.models import AgeBand, Sex
from radslag.councils.models import ConsultationAnswer
from radslag.councils.tests.factories import make_consultation, make_council
from radslag.dialogues.tests.factories import ProcessFactory
from radslag.organisations.models import Body, PopulationFigure
from radslag.organisations.tests.factories import BodyFactory, LocalityFactory
from radslag.themes.models import Coding
from radslag.themes.tests.factories import ThemeFactory
from radslag.voting.models import CastBallot, Eligibility
from radslag.voting.tests.factories import ballot_with_options


@pytest.fixture
def official(org):
    return user_with_role(org, Role.OFFICIAL, email="politiker@ale.example.se")


@pytest.fixture
def committee(org):
    return BodyFactory(organisation=org, name="Kommunstyrelsen", kind=Body.Kind.EXECUTIVE_BOARD)


@pytest.fixture
def dialogue(org, committee):
    process = ProcessFactory(organisation=org, title="Mötesplatser i Nödinge", slug="motesplatser",
                             deciding_body=committee, purpose="Ta reda på vad en bra mötesplats behöver.")
    nodinge = LocalityFactory(organisation=org, name="Nödinge")
    PopulationFigure.objects.create(organisation=org, year=2025, locality=nodinge, age_band=AgeBand.AGE_30_44,
                                    sex=Sex.FEMALE, count=4000)
    published = [ContributionFactory(process=process, body=f"Vi behöver en öppen lokal vid torget ({n}).",
                                     locality=nodinge, age_band=AgeBand.AGE_30_44, channel=Channel.SLIP,
                                     status=Contribution.Status.PUBLISHED) for n in range(6)]
    hidden = ContributionFactory(process=process, body="Hemlig text som moderatorn dolde.", locality=nodinge,
                                 status=Contribution.Status.HIDDEN, hidden_rule="Inga personangrepp")
    theme = ThemeFactory(process=process, label="En öppen lokal", accepted=True,
                         description="Många vill ha en plats att vara på utan att köpa något.")
    for contribution in [*published, hidden]:
        Coding.objects.create(theme=theme, contribution=contribution, source=Coding.Source.MACHINE, strength=0.9)
    ballot = ballot_with_options(process=process, title="Vad är viktigast?", titles=["Lokal", "Bänkar"],
                                 eligibility=Eligibility.OPEN, results_published_at=timezone.now())
    lokal, bankar = [option.key for option in ballot.options.all()]
    for n, choices in enumerate(({lokal: 3, bankar: 2}, {lokal: 3}, {bankar: 1})):
        CastBallot.objects.create(ballot=ballot, receipt=f"R-{n}", idempotency_key=f"{n}" * 32, choices=choices)
    council = make_council(org)
    consultation = make_consultation(process, [council])
    ConsultationAnswer.objects.create(consultation=consultation, council=council, text="Rådet tillstyrker förslaget.",
                                      submitted_at=timezone.now(), published_at=timezone.now())
    return process


def next_week():
    return timezone.localdate() + dt.timedelta(days=7)
