"""The public results page's "who took part" tables: no small group is the total minus the others."""

import pytest

from radslag.organisations.tests.factories import LocalityFactory
from radslag.voting.models import CastBallot, Eligibility, ResultsVisibility
from radslag.voting.results import participation
from radslag.voting.tests.factories import ballot_with_options, keys

pytestmark = pytest.mark.django_db


def ballots_from(org, by_place):
    # An open ballot: web ballots of a code ballot would each need a code handed out (eligible >= ballots).
    ballot = ballot_with_options(process__organisation=org, results_visibility=ResultsVisibility.LIVE,
                                 collect_profile=True, eligibility=Eligibility.OPEN)
    key = keys(ballot)[0]
    n = 0
    for name, count in by_place.items():
        place = LocalityFactory(organisation=org, name=name)
        for _ in range(count):
            n += 1
            CastBallot.objects.create(ballot=ballot, receipt=f"R{ballot.pk}-{n}", idempotency_key=str(n),
                                      choices={key: 1}, locality=place, age_band="30-44")
    return ballot


def test_a_small_locality_cannot_be_worked_out_from_the_total_and_the_others(client_for, org):
    """23 ballots: Nödinge 10, Nol 9, Surte 4. Showing 10 and 9 beside the total would give Surte away."""
    ballot = ballots_from(org, {"Nödinge": 10, "Nol": 9, "Surte": 4})
    html = client_for(org).get(f"/rosta/{ballot.pk}/resultat/").content.decode()
    assert "23 röster räknade" in html
    assert '<th scope="row">Surte</th><td class="num">färre än 5</td>' in html
    assert '<th scope="row">Nödinge</th><td class="num">10</td>' not in html
    assert '<th scope="row">Nödinge</th><td class="num">cirka 40 %</td>' in html  # 43 % in steps of 10
    assert '<th scope="row">30–44 år</th><td class="num">23</td>' in html  # no small group by age: exact


def test_a_lone_small_group_that_would_be_given_away_withholds_the_table(org):
    """Nödinge 5 and Nol 1: whatever is shown for Nödinge, Nol can only be 1, so no row shows a figure."""
    people = participation(ballots_from(org, {"Nödinge": 5, "Nol": 1}))
    assert people.by_locality.withheld
    assert all(cell.count is None and cell.percent is None for _name, cell in people.by_locality.rows)


def test_code_turnout_rounds_halves_up(org):
    from radslag.voting.results import Participation

    people = Participation(total=1, web=1, paper=0, codes_issued=8, codes_used=1, by_locality=None, by_age_band=None)
    assert people.code_turnout_percent == 13  # 12.5 %, not 12 as round() would give
