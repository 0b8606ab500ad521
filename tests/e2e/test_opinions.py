"""A resident answers statements by keyboard, adds one, and reads the opinion map; axe checks both pages."""

import pytest
from playwright.sync_api import expect

from radslag.opinions.models import Conversation, Participant, Statement, StatementVote
from radslag.opinions.recompute import compute_snapshot
from radslag.opinions.tests.two_camps import two_camps
from tests.e2e.accessibility import assert_accessible
from tests.e2e.conftest import PHONE
from tests.e2e.keyboard import tab_to

pytestmark = pytest.mark.e2e


@pytest.fixture
def conversation(process):
    conversation = Conversation.objects.create(
        organisation=process.organisation, process=process, title="Torget i Nödinge",
        question="Vad tycker du om torget?", min_votes=3,
    )
    camps = two_camps(conversation)
    for camp, band in (("A", "16-19"), ("B", "45-64")):
        Participant.objects.filter(pk__in=[p.pk for p in camps[camp][:9]]).update(age_band=band)
    compute_snapshot(conversation)
    return conversation


def test_answering_by_keyboard_adding_a_statement_and_seeing_the_map(new_context, conversation):
    page = new_context(viewport=PHONE).new_page()
    page.goto(f"/samtal/{conversation.pk}/")
    expect(page.get_by_text("0 av 8 påståenden besvarade")).to_be_visible()
    assert_accessible(page, "participation page")

    for answered, button in enumerate(("Håller med", "Håller inte med", "Pass / vet inte"), start=1):
        tab_to(page, page.get_by_role("button", name=button, exact=True))
        page.keyboard.press("Enter")
        expect(page.get_by_text(f"{answered} av 8 påståenden besvarade")).to_be_visible()
    assert sorted(StatementVote.objects.filter(participant__code_hash__gt="").values_list("value", flat=True)) == [
        -1, 0, 1]
    expect(page.get_by_text("Din deltagarkod")).to_be_visible()

    tab_to(page, page.get_by_label("Ditt påstående"))
    page.keyboard.type("Torget behöver en lekplats för små barn.")
    tab_to(page, page.get_by_role("button", name="Skicka påstående"))
    page.keyboard.press("Enter")
    expect(page.get_by_text("Tack! Ditt påstående visas för andra när en moderator har läst det.")).to_be_visible()
    assert Statement.objects.get(text="Torget behöver en lekplats för små barn.").status == Statement.Status.PENDING

    page.get_by_role("link", name="Se åsiktsgrupperna och var du står").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Åsiktsgrupper i")
    expect(page.get_by_role("img", name="Karta över deltagarna efter åsiktsgrupp")).to_be_visible()
    table = page.get_by_role("table", name="Åsiktsgrupper (kartan som tabell)")
    expect(table.get_by_role("rowheader", name="Grupp A")).to_be_visible()
    expect(table.get_by_role("rowheader", name="Grupp B")).to_be_visible()
    ages = page.get_by_role("table", name="Ålder i grupperna")
    expect(ages.get_by_role("rowheader", name="16–19 år")).to_be_visible()
    assert_accessible(page, "results page")


def test_answering_works_without_javascript(new_context, conversation):
    page = new_context(javascript=False).new_page()
    page.goto(f"/samtal/{conversation.pk}/")
    page.get_by_role("button", name="Håller med", exact=True).click()
    expect(page.get_by_text("1 av 8 påståenden besvarade")).to_be_visible()


def test_the_results_page_highlights_a_placed_participant(page_as, conversation, site):
    from radslag.accounts.models import Role
    from tests.e2e.conftest import person

    resident = person(site, Role.RESIDENT, "invanare@example.se")
    participant = conversation.participants.order_by("pk").first()  # a member of camp A
    participant.user = resident
    participant.save()
    page = page_as(resident)
    page.goto(f"/samtal/{conversation.pk}/resultat/")
    expect(page.get_by_text("Du är i Grupp")).to_be_visible()
    assert page.locator("svg[role=img] g.you").count() == 1
