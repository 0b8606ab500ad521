"""The English interface shows staff's English texts, and the Swedish original marked lang="sv" where none."""

import re

import pytest
from django.urls import reverse

from radslag.dialogues.tests.factories import ActivityFactory, PhaseFactory, ProcessFactory, UpdateFactory

pytestmark = pytest.mark.django_db


def page(client_for, org, process, language):
    client = client_for(org)
    client.cookies["django_language"] = language
    return client.get(reverse("dialogues:process_detail", kwargs={"slug": process.slug})).content.decode()


def test_the_english_interface_shows_the_english_texts_staff_wrote(org, client_for):
    process = ProcessFactory(
        organisation=org, title="Mötesplatser i Nödinge", title_en="Meeting places in Nödinge",
        summary="Var vill du träffas?", summary_en="Where would you like to meet?",
        open_to_influence="Platsernas innehåll", open_to_influence_en="What the places offer",
    )
    html = page(client_for, org, process, "en")
    assert '<html lang="en">' in html
    assert "<h1>Meeting places in Nödinge</h1>" in html
    assert "Where would you like to meet?" in html and "What the places offer" in html
    assert "Mötesplatser i Nödinge</h1>" not in html and "Var vill du träffas?" not in html


def test_without_english_versions_the_swedish_texts_are_marked_swedish(org, client_for):
    process = ProcessFactory(organisation=org, title="Skolvägar i Nol", summary="Hur tar sig barnen till skolan?")
    PhaseFactory(process=process, name="Insamling")
    UpdateFactory(process=process, title="Tack för era inspel", body="Vi har läst allt.")
    ActivityFactory(process=process, title="Öppet hus", title_en="")
    html = page(client_for, org, process, "en")
    assert '<h1 lang="sv">Skolvägar i Nol</h1>' in html
    assert re.search(r'<div class="lead" lang="sv">\s*<p>Hur tar sig barnen till skolan\?</p>', html)
    assert '<span lang="sv">Insamling</span>' in html
    assert '<h3 lang="sv">Tack för era inspel</h3>' in html
    assert '<span lang="sv">Öppet hus</span>' in html


def test_the_swedish_interface_marks_nothing_and_ignores_the_english_versions(org, client_for):
    process = ProcessFactory(organisation=org, title="Skolvägar i Nol", title_en="School routes in Nol")
    html = page(client_for, org, process, "sv")
    assert "<h1>Skolvägar i Nol</h1>" in html and "School routes" not in html
    assert 'lang="sv">' not in html.split("<main", 1)[1]


def test_an_english_version_of_one_text_does_not_unmark_another(org, client_for):
    process = ProcessFactory(organisation=org, title="Torget", title_en="The square", summary="Bänkar och träd")
    html = page(client_for, org, process, "en")
    assert "<h1>The square</h1>" in html
    assert re.search(r'<div class="lead" lang="sv">\s*<p>Bänkar och träd</p>', html)


def test_staff_give_english_versions_in_the_process_form(org, client_for, staff):
    process = ProcessFactory(organisation=org, title="Torget")
    client = client_for(org, staff)
    form = client.get(reverse("dialogues:process_edit", kwargs={"pk": process.pk})).content.decode()
    assert "rubrik (engelska, valfritt)" in form.lower()
