"""A dialogue with input from several channels and localities, and themes the coding work produced."""

import datetime as dt

import pytest
from django.utils import timezone

from radslag.contributions.models import Channel, Contribution
from radslag.contributions.tests.factories import ContributionFactory
from radslag.core.models import AgeBand, Sex
from radslag.dialogues.tests.factories import ActivityFactory, ProcessFactory
from radslag.organisations.models import PopulationFigure
from radslag.organisations.tests.factories import LocalityFactory
from radslag.reports.theme_source import ThemeInput


@pytest.fixture
def localities(org):
    return {name: LocalityFactory(organisation=org, name=name) for name in ("Nödinge", "Älvängen", "Surte")}


@pytest.fixture
def dialogue(org, localities):
    process = ProcessFactory(
        organisation=org, title="Ale i 360 grader", slug="ale-i-360-grader",
        purpose="Att låta invånarnas berättelser styra vad kommunen för dialog om.",
        methods="Intervjuer, dialogkväll med bordsvärdar och lappar.",
    )
    start = timezone.make_aware(dt.datetime(2019, 9, 19, 18, 0))
    ActivityFactory(
        process=process, title="Dialogkväll om det mänskliga mötet", starts_at=start,
        ends_at=start + dt.timedelta(hours=3), attendance_count=104, locality=localities["Nödinge"],
    )
    for locality, count in (("Nödinge", 6000), ("Älvängen", 5000), ("Surte", 3000)):
        for band in (AgeBand.AGE_30_44, AgeBand.AGE_65_79):
            PopulationFigure.objects.create(
                organisation=org, year=2024, locality=localities[locality], age_band=band, sex=Sex.FEMALE,
                count=count,
            )
    return process


def contribute(process, body, locality=None, status=Contribution.Status.PUBLISHED, **extra):
    return ContributionFactory(
        process=process, body=body, locality=locality, status=status, age_band=AgeBand.AGE_30_44,
        channel=extra.pop("channel", Channel.SLIP), **extra,
    )


@pytest.fixture
def input_and_themes(dialogue, localities):
    """Eight published slips about meeting people (six from Nödinge, two from Surte), five web notes about
    school, one hidden and one pending slip. The themes pick the hidden and the pending text as quotes."""
    meeting = [
        contribute(dialogue, f"Jag vill bli bemött som en människa när jag ringer kommunen ({n}).",
                   localities["Nödinge"])
        for n in range(6)
    ]
    meeting += [contribute(dialogue, f"Mötet på biblioteket i Surte gör skillnad ({n}).", localities["Surte"])
                for n in range(2)]
    school = [contribute(dialogue, f"En bra skola ger en bra framtid för våra barn ({n}).", localities["Älvängen"],
                         channel=Channel.WEB) for n in range(5)]
    hidden = contribute(dialogue, "Hemlig text som moderatorn dolde.", localities["Nödinge"],
                        status=Contribution.Status.HIDDEN, hidden_rule="Inga personangrepp")
    pending = contribute(dialogue, "Ännu inte granskad text.", localities["Nödinge"],
                         status=Contribution.Status.PENDING)
    themes = [
        ThemeInput(
            label="Det mänskliga mötet", description="Hur invånare blir bemötta av kommunen.",
            member_ids=tuple(c.pk for c in [*meeting, hidden, pending]),
            quote_ids=(hidden.pk, pending.pk, meeting[0].pk, meeting[6].pk),
            keywords=("bemötande", "möte"), focus_areas=("4. Medskapande invånare",),
        ),
        ThemeInput(
            label="En bra skola ger en bra framtid", description="Skolan som grund för framtiden.",
            member_ids=tuple(c.pk for c in school[:4]), quote_ids=(school[0].pk,), keywords=("skola",),
        ),
    ]
    return {"meeting": meeting, "school": school, "hidden": hidden, "pending": pending, "themes": themes}
