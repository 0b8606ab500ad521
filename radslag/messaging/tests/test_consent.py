"""Asking to be told: double opt-in, at most one confirmation a day, withdrawing, following, personal data."""

from __future__ import annotations

import datetime as dt

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.utils import timezone

from radslag.audit.personal_data import export_person, kind
from radslag.messaging import consent, tokens
from radslag.messaging.links import CONFIRM_PATH
from radslag.messaging.models import Consent, Frequency, Message, Recipient, Source, Subscription, Topic

pytestmark = pytest.mark.django_db(transaction=True)


def ask(org, email="anna@example.se", source_id=1, **extra):
    return consent.ask_to_be_told(
        organisation=org, email=email, source=extra.pop("source", Source.CONTRIBUTION), source_id=source_id,
        process_id=extra.pop("process_id", 7), **extra,
    )


def test_an_unconfirmed_address_gets_one_confirmation_mail_with_a_working_link(org):
    recipient = ask(org, email=" Anna@Example.SE ")
    assert recipient.email == "anna@example.se" and recipient.confirmed_at is None
    [sent] = mail.outbox
    assert sent.to == ["anna@example.se"]
    assert Message.objects.get().kind == Message.Kind.CONFIRMATION
    token = sent.body.split("/meddelanden/bekrafta/")[1].split("/")[0]
    assert CONFIRM_PATH.format(token=token) in sent.body
    assert tokens.recipient_from_confirm_token(token) == recipient


def test_leaving_the_same_address_again_sends_no_second_mail_within_a_day(org):
    for n in range(4):
        ask(org, source_id=n + 1)
    assert len(mail.outbox) == 1
    assert Consent.objects.count() == 4 and Subscription.objects.count() == 1


def test_a_day_later_an_unconfirmed_address_may_get_a_new_confirmation(org):
    recipient = ask(org)
    day_ago = timezone.now() - dt.timedelta(days=1, minutes=1)
    Recipient.objects.filter(pk=recipient.pk).update(confirmation_sent_at=day_ago)
    ask(org, source_id=2)
    assert len(mail.outbox) == 2


def test_a_confirmed_address_gets_no_confirmation_mail(org):
    recipient = ask(org)
    consent.confirm_address(recipient=recipient)
    mail.outbox.clear()
    ask(org, source_id=2)
    assert mail.outbox == []


def test_a_signed_in_users_verified_address_is_confirmed_at_once(org, resident):
    EmailAddress.objects.create(user=resident, email=resident.email, verified=True, primary=True)
    recipient = ask(org, email=resident.email, user=resident)
    assert recipient.confirmed_at is not None and recipient.user == resident
    assert mail.outbox == []


def test_an_address_typed_by_a_signed_in_user_for_someone_else_is_not_theirs(org, resident):
    recipient = ask(org, email="granne@example.se", user=resident)
    assert recipient.user is None and recipient.confirmed_at is None
    assert [m.to for m in mail.outbox] == [["granne@example.se"]]
    unverified = ask(org, email=resident.email, user=resident, source_id=2)  # the account's, but unverified
    assert unverified.user is None and unverified.confirmed_at is None


def test_a_ballot_receipt_consent_is_kept_per_process(org):
    for process_id in (7, 8, 8):
        ask(org, source=Source.BALLOT, source_id=None, process_id=process_id)
    assert sorted(Consent.objects.values_list("process_id", flat=True)) == [7, 8]


def test_a_refused_address_gets_no_confirmation(org):
    Recipient.objects.create(organisation=org, email="borta@example.se", refused_at=timezone.now())
    ask(org, email="borta@example.se")
    assert mail.outbox == []


def test_withdrawing_ends_every_subscription(org):
    recipient = ask(org)
    consent.follow(organisation=org, email="anna@example.se", topic=Topic.ORGANISATION)
    consent.unsubscribe_all(recipient=recipient)
    recipient.refresh_from_db()
    assert recipient.unsubscribed_at is not None
    assert not recipient.subscriptions.filter(ended_at__isnull=True).exists()


def test_an_address_left_again_after_withdrawing_must_be_confirmed_anew(org):
    recipient = ask(org)
    consent.confirm_address(recipient=recipient)
    consent.unsubscribe_all(recipient=recipient)
    mail.outbox.clear()
    Recipient.objects.filter(pk=recipient.pk).update(confirmation_sent_at=None)
    ask(org, source_id=2)
    recipient.refresh_from_db()
    assert recipient.unsubscribed_at is None and recipient.confirmed_at is None and not recipient.can_receive
    assert len(mail.outbox) == 1
    assert recipient.subscriptions.get().ended_at is None


def test_following_twice_is_harmless_and_the_second_choice_of_frequency_counts(org):
    consent.follow(organisation=org, email="anna@example.se", topic=Topic.PROCESS, topic_id=3)
    consent.follow(organisation=org, email="ANNA@example.se", topic=Topic.PROCESS, topic_id=3,
                   frequency=Frequency.WEEKLY)
    assert Subscription.objects.get().frequency == Frequency.WEEKLY
    assert Recipient.objects.count() == 1 and len(mail.outbox) == 1


def test_a_subscription_can_be_ended_and_its_frequency_changed(org):
    subscription = consent.follow(organisation=org, email="anna@example.se", topic=Topic.ORGANISATION)
    recipient = subscription.recipient
    assert consent.change_frequency(recipient=recipient, subscription_id=subscription.pk, frequency="weekly")
    assert not consent.change_frequency(recipient=recipient, subscription_id=subscription.pk, frequency="hourly")
    assert consent.end_subscription(recipient=recipient, subscription_id=subscription.pk)
    subscription.refresh_from_db()
    assert subscription.frequency == "weekly" and subscription.ended_at is not None


def test_what_a_ballot_receipt_writes_carries_only_the_day_and_the_process(org):
    recipient = ask(org, email="valj@example.se", source=Source.BALLOT, source_id=None, process_id=7)
    day = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    recipient.refresh_from_db()
    given = Consent.objects.get()
    assert (given.source_id, given.process_id) == (None, 7)
    assert given.given_at == day and recipient.created_at == day and recipient.updated_at == day
    assert recipient.confirmation_sent_at == day
    assert recipient.subscriptions.get().created_at == day
    assert Message.objects.get().created_at == day


def test_the_export_holds_the_addresses_and_erasure_deletes_them(org, other_org, resident):
    EmailAddress.objects.create(user=resident, email=resident.email, verified=True, primary=True)
    ask(org, email=resident.email, user=resident)
    ask(org, email="invanare@example.se", source=Source.FOLLOW, source_id=None)
    ask(other_org, email=resident.email)
    ask(org, email="someone.else@example.se")
    data = export_person(resident, org)["mail"]
    assert [row["email"] for row in data] == [resident.email]
    assert data[0]["subscriptions"][0]["id"] == 7
    assert {c["asked_at"] for c in data[0]["consents"]} == {str(Source.CONTRIBUTION.label), str(Source.FOLLOW.label)}
    assert data[0]["consents"][0]["purpose_shown"]

    recipients = kind("messaging.recipients")
    assert recipients.erase(resident, org) == 1
    assert not Recipient.objects.filter(organisation=org, email=resident.email).exists()
    assert Recipient.objects.filter(organisation=other_org, email=resident.email).exists()
    assert Recipient.objects.filter(email="someone.else@example.se").exists()
