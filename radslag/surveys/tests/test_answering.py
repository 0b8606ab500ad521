"""Answering: page by page through a personal link, save and continue, and every refusal of bad input."""

import datetime as dt

import pytest
from django.utils import timezone

from radslag.contributions.models import Channel as ContributionChannel
from radslag.contributions.models import Contribution
from radslag.core.errors import DomainError
from radslag.dialogues.tests.factories import ProcessFactory
from radslag.messaging.models import Message
from radslag.surveys import responding
from radslag.surveys.answering import answer_token
from radslag.surveys.models import Answer, Audience, Question, Response, Survey
from radslag.surveys.tests.factories import make_panel, make_survey
from radslag.surveys.tests.factories import question_by_key as _q
from radslag.surveys.waves import send_wave

pytestmark = pytest.mark.django_db


@pytest.fixture
def panel_wave(org, staff):
    make_panel(org, members=12)
    survey = make_survey(org, staff)
    wave = send_wave(survey=survey, actor=staff, label="Våg 1", seed=7)
    return survey, wave


def test_a_member_answers_page_by_page_saves_for_later_and_sends_once(client_for, org, panel_wave):
    survey, wave = panel_wave
    invitation = wave.invitations.first()
    url = f"/enkater/svar/{answer_token(invitation_pk=invitation.pk)}/"
    client = client_for(org)
    first = client.get(url).content.decode()
    assert "Sida 1 av 2" in first and "Hur trivs du i Ale?" in first and "Om dig" not in first
    trivsel, stolt = _q(survey, "trivsel"), _q(survey, "stolt")
    saved = client.post(url, {"page": 1, "action": "later", f"q{trivsel.pk}": "4"})
    assert saved.status_code == 302
    assert client.get(url).content.decode().count('value="4" checked') == 1  # continues where it was left
    client.post(url, {"page": 1, "action": "next", f"q{trivsel.pk}": "4", f"q{stolt.pk}": "ja"})
    second = client.get(url + "?sida=2").content.decode()
    assert "Vad är du stolt över i Ale år 2031?" in second  # shown because the answer was "ja"
    varfor = _q(survey, "varfor")
    done = client.post(url, {"page": 2, "action": "submit", f"q{varfor.pk}": "Älven och gemenskapen"})
    assert "Tack för att du svarade" in done.content.decode()
    response = Response.objects.get(invitation=invitation)
    assert response.submitted_at is not None and response.age_band == invitation.member.age_band
    again = client.post(url, {"page": 2, "action": "submit", f"q{varfor.pk}": "Något annat"})
    assert again.status_code == 409 and "redan skickats" in again.content.decode()
    assert Answer.objects.get(response=response, question=varfor).text == "Älven och gemenskapen"


def test_invitations_are_mailed_with_a_personal_link_and_a_pause_link(panel_wave):
    _survey, wave = panel_wave
    messages = Message.objects.filter(key__startswith=f"survey-wave:{wave.pk}:invite:")
    assert messages.count() == wave.invitations.count() == 12
    message = messages.first()
    assert "/enkater/svar/" in message.body and "/medborgarpanel/uppehall/" in message.body
    assert message.subject == "Medborgarpanelen: Ale år 2031" and message.subject_en == "Citizen panel: Ale in 2031"
    assert "You are invited" in message.body_en and "/enkater/svar/" in message.body_en


def test_a_required_question_left_empty_is_refused_and_nothing_on_the_page_is_saved(client_for, org, panel_wave):
    survey, wave = panel_wave
    url = f"/enkater/svar/{answer_token(invitation_pk=wave.invitations.first().pk)}/"
    trivsel = _q(survey, "trivsel")
    response = client_for(org).post(url, {"page": 1, "action": "next", f"q{trivsel.pk}": "3"})
    assert response.status_code == 400
    assert "Frågan måste besvaras" in response.content.decode()
    assert not Answer.objects.exists()


def test_a_tampered_question_id_is_refused(client_for, org, staff, panel_wave):
    survey, wave = panel_wave
    other = make_survey(org, staff, audience=Audience.OPEN)
    url = f"/enkater/svar/{answer_token(invitation_pk=wave.invitations.first().pk)}/"
    foreign = _q(other, "trivsel")
    response = client_for(org).post(url, {"page": 1, "action": "later", f"q{foreign.pk}": "3",
                                          f"q{_q(survey, 'trivsel').pk}": "2"})
    assert response.status_code == 400 and "inte finns på den här sidan" in response.content.decode()
    assert not Answer.objects.exists()


