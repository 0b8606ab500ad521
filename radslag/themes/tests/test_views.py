"""The theme pages: permissions, tenancy, starting a run, its status, and the coding actions."""

import re

import pytest
from django.urls import reverse

from radslag.audit.models import AuditEvent
from radslag.contributions.tests.factories import ContributionFactory
from radslag.dialogues.tests.factories import ProcessFactory
from radslag.governance.models import FocusArea, StrategicPlan
from radslag.themes.models import AnalysisRun, Coding, Theme
from radslag.themes.tests.factories import CodingFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def overview_url(process):
    return reverse("themes:overview", kwargs={"pk": process.pk})


def theme_url(theme, name="themes:theme_detail", **extra):
    return reverse(name, kwargs={"pk": theme.process_id, "theme_pk": theme.pk, **extra})


def test_signed_out_visitor_is_sent_to_sign_in(client_for, org, process):
    response = client_for(org).get(overview_url(process))
    assert response.status_code == 302
    assert "/konto/login/" in response["Location"]


def test_resident_gets_403(client_for, org, resident, process):
    assert client_for(org, resident).get(overview_url(process)).status_code == 403


def test_another_municipalitys_process_is_404(client_for, org, other_org, staff):
    foreign = ProcessFactory(organisation=other_org)
    theme = ThemeFactory(process=foreign)
    client = client_for(org, staff)
    assert client.get(overview_url(foreign)).status_code == 404
    assert client.get(theme_url(theme)).status_code == 404
    assert client.post(theme_url(theme, "themes:rename"), {"label": "Stulen"}).status_code == 404


def test_theme_of_another_process_is_404(client_for, org, staff, process):
    theme = ThemeFactory(process=ProcessFactory(organisation=org))
    url = reverse("themes:theme_detail", kwargs={"pk": process.pk, "theme_pk": theme.pk})
    assert client_for(org, staff).get(url).status_code == 404


def test_start_run_shows_themes(client_for, org, staff, process, corpus, django_capture_on_commit_callbacks):
    client = client_for(org, staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("themes:start_run", kwargs={"pk": process.pk}), {"backend": "lexical", "k": "3", "seed": "0"}
        )
    assert response.status_code == 302
    run = AnalysisRun.objects.get()
    assert run.status == AnalysisRun.Status.DONE
    page = client.get(overview_url(process)).content.decode()
    assert f"{Theme.objects.filter(status='active').count()} teman" in page
    assert "24 inspel analyserades" in page
    for theme in Theme.objects.all():
        assert theme.label in page


def test_start_run_with_bad_k_shows_the_error(client_for, org, staff, process):
    response = client_for(org, staff).post(
        reverse("themes:start_run", kwargs={"pk": process.pk}), {"backend": "lexical", "k": "1"}
    )
    assert response.status_code == 400
    assert "Något behöver rättas" in response.content.decode()
    assert not AnalysisRun.objects.exists()


def test_status_json_reports_progress(client_for, org, staff, process):
    run = AnalysisRun.objects.create(
        organisation=org, process=process, status=AnalysisRun.Status.RUNNING, progress=42, stage="Hittar teman"
    )
    url = reverse("themes:run_status", kwargs={"pk": process.pk, "run_pk": run.pk})
    data = client_for(org, staff).get(url).json()
    assert data == {"status": "running", "status_label": "Pågår", "progress": 42, "stage": "Hittar teman",
                    "finished": False, "error": ""}


def test_status_json_is_403_for_residents_and_404_elsewhere(client_for, org, other_org, staff, resident, process):
    run = AnalysisRun.objects.create(organisation=org, process=process)
    url = reverse("themes:run_status", kwargs={"pk": process.pk, "run_pk": run.pk})
    assert client_for(org, resident).get(url).status_code == 403
    foreign = ProcessFactory(organisation=other_org)
    wrong = reverse("themes:run_status", kwargs={"pk": foreign.pk, "run_pk": run.pk})
    assert client_for(org, staff).get(wrong).status_code == 404


def test_running_run_shows_a_progress_bar(client_for, org, staff, process):
    AnalysisRun.objects.create(organisation=org, process=process, status=AnalysisRun.Status.RUNNING, progress=30)
    page = client_for(org, staff).get(overview_url(process)).content.decode()
    assert '<progress id="run-progress" max="100" value="30"' in page
    assert "Ladda om sidan" in page


