"""The builder page: changing a question on its own page, moving and renaming by plain buttons, as staff see it."""

import pytest

from radslag.accounts.models import Role
from radslag.accounts.tests.factories import user_with_role
from radslag.surveys.models import Section
from radslag.surveys.tests.factories import make_survey
from radslag.surveys.tests.factories import question_by_key as _q

pytestmark = pytest.mark.django_db


def _posted(question, **changes):
    """What the edit form posts for the question as it is, with some fields changed."""
    data = {"action": "edit_question", "question": question.pk, "section": question.section_id,
            "kind": question.kind, "key": question.key, "text": question.text, "text_en": question.text_en,
            "scale_min": question.scale_min, "scale_max": question.scale_max,
            "options_text": "\n".join(question.options.values_list("label", flat=True))}
    if question.required:
        data["required"] = "on"
    if question.show_if_id:
        data |= {"show_if": question.show_if_id, "show_if_value": question.show_if_value}
    return {**data, **changes}


@pytest.fixture
def draft(org, staff):
    return make_survey(org, staff, open_it=False)


@pytest.fixture
def client(client_for, org, staff):
    return client_for(org, staff)


def _url(survey):
    return f"/personal/enkater/{survey.pk}/"


def test_the_edit_page_shows_the_question_as_it_is_with_its_choices_one_a_line(client, draft):
    stolt = _q(draft, "stolt")
    page = client.get(_url(draft) + f"?edit={stolt.pk}")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Ändra frågan stolt" in html and 'value="Är du stolt över att bo i Ale?"' in html
    assert "Ja | Yes\nNej | No\nVet inte | Don&#x27;t know</textarea>" in html
    assert 'name="action" value="edit_question"' in html


def test_staff_change_a_question_and_see_it_in_the_builder(client, draft):
    trivsel = _q(draft, "trivsel")
    saved = client.post(_url(draft), _posted(trivsel, text="Hur trivs du i din kommundel?", scale_max=7,
                                             high_label="Mycket väl"))
    assert saved.status_code == 302 and saved["Location"].endswith(f"#fraga-{trivsel.pk}")
    builder = client.get(saved["Location"]).content.decode()
    assert "Frågan är sparad." in builder and "Hur trivs du i din kommundel?" in builder
    trivsel.refresh_from_db()
    assert (trivsel.scale_max, trivsel.high_label) == (7, "Mycket väl")


def test_a_question_that_is_not_valid_is_shown_again_in_swedish_and_nothing_is_saved(client, draft):
    stolt = _q(draft, "stolt")
    empty = client.post(_url(draft), _posted(stolt, text=""))
    assert empty.status_code == 400 and "Detta fält måste fyllas i." in empty.content.decode()
    lost = client.post(_url(draft), _posted(stolt, text="Stolt?", options_text="Absolut\nNej"))
    html = lost.content.decode()
    assert lost.status_code == 400 and "varfor visas när stolt besvaras med ja, men stolt har inget sådant svar" in html
    assert "Absolut\nNej</textarea>" in html  # what was typed stays in the form
    stolt.refresh_from_db()
    assert stolt.text == "Är du stolt över att bo i Ale?" and stolt.options.count() == 3


def test_questions_and_sections_move_by_plain_buttons_named_for_what_they_move(client, staff, draft):
    html = client.get(_url(draft)).content.decode()
    assert 'Flytta ned<span class="visually-hidden"> frågan trivsel</span>' in html
    assert 'Flytta upp<span class="visually-hidden"> frågan trivsel</span>' not in html  # already first
    assert 'Byt namn<span class="visually-hidden"> på avsnittet Stolthet</span>' in html
    resor = _q(draft, "resor")
    moved = client.post(_url(draft), {"action": "move_question", "question": resor.pk, "direction": "up"})
    assert moved.status_code == 302 and moved["Location"].endswith(f"#fraga-{resor.pk}")
    assert list(resor.section.questions.values_list("key", flat=True)) == ["trygg", "resor", "varfor"]
    life = Section.objects.get(survey=draft, title="Vardagen")
    refused = client.post(_url(draft), {"action": "move_section", "section": life.pk, "direction": "up"},
                          follow=True)
    assert "varfor visas bara efter ett svar på stolt" in refused.content.decode()
    assert list(draft.sections.values_list("title", flat=True)) == ["Stolthet", "Vardagen"]


def test_a_section_is_renamed_and_an_empty_heading_is_refused_beside_its_form(client, draft):
    pride = Section.objects.get(survey=draft, title="Stolthet")
    prefix = f"avsnitt-{pride.pk}"
    bad = client.post(_url(draft), {"action": "edit_section", "section": pride.pk, f"{prefix}-title": ""})
    assert bad.status_code == 400 and "Detta fält måste fyllas i." in bad.content.decode()
    assert "<details open>" in bad.content.decode()
    good = client.post(_url(draft), {"action": "edit_section", "section": pride.pk, f"{prefix}-title": "Trivsel",
                                     f"{prefix}-title_en": "Wellbeing"})
    assert good.status_code == 302
    pride.refresh_from_db()
    assert (pride.title, pride.title_en) == ("Trivsel", "Wellbeing")


