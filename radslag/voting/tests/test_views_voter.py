"""The voter's pages: code entry, QR link, casting, receipt, ballot list, results, projector JSON."""

import datetime as dt
import json
import re

import pytest
from django.utils import timezone

from radslag.accounts.models import Role
from radslag.accounts.tests.factories import user_with_role
from radslag.dialogues.models import DialogueProcess
from radslag.voting.codes import derive_code, display_code
from radslag.voting.models import CastBallot, Eligibility, ResultsVisibility
from radslag.voting.services import close_ballot, generate_codes, publish_results
from radslag.voting.tests.factories import ballot_with_options, keys

pytestmark = pytest.mark.django_db


@pytest.fixture
def ballot(org):
    return ballot_with_options(process__organisation=org, results_visibility=ResultsVisibility.LIVE)


@pytest.fixture
def codes(ballot, staff):
    batch = generate_codes(ballot=ballot, user=staff, count=3, label="Möte")
    return [derive_code(batch.salt, n) for n in range(1, 4)]


def publish(ballot):
    staff = user_with_role(ballot.organisation, Role.STAFF)
    close_ballot(ballot=ballot, user=staff)
    publish_results(ballot=ballot, user=staff)


def vote_url(ballot):
    return f"/rosta/{ballot.pk}/"


def key_from(response):
    return re.search(r'name="idempotency_key" value="([^"]+)"', response.content.decode()).group(1)


def test_the_voter_page_asks_for_a_code(client_for, org, ballot):
    response = client_for(org).get(vote_url(ballot))
    assert response.status_code == 200
    assert "Röstkod" in response.content.decode()


def test_the_qr_link_opens_the_ballot_with_the_code_filled_in(client_for, org, ballot, codes):
    response = client_for(org).get(vote_url(ballot), {"kod": codes[0]})
    html = response.content.decode()
    assert response.status_code == 200
    assert display_code(codes[0]) in html and "Fördela dina 5 prickar" in html
    assert "En bra skola ger en bra framtid" in html


def test_a_posted_code_opens_the_ballot_so_no_address_carries_it(client_for, org, ballot, codes):
    response = client_for(org).post(vote_url(ballot), {"steg": "kod", "kod": codes[0].lower()})
    html = response.content.decode()
    assert response.status_code == 200 and "Fördela dina 5 prickar" in html
    assert f'name="kod" value="{display_code(codes[0])}"' in html
    refused = client_for(org).post(vote_url(ballot), {"steg": "kod", "kod": "ZZZZZ-ZZZZZ"})
    assert refused.status_code == 400 and "Koden finns inte" in refused.content.decode()
    assert not CastBallot.objects.exists()


def test_an_unknown_code_is_refused_with_a_message(client_for, org, ballot, codes):
    response = client_for(org).get(vote_url(ballot), {"kod": "ZZZZZ-ZZZZZ"})
    assert response.status_code == 400
    assert "Koden finns inte" in response.content.decode()


def test_casting_with_a_code_redirects_to_a_receipt_that_is_in_the_ballot_list(client_for, org, ballot, codes):
    client = client_for(org)
    key = key_from(client.get(vote_url(ballot), {"kod": codes[0]}))
    first, second, *_ = keys(ballot)
    response = client.post(vote_url(ballot), {"kod": codes[0], "idempotency_key": key,
                                              f"dots_{first}": "3", f"dots_{second}": "2"})
    cast = CastBallot.objects.get(ballot=ballot)
    assert response.status_code == 302 and response.url == f"/rosta/{ballot.pk}/kvitto/{cast.receipt}/"
    receipt_page = client.get(response.url).content.decode()
    assert cast.receipt in receipt_page and "Din röst är räknad" in receipt_page
    # The list grows with each ballot, so it is shown once the result is published, not while voting.
    assert cast.receipt not in client.get(f"/rosta/{ballot.pk}/valsedlar/").content.decode()
    publish(ballot)
    listing = client.get(f"/rosta/{ballot.pk}/valsedlar/").content.decode()
    assert cast.receipt in listing and "En bra skola ger en bra framtid: 3" in listing
    assert codes[0] not in listing and display_code(codes[0]) not in listing


def test_the_ballot_list_reads_every_ballot_in_one_go(client_for, org, ballot, codes, django_assert_max_num_queries):
    """The published list costs no query per ballot (a long list must not take a query per row)."""
    client = client_for(org)
    first, second, *_ = keys(ballot)
    for code in codes:
        key = key_from(client.get(vote_url(ballot), {"kod": code}))
        client.post(vote_url(ballot), {"kod": code, "idempotency_key": key,
                                       f"dots_{first}": "3", f"dots_{second}": "2"})
    publish(ballot)
    client.get(f"/rosta/{ballot.pk}/valsedlar/")
    with django_assert_max_num_queries(5):  # 4 today; a query per ballot would make it 7
        listing = client.get(f"/rosta/{ballot.pk}/valsedlar/").content.decode()
    assert all(cast.receipt in listing for cast in CastBallot.objects.filter(ballot=ballot))
    assert "3 valsedlar" in listing


