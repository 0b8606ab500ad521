"""The way back: a contribution's page, "Mina inspel" and the trail link in mail show contribution →
theme → answer → decision."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from radslag.contributions.models import Channel, Contribution
from radslag.contributions.tests.factories import ContributionFactory
from radslag.dialogues.tests.factories import ProcessFactory
from radslag.feedback.models import AnswerStatus
from radslag.feedback.tests.factories import AnswerFactory
from radslag.governance.models import DecisionLink
from radslag.governance.tests.factories import DecisionFactory
from radslag.messaging import consent
from radslag.messaging.models import Source
from radslag.messaging.tokens import trail_token
from radslag.themes.models import Theme
from radslag.themes.tests.factories import CodingFactory, ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(org):
    """A contribution in a theme that was merged into "Belysning", answered and linked to a decision."""
    process = ProcessFactory(organisation=org, slug="parker", title="Parkerna i Alafors")
    theme = ThemeFactory(process=process, human_label="Belysning")
    old = ThemeFactory(process=process, human_label="Mörka stigar", status=Theme.Status.MERGED, merged_into=theme)
    contribution = ContributionFactory(process=process, body="Stigen vid ån är för mörk på kvällen.",
                                       given_at=dt.datetime(2019, 3, 14, 18, tzinfo=dt.UTC))
    CodingFactory(theme=old, contribution=contribution)
    decision = DecisionFactory(organisation=org, title="Belysningsprogram för parkerna")
    answer = AnswerFactory(theme=theme, status=AnswerStatus.IN_PROGRESS, text="Nya lampor sätts upp längs ån.",
                           progress=40, published_at=timezone.now())
    answer.decisions.set([decision])
    outcome = DecisionFactory(organisation=org, title="Parkplan för Alafors")
    DecisionLink.objects.create(decision=outcome, kind="process", object_id=process.pk,
                                role=DecisionLink.Role.OUTCOME)
    return {"process": process, "contribution": contribution, "theme": theme, "decision": decision,
            "outcome": outcome}


def assert_trail(page: str) -> None:
    order = ["Stigen vid ån är för mörk", "Belysning", "Genomförs", "Nya lampor sätts upp längs ån.",
             "Belysningsprogram för parkerna", "Parkplan för Alafors"]
    positions = [page.index(text) for text in order]
    assert positions == sorted(positions), positions


def test_a_contributions_page_shows_its_trail(org, client_for, story):
    page = client_for(org).get(f"/dialoger/parker/inspel/{story['contribution'].pk}/").content.decode()
    assert_trail(page)
    assert "40 % klart" in page
    assert f"/beslut/{story['decision'].pk}/" in page and "/dialoger/parker/vad-hande/#theme-" in page


def test_a_decision_taken_before_the_contribution_was_given_is_not_on_its_trail(org, client_for, story):
    """The process's outcome decision of June 2019 answers input given before it, not a slip from 2020."""
    later = ContributionFactory(process=story["process"], body="Fler bänkar vid ån, tack.",
                                given_at=dt.datetime(2020, 2, 3, 18, tzinfo=dt.UTC))
    assert "Parkplan för Alafors" in client_for(org).get(
        f"/dialoger/parker/inspel/{story['contribution'].pk}/").content.decode()
    page = client_for(org).get(f"/dialoger/parker/inspel/{later.pk}/").content.decode()
    assert "Fler bänkar vid ån" in page and "Parkplan för Alafors" not in page


def test_an_unpublished_contribution_has_no_public_page(org, client_for, story):
    hidden = ContributionFactory(process=story["process"], status=Contribution.Status.HIDDEN)
    assert client_for(org).get(f"/dialoger/parker/inspel/{hidden.pk}/").status_code == 404


def test_a_draft_answer_is_not_on_the_trail(org, client_for, story):
    story["theme"].answer.published_at = None
    story["theme"].answer.save()
    page = client_for(org).get(f"/dialoger/parker/inspel/{story['contribution'].pk}/").content.decode()
    assert "Nya lampor" not in page and "Inte besvarat ännu" in page


def test_my_contributions_shows_the_signed_in_persons_own_trail(org, client_for, resident, story):
    Contribution.objects.filter(pk=story["contribution"].pk).update(author=resident)
    ContributionFactory(process=story["process"], body="Någon annans inspel om bänkar.")
    page = client_for(org, resident).get("/mina-inspel/").content.decode()
    assert_trail(page)
    assert "Någon annans inspel" not in page
    assert client_for(org).get("/mina-inspel/").status_code == 302  # sign in first


