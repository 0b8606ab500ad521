"""The builder's writes: changing a question, moving questions and sections, renaming and removing sections."""

import pytest

from radslag.audit.models import AuditEvent
from radslag.core.errors import DomainError
from radslag.surveys import building
from radslag.surveys.models import Kind, Section
from radslag.surveys.tests.factories import make_survey
from radslag.surveys.tests.factories import question_by_key as _q

pytestmark = pytest.mark.django_db


def _fields(question, **changes):
    """The question's fields as the edit form gives them, with some changed."""
    names = ["kind", "key", "text", "text_en", "help_text", "required", "scale_min", "scale_max", "low_label",
             "low_label_en", "high_label", "high_label_en", "allow_dont_know", "show_if", "show_if_value"]
    return {**{name: getattr(question, name) for name in names}, **changes}


def _order(section):
    return list(section.questions.order_by("position").values_list("key", "position"))


@pytest.fixture
def draft(org, staff):
    """Stolthet: trivsel (scale), stolt (single); Vardagen: trygg (grid), varfor (shown if stolt = ja), resor."""
    return make_survey(org, staff, open_it=False)


def test_a_question_is_changed_in_every_field_and_its_choices_are_replaced(staff, draft):
    resor = _q(draft, "resor")
    building.edit_question(question=resor, actor=staff, section=resor.section, options_text="Tåg | Train\nBuss | Bus",
                           fields=_fields(resor, kind=Kind.SINGLE, key="resa", text="Hur reser du oftast?",
                                          text_en="How do you usually travel?", required=True))
    resor.refresh_from_db()
    assert (resor.kind, resor.key, resor.text, resor.text_en, resor.required) == (
        "single", "resa", "Hur reser du oftast?", "How do you usually travel?", True)
    assert list(resor.options.values_list("position", "value", "label", "label_en")) == [
        (1, "tag", "Tåg", "Train"), (2, "buss", "Buss", "Bus")]
    event = AuditEvent.objects.get(action="survey.question_edited")
    assert event.data["changed"] == ["key", "kind", "options", "required", "text", "text_en"]


def test_the_options_are_written_back_in_the_form_they_are_read(draft):
    stolt = _q(draft, "stolt")
    assert building.options_as_text(stolt) == "Ja | Yes\nNej | No\nVet inte | Don't know"
    assert building.parse_options(building.options_as_text(stolt)) == list(
        stolt.options.values_list("value", "label", "label_en"))


def test_a_choice_that_a_condition_names_cannot_be_taken_away(staff, draft):
    stolt = _q(draft, "stolt")
    with pytest.raises(DomainError, match="varfor visas när stolt besvaras med ja, men stolt har inget sådant svar"):
        building.edit_question(question=stolt, actor=staff, section=stolt.section, options_text="Absolut\nNej",
                               fields=_fields(stolt, text="Ändrad text"))
    stolt.refresh_from_db()
    assert stolt.text == "Är du stolt över att bo i Ale?"
    assert list(stolt.options.values_list("value", flat=True)) == ["ja", "nej", "vet-inte"]  # nothing half-saved


def test_a_condition_must_name_an_answer_the_earlier_question_can_have(staff, draft):
    varfor = _q(draft, "varfor")
    with pytest.raises(DomainError, match="Svaren är: ja, nej, vet-inte"):
        building.edit_question(question=varfor, actor=staff, section=varfor.section,
                               fields=_fields(varfor, show_if_value="kanske"))
    trivsel = _q(draft, "trivsel")
    building.edit_question(question=varfor, actor=staff, section=varfor.section,
                           fields=_fields(varfor, show_if=trivsel, show_if_value="vet_ej"))
    assert _q(draft, "varfor").show_if == trivsel


def test_a_question_that_decides_what_shows_cannot_become_free_text(staff, draft):
    stolt = _q(draft, "stolt")
    with pytest.raises(DomainError, match="varfor beror på stolt, men ett svar i fritext"):
        building.edit_question(question=stolt, actor=staff, section=stolt.section,
                               fields=_fields(stolt, kind=Kind.LONG_TEXT))
    assert _q(draft, "stolt").kind == Kind.SINGLE and stolt.options.count() == 3


def test_a_conditional_question_cannot_move_to_the_section_of_the_question_it_depends_on(staff, draft):
    varfor, stolt = _q(draft, "varfor"), _q(draft, "stolt")
    with pytest.raises(DomainError, match="tidigare avsnitt"):
        building.edit_question(question=varfor, actor=staff, section=stolt.section, fields=_fields(varfor))
    with pytest.raises(DomainError, match="varfor visas bara efter ett svar på stolt"):
        building.edit_question(question=stolt, actor=staff, section=varfor.section, fields=_fields(stolt),
                               options_text=building.options_as_text(stolt))
    assert _q(draft, "stolt").section == stolt.section and _q(draft, "varfor").section == varfor.section


def test_a_question_cannot_depend_on_itself(staff, draft):
    resor = _q(draft, "resor")
    with pytest.raises(DomainError, match="tidigare avsnitt"):
        building.edit_question(question=resor, actor=staff, section=resor.section, options_text="Tåg\nBil",
                               fields=_fields(resor, show_if=resor, show_if_value="tag"))