def test_submitting_twice_counts_once_and_shows_the_same_receipt(client_for, org, ballot, codes):
    client = client_for(org)
    key = key_from(client.get(vote_url(ballot), {"kod": codes[0]}))
    data = {"kod": codes[0], "idempotency_key": key, f"dots_{keys(ballot)[0]}": "1"}
    first, second = client.post(vote_url(ballot), data), client.post(vote_url(ballot), data)
    assert first.url == second.url
    assert CastBallot.objects.filter(ballot=ballot).count() == 1


def test_too_many_dots_show_the_error_summary(client_for, org, ballot, codes):
    client = client_for(org)
    key = key_from(client.get(vote_url(ballot), {"kod": codes[0]}))
    data = {"kod": codes[0], "idempotency_key": key, **{f"dots_{k}": "2" for k in keys(ballot)[:3]}}
    response = client.post(vote_url(ballot), data)
    assert response.status_code == 400
    assert "Du har delat ut 6 prickar men har bara 5" in response.content.decode()
    assert not CastBallot.objects.exists()


def test_a_closed_ballot_says_so(client_for, org, ballot):
    ballot.closes_at = timezone.now() - dt.timedelta(minutes=5)
    ballot.save()
    response = client_for(org).get(vote_url(ballot))
    assert "Det går inte längre att rösta" in response.content.decode()


def test_a_ballot_of_another_municipality_is_a_404(client_for, other_org, ballot):
    client = client_for(other_org)
    for path in ("", "valsedlar/", "resultat/", "resultat.json", "projektor/"):
        assert client.get(f"{vote_url(ballot)}{path}").status_code == 404


def test_a_ballot_in_a_draft_process_is_hidden_from_residents(client_for, org, ballot, resident):
    DialogueProcess.objects.filter(pk=ballot.process_id).update(status=DialogueProcess.Status.DRAFT)
    assert client_for(org, resident).get(vote_url(ballot)).status_code == 404


def test_hidden_results_stay_hidden_until_published(client_for, org, ballot, staff):
    ballot.results_visibility = ResultsVisibility.AFTER_CLOSE
    ballot.save()
    client = client_for(org)
    assert "publiceras när omröstningen har stängt" in client.get(f"{vote_url(ballot)}resultat/").content.decode()
    assert client.get(f"{vote_url(ballot)}resultat.json").status_code == 403
    assert client.get(f"{vote_url(ballot)}projektor/").status_code == 403
    assert client_for(org, staff).get(f"{vote_url(ballot)}projektor/").status_code == 200


def test_results_json_counts_the_dots(client_for, org, ballot, codes):
    client = client_for(org)
    first = keys(ballot)[0]
    body = {"code": codes[0], "idempotency_key": "kiosk-000001", "choices": {first: 3}}
    response = client.post(f"{vote_url(ballot)}api/rosta/", json.dumps(body), content_type="application/json")
    assert response.status_code == 201
    again = client.post(f"{vote_url(ballot)}api/rosta/", json.dumps(body), content_type="application/json")
    assert again.json()["receipt"] == response.json()["receipt"]
    body["idempotency_key"] = "kiosk-000002"
    used = client.post(f"{vote_url(ballot)}api/rosta/", json.dumps(body), content_type="application/json")
    assert used.status_code == 409 and used.json()["error"] == "Koden är redan använd."
    live = client.get(f"{vote_url(ballot)}resultat.json").json()
    assert live["ballots"] == 0 and live["final"] is False  # one ballot never shows on its own while voting
    publish(ballot)
    data = client.get(f"{vote_url(ballot)}resultat.json").json()
    assert data["ballots"] == 1 and data["rows"][0] == {"title": "En bra skola ger en bra framtid", "score": 3,
                                                        "share": 1.0, "rank": 1}
    assert data["final"] is True


def test_the_json_cast_endpoint_refuses_ballots_without_codes(client_for, org):
    ballot = ballot_with_options(process__organisation=org, eligibility=Eligibility.OPEN)
    response = client_for(org).post(f"{vote_url(ballot)}api/rosta/", "{}", content_type="application/json")
    assert response.status_code == 404


def test_the_projector_view_has_a_table_a_live_summary_and_a_no_script_refresh(client_for, org, ballot):
    html = client_for(org).get(f"{vote_url(ballot)}projektor/").content.decode()
    assert 'aria-live="polite"' in html and '<meta http-equiv="refresh"' in html
    assert '<th scope="row">Det mänskliga mötet</th>' in html


def test_an_open_vote_is_labelled_in_the_results(client_for, org):
    ballot = ballot_with_options(process__organisation=org, eligibility=Eligibility.OPEN,
                                 results_visibility=ResultsVisibility.LIVE)
    html = client_for(org).get(f"{vote_url(ballot)}resultat/").content.decode()
    assert "öppen omröstning – kan inte garantera en röst per person" in html


def test_residents_ballots_send_signed_out_visitors_to_sign_in(client_for, org):
    ballot = ballot_with_options(process__organisation=org, eligibility=Eligibility.RESIDENTS)
    response = client_for(org).get(vote_url(ballot))
    assert response.status_code == 302 and "/konto/login/" in response.url
