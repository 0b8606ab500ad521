"""The elected officials' overview: their municipality's dialogues, read only."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from radslag.accounts.models import Role
from radslag.accounts.tests.factories import user_with_role
from radslag.contributions.tests.factories import ContributionFactory
from radslag.core.models import AgeBand, Sex
from radslag.dialogues.models import DialogueProcess
from radslag.dialogues.tests.factories import PhaseFactory, ProcessFactory
from radslag.governance import overview_sections
from radslag.governance.models import BodyMeeting
from radslag.governance.tests.factories import FocusAreaFactory, StrategicPlanFactory
from radslag.organisations.models import PopulationFigure
from radslag.organisations.tests.factories import BodyFactory, LocalityFactory
from radslag.themes.tests.factories import ThemeFactory

URL = "/personal/oversikt/"


@pytest.fixture
def official(org):
    return user_with_role(org, Role.OFFICIAL, email="politiker@ale.example.se")


@pytest.fixture
def plan(org):
    return StrategicPlanFactory(organisation=org, title="Strategisk plan 2024–2027")


def page_of(client):
    response = client.get(URL)
    assert response.status_code == 200
    return response.content.decode()


def test_an_official_sees_processes_by_focus_area_and_by_committee(client_for, org, official, plan):
    area = FocusAreaFactory(plan=plan, number=4, name="Medskapande invånare")
    board = BodyFactory(organisation=org, name="Kommunstyrelsen")
    school = ProcessFactory(organisation=org, title="Skolvägar", deciding_body=board)
    school.focus_areas.add(area)
    PhaseFactory(process=school, name="Dialogkvällar", starts=timezone.localdate() - dt.timedelta(days=3),
                 ends=timezone.localdate() + dt.timedelta(days=3))
    ProcessFactory(organisation=org, title="Badplatsen", deciding_body=None)
    ProcessFactory(organisation=org, title="Hemligt utkast", status=DialogueProcess.Status.DRAFT)
    page = page_of(client_for(org, official))
    assert "4. Medskapande invånare" in page and "Kommunstyrelsen" in page
    assert page.count("Skolvägar") >= 2  # once under its focus area, once under its committee
    assert "Dialogkvällar" in page  # its stage: the current phase
    assert "Inte kopplad till något fokusområde i planen" in page and "Badplatsen" in page
    assert "Inget beslutande organ angivet än" in page
    assert "Hemligt utkast" not in page  # officials do not preview drafts


def test_staff_see_drafts_in_the_overview(client_for, org, staff):
    ProcessFactory(organisation=org, title="Utkast om parken", status=DialogueProcess.Status.DRAFT)
    assert "Utkast om parken" in page_of(client_for(org, staff))


def test_participation_is_compared_with_the_population_in_published_form(client_for, org, official):
    surte, nodinge = LocalityFactory(organisation=org, name="Surte"), LocalityFactory(organisation=org, name="Nödinge")
    for locality in (surte, nodinge):
        for band in (AgeBand.AGE_20_29, AgeBand.AGE_65_79):
            PopulationFigure.objects.create(organisation=org, year=2025, locality=locality, age_band=band,
                                            sex=Sex.FEMALE, count=1000)
    process = ProcessFactory(organisation=org, title="Mötesplatser")
    for _ in range(20):
        ContributionFactory(process=process, locality=nodinge, age_band=AgeBand.AGE_65_79, sex=Sex.FEMALE)
    page = page_of(client_for(org, official))
    assert "Underrepresenterade grupper:" in page and "Surte" in page and "20–29 år" in page


def test_answers_owed_and_overdue_are_listed(client_for, org, official):
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    late = ProcessFactory(organisation=org, title="Sen dialog", feedback_due=yesterday)
    ThemeFactory(process=late)
    page = page_of(client_for(org, official))
    assert "Sen dialog" in page and "Försenat" in page


def test_a_dialogue_without_themes_has_none_to_answer_yet_rather_than_zero_of_zero(client_for, org, official):
    ProcessFactory(organisation=org, title="Ny dialog", feedback_due=timezone.localdate() + dt.timedelta(days=90))
    page = page_of(client_for(org, official))
    assert "Inga teman att besvara ännu" in page and "(0/0)" not in page


def test_coming_committee_meetings_are_shown_and_past_ones_not(client_for, org, official):
    board = BodyFactory(organisation=org, name="Kultur- och fritidsnämnden")
    BodyMeeting.objects.create(organisation=org, body=board, date=timezone.localdate() + dt.timedelta(days=10),
                               note="Budgetsammanträde")
    BodyMeeting.objects.create(organisation=org, body=board, date=timezone.localdate() - dt.timedelta(days=10),
                               note="Förra mötet")
    ProcessFactory(organisation=org, deciding_body=board)
    page = page_of(client_for(org, official))
    assert "Budgetsammanträde" in page and "Förra mötet" not in page
    assert "Nästa sammanträde:" in page


def test_a_registered_section_shows_what_waits_for_the_officials(client_for, org, official):
    seen = []

    def waiting(organisation, user):
        seen.append((organisation, user))
        return [overview_sections.OverviewItem(label="Underlag: Mötesplatser", url="/underlag/1/",
                                               note="Kommunstyrelsen", date=dt.date(2027, 1, 12), urgent=True)]

    overview_sections.register(overview_sections.OverviewSection(
        key="test_bases", title="Beslutsunderlag som väntar på dig", items=waiting, empty="Inget väntar."))
    try:
        page = page_of(client_for(org, official))
    finally:
        overview_sections.unregister("test_bases")
    assert "Beslutsunderlag som väntar på dig" in page and "Underlag: Mötesplatser" in page
    assert seen == [(org, official)]


def test_the_overview_shows_no_write_action_to_an_official(client_for, org, official, plan):
    FocusAreaFactory(plan=plan).processes.add(ProcessFactory(organisation=org))
    page = page_of(client_for(org, official))
    for write_page in ("/redigera/", "/ny/", "/publicera/", "/inmatning/", "/import/", "/faser/"):
        assert write_page not in page


def test_every_post_to_the_overview_is_refused(client_for, org, official, staff):
    for user in (official, staff):
        assert client_for(org, user).post(URL, {}).status_code == 403


@pytest.mark.parametrize("role", [Role.RESIDENT, Role.MODERATOR])
def test_residents_and_moderators_do_not_open_the_overview(client_for, org, role):
    assert client_for(org, user_with_role(org, role)).get(URL).status_code == 403


def test_the_staff_start_page_leads_an_official_to_the_overview_and_shows_no_new_process(client_for, org, official):
    page = client_for(org, official).get("/personal/").content.decode()
    assert URL in page and "Översikt över kommunen" in page
    assert "/personal/processer/ny/" not in page


def count_queries(client):
    client.get(URL)  # the first request of a session does a few things once (the session, the roles)
    with CaptureQueriesContext(connection) as context:
        assert client.get(URL).status_code == 200
    return len(context.captured_queries)


def add_processes(org, plan, count):
    area = FocusAreaFactory(plan=plan)
    for _ in range(count):
        process = ProcessFactory(organisation=org)
        process.focus_areas.add(area)
        PhaseFactory(process=process)
        ContributionFactory(process=process)
        ThemeFactory(process=process)
        BodyMeeting.objects.create(organisation=org, body=process.deciding_body, date=timezone.localdate())


def test_the_overview_takes_a_fixed_number_of_queries(client_for, org, official, plan):
    client = client_for(org, official)
    add_processes(org, plan, 2)
    few = count_queries(client)
    add_processes(org, plan, 8)
    assert count_queries(client) == few
    assert few <= 20


def test_in_english_the_rows_show_english_titles_and_mark_swedish_stand_ins(client_for, org, official):
    today = timezone.localdate()
    process = ProcessFactory(organisation=org, title="Skolvägar", title_en="School routes")
    PhaseFactory(process=process, name="Dialogkvällar", starts=today - dt.timedelta(days=1),
                 ends=today + dt.timedelta(days=1))
    client = client_for(org, official)
    client.cookies["django_language"] = "en"
    page = page_of(client)
    assert page.count(">School routes</") >= 2 and "Skolvägar" not in page
    assert '<span lang="sv">Dialogkvällar</span>' in page  # no English name for the phase: marked Swedish
