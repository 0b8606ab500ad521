"""Results, weights, exports, waves, reminders, pauses and paper forms, as staff and members meet them."""

import io
import re
from collections import Counter

import openpyxl
import pyreadstat
import pytest

from radslag.accounts.models import Role
from radslag.accounts.tests.factories import user_with_role
from radslag.core.errors import DomainError
from radslag.surveys import exports, responding, waves
from radslag.surveys.answering import answer_token
from radslag.surveys.models import Answer, Pause, Response
from radslag.surveys.results import cross_tab, question_results, response_rates
from radslag.surveys.tests.factories import make_panel, make_survey
from radslag.surveys.tests.factories import question_by_key as _q
from radslag.surveys.weighting import ensure_weights

pytestmark = pytest.mark.django_db


def _answer_all(survey, wave, how_many):
    trivsel, stolt, varfor = _q(survey, "trivsel"), _q(survey, "stolt"), _q(survey, "varfor")
    for i, invitation in enumerate(wave.invitations.order_by("pk")[:how_many]):
        response = responding.response_for_invitation(invitation=invitation)
        responding.save_page(response=response, page_number=1, action="next",
                             data={f"q{trivsel.pk}": str(1 + i % 5), f"q{stolt.pk}": "ja" if i % 3 else "nej"})
        data = {f"q{varfor.pk}": f"Svar {i}"} if i % 3 else {}
        responding.save_page(response=response, page_number=2, action="submit", data=data)


@pytest.fixture
def answered(org, staff):
    make_panel(org, members=36)
    survey = make_survey(org, staff)
    wave = waves.send_wave(survey=survey, actor=staff, label="Våg 1", seed=3)
    _answer_all(survey, wave, 30)
    return survey, wave


def test_a_stratified_sample_gives_each_stratum_its_share(org, staff):
    make_panel(org, members=48)  # 12 strata of 4 members
    survey = make_survey(org, staff)
    wave = waves.send_wave(survey=survey, actor=staff, label="Urval", sample_size=24, seed=11)
    per_stratum = Counter(wave.invitations.values_list("stratum", flat=True))
    assert sum(per_stratum.values()) == 24 and set(per_stratum.values()) == {2}


