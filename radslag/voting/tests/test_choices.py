"""The live vote refuses exactly what a recount by `radslag tally` refuses: one set of rules."""

import pytest

from radslag.analysis.ballot_rules import BallotError, read_ballots_file
from radslag.core.errors import DomainError
from radslag.voting.choices import canonical_choices
from radslag.voting.models import Ballot, Method

OPTIONS = ["11", "12", "13"]
MALFORMED = [
    (Method.DOT, ["11", "12"]),
    (Method.DOT, {"11": True}),
    (Method.DOT, {"11": -1, "12": 2}),
    (Method.DOT, {"11": 0}),
    (Method.DOT, {"11": 4}),
    (Method.DOT, {"99": 1}),
    (Method.APPROVAL, "1112"),
    (Method.APPROVAL, {"11": 1, "12": 0}),
    (Method.APPROVAL, []),
    (Method.APPROVAL, ["11", "11"]),
    (Method.APPROVAL, [True]),
    (Method.SINGLE, ""),
    (Method.SINGLE, ["11"]),
    (Method.SINGLE, "99"),
    (Method.RANKED, ["12", "11", "12"]),
    (Method.RANKED, []),
    (Method.RANKED, "11"),
]


@pytest.mark.parametrize(("method", "raw"), MALFORMED)
def test_a_ballot_the_recount_refuses_is_refused_when_cast(method, raw):
    ballot = Ballot(method=method, dots_per_voter=5, cap_per_option=3)
    with pytest.raises(DomainError):
        canonical_choices(ballot, OPTIONS, raw)
    with pytest.raises(BallotError, match="Valsedel 1: "):
        read_ballots_file({"method": method, "options": OPTIONS, "dots": 5, "cap": 3, "ballots": [raw]})


@pytest.mark.parametrize(("method", "raw", "stored"), [
    (Method.DOT, {"11": 2, "12": 0, 13: 1}, {"11": 2, "13": 1}),
    (Method.APPROVAL, [11, "13"], ["11", "13"]),
    (Method.SINGLE, 12, "12"),
    (Method.RANKED, ["13", "11"], ["13", "11"]),
])
def test_a_valid_ballot_is_stored_as_the_recount_reads_it(method, raw, stored):
    ballot = Ballot(method=method, dots_per_voter=5, cap_per_option=3)
    assert canonical_choices(ballot, OPTIONS, raw) == stored
    assert read_ballots_file({"method": method, "options": OPTIONS, "dots": 5, "ballots": [stored]}).ballots == [stored]


@pytest.mark.django_db
def test_the_ranked_ballot_page_says_how_unranked_options_count(client_for, org):
    from radslag.voting.models import Eligibility
    from radslag.voting.tests.factories import ballot_with_options

    ballot = ballot_with_options(process__organisation=org, method=Method.RANKED, eligibility=Eligibility.OPEN)
    page = client_for(org).get(f"/rosta/{ballot.pk}/").content.decode()
    assert "Alternativ som du lämnar tomma räknas som sämre än alla alternativ du numrerar" in page