def test_rename_through_the_page(client_for, org, staff, process):
    theme = ThemeFactory(process=process, label="skola lärare")
    client = client_for(org, staff)
    response = client.post(theme_url(theme, "themes:rename"), {"label": "Skolan", "description": "Om skolan."})
    assert response.status_code == 302
    page = client.get(theme_url(theme)).content.decode()
    assert "<h1>Skolan</h1>" in page
    assert "Föreslaget av analysen som ”skola lärare”." in page


def test_merge_through_the_page(client_for, org, staff, process):
    first, second = ThemeFactory(process=process), ThemeFactory(process=process)
    CodingFactory(theme=second)
    response = client_for(org, staff).post(
        reverse("themes:merge", kwargs={"pk": process.pk}), {"themes": [first.pk, second.pk], "into": first.pk}
    )
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.merged_into == first
    assert Coding.objects.get().theme == first


def test_merge_of_one_theme_is_explained(client_for, org, staff, process):
    theme = ThemeFactory(process=process)
    response = client_for(org, staff).post(reverse("themes:merge", kwargs={"pk": process.pk}), {"themes": [theme.pk]})
    assert response.status_code == 400
    assert "Välj minst två teman att slå ihop." in response.content.decode()


def test_move_and_accept_through_the_page(client_for, org, staff, process):
    source, target = ThemeFactory(process=process), ThemeFactory(process=process, label="Bussar")
    coding = CodingFactory(theme=source)
    client = client_for(org, staff)
    response = client.post(
        theme_url(source, "themes:move", contribution_pk=coding.contribution_id), {"to_theme": target.pk}
    )
    assert response.status_code == 302
    moved = Coding.objects.get(contribution=coding.contribution)
    assert (moved.theme, moved.source) == (target, Coding.Source.HUMAN)
    client.post(theme_url(target, "themes:accept"), {"accepted": "1"})
    assert Theme.objects.get(pk=target.pk).accepted
    assert "Godkänt" in client.get(overview_url(process)).content.decode()


def test_code_a_contribution_to_two_themes(client_for, org, staff, process):
    school, bus = ThemeFactory(process=process), ThemeFactory(process=process)
    contribution = ContributionFactory(process=process, body="Skolbussen är alltid sen")
    url = reverse("themes:code_contribution", kwargs={"pk": process.pk, "contribution_pk": contribution.pk})
    client = client_for(org, staff)
    assert "Skolbussen är alltid sen" in client.get(url).content.decode()
    response = client.post(url, {"themes": [school.pk, bus.pk]})
    assert response.status_code == 302
    assert set(contribution.theme_codings.values_list("theme_id", flat=True)) == {school.pk, bus.pk}
    assert AuditEvent.objects.filter(action="themes.contribution_coded").exists()


def test_focus_areas_through_the_page(client_for, org, staff, process):
    plan = StrategicPlan.objects.create(organisation=org, title="Strategisk plan", starts=2024, ends=2027)
    area = FocusArea.objects.create(organisation=org, plan=plan, number=3, name="Lustfyllt lärande", slug="larande")
    theme = ThemeFactory(process=process)
    client = client_for(org, staff)
    assert "Lustfyllt lärande" in client.get(theme_url(theme)).content.decode()
    client.post(theme_url(theme, "themes:focus_areas"), {"focus_areas": [area.pk]})
    assert list(theme.focus_areas.all()) == [area]


def test_set_a_contribution_aside_as_in_no_theme_through_the_page(client_for, org, staff, process):
    school = ThemeFactory(process=process)
    contribution = ContributionFactory(process=process, body="Hej, vilken fin kväll det var!")
    CodingFactory(theme=school, contribution=contribution)
    url = reverse("themes:code_contribution", kwargs={"pk": process.pk, "contribution_pk": contribution.pk})
    client = client_for(org, staff)
    both = client.post(url, {"themes": [school.pk], "no_theme": "on"})
    assert both.status_code == 400 and "inte båda" in both.content.decode()
    response = client.post(url, {"no_theme": "on"}, follow=True)
    html = response.content.decode()
    assert "Inspelet är undantaget som att det inte hör till något tema." in html
    assert "1 inspel är undantaget som att det inte hör till något tema" in html
    assert not contribution.theme_codings.exists()
    assert re.search(r'<input type="checkbox" name="no_theme"[^>]* checked', client.get(url).content.decode())


