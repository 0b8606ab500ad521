"""The public pages as a visitor sees them: scoping, drafts, escaping, query counts."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from radslag.dialogues.models import DialogueProcess
from radslag.dialogues.tests.factories import ActivityFactory, PhaseFactory, ProcessFactory, UpdateFactory
from radslag.governance.tests.factories import DecisionFactory, FocusAreaFactory

pytestmark = pytest.mark.django_db


def detail_url(process):
    return reverse("dialogues:process_detail", kwargs={"slug": process.slug})


def test_home_shows_ongoing_and_finished_dialogues(org, client_for):
    ProcessFactory(organisation=org, title="Mötesplatser i Nödinge")
    ProcessFactory(organisation=org, title="Skolvägar i Nol", status=DialogueProcess.Status.CLOSED)
    ProcessFactory(organisation=org, title="Hemligt utkast", status=DialogueProcess.Status.DRAFT)

    page = client_for(org).get(reverse("dialogues:home")).content.decode()

    assert "Pågående dialoger" in page and "Mötesplatser i Nödinge" in page
    assert "Nyligen avslutade" in page and "Skolvägar i Nol" in page
    assert "Hemligt utkast" not in page
    assert "Medbeslutande" in page  # the participation ladder is explained


def test_home_only_shows_the_hosts_municipality(org, other_org, client_for):
    ProcessFactory(organisation=other_org, title="Grannens dialog")

    assert "Grannens dialog" not in client_for(org).get("/").content.decode()


def test_list_filters_by_status(org, client_for):
    ProcessFactory(organisation=org, title="Pågår fortfarande")
    ProcessFactory(organisation=org, title="Redan klar", status=DialogueProcess.Status.CLOSED)

    page = client_for(org).get(reverse("dialogues:process_list"), {"status": "closed"}).content.decode()

    assert "Redan klar" in page and "Pågår fortfarande" not in page


def test_draft_is_404_for_the_public_and_residents(org, resident, client_for):
    process = ProcessFactory(organisation=org, status=DialogueProcess.Status.DRAFT)

    assert client_for(org).get(detail_url(process)).status_code == 404
    assert client_for(org, resident).get(detail_url(process)).status_code == 404


def test_draft_is_a_preview_with_a_banner_for_staff(org, staff, client_for):
    process = ProcessFactory(organisation=org, status=DialogueProcess.Status.DRAFT, title="Planeras")

    response = client_for(org, staff).get(detail_url(process))

    assert response.status_code == 200
    assert "Utkast" in response.content.decode() and "förhandsvisning" in response.content.decode()


def test_every_link_of_a_drafts_preview_opens_for_staff(org, staff, client_for):
    """The preview offers no link that leads staff to 'Sidan kunde inte hittas' (a draft has no newsletter list)."""
    process = ProcessFactory(organisation=org, status=DialogueProcess.Status.DRAFT, title="Planeras")
    client = client_for(org, staff)
    page = client.get(detail_url(process)).content.decode()
    links = {href for href in re.findall(r'href="(/dialoger/[^"#?]+|/manadsblad/[^"#?]+)"', page)}
    assert links, "the preview links to the process's own pages"
    assert {href: client.get(href).status_code for href in links} == dict.fromkeys(links, 200)


def test_another_municipalitys_process_is_404(org, other_org, client_for):
    process = ProcessFactory(organisation=other_org)

    assert client_for(org).get(detail_url(process)).status_code == 404


def test_process_page_shows_mandate_ladder_and_decision(org, client_for):
    decision = DecisionFactory(organisation=org, title="Uppdrag om mötesplatser", registration_number="KS 2019/77",
                               section="§ 112", url="https://ale.se/protokoll")
    process = ProcessFactory(organisation=org, commissioning_decision=decision)

    page = client_for(org).get(detail_url(process)).content.decode()

    assert "Vad kan du påverka här?" in page and "Var och hur mötesplatserna utformas." in page
    assert "Budgetramen är redan beslutad." in page
    assert '<li aria-current="step">Dialog' in page
    assert "KS 2019/77" in page and "§ 112" in page and 'href="https://ale.se/protokoll"' in page
    assert process.deciding_body.name in page
    assert "30 juni 2030" in page  # the feedback promise


def test_timeline_marks_done_current_and_coming(org, client_for):
    process = ProcessFactory(organisation=org)
    today = timezone.localdate()
    PhaseFactory(process=process, order=1, name="Intervjuer", starts=today - dt.timedelta(days=60),
                 ends=today - dt.timedelta(days=31))
    PhaseFactory(process=process, order=2, name="Öppet möte", starts=today - dt.timedelta(days=30),
                 ends=today + dt.timedelta(days=30))
    PhaseFactory(process=process, order=3, name="Återkoppling", starts=today + dt.timedelta(days=31),
                 ends=today + dt.timedelta(days=60))

    page = client_for(org).get(detail_url(process)).content.decode()

    assert 'class="done"' in page and 'class="coming"' in page
    assert '<li class="current" aria-current="step">' in page
    assert "Klar" in page and "Kommer" in page


def test_what_has_happened_lists_newest_first(org, client_for):
    process = ProcessFactory(organisation=org)
    UpdateFactory(process=process, title="Gammal nyhet", published_at=timezone.now() - dt.timedelta(days=3))
    UpdateFactory(process=process, title="Färsk nyhet")

    page = client_for(org).get(detail_url(process)).content.decode()

    assert page.index("Färsk nyhet") < page.index("Gammal nyhet")


def test_script_in_user_text_is_shown_inert(org, client_for):
    process = ProcessFactory(organisation=org, title="<script>alert(1)</script>",
                             open_to_influence="<img src=x onerror=alert(2)>")
    UpdateFactory(process=process, body="<script>alert(3)</script>")

    page = client_for(org).get(detail_url(process)).content.decode()

    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_closed_process_has_no_contribution_links(org, client_for):
    process = ProcessFactory(organisation=org, status=DialogueProcess.Status.CLOSED)

    page = client_for(org).get(detail_url(process)).content.decode()

    assert "Dialogen är avslutad." in page
    assert "Dela dina tankar" not in page


def test_process_page_query_count_does_not_grow_with_content(org, client_for, django_assert_max_num_queries):
    process = ProcessFactory(organisation=org)
    client = client_for(org)
    client.get(detail_url(process))
    with CaptureQueriesContext(connection) as empty:
        client.get(detail_url(process))
    for n in range(15):
        PhaseFactory(process=process, order=n)
        UpdateFactory(process=process, decision=DecisionFactory(organisation=org))
        ActivityFactory(process=process, registration_required=True, capacity=10)

    # The same number of queries with 45 more rows as with none, and a small number at that.
    with django_assert_max_num_queries(len(empty.captured_queries)):
        response = client.get(detail_url(process))
    assert response.status_code == 200
    # One query per thing the page shows: municipality, process, phases, updates, activities, focus areas,
    # decision links, answers owed, ballots, conversations, compilation, council answers, working groups,
    # the principles for dialogue in force.
    assert len(empty.captured_queries) <= 14


def test_focus_areas_are_linked_and_filter_the_list(org, client_for):
    area = FocusAreaFactory(organisation=org, name="Medskapande invånare", slug="medskapande")
    linked = ProcessFactory(organisation=org, title="Kopplad dialog")
    linked.focus_areas.add(area)
    ProcessFactory(organisation=org, title="Annan dialog")
    client = client_for(org)
    area_url = reverse("overview:focus_area", kwargs={"slug": "medskapande"})

    assert area_url in client.get("/").content.decode()
    assert area_url in client.get(detail_url(linked)).content.decode()
    page = client.get(reverse("dialogues:process_list"), {"focus_area": "medskapande"}).content.decode()
    assert "Kopplad dialog" in page and "Annan dialog" not in page


def test_what_happens_now_names_the_current_phase_and_next_activity(org, client_for):
    process = ProcessFactory(organisation=org)
    today = timezone.localdate()
    PhaseFactory(process=process, name="Samtal i bygderna", starts=today, ends=today + dt.timedelta(days=5))
    ActivityFactory(process=process, title="Redan hållen", starts_at=timezone.now() - dt.timedelta(days=2),
                    ends_at=timezone.now() - dt.timedelta(days=2, hours=-2))
    ActivityFactory(process=process, title="Dialogkväll i Surte")

    page = client_for(org).get(detail_url(process)).content.decode()
    now_section = page[page.index("Vad händer nu?"):page.index("Vad har hänt?")]

    assert "Samtal i bygderna" in now_section and "Dialogkväll i Surte" in now_section
    assert "Svar utlovas senast 30 juni 2030." in now_section


def test_a_promised_answer_past_its_date_is_called_overdue_on_the_process_page(org, client_for):
    running = ProcessFactory(organisation=org, feedback_due=dt.date(2020, 6, 30))
    closed = ProcessFactory(organisation=org, feedback_due=dt.date(2020, 6, 30),
                            status=DialogueProcess.Status.CLOSED)
    client = client_for(org)
    for process in (running, closed):
        page = client.get(detail_url(process)).content.decode()
        assert "Svar utlovades senast 30 juni 2020 och är försenat." in page
        assert "Svar utlovas senast" not in page

    client.cookies["django_language"] = "en"
    page = client.get(detail_url(running)).content.decode()
    assert "An answer was promised no later than 30 June 2020 and is overdue." in page


def test_home_query_count_does_not_grow_with_processes(org, client_for, django_assert_max_num_queries):
    for _ in range(8):
        process = ProcessFactory(organisation=org)
        PhaseFactory(process=process)
        ActivityFactory(process=process)
        ProcessFactory(organisation=org, status=DialogueProcess.Status.CLOSED)

    with django_assert_max_num_queries(10):
        response = client_for(org).get(reverse("dialogues:home"))
    assert response.status_code == 200


def test_list_shows_ongoing_before_finished(org, client_for):
    ProcessFactory(organisation=org, title="Avslutad dialog", status=DialogueProcess.Status.CLOSED)
    ProcessFactory(organisation=org, title="Pågående dialog", published_at=timezone.now() - dt.timedelta(days=400))

    page = client_for(org).get(reverse("dialogues:process_list")).content.decode()

    assert page.index("Pågående dialog") < page.index("Avslutad dialog")
    assert "2 dialoger" in page


def test_an_updates_decision_title_is_marked_swedish_on_the_english_page(org, client_for):
    process = ProcessFactory(organisation=org)
    UpdateFactory(process=process, decision=DecisionFactory(organisation=org, title="Beslut om lekplatsen", url=""))
    UpdateFactory(process=process, decision=DecisionFactory(organisation=org, title="Beslut om badplatsen",
                                                            url="https://ale.se/protokoll/12"))
    client = client_for(org)
    client.cookies["django_language"] = "en"

    page = client.get(detail_url(process)).content.decode()

    # Decisions are recorded in Swedish only; a screen reader must read the title with Swedish pronunciation.
    assert 'Related decision: <span lang="sv">Beslut om lekplatsen</span>' in page
    assert '<a href="https://ale.se/protokoll/12"><span lang="sv">Beslut om badplatsen</span></a>' in page
