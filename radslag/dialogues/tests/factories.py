import datetime as dt

import factory
from django.utils import timezone

from radslag.dialogues.models import Activity, DialogueProcess, ParticipationLevel, Phase, ProcessUpdate, Table
from radslag.organisations.tests.factories import BodyFactory, OrganisationFactory


class ProcessFactory(factory.django.DjangoModelFactory):
    """A complete, published process unless told otherwise."""

    class Meta:
        model = DialogueProcess

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Dialog om mötesplatser {n}")
    slug = factory.Sequence(lambda n: f"dialog-{n}")
    summary = "Vi vill veta vad som gör en mötesplats bra."
    status = DialogueProcess.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)
    purpose = "Ta fram underlag till kommunstyrelsen om mötesplatser."
    open_to_influence = "Var och hur mötesplatserna utformas."
    not_open_to_influence = "Budgetramen är redan beslutad."
    participation_level = ParticipationLevel.DIALOGUE
    deciding_body = factory.SubFactory(BodyFactory, organisation=factory.SelfAttribute("..organisation"))
    feedback_plan = "Vi berättar på denna sida och i nyhetsbrevet vad som hände."
    feedback_due = dt.date(2030, 6, 30)
    moderation_rules = "Inga personangrepp\nInga personuppgifter om andra\nHåll dig till ämnet"


class PhaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Phase

    process = factory.SubFactory(ProcessFactory)
    order = factory.Sequence(lambda n: n)
    name = factory.Sequence(lambda n: f"Fas {n}")
    starts = dt.date(2026, 1, 1)
    ends = dt.date(2026, 12, 31)


class UpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProcessUpdate

    process = factory.SubFactory(ProcessFactory)
    title = factory.Sequence(lambda n: f"Nyhet {n}")
    body = "Det här har hänt."
    published_at = factory.LazyFunction(timezone.now)


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    process = factory.SubFactory(ProcessFactory)
    kind = Activity.Kind.DIALOGUE_EVENING
    title = factory.Sequence(lambda n: f"Dialogkväll {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=3))
    place = "Ale gymnasium, Nödinge"


class TableFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Table

    activity = factory.SubFactory(ActivityFactory)
    name = factory.Sequence(lambda n: f"Bord {n}")
    host_name = "Bordsvärd"


def followed_process(org, **fields):
    """A process in a focus area, followed by three confirmed subscriptions that overlap: anna follows the
    process and the area (so must get one mail per event, not two), bo follows the area in English."""
    from django.utils import timezone

    from radslag.governance.tests.factories import FocusAreaFactory
    from radslag.messaging import consent
    from radslag.messaging.models import Frequency, Recipient, Topic

    area = FocusAreaFactory(plan__organisation=org)
    process = ProcessFactory(organisation=org, **fields)
    process.focus_areas.set([area])
    now = Frequency.IMMEDIATE
    consent.follow(organisation=org, email="anna@example.se", topic=Topic.PROCESS, topic_id=process.pk, frequency=now)
    consent.follow(organisation=org, email="bo@example.se", topic=Topic.FOCUS_AREA, topic_id=area.pk, frequency=now,
                   language="en")
    consent.follow(organisation=org, email="anna@example.se", topic=Topic.FOCUS_AREA, topic_id=area.pk, frequency=now)
    Recipient.objects.update(confirmed_at=timezone.now())
    return process
