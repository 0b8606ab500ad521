"""Consent to be told at every participation point: the address goes to messaging, never into the record.

Online contribution, activity registration, ballot receipt, opinion conversation and staff bulk entry each
let a person leave an address with the purpose stated at the field; following a process or a focus area
works from their pages. The contribution's public page, the API and the staff export never hold the
address, and nothing stored links an address to a cast ballot.
"""

from __future__ import annotations

import json

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from radslag.contributions.models import Contribution
from radslag.dialogues.models import Registration
from radslag.dialogues.tests.factories import ActivityFactory, ProcessFactory
from radslag.governance.tests.factories import FocusAreaFactory
from radslag.messaging.models import Consent, Message, Recipient, Source, Subscription, Topic
from radslag.opinions.tests.factories import ConversationFactory
from radslag.voting.models import CastBallot
from radslag.voting.tests.factories import ballot_with_options

pytestmark = pytest.mark.django_db(transaction=True)
ADDRESS = "anna.andersson@example.se"
PURPOSE_SV = "Vi använder adressen bara för att berätta om svar, beslut och resultat"


@pytest.fixture
def process(org):
    return ProcessFactory(organisation=org, slug="motesplatser", moderation_rules="")


def contribute(client, process, **data):
    return client.post(reverse("contributions:contribute", kwargs={"slug": process.slug}),
                       {"body": "Fler bänkar vid torget.", **data})


def test_the_contribution_form_states_the_purpose_at_the_address_field(client_for, org, process):
    page = client_for(org).get(reverse("contributions:contribute", kwargs={"slug": process.slug})).content.decode()
    assert "Vill du få veta vad som händer med dina inspel?" in page and PURPOSE_SV in page
    assert 'name="tell_me_email"' in page and 'name="tell_me"' not in page


def test_a_contribution_with_an_address_asks_to_be_told_and_keeps_the_address_out(client_for, org, process):
    assert contribute(client_for(org), process, tell_me_email=" Anna.Andersson@Example.se ").status_code == 302
    contribution = Contribution.objects.get()
    given = Consent.objects.get()
    assert (given.source, given.source_id, given.process_id) == (Source.CONTRIBUTION, contribution.pk, process.pk)
    assert PURPOSE_SV in given.purpose
    assert Subscription.objects.get().topic == Topic.PROCESS
    assert [m.to for m in mail.outbox] == [[ADDRESS]]
    row = Contribution.objects.filter(pk=contribution.pk).values().get()
    assert ADDRESS not in json.dumps(row, default=str).lower()


def test_the_public_record_api_and_export_never_hold_the_address(client_for, org, staff, process):
    contribute(client_for(org), process, tell_me_email=ADDRESS)
    contribution = Contribution.objects.get()
    assert contribution.status == Contribution.Status.PUBLISHED
    public = client_for(org).get(reverse("contributions:process_contributions", kwargs={"slug": process.slug}))
    assert "Fler bänkar" in public.content.decode() and ADDRESS not in public.content.decode()
    api = client_for(org).get(f"/api/processes/{process.slug}/contributions")
    assert api.status_code == 200 and "vid torget" in api.content.decode() and ADDRESS not in api.content.decode()
    for fmt in ("csv", "json"):
        export = client_for(org, staff).get(reverse("contributions_io:export", args=[process.pk]), {"format": fmt})
        content = b"".join(export.streaming_content) if export.streaming else export.content
        assert "Fler bänkar" in content.decode("utf-8-sig") and ADDRESS not in content.decode("utf-8-sig")


@pytest.mark.parametrize(("address", "message"), [
    ("anna@", "Skriv e-postadressen i sin helhet"),
    ("borta@example.se", "Vår e-postserver har försökt med den här adressen förut"),
])
def test_a_bad_address_is_explained_at_the_form_and_nothing_is_saved(client_for, org, process, address, message):
    Recipient.objects.create(organisation=org, email="borta@example.se", refused_at=timezone.now())
    response = contribute(client_for(org), process, tell_me_email=address)
    assert response.status_code == 200 and message in response.content.decode()
    assert not Contribution.objects.exists() and not Consent.objects.exists()


def test_a_signed_in_resident_finds_their_address_and_must_tick_to_ask(client_for, org, process, resident):
    EmailAddress.objects.create(user=resident, email=resident.email, verified=True, primary=True)
    client = client_for(org, resident)
    page = client.get(reverse("contributions:contribute", kwargs={"slug": process.slug})).content.decode()
    assert f'value="{resident.email}"' in page and 'name="tell_me"' in page
    contribute(client, process, tell_me_email=resident.email)  # the prefilled box alone asks for nothing
    assert not Consent.objects.exists()
    contribute(client, process, tell_me_email=resident.email, tell_me="on")
    recipient = Recipient.objects.get()
    assert recipient.user == resident and recipient.can_receive and Consent.objects.count() == 1
    assert mail.outbox == []  # a verified address needs no confirmation


def test_registration_has_a_checkbox_that_uses_the_registration_address(client_for, org, process):
    activity = ActivityFactory(process=process, registration_required=True)
    url = reverse("dialogues:activity_detail", kwargs={"slug": process.slug, "pk": activity.pk})
    client = client_for(org)
    assert PURPOSE_SV in client.get(url).content.decode()
    client.post(url, {"name": "Anna", "email": ADDRESS, "needs": "", "tell_me": "on"})
    registration = Registration.objects.get()
    given = Consent.objects.get()
    assert (given.source, given.source_id, given.recipient.email) == (Source.REGISTRATION, registration.pk, ADDRESS)
    client.post(url + "?ny=1", {"name": "Bertil", "email": "bertil@example.se", "needs": ""})
    assert Consent.objects.count() == 1  # without the tick, no consent


