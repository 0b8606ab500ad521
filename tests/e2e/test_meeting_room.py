"""The meeting room in the browser: the presenter view on a 1920×1080 projector, the printed paper ballot
and typing it in, the ballot's wording, and a words question ("Ett ord om mötet") with its live view.

Screenshots of the presenter view and of the paper ballot are written to out/e2e/ (ignored by git) for
people to look at; the tests themselves check what a user would notice."""

import shutil
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import expect

from radslag.organisations.models import Locality
from radslag.voting.models import CastBallot, Eligibility, Method, ResultsVisibility
from radslag.voting.services import cast_ballot, generate_codes, new_idempotency_key
from radslag.voting.tests.factories import BallotFactory, ballot_with_options
from tests.e2e.accessibility import assert_accessible
from tests.e2e.conftest import PHONE

pytestmark = pytest.mark.e2e

ARTEFACTS = Path(__file__).resolve().parents[2] / "out" / "e2e"
PROJECTOR = {"width": 1920, "height": 1080}


def artefact(name: str) -> Path:
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    return ARTEFACTS / name


@pytest.fixture
def ballot(process, staff_member):
    ballot = ballot_with_options(process=process, organisation=process.organisation,
                                 results_visibility=ResultsVisibility.LIVE, collect_profile=True)
    generate_codes(ballot=ballot, user=staff_member, count=40, label="Dialogkväll")
    return ballot


@pytest.fixture
def words(process):
    return BallotFactory(process=process, organisation=process.organisation, method=Method.WORDS,
                         title="Ett ord om mötet", question="Beskriv kvällen med ett ord",
                         eligibility=Eligibility.OPEN, results_visibility=ResultsVisibility.LIVE)


def staff_page(ballot):
    return f"/personal/processer/{ballot.process_id}/omrostningar/{ballot.pk}/"


def test_the_projector_fills_the_screen_with_the_way_to_join_and_goes_full_screen_with_f(new_context, ballot,
                                                                                          live_server):
    page = new_context(viewport=PROJECTOR).new_page()
    page.goto(f"/rosta/{ballot.pk}/projektor/")
    expect(page.get_by_role("link", name="Logga in")).to_have_count(0)  # not the ordinary site page
    expect(page.get_by_role("heading", level=1)).to_have_text(ballot.title)
    join = page.get_by_role("complementary", name="Rösta i mobilen")
    expect(join).to_contain_text(f"/rosta/{ballot.pk}")
    expect(join).to_contain_text("Skriv koden från lappen")
    expect(join.locator("svg")).to_be_visible()
    qr = join.locator("svg").bounding_box()
    assert qr and qr["width"] >= 250, "the QR code is too small to scan from the room"
    title_px = page.get_by_role("heading", level=1).evaluate("h => parseFloat(getComputedStyle(h).fontSize)")
    cell_px = page.locator("[data-results-table] th[scope=row]").first.evaluate(
        "c => parseFloat(getComputedStyle(c).fontSize)")
    assert title_px >= 56 and cell_px >= 28, f"type too small for a hall ({title_px}px, {cell_px}px)"
    width = page.evaluate("document.documentElement.scrollWidth")
    height = page.evaluate("document.documentElement.scrollHeight")
    page.screenshot(path=str(artefact("projector-1920x1080.png")))
    assert width <= PROJECTOR["width"] and height <= PROJECTOR["height"], "the view does not fit the screen"
    page.screenshot(path=str(artefact("projector-1920x1080.png")))
    assert_accessible(page, "presenter view")
    button = page.get_by_role("button", name="Helskärm (F)")
    expect(button).to_be_visible()
    page.keyboard.press("f")
    page.wait_for_function("document.fullscreenElement !== null")
    expect(page.get_by_role("button", name="Lämna helskärm (F)")).to_be_visible()
    page.keyboard.press("f")
    page.wait_for_function("document.fullscreenElement === null")


def test_without_javascript_the_projector_still_shows_how_to_join_and_refreshes(new_context, ballot):
    page = new_context(viewport=PROJECTOR, javascript=False).new_page()
    page.goto(f"/rosta/{ballot.pk}/projektor/")
    expect(page.get_by_role("complementary", name="Rösta i mobilen")).to_contain_text(f"/rosta/{ballot.pk}")
    expect(page.get_by_role("button", name="Helskärm (F)")).to_be_hidden()  # the shortcut needs JavaScript
    assert page.locator("noscript").first.inner_html().find('http-equiv="refresh"') >= 0


