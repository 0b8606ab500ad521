"""Proposals in the API and the open-data file: public ones only, counts but never supporters."""

import csv
import io

import pytest

from radslag.governance.tests.factories import DecisionFactory
from radslag.proposals import services
from radslag.proposals.models import Proposal
from radslag.proposals.tests.factories import make_proposal, verified_resident

pytestmark = pytest.mark.django_db


def test_the_api_lists_public_proposals_with_answers_and_never_supporters(org, other_org, client_for):
    supporter = verified_resident(org, display_name="Hemlig Stödjare")
    answered = make_proposal(org, title="Ny lekplats", status=Proposal.Status.ANSWERED, outcome="done",
                             answer="Lekplatsen är byggd.", decision=DecisionFactory(organisation=org))
    collecting = make_proposal(org, title="Fler bänkar")
    services.support_proposal(organisation=org, proposal_id=collecting.pk, user=supporter)
    make_proposal(org, title="Under granskning", status=Proposal.Status.SUBMITTED)
    make_proposal(other_org, title="Grannens förslag")
    client = client_for(org)
    body = client.get("/api/proposals").json()
    assert {item["title"] for item in body["items"]} == {"Ny lekplats", "Fler bänkar"}
    assert "Hemlig Stödjare" not in str(body) and supporter.email not in str(body)
    one = client.get(f"/api/proposals/{answered.pk}").json()
    assert one["answer"] == "Lekplatsen är byggd." and one["decision"]["id"] == answered.decision_id
    assert client.get("/api/proposals", {"status": "answered"}).json()["count"] == 1
    assert client.get("/api/proposals", {"q": "bänkar"}).json()["items"][0]["support_count"] == 1


def test_the_api_reads_the_status_as_residents_do_before_the_hourly_task_moves_a_proposal_on(org, client_for):
    """Stored as collecting, but its period ran out an hour ago: not collecting in the API either; one stored
    as collecting at its threshold has reached it."""
    ran_out = make_proposal(org, title="Slut på tiden", days_left=-1)
    make_proposal(org, title="Nådde gränsen", threshold=2, support_count=2)
    make_proposal(org, title="Pågår")
    make_proposal(org, title="Väntar på nämnd", status=Proposal.Status.THRESHOLD_REACHED, days_left=-1)
    client = client_for(org)

    def titles(status):
        return {item["title"] for item in client.get("/api/proposals", {"status": status}).json()["items"]}

    assert titles("collecting") == {"Nådde gränsen", "Pågår"}
    assert titles("handling") == {"Slut på tiden", "Väntar på nämnd"}
    assert titles("answered") == set()
    statuses = {item["title"]: item["status"] for item in client.get("/api/proposals").json()["items"]}
    assert statuses == {"Slut på tiden": "period_ended", "Nådde gränsen": "threshold_reached", "Pågår": "collecting",
                        "Väntar på nämnd": "threshold_reached"}
    assert client.get(f"/api/proposals/{ran_out.pk}").json()["status"] == "period_ended"


def test_an_unpublished_or_foreign_proposal_is_not_found_in_the_api(org, other_org, client_for):
    for proposal in (make_proposal(org, status=Proposal.Status.SUBMITTED), make_proposal(other_org)):
        assert client_for(org).get(f"/api/proposals/{proposal.pk}").status_code == 404


def test_the_open_data_file_has_a_row_per_public_proposal(org, client_for):
    make_proposal(org, title="Ny lekplats", status=Proposal.Status.ANSWERED, answer="Byggd.")
    make_proposal(org, title="Under granskning", status=Proposal.Status.SUBMITTED)
    response = client_for(org).get("/forslag/oppna-data.csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert [(row["title"], row["answer"]) for row in rows] == [("Ny lekplats", "Byggd.")]
