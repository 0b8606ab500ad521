"""The staff desk: importing a spreadsheet twice, moderating a queue by keyboard, and a compilation that says
which themes it leaves out. Each journey checks what a communications officer would notice."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from radslag.accounts.models import Role
from radslag.contributions.models import Contribution
from radslag.contributions.tests.factories import ContributionFactory
from radslag.themes.tests.factories import CodingFactory, ThemeFactory
from tests.e2e.conftest import person

from .accessibility import assert_accessible

pytestmark = pytest.mark.e2e

SHEET = (
    "text;datum;id\n"
    "Fler bänkar vid älven;2026-03-04;L-1\n"
    "Bättre belysning vid stationen;2026-03-04;L-2\n"
    "12345;2026-03-04;L-3\n"
).encode()


def choose_file(page, content: bytes, name: str = "lappar.csv") -> None:
    page.get_by_label("Fil (CSV eller XLSX)").set_input_files(
        files=[{"name": name, "mimeType": "text/csv", "buffer": content}])
    page.get_by_role("button", name="Förhandsgranska").click()


def test_importing_the_same_sheet_twice_warns_and_skips_the_rows_already_there(page_as, staff_member, process):
    page = page_as(staff_member)
    page.goto(f"/personal/processer/{process.pk}/import/")
    choose_file(page, SHEET)
    expect(page.get_by_role("heading", name="1 rad ser ovanlig ut")).to_be_visible()
    expect(page.get_by_text("texten ”12345” har inga bokstäver")).to_be_visible()
    expect(page.get_by_label("Skicka dem till moderering först")).to_be_checked()  # the process has rules
    expect(page.get_by_label("Lämna dem utanför")).to_be_checked()
    assert_accessible(page, "import preview with a warning")
    expect(page.get_by_text("Med valen som de är inställda nu importeras 2 inspel")).to_be_visible()
    page.get_by_role("button", name="Importera med dessa val").click()
    expect(page.get_by_role("status")).to_contain_text(
        "2 inspel importerades från lappar.csv och väntar i modereringskön")
    stored = Contribution.objects.filter(process=process)
    assert sorted(stored.values_list("external_id", flat=True)) == ["L-1", "L-2"]
    assert {timezone.localtime(c.given_at).date() for c in stored} == {dt.date(2026, 3, 4)}

    choose_file(page, SHEET + b"Ett utegym i parken;2026-03-05;L-4\n")
    expect(page.get_by_role("heading", name="2 rader har importerats tidigare (samma id)")).to_be_visible()
    expect(page.get_by_label("Hoppa över dem: importera bara de nya raderna")).to_be_checked()
    assert_accessible(page, "import preview with repeated rows")
    expect(page.get_by_text("Med valen som de är inställda nu importeras 1 inspel")).to_be_visible()
    page.get_by_role("button", name="Importera med dessa val").click()
    expect(page.get_by_role("status")).to_contain_text("1 inspel importerades från lappar.csv")
    assert sorted(stored.values_list("external_id", flat=True)) == ["L-1", "L-2", "L-4"]


@pytest.fixture
def queue(process, site):
    author = person(site, Role.RESIDENT, "invanare@example.se")
    now = timezone.now()
    items = []
    for age, text in enumerate(["Första inspelet", "Andra inspelet", "Tredje inspelet"]):
        item = ContributionFactory(process=process, body=text, status=Contribution.Status.PENDING, author=author)
        Contribution.objects.filter(pk=item.pk).update(created_at=now - dt.timedelta(minutes=age))
        items.append(item)
    return author, items


def test_moderating_by_keyboard_keeps_the_place_and_the_author_learns_why(page_as, site, process, queue):
    author, (first, second, third) = queue
    moderator = person(site, Role.MODERATOR, "moderator@ale.example.se")
    page = page_as(moderator)
    page.goto(f"/personal/processer/{process.pk}/moderering/")
    assert_accessible(page, "moderation queue")
    page.get_by_role("button", name=f"Publicera inspel {first.pk}", exact=True).click()
    expect(page).to_have_url(f"{page.url.split('#')[0]}#item-{second.pk}")
    expect(page.locator(f"#item-{second.pk}")).to_be_focused()

    # Hiding without a rule: a Swedish message from the server, not the browser's English tooltip.
    page.get_by_role("button", name=f"Dölj inspel {second.pk}").click()
    expect(page.locator("[data-error-summary]")).to_contain_text("Välj vilken regel inspelet bryter mot.")
    page.get_by_label("Vilken regel bryter det mot?").select_option("Inga personangrepp")
    page.get_by_role("button", name="Dölj från de publika sidorna").click()
    expect(page.locator(f"#item-{third.pk}")).to_be_focused()
    assert len(mail.outbox) == 1 and "Inga personangrepp" in mail.outbox[0].body

    page.goto(f"/personal/processer/{process.pk}/moderering/{third.pk}/")
    page.get_by_label("Text att publicera").fill("Tredje inspelet, utan namn")
    page.get_by_role("button", name="Publicera den redigerade texten").click()

    resident = page_as(author)
    resident.goto("/mina-uppgifter/")
    expect(resident.get_by_text("bryter mot dialogens regel: ”Inga personangrepp”")).to_be_visible()
    assert_accessible(resident, "my data with a hidden contribution")
    resident.goto(f"/dialoger/{process.slug}/inspel/")
    expect(resident.locator(".contribution", has_text="Tredje inspelet, utan namn")).to_contain_text(
        "Redigerat av moderatorn")
    expect(resident.locator(".contribution", has_text="Första inspelet")).not_to_contain_text("Redigerat")
    assert_accessible(resident, "public list with an edited contribution")


def test_the_compilation_names_the_themes_it_leaves_out_before_publishing(page_as, staff_member, process):
    accepted = ThemeFactory(process=process, human_label="Öppna fritidsgårdar", accepted=True, order=1)
    waiting = ThemeFactory(process=process, human_label="Biblioteket som mötesplats", order=2)
    for n in range(4):
        CodingFactory(theme=accepted, contribution=ContributionFactory(process=process, body=f"Fritidsgård {n}"))
    for n in range(3):
        CodingFactory(theme=waiting, contribution=ContributionFactory(process=process, body=f"Bibliotek {n}"))
    page = page_as(staff_member)
    page.goto(f"/personal/processer/{process.pk}/sammanstallning/")
    warning = page.locator("#themes-left-out")
    expect(warning).to_contain_text("1 tema är utelämnat ur sammanställningen")
    expect(warning).to_contain_text("Biblioteket som mötesplats (3 publicerade inspel)")
    expect(warning).to_contain_text("inte godkända än")
    assert_accessible(page, "compilation with a theme left out")
    page.get_by_label("Bara godkända teman").uncheck()
    page.get_by_role("button", name="Spara", exact=True).click()
    expect(page.locator("#themes-left-out")).to_have_count(0)
    expect(page.get_by_role("heading", name="2. Biblioteket som mötesplats")).to_be_visible()
