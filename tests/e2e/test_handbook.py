"""The handbook: a staff page's help link lands on the section that explains it, the handbook passes
axe, and the handbook's screenshots are taken from a seeded process every run (to out/e2e/handbook;
`make handbook-images` writes them over docs/handbook/images)."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from django.conf import settings
from PIL import Image
from playwright.sync_api import Page, expect

from radslag.accounts.models import Role
from radslag.contributions.models import Contribution
from radslag.contributions.tests.factories import ContributionFactory
from radslag.core.models import AgeBand, Sex
from radslag.organisations.models import PopulationFigure
from radslag.organisations.tests.factories import LocalityFactory
from radslag.themes.tests.corpus import BUS, PARK, SCHOOL
from radslag.voting.tests.factories import ballot_with_options
from tests.e2e.accessibility import assert_accessible
from tests.e2e.conftest import person

pytestmark = pytest.mark.e2e
COMMITTED = Path(settings.BASE_DIR) / "docs" / "handbook" / "images"
# A test run writes its pictures under out/ (ignored by git), so running the suite leaves the tree clean;
# `make handbook-images` sets RADSLAG_HANDBOOK_IMAGES=update and writes them over the committed ones.
IMAGES = COMMITTED if os.environ.get("RADSLAG_HANDBOOK_IMAGES") == "update" else (
    Path(settings.BASE_DIR) / "out" / "e2e" / "handbook")
RUN_TIMEOUT_MS = 60_000
WAITING = [
    "Bibliotekets öppettider på lördagar räcker inte, det stänger innan bussen ens hunnit fram.",
    "Ring mig gärna på 0701234567 så berättar jag mer om skolgården.",
]


def save_screenshot(page: Page, name: str) -> None:
    """A 1280-wide picture of the visible page, reduced to a palette and compressed: small to commit."""
    picture = Image.open(io.BytesIO(page.screenshot(full_page=False)))
    picture = picture.convert("RGB").quantize(colors=96, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    IMAGES.mkdir(parents=True, exist_ok=True)
    picture.save(IMAGES / name, format="PNG", optimize=True)


# Residents per age band in each locality (made-up figures of about Ale's shape).
POPULATION = {AgeBand.AGE_16_19: 700, AgeBand.AGE_20_29: 1900, AgeBand.AGE_30_44: 3000,
              AgeBand.AGE_45_64: 4200, AgeBand.AGE_65_79: 2300, AgeBand.AGE_80_PLUS: 700}
# Who wrote in: mostly older residents, few young ones, as is common.
WRITERS = [AgeBand.AGE_45_64, AgeBand.AGE_65_79, AgeBand.AGE_30_44, AgeBand.AGE_65_79, AgeBand.AGE_45_64,
           AgeBand.AGE_80_PLUS, AgeBand.AGE_45_64, AgeBand.AGE_16_19]


@pytest.fixture
def seeded(process):
    localities = [LocalityFactory(organisation=process.organisation, name=name)
                  for name in ("Nödinge", "Nol", "Älvängen")]
    for locality in localities:
        for band, count in POPULATION.items():
            for sex in (Sex.FEMALE, Sex.MALE):
                PopulationFigure.objects.create(organisation=process.organisation, year=2026, locality=locality,
                                                age_band=band, sex=sex, count=count // 2)
    for index, text in enumerate(SCHOOL + BUS + PARK):
        ContributionFactory(process=process, body=text, channel="slip", age_band=WRITERS[index % len(WRITERS)],
                            sex=(Sex.FEMALE, Sex.MALE)[index % 2], locality=localities[index % 2])
    for text in WAITING:
        ContributionFactory(process=process, body=text, status=Contribution.Status.PENDING)
    ballot = ballot_with_options(process=process, title="Vilket tema ska vi börja med?")
    return process, ballot


def test_a_staff_page_leads_to_the_section_that_explains_it(page_as, staff_member, process):
    page = page_as(staff_member)
    page.goto(f"/personal/processer/{process.pk}/moderering/")
    page.get_by_role("link", name="Hjälp för den här sidan").click()
    expect(page).to_have_url(f"{page.url.split('/hjalp/')[0]}/hjalp/moderering/#koen")
    expect(page.locator("#koen")).to_have_text("Modereringskön")
    expect(page.locator("#koen")).to_be_in_viewport()


@pytest.mark.parametrize("path", ["/hjalp/", "/hjalp/administration/", "/hjalp/analys/"])
def test_the_handbook_has_no_serious_violations(page, site, path):
    response = page.goto(path)
    assert response is not None and response.status == 200
    assert_accessible(page, f"the handbook at {path}")


def test_the_handbook_in_english_for_a_signed_out_visitor(page, site):
    page.goto("/hjalp/")
    page.get_by_role("button", name="In English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Handbook")
    page.get_by_role("link", name="Guide for table hosts and moderators").first.click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Guide for table hosts and moderators")


def test_screenshots_for_the_handbook(page_as, site, staff_member, seeded):
    """Each role opens the pages the handbook shows and takes its picture (see IMAGES for where it goes)."""
    process, ballot = seeded
    staff = page_as(staff_member)
    staff.goto("/personal/")
    expect(staff.get_by_role("link", name=process.title).first).to_be_visible()
    save_screenshot(staff, "personalsidan.png")

    staff.goto(f"/personal/processer/{process.pk}/")
    save_screenshot(staff, "processen.png")

    staff.goto(f"/personal/processer/{process.pk}/inmatning/")
    save_screenshot(staff, "inmatning.png")

    staff.goto(f"/personal/processer/{process.pk}/teman/")
    staff.get_by_label("Metod").select_option("lexical")
    staff.get_by_label("Antal nya teman").fill("3")
    with staff.expect_navigation(timeout=RUN_TIMEOUT_MS):
        staff.get_by_role("button", name="Starta analysen").click()
    expect(staff.get_by_role("heading", name="3 teman")).to_be_visible()
    save_screenshot(staff, "teman.png")

    staff.goto(f"/personal/processer/{process.pk}/omrostningar/{ballot.pk}/")
    save_screenshot(staff, "omrostning.png")

    moderator = page_as(person(site, Role.MODERATOR, "moderator@ale.example.se"))
    moderator.goto(f"/personal/processer/{process.pk}/moderering/")
    expect(moderator.get_by_text(WAITING[0])).to_be_visible()
    save_screenshot(moderator, "moderering.png")

    official = page_as(person(site, Role.OFFICIAL, "ledamot@ale.example.se"))
    official.goto(f"/personal/processer/{process.pk}/oversikt/")
    official.get_by_role("heading", name="Grupper som är underrepresenterade").scroll_into_view_if_needed()
    save_screenshot(official, "oversikt.png")

    staff.goto("/hjalp/analys/")
    picture = staff.get_by_role("img", name="Teman i en process")
    picture.scroll_into_view_if_needed()
    assert picture.evaluate("image => image.complete && image.naturalWidth") == 1280, "the handbook shows its pictures"

    for name in ("personalsidan", "processen", "inmatning", "teman", "omrostning", "moderering", "oversikt"):
        for folder in {IMAGES, COMMITTED}:  # what was taken now, and what the handbook serves
            with Image.open(folder / f"{name}.png") as picture:
                assert picture.width == 1280
            assert (folder / f"{name}.png").stat().st_size < 200_000, f"{name}.png is too large to commit"
