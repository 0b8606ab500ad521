"""Template tags for public texts with an optional English version (see `radslag.core.localized`).

    {% load localized %}
    {% localized process "title" as title %}<h1{{ title.lang_attr }}>{{ title }}</h1>
    <li>{{ activity|localized:"title" }}</li>       (a <span lang="sv"> around it when it fell back)
    <title>{{ process|localized_text:"title" }}</title>   (plain text, where no element may go)
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString

from radslag.core.localized import LocalizedText, as_written, lang_attributes, marked_html, written_language
from radslag.core.localized import localized as localize

register = template.Library()


@register.simple_tag(name="localized")
def localized_tag(obj: Any, field: str, language: str | None = None) -> LocalizedText:
    """The text for the interface language, to use with `as`: `{{ t }}`, `{{ t.lang_attr }}`, `{% if t.fallback %}`."""
    return localize(obj, field, language)


@register.filter(name="localized")
def localized_inline(obj: Any, field: str) -> SafeString:
    """The text, escaped, wrapped in `<span lang="sv">` when the Swedish original stands in."""
    return marked_html(localize(obj, field))


@register.filter(name="localized_text")
def localized_plain(obj: Any, field: str) -> str:
    """The text alone, for places where no element can carry a `lang` (a page title, an attribute)."""
    return localize(obj, field).text


@register.filter(name="in_original")
def in_original(text: Any, written_in: str = "") -> SafeString:
    """Residents' own words, as written: escaped, and marked `lang="sv"` when that is not the interface
    language. The mark is the text's own language: the given one (a contribution's `language`, which is
    the form's; Swedish when none is given) unless the text is clearly in another (`text_language`), so a
    note in Somali sent through the Swedish form is marked `lang="so"`, and one in Arabic `lang="ar"
    dir="rtl"`."""
    return marked_html(_own(text, written_in))


def _own(text: Any, written_in: str) -> LocalizedText:
    return as_written(text, written_in=written_language(text, written_in))


@register.filter(name="original_lang_attr")
def original_lang_attr(text: Any, written_in: str = "") -> SafeString:
    """For an element holding residents' own words as a block (paragraphs): ` lang="so"` (and `dir="rtl"`
    where the language is written right to left) when the text is not in the interface language, read as
    `in_original` reads it."""
    return _own(text, written_in).lang_attr


@register.filter(name="lang_attr")
def lang_attr(lang: Any, index: int | None = None) -> SafeString:
    """` lang="sv"` for a language mark stored as text (frozen snapshots' `*_lang` fields), "" for none.

    With an index, the mark at that place in a sequence of marks (`marks|lang_attr:forloop.counter0`)."""
    if index is not None:
        lang = lang[index] if isinstance(lang, (list, tuple)) and 0 <= index < len(lang) else ""
    return lang_attributes(str(lang)) if lang else SafeString("")


@register.filter(name="in_lang")
def in_lang(text: Any, lang: str | None) -> SafeString:
    """The text escaped, inside `<span lang="...">` when a language mark is given (for use inside sentences)."""
    if lang and text:
        return format_html("<span{}>{}</span>", lang_attributes(lang), text)
    return conditional_escape(text)
