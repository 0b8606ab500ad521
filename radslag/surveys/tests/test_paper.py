"""Paper forms: the printed form in the language it is printed in, and answers typed in that the form said to skip."""

import pytest
from django.utils import translation

from radslag.audit.models import AuditEvent
from radslag.surveys import building, paper, responding
from radslag.surveys.models import Answer, Kind, Question, Survey
from radslag.surveys.tests.factories import make_panel, make_survey
from radslag.surveys.tests.factories import question_by_key as _q

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(org, staff):
    make_panel(org, members=0)
    return make_survey(org, staff)


def _typed(survey, **answers):
    """What the entry page passes on for a form: each question's answer by its key (codes, as `from_paper` gives)."""
    return {f"q{_q(survey, key).pk}": value for key, value in answers.items()}


def test_the_paper_form_gives_the_help_text_in_the_language_it_is_printed_in(survey):
    Question.objects.filter(pk=_q(survey, "trivsel").pk).update(help_text="Tänk på det senaste året.",
                                                                 help_text_en="Think of the past year.")
    Question.objects.filter(pk=_q(survey, "stolt").pk).update(help_text="Svara som du känner.")
    swedish = paper.paper_html(survey)
    assert '<div class="help">Tänk på det senaste året.</div>' in swedish
    with translation.override("en"):
        english = paper.paper_html(survey)
    assert '<div class="help">Think of the past year.</div>' in english and "Tänk på" not in english
    assert '<div class="help" lang="sv">Svara som du känner.</div>' in english  # no English version written


def test_a_form_printed_in_english_says_so_and_marks_the_swedish_it_falls_back_on(survey):
    with translation.override("en"):
        english = paper.paper_html(survey)
    assert '<html lang="en">' in english and "<h1>Ale in 2031</h1>" in english
    assert '<p lang="sv">Tio minuter om framtiden.</p>' in english  # no English intro written
    assert '<html lang="sv">' in paper.paper_html(survey)


def test_an_answer_to_a_question_the_form_said_to_skip_is_left_out_and_named(staff, survey):
    data = _typed(survey, trivsel="3", stolt="nej", varfor="Älven och gemenskapen")
    entry = responding.enter_paper_form(survey=survey, entered_by=staff, data=data, paper_number="7")
    assert entry.left_out == ("varfor",)
    assert dict(Answer.objects.filter(response=entry.response).values_list("question__key", "value")) == {
        "trivsel": "3", "stolt": "nej"}
    assert AuditEvent.objects.get(action="survey.paper_entered").data["left_out"] == ["varfor"]


def test_an_answer_after_the_answer_it_follows_is_kept(staff, survey):
    data = _typed(survey, trivsel="3", stolt="ja", varfor="Älven och gemenskapen")
    entry = responding.enter_paper_form(survey=survey, entered_by=staff, data=data)
    assert entry.left_out == ()
    assert Answer.objects.get(response=entry.response, question__key="varfor").text == "Älven och gemenskapen"


def test_a_follow_up_to_a_skipped_question_is_left_out_too(org, staff):
    make_panel(org, members=0)
    survey = make_survey(org, staff, open_it=False)
    future = building.add_section(survey=survey, actor=staff, title="Framtiden")
    move = building.add_question(section=future, actor=staff, options_text="Ja\nNej", fields={
        "kind": Kind.SINGLE, "key": "flytta", "text": "Vill du bo kvar i Ale?", "show_if": _q(survey, "stolt"),
        "show_if_value": "ja"})
    where = building.add_section(survey=survey, actor=staff, title="Boendet")
    building.add_question(section=where, actor=staff, fields={
        "kind": Kind.SHORT_TEXT, "key": "var", "text": "Var i Ale?", "show_if": move, "show_if_value": "ja"})
    building.set_status(survey=survey, actor=staff, status=Survey.Status.OPEN)
    survey.refresh_from_db()
    data = _typed(survey, trivsel="3", stolt="nej", flytta="ja", var="Nödinge")
    entry = responding.enter_paper_form(survey=survey, entered_by=staff, data=data)
    assert entry.left_out == ("flytta", "var")  # "var" follows an answer that was itself not kept
    assert set(Answer.objects.values_list("question__key", flat=True)) == {"trivsel", "stolt"}


def test_staff_are_told_which_typed_answer_was_not_saved_and_why(client_for, org, staff, survey):
    trivsel, stolt, varfor = _q(survey, "trivsel"), _q(survey, "stolt"), _q(survey, "varfor")
    client = client_for(org, staff)
    url = f"/personal/enkater/{survey.pk}/pappersinmatning/"
    saved = client.post(url, {"paper_number": "12", f"q{trivsel.pk}": "4", f"q{stolt.pk}": "2",
                              f"q{varfor.pk}": "Älven"})
    assert saved.status_code == 302
    page = client.get(saved["Location"]).content.decode()
    assert "Formuläret är sparat." in page
    assert ("Svaret på fråga varfor sparades inte: den ska bara besvaras om fråga stolt besvarades med ”Ja”."
            in page)
    again = client.get(url).content.decode()
    assert "sparades inte" not in again  # said once, for the form it concerns


def test_a_form_with_nothing_to_skip_is_saved_without_a_warning(client_for, org, staff, survey):
    trivsel, stolt, varfor = _q(survey, "trivsel"), _q(survey, "stolt"), _q(survey, "varfor")
    client = client_for(org, staff)
    url = f"/personal/enkater/{survey.pk}/pappersinmatning/"
    saved = client.post(url, {f"q{trivsel.pk}": "4", f"q{stolt.pk}": "1", f"q{varfor.pk}": "Älven"})
    page = client.get(saved["Location"]).content.decode()
    assert "Formuläret är sparat." in page and "sparades inte" not in page
