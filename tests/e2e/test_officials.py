"""An elected official signs in, follows the municipality's dialogues in the overview, and reads the
analyses without any way to change them; the focus-area and vision pages gather what is tied to them."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from radslag.accounts.models import Role
from radslag.contributions.tests.factories import ContributionFactory
from radslag.core.models import AgeBand, Sex
from radslag.dialogues.tests.factories import PhaseFactory
from radslag.governance.models import BodyMeeting, Vision
from radslag.governance.tests.factories import DecisionFactory, FocusAreaFactory, StrategicPlanFactory
from radslag.organisations.models import PopulationFigure
from radslag.organisations.tests.factories import LocalityFactory
from radslag.themes.tests.factories import ThemeFactory

from .accessibility import assert_accessible
from .conftest import person

pytestmark = pytest.mark.e2e

PASSWORD = "lösenord-123"  # the password UserFactory gives everyone
WRITE_BUTTONS = re.compile(r"Spara|Publicera|Slå ihop|Dela|Byt namn|Starta|Lägg till|Ta bort|Godkänn|Fäst")


@pytest.fixture
def official(site):
    return person(site, Role.OFFICIAL, "politiker@ale.example.se")


@pytest.fixture
def municipality(site, process):
    """Ale's plan with a focus area, the process tied to it with a phase going on now, a committee meeting,
    contributions from Nödinge only (so Surte is under-represented), and a theme."""
    Vision.objects.create(organisation=site, title="Vision 2031", text="Ale är en plats att vara stolt över.")
    plan = StrategicPlanFactory(organisation=site, title="Strategisk plan 2024–2027")
    area = FocusAreaFactory(plan=plan, number=4, name="Medskapande invånare", slug="medskapande")
    process.focus_areas.add(area)
    today = timezone.localdate()
    PhaseFactory(process=process, name="Dialogkvällar", starts=today - dt.timedelta(days=5),
                 ends=today + dt.timedelta(days=5))
    BodyMeeting.objects.create(organisation=site, body=process.deciding_body, date=today + dt.timedelta(days=20),
                               note="Sammanträde i Alafors")
    nodinge = LocalityFactory(organisation=site, name="Nödinge")
    surte = LocalityFactory(organisation=site, name="Surte")
    for locality in (nodinge, surte):
        PopulationFigure.objects.create(organisation=site, year=2025, locality=locality,
                                        age_band=AgeBand.AGE_30_44, sex=Sex.FEMALE, count=3000)
    for n in range(12):
        ContributionFactory(process=process, locality=nodinge, age_band=AgeBand.AGE_30_44, sex=Sex.FEMALE,
                            body=f"Fler bänkar vid ån i Nödinge ({n}).")
    theme = ThemeFactory(process=process, human_label="Bänkar vid ån", accepted=True)
    theme.focus_areas.add(area)
    DecisionFactory(organisation=site, title="Mötesplatser i varje ort").focus_areas.add(area)
    return area


def test_an_official_follows_the_dialogues_and_reads_the_analysis_without_changing_it(page, official, municipality,
                                                                                       process):
    page.goto("/personal/")
    page.get_by_label("E-post", exact=False).first.fill(official.email)
    page.get_by_label("Lösenord", exact=False).first.fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Personalsidor")
    expect(page.get_by_role("link", name="Ny process")).to_have_count(0)

    page.get_by_role("link", name="Översikt över kommunen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Översikt över Ale kommun")
    expect(page.get_by_role("heading", name="4. Medskapande invånare")).to_be_visible()
    row = page.get_by_role("row").filter(has_text=process.title).first
    expect(row).to_contain_text("Dialogkvällar")
    expect(row).to_contain_text("Surte")
    expect(page.get_by_text("Sammanträde i Alafors")).to_be_visible()
    expect(page.locator("main").get_by_role("button", name=WRITE_BUTTONS)).to_have_count(0)
    assert_accessible(page, "officials' overview")

    row.get_by_role("link", name=re.compile("^Teman")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Teman")
    expect(page.get_by_text("Bänkar vid ån").first).to_be_visible()
    expect(page.locator("main").get_by_role("button", name=WRITE_BUTTONS)).to_have_count(0)

    page.go_back()
    page.get_by_role("row").filter(has_text=process.title).first.get_by_role(
        "link", name=re.compile("^Vilka deltog")).click()
    expect(page.locator("main").get_by_role("button", name=WRITE_BUTTONS)).to_have_count(0)


def test_the_focus_area_and_vision_pages_gather_what_is_tied_to_them(page, municipality, process):
    page.goto("/styrning/vision/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Vision 2031")
    expect(page.get_by_text("1 pågående dialog")).to_be_visible()
    assert_accessible(page, "vision page")

    page.get_by_role("link", name="Medskapande invånare").click()
    expect(page).to_have_url(re.compile(r"/fokusomraden/medskapande/$"))
    expect(page.get_by_role("link", name=process.title)).to_be_visible()
    expect(page.get_by_text("Pågår: Dialogkvällar")).to_be_visible()
    expect(page.get_by_role("link", name="Bänkar vid ån")).to_be_visible()
    expect(page.get_by_role("link", name="Mötesplatser i varje ort")).to_be_visible()
    assert_accessible(page, "focus-area page")
