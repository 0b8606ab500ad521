"""Numbers past what the database holds are refused as bad requests, never a 500."""

import pytest

from radslag.contributions.tests.factories import ContributionFactory
from radslag.dialogues.tests.factories import ProcessFactory

pytestmark = pytest.mark.django_db

HUGE = ["9223372036854775808", "9223372036854775807", "99999999999999999999999"]


@pytest.mark.parametrize("value", HUGE)
@pytest.mark.parametrize("path", ["/api/processes", "/api/decisions", "/api/processes/motesplatser/contributions"])
def test_a_huge_offset_on_any_list_is_a_422_in_json(org, client_for, path, value):
    ProcessFactory(organisation=org, slug="motesplatser")
    response = client_for(org).get(path, {"offset": value})
    assert response.status_code == 422
    assert response["Content-Type"].startswith("application/json")


def test_an_offset_within_bounds_past_the_end_is_an_empty_page(org, client_for):
    ProcessFactory(organisation=org, slug="motesplatser")
    body = client_for(org).get("/api/processes", {"offset": 1_000_000}).json()
    assert body["items"] == [] and body["count"] == 1


@pytest.mark.parametrize("value", HUGE)
def test_a_huge_id_is_not_found(org, client_for, value):
    response = client_for(org).get(f"/api/decisions/{value}")
    assert response.status_code in (404, 422)
    assert response["Content-Type"].startswith("application/json")


@pytest.mark.parametrize("query", [{}, {"q": "bänkar"}])
@pytest.mark.parametrize("value", HUGE)
def test_a_huge_page_number_on_the_public_list_shows_the_last_page(org, client_for, query, value):
    process = ProcessFactory(organisation=org, slug="motesplatser")
    ContributionFactory(process=process, body="Fler bänkar längs älven")
    response = client_for(org).get(f"/dialoger/{process.slug}/inspel/", {**query, "page": value})
    assert response.status_code == 200
    assert "Fler bänkar längs älven" in response.content.decode()
