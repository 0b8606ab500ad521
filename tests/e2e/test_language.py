"""The shared layout and form parts speak Swedish, the interface's default language."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_layout_and_error_summary_are_in_swedish(page, process):
    """Skip link, sign-in link and the error summary heading are not left in English, and the page says lang=sv."""
    page.goto(f"/dialoger/{process.slug}/bidra/")
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.locator("a.skip-link")).not_to_have_text("Skip to content")
    expect(page.get_by_role("navigation").first).to_contain_text("Logga in")

    page.get_by_role("button", name="Skicka inspel").click()
    expect(page.get_by_role("alert").get_by_role("heading")).not_to_have_text("There is a problem")
