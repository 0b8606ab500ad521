"""Live results move in steps of several ballots, so two polls never show how one person voted."""

import itertools
import json

import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from radslag.voting.live import shown_result
from radslag.voting.models import CastBallot, Eligibility, ResultsVisibility, VotingCode
from radslag.voting.results import count_ballot
from radslag.voting.services import cast_ballot, cast_with_code, close_ballot, enter_paper_ballot, publish_results
from radslag.voting.tests.factories import ballot_with_options, keys

pytestmark = pytest.mark.django_db


def live_ballot(org):
    return ballot_with_options(process__organisation=org, eligibility=Eligibility.OPEN,
                               results_visibility=ResultsVisibility.LIVE)


def poll(client, ballot):
    return json.loads(client.get(f"/rosta/{ballot.pk}/resultat.json").content)


def test_polling_after_every_ballot_never_shows_a_single_ballot(client_for, org, staff):
    ballot = live_ballot(org)
    client = client_for(org)
    options = keys(ballot)
    seen = [poll(client, ballot)]
    for n in range(12):
        cast_ballot(ballot=ballot, choices={options[n % 4]: 1 + n % 3}, idempotency_key=f"live-{n:04}",
                    client_hash=str(n))
        seen.append(poll(client, ballot))
    counts = [data["ballots"] for data in seen]
    assert counts == [0, 0, 0, 0, 0, 5, 5, 5, 5, 5, 10, 10, 10]
    assert all(not data["final"] for data in seen)
    scores = [[row["score"] for row in data["rows"]] for data in seen]
    assert scores[1] == scores[0] and scores[4] == scores[0]  # the first ballots move nothing at all
    close_ballot(ballot=ballot, user=staff)
    publish_results(ballot=ballot, user=staff)
    final = poll(client, ballot)
    assert final["final"] and final["ballots"] == 12
    assert [row["score"] for row in final["rows"]] == [s.score for s in count_ballot(ballot).scores]


def test_the_results_page_and_the_projector_say_the_figures_are_live(client_for, org, staff):
    ballot = live_ballot(org)
    page = client_for(org).get(f"/rosta/{ballot.pk}/resultat/").content.decode()
    assert "minst 5 valsedlar till" in page
    assert "Alla valsedlar efter kvitto-id" not in page  # the ballot list waits for the published result
    projector = client_for(org, staff).get(f"/rosta/{ballot.pk}/projektor/").content.decode()
    assert "data-live-note" in projector


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(arrivals=st.lists(st.integers(0, 3), min_size=0, max_size=23), polls=st.lists(st.booleans(), max_size=23))
def test_every_step_of_the_live_result_is_a_group_of_ballots_and_the_published_one_is_exact(
    org, staff, arrivals, polls
):
    ballot = live_ballot(org)
    options = keys(ballot)
    shown = [shown_result(ballot).result.ballots]
    for n, position in enumerate(arrivals):
        if n % 4 == 3:
            enter_paper_ballot(ballot=ballot, batch_label="Bord", choices={options[position]: 2},
                               idempotency_key=f"paper-{n:05}", entered_by=staff)
        else:
            cast_ballot(ballot=ballot, choices={options[position]: 1}, idempotency_key=f"web-{n:05}",
                        client_hash=str(n))
        if n < len(polls) and polls[n]:
            shown.append(shown_result(ballot).result.ballots)
    shown.append(shown_result(ballot).result.ballots)
    steps = [after - before for before, after in itertools.pairwise(shown) if after != before]
    assert all(step >= 5 for step in steps)
    assert len(arrivals) - shown[-1] < 5
    close_ballot(ballot=ballot, user=staff)
    publish_results(ballot=ballot, user=staff)
    final = shown_result(ballot)
    assert final.final and final.result == count_ballot(ballot)
    assert final.people.total == len(arrivals)


def test_a_cast_ballot_keeps_no_code_and_no_connection(client_for, org, ballot, codes):
    columns = {c.name for c in connection.introspection.get_table_description(
        connection.cursor(), CastBallot._meta.db_table)}
    assert not {"code_id", "client_hash"} & columns
    cast_ballot(ballot=ballot, code=codes[0], idempotency_key="no-link-0001", choices={keys(ballot)[0]: 1})
    cast_with_code(organisation_id=org.pk, ballot_pk=ballot.pk, code=codes[1], idempotency_key="no-link-0002",
                   choices={keys(ballot)[0]: 1})
    used = VotingCode.objects.filter(ballot=ballot, used_at__isnull=False)
    assert used.count() == 2
    # The time a slip was used is kept to the hour, so it cannot be matched with the ballot's own time.
    assert all(code.used_at.minute == code.used_at.second == code.used_at.microsecond == 0 for code in used)


def test_tied_schulze_winners_are_shown_as_tied_on_the_results_page_projector_and_json(client_for, org, staff):
    from radslag.voting.models import Method

    ballot = ballot_with_options(["A", "B", "C"], process__organisation=org, method=Method.RANKED,
                                 eligibility=Eligibility.OPEN, results_visibility=ResultsVisibility.LIVE)
    a, b, c = keys(ballot)
    for n, ranking in enumerate([[a, b, c], [b, c, a]]):
        cast_ballot(ballot=ballot, choices=ranking, idempotency_key=f"tie-{n:05}", client_hash=str(n))
    close_ballot(ballot=ballot, user=staff)
    publish_results(ballot=ballot, user=staff)
    client = client_for(org)
    page = client.get(f"/rosta/{ballot.pk}/resultat/").content.decode()
    assert "Delade vinnare: A, B." in page and "<li>A, B (delad plats)</li>" in page
    assert "1. A, B (delad plats)" in client.get(f"/rosta/{ballot.pk}/projektor/").content.decode()
    assert poll(client, ballot)["schulze"] == [["A", "B"], ["C"]]
