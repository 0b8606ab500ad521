"""What a process owes, in the words of the staff pages' Answers column."""

import datetime as dt

from django.utils import translation

from radslag.dialogues.followup import AnswerDebt, answers_label

TODAY = dt.date(2027, 3, 1)


def debt(to_answer, answered, due=dt.date(2027, 6, 30)):
    return AnswerDebt(to_answer, answered, due=due, closed=False, on=TODAY)


def test_a_process_with_themes_shows_how_many_are_answered():
    with translation.override("sv"):
        assert answers_label(debt(3, 1)) == "Väntar på svar (1/3)"
        assert answers_label(debt(2, 2)) == "Besvarad (2/2)"
        assert answers_label(debt(3, 1, due=dt.date(2027, 2, 1))) == "Försenat (1/3)"


def test_a_process_without_themes_says_so_instead_of_zero_of_zero():
    with translation.override("sv"):
        assert answers_label(debt(0, 0)) == "Inga teman att besvara ännu"
        assert answers_label(debt(0, 0, due=dt.date(2027, 2, 1))) == "Försenat: inga teman att besvara ännu"
    with translation.override("en"):
        assert answers_label(debt(0, 0)) == "No themes to answer yet"


def test_a_draft_has_no_answers_to_count():
    assert answers_label(None) == "–"