def test_staff_print_the_paper_ballot_and_type_a_filled_in_one_into_the_matching_form(page_as, staff_member,
                                                                                      ballot, site):
    Locality.objects.create(organisation=site, name="Nödinge")
    page = page_as(staff_member)
    page.goto(staff_page(ballot))
    link = page.get_by_role("link", name="Tom valsedel att skriva ut (PDF)")
    response = page.request.get(link.get_attribute("href"))
    assert response.ok and response.headers["content-type"] == "application/pdf"
    pdf = artefact("paper-ballot.pdf")
    pdf.write_bytes(response.body())
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm:  # a picture of the printed page, beside the PDF
        subprocess.run([pdftoppm, "-png", "-r", "80", "-singlefile", str(pdf),
                        str(artefact("paper-ballot"))], check=True)
    page.get_by_role("link", name="Mata in pappersröster").click()
    expect(page.get_by_text("Var bor du?")).to_have_count(0)  # staff fill it in, about the voter
    page.get_by_label("Hög med pappersröster").fill("Dialogkväll, bord 1")
    page.get_by_role("spinbutton", name="Trygghet i vardagen").fill("3")
    page.get_by_label("Var väljaren bor enligt valsedeln").select_option(label="Nödinge")
    assert_accessible(page, "paper-entry form")
    page.get_by_role("button", name="Räkna den här rösten").click()
    expect(page.get_by_role("status").first).to_contain_text("räknades")
    cast = CastBallot.objects.get(ballot=ballot)
    assert cast.source == "paper" and cast.locality.name == "Nödinge"


def test_the_ballot_form_does_not_call_every_option_optional(new_context, ballot, site):
    site.privacy_notice = "Ditt inspel blir en allmän handling när det kommer in till kommunen."
    site.save()
    ballot.eligibility = Eligibility.OPEN
    ballot.save()
    page = new_context(viewport=PHONE).new_page()
    page.goto(f"/rosta/{ballot.pk}/")
    form = page.locator("fieldset.options")
    expect(form.get_by_role("spinbutton", name="Trygghet i vardagen")).to_be_visible()
    expect(form).not_to_contain_text("valfritt")
    expect(page.locator(".privacy")).to_contain_text("Din röst sparas utan ditt namn")
    expect(page.get_by_text("Ditt inspel")).to_have_count(0)
    assert_accessible(page, "ballot form")


def test_the_room_answers_with_words_and_sees_them_in_groups_on_the_projector(new_context, page_as, words,
                                                                             staff_member, settings):
    settings.RADSLAG_LIVE_RESULT_BATCH = 5
    settings.RADSLAG_WORD_MIN_COUNT = 2
    phone = new_context(viewport=PHONE).new_page()
    phone.goto(f"/rosta/{words.pk}/")
    answer = phone.get_by_role("textbox", name="Beskriv kvällen med ett ord")
    expect(answer).to_be_visible()
    assert_accessible(phone, "words ballot form")
    answer.fill("Trygghet ")
    phone.get_by_role("button", name="Lägg min röst").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Din röst är räknad")

    projector = new_context(viewport=PROJECTOR).new_page()
    projector.goto(f"/rosta/{words.pk}/projektor/")
    expect(projector.get_by_role("complementary", name="Svara i mobilen")).to_be_visible()
    table = projector.get_by_role("table", name="Ord och hur många som skrev dem")
    expect(table).to_contain_text("Inga ord att visa ännu.")  # one answer is never shown on its own
    for n, word in enumerate(["trygghet", "Gemenskap", "gemenskap", "Ensam"]):
        cast_ballot(ballot=words, choices=word, idempotency_key=new_idempotency_key(), client_hash=f"rum-{n}")
    expect(table.locator("tbody tr")).to_have_count(2, timeout=15_000)
    expect(table.locator("tbody tr").first).to_contain_text("gemenskap")
    expect(table.locator("tbody tr").nth(1)).to_contain_text("trygghet")
    expect(table.locator("tbody tr").first.locator("td")).to_have_text("2")
    expect(table).not_to_contain_text("ensam")  # given by one person only
    expect(projector.locator("[data-word-cloud] li")).to_have_count(2)
    projector.screenshot(path=str(artefact("projector-words-1920x1080.png")))
    assert_accessible(projector, "words on the projector")

    staff = page_as(staff_member)
    staff.goto(staff_page(words))
    staff.get_by_role("row", name="gemenskap").get_by_role("button", name="Dölj gemenskap").click()
    expect(staff.get_by_role("status")).to_contain_text("Ordet är dolt")
    assert_accessible(staff, "staff words moderation")
    expect(table.locator("tbody tr")).to_have_count(1, timeout=15_000)
    expect(table).not_to_contain_text("gemenskap")
    # The results page has the same list beside the cloud.
    phone.goto(f"/rosta/{words.pk}/resultat/")
    expect(phone.get_by_role("table", name="Ord och hur många som skrev dem")).to_contain_text("trygghet")
    assert_accessible(phone, "words on the results page")
