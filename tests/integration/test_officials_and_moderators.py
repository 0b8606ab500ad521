"""Elected officials read every analysis and change nothing; moderators see the moderation queue only."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from radslag.accounts.models import Role
from radslag.accounts.permissions import needs_mfa
from radslag.accounts.tests.factories import user_with_role
from radslag.core.errors import PermissionDeniedError
from radslag.dialogues.models import DialogueProcess
from radslag.dialogues.tests.factories import ProcessFactory
from radslag.opinions.tests.factories import ConversationFactory
from radslag.reports.services import compilation_for
from radslag.themes.runs import start_analysis
from radslag.voting.models import ResultsVisibility
from radslag.voting.services import generate_codes, save_ballot
from radslag.voting.tests.factories import ballot_with_options

pytestmark = pytest.mark.django_db


@pytest.fixture
def official(org):
    return user_with_role(org, Role.OFFICIAL, email="ledamot@ale.example.se")


@pytest.fixture
def process(org):
    return ProcessFactory(organisation=org, slug="motesplatser")


def urls(process):
    pk = {"pk": process.pk}
    return {
        "dashboard": reverse("contributions:dashboard", kwargs=pk),
        "themes": reverse("themes:overview", kwargs=pk),
        "compilation": reverse("reports:staff_compilation", kwargs=pk),
        "ballots": reverse("voting:ballot_index", kwargs=pk),
        "moderation": reverse("contributions:moderation_queue", kwargs=pk),
        "export": reverse("contributions_io:export", kwargs=pk),
        "edit": reverse("dialogues:process_edit", kwargs=pk),
        "create": reverse("dialogues:process_create"),
    }


def test_official_has_a_menu_entry_to_the_read_only_analyses(client_for, org, official, process):
    page = client_for(org, official).get(reverse("dialogues:staff_home")).content.decode()
    links = urls(process)
    for shown in ("dashboard", "themes", "compilation", "ballots"):
        assert f'href="{links[shown]}"' in page, shown
    for hidden in ("moderation", "export", "edit", "create"):
        assert f'href="{links[hidden]}"' not in page, hidden
    assert "Du kan läsa analyserna" in page


def test_moderator_menu_shows_the_moderation_queue_and_nothing_else_of_staff_work(
    client_for, org, moderator, process,
):
    page = client_for(org, moderator).get(reverse("dialogues:staff_home")).content.decode()
    links = urls(process)
    assert f'href="{links["moderation"]}"' in page
    for hidden in ("dashboard", "themes", "compilation", "ballots", "export", "edit", "create"):
        assert f'href="{links[hidden]}"' not in page, hidden
    for page_name in ("audit:log", "accounts:roles", "panels:staff", "organisations:population_import"):
        assert f'href="{reverse(page_name)}"' not in page


def test_the_site_menu_leads_officials_and_moderators_to_their_pages_but_not_residents(
    client_for, org, official, moderator, resident,
):
    staff_home = f'href="{reverse("dialogues:staff_home")}"'
    assert staff_home in client_for(org, official).get("/").content.decode()
    assert staff_home in client_for(org, moderator).get("/").content.decode()
    assert staff_home not in client_for(org, resident).get("/").content.decode()


def test_official_reads_the_compilation_preview_without_any_form_to_change_it(client_for, org, official, process):
    response = client_for(org, official).get(urls(process)["compilation"])
    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="introduction"' not in page
    assert reverse("reports:staff_compilation_publish", kwargs={"pk": process.pk}) not in page


def test_official_cannot_save_the_compilation_texts(client_for, org, official, process):
    response = client_for(org, official).post(urls(process)["compilation"], {"introduction": "Ändrat", "closing": ""})
    assert response.status_code == 403
    assert compilation_for(process).introduction == ""


def test_official_sees_the_themes_without_the_coding_forms(client_for, org, official, process):
    page = client_for(org, official).get(urls(process)["themes"]).content.decode()
    assert reverse("themes:start_run", kwargs={"pk": process.pk}) not in page
    assert reverse("themes:merge", kwargs={"pk": process.pk}) not in page


def closed_unpublished_ballot(process):
    now = timezone.now()
    return ballot_with_options(process=process, results_visibility=ResultsVisibility.AFTER_CLOSE,
                               opens_at=now - dt.timedelta(days=2), closes_at=now - dt.timedelta(days=1))


def results_template(client, ballot):
    response = client.get(reverse("voting:results", kwargs={"ballot_pk": ballot.pk}))
    return {template.name for template in response.templates} & {"voting/results.html", "voting/results_hidden.html"}


def test_official_sees_vote_results_before_publication_where_the_process_allows(client_for, org, official, process):
    ballot = closed_unpublished_ballot(process)
    assert results_template(client_for(org, official), ballot) == {"voting/results.html"}


def test_official_waits_for_publication_where_the_process_says_so(client_for, org, official, process):
    process.officials_see_results_early = False
    process.save()
    ballot = closed_unpublished_ballot(process)
    assert results_template(client_for(org, official), ballot) == {"voting/results_hidden.html"}


def test_residents_and_moderators_wait_for_publication(client_for, org, resident, moderator, process):
    ballot = closed_unpublished_ballot(process)
    for person in (resident, moderator):
        assert results_template(client_for(org, person), ballot) == {"voting/results_hidden.html"}


def test_official_reads_opinion_results_of_a_draft_process_only_where_allowed(client_for, org, official):
    process = ProcessFactory(organisation=org, status=DialogueProcess.Status.DRAFT, published_at=None)
    results = reverse("opinions:results", kwargs={"pk": ConversationFactory(process=process).pk})
    client = client_for(org, official)
    assert client.get(results).status_code == 200
    process.officials_see_results_early = False
    process.save()
    assert client.get(results).status_code == 404
    assert client.get(reverse("opinions:participate", kwargs={"pk": process.conversations.get().pk})).status_code == 404


def test_the_process_form_offers_the_early_results_setting(client_for, org, staff, process):
    page = client_for(org, staff).get(urls(process)["edit"]).content.decode()
    assert 'name="officials_see_results_early"' in page
    assert "förtroendevalda ser resultat innan de publiceras" in page.lower()


def test_services_refuse_a_moderator_the_voting_codes(process, moderator):
    ballot = ballot_with_options(process=process)
    with pytest.raises(PermissionDeniedError):
        generate_codes(ballot=ballot, user=moderator, count=5, label="Bord 1")
    assert not ballot.code_batches.exists()


def test_services_refuse_an_official_any_change(process, official):
    with pytest.raises(PermissionDeniedError):
        save_ballot(process=process, user=official, values={"title": "Ny", "question": "?"})
    with pytest.raises(PermissionDeniedError):
        start_analysis(process=process, user=official)


@pytest.mark.parametrize(("role", "asked"), [
    (Role.MODERATOR, True), (Role.OFFICIAL, True), (Role.STAFF, True), (Role.ADMIN, True), (Role.RESIDENT, False),
])
def test_every_role_that_reads_personal_data_needs_a_second_factor(org, role, asked):
    assert needs_mfa(user_with_role(org, role), org) is asked


def test_staff_of_another_municipality_have_no_power_on_this_site(client_for, org, other_org, process):
    visitor = client_for(org, user_with_role(other_org, Role.STAFF))
    for url in (reverse("dialogues:staff_home"), urls(process)["edit"], urls(process)["dashboard"]):
        assert visitor.get(url).status_code == 403, url
