"""Staff report what has happened, and residents see it first on the process page."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from radslag.dialogues.tests.factories import UpdateFactory

pytestmark = pytest.mark.e2e


def test_new_update_is_first_in_what_has_happened(page_as, page, staff_member, process):
    """An update posted by staff heads the public "Vad har hänt?" list, above older ones."""
    earlier = timezone.now() - dt.timedelta(days=3)
    UpdateFactory(process=process, title="Dialogkvällen är planerad", published_at=earlier)
    staff = page_as(staff_member)
    staff.goto(f"/personal/processer/{process.pk}/uppdateringar/ny/")
    staff.locator("[name=body]").fill("Över hundra personer kom till dialogkvällen. Vi läser nu alla lappar.")
    staff.locator("[name=title]").fill("Tack för en fin dialogkväll")
    staff.locator("[name=title]").press("Enter")
    expect(staff.get_by_role("status")).to_be_visible()

    page.goto(f"/dialoger/{process.slug}/")
    updates = page.get_by_role("region", name="Vad har hänt?")
    headings = updates.get_by_role("heading", level=3)
    expect(headings).to_have_count(2)
    expect(headings.first).to_have_text("Tack för en fin dialogkväll")
    expect(headings.nth(1)).to_have_text("Dialogkvällen är planerad")
    expect(updates.locator("article").first).to_contain_text("Över hundra personer kom till dialogkvällen.")
