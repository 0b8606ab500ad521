"""The results page shows what people did, and puts every participant in the groups on the map."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from radslag.dialogues.tests.factories import ProcessFactory
from radslag.opinions.models import OpinionSnapshot, StatementVote
from radslag.opinions.results import build_results
from radslag.opinions.tests.factories import ConversationFactory, ParticipantFactory, StatementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def eleven(org):
    """11 people who answered: 6 agree with every statement and 5 disagree with every one. The snapshot
    is written as the engine writes it, with identical answers on identical positions and the engine's
    smoothed estimate (86 %) for the statement that sets the five apart."""
    conversation = ConversationFactory(process=ProcessFactory(organisation=org), title="Parken")
    statements = [StatementFactory(conversation=conversation, text=f"Parken behöver mer ljus ({n}).")
                  for n in range(3)]
    camps = {"A": [ParticipantFactory(conversation=conversation) for _ in range(6)],
             "B": [ParticipantFactory(conversation=conversation) for _ in range(5)]}
    StatementVote.objects.bulk_create(
        StatementVote(participant=p, statement=s, value=1 if camp == "A" else -1)
        for camp, people in camps.items() for p in people for s in statements
    )
    ids = {camp: [str(p.pk) for p in people] for camp, people in camps.items()}
    first = str(statements[0].pk)
    result = {
        "groups": [
            {"id": 0, "participants": ids["A"], "representative": [
                {"statement_id": first, "direction": "agree", "probability": 0.875, "probability_rest": 0.143}]},
            {"id": 1, "participants": ids["B"], "representative": [
                {"statement_id": first, "direction": "disagree", "probability": 0.857, "probability_rest": 0.125}]},
        ],
        "consensus": [],
        "positions": {**{pid: [-1.2, 0.4] for pid in ids["A"]}, **{pid: [1.3, -0.2] for pid in ids["B"]}},
        "meta": {},
    }
    OpinionSnapshot.objects.create(conversation=conversation, computed_at=timezone.now(), vote_count=33,
                                   participant_count=11, duration_ms=1, result=result)
    return conversation


MARK = re.compile(r'<(circle|rect|polygon|path) (?:cx="([\d.]+)" cy="([\d.]+)"|x="([\d.]+)" y="([\d.]+)"|'
                  r'points="([^"]+)"|d="M([\d.]+) ([\d.]+))')


def test_every_participant_is_a_visible_mark_on_the_map(client_for, org, eleven):
    view = build_results(eleven, None)
    assert view.clustered == 11
    assert len(view.points) == 11
    assert len({(point.x, point.y) for point in view.points}) == 11  # nobody hidden under another
    assert sorted(marks for _x, _y, marks in view.stacks) == [5, 6]
    html = client_for(org).get(f"/samtal/{eleven.pk}/resultat/").content.decode()
    svg = html.split("<svg role=\"img\"")[1].split("</svg>")[0]
    assert len(MARK.findall(svg.split("</title>")[1])) == 1 + 11  # the frame, then one mark each
    assert "11 markeringar totalt." in svg
    assert '<th scope="row">Alla på kartan</th><td></td><td>11</td>' in html


def test_statements_show_what_people_did_not_the_estimate(client_for, org, eleven):
    """A group of 5 who all disagreed shows 5 of 5, 100 %, not a smoothed 86 %."""
    view = build_results(eleven, None)
    five = next(group for group in view.groups if len(group.participants) == 5)
    figure = five.representative[0]
    assert (figure.group.count, figure.group.answered, figure.group.share) == (5, 5, 100)
    assert (figure.rest.count, figure.rest.answered, figure.rest.share) == (0, 6, 0)
    html = client_for(org).get(f"/samtal/{eleven.pk}/resultat/").content.decode()
    assert "5 av 5 håller inte med (100 %)" in html and "0 av 6 håller inte med (0 %)" in html
    assert "86 %" not in html and "6 av 6 håller med (100 %)" in html


def test_the_results_cost_the_same_queries_for_many_statements_as_for_three(eleven, django_assert_max_num_queries):
    """Each statement's text is read with the rest, not with a query of its own."""
    with CaptureQueriesContext(connection) as three:
        build_results(eleven, None)
    for n in range(12):
        StatementFactory(conversation=eleven, text=f"Fler bänkar i parken ({n}).")
    with django_assert_max_num_queries(len(three)):
        build_results(eleven, None)