def test_weights_reproduce_the_population_and_the_results_page_shows_them(client_for, org, staff, answered):
    survey, _wave = answered
    report = ensure_weights(survey)
    assert report["weighted"] and report["converged"] and report["respondents"] == 30
    weights = list(Response.objects.filter(survey=survey).values_list("weight", flat=True))
    assert sum(weights) == pytest.approx(30)
    page = client_for(org, staff).get(f"/personal/enkater/{survey.pk}/resultat/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "Viktad andel" in text and "designeffekt" in text and "<svg" in text
    assert "Så togs resultaten fram" in text and "raking" in text
    assert "%%" not in text and "95 %-intervallet" in text
    assert re.search(r"designeffekten är \d+,\d\d, så de 30 svaren", text)  # Swedish decimal comma


def test_when_the_trimming_bounds_bind_the_page_names_the_groups_left_off_their_share(client_for, org, staff,
                                                                                     answered):
    survey, _wave = answered  # a third of the answers in each age band; 45–64 is nearly half the population
    survey.trim_low, survey.trim_high = 0.95, 1.05
    survey.save(update_fields=["trim_low", "trim_high"])
    report = ensure_weights(survey)
    assert report["weighted"] and not report["converged"]
    assert {row["category"] for row in report["off_target"]} >= {"45-64"}
    text = client_for(org, staff).get(f"/personal/enkater/{survey.pk}/resultat/").content.decode()
    assert "Inom trimningsgränserna" in text and "45–64 år" in text and "av befolkningen" in text
    assert "45-64" not in text  # named, never shown by its code


def test_a_response_of_unknown_background_keeps_weight_one_and_a_cell_shares_one_weight(answered):
    survey, _wave = answered
    unknown = Response.objects.filter(survey=survey, submitted_at__isnull=False).order_by("pk").first()
    Response.objects.filter(pk=unknown.pk).update(locality=None)
    report = ensure_weights(survey)
    assert report["not_raked"] == 1 and report["raked"] == 29
    rows = list(Response.objects.filter(survey=survey, submitted_at__isnull=False)
                .values_list("pk", "age_band", "sex", "locality_id", "weight"))
    assert next(w for pk, *_rest, w in rows if pk == unknown.pk) == 1.0
    per_cell: dict[tuple, set] = {}
    for pk, age, sex, locality, weight in rows:
        if pk != unknown.pk:
            per_cell.setdefault((age, sex, locality), set()).add(round(weight, 12))
    assert all(len(weights) == 1 for weights in per_cell.values()) and len(per_cell) > 1
    assert sum(w for pk, *_rest, w in rows if pk != unknown.pk) == pytest.approx(29)


def test_weighted_shares_have_intervals_and_small_groups_are_hidden(answered):
    survey, _wave = answered
    stolt = next(r for r in question_results(survey) if r.question.key == "stolt")
    cells = {c.key: c for c in stolt.breakdowns[0].cells}
    assert cells["ja"].count == 20 and cells["nej"].count == 10
    share = cells["ja"].weighted
    assert share.low < share.share < share.high
    assert cells["vet-inte"].count == 0  # nobody: nothing to protect


def test_a_respondent_with_several_choices_counts_once_and_the_newest_texts_are_quoted(org, staff):
    make_panel(org, members=12)
    survey = make_survey(org, staff)
    wave = waves.send_wave(survey=survey, actor=staff, label="Våg 1", seed=5)
    trivsel, stolt, varfor, resor = (_q(survey, key) for key in ("trivsel", "stolt", "varfor", "resor"))
    choices = {option.label: option.value for option in resor.options.all()}
    for i, invitation in enumerate(wave.invitations.order_by("pk")[:11]):
        response = responding.response_for_invitation(invitation=invitation)
        responding.save_page(response=response, page_number=1, action="next",
                             data={f"q{trivsel.pk}": "3", f"q{stolt.pk}": "ja"})
        # 0-5 go by train and by car, 5-9 cycle (5 does all three), 10 chooses nothing; 4 writes nothing.
        chosen = [choices[label] for label, (low, high) in
                  {"Tåg": (0, 5), "Bil": (0, 5), "Cykel": (5, 9)}.items() if low <= i <= high]
        data = {f"q{varfor.pk}": f"Svar {i}" if i != 4 else "", f"q{resor.pk}": chosen}
        responding.save_page(response=response, page_number=2, action="submit", data=data)
    results = {r.question.key: r for r in question_results(survey)}
    travel = results["resor"].breakdowns[0]
    assert travel.respondents == 10  # seventeen choices by ten people; the eleventh chose nothing
    counts = {str(cell.label): cell.count for cell in travel.cells}
    assert counts == {"Tåg": 6, "Bil": 6, "Cykel": 5}
    assert results["varfor"].text_count == 10
    assert results["varfor"].texts == [f"Svar {i}" for i in (10, 9, 8, 7, 6, 5, 3, 2)]


def test_response_rates_per_wave_stratum_and_channel(answered):
    survey, _wave = answered
    rates = response_rates(survey)[0]
    assert rates.overall.invited == 36 and rates.overall.answered == 30 and rates.overall.percent == 83
    titles = [str(title) for title, _rows in rates.by]
    assert titles == ["Ålder", "Kön", "Ort", "Rekryterad genom"]


def test_exports_carry_the_weights_and_the_sav_file_has_labels(answered):
    survey, _wave = answered
    csv_text = exports.write_csv(survey).decode("utf-8-sig")
    header = csv_text.splitlines()[0].split(",")
    assert header[:7] == ["id", "source", "wave", "age_band", "sex", "locality", "weight"]
    assert "resor_tag" in header and "trygg_pa_dagen" in header
    book = openpyxl.load_workbook(io.BytesIO(exports.write_xlsx(survey)))
    assert book.worksheets[0].max_row == 31
    path = io.BytesIO(exports.write_sav(survey))
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".sav") as handle:
        handle.write(path.getvalue())
        handle.flush()
        frame, meta = pyreadstat.read_sav(handle.name)
    assert len(frame) == 30
    assert meta.column_names_to_labels["trivsel"] == "Hur trivs du i Ale?"
    assert meta.variable_value_labels["stolt"] == {1.0: "Ja", 2.0: "Nej", 3.0: "Vet inte"}
    assert frame["weight"].sum() == pytest.approx(30)


