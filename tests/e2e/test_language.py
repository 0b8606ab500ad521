"""The shared layout and form parts speak Swedish, the interface's default language."""

import pytest
from playwright.sync_api import expect

from tests.e2e.accessibility import assert_accessible

pytestmark = pytest.mark.e2e


def test_layout_and_error_summary_are_in_swedish(page, process):
    """Skip link, sign-in link and the error summary heading are not left in English, and the page says lang=sv."""
    page.goto(f"/dialoger/{process.slug}/bidra/")
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.locator("a.skip-link")).not_to_have_text("Skip to content")
    expect(page.get_by_role("navigation").first).to_contain_text("Logga in")

    page.get_by_role("button", name="Skicka inspel").click()
    expect(page.get_by_role("alert").get_by_role("heading")).not_to_have_text("There is a problem")


def test_switching_to_english_on_a_process_page_shows_english_texts_and_marks_swedish_ones(page, process):
    """A visitor switches to English: the title staff translated is English, the summary nobody translated
    stays Swedish marked lang="sv", and the page is accessible in both languages."""
    process.title_en = "Meeting places in Nödinge"
    process.summary = "Var träffas du helst i Nödinge?"
    process.save()

    page.goto(f"/dialoger/{process.slug}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mötesplatser i Nödinge")
    assert_accessible(page, "process page in Swedish")

    page.get_by_role("button", name="In English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text("Meeting places in Nödinge")
    expect(heading).not_to_have_attribute("lang", "sv")
    expect(page.locator(".lead")).to_have_attribute("lang", "sv")
    expect(page.locator(".lead")).to_contain_text("Var träffas du helst i Nödinge?")
    activity = page.get_by_role("link", name="Dialogkväll på Ale gymnasium").first.locator("span")
    expect(activity).to_have_attribute("lang", "sv")
    assert_accessible(page, "process page in English")

    page.get_by_role("button", name="På svenska").click()
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mötesplatser i Nödinge")