def test_the_process_focus_areas_come_first_and_are_marked(client_for, org, staff, process):
    plan = StrategicPlan.objects.create(organisation=org, title="Strategisk plan", starts=2024, ends=2027)
    first = FocusArea.objects.create(organisation=org, plan=plan, number=1, name="Trygghet", slug="trygghet")
    linked = FocusArea.objects.create(organisation=org, plan=plan, number=3, name="Lustfyllt lärande",
                                      slug="larande")
    process.focus_areas.add(linked)
    theme = ThemeFactory(process=process)
    theme.focus_areas.add(first)
    page = client_for(org, staff).get(theme_url(theme)).content.decode()
    assert page.index("Lustfyllt lärande (kopplat till processen)") < page.index("Trygghet")
    assert re.search(rf'value="{first.pk}"[^>]*checked', page)


def test_theme_page_breakdown_hides_small_groups(client_for, org, staff, process):
    theme = ThemeFactory(process=process)
    for _ in range(6):
        CodingFactory(theme=theme, contribution__channel="web", contribution__age_band="30-44")
    CodingFactory(theme=theme, contribution__channel="slip", contribution__age_band="30-44")
    page = client_for(org, staff).get(theme_url(theme)).content.decode()
    assert "visas inte" in page
    assert "Papperslapp" not in page


def test_overview_queries_do_not_grow_with_themes(client_for, org, staff, process, django_assert_max_num_queries):
    client = client_for(org, staff)
    for _ in range(3):
        CodingFactory(theme=ThemeFactory(process=process))
    AnalysisRun.objects.create(organisation=org, process=process, created_by=staff, status="done")
    client.get(overview_url(process))
    with django_assert_max_num_queries(25) as few:
        client.get(overview_url(process))
    for _ in range(10):
        CodingFactory(theme=ThemeFactory(process=process))
        AnalysisRun.objects.create(organisation=org, process=process, created_by=staff, status="done")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(overview_url(process))


def test_theme_members_are_paginated(client_for, org, staff, process):
    theme = ThemeFactory(process=process)
    ThemeFactory(process=process, label="Ett annat tema")
    CodingFactory.create_batch(55, theme=theme)
    client = client_for(org, staff)
    first = client.get(theme_url(theme)).content.decode()
    assert "55 inspel" in first and "Sida 1 av 2" in first
    assert first.count('class="move-form"') == 50
    assert client.get(theme_url(theme), {"page": 2}).content.decode().count('class="move-form"') == 5


def test_hand_coded_members_are_listed_first(client_for, org, staff, process):
    theme = ThemeFactory(process=process)
    CodingFactory(theme=theme, strength=0.99, contribution__body="Maskinens val")
    CodingFactory(theme=theme, source=Coding.Source.HUMAN, strength=1.0, contribution__body="Personens val")
    page = client_for(org, staff).get(theme_url(theme)).content.decode()
    assert page.index("Personens val") < page.index("Maskinens val")
    assert "För hand" in page and "Analysen (passar 0,99)" in page


def test_theme_page_queries_do_not_grow_with_members(client_for, org, staff, process, django_assert_max_num_queries):
    theme = ThemeFactory(process=process)
    ThemeFactory(process=process, label="Ett annat tema")
    CodingFactory.create_batch(3, theme=theme)
    client = client_for(org, staff)
    with django_assert_max_num_queries(40) as few:
        client.get(theme_url(theme))
    CodingFactory.create_batch(30, theme=theme)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(theme_url(theme))


def test_a_new_theme_without_a_name_is_refused_beside_the_field(client_for, org, staff, process):
    response = client_for(org, staff).post(reverse("themes:create", kwargs={"pk": process.pk}),
                                           {"label": "", "description": "Om bussarna"})
    html = response.content.decode()
    assert response.status_code == 400 and 'class="error-summary"' in html and 'href="#id_label"' in html
    assert "Om bussarna" in html  # what was typed is kept
