"""A published compilation is frozen in both interface languages; the page shows the one the reader chose."""

import dataclasses
import re

import pytest
from django.urls import reverse

from radslag.reports.models import CompilationVersion
from radslag.reports.services import compilation_for, publish_compilation, version_content

pytestmark = pytest.mark.django_db


@pytest.fixture
def themed(monkeypatch, input_and_themes):
    themes = input_and_themes["themes"]
    themes[0] = dataclasses.replace(themes[0], label_en="Meeting people", description_en="How residents are met.")
    monkeypatch.setattr("radslag.reports.assembly.themes_for", lambda process, **options: themes)
    return input_and_themes


@pytest.fixture
def published(dialogue, staff, themed):
    dialogue.title_en = "Ale in 360 degrees"
    dialogue.save()
    compilation = compilation_for(dialogue)
    compilation.introduction, compilation.introduction_en = "Välkommen.", "Welcome."
    compilation.closing = "Fullmäktige beslutar i juni."
    compilation.save()
    return publish_compilation(compilation=compilation, actor=staff)


def read(client_for, org, language):
    client = client_for(org)
    client.cookies["django_language"] = language
    return client.get(reverse("reports:compilation", kwargs={"slug": "ale-i-360-grader"})).content.decode()


def test_both_languages_are_frozen_and_stay_as_published(published, dialogue):
    dialogue.title_en = "Changed later"
    dialogue.save()
    english = version_content(published, "en")
    swedish = version_content(published, "sv")
    assert (english.language, english.title, english.title_lang) == ("en", "Ale in 360 degrees", "")
    assert (swedish.language, swedish.title) == ("sv", "Ale i 360 grader")
    assert english.mandate[0].label == "Purpose" and swedish.mandate[0].label == "Syfte"
    assert english.mandate[0].lang == "sv"  # the purpose has no English version
    assert (english.themes[0].label, english.themes[0].label_lang) == ("Meeting people", "")
    assert (english.themes[1].label, english.themes[1].label_lang) == ("En bra skola ger en bra framtid", "sv")
    assert english.quotes_lang == "sv" and swedish.quotes_lang == ""


def test_the_english_page_shows_english_labels_and_marks_swedish_texts(published, client_for, org):
    html = read(client_for, org, "en")
    assert '<div class="compilation" lang="en">' in html
    assert "Perspective compilation: Ale in 360 degrees" in html and "Welcome." in html
    assert "Purpose and method" in html and "Meeting people" in html
    assert '<span lang="sv">En bra skola ger en bra framtid</span>' in html
    assert re.search(r'<div lang="sv">\s*<p>Fullmäktige beslutar i juni.</p>', html)
    assert '<blockquote lang="sv">' in html


def test_the_swedish_page_is_swedish_and_unmarked(published, client_for, org):
    html = read(client_for, org, "sv")
    assert '<div class="compilation" lang="sv">' in html
    assert "Perspektivsammanställning: Ale i 360 grader" in html and "Välkommen." in html
    assert "Meeting people" not in html
    assert 'lang="sv">' not in html.split('<div class="compilation" lang="sv">', 1)[1]


def test_a_version_frozen_before_languages_reads_whole_in_its_own_language(published, client_for, org):
    snapshot = {key: value for key, value in published.snapshot.items() if key != "translations"}
    CompilationVersion.objects.filter(pk=published.pk).update(snapshot=snapshot)
    html = read(client_for, org, "en")
    assert '<html lang="en">' in html and '<div class="compilation" lang="sv">' in html
    assert "Perspektivsammanställning: Ale i 360 grader" in html and "Syfte och metod" in html
