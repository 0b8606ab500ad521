import datetime as dt

import factory
from django.utils import timezone

from radslag.dialogues.tests.factories import ProcessFactory
from radslag.voting.models import Ballot, Option


class BallotFactory(factory.django.DjangoModelFactory):
    """An open dot-vote ballot with codes (5 dots, at most 3 on one option)."""

    class Meta:
        model = Ballot

    process = factory.SubFactory(ProcessFactory)
    organisation = factory.SelfAttribute("process.organisation")
    title = factory.Sequence(lambda n: f"Prioritering av teman {n}")
    question = "Vilka teman är viktigast för ett gott liv i Ale?"
    opens_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(hours=1))


class OptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Option

    ballot = factory.SubFactory(BallotFactory)
    title = factory.Sequence(lambda n: f"Tema {n}")
    order = factory.Sequence(lambda n: n)


THEMES = ["En bra skola ger en bra framtid", "Det mänskliga mötet", "Trygghet i vardagen", "Naturen runt knuten"]


def ballot_with_options(titles=THEMES, **kwargs) -> Ballot:
    ballot = BallotFactory.create(**kwargs)
    for order, title in enumerate(titles, start=1):
        OptionFactory(ballot=ballot, title=title, order=order)
    return ballot


def keys(ballot: Ballot) -> list[str]:
    return [option.key for option in ballot.options.all()]
