"""A panel member answers a survey on a phone by keyboard, saves, comes back through the personal link and
sends; staff build the survey (and change and move a question), preview it and read the weighted results.
axe checks every page."""

import pytest
from playwright.sync_api import expect

from radslag.surveys import responding
from radslag.surveys.answering import answer_token
from radslag.surveys.models import Question, Response
from radslag.surveys.tests.factories import make_panel, make_survey
from radslag.surveys.waves import send_wave
from tests.e2e.accessibility import assert_accessible
from tests.e2e.conftest import PHONE

pytestmark = pytest.mark.e2e


@pytest.fixture
def wave(site, staff_member):
    make_panel(site, members=12)
    survey = make_survey(site, staff_member)
    return send_wave(survey=survey, actor=staff_member, label="Våg 1", seed=5)


def _answer_others(wave, count):
    survey = wave.survey
    trivsel = Question.objects.get(section__survey=survey, key="trivsel")
    stolt = Question.objects.get(section__survey=survey, key="stolt")
    for i, invitation in enumerate(wave.invitations.order_by("pk")[1:count + 1]):
        response = responding.response_for_invitation(invitation=invitation)
        responding.save_page(response=response, page_number=1, action="next",
                             data={f"q{trivsel.pk}": str(2 + i % 4), f"q{stolt.pk}": "ja" if i % 4 else "nej"})
        responding.save_page(response=response, page_number=2, action="submit", data={})


def test_a_member_answers_on_a_phone_by_keyboard_and_continues_later(new_context, site, wave):
    invitation = wave.invitations.order_by("pk").first()
    link = f"/enkater/svar/{answer_token(invitation_pk=invitation.pk)}/"
    page = new_context(viewport=PHONE).new_page()
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Ale år 2031")
    expect(page.get_by_text("Sida 1 av 2")).to_be_visible()
    assert_accessible(page, "answer page 1")
    # Keyboard only: Tab into the scale, arrow keys move the choice, Space selects.
    page.get_by_role("radio", name="1", exact=True).focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(page.get_by_role("radio", name="4", exact=True)).to_be_checked()
    page.get_by_role("button", name="Spara och fortsätt senare").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status").or_(page.locator(".messages"))).to_contain_text("Dina svar är sparade")

    # Later, from the mail's link in a new browser: the answer is still there.
    later = new_context(viewport=PHONE).new_page()
    later.goto(link)
    expect(later.get_by_role("radio", name="4", exact=True)).to_be_checked()
    later.get_by_role("button", name="Nästa").click()
    expect(later.get_by_role("alert")).to_contain_text("Frågan måste besvaras")
    assert_accessible(later, "answer page with an error")
    later.get_by_role("group", name="Är du stolt över att bo i Ale?").get_by_role("radio", name="Ja").check()
    later.get_by_role("button", name="Nästa").click()
    expect(later.get_by_text("Sida 2 av 2")).to_be_visible()
    later.get_by_label("Vad är du stolt över i Ale år 2031?").fill("Att pendeltåget går var tionde minut.")
    later.get_by_role("group", name="På kvällen").get_by_role("radio", name="3").check()
    later.get_by_role("button", name="Skicka dina svar").click()
    expect(later.get_by_role("heading", level=1)).to_have_text("Tack för att du svarade!")
    assert_accessible(later, "thanks page")
    assert Response.objects.get(invitation=invitation).submitted_at is not None


