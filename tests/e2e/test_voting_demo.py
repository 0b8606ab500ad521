"""The demo's ballots in the browser: the 2019 prioritisation's results, and the open ballot with codes.

The seed module is loaded the way `load_demo` loads every module (a test of the demo layer, so it lives
here rather than in the voting app, which may not import the demo)."""

from urllib.parse import urlsplit

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from radslag.demo.seed.ale360 import load_ale360
from radslag.demo.seed.current import load_current
from radslag.demo.seed.governance import load_governance
from radslag.demo.seed.municipality import load_municipality
from radslag.demo.seed.people import load_people
from radslag.demo.seed.voting import load_voting
from radslag.organisations.models import Organisation
from radslag.voting.models import Ballot, CastBallot
from radslag.voting.results import count_ballot, result_rows
from tests.e2e.accessibility import assert_accessible
from tests.e2e.conftest import PHONE

pytestmark = pytest.mark.e2e


@pytest.fixture
def demo(live_server, transactional_db, e2e_settings):
    """The same steps as `load_demo`, then the ballots, served at the live server's host."""
    context = load_municipality(today=timezone.localdate(), existing=None)
    for load in (load_people, load_governance, load_ale360, load_current, load_voting):
        load(context)
    Organisation.objects.filter(pk=context.organisation.pk).update(hostname=urlsplit(live_server.url).hostname)
    return context


def test_the_2019_prioritisation_puts_school_and_the_human_encounter_on_top(demo, new_context):
    ballot = Ballot.objects.get(process=demo.processes["ale360"])
    rows = result_rows(ballot, count_ballot(ballot))
    assert [row.title for row in rows[:2]] == ["En bra skola ger en bra framtid", "Det mänskliga mötet"]
    assert ballot.options.count() == 13 and ballot.options.all()[8].title == "Det mänskliga mötet"
    assert set(CastBallot.objects.filter(ballot=ballot).values_list("source", flat=True)) == {"paper", "web"}
    page = new_context(viewport=PHONE).new_page()
    page.goto(f"/rosta/{ballot.pk}/resultat/")
    first = page.locator("[data-results-table] tbody tr").first
    expect(first.locator("th")).to_have_text("En bra skola ger en bra framtid")
    expect(page.get_by_text("röster räknade")).to_be_visible()
    assert_accessible(page, "demo results 2019")


def test_the_current_process_has_an_open_ballot_with_printed_codes(demo, new_context):
    ballot = Ballot.objects.get(process=demo.processes["motesplatser"])
    assert ballot.is_open(timezone.now()) and ballot.code_batches.get().size == 120
    page = new_context(viewport=PHONE).new_page()
    page.goto(f"/rosta/{ballot.pk}/projektor/")
    expect(page.locator("[data-summary]")).to_contain_text("14 röster räknade")
    assert_accessible(page, "demo projector")