def test_at_most_two_reminders_go_only_to_those_who_have_not_answered(staff, answered):
    _survey, wave = answered
    assert waves.send_reminder(wave=wave, actor=staff) == 6
    assert waves.send_reminder(wave=wave, actor=staff) == 6
    with pytest.raises(DomainError, match="högst två"):
        waves.send_reminder(wave=wave, actor=staff)


def test_a_member_pauses_from_the_mail_and_is_not_invited_in_the_next_wave(client_for, org, staff):
    panel = make_panel(org, members=4)
    member = panel.members.first()
    client = client_for(org)
    page = client.post(f"/medborgarpanel/uppehall/{waves.pause_token(member)}/", {"action": "pause", "months": 3})
    assert "Du får inga enkäter från panelen" in page.content.decode()
    assert Pause.objects.filter(member=member).exists()
    wave = waves.send_wave(survey=make_survey(org, staff), actor=staff, label="Våg 1")
    assert not wave.invitations.filter(member=member).exists() and wave.invitations.count() == 3


def test_a_member_leaves_the_panel_from_the_mail(client_for, org):
    panel = make_panel(org, members=2)
    member = panel.members.first()
    client_for(org).post(f"/medborgarpanel/uppehall/{waves.pause_token(member)}/", {"action": "leave"})
    member.refresh_from_db()
    assert member.left_at is not None


def test_paper_forms_are_typed_by_box_number_and_an_answer_outside_the_scale_is_refused(client_for, org, staff):
    make_panel(org, members=0)
    survey = make_survey(org, staff)
    trivsel, stolt = _q(survey, "trivsel"), _q(survey, "stolt")
    client = client_for(org, staff)
    url = f"/personal/enkater/{survey.pk}/pappersinmatning/"
    bad = client.post(url, {"paper_number": "17", f"q{trivsel.pk}": "8", f"q{stolt.pk}": "1"})
    assert bad.status_code == 400 and "från 1 till 5" in bad.content.decode()
    assert not Response.objects.exists()
    good = client.post(url, {"paper_number": "17", "age_band": "65-79", f"q{trivsel.pk}": "v", f"q{stolt.pk}": "1"})
    assert good.status_code == 302
    response = Response.objects.get()
    assert response.source == "paper" and response.age_band == "65-79"
    assert dict(Answer.objects.values_list("question__key", "value")) == {"trivsel": "vet_ej", "stolt": "ja"}
    again = client.post(url, {"paper_number": "17", f"q{trivsel.pk}": "2", f"q{stolt.pk}": "2"})
    assert again.status_code == 400 and "redan inskrivet" in again.content.decode()


def test_staff_build_a_survey_and_an_official_reads_results_but_cannot_change_it(client_for, org, staff):
    client = client_for(org, staff)
    created = client.post("/personal/enkater/", {"title": "Trygghet", "audience": "open", "trim_low": 0.2,
                                                 "trim_high": 5})
    assert created.status_code == 302
    url = created["Location"]
    client.post(url, {"action": "section", "title": "Om trygghet"})
    section_pk = Response._meta.apps.get_model("surveys", "Section").objects.get().pk
    added = client.post(url, {"action": "question", "section": section_pk, "kind": "scale", "key": "trygg",
                              "text": "Hur trygg känner du dig?", "scale_min": 0, "scale_max": 10,
                              "low_label": "Inte alls", "high_label": "Helt", "allow_dont_know": "on"})
    assert added.status_code == 302
    preview = client.get(url + "forhandsvisning/?sida=2").content.decode()
    assert "Hur trygg känner du dig?" in preview and 'value="10"' in preview and "Vet ej" in preview
    official = client_for(org, user_with_role(org, Role.OFFICIAL))
    assert official.post(url, {"action": "open"}).status_code == 403
    assert official.get(url.replace("/enkater/", "/enkater/") + "resultat/").status_code == 200


