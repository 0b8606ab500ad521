"""The demo's ballots: the 2019 prioritisation puts school and the human encounter on top; one vote is open."""

import pytest
from django.utils import timezone

from radslag.demo.seed.ale360 import load_ale360
from radslag.demo.seed.current import load_current
from radslag.demo.seed.governance import load_governance
from radslag.demo.seed.municipality import load_municipality
from radslag.demo.seed.people import load_people
from radslag.demo.seed.voting import load_voting
from radslag.voting.models import Ballot, CastBallot
from radslag.voting.results import count_ballot, result_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    """The same steps as `load_demo`, then the ballots."""
    context = load_municipality(today=timezone.localdate(), existing=None)
    for load in (load_people, load_governance, load_ale360, load_current, load_voting):
        load(context)
    return context


def test_the_2019_prioritisation_has_school_and_the_human_encounter_on_top(demo, client):
    ballot = Ballot.objects.get(process=demo.processes["ale360"])
    rows = result_rows(ballot, count_ballot(ballot))
    assert [row.title for row in rows[:2]] == ["En bra skola ger en bra framtid", "Det mänskliga mötet"]
    assert ballot.options.count() == 13 and ballot.options.all()[8].title == "Det mänskliga mötet"
    assert ballot.has_closed(timezone.now()) and ballot.results_are_public(timezone.now())
    sources = set(CastBallot.objects.filter(ballot=ballot).values_list("source", flat=True))
    assert sources == {"paper", "web"}
    html = client.get(f"/rosta/{ballot.pk}/resultat/", HTTP_HOST=demo.organisation.hostname or "testserver")
    assert "En bra skola ger en bra framtid" in html.content.decode()


def test_the_current_process_has_an_open_ballot_with_printed_codes(demo):
    ballot = Ballot.objects.get(process=demo.processes["motesplatser"])
    assert ballot.is_open(timezone.now())
    assert ballot.code_batches.get().size == 120
    assert ballot.codes.filter(used_at__isnull=True).count() == 120 - ballot.cast_ballots.count()
