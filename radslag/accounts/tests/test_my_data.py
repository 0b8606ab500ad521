"""A signed-in person sees, downloads and edits the data held about them."""

import datetime as dt
import json

from django.utils import timezone

from radslag.organisations.tests.factories import LocalityFactory


def contribution(user, organisation, text, slug):
    process = organisation.processes.create(title=f"Dialog {slug}", slug=slug, status="published")
    return user.contributions.create(organisation=organisation, process=process, channel="web", body=text)


def registration(user, organisation):
    process = organisation.processes.create(title="Dialogkvällar", slug="kvallar", status="published")
    starts = timezone.now() + dt.timedelta(days=3)
    activity = process.activities.create(kind="dialogue_evening", title="Kväll i Nol", starts_at=starts,
                                         ends_at=starts + dt.timedelta(hours=2))
    return user.registrations.create(activity=activity, name="Kim", email=user.email, status="confirmed")


def test_signed_out_visitor_is_sent_to_sign_in(client_for, org):
    for url in ("/mina-uppgifter/", "/mina-uppgifter/ladda-ner/"):
        response = client_for(org).get(url)
        assert response.status_code == 302 and response["Location"].startswith("/konto/login/")


def test_my_data_shows_profile_roles_contributions_and_registrations(client_for, org, other_org, resident):
    contribution(resident, org, "Fler bänkar längs älven", "bankar")
    contribution(resident, other_org, "Grannkommunens inspel", "granne")
    registration(resident, org)
    page = client_for(org, resident).get("/mina-uppgifter/").content.decode()
    assert resident.email in page
    assert "Invånare" in page
    assert "Fler bänkar längs älven" in page
    assert "Grannkommunens inspel" not in page
    assert "Kväll i Nol" in page


def test_download_is_json_with_everything(client_for, org, resident):
    contribution(resident, org, "Fler bänkar längs älven", "bankar")
    registration(resident, org)
    response = client_for(org, resident).get("/mina-uppgifter/ladda-ner/")
    assert response["Content-Disposition"].startswith('attachment; filename="mina-uppgifter-')
    data = json.loads(response.content)
    assert data["profile"]["email"] == resident.email
    assert data["roles"] == ["Invånare"]
    assert data["contributions"][0]["text"] == "Fler bänkar längs älven"
    assert data["registrations"][0]["activity"] == "Kväll i Nol"


def test_person_edits_their_optional_profile(client_for, org, other_org, resident):
    nol = LocalityFactory(organisation=org, name="Nol")
    client = client_for(org, resident)
    response = client.post("/mina-uppgifter/", {"display_name": "Kim", "age_band": "30-44", "sex": "",
                                                "locality": nol.pk})
    assert response.status_code == 302
    resident.refresh_from_db()
    assert (resident.display_name, resident.age_band, resident.sex, resident.locality) == ("Kim", "30-44", "", nol)
    foreign = LocalityFactory(organisation=other_org)
    refused = client.post("/mina-uppgifter/", {"display_name": "Kim", "locality": foreign.pk})
    assert refused.status_code == 200
    resident.refresh_from_db()
    assert resident.locality == nol



def test_table_host_finds_the_bulk_entry_for_their_table(org, resident, client_for):
    process = org.processes.create(title="Dialogkväll", slug="kvall", status="published")
    starts = timezone.now() + dt.timedelta(days=3)
    activity = process.activities.create(kind="dialogue_evening", title="Kväll i Nol", starts_at=starts,
                                         ends_at=starts + dt.timedelta(hours=2))
    table = activity.tables.create(name="Bord 3", host=resident)
    page = client_for(org, resident).get("/mina-uppgifter/").content.decode()
    assert "Bord där du är bordsvärd" in page
    assert f"/personal/processer/{process.pk}/inmatning/?activity={activity.pk}&amp;table={table.pk}" in page


def test_download_includes_audit_events_naming_the_person_but_not_others(client_for, org, admin_user, resident):
    from radslag.accounts.services import add_role

    add_role(organisation=org, actor=admin_user, email=resident.email, role="moderator")
    add_role(organisation=org, actor=admin_user, email=admin_user.email, role="staff")
    data = json.loads(client_for(org, resident).get("/mina-uppgifter/ladda-ner/").content)

    assert [event["action"] for event in data["audit_events"]] == ["role.added"]
    assert data["audit_events"][0]["details"] == {"user": resident.email, "role": "moderator"}
    assert sorted(data["roles"]) == ["Invånare", "Moderator"]
    assert {"panel_memberships", "opinion_participation", "ballots_cast", "hosted_tables",
            "erasure_requests"} <= set(data)