def test_a_survey_with_answers_keeps_its_questions(org, staff, answered):
    survey, _wave = answered
    from radslag.surveys import building

    with pytest.raises(DomainError, match="kan inte längre ändras"):
        building.delete_question(question=_q(survey, "trivsel"), actor=staff)


def test_the_personal_link_of_another_municipality_is_not_found(client_for, other_org, answered):
    _survey, wave = answered
    token = answer_token(invitation_pk=wave.invitations.first().pk)
    assert client_for(other_org).get(f"/enkater/svar/{token}/").status_code == 404


def test_the_paper_form_says_after_which_answer_a_conditional_question_is_answered(org, staff):
    from radslag.surveys import paper

    make_panel(org, members=0)
    html = paper.paper_html(make_survey(org, staff))
    assert "Svara bara om du svarade ”Ja” på fråga stolt." in html
    assert html.count("Svara bara om") == 1  # only "varfor" depends on an answer
    assert paper.survey_pdf(make_survey(org, staff)).startswith(b"%PDF")


def test_a_locality_where_no_one_answered_is_named_on_the_results_page(client_for, org, staff, answered):
    from radslag.organisations.models import PopulationFigure
    from radslag.organisations.tests.factories import LocalityFactory

    survey, _wave = answered
    surte = LocalityFactory(organisation=org, name="Surte")
    PopulationFigure.objects.create(organisation=org, year=2025, locality=surte, age_band="45-64", sex="female",
                                    count=1200)
    report = ensure_weights(survey)
    assert {"variable": "locality", "category": str(surte.pk)} in report["empty_categories"]
    text = client_for(org, staff).get(f"/personal/enkater/{survey.pk}/resultat/").content.decode()
    assert "Ingen i gruppen Surte svarade" in text


def test_a_cross_tab_gives_no_exact_count_that_could_be_subtracted_from_the_whole(answered):
    # The whole question's table is exact; were each group's exact too, the whole minus the other groups would
    # give the count of a group's cell shown as "fewer than 5". Cross-tab groups are published rounded.
    survey, _wave = answered
    stolt = _q(survey, "stolt")
    tab = cross_tab(survey, stolt, "age_band")
    shown = [b for _label, b in tab.columns if not b.withheld]
    assert shown and any(cell.few for b in shown for cell in b.cells)
    for breakdown in shown:
        assert breakdown.step >= 2
        for cell in breakdown.cells:
            assert cell.count in (None, 0)
            if cell.weighted is not None:  # weighted shares in the same steps, their counts not carried along
                assert round(cell.weighted.share * 100) % breakdown.step == 0
                assert cell.weighted.answers == 0 and cell.weighted.weighted == 0.0


def test_a_question_broken_down_by_background_shows_each_group_and_hides_the_small_ones(client_for, org, staff,
                                                                                       answered):
    survey, _wave = answered
    stolt = _q(survey, "stolt")
    page = client_for(org, staff).get(f"/personal/enkater/{survey.pk}/resultat/?fraga={stolt.pk}&efter=age_band")
    text = page.content.decode()
    assert page.status_code == 200 and "Uppdelat: Är du stolt över att bo i Ale?" in text
    crosstab = text[text.index('id="korstabell"'):]
    assert "20–29 år" in crosstab and "45–64 år" in crosstab and "65–79 år" in crosstab
    assert "Andelarna är avrundade till" in crosstab
    assert "färre än 5" in crosstab  # ten answers an age band: "nej" is given by fewer than five in each


@pytest.mark.parametrize("question", ["²", "99999999999999999999", "x"])
def test_a_tampered_question_in_the_breakdown_link_shows_the_results_without_it(client_for, org, staff, answered,
                                                                               question):
    survey, _wave = answered
    page = client_for(org, staff).get(f"/personal/enkater/{survey.pk}/resultat/?fraga={question}&efter=age_band")
    assert page.status_code == 200 and 'id="korstabell"' not in page.content.decode()
