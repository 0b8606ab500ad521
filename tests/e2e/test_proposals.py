"""Aleförslaget in one journey: a resident writes a proposal and is shown a similar one while writing,
staff accept it, a supporter on a phone supports it by keyboard alone and asks to be told, staff send it to
a committee and answer it with the decision, and the answer reaches the supporter over SMTP.

Real Chromium, a real SMTP server (aiosmtpd), axe on every new page.
"""

from __future__ import annotations

import time

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from radslag.accounts.models import Role, User
from radslag.dialogues.tests.factories import ProcessFactory
from radslag.governance.tests.factories import DecisionFactory
from radslag.organisations.tests.factories import BodyFactory
from radslag.proposals.models import Proposal, ProposalRules
from radslag.proposals.tests.factories import make_proposal
from tests.e2e.accessibility import assert_accessible
from tests.e2e.conftest import PHONE, person
from tests.e2e.keyboard import tab_to
from tests.e2e.test_closing_the_loop import mail_to

pytestmark = pytest.mark.e2e


def resident(site, email: str) -> User:
    user = person(site, Role.RESIDENT, email)
    User.objects.filter(pk=user.pk).update(verification_level=User.Verification.EMAIL, age_band="30-44")
    user.refresh_from_db()
    return user


def test_propose_see_similar_support_by_keyboard_answer_and_mail(
    page, page_as, staff_member, administrator, site, smtp_server
):
    ProposalRules.objects.create(organisation=site, version=1, threshold_count=1, collection_days=30,
                                 out_of_scope="Frågor som kommunen inte beslutar om")
    make_proposal(site, title="Belysning på gångvägen till Nols station",
                  text="Gångvägen till stationen i Nol är mörk på kvällarna.", threshold=1)
    committee = BodyFactory(organisation=site, name="Samhällsbyggnadsnämnden")
    decision = DecisionFactory(organisation=site, body=committee, title="Svar på förslaget om belysning")

    # A resident writes; the similar proposal appears while she types.
    proposer = page_as(resident(site, "anna.proposer@example.se"))
    proposer.goto("/forslag/nytt/")
    proposer.get_by_label("Rubrik").fill("Lampor vid stationen i Nol")
    proposer.get_by_label("Ditt förslag").fill("Sätt upp belysning på gångvägen till stationen, den är mörk.")
    similar = proposer.locator("#similar")
    expect(similar).to_contain_text("Belysning på gångvägen till Nols station")
    assert_accessible(proposer, "writing a proposal, with similar proposals shown")
    proposer.get_by_role("button", name="Lämna förslaget").click()
    expect(proposer.get_by_role("status")).to_contain_text("Ditt förslag är inlämnat")
    assert_accessible(proposer, "the proposer's own proposal, being checked")
    proposal = Proposal.objects.get(title="Lampor vid stationen i Nol")

    # Staff check it against the rules and accept it.
    staff = page_as(staff_member)
    staff.goto("/personal/forslag/")
    assert_accessible(staff, "the staff queue")
    staff.get_by_role("link", name="Lampor vid stationen i Nol").click()
    assert_accessible(staff, "a proposal to check")
    staff.get_by_role("button", name="Godkänn: börja samla stöd").click()
    expect(staff.get_by_role("status")).to_contain_text("Sparat")

    # A supporter on a phone supports it with the keyboard alone, and asks to be told.
    supporter = resident(site, "bo.supporter@example.se")
    phone = page_as(supporter, viewport=PHONE)
    phone.goto(f"/forslag/{proposal.pk}/")
    assert_accessible(phone, "a proposal collecting support, on a phone")
    news = phone.get_by_label("Berätta för mig via e-post vad som händer med förslaget")
    tab_to(phone, news)
    phone.keyboard.press("Space")
    expect(news).to_be_checked()
    tab_to(phone, phone.get_by_role("button", name="Stöd förslaget"))
    phone.keyboard.press("Enter")
    expect(phone.get_by_role("status")).to_contain_text("Tack för ditt stöd")
    expect(phone.locator("main")).to_contain_text("Du stöder det här förslaget")
    assert "bo.supporter" not in page.goto(f"/forslag/{proposal.pk}/").text()

    # It reached the threshold: staff send it to the committee, mark it handled and answer with the decision.
    staff.reload()
    staff.get_by_label("Nämnd", exact=True).select_option(label="Samhällsbyggnadsnämnden")
    staff.get_by_role("button", name="Skicka", exact=True).click()
    expect(staff.locator("main")).to_contain_text("Skickat till nämnd")
    staff.get_by_role("button", name="Markera som under behandling").click()
    expect(staff.locator("main")).to_contain_text("Behandlas")
    staff.get_by_label("Resultat", exact=True).select_option(label="Genomförs")
    staff.get_by_role("textbox", name="Svar").fill("Nämnden bifaller. Lamporna sätts upp i vår.")
    staff.get_by_role("combobox", name="Beslut (valfritt)").select_option(value=str(decision.pk))
    assert_accessible(staff, "answering a proposal")
    staff.get_by_role("button", name="Publicera svaret").click()
    expect(staff.get_by_role("status")).to_contain_text("Sparat")

    # As the work moves on, staff say how far it has come.
    assert_accessible(staff, "recording progress on an answered proposal")
    staff.get_by_label("Hur långt arbetet har kommit (%)").fill("30")
    staff.get_by_label("Hur arbetet går, i ord").fill("Lamporna är beställda.")
    staff.get_by_role("button", name="Spara hur arbetet går").click()
    expect(staff.get_by_role("status")).to_contain_text("Sparat")

    # The answer reaches the supporter by mail, and is on the public page.
    mail_to(smtp_server, "Besvarat")
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and not _answers_to(smtp_server, supporter.email):
        time.sleep(0.1)
    answers = _answers_to(smtp_server, supporter.email)
    assert len(answers) == 1 and "Lamporna sätts upp i vår." in str(answers[0]["body"])
    page.goto(f"/forslag/{proposal.pk}/")
    expect(page.locator("main")).to_contain_text("Lamporna sätts upp i vår.")
    expect(page.locator("main")).to_contain_text("Lamporna är beställda.")
    assert_accessible(page, "an answered proposal")
    assert Proposal.objects.get(pk=proposal.pk).answered_at <= timezone.now()


