"""Proposals linked to a dialogue on its "what happened with the input?" page and in the answers it owes."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from radslag.dialogues.followup import answer_debts
from radslag.dialogues.models import DialogueProcess
from radslag.dialogues.tests.factories import ProcessFactory
from radslag.feedback.tests.factories import AnswerFactory
from radslag.governance.tests.factories import DecisionFactory
from radslag.organisations.tests.factories import BodyFactory
from radslag.proposals.models import Proposal
from radslag.proposals.tests.factories import make_proposal
from radslag.themes.tests.factories import ThemeFactory

pytestmark = pytest.mark.django_db
Status = Proposal.Status


def test_a_proposal_owes_an_answer_once_it_reached_the_threshold_or_its_period_ended(org):
    process = ProcessFactory(organisation=org)
    for status in (Status.SUBMITTED, Status.REFUSED, Status.COLLECTING):  # nothing owed yet
        make_proposal(org, process=process, status=status)
    for status in (Status.THRESHOLD_REACHED, Status.PERIOD_ENDED, Status.ASSIGNED, Status.HANDLING):
        make_proposal(org, process=process, status=status)
    make_proposal(org, process=process, status=Status.ANSWERED, outcome="investigating", answer="Vi utreder.")
    make_proposal(org, status=Status.HANDLING)  # linked to no dialogue
    make_proposal(org, process=ProcessFactory(organisation=org), status=Status.HANDLING)  # to another one

    debt = answer_debts([process], timezone.localdate())[process.pk]

    assert (debt.to_answer, debt.answered, debt.owed) == (5, 1, 4)
    assert [(part.kind, part.to_answer, part.answered) for part in debt.parts] == [("proposal", 5, 1)]


def test_themes_and_proposals_are_counted_together_and_each_kind_in_its_own_words(org, staff, client_for):
    process = ProcessFactory(organisation=org, feedback_due=timezone.localdate() + dt.timedelta(days=30))
    AnswerFactory(theme=ThemeFactory(process=process), published_at=timezone.now())
    ThemeFactory(process=process)
    make_proposal(org, process=process, status=Status.HANDLING)

    debt = answer_debts([process], timezone.localdate())[process.pk]
    page = client_for(org, staff).get(f"/personal/processer/{process.pk}/oversikt/").content.decode()

    assert (debt.to_answer, debt.answered) == (3, 1) and [p.kind for p in debt.parts] == ["theme", "proposal"]
    assert "1 av 2 teman har ett publicerat svar." in page
    assert "0 av 1 medborgarförslag har besvarats." in page


def test_a_process_whose_only_proposal_still_collects_support_owes_nothing_for_it(org):
    process = ProcessFactory(organisation=org)
    make_proposal(org, process=process, status=Status.COLLECTING, support_count=2, threshold=150)
    debt = answer_debts([process], timezone.localdate())[process.pk]
    assert (debt.to_answer, debt.parts) == (0, ())


def test_the_what_happened_page_lists_the_dialogues_proposals_with_answer_progress_and_decision(org, client_for):
    process = ProcessFactory(organisation=org, title="Trygghet i Alafors")
    decision = DecisionFactory(organisation=org, title="Belysning längs gångvägarna",
                               url="https://ale.se/protokoll/ks-2027-04.pdf")
    done = make_proposal(
        org, process=process, title="Belys gångvägen till stationen", status=Status.ANSWERED,
        outcome="in_progress", answer="Kommunstyrelsen har beslutat om ny belysning.", decision=decision,
        answered_at=timezone.now(), progress=40, progress_note="Två av fem sträckor är klara.")
    waiting = make_proposal(org, process=process, title="Fler bänkar vid Alafors torg", status=Status.ASSIGNED,
                            committee=BodyFactory(organisation=org, name="Samhällsbyggnadsnämnden"),
                            answer_due=timezone.make_aware(dt.datetime(2027, 9, 30, 12)))
    make_proposal(org, process=process, title="Hemligt utkast", status=Status.SUBMITTED)
    make_proposal(org, process=ProcessFactory(organisation=org), title="Annan dialogs förslag")

    page = client_for(org).get(f"/dialoger/{process.slug}/vad-hande/").content.decode()

    proposals = page[page.index("<h2 id=\"proposal-heading\">Medborgarförslag</h2>"):]
    answered = proposals[proposals.index(f'id="proposal-{done.pk}"'):]
    answered = answered[:answered.index("</article>")]
    assert "Belys gångvägen till stationen" in answered and "Genomförs" in answered
    assert "Kommunstyrelsen har beslutat om ny belysning." in answered
    assert '<progress max="100" value="40"' in answered and "Två av fem sträckor är klara." in answered
    assert f'href="/beslut/{decision.pk}/"' in answered and "Belysning längs gångvägarna" in answered
    assert f'href="/forslag/{done.pk}/"' in answered
    unanswered = proposals[proposals.index(f'id="proposal-{waiting.pk}"'):]
    unanswered = unanswered[:unanswered.index("</article>")]
    assert "Inte besvarat ännu" in unanswered and "Skickat till nämnd: Samhällsbyggnadsnämnden" in unanswered
    assert "ska besvaras senast 30 september 2027" in unanswered
    assert "Hemligt utkast" not in page and "Annan dialogs förslag" not in page


def test_a_proposal_past_its_answer_date_is_called_overdue_on_the_what_happened_page_and_its_own(org, client_for):
    process = ProcessFactory(organisation=org)
    late = make_proposal(org, process=process, status=Status.ASSIGNED,
                         committee=BodyFactory(organisation=org, name="Samhällsbyggnadsnämnden"),
                         answer_due=timezone.make_aware(dt.datetime(2020, 6, 30, 12)))
    client = client_for(org)

    page = client.get(f"/dialoger/{process.slug}/vad-hande/").content.decode()
    assert "skulle ha besvarats senast 30 juni 2020 – svaret är försenat" in page
    assert "ska besvaras senast" not in page
    page = client.get(f"/forslag/{late.pk}/").content.decode()
    assert "Förslaget skulle ha besvarats senast 30 juni 2020; svaret är försenat." in page


def test_in_english_the_what_happened_page_marks_a_proposals_swedish_title_and_answer(org, client_for):
    process = ProcessFactory(organisation=org)
    make_proposal(org, process=process, title="Fler bänkar vid torget", status=Status.ANSWERED,
                  outcome="investigating", answer="Vi utreder var bänkarna kan stå.", answered_at=timezone.now())
    client = client_for(org)
    client.cookies["django_language"] = "en"
    page = client.get(f"/dialoger/{process.slug}/vad-hande/").content.decode()
    assert re.search(r'<h3 id="proposal-\d+-heading" lang="sv">Fler bänkar vid torget</h3>', page)
    assert '<div lang="sv"><p>Vi utreder var bänkarna kan stå.</p></div>' in page


def test_the_what_happened_page_of_a_dialogue_without_proposals_has_no_such_section(org, client_for):
    process = ProcessFactory(organisation=org)
    page = client_for(org).get(f"/dialoger/{process.slug}/vad-hande/").content.decode()
    assert 'id="proposal-heading"' not in page


def test_the_proposal_page_links_its_decision_and_the_dialogues_what_happened_page(org, client_for):
    process = ProcessFactory(organisation=org, title="Trygghet i Alafors")
    decision = DecisionFactory(organisation=org, url="https://ale.se/protokoll/ks-2027-04.pdf")
    proposal = make_proposal(org, process=process, status=Status.ANSWERED, outcome="in_decision",
                             answer="Bifalls.", decision=decision, answered_at=timezone.now())
    page = client_for(org).get(f"/forslag/{proposal.pk}/").content.decode()
    answer = page[page.index('id="answer-heading"'):]
    assert f'href="/beslut/{decision.pk}/"' in answer
    assert 'href="https://ale.se/protokoll/ks-2027-04.pdf"' in answer and "Läs protokollet" in answer
    assert f'href="/dialoger/{process.slug}/vad-hande/"' in answer

    DialogueProcess.objects.filter(pk=process.pk).update(status=DialogueProcess.Status.DRAFT)
    page = client_for(org).get(f"/forslag/{proposal.pk}/").content.decode()
    assert "/vad-hande/" not in page


def test_the_what_happened_page_reads_a_fixed_number_of_queries(org, client_for, django_assert_max_num_queries):
    process = ProcessFactory(organisation=org)
    client = client_for(org)
    make_proposal(org, process=process, status=Status.ANSWERED, outcome="done", answer="Klart.",
                  decision=DecisionFactory(organisation=org), answered_at=timezone.now())
    client.get(f"/dialoger/{process.slug}/vad-hande/")
    with CaptureQueriesContext(connection) as one:
        client.get(f"/dialoger/{process.slug}/vad-hande/")
    for n in range(10):
        make_proposal(org, process=process, title=f"Förslag {n}", status=Status.ANSWERED, outcome="done",
                      answer="Klart.", decision=DecisionFactory(organisation=org), answered_at=timezone.now(),
                      committee=BodyFactory(organisation=org))
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert client.get(f"/dialoger/{process.slug}/vad-hande/").status_code == 200