def test_the_ballot_receipt_asks_without_linking_the_address_to_the_ballot(client_for, org, process):
    ballot = ballot_with_options(process=process)
    cast = CastBallot.objects.create(ballot=ballot, receipt="R2026-0042", idempotency_key="k" * 32,
                                     choices={ballot.options.first().key: 1})
    client = client_for(org)
    page = client.get(reverse("voting:receipt", kwargs={"ballot_pk": ballot.pk, "receipt": cast.receipt}))
    form_action = reverse("voting:tell_me", kwargs={"ballot_pk": ballot.pk})
    assert form_action in page.content.decode() and cast.receipt not in form_action
    response = client.post(form_action, {"tell_me_email": ADDRESS})
    assert response.status_code == 200 and ADDRESS in response.content.decode()

    given = Consent.objects.get()
    assert (given.source, given.source_id, given.process_id) == (Source.BALLOT, None, process.pk)
    day = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    recipient = Recipient.objects.get()
    times = [given.given_at, recipient.created_at, recipient.updated_at, recipient.confirmation_sent_at,
             *Subscription.objects.values_list("created_at", flat=True),
             *Message.objects.values_list("created_at", flat=True)]
    assert set(times) == {day}, "a time finer than the day could be set beside the cast ballot's"
    assert not _messaging_rows_mention(cast.receipt, str(cast.pk), cast.idempotency_key)


def _messaging_rows_mention(*needles: str) -> bool:
    tables = ["messaging_recipient", "messaging_subscription", "messaging_consent", "messaging_message"]
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 - fixed table names
            text = json.dumps(cursor.fetchall(), default=str)
            if any(needle in text for needle in needles if len(needle) > 3):
                return True
    return False


def test_the_ballot_form_explains_a_missing_address(client_for, org, process):
    ballot = ballot_with_options(process=process)
    response = client_for(org).post(reverse("voting:tell_me", kwargs={"ballot_pk": ballot.pk}), {"tell_me_email": ""})
    assert response.status_code == 400 and "Skriv adressen vi ska skriva till" in response.content.decode()
    assert not Consent.objects.exists()


def test_the_opinion_conversation_asks_after_taking_part(client_for, org, process):
    conversation = ConversationFactory(process=process)
    client = client_for(org)
    response = client.post(reverse("opinions:tell_me", kwargs={"pk": conversation.pk}), {"tell_me_email": ADDRESS})
    assert response.status_code == 200
    given = Consent.objects.get()
    assert (given.source, given.source_id, given.process_id) == (Source.CONVERSATION, conversation.pk, process.pk)
    bad = client.post(reverse("opinions:tell_me", kwargs={"pk": conversation.pk}), {"tell_me_email": "nej"})
    assert bad.status_code == 400 and "Skriv e-postadressen i sin helhet" in bad.content.decode()


def test_bulk_entry_sends_a_slips_address_to_messaging_not_to_the_contribution(client_for, org, staff, process):
    url = reverse("contributions:bulk_entry", kwargs={"pk": process.pk})
    client = client_for(org, staff)
    assert "E-postadress på lappen" in client.get(url).content.decode()
    response = client.post(url, {"channel": "slip", "body": "Bättre belysning i parken.", "slip_email": ADDRESS})
    assert response.status_code == 302
    contribution = Contribution.objects.get()
    assert ADDRESS not in contribution.body and ADDRESS not in json.dumps(
        Contribution.objects.filter(pk=contribution.pk).values().get(), default=str)
    given = Consent.objects.get()
    assert (given.source, given.source_id) == (Source.BULK_ENTRY, contribution.pk)
    assert given.recipient.user is None  # the address is the writer's, not the staff member's
    assert [m.to for m in mail.outbox] == [[ADDRESS]]
    refused = client.post(url, {"channel": "slip", "body": "Till.", "slip_email": "inte en adress"})
    assert refused.status_code == 200 and Contribution.objects.count() == 1


def test_follow_buttons_on_the_process_focus_area_and_start_pages(client_for, org, process):
    area = FocusAreaFactory(plan__organisation=org)
    client = client_for(org)
    follow = reverse("messaging:follow")
    assert f"{follow}?amne=process&amp;id={process.pk}" in client.get(
        reverse("dialogues:process_detail", kwargs={"slug": process.slug})).content.decode()
    assert f"{follow}?amne=focus_area&amp;id={area.pk}" in client.get(
        reverse("overview:focus_area", kwargs={"slug": area.slug})).content.decode()
    assert follow in client.get(reverse("dialogues:home")).content.decode()

    page = client.get(follow, {"amne": "process", "id": process.pk}).content.decode()
    assert process.title in page
    client.post(f"{follow}?amne=process&id={process.pk}", {"email": ADDRESS, "frequency": "weekly"})
    client.post(f"{follow}?amne=focus_area&id={area.pk}", {"email": ADDRESS, "frequency": "immediate"})
    client.post(f"{follow}?amne=process&id={process.pk}", {"email": ADDRESS, "frequency": "weekly"})
    assert sorted(Subscription.objects.values_list("topic", "topic_id", "frequency")) == [
        ("focus_area", area.pk, "immediate"), ("process", process.pk, "weekly")]
    assert len(mail.outbox) == 1


def test_a_draft_process_or_another_municipalitys_cannot_be_followed(client_for, org, other_org):
    draft = ProcessFactory(organisation=org, status="draft")
    foreign = ProcessFactory(organisation=other_org)
    for pk in (draft.pk, foreign.pk):
        assert client_for(org).get(reverse("messaging:follow"), {"amne": "process", "id": pk}).status_code == 404
