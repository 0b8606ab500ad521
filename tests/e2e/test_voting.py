"""Voting in the browser: a code on a phone by keyboard only, the projector view updating, axe-core checks."""

import pytest
from playwright.sync_api import Request, expect

from radslag.accounts.models import Role, User
from radslag.voting.codes import derive_code
from radslag.voting.models import CastBallot, ResultsVisibility
from radslag.voting.services import cast_ballot, close_ballot, generate_codes, publish_results
from radslag.voting.tests.factories import ballot_with_options, keys
from tests.e2e.accessibility import assert_accessible
from tests.e2e.conftest import PHONE, person
from tests.e2e.keyboard import tab_to

pytestmark = pytest.mark.e2e


@pytest.fixture
def ballot(process):
    return ballot_with_options(process=process, organisation=process.organisation,
                               results_visibility=ResultsVisibility.LIVE)


def publish(ballot):
    staff = User.objects.get(email="rostning@ale.example.se")
    close_ballot(ballot=ballot, user=staff)
    publish_results(ballot=ballot, user=staff)


@pytest.fixture
def many_codes(site, ballot):
    staff = person(site, Role.STAFF, "projektor@ale.example.se")
    batch = generate_codes(ballot=ballot, user=staff, count=5, label="Projektor")
    return [derive_code(batch.salt, n) for n in range(1, 6)]


@pytest.fixture
def codes(site, ballot):
    staff = person(site, Role.STAFF, "rostning@ale.example.se")
    batch = generate_codes(ballot=ballot, user=staff, count=3, label="Möte")
    return [derive_code(batch.salt, n) for n in range(1, 4)]


def test_a_voter_casts_dots_with_a_code_on_a_phone_by_keyboard_only(new_context, ballot, codes):
    """Typing the code, giving dots and casting use only Tab, typing and Enter; the receipt is in the list."""
    page = new_context(viewport=PHONE).new_page()
    page.goto(f"/rosta/{ballot.pk}/")
    tab_to(page, page.get_by_label("Röstkod"))
    page.keyboard.type(codes[0].lower())
    page.keyboard.press("Enter")
    school = page.get_by_role("spinbutton", name="En bra skola ger en bra framtid")
    tab_to(page, school)
    page.keyboard.press("Control+A")
    page.keyboard.type("3")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    meeting = page.get_by_role("spinbutton", name="Det mänskliga mötet")
    tab_to(page, meeting)
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    tab_to(page, page.get_by_role("button", name="Lägg min röst"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Din röst är räknad")
    cast = CastBallot.objects.get(ballot=ballot)
    first, second, *_ = keys(ballot)
    assert cast.choices == {first: 3, second: 2}
    expect(page.locator(".receipt-id")).to_have_text(cast.receipt)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the receipt page scrolls sideways ({width}px)"
    # The list of ballots is published with the result (while voting it would show each new ballot).
    publish(ballot)
    page.get_by_role("link", name="Hitta din röst i listan med valsedlar").click()
    expect(page.locator(f"#kvitto-{cast.receipt}")).to_contain_text("En bra skola ger en bra framtid: 3")


def test_the_projector_view_updates_after_a_group_of_ballots_is_cast(page, ballot, many_codes):
    page.goto(f"/rosta/{ballot.pk}/projektor/")
    summary = page.locator("[data-summary]")
    expect(summary).to_contain_text("0 röster räknade")
    expect(summary).to_have_attribute("aria-live", "polite")
    # The live figures move in steps of five ballots, so that no single ballot can be picked out.
    for n, code in enumerate(many_codes[:5]):
        cast_ballot(ballot=ballot, code=code, idempotency_key=f"projektor-{n}", choices={keys(ballot)[1]: 3})
    expect(summary).to_contain_text("5 röster räknade", timeout=15_000)
    first_row = page.locator("[data-results-table] tbody tr").first
    expect(first_row.locator("th")).to_have_text("Det mänskliga mötet")
    expect(first_row.locator("td.num").first).to_have_text("15")


def test_the_voter_pages_and_the_projector_pass_axe(new_context, ballot, codes):
    page = new_context(viewport=PHONE).new_page()
    page.goto(f"/rosta/{ballot.pk}/")
    assert_accessible(page, "code entry")
    page.goto(f"/rosta/{ballot.pk}/#kod={codes[2]}")
    expect(page.get_by_role("button", name="Lägg min röst")).to_be_visible()
    assert_accessible(page, "ballot form")
    page.get_by_role("spinbutton", name="En bra skola ger en bra framtid").fill("9")
    page.get_by_role("button", name="Lägg min röst").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page, "ballot form with errors")
    page.goto(f"/rosta/{ballot.pk}/projektor/")
    assert_accessible(page, "projector view")


def test_a_qr_link_carries_the_code_where_the_server_never_sees_it_in_an_address(new_context, ballot, codes):
    """The slip's QR link puts the code after '#'; the page posts it, so no request address holds it."""
    page = new_context(viewport=PHONE).new_page()
    addresses: list[str] = []
    page.on("request", lambda request: addresses.append(request.url))
    posted: list[Request] = []
    page.on("request", lambda request: posted.append(request) if request.method == "POST" else None)
    page.goto(f"/rosta/{ballot.pk}/#kod={codes[0]}")
    expect(page.get_by_text("Du röstar med koden")).to_be_visible()
    assert "kod" not in page.url
    assert not [address for address in addresses if codes[0] in address]
    assert posted and codes[0] in (posted[0].post_data or "")


def test_the_dot_buttons_count_the_dots_left_and_stop_at_the_cap(new_context, ballot, codes):
    page = new_context(viewport=PHONE).new_page()
    page.goto(f"/rosta/{ballot.pk}/#kod={codes[0]}")
    status = page.locator("[data-dots-left]")
    expect(status).to_have_text("5 av 5 prickar kvar")
    expect(status).to_have_attribute("aria-live", "polite")
    more = page.get_by_role("button", name="En prick till på En bra skola ger en bra framtid", exact=True)
    for _ in range(3):
        more.click()
    expect(more).to_have_attribute("aria-disabled", "true")  # at most 3 on one option; it keeps its focus
    more.dispatch_event("click")
    expect(page.get_by_role("spinbutton", name="En bra skola ger en bra framtid")).to_have_value("3")
    expect(page.get_by_role("spinbutton", name="En bra skola ger en bra framtid")).to_have_value("3")
    expect(status).to_have_text("2 av 5 prickar kvar")
    page.get_by_role("button", name="En prick till på Det mänskliga mötet").click()
    page.get_by_role("button", name="En prick mindre på En bra skola ger en bra framtid").click()
    expect(status).to_have_text("2 av 5 prickar kvar")
    page.get_by_role("spinbutton", name="Trygghet i vardagen").fill("2")
    expect(status).to_have_text("0 av 5 prickar kvar")
    expect(page.get_by_role("button", name="En prick till på Naturen runt knuten")).to_have_attribute(
        "aria-disabled", "true")
    page.get_by_role("spinbutton", name="Naturen runt knuten").fill("2")
    expect(status).to_have_text("2 prickar för många: ta bort några")
    page.get_by_role("spinbutton", name="Naturen runt knuten").fill("0")
    page.get_by_role("button", name="Lägg min röst").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Din röst är räknad")
    first, second, third, _ = keys(ballot)
    assert CastBallot.objects.get(ballot=ballot).choices == {first: 2, second: 1, third: 2}
