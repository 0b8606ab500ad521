"""Newsletters for one process: its subscribers get it, and its archive page lists its issues only."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from radslag.dialogues.tests.factories import ProcessFactory
from radslag.messaging import consent, newsletters
from radslag.messaging.models import Message, Topic
from radslag.messaging.tests.test_newsletters import letter, subscriber

pytestmark = pytest.mark.django_db


def test_a_process_newsletter_goes_to_the_confirmed_subscribers_of_that_process_once(
    org, staff, django_capture_on_commit_callbacks
):
    process = ProcessFactory(organisation=org)
    subscriber(org, "anna@example.se", Topic.PROCESS, process.pk)
    subscriber(org, "unconfirmed@example.se", Topic.PROCESS, process.pk, confirmed=False)
    subscriber(org, "other-process@example.se", Topic.PROCESS, process.pk + 1000)
    gone = subscriber(org, "gone@example.se", Topic.PROCESS, process.pk)
    consent.unsubscribe_all(recipient=gone)
    newsletter = letter(org, topic=Topic.PROCESS, topic_id=process.pk)
    with django_capture_on_commit_callbacks(execute=True):
        newsletters.send_newsletter(newsletter=newsletter, actor=staff)
    with pytest.raises(newsletters.DomainError):
        newsletters.send_newsletter(newsletter=newsletter, actor=staff)
    assert [m.to for m in mail.outbox] == [["anna@example.se"]]
    message = Message.objects.get(key=f"newsletter:{newsletter.pk}")
    assert message.kind == Message.Kind.NEWSLETTER and message.deliveries.count() == 1


def test_a_process_archive_lists_only_that_processs_issues(client_for, org, staff):
    process = ProcessFactory(organisation=org, slug="motesplatser")
    mine = letter(org, title="Om mötesplatser", topic=Topic.PROCESS, topic_id=process.pk)
    newsletters.send_newsletter(newsletter=mine, actor=staff)
    newsletters.send_newsletter(newsletter=letter(org, title="Om hela kommunen"), actor=staff)
    page = client_for(org).get(reverse("newsletters:process_archive", args=["motesplatser"])).content.decode()
    assert "Om mötesplatser" in page and "Om hela kommunen" not in page
    assert client_for(org).get(reverse("newsletters:process_archive", args=["finns-inte"])).status_code == 404
