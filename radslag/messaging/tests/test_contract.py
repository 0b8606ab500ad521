"""The outbox contract other apps rely on: asking to be told, announcing once, one mail per person."""

from __future__ import annotations

import pytest
from django.core import mail
from django.utils import timezone

from radslag.messaging import consent, outbox
from radslag.messaging.models import Delivery, Recipient, Source, Topic

pytestmark = pytest.mark.django_db(transaction=True)


def test_one_mail_per_person_per_event_and_never_twice(org):
    for n in range(3):  # three contributions from the same person in one process
        consent.ask_to_be_told(
            organisation=org, email=" Anna@Example.se ", source=Source.CONTRIBUTION, source_id=n + 1, process_id=7
        )
    Recipient.objects.update(confirmed_at=timezone.now())
    consent.ask_to_be_told(
        organisation=org, email="unconfirmed@example.se", source=Source.CONTRIBUTION, source_id=9, process_id=7
    )

    # Double opt-in: each unconfirmed address got one confirmation mail, however often it was left.
    assert sorted(m.to[0] for m in mail.outbox) == ["anna@example.se", "unconfirmed@example.se"]
    mail.outbox.clear()

    outbox.announce(organisation=org, key="answer:7", topics=[(Topic.PROCESS, 7)], title="Svar", url="/x/")
    outbox.announce(organisation=org, key="answer:7", topics=[(Topic.PROCESS, 7)], title="Svar", url="/x/")

    assert [m.to for m in mail.outbox] == [["anna@example.se"]]
    notice = Delivery.objects.get(message__kind="notice")
    assert notice.status == Delivery.Status.SENT