def test_the_trail_link_in_mail_shows_the_trail_without_an_account(org, other_org, client_for, story):
    recipient = consent.recipient_for(organisation=org, email="anna@example.se")
    consent.ask_to_be_told(organisation=org, email="anna@example.se", source=Source.CONTRIBUTION,
                           source_id=story["contribution"].pk, process_id=story["process"].pk)
    pending = ContributionFactory(process=story["process"], status=Contribution.Status.PENDING, body="Väntar.")
    consent.ask_to_be_told(organisation=org, email="anna@example.se", source=Source.CONTRIBUTION,
                           source_id=pending.pk, process_id=story["process"].pk)
    ContributionFactory(process=story["process"], body="Någon annans inspel om bänkar.")
    token = trail_token(recipient)

    page = client_for(org).get(f"/mina-inspel/spar/{token}/").content.decode()
    assert_trail(page)
    assert "Någon annans inspel" not in page and "Väntar." not in page
    assert "1 av dina inspel är inte publicerat" in page
    assert client_for(other_org).get(f"/mina-inspel/spar/{token}/").status_code == 404


def test_the_trail_link_shows_a_paper_slip_that_carried_the_address(org, client_for, story):
    """A slip with an e-mail address, typed in by staff, is followed from the mail like input left online."""
    Contribution.objects.filter(pk=story["contribution"].pk).update(channel=Channel.SLIP)
    consent.ask_to_be_told(organisation=org, email="bo@example.se", source=Source.BULK_ENTRY,
                           source_id=story["contribution"].pk, process_id=story["process"].pk)
    token = trail_token(consent.recipient_for(organisation=org, email="bo@example.se"))

    page = client_for(org).get(f"/mina-inspel/spar/{token}/").content.decode()
    assert_trail(page)


@pytest.mark.parametrize("token", ["nonsense", "x" * 40])
def test_a_broken_trail_link_gets_a_clear_page(org, client_for, token):
    response = client_for(org).get(f"/mina-inspel/spar/{token}/")
    assert response.status_code == 400
    assert "Länken fungerar inte" in response.content.decode()


def test_a_tampered_trail_link_gets_a_clear_page(org, client_for):
    token = trail_token(consent.recipient_for(organisation=org, email="anna@example.se"))
    response = client_for(org).get(f"/mina-inspel/spar/{token[:-3]}abc/")
    assert response.status_code == 400


def test_what_happened_lists_every_theme_with_its_answer(org, client_for, story):
    ThemeFactory(process=story["process"], human_label="Bänkar")
    page = client_for(org).get("/dialoger/parker/vad-hande/").content.decode()
    assert "Vad hände med inspelen?" in page
    belysning = page[page.index(">Belysning<"):page.index(">Bänkar<")]
    assert "Genomförs" in belysning and "Belysningsprogram för parkerna" in belysning
    assert "Inte besvarat ännu" in page[page.index(">Bänkar<"):]
    assert "Mörka stigar" not in page  # merged away
    # A theme still owes its answer, so the promise still stands.
    assert "Parkplan för Alafors" in page and "Svar utlovas senast 30 juni 2030." in page


def test_what_happened_says_the_answer_is_overdue_once_the_promised_date_has_passed(org, client_for, story):
    ThemeFactory(process=story["process"], human_label="Bänkar")  # still unanswered
    story["process"].feedback_due = dt.date(2020, 6, 30)
    story["process"].save()
    client = client_for(org)

    page = client.get("/dialoger/parker/vad-hande/").content.decode()
    assert "Svar utlovades senast 30 juni 2020 och är försenat." in page
    assert "Svar utlovas senast" not in page

    client.cookies["django_language"] = "en"
    page = client.get("/dialoger/parker/vad-hande/").content.decode()
    assert "An answer was promised no later than 30 June 2020 and is overdue." in page


def test_what_happened_with_every_theme_answered_says_the_promise_was_kept_not_late(org, client_for, story):
    story["process"].feedback_due = dt.date(2020, 6, 30)
    story["process"].save()
    page = client_for(org).get("/dialoger/parker/vad-hande/").content.decode()
    assert "Svar utlovades senast 30 juni 2020." in page and "försenat" not in page


def test_in_english_what_happened_marks_the_swedish_decision_titles(org, client_for, story):
    client = client_for(org)
    client.cookies["django_language"] = "en"
    page = client.get("/dialoger/parker/vad-hande/").content.decode()
    assert '<span lang="sv">Parkplan för Alafors</span>' in page  # the decision after the dialogue
    assert '<span lang="sv">Belysningsprogram för parkerna</span>' in page  # the one an answer rests on
    trail = client.get(f"/dialoger/parker/inspel/{story['contribution'].pk}/").content.decode()
    assert '<span lang="sv">Parkplan för Alafors</span>' in trail
