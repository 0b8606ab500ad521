"""Staff see which processes and themes owe an answer and which are overdue; lists read the lifecycle right."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from radslag.dialogues.models import DialogueProcess
from radslag.dialogues.tests.factories import PhaseFactory, ProcessFactory
from radslag.feedback.tests.factories import AnswerFactory
from radslag.governance.models import DecisionLink
from radslag.governance.tests.factories import DecisionFactory
from radslag.themes.tests.factories import ThemeFactory

pytestmark = pytest.mark.django_db


def test_the_staff_page_lists_answers_owed_and_overdue(org, staff, client_for):
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    late = ProcessFactory(organisation=org, title="Sen dialog", feedback_due=yesterday,
                          status=DialogueProcess.Status.CLOSED)
    ThemeFactory(process=late)
    AnswerFactory(theme=ThemeFactory(process=late), published_at=timezone.now())
    coming = ProcessFactory(organisation=org, title="Kommande svar", feedback_due=dt.date(2030, 6, 30))
    ThemeFactory(process=coming)
    done = ProcessFactory(organisation=org, title="Besvarad dialog", feedback_due=yesterday)
    AnswerFactory(theme=ThemeFactory(process=done), published_at=timezone.now())
    AnswerFactory(theme=ThemeFactory(process=done))  # a draft: still owed... on another theme
    ProcessFactory(organisation=org, title="Utkast", status=DialogueProcess.Status.DRAFT)

    page = client_for(org, staff).get("/personal/").content.decode()
    owing = page[page.index("Svar som deltagarna väntar på"):page.index('<h2>Processer</h2>')]

    assert "Sen dialog" in owing and f"Försenat: svaret utlovades senast {yesterday:%-d}" in owing
    assert "1 av 2 teman har ett publicerat svar." in owing
    assert "Kommande svar" in owing and "Utlovat senast 30 juni 2030." in owing
    assert "Besvarad dialog" in owing  # its draft answer is not published yet
    assert "Utkast" not in owing
    assert f"/personal/processer/{late.pk}/svar/" in owing


def test_the_dashboard_says_how_many_themes_are_answered(org, staff, client_for):
    process = ProcessFactory(organisation=org)
    AnswerFactory(theme=ThemeFactory(process=process), published_at=timezone.now())
    page = client_for(org, staff).get(f"/personal/processer/{process.pk}/oversikt/").content.decode()
    assert "1 av 1 teman har ett publicerat svar." in page and "Skriv och publicera svaren" in page


def test_a_finished_process_shows_its_outcome_in_lists_not_what_happens_now(org, client_for):
    process = ProcessFactory(organisation=org, title="Avslutad dialog", status=DialogueProcess.Status.CLOSED)
    PhaseFactory(process=process, starts=timezone.localdate() - dt.timedelta(days=3),
                 ends=timezone.localdate() + dt.timedelta(days=3))
    decision = DecisionFactory(organisation=org, title="Beslutet efteråt")
    DecisionLink.objects.create(decision=decision, kind="process", object_id=process.pk, role="outcome")
    for url in ("/", "/dialoger/"):
        page = client_for(org).get(url).content.decode()
        card = page[page.index("Avslutad dialog"):]
        card = card[:card.index("</li>")]
        assert "Beslutet efteråt" in card and "Pågår nu" not in card, url

    page = client_for(org).get(f"/dialoger/{process.slug}/").content.decode()
    timeline = page[page.index('id="timeline-heading"'):]
    assert 'aria-current="step"' not in timeline and "Pågår nu" not in timeline


def test_a_finished_process_without_decisions_says_so(org, client_for):
    process = ProcessFactory(organisation=org, status=DialogueProcess.Status.CLOSED)
    page = client_for(org).get(f"/dialoger/{process.slug}/").content.decode()
    assert "Inget beslut som bygger på den har redovisats ännu." in page
    assert "Vad händer nu?" not in page


def test_phase_dates_that_cross_a_year_show_both_years(org, client_for):
    process = ProcessFactory(organisation=org)
    PhaseFactory(process=process, name="Vinterdialog", starts=dt.date(2026, 12, 1), ends=dt.date(2027, 2, 15))
    page = client_for(org).get(f"/dialoger/{process.slug}/").content.decode()
    assert "1 december 2026–15 februari 2027" in page