def _answers_to(inbox, address: str) -> list[dict]:
    return [m for m in inbox.messages if "Besvarat" in str(m["subject"]) and address in m["to"]]


def test_every_other_new_page_passes_axe(page, page_as, administrator, site):
    make_proposal(site, title="Utegym vid Vimmersjön", threshold=1)
    process = ProcessFactory(organisation=site, title="Trygghet i Nol")
    make_proposal(site, process=process, title="Belys tunneln under E45", status=Proposal.Status.ANSWERED,
                  outcome="in_progress", answer="Tunneln får ny belysning.", answered_at=timezone.now(),
                  decision=DecisionFactory(organisation=site), progress=50, progress_note="Halva sträckan är klar.")
    make_proposal(site, process=process, title="Fler papperskorgar i Nol", threshold=100)
    page.goto(f"/dialoger/{process.slug}/vad-hande/")
    expect(page.locator("main")).to_contain_text("Halva sträckan är klar.")
    assert_accessible(page, "what happened, with the dialogue's proposals")
    for path, label in (("/forslag/", "the proposal list"), ("/forslag/?q=utegym", "a search"),
                        ("/forslag/regler/", "the rules page"), ("/forslag/statistik/", "the statistics")):
        page.goto(path)
        assert_accessible(page, label)
    admin = page_as(administrator)
    for path, label in (("/personal/forslag/regler/", "the rules form"), ("/forslag/mina/", "my proposals")):
        admin.goto(path)
        assert_accessible(admin, label)
