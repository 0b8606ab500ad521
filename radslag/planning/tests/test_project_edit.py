"""A lead changes the project's title and summary; each change is a version with who and when."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse

from radslag.accounts.models import Role
from radslag.accounts.tests.factories import user_with_role
from radslag.audit.models import AuditEvent
from radslag.core.errors import DomainError, PermissionDeniedError
from radslag.planning import services
from radslag.planning.models import ItemVersion, ProjectMember, ProjectRole

pytestmark = pytest.mark.django_db

FORM = {"title_sv": "Styrning med medborgardialog", "title_en": "Governance with citizen dialogue",
        "summary_sv": "", "summary_en": "", "version": 1}


def edit_url(project):
    return reverse("planning:project_edit", kwargs={"project_pk": project.pk})


def project_versions(project):
    return list(ItemVersion.objects.filter(kind="project", object_id=project.pk).order_by("number"))


def test_a_lead_changes_title_and_summary_in_both_languages_kept_as_a_version(world, client_for, org):
    project = world["project"]
    client = client_for(org, world["ale_lead"])
    form = {**FORM, "title_sv": "Medborgardialog i Ale och Ghanzi", "summary_sv": "Två kommuner lär av varandra.",
            "title_en": "Citizen dialogue in Ale and Ghanzi", "summary_en": "Two councils learn from each other."}
    response = client.post(edit_url(project), form)
    assert response.status_code == 302
    assert response["Location"] == reverse("planning:project", kwargs={"project_pk": project.pk})
    page = client.get(response["Location"]).content.decode()
    assert "Medborgardialog i Ale och Ghanzi" in page and "Två kommuner lär av varandra." in page
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(response["Location"]).content.decode()
    assert "Citizen dialogue in Ale and Ghanzi" in english and "Two councils learn from each other." in english
    first, second = project_versions(project)
    assert first.data["title_sv"] == "Styrning med medborgardialog" and first.number == 1
    assert second.number == 2 and second.author == world["ale_lead"]
    assert second.data == {"title_sv": "Medborgardialog i Ale och Ghanzi", "title_en": "Citizen dialogue in Ale "
                           "and Ghanzi", "summary_sv": "Två kommuner lär av varandra.",
                           "summary_en": "Two councils learn from each other."}
    event = AuditEvent.objects.get(action="planning.project_saved")
    assert event.actor == world["ale_lead"] and event.data["version"] == 2
    assert sorted(event.data["fields"]) == ["summary_en", "summary_sv", "title_en", "title_sv"]
    history = client.get(edit_url(project)).content.decode()
    assert "Medborgardialog i Ale och Ghanzi" in history and world["ale_lead"].display_name in history


def test_the_partners_lead_edits_on_their_own_host(world, client_for, ghanzi):
    project = world["project"]
    response = client_for(ghanzi, world["partner_lead"]).post(edit_url(project),
                                                              {**FORM, "title_en": "Dialogue for governance"})
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.title_en == "Dialogue for governance" and project.version == 2
    assert project_versions(project)[-1].author == world["partner_lead"]


def test_members_and_readers_may_not_change_the_title(world, client_for, org):
    project = world["project"]
    member = user_with_role(org, Role.STAFF, email="member@ale.example.se")
    ProjectMember.objects.create(project=project, user=member, organisation=org, role=ProjectRole.MEMBER)
    for person in (member, world["reader"]):
        client = client_for(org, person)
        assert client.get(edit_url(project)).status_code == 403
        assert client.post(edit_url(project), {**FORM, "title_sv": "Kapad"}).status_code == 403
        project_page = client.get(reverse("planning:project", kwargs={"project_pk": project.pk})).content.decode()
        assert edit_url(project) not in project_page
        with pytest.raises(PermissionDeniedError):
            services.edit_project(project=project, actor=person, organisation=org, fields={"title_sv": "Kapad"},
                                  expected_version=1)
    project.refresh_from_db()
    assert project.title_sv == "Styrning med medborgardialog" and project.version == 1
    assert len(project_versions(project)) == 1


def test_a_stale_edit_shows_both_titles_and_saves_nothing(world, client_for, org, ghanzi):
    project = world["project"]
    assert client_for(ghanzi, world["partner_lead"]).post(
        edit_url(project), {**FORM, "title_en": "Dialogue for governance"}).status_code == 302
    clash = client_for(org, world["ale_lead"]).post(edit_url(project), {**FORM, "title_en": "Governing by dialogue"})
    assert clash.status_code == 409
    body = clash.content.decode()
    assert "Dialogue for governance" in body and "<strong>Governing by dialogue</strong>" in body
    assert 'name="version" value="2"' in body
    project.refresh_from_db()
    assert project.title_en == "Dialogue for governance"
    again = client_for(org, world["ale_lead"]).post(edit_url(project),
                                                    {**FORM, "title_en": "Governing by dialogue", "version": 2})
    assert again.status_code == 302
    project.refresh_from_db()
    assert project.title_en == "Governing by dialogue" and project.version == 3


def test_a_title_in_neither_language_is_refused_with_a_message(world, client_for, org):
    project = world["project"]
    response = client_for(org, world["ale_lead"]).post(edit_url(project), {**FORM, "title_sv": " ", "title_en": ""})
    assert response.status_code == 400
    assert "Ge projektet en titel på svenska eller engelska" in response.content.decode()
    assert response.context["form"].errors["title_sv"], "the error belongs to the title, so the summary links there"
    project.refresh_from_db()
    assert project.title_sv == "Styrning med medborgardialog" and len(project_versions(project)) == 1


def test_a_save_that_changes_nothing_keeps_no_new_version(world, org):
    project = services.edit_project(project=world["project"], actor=world["ale_lead"], organisation=org,
                                    fields={"title_sv": " Styrning med medborgardialog "}, expected_version=1)
    assert project.version == 1 and len(project_versions(project)) == 1
    with pytest.raises(DomainError):
        services.edit_project(project=project, actor=world["ale_lead"], organisation=org,
                              fields={"title_sv": "", "title_en": ""}, expected_version=1)


NEW_PAGES = ("project_edit", "stakeholders_xlsx", "risks_xlsx", "logframe_xlsx", "activities_xlsx")


def test_the_new_pages_are_closed_to_everyone_outside_the_project_on_this_host(world, client_for, org, ghanzi):
    """Signed out: sign in. Another municipality's staff, a partner's own staff or a lead on the other owner's
    host: nothing there (404 or 403), and the title is left as it was."""
    from radslag.organisations.tests.factories import OrganisationFactory

    project = world["project"]
    third = OrganisationFactory(name="Lerums kommun", slug="lerum", hostname="lerum.example.se")
    outsider = user_with_role(third, Role.STAFF, email="staff@lerum.example.se")
    ghanzi_staff = user_with_role(ghanzi, Role.STAFF, email="staff@ghanzi.example.bw")
    ale_staff = user_with_role(org, Role.STAFF, email="other@ale.example.se")
    refused = [(third, outsider), (ghanzi, ghanzi_staff), (org, ale_staff), (ghanzi, world["ale_lead"]),
               (org, world["partner_lead"])]
    for name in NEW_PAGES:
        url = reverse(f"planning:{name}", kwargs={"project_pk": project.pk})
        assert client_for(org).get(url).status_code == 302, name
        for host, person in refused:
            assert client_for(host, person).get(url).status_code in (403, 404), (name, host, person)
        missing = reverse(f"planning:{name}", kwargs={"project_pk": project.pk + 1000})
        assert client_for(org, world["ale_lead"]).get(missing).status_code == 404, name
    for host, person in refused:
        assert client_for(host, person).post(edit_url(project), {**FORM, "title_sv": "Kapad"}).status_code in (403, 404)
    project.refresh_from_db()
    assert project.title_sv == "Styrning med medborgardialog" and project.version == 1


def test_a_reader_downloads_the_spreadsheets_the_analyses_show(world, client_for, org, ghanzi):
    for name in NEW_PAGES[1:]:
        url = reverse(f"planning:{name}", kwargs={"project_pk": world["project"].pk})
        assert client_for(org, world["reader"]).get(url).status_code == 200, name
        assert client_for(ghanzi, world["partner_lead"]).get(url).status_code == 200, name