def test_a_section_with_questions_is_not_removed_and_an_empty_one_is(client, staff, draft):
    pride = Section.objects.get(survey=draft, title="Stolthet")
    refused = client.post(_url(draft), {"action": "delete_section", "section": pride.pk}, follow=True)
    assert "Avsnittet Stolthet har fortfarande frågor" in refused.content.decode()
    client.post(_url(draft), {"action": "section", "title": "Övrigt"})
    extra = Section.objects.get(survey=draft, title="Övrigt")
    assert 'Ta bort<span class="visually-hidden"> avsnittet Övrigt</span>' in client.get(_url(draft)).content.decode()
    removed = client.post(_url(draft), {"action": "delete_section", "section": extra.pk}, follow=True)
    assert "Avsnittet är borttaget." in removed.content.decode()
    assert list(draft.sections.values_list("title", flat=True)) == ["Stolthet", "Vardagen"]


def test_an_opened_survey_offers_no_changes_and_refuses_them(client, org, staff):
    survey = make_survey(org, staff)
    trivsel = _q(survey, "trivsel")
    html = client.get(_url(survey)).content.decode()
    assert "Flytta ned" not in html and "?edit=" not in html and "Byt namn" not in html
    page = client.get(_url(survey) + f"?edit={trivsel.pk}", follow=True)
    assert "Enkäten har öppnats: frågorna kan inte längre ändras" in page.content.decode()
    edit = client.post(_url(survey), _posted(trivsel, text="Ändrad"))
    assert edit.status_code == 400 and "Enkäten har öppnats" in edit.content.decode()
    move = client.post(_url(survey), {"action": "move_question", "question": trivsel.pk, "direction": "down"},
                       follow=True)
    assert "Enkäten har öppnats" in move.content.decode()
    trivsel.refresh_from_db()
    assert (trivsel.text, trivsel.position) == ("Hur trivs du i Ale?", 1)


@pytest.mark.parametrize("action", ["edit_question", "move_question", "move_section", "edit_section",
                                    "delete_section"])
def test_an_official_may_change_nothing_in_the_builder(client_for, org, draft, action):
    trivsel = _q(draft, "trivsel")
    official = client_for(org, user_with_role(org, Role.OFFICIAL))
    data = {**_posted(trivsel, text="Ändrad"), "action": action, "section": trivsel.section_id, "direction": "down",
            f"avsnitt-{trivsel.section_id}-title": "Ändrad"}
    assert official.post(_url(draft), data).status_code == 403
    trivsel.refresh_from_db()
    assert (trivsel.text, trivsel.position, trivsel.section.title) == ("Hur trivs du i Ale?", 1, "Stolthet")


def test_a_question_of_another_survey_is_not_found(client, org, staff, draft):
    other = make_survey(org, staff, open_it=False)
    assert client.get(_url(draft) + f"?edit={_q(other, 'trivsel').pk}").status_code == 404
    assert client.get(_url(draft) + "?edit=abc").status_code == 404


def test_the_preview_goes_to_the_next_page_and_shows_a_question_after_the_answer_it_follows(client, draft):
    stolt, varfor = _q(draft, "stolt"), _q(draft, "varfor")
    first = client.get(_url(draft) + "forhandsvisning/").content.decode()
    assert 'name="sida" value="2"' in first  # "Next" asks for page 2, not the page it is on
    after_yes = client.get(_url(draft) + f"forhandsvisning/?sida=2&q{stolt.pk}=ja").content.decode()
    assert varfor.text in after_yes and "Sida 2 av 2" in after_yes
    assert f'<input type="hidden" name="q{stolt.pk}" value="ja">' in after_yes  # carried to page 3 and back
    after_no = client.get(_url(draft) + f"forhandsvisning/?sida=2&q{stolt.pk}=nej").content.decode()
    assert varfor.text not in after_no


def test_going_back_in_the_preview_finds_the_page_as_it_was_left(client, draft):
    stolt, trivsel = _q(draft, "stolt"), _q(draft, "trivsel")
    back = client.get(_url(draft) + f"forhandsvisning/?sida=1&q{stolt.pk}=ja&q{trivsel.pk}=4").content.decode()
    assert f'id="q{stolt.pk}-ja" value="ja" checked' in back and f'id="q{trivsel.pk}-4" value="4" checked' in back
    assert f'type="hidden" name="q{stolt.pk}"' not in back  # on its own page it is a field, not carried


def test_staff_write_the_help_text_in_english_and_the_english_preview_shows_it(client, draft):
    trivsel = _q(draft, "trivsel")
    form = client.get(_url(draft) + f"?edit={trivsel.pk}").content.decode()
    assert "Hjälptext (engelska, valfritt)" in form and 'name="help_text_en"' in form
    saved = client.post(_url(draft), _posted(trivsel, help_text="Tänk på det senaste året.",
                                             help_text_en="Think of the past year."))
    assert saved.status_code == 302
    trivsel.refresh_from_db()
    assert (trivsel.help_text, trivsel.help_text_en) == ("Tänk på det senaste året.", "Think of the past year.")
    client.cookies["django_language"] = "en"
    preview = client.get(_url(draft) + "forhandsvisning/").content.decode()
    assert f'<p class="help" id="q{trivsel.pk}-help">Think of the past year.</p>' in preview