def test_a_question_moved_to_another_section_comes_last_there_and_both_orders_stay_dense(staff, draft):
    trivsel, trygg = _q(draft, "trivsel"), _q(draft, "trygg")
    building.edit_question(question=trivsel, actor=staff, section=trygg.section, fields=_fields(trivsel))
    assert _order(trygg.section) == [("trygg", 1), ("varfor", 2), ("resor", 3), ("trivsel", 4)]
    assert _order(trivsel.section) == [("stolt", 1)]


def test_the_variable_name_stays_unique_but_a_question_may_keep_its_own(staff, draft):
    trivsel = _q(draft, "trivsel")
    with pytest.raises(DomainError, match="redan variabelnamnet stolt"):
        building.edit_question(question=trivsel, actor=staff, section=trivsel.section,
                               fields=_fields(trivsel, key="stolt"))
    building.edit_question(question=trivsel, actor=staff, section=trivsel.section,
                           fields=_fields(trivsel, text="Hur trivs du där du bor?"))
    assert _q(draft, "trivsel").text == "Hur trivs du där du bor?"


def test_questions_move_up_and_down_within_their_section_and_stop_at_its_ends(staff, draft):
    resor = _q(draft, "resor")
    building.move_question(question=resor, actor=staff, direction="up")
    assert _order(resor.section) == [("trygg", 1), ("resor", 2), ("varfor", 3)]
    building.move_question(question=_q(draft, "trygg"), actor=staff, direction="down")
    assert _order(resor.section) == [("resor", 1), ("trygg", 2), ("varfor", 3)]
    with pytest.raises(DomainError, match="Frågan resor står redan först i sitt avsnitt"):
        building.move_question(question=resor, actor=staff, direction="up")
    assert AuditEvent.objects.filter(action="survey.question_moved").count() == 2


def test_removing_a_question_closes_the_gap_in_the_order(staff, draft):
    building.delete_question(question=_q(draft, "trygg"), actor=staff)
    assert _order(_q(draft, "resor").section) == [("varfor", 1), ("resor", 2)]


def test_a_section_cannot_move_before_the_section_its_conditions_depend_on(staff, draft):
    life = Section.objects.get(survey=draft, title="Vardagen")
    with pytest.raises(DomainError, match="varfor visas bara efter ett svar på stolt"):
        building.move_section(section=life, actor=staff, direction="up")
    assert list(draft.sections.values_list("title", "position")) == [("Stolthet", 1), ("Vardagen", 2)]
    assert not AuditEvent.objects.filter(action="survey.section_moved").exists()


def test_sections_move_and_their_order_stays_dense(staff, draft):
    intro = building.add_section(survey=draft, actor=staff, title="Inledning")
    building.move_section(section=intro, actor=staff, direction="up")
    building.move_section(section=intro, actor=staff, direction="up")
    assert list(draft.sections.values_list("title", "position")) == [
        ("Inledning", 1), ("Stolthet", 2), ("Vardagen", 3)]
    with pytest.raises(DomainError, match="Avsnittet Inledning står redan först"):
        building.move_section(section=intro, actor=staff, direction="up")


def test_a_section_is_renamed_in_both_languages_but_not_to_nothing(staff, draft):
    pride = Section.objects.get(survey=draft, title="Stolthet")
    building.edit_section(section=pride, actor=staff, title=" Stolthet och trivsel ", title_en="Pride and wellbeing")
    pride.refresh_from_db()
    assert (pride.title, pride.title_en) == ("Stolthet och trivsel", "Pride and wellbeing")
    with pytest.raises(DomainError, match="Ge avsnittet en rubrik"):
        building.edit_section(section=pride, actor=staff, title="  ")
    assert AuditEvent.objects.filter(action="survey.section_edited").count() == 1


def test_only_an_empty_section_is_removed_and_the_rest_close_up(staff, draft):
    pride = Section.objects.get(survey=draft, title="Stolthet")
    with pytest.raises(DomainError, match="Avsnittet Stolthet har fortfarande frågor"):
        building.delete_section(section=pride, actor=staff)
    extra = building.add_section(survey=draft, actor=staff, title="Övrigt")
    building.move_section(section=extra, actor=staff, direction="up")
    building.delete_section(section=extra, actor=staff)
    assert list(draft.sections.values_list("title", "position")) == [("Stolthet", 1), ("Vardagen", 2)]
    assert AuditEvent.objects.get(action="survey.section_deleted").data["title"] == "Övrigt"


@pytest.mark.parametrize("change", [
    lambda staff, q: building.edit_question(question=q, actor=staff, section=q.section,
                                            fields=_fields(q, text="Ny text")),
    lambda staff, q: building.move_question(question=q, actor=staff, direction="down"),
    lambda staff, q: building.move_section(section=q.section, actor=staff, direction="down"),
    lambda staff, q: building.edit_section(section=q.section, actor=staff, title="Ny rubrik"),
    lambda staff, q: building.delete_section(section=q.section, actor=staff),
], ids=["edit_question", "move_question", "move_section", "edit_section", "delete_section"])
def test_an_opened_survey_keeps_its_questions_and_sections(org, staff, change):
    survey = make_survey(org, staff)
    trivsel = _q(survey, "trivsel")
    with pytest.raises(DomainError, match="kan inte längre ändras"):
        change(staff, trivsel)
    trivsel.refresh_from_db()
    assert (trivsel.text, trivsel.position, trivsel.section.title) == ("Hur trivs du i Ale?", 1, "Stolthet")
