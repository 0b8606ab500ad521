"""A resident leaves an e-mail address with a contribution, confirms it from the mail, and stops the mail again.

Real Chromium, a real SMTP server (aiosmtpd) and axe on every page the journey opens.
"""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect

from radslag.dialogues.tests.factories import ActivityFactory
from radslag.governance.tests.factories import FocusAreaFactory
from radslag.messaging import tokens
from radslag.messaging.models import Consent, Recipient, Source
from radslag.opinions.tests.factories import ConversationFactory, StatementFactory
from radslag.voting.models import CastBallot
from radslag.voting.tests.factories import ballot_with_options
from tests.e2e.accessibility import assert_accessible
from tests.e2e.conftest import person

pytestmark = pytest.mark.e2e

ADDRESS = "anna.andersson@example.se"


def wait_for_mail(inbox, count: int = 1, seconds: float = 10.0) -> list[dict]:
    deadline = time.monotonic() + seconds
    while len(inbox.messages) < count and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(inbox.messages) >= count, "no mail reached the SMTP server"
    return inbox.messages


def test_contribute_with_an_address_confirm_it_and_stop_the_mail(page, new_context, process, smtp_server):
    page.goto(f"/dialoger/{process.slug}/bidra/")
    expect(page.get_by_text("Vill du få veta vad som händer med dina inspel?")).to_be_visible()
    assert_accessible(page, "contribution form with the address field")
    page.get_by_label(process.input_question).fill("Fler bänkar och bättre belysning vid torget.")
    page.get_by_label("Din e-postadress").fill(ADDRESS)
    page.get_by_role("button", name="Skicka inspel").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tack! Ditt inspel har kommit in")

    [confirmation] = wait_for_mail(smtp_server)
    assert confirmation["to"] == [ADDRESS]
    link = re.search(r"https?://\S+(/meddelanden/bekrafta/[^/\s]+/)", str(confirmation["body"]))
    assert link, confirmation["body"]
    assert Consent.objects.get().recipient.email == ADDRESS

    page.goto(link.group(1))
    expect(page.get_by_role("heading", level=1)).to_have_text("Bekräfta din e-postadress")
    assert_accessible(page, "confirm page")
    assert Recipient.objects.get().confirmed_at is None  # opening the link is not confirming
    page.get_by_role("button", name="Ja, bekräfta min adress").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Din adress är bekräftad")
    assert_accessible(page, "confirmed page")
    recipient = Recipient.objects.get()
    assert recipient.can_receive

    page.get_by_role("link", name="Välj vad du får e-post om, och hur ofta").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Din e-post från oss")
    expect(page.get_by_role("cell", name=process.title, exact=True)).to_be_visible()
    assert_accessible(page, "preferences page")
    page.get_by_label("Hur ofta").select_option("weekly")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_text("Sparat.")).to_be_visible()
    assert recipient.subscriptions.get().frequency == "weekly"

    page.get_by_role("link", name="Avsluta all e-post från medborgardialogen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Avsluta e-post")
    assert_accessible(page, "unsubscribe page")
    page.get_by_role("button", name="Avsluta all e-post").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Du får ingen mer e-post")
    assert_accessible(page, "unsubscribed page")
    recipient.refresh_from_db()
    assert recipient.unsubscribed_at is not None

    # RFC 8058 one click, as a mail client sends it: a POST with no cookie and no CSRF token.
    Recipient.objects.filter(pk=recipient.pk).update(unsubscribed_at=None)
    recipient.subscriptions.update(ended_at=None)
    mail_client = new_context().request
    response = mail_client.post(
        f"/meddelanden/avsluta/{tokens.unsubscribe_token(recipient)}/", data="List-Unsubscribe=One-Click",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert response.status == 200
    recipient.refresh_from_db()
    assert recipient.unsubscribed_at is not None
    assert not recipient.subscriptions.filter(ended_at__isnull=True).exists()


def test_a_tampered_link_gets_a_clear_page(page, site):
    response = page.goto("/meddelanden/avsluta/inte-en-riktig-lank/")
    assert response is not None and response.status == 400
    expect(page.get_by_role("heading", level=1)).to_have_text("Länken fungerar inte")
    assert_accessible(page, "bad link page")


def test_follow_a_focus_area_and_manage_it_under_my_mail(page, page_as, site, smtp_server):
    area = FocusAreaFactory(plan__organisation=site, name="Trygghet")
    page.goto(f"/fokusomraden/{area.slug}/")
    page.get_by_role("link", name="Följ det här fokusområdet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Följ Trygghet")
    assert_accessible(page, "follow page")
    page.get_by_label("Din e-postadress").fill("not an address")
    page.get_by_role("button", name="Följ").click()
    expect(page.get_by_role("alert")).to_contain_text("Skriv e-postadressen i sin helhet")
    assert_accessible(page, "follow page with an error")
    page.get_by_label("Din e-postadress").fill(ADDRESS)
    page.get_by_label("En sammanfattning i veckan").check()
    page.get_by_role("button", name="Följ").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Du följer Trygghet")
    assert_accessible(page, "followed page")
    wait_for_mail(smtp_server)

    resident = person(site, "resident", "bo@example.se")
    own = page_as(resident)
    own.goto("/")
    own.get_by_role("link", name="Följ medborgardialogen via e-post").click()
    own.get_by_role("button", name="Följ").click()
    expect(own.get_by_role("heading", level=1)).to_contain_text("Du följer")
    own.goto("/mina-uppgifter/")
    own.get_by_role("link", name="Mina utskick: vad du följer och får e-post om").click()
    expect(own.get_by_role("heading", level=1)).to_have_text("Mina utskick")
    expect(own.get_by_role("heading", level=2)).to_have_text("bo@example.se")
    assert_accessible(own, "my mail page")
    own.get_by_role("button", name="Avsluta all e-post till bo@example.se").click()
    expect(own.get_by_text("Du får ingen mer e-post från oss till bo@example.se.")).to_be_visible()
    assert Recipient.objects.get(email="bo@example.se").unsubscribed_at is not None


def test_the_ballot_receipt_registration_and_conversation_ask_with_the_purpose_stated(page, process, smtp_server):
    ballot = ballot_with_options(process=process)
    cast = CastBallot.objects.create(ballot=ballot, receipt="R2026-0007", idempotency_key="e" * 32,
                                     choices={ballot.options.first().key: 1})
    page.goto(f"/rosta/{ballot.pk}/kvitto/{cast.receipt}/")
    expect(page.get_by_role("heading", name="Få veta resultatet och vad som beslutas")).to_be_visible()
    assert_accessible(page, "ballot receipt with the address form")
    page.get_by_role("button", name="Berätta vad som händer").click()
    expect(page.get_by_role("alert")).to_contain_text("Skriv adressen vi ska skriva till.")
    assert_accessible(page, "ballot address form with an error")
    page.get_by_label("Din e-postadress").fill("valjare@example.se")
    page.get_by_role("button", name="Berätta vad som händer").click()
    expect(page.get_by_text("Vi har skickat ett mejl till valjare@example.se")).to_be_visible()
    assert_accessible(page, "we have sent you a mail, after the ballot receipt")
    assert Consent.objects.get(source=Source.BALLOT).source_id is None

    activity = ActivityFactory(process=process, registration_required=True, title="Dialogkväll i Alafors")
    page.goto(f"/dialoger/{process.slug}/aktiviteter/{activity.pk}/")
    assert_accessible(page, "activity page with the tell-me checkbox")
    page.get_by_label("Ditt namn").fill("Anna")
    page.get_by_label("Din e-postadress").fill(ADDRESS)
    page.get_by_label("Berätta också för mig per e-post vad som händer med inspelen i dialogen").check()
    page.get_by_role("button", name="Anmäl").click()
    expect(page.get_by_role("heading", name="Du är anmäld")).to_be_visible()
    assert Consent.objects.get(source=Source.REGISTRATION).recipient.email == ADDRESS

    conversation = ConversationFactory(process=process)
    StatementFactory(conversation=conversation, is_seed=True)
    page.goto(f"/samtal/{conversation.pk}/")
    page.get_by_role("button", name="Håller med", exact=True).click()
    expect(page.get_by_role("heading", name="Få veta vad samtalet leder till")).to_be_visible()
    assert_accessible(page, "conversation with the address form")
    page.get_by_label("Din e-postadress").fill("samtal@example.se")
    page.get_by_role("button", name="Berätta vad som händer").click()
    expect(page.get_by_text("Vi har skickat ett mejl till samtal@example.se")).to_be_visible()
    assert_accessible(page, "we have sent you a mail, after the conversation")
    assert Consent.objects.get(source=Source.CONVERSATION).source_id == conversation.pk
