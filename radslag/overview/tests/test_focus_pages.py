"""The public focus-area and vision pages: everything tied to a focus area, with its outcome."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from radslag.dialogues.models import DialogueProcess
from radslag.dialogues.tests.factories import PhaseFactory, ProcessFactory
from radslag.feedback.models import Answer, AnswerStatus
from radslag.governance import focus_area_items
from radslag.governance.models import DecisionLink, Vision
from radslag.governance.tests.factories import DecisionFactory, FocusAreaFactory, StrategicPlanFactory
from radslag.themes.models import Theme
from radslag.themes.tests.factories import ThemeFactory


@pytest.fixture
def area(org):
    plan = StrategicPlanFactory(organisation=org, title="Strategisk plan 2024–2027")
    return FocusAreaFactory(plan=plan, number=4, name="Medskapande invånare", slug="medskapande")


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def answer(theme, status, published=True):
    return Answer.objects.create(organisation=theme.organisation, process=theme.process, theme=theme, status=status,
                                 text="Vi bygger fler bänkar.", motivation="Det ryms inte i budgeten.",
                                 published_at=timezone.now() if published else None)


def test_a_process_shows_its_stage_its_answers_and_the_decision_that_came_of_it(client_for, org, area):
    ongoing = ProcessFactory(organisation=org, title="Mötesplatser")
    ongoing.focus_areas.add(area)
    PhaseFactory(process=ongoing, name="Dialogkvällar", starts=timezone.localdate() - dt.timedelta(days=1),
                 ends=timezone.localdate() + dt.timedelta(days=1))
    closed = ProcessFactory(organisation=org, title="Skolvägar", status=DialogueProcess.Status.CLOSED)
    closed.focus_areas.add(area)
    decision = DecisionFactory(organisation=org, title="Trygga skolvägar byggs")
    DecisionLink.objects.create(decision=decision, kind="process", object_id=closed.pk,
                                role=DecisionLink.Role.OUTCOME)
    answer(ThemeFactory(process=closed), AnswerStatus.IN_PROGRESS)
    ThemeFactory(process=closed)
    text = page(client_for(org), "/fokusomraden/medskapande/")
    assert "Pågår: Dialogkvällar" in text and "Avslutad" in text
    assert "Trygga skolvägar byggs" in text
    assert "1 av 2 teman har ett publicerat svar." in text


def test_a_process_counts_its_linked_proposals_apart_from_its_themes(client_for, org, area):
    from radslag.proposals.models import Proposal
    from radslag.proposals.tests.factories import make_proposal

    process = ProcessFactory(organisation=org, title="Mötesplatser")
    process.focus_areas.add(area)
    answer(ThemeFactory(process=process), AnswerStatus.IN_PROGRESS)
    make_proposal(org, status=Proposal.Status.THRESHOLD_REACHED, process=process)
    make_proposal(org, process=process)  # still collecting support: owes nothing yet
    text = page(client_for(org), "/fokusomraden/medskapande/")
    assert "1 av 1 teman har ett publicerat svar." in text
    assert "0 av 1 medborgarförslag har besvarats." in text


def test_themes_tied_to_the_area_show_only_published_answers(client_for, org, area):
    process = ProcessFactory(organisation=org)
    answered, drafted = ThemeFactory(process=process, human_label="Fler bänkar"), ThemeFactory(
        process=process, human_label="Bättre belysning")
    merged = ThemeFactory(process=process, human_label="Sammanslaget tema", status=Theme.Status.MERGED)
    hidden = ThemeFactory(process=ProcessFactory(organisation=org, status=DialogueProcess.Status.DRAFT),
                          human_label="Tema i utkast")
    for theme in (answered, drafted, merged, hidden):
        theme.focus_areas.add(area)
    answer(answered, AnswerStatus.DONE)
    answer(drafted, AnswerStatus.REJECTED, published=False)
    text = page(client_for(org), "/fokusomraden/medskapande/")
    assert "Fler bänkar" in text and "Genomfört" in text
    assert "Bättre belysning" in text and "Inte besvarat ännu" in text
    assert "Sammanslaget tema" not in text and "Tema i utkast" not in text


def test_a_registered_kind_is_gathered_on_the_focus_area_and_vision_pages(client_for, org, area):
    asked = []

    def proposals(organisation, area_ids):
        asked.append(list(area_ids))
        return {area.pk: [focus_area_items.FocusAreaItem(label="Belysning längs Göta älv", url="/forslag/1/",
                                                         outcome="Bifallet", done=True)]}

    focus_area_items.register(focus_area_items.FocusAreaKind(
        key="test_proposals", label="E-förslag", items=proposals, empty="Inga e-förslag."))
    try:
        area_page = page(client_for(org), "/fokusomraden/medskapande/")
        vision_page = page(client_for(org), "/styrning/vision/")
    finally:
        focus_area_items.unregister("test_proposals")
    assert "E-förslag" in area_page and "Belysning längs Göta älv" in area_page and "Bifallet" in area_page
    assert "E-förslag: 1" in vision_page
    assert asked == [[area.pk], [area.pk]]


def test_the_vision_page_counts_what_each_focus_area_gathers(client_for, org, area):
    Vision.objects.create(organisation=org, title="Vision 2031", text="Ale är en plats att vara stolt över.")
    for status in (DialogueProcess.Status.PUBLISHED, DialogueProcess.Status.CLOSED, DialogueProcess.Status.DRAFT):
        process = ProcessFactory(organisation=org, status=status)
        process.focus_areas.add(area)
    theme = ThemeFactory(process=process.organisation.processes.filter(status="published").first())
    theme.focus_areas.add(area)
    answer(theme, AnswerStatus.DONE)
    DecisionFactory(organisation=org).focus_areas.add(area)
    text = page(client_for(org), "/styrning/vision/")
    assert "Vision 2031" in text and "Medskapande invånare" in text
    assert "1 pågående dialog" in text and "1 avslutad" in text
    assert "1 av 1 tema besvarat" in text and "1 beslut" in text
    assert "/fokusomraden/medskapande/" in text


def test_the_governance_overview_links_the_vision_page(client_for, org):
    assert "/styrning/vision/" in page(client_for(org), "/styrning/")


def test_another_municipalitys_focus_area_is_404(client_for, org, other_org):
    FocusAreaFactory(plan=StrategicPlanFactory(organisation=other_org), slug="grannens")
    assert client_for(org).get("/fokusomraden/grannens/").status_code == 404


def query_count(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_focus_area_and_vision_pages_take_a_fixed_number_of_queries(client_for, org, area):
    client = client_for(org)

    def add(count):
        for _ in range(count):
            process = ProcessFactory(organisation=org, status=DialogueProcess.Status.CLOSED)
            process.focus_areas.add(area)
            PhaseFactory(process=process)
            theme = ThemeFactory(process=process)
            theme.focus_areas.add(area)
            answer(theme, AnswerStatus.DONE)
            decision = DecisionFactory(organisation=org)
            decision.focus_areas.add(area)
            DecisionLink.objects.create(decision=decision, kind="process", object_id=process.pk,
                                        role=DecisionLink.Role.OUTCOME)

    add(2)
    few = [query_count(client, url) for url in ("/fokusomraden/medskapande/", "/styrning/vision/")]
    add(6)
    assert [query_count(client, url) for url in ("/fokusomraden/medskapande/", "/styrning/vision/")] == few


def test_proposals_and_surveys_tied_to_the_area_are_gathered_with_where_they_stand(client_for, org, area, staff):
    from radslag.proposals.models import Proposal
    from radslag.proposals.tests.factories import make_proposal
    from radslag.surveys.models import Audience
    from radslag.surveys.tests.factories import make_survey

    collecting = make_proposal(org, title="Fler bänkar längs Göta älv", support_count=12, threshold=75)
    refused = make_proposal(org, title="Ett förslag utanför reglerna", status=Proposal.Status.REFUSED)
    collecting.focus_areas.add(area)
    refused.focus_areas.add(area)
    open_survey = make_survey(org, staff, audience=Audience.OPEN)
    open_survey.focus_areas.add(area)
    page = client_for(org).get(f"/fokusomraden/{area.slug}/").content.decode()
    assert "Fler bänkar längs Göta älv" in page and "12 av 75 stöd" in page
    assert "utanför reglerna" not in page
    assert "Ale år 2031" in page and f"/enkater/{open_survey.pk}/" in page