def test_staff_build_preview_and_read_weighted_results(page_as, site, staff_member, wave):
    _answer_others(wave, 9)
    page = page_as(staff_member)
    page.goto("/personal/enkater/")
    assert_accessible(page, "survey list")
    page.get_by_label("Rubrik", exact=True).fill("Trygghet i Surte")
    page.get_by_role("button", name="Skapa enkäten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Trygghet i Surte")
    page.get_by_label("Avsnittets rubrik", exact=True).fill("Kvällar")
    page.get_by_role("button", name="Lägg till avsnittet").click()
    page.get_by_label("Typ", exact=True).select_option(label="Skala")
    page.get_by_label("Variabelnamn").fill("trygg")
    page.get_by_label("Fråga", exact=True).fill("Hur trygg känner du dig i Surte på kvällen?")
    page.get_by_label("Skala till").fill("10")
    page.get_by_label("Skala från").fill("0")
    page.locator("#id_low_label").fill("Inte alls")
    page.locator("#id_high_label").fill("Helt trygg")
    page.get_by_role("button", name="Lägg till frågan").click()
    expect(page.get_by_text("Frågan är tillagd.")).to_be_visible()
    assert_accessible(page, "survey builder")
    # A second question, moved before the first; then the first one's text is changed on its own page.
    page.get_by_label("Typ", exact=True).select_option(label="Kort text")
    page.get_by_label("Variabelnamn").fill("plats")
    page.get_by_label("Fråga", exact=True).fill("Var känner du dig otrygg?")
    page.get_by_role("button", name="Lägg till frågan").click()
    page.get_by_role("button", name="Flytta upp frågan plats").click()
    expect(page.locator("ol > li > strong")).to_have_text(
        ["Var känner du dig otrygg?", "Hur trygg känner du dig i Surte på kvällen?"])
    page.get_by_role("link", name="Ändra frågan trygg").click()
    assert_accessible(page, "change a question")
    page.get_by_label("Fråga", exact=True).fill("Hur trygg känner du dig i Surte en vardagskväll?")
    page.get_by_role("button", name="Spara frågan").click()
    expect(page.get_by_text("Frågan är sparad.")).to_be_visible()
    expect(page.locator("ol > li > strong").nth(1)).to_have_text("Hur trygg känner du dig i Surte en vardagskväll?")
    page.get_by_role("link", name="Förhandsvisa").click()
    expect(page.get_by_text("Förhandsvisning:")).to_be_visible()
    expect(page.get_by_role("radio", name="10", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Skicka dina svar")).to_be_disabled()
    assert_accessible(page, "preview")

    page.goto(f"/personal/enkater/{wave.survey.pk}/resultat/")
    expect(page.get_by_role("heading", name="Så togs resultaten fram")).to_be_visible()
    expect(page.get_by_role("table", name="Hur trivs du i Ale?")).to_contain_text("Viktad andel")
    assert page.locator("svg.survey-chart").count() == 2  # the two questions with answers; the rest too few
    assert_accessible(page, "weighted results")


def test_staff_type_in_a_paper_form_by_enter_and_the_other_pages_pass_axe(page_as, new_context, site, staff_member,
                                                                            wave):
    survey = wave.survey
    page = page_as(staff_member)
    page.goto(f"/personal/enkater/{survey.pk}/pappersinmatning/")
    assert_accessible(page, "paper entry")
    page.get_by_label("Formulärnummer").fill("101")
    for _field in ("age", "sex", "locality", "trivsel"):  # Enter moves on, it does not save
        page.keyboard.press("Enter")
    page.keyboard.type("4")  # trivsel
    page.keyboard.press("Enter")
    page.keyboard.type("1")  # stolt: box 1, "Ja"
    expect(page.get_by_role("heading", level=1)).to_have_text("Skriv in pappersenkäter")
    assert not Response.objects.filter(source="paper").exists()
    page.get_by_role("button", name="Spara formuläret").click()
    expect(page.get_by_role("status")).to_contain_text("Formuläret är sparat")
    saved = Response.objects.get(source="paper")
    assert saved.paper_number == "101"
    assert dict(saved.answers.values_list("question__key", "value")) == {"trivsel": "4", "stolt": "ja"}

    # The next form answers "varfor" although "Nej" to "stolt" says to skip it: saved without it, and staff told.
    page.get_by_label("Formulärnummer").fill("102")
    page.get_by_label("trivsel", exact=True).fill("3")
    page.get_by_label("stolt", exact=True).fill("2")
    page.get_by_label("varfor · Vad är du stolt över i Ale år 2031?").fill("Älven")
    page.get_by_role("button", name="Spara formuläret").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Svaret på fråga varfor sparades inte: den ska bara besvaras om fråga stolt besvarades med ”Ja”.")
    assert_accessible(page, "paper entry after an answer was left out")
    skipped = Response.objects.get(source="paper", paper_number="102")
    assert dict(skipped.answers.values_list("question__key", "value")) == {"trivsel": "3", "stolt": "nej"}

    member = wave.invitations.first().member
    from radslag.surveys.waves import pause_token

    visitor = new_context(viewport=PHONE).new_page()
    visitor.goto(f"/medborgarpanel/uppehall/{pause_token(member)}/")
    assert_accessible(visitor, "pause or leave the panel")
    visitor.get_by_role("button", name="Ta uppehåll").click()
    expect(visitor.get_by_role("status")).to_contain_text("Du får inga enkäter från panelen")


def test_the_preview_pages_on_by_its_buttons_and_shows_a_question_after_the_answer_it_follows(page_as, site,
                                                                                             staff_member):
    make_panel(site, members=0)
    survey = make_survey(site, staff_member, open_it=False)
    page = page_as(staff_member, viewport=PHONE)
    page.goto(f"/personal/enkater/{survey.pk}/forhandsvisning/")
    page.get_by_role("group", name="Är du stolt över att bo i Ale?").get_by_role("radio", name="Ja").check()
    page.get_by_role("button", name="Nästa").click()
    expect(page.get_by_text("Sida 2 av 2")).to_be_visible()
    expect(page.get_by_label("Vad är du stolt över i Ale år 2031?")).to_be_visible()  # shown after "Ja"
    assert_accessible(page, "preview, page 2")
    page.get_by_role("button", name="Tillbaka").click()
    expect(page.get_by_text("Sida 1 av 2")).to_be_visible()
    expect(page.get_by_role("group", name="Är du stolt över att bo i Ale?").get_by_role("radio", name="Ja")
           ).to_be_checked()
    page.get_by_role("group", name="Är du stolt över att bo i Ale?").get_by_role("radio", name="Nej").check()
    page.get_by_role("button", name="Nästa").click()
    expect(page.get_by_text("Sida 2 av 2")).to_be_visible()
    expect(page.get_by_label("Vad är du stolt över i Ale år 2031?")).to_have_count(0)


def test_an_open_survey_its_background_page_a_closed_link_and_a_breakdown_pass_axe(page_as, new_context, site,
                                                                                  staff_member, wave):
    from radslag.surveys.models import Audience, Survey

    _answer_others(wave, 9)
    open_survey = make_survey(site, staff_member, audience=Audience.OPEN)
    visitor = new_context(viewport=PHONE).new_page()
    visitor.goto(f"/enkater/{open_survey.pk}/")
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Ale år 2031")
    assert_accessible(visitor, "an open survey's start page")
    visitor.get_by_role("button", name="Börja svara").click()
    expect(visitor.get_by_role("heading", name="Om dig")).to_be_visible()
    assert_accessible(visitor, "the background page")

    Survey.objects.filter(pk=wave.survey.pk).update(status=Survey.Status.CLOSED)
    unused = wave.invitations.order_by("-pk").first()
    visitor.goto(f"/enkater/svar/{answer_token(invitation_pk=unused.pk)}/")
    expect(visitor.get_by_role("alert")).to_contain_text("Enkäten är stängd")
    assert_accessible(visitor, "a link to a closed survey")

    stolt = Question.objects.get(section__survey=wave.survey, key="stolt")
    staff = page_as(staff_member)
    staff.goto(f"/personal/enkater/{wave.survey.pk}/resultat/?fraga={stolt.pk}&efter=sex#korstabell")
    expect(staff.get_by_role("heading", name="Uppdelat: Är du stolt över att bo i Ale?")).to_be_visible()
    assert_accessible(staff, "a question broken down by sex")