def test_an_answer_outside_the_scale_is_refused(panel_wave):
    survey, wave = panel_wave
    response = responding.response_for_invitation(invitation=wave.invitations.first())
    trivsel, stolt = _q(survey, "trivsel"), _q(survey, "stolt")
    with pytest.raises(responding.PageErrors) as refused:
        responding.save_page(response=response, page_number=1, action="next",
                             data={f"q{trivsel.pk}": "7", f"q{stolt.pk}": "ja"})
    assert "från 1 till 5" in refused.value.errors[trivsel.pk]
    assert not Answer.objects.exists()


def test_answers_after_the_survey_closed_are_refused(panel_wave):
    survey, wave = panel_wave
    response = responding.response_for_invitation(invitation=wave.invitations.first())
    Survey.objects.filter(pk=survey.pk).update(closes_at=timezone.now() - dt.timedelta(hours=1))
    with pytest.raises(DomainError, match="stängdes"):
        responding.save_page(response=response, page_number=1, action="later", data={})


def test_a_link_changed_by_hand_is_not_found(client_for, org, panel_wave):
    _survey, wave = panel_wave
    token = answer_token(invitation_pk=wave.invitations.first().pk)
    assert client_for(org).get(f"/enkater/svar/{token[:-2]}xx/").status_code == 404


def test_an_open_survey_asks_the_background_and_is_self_selected(client_for, org, staff):
    make_panel(org, members=0)
    survey = make_survey(org, staff, audience=Audience.OPEN)
    client = client_for(org)
    started = client.post(f"/enkater/{survey.pk}/")
    assert started.status_code == 302
    page = client.get(started["Location"]).content.decode()
    assert "Om dig" in page and "Sida 1 av 3" in page
    response = Response.objects.get()
    assert survey.self_selected and response.source == "web"


def test_free_text_of_a_dialogue_survey_becomes_input_on_the_survey_channel(org, staff):
    process = ProcessFactory(organisation=org)
    survey = make_survey(org, staff, audience=Audience.PROCESS, process=process)
    response = responding.start_response(survey=survey, user=None)
    trivsel, stolt, varfor = _q(survey, "trivsel"), _q(survey, "stolt"), _q(survey, "varfor")
    responding.save_page(response=response, page_number=1, action="next", data={"age_band": "30-44"})
    responding.save_page(response=response, page_number=2, action="next",
                         data={f"q{trivsel.pk}": "5", f"q{stolt.pk}": "ja"})
    responding.save_page(response=response, page_number=3, action="submit",
                         data={f"q{varfor.pk}": "Att alla kan ta tåget till Göteborg"})
    contribution = Contribution.objects.get(process=process)
    assert contribution.channel == ContributionChannel.SURVEY
    assert contribution.body == "Att alla kan ta tåget till Göteborg" and contribution.age_band == "30-44"


def test_a_dialogue_lists_its_opened_surveys_with_their_responses(org, staff):
    from radslag.governance.tests.factories import FocusAreaFactory
    from radslag.surveys import queries

    process = ProcessFactory(organisation=org)
    area = FocusAreaFactory(plan__organisation=org)
    survey = make_survey(org, staff, audience=Audience.PROCESS, process=process)
    survey.focus_areas.add(area)
    make_survey(org, staff, audience=Audience.PROCESS, process=process, open_it=False)  # a draft: not listed
    [summary] = queries.for_process(process)
    assert (summary.survey, summary.responses, summary.self_selected) == (survey, 0, True)
    assert [s.survey for s in queries.for_focus_area(area)] == [survey]


