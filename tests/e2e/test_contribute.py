"""A resident sends a contribution online: by keyboard alone, and with JavaScript turned off."""

import pytest
from playwright.sync_api import expect

from radslag.contributions.models import Channel, Contribution
from tests.e2e.keyboard import is_focused, tab_to

pytestmark = pytest.mark.e2e

RECEIPT_HEADING = "Tack! Ditt inspel har kommit in"
SEND = "Skicka inspel"


def contribute_url(process) -> str:
    return f"/dialoger/{process.slug}/bidra/"


def test_resident_contributes_with_the_keyboard_only(page, process):
    """Tab reaches the text field and the send button; Enter sends; the receipt and the record follow."""
    text = "En mötesplats ska vara öppen på kvällar och helger, och gå att nå med buss från Nol."
    page.goto(contribute_url(process))

    tab_to(page, page.get_by_label(process.input_question))
    page.keyboard.type(text)
    tab_to(page, page.get_by_role("button", name=SEND))
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text(RECEIPT_HEADING)
    contribution = Contribution.objects.get(process=process, body=text)
    assert contribution.channel == Channel.WEB
    assert contribution.organisation == process.organisation
    expect(page.get_by_text(str(contribution.pk), exact=False).first).to_be_visible()


def test_empty_contribution_shows_an_error_summary_that_leads_to_the_field(page, process):
    """Sending an empty form lists the problem, links to the field, and saves nothing."""
    page.goto(contribute_url(process))
    page.get_by_role("button", name=SEND).click()

    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Skriv ditt inspel innan du skickar det.")
    summary.get_by_role("link").first.click()
    assert is_focused(page.get_by_label(process.input_question))
    assert not Contribution.objects.filter(process=process).exists()


def test_contribution_form_works_without_javascript(new_context, process):
    """With JavaScript off the form still sends and the receipt still shows."""
    page = new_context(javascript=False).new_page()
    text = "Ungdomsgården i Älvängen behöver längre öppettider."
    page.goto(contribute_url(process))
    page.get_by_label(process.input_question).fill(text)
    page.get_by_role("button", name=SEND).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(RECEIPT_HEADING)
    assert Contribution.objects.filter(process=process, body=text, channel=Channel.WEB).count() == 1
