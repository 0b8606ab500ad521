"""Closing the loop in the browser: staff answer a theme and publish; the public "Vad hände med inspelen?"
page shows the answer, and a contribution's own page shows its trail to the answer and the decision."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from radslag.contributions.tests.factories import ContributionFactory
from radslag.governance.models import DecisionLink
from radslag.governance.tests.factories import DecisionFactory
from radslag.messaging import consent
from radslag.messaging.models import Source
from radslag.messaging.tokens import trail_token
from radslag.themes.tests.factories import CodingFactory, ThemeFactory
from tests.e2e.accessibility import assert_accessible

pytestmark = pytest.mark.e2e


def test_staff_publish_an_answer_and_the_trail_shows_it(page_as, page, staff_member, process, site):
    theme = ThemeFactory(process=process, human_label="Öppet på kvällarna")
    contribution = ContributionFactory(process=process, body="Biblioteket borde ha öppet till nio på kvällen.")
    CodingFactory(theme=theme, contribution=contribution)
    decision = DecisionFactory(organisation=site, title="Längre öppettider på Nödinge bibliotek")
    DecisionLink.objects.create(decision=decision, kind="process", object_id=process.pk, role="outcome")

    staff = page_as(staff_member)
    staff.goto("/personal/beslut/ny/")
    expect(staff.get_by_role("group", name="Dialoger som beslutet är resultatet av")).to_be_visible()
    assert_accessible(staff, "the decision form with its links")
    staff.goto("/personal/")
    expect(staff.get_by_role("region", name="Svar som deltagarna väntar på")).to_contain_text(process.title)
    assert_accessible(staff, "the staff page with answers owed")
    staff.goto(f"/personal/processer/{process.pk}/svar/")
    assert_accessible(staff, "the staff answers page")
    staff.get_by_role("link", name="Svara på Öppet på kvällarna").click()
    assert_accessible(staff, "the answer form")
    staff.get_by_label("Status").select_option(label="Ingår i beslut")
    staff.get_by_label("Svar", exact=True).fill("Biblioteket har öppet till klockan 21 på tisdagar och torsdagar.")
    staff.get_by_label("Längre öppettider på Nödinge bibliotek", exact=False).check()
    staff.get_by_role("button", name="Spara").click()
    expect(staff.get_by_role("status")).to_contain_text("Svaret är sparat")
    staff.get_by_role("button", name="Publicera 1 nytt eller ändrat svar").click()
    expect(staff.get_by_role("status")).to_contain_text("1 svar är publicerat")

    page.goto(f"/dialoger/{process.slug}/")
    page.get_by_role("link", name="Vad hände med inspelen?").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Vad hände med inspelen?")
    answer = page.get_by_role("article", name="Öppet på kvällarna")
    expect(answer).to_contain_text("Ingår i beslut")
    expect(answer).to_contain_text("till klockan 21")
    expect(answer.get_by_role("link", name="Längre öppettider på Nödinge bibliotek")).to_be_visible()
    assert_accessible(page, "Vad hände med inspelen?")

    page.goto(f"/dialoger/{process.slug}/inspel/{contribution.pk}/")
    trail = page.get_by_role("region", name="Vad som hände med det")
    expect(trail).to_contain_text("Öppet på kvällarna")
    expect(trail).to_contain_text("till klockan 21")
    expect(trail).to_contain_text("Längre öppettider på Nödinge bibliotek")
    assert_accessible(page, "a contribution's page")
    trail.get_by_role("link", name="Längre öppettider på Nödinge bibliotek").first.click()
    expect(page.get_by_role("heading", name="Dialogen bakom beslutet")).to_be_visible()
    assert_accessible(page, "the decision page with the dialogue behind it")


def test_the_trail_pages_are_accessible(page_as, page, process, site):
    from radslag.accounts.models import Role
    from tests.e2e.conftest import person

    resident = person(site, Role.RESIDENT, "invanare@example.se")
    theme = ThemeFactory(process=process, human_label="Bänkar i parken")
    mine = ContributionFactory(process=process, author=resident, body="Fler bänkar i parken, tack.")
    CodingFactory(theme=theme, contribution=mine)
    from radslag.feedback.tests.factories import AnswerFactory

    AnswerFactory(theme=theme, text="Fem nya bänkar ställs ut i vår.", published_at=timezone.now())

    own = page_as(resident)
    own.goto("/mina-inspel/")
    expect(own.get_by_role("heading", level=1)).to_have_text("Mina inspel")
    expect(own.locator("main")).to_contain_text("Fem nya bänkar")
    assert_accessible(own, "Mina inspel")

    recipient = consent.recipient_for(organisation=site, email="anna@example.se")
    consent.ask_to_be_told(organisation=site, email="anna@example.se", source=Source.CONTRIBUTION,
                           source_id=mine.pk, process_id=process.pk)
    page.goto(f"/mina-inspel/spar/{trail_token(recipient)}/")
    expect(page.locator("main")).to_contain_text("Fem nya bänkar")
    assert_accessible(page, "the trail from a mail link")
    page.goto("/mina-inspel/spar/trasig-lank/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Länken fungerar inte")
    assert_accessible(page, "a broken trail link")