def test_a_screen_reader_hears_what_the_ends_of_the_scale_mean_on_every_step(client_for, org, panel_wave):
    survey, wave = panel_wave
    trivsel = _q(survey, "trivsel")
    url = f"/enkater/svar/{answer_token(invitation_pk=wave.invitations.first().pk)}/"
    page = client_for(org).get(url).content.decode()
    assert f'<fieldset aria-describedby="q{trivsel.pk}-ends">' in page
    assert f'id="q{trivsel.pk}-ends">1 = Inte alls, 5 = Mycket bra</p>' in page
    client = client_for(org)
    client.cookies["django_language"] = "en"
    english = client.get(url).content.decode()
    assert f'id="q{trivsel.pk}-ends" lang="sv">1 = Inte alls' in english  # no English labels were written


def test_a_panel_member_answering_an_open_survey_is_not_asked_the_background_again(client_for, org, staff):
    panel = make_panel(org, members=1)
    member = panel.members.get()
    survey = make_survey(org, staff, audience=Audience.OPEN)
    client = client_for(org, member.user)
    page = client.get(client.post(f"/enkater/{survey.pk}/")["Location"]).content.decode()
    assert "Om dig" not in page and "Sida 1 av 2" in page
    response = Response.objects.get()
    assert response.background_from_panel
    assert (response.age_band, response.sex, response.locality_id) == (member.age_band, member.sex,
                                                                       member.locality_id)


def _english(client):
    client.cookies["django_language"] = "en"
    return client


def test_the_english_page_shows_the_english_help_text(client_for, org, panel_wave):
    survey, wave = panel_wave
    trivsel, stolt = _q(survey, "trivsel"), _q(survey, "stolt")
    Question.objects.filter(pk=trivsel.pk).update(help_text="Tänk på det senaste året.",
                                                  help_text_en="Think of the past year.")
    Question.objects.filter(pk=stolt.pk).update(help_text="Svara som du känner.", help_text_en="As you feel.")
    url = f"/enkater/svar/{answer_token(invitation_pk=wave.invitations.first().pk)}/"
    english = _english(client_for(org)).get(url).content.decode()
    assert f'<p class="help" id="q{trivsel.pk}-help">Think of the past year.</p>' in english
    assert f'<p class="help" id="q{stolt.pk}-help">As you feel.</p>' in english
    assert "Tänk på det senaste året." not in english
    swedish = client_for(org).get(url).content.decode()
    assert f'<p class="help" id="q{trivsel.pk}-help">Tänk på det senaste året.</p>' in swedish


def test_without_an_english_help_text_the_english_page_marks_the_swedish_one_as_swedish(client_for, org,
                                                                                         panel_wave):
    survey, wave = panel_wave
    trivsel = _q(survey, "trivsel")
    Question.objects.filter(pk=trivsel.pk).update(help_text="Tänk på det senaste året.")
    url = f"/enkater/svar/{answer_token(invitation_pk=wave.invitations.first().pk)}/"
    english = _english(client_for(org)).get(url).content.decode()
    assert f'<p class="help" id="q{trivsel.pk}-help" lang="sv">Tänk på det senaste året.</p>' in english
    swedish = client_for(org).get(url).content.decode()
    assert f'<p class="help" id="q{trivsel.pk}-help">Tänk på det senaste året.</p>' in swedish  # no mark in Swedish


def test_a_text_question_gives_its_help_text_beside_the_field_in_the_english_version(client_for, org, staff):
    make_panel(org, members=0)
    survey = make_survey(org, staff, audience=Audience.OPEN)
    resor = _q(survey, "resor")
    Question.objects.filter(pk=resor.pk).update(kind="short", help_text="Till exempel tåg.")
    client = _english(client_for(org))
    started = client.post(f"/enkater/{survey.pk}/")
    page = client.get(started["Location"] + "?sida=3").content.decode()
    assert f'<span class="help" id="q{resor.pk}-help" lang="sv">Till exempel tåg.</span>' in page
    Question.objects.filter(pk=resor.pk).update(help_text_en="For example the train.")
    page = client.get(started["Location"] + "?sida=3").content.decode()
    assert f'<span class="help" id="q{resor.pk}-help">For example the train.</span>' in page


@pytest.mark.parametrize("locality", ["²", "99999999999999999999", "Nödinge"])
def test_a_locality_that_is_not_one_of_the_list_is_refused_with_a_clear_message(org, locality):
    from radslag.surveys.responding import parse_background

    _values, errors = parse_background(org.pk, {"locality": locality})
    assert errors["locality"] == "Välj en av kommunens orter."
