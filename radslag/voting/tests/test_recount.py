"""The live result equals a recount by `radslag tally` from the exported ballots."""

import json
import subprocess
import sys
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from radslag.analysis.tallies import tally as count
from radslag.voting.models import Eligibility, Method
from radslag.voting.results import count_ballot
from radslag.voting.services import cast_ballot, enter_paper_ballot
from radslag.voting.tests.factories import ballot_with_options, keys

pytestmark = pytest.mark.django_db

TITLES = ["Skolan", "Mötet", "Tryggheten", "Naturen", "Kulturen"]


def dot_ballots(n_options: int):
    """Each ballot places 1 to 5 dots on option positions, at most 3 on one."""
    dots = st.lists(st.integers(0, n_options - 1), min_size=1, max_size=5).map(Counter)
    return st.lists(dots.filter(lambda c: max(c.values()) <= 3), min_size=0, max_size=25)


def as_result(result):
    return result.ballots, [(s.option, s.score, s.rank) for s in result.scores]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(allocations=dot_ballots(len(TITLES)), paper=st.integers(0, 3))
def test_the_live_dot_result_equals_a_recount_of_the_export(org, staff, tmp_path, allocations, paper):
    ballot = ballot_with_options(TITLES, process__organisation=org, eligibility=Eligibility.OPEN)
    options = keys(ballot)
    for n, allocation in enumerate(allocations):
        choices = {options[position]: n_dots for position, n_dots in allocation.items()}
        if n < paper:
            enter_paper_ballot(ballot=ballot, batch_label="Bord", choices=choices, idempotency_key=f"paper-{n:05}",
                               entered_by=staff)
        else:
            cast_ballot(ballot=ballot, choices=choices, idempotency_key=f"web-{n:07}", client_hash=str(n))
    target = tmp_path / f"ballots-{ballot.pk}.json"
    call_command("export_ballots", ballot.pk, "-o", str(target), stdout=StringIO())
    spec = json.loads(target.read_text(encoding="utf-8"))
    assert as_result(count(spec, spec["method"])) == as_result(count_ballot(ballot))
    assert len(spec["ballots"]) == len(allocations)


def test_the_radslag_tally_command_recounts_a_ranked_export(org, tmp_path):
    ballot = ballot_with_options(TITLES[:3], process__organisation=org, eligibility=Eligibility.OPEN,
                                 method=Method.RANKED)
    a, b, c = keys(ballot)
    for n, ranking in enumerate([[a, b, c], [b, a], [c, a, b], [a, c], [b, c, a]]):
        cast_ballot(ballot=ballot, choices=ranking, idempotency_key=f"ranked-{n:04}", client_hash=str(n))
    exported, recount = tmp_path / "ballots.json", tmp_path / "result.json"
    call_command("export_ballots", ballot.pk, "-o", str(exported), stdout=StringIO())
    command = [sys.executable, "-m", "radslag.cli", "tally", str(exported), "-o", str(recount)]
    completed = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603  (fixed program)
    assert completed.returncode == 0, completed.stderr
    live = count_ballot(ballot)
    payload = json.loads(recount.read_text(encoding="utf-8"))
    assert payload["extra"]["schulze"] == live.extra["schulze"]
    assert [(s["option"], s["score"]) for s in payload["scores"]] == [(s.option, s.score) for s in live.scores]
