"""Staff pages: permissions, creating a ballot, options, code sheets, paper entry, open/close/publish."""

import datetime as dt

import pytest
from django.utils import timezone

from radslag.audit.models import AuditEvent
from radslag.voting.models import Ballot, CastBallot, VotingCode
from radslag.voting.services import generate_codes
from radslag.voting.tests.factories import ballot_with_options, keys

pytestmark = pytest.mark.django_db


@pytest.fixture
def ballot(org):
    return ballot_with_options(process__organisation=org)


def base(ballot):
    return f"/personal/processer/{ballot.process_id}/omrostningar/{ballot.pk}/"


def test_a_resident_gets_403_and_a_visitor_is_sent_to_sign_in(client_for, org, ballot, resident):
    assert client_for(org, resident).get(base(ballot)).status_code == 403
    response = client_for(org).get(base(ballot))
    assert response.status_code == 302 and "/konto/login/" in response.url


def test_staff_of_another_municipality_get_404(client_for, other_org, ballot):
    from radslag.accounts.models import Role
    from radslag.accounts.tests.factories import user_with_role

    outsider = user_with_role(other_org, Role.STAFF)
    assert client_for(other_org, outsider).get(base(ballot)).status_code == 404


def test_staff_create_a_ballot_and_add_options(client_for, org, staff, ballot):
    client = client_for(org, staff)
    response = client.post(f"/personal/processer/{ballot.process_id}/omrostningar/ny/", {
        "title": "Prioritering 6 mars", "question": "Vilka teman är viktigast?", "method": "dot",
        "dots_per_voter": "5", "cap_per_option": "3", "eligibility": "codes", "min_verification_level": "1",
        "results_visibility": "live",
    })
    created = Ballot.objects.get(title="Prioritering 6 mars")
    assert response.status_code == 302 and created.organisation == org
    client.post(base(created), {"title": "Skolan", "description": "En bra skola ger en bra framtid"})
    client.post(base(created), {"title": "Mötet"})
    assert list(created.options.values_list("title", flat=True)) == ["Skolan", "Mötet"]
    assert AuditEvent.objects.filter(action="ballot.created", object_id=str(created.pk)).exists()


def test_a_closing_time_before_opening_is_refused(client_for, org, staff, ballot):
    response = client_for(org, staff).post(f"{base(ballot)}andra/", {
        "title": "X", "question": "Y", "method": "dot", "dots_per_voter": "5", "cap_per_option": "3",
        "eligibility": "codes", "min_verification_level": "1", "results_visibility": "live",
        "opens_at": "2026-03-06T19:00", "closes_at": "2026-03-06T18:00",
    })
    assert "Omröstningen måste stänga efter att den öppnar" in response.content.decode()


def test_the_code_sheet_prints_each_code_with_a_qr_link(client_for, org, staff, ballot):
    client = client_for(org, staff)
    response = client.post(f"{base(ballot)}koder/", {"label": "Möte 6 mars", "count": "4"})
    assert response.status_code == 302
    page = client.get(response.url)
    sheet = page.content.decode()
    assert sheet.count("<svg") == 4 and sheet.count('class="code-slip') == 4
    # The QR link carries the code after '#', which browsers never send to the server.
    assert all(f"/rosta/{ballot.pk}/#kod=" in slip["url"] for slip in page.context["slips"])
    assert VotingCode.objects.filter(ballot=ballot).count() == 4
    assert AuditEvent.objects.filter(action="ballot.code_sheet_printed").count() == 1


def test_staff_enter_paper_ballots_that_are_counted_and_marked(client_for, org, staff, ballot):
    client = client_for(org, staff)
    page = client.get(f"{base(ballot)}papper/").content.decode()
    assert "Hög med pappersröster" in page
    first = keys(ballot)[0]
    response = client.post(f"{base(ballot)}papper/", {"batch_label": "Bord 2", "idempotency_key": "paper-key-01",
                                                      f"dots_{first}": "2"})
    assert response.status_code == 302 and "hog=Bord+2" in response.url
    cast = CastBallot.objects.get(ballot=ballot)
    assert cast.source == "paper" and cast.choices == {first: 2}


