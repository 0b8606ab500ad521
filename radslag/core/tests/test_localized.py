"""Public texts in the interface language, falling back to the Swedish original marked lang="sv"."""

from types import SimpleNamespace

from django.template import Context, Template
from django.utils import translation

from radslag.core.localized import as_written, localized, localized_pair


def process(**texts):
    return SimpleNamespace(**{"title": "Mötesplatser i Nödinge", "title_en": "", **texts})


def test_the_english_version_is_shown_in_english_when_staff_wrote_one():
    text = localized(process(title_en="Meeting places in Nödinge"), "title", "en")
    assert (str(text), text.lang, text.fallback) == ("Meeting places in Nödinge", "en", False)
    assert text.lang_attr == ""


def test_without_an_english_version_the_swedish_original_is_shown_marked_swedish():
    text = localized(process(), "title", "en")
    assert (str(text), text.lang, text.fallback) == ("Mötesplatser i Nödinge", "sv", True)
    assert text.lang_attr == ' lang="sv"'


def test_a_blank_english_version_counts_as_none():
    assert localized(process(title_en="   "), "title", "en").fallback


def test_the_swedish_interface_shows_the_original_unmarked_even_with_an_english_version():
    text = localized(process(title_en="Meeting places"), "title", "sv")
    assert (str(text), text.fallback) == ("Mötesplatser i Nödinge", False)


def test_the_language_defaults_to_the_active_interface_language_regional_variants_included():
    with translation.override("en-gb"):
        assert str(localized(process(title_en="Meeting places"), "title")) == "Meeting places"
    with translation.override("sv"):
        assert str(localized(process(title_en="Meeting places"), "title")) == "Mötesplatser i Nödinge"


def test_a_text_without_an_english_field_is_residents_words_marked_swedish_in_english():
    statement = SimpleNamespace(text="Fler bänkar vid torget")
    assert localized(statement, "text", "en").fallback
    assert as_written("Fler bänkar", "en").lang_attr == ' lang="sv"'
    assert not as_written("Fler bänkar", "sv").fallback


def test_both_versions_can_be_read_at_once_for_frozen_copies():
    assert localized_pair(process(title_en="Meeting places"), "title") == {
        "sv": "Mötesplatser i Nödinge", "en": "Meeting places",
    }


def render(source, **context):
    return Template("{% load localized %}" + source).render(Context(context))


def test_the_tag_marks_the_element_only_when_the_original_stands_in():
    source = '{% localized p "title" as t %}<h1{{ t.lang_attr }}>{{ t }}</h1>'
    with translation.override("en"):
        assert render(source, p=process()) == '<h1 lang="sv">Mötesplatser i Nödinge</h1>'
        assert render(source, p=process(title_en="Meeting places")) == "<h1>Meeting places</h1>"


def test_the_inline_filter_escapes_and_wraps_the_fallback_in_a_swedish_span():
    with translation.override("en"):
        assert render('{{ p|localized:"title" }}', p=process(title="<b>Torg</b>")) == (
            '<span lang="sv">&lt;b&gt;Torg&lt;/b&gt;</span>'
        )
        assert render('{{ p|localized:"title" }}', p=process(title_en="<i>Square</i>")) == "&lt;i&gt;Square&lt;/i&gt;"
    with translation.override("sv"):
        assert render('{{ p|localized:"title" }}', p=process()) == "Mötesplatser i Nödinge"


def test_residents_words_in_a_known_language_are_marked_with_that_language():
    assert as_written("More benches", "en", written_in="en").lang_attr == ""
    assert as_written("Mehr Bänke", "sv", written_in="de").lang_attr == ' lang="de"'
    with translation.override("en"):
        assert render("{{ t|in_original:'' }}", t="Fler <bänkar>") == '<span lang="sv">Fler &lt;bänkar&gt;</span>'


def test_a_contribution_written_in_another_language_on_the_swedish_form_is_marked_with_its_own():
    somali = "Basaskaha aad ayay u yar yihiin, taasina ma wanaagsana annaga oo halkan ku nool."
    arabic = "الحافلات نادرة جدا وهذا ليس جيدا لنا"
    with translation.override("sv"):
        assert render("{{ t|in_original:'sv' }}", t=somali) == f'<span lang="so">{somali}</span>'
        assert render("{{ t|in_original:'sv' }}", t=arabic) == f'<span lang="ar" dir="rtl">{arabic}</span>'
        assert render("{{ t|in_original:'sv' }}", t="Bättre språk i breven.") == "Bättre språk i breven."
    with translation.override("en"):
        assert render("{{ t|in_original:'sv' }}", t="Lyssna. Svara.") == '<span lang="sv">Lyssna. Svara.</span>'


def test_residents_words_in_a_language_written_right_to_left_are_marked_with_their_direction():
    arabic = "الحافلات نادرة جدا، وهذا ليس جيدا لنا!"
    sorani = "پاسەکان زۆر کەمن، ئەمەش باش نییە بۆ ئێمە."
    with translation.override("sv"):
        assert render("{{ t|in_original:'sv' }}", t=arabic) == f'<span lang="ar" dir="rtl">{arabic}</span>'
        marked = render("{{ t|in_original:'sv' }}", t=sorani)
        assert 'dir="rtl"' in marked and marked.endswith(f">{sorani}</span>")
        assert render("{{ t|in_original:'sv' }}", t="Fler bussar, tack!") == "Fler bussar, tack!"
        # Words with no stated language (a proposal's title) are Swedish unless clearly not.
        assert render("{{ t|in_original }}", t=arabic) == f'<span lang="ar" dir="rtl">{arabic}</span>'
        assert render("{{ t|in_original }}", t="Fler bussar") == "Fler bussar"
    assert render("{{ 'fa'|lang_attr }}") == ' lang="fa" dir="rtl"'
    assert render("{{ t|in_lang:'ar' }}", t="نعم") == '<span lang="ar" dir="rtl">نعم</span>'
    assert render("{{ t|in_lang:'sv' }}", t="Ja") == '<span lang="sv">Ja</span>'
