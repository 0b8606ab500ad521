"""A ballot in the English interface: staff's English texts where given, the Swedish marked lang="sv" where not."""

import pytest
from django.utils import translation

from radslag.voting.models import Eligibility, ResultsVisibility
from radslag.voting.results import count_ballot, result_rows
from radslag.voting.tests.factories import ballot_with_options

pytestmark = pytest.mark.django_db


@pytest.fixture
def ballot(org):
    ballot = ballot_with_options(
        process__organisation=org, eligibility=Eligibility.OPEN, results_visibility=ResultsVisibility.LIVE,
        title="Prioritering", title_en="Priorities",
    )
    ballot.options.filter(title="Det mänskliga mötet").update(title_en="Meeting people")
    return ballot


def english(client_for, org):
    client = client_for(org)
    client.cookies["django_language"] = "en"
    return client


def test_the_vote_page_in_english_shows_english_options_and_marks_swedish_ones(client_for, org, ballot):
    html = english(client_for, org).get(f"/rosta/{ballot.pk}/").content.decode()
    assert "<h1>Priorities</h1>" in html
    assert '<p class="lead" lang="sv">Vilka teman är viktigast' in html  # no English question given
    assert "Meeting people" in html and "Det mänskliga mötet" not in html
    assert '<span lang="sv">Trygghet i vardagen</span>' in html


def test_result_rows_carry_the_language_of_their_title(ballot):
    with translation.override("en"):
        rows = {row.title: row.lang for row in result_rows(ballot, count_ballot(ballot))}
    assert rows["Meeting people"] == "" and rows["Trygghet i vardagen"] == "sv"
    with translation.override("sv"):
        rows = {row.title: row.lang for row in result_rows(ballot, count_ballot(ballot))}
    assert rows["Det mänskliga mötet"] == ""