def test_open_close_and_publish(client_for, org, staff, ballot):
    client = client_for(org, staff)
    ballot.opens_at = None
    ballot.save()
    client.post(f"{base(ballot)}oppna/")
    ballot.refresh_from_db()
    assert ballot.is_open(timezone.now())
    client.post(f"{base(ballot)}stang/")
    client.post(f"{base(ballot)}publicera/")
    ballot.refresh_from_db()
    assert ballot.results_published_at is not None and ballot.results_are_public(timezone.now())
    actions = set(AuditEvent.objects.filter(object_id=str(ballot.pk)).values_list("action", flat=True))
    assert {"ballot.opened", "ballot.closed", "ballot.results_published"} <= actions


def test_publishing_an_open_ballot_is_refused(client_for, org, staff, ballot):
    response = client_for(org, staff).post(f"{base(ballot)}publicera/", follow=True)
    assert "Stäng omröstningen innan resultatet publiceras" in response.content.decode()


def test_options_cannot_change_once_someone_has_voted(client_for, org, staff, ballot):
    from radslag.voting.services import enter_paper_ballot

    enter_paper_ballot(ballot=ballot, batch_label="Bord 1", choices={keys(ballot)[0]: 1},
                       idempotency_key="paper-key-02", entered_by=staff)
    option = ballot.options.first()
    response = client_for(org, staff).post(f"{base(ballot)}alternativ/{option.pk}/ta-bort/", follow=True)
    assert "kan inte längre ändras" in response.content.decode()
    assert ballot.options.count() == 4


def test_the_ballot_index_lists_the_process_ballots(client_for, org, staff, ballot):
    generate_codes(ballot=ballot, user=staff, count=2, label="Ark")
    ballot.closes_at = timezone.now() - dt.timedelta(minutes=1)
    ballot.save()
    html = client_for(org, staff).get(f"/personal/processer/{ballot.process_id}/omrostningar/").content.decode()
    main = html[html.index("<main"):html.index("</main>")]
    assert ballot.title in main and "Stängd" in main, main


def test_every_staff_page_renders(client_for, org, staff, ballot):
    client = client_for(org, staff)
    batch = generate_codes(ballot=ballot, user=staff, count=2, label="Ark")
    paths = ["", "andra/", "papper/", f"koder/{batch.pk}/"]
    for path in paths:
        assert client.get(f"{base(ballot)}{path}").status_code == 200, path
    assert client.get(f"/personal/processer/{ballot.process_id}/omrostningar/ny/").status_code == 200


def test_a_ranked_ballot_shows_the_schulze_order_and_borda_points_together(client_for, org, staff):
    from radslag.voting.models import Eligibility, Method, ResultsVisibility
    from radslag.voting.services import cast_ballot

    ballot = ballot_with_options(["Skolan", "Mötet", "Naturen"], process__organisation=org, method=Method.RANKED,
                                 eligibility=Eligibility.OPEN, results_visibility=ResultsVisibility.LIVE)
    a, b, c = keys(ballot)
    # Five ballots: the live result moves in steps of five, so fewer would show an empty count.
    for n, ranking in enumerate([[b, a, c], [b, c, a], [a, b, c], [b, a, c], [a, b, c]]):
        cast_ballot(ballot=ballot, choices=ranking, idempotency_key=f"ranked-view-{n}", client_hash=str(n))
    html = client_for(org).get(f"/rosta/{ballot.pk}/resultat/").content.decode()
    assert "Ordning enligt Schulzemetoden" in html and "Bordapoäng" in html
    assert html.index("<li>Mötet</li>") < html.index("<li>Skolan</li>")


def test_a_refused_code_sheet_shows_its_errors_beside_the_fields(client_for, org, staff, ballot):
    response = client_for(org, staff).post(f"{base(ballot)}koder/", {"label": "Möte", "count": "0"})
    html = response.content.decode()
    assert response.status_code == 400 and 'class="error-summary"' in html and 'href="#id_count"' in html
    assert 'name="label" value="Möte"' in html  # what was typed is kept
    assert not ballot.code_batches.exists()
