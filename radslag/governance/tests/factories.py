import datetime as dt

import factory

from radslag.governance.models import Decision, FocusArea, StrategicPlan
from radslag.organisations.tests.factories import BodyFactory, OrganisationFactory


class StrategicPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StrategicPlan

    organisation = factory.SubFactory(OrganisationFactory)
    title = "Strategisk plan 2024–2027"
    starts = 2024
    ends = 2027


class FocusAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FocusArea

    plan = factory.SubFactory(StrategicPlanFactory)
    organisation = factory.SelfAttribute("plan.organisation")
    number = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"Fokusområde {n}")
    slug = factory.Sequence(lambda n: f"fokus-{n}")


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    organisation = factory.SubFactory(OrganisationFactory)
    body = factory.SubFactory(BodyFactory, organisation=factory.SelfAttribute("..organisation"))
    decided_on = dt.date(2019, 6, 17)
    registration_number = factory.Sequence(lambda n: f"KS 2019/{n}")
    section = "§ 112"
    title = factory.Sequence(lambda n: f"Beslut {n}")
