"""A table host types in a pile of paper slips on a phone, one after the other."""

import pytest
from playwright.sync_api import expect

from radslag.accounts.models import Role
from radslag.contributions.models import Channel, Contribution
from radslag.dialogues.models import Table
from tests.e2e.conftest import PHONE, person

pytestmark = pytest.mark.e2e

SLIPS = [
    "Fler bänkar längs älven", "Öppna skolgården på helgerna", "Bättre belysning vid stationen i Nol",
    "En fritidsgård i Skepplanda", "Läxhjälp på biblioteket", "Mötesplats för äldre i Surte",
    "Cykelväg mellan Alafors och Nödinge", "Kvällsöppet bibliotek", "Utegym i Bohus",
    "Mer kultur för unga", "Tryggare busshållplatser", "Café i kulturhuset",
    "Plats att grilla vid sjön", "Samåkning till kvällsaktiviteter", "Språkcafé för nyanlända",
    "Skatepark i Älvängen", "Fler parkbänkar i skugga", "Öppen förskola på lördagar",
    "Lokaler för föreningar", "Mer information på lätt svenska",
]


@pytest.fixture
def table_host(site, process):
    host = person(site, Role.RESIDENT, "bordsvard@example.se")
    table = Table.objects.get(activity__process=process, name="Bord 2")
    table.host = host
    table.save()
    return host


def test_table_host_types_in_twenty_slips_on_a_phone(page_as, process, table_host):
    """Activity, table and kind stay chosen; each Enter saves one slip and clears the text field."""
    table = Table.objects.get(activity__process=process, name="Bord 2")
    page = page_as(table_host, viewport=PHONE)
    page.goto(f"/personal/processer/{process.pk}/inmatning/")

    form = page.locator("form").filter(has=page.locator("textarea[name=body]"))
    form.locator("select[name=activity]").select_option(str(table.activity_id))
    form.locator("select[name=table]").select_option(str(table.pk))
    form.locator("select[name=channel]").select_option(Channel.SLIP.value)
    body = form.locator("textarea[name=body]")

    for number, slip in enumerate(SLIPS, start=1):
        body.focus()
        page.keyboard.type(slip)
        page.keyboard.press("Enter")
        expect(body, f"slip {number} was not saved by Enter").to_have_value("")
        expect(form.locator("select[name=table]")).to_have_value(str(table.pk))

    expect(form.locator("select[name=activity]")).to_have_value(str(table.activity_id))
    expect(form.locator("select[name=channel]")).to_have_value(Channel.SLIP.value)
    saved = Contribution.objects.filter(process=process, entered_by=table_host)
    assert sorted(saved.values_list("body", flat=True)) == sorted(SLIPS)
    assert set(saved.values_list("table_id", "activity_id", "channel")) == {
        (table.pk, table.activity_id, Channel.SLIP.value)
    }


def test_bulk_entry_keeps_focus_in_the_text_field_after_saving(page_as, process, table_host):
    """After a save the cursor is back in the text field, so the next slip can be typed at once."""
    table = Table.objects.get(activity__process=process, name="Bord 2")
    page = page_as(table_host, viewport=PHONE)
    page.goto(f"/personal/processer/{process.pk}/inmatning/?activity={table.activity_id}&table={table.pk}&channel=slip")
    body = page.locator("textarea[name=body]")
    body.focus()
    page.keyboard.type("Fler bänkar längs älven")
    page.keyboard.press("Enter")
    expect(body).to_have_value("")
    expect(body).to_be_focused()
