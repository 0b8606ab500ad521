"""Public texts in two languages: the Swedish original and an optional English version beside it.

The convention, one for every app: a public text field `title` may have an English twin `title_en`
(made with `english_version(title)`), blank when staff have not written one. `localized(obj, "title")`
gives the text to show in the interface language; when the English interface has to show the Swedish
original, the result says so (`fallback`), and templates mark its element `lang="sv"` so that screen
readers pronounce it as Swedish. A field without an English twin (residents' own words) is always the
Swedish text, marked the same way in the English interface.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import format_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from radslag.analysis.text import text_language

ORIGINAL_LANGUAGE = "sv"  # the language municipal content is written in
TRANSLATED_LANGUAGES = ("en",)  # languages a text may have a version in, each as a `<field>_<code>` twin
# Languages written right to left (residents' words may be in them): their marks carry dir="rtl", which
# also isolates the text from the page's left-to-right flow, so punctuation at its ends stays with it.
RIGHT_TO_LEFT = frozenset({"ar", "fa", "ckb", "ur", "ps", "he", "yi", "dv", "sd", "ug"})


@dataclass(frozen=True)
class LocalizedText:
    """One public text as shown: the text, the language it is written in, and whether it stands in for
    a version in the interface language that nobody wrote."""

    text: str
    lang: str
    fallback: bool = False

    def __str__(self) -> str:
        return self.text

    def __bool__(self) -> bool:
        return bool(self.text.strip())

    @property
    def lang_attr(self) -> SafeString:
        """` lang="sv"` when the text is not in the page's language, else nothing: for an element's tag.
        A language written right to left gets ` dir="rtl"` beside it."""
        return lang_attributes(self.lang) if self.fallback else mark_safe("")


def lang_attributes(lang: str) -> SafeString:
    """` lang="so"` for an element's tag, with ` dir="rtl"` beside a language written right to left."""
    return format_html(' lang="{}" dir="rtl"' if lang in RIGHT_TO_LEFT else ' lang="{}"', lang)


def written_language(text: Any, stated: str | None) -> str:
    """The language residents' words are written in: the stated one (a contribution's `language`, which is the
    form's; Swedish where none was stated, as for input staff typed in) unless the text is clearly in another.
    One reading for every page, the API and the theme analysis."""
    return text_language(str(text or ""), stated or ORIGINAL_LANGUAGE)


def interface_language(language: str | None = None) -> str:
    """The base language code ("en" for "en-gb") of `language`, or of the active interface language."""
    code = (language or get_language() or ORIGINAL_LANGUAGE).lower()
    return code.split("-")[0].split("_")[0]


def translated_field_name(field: str, language: str) -> str:
    return f"{field}_{language}"


def localized(obj: Any, field: str, language: str | None = None) -> LocalizedText:
    """`obj.<field>` in `language` (default: the interface language), falling back to the Swedish original.

    The English version is used when the object has a non-blank `<field>_en`; otherwise the Swedish text
    comes back with `fallback` set whenever the language asked for is not Swedish.
    """
    code = interface_language(language)
    original = str(getattr(obj, field, "") or "")
    if code != ORIGINAL_LANGUAGE and code in TRANSLATED_LANGUAGES:
        version = str(getattr(obj, translated_field_name(field, code), "") or "")
        if version.strip():
            return LocalizedText(version, code)
    return LocalizedText(original, ORIGINAL_LANGUAGE, fallback=code != ORIGINAL_LANGUAGE)


def as_written(text: Any, language: str | None = None, written_in: str = "") -> LocalizedText:
    """Residents' own words, which have no other version: in the language they were written in (Swedish
    unless known otherwise), marked as such where that is not the interface language."""
    code = interface_language(language)
    own = interface_language(written_in) if written_in else ORIGINAL_LANGUAGE
    return LocalizedText("" if text is None else str(text), own, fallback=code != own)


def marked_html(text: LocalizedText) -> SafeString:
    """The text escaped, inside `<span lang="sv">` when it stands in for another language: for inline places
    (with `dir="rtl"` for a language written right to left)."""
    if text.fallback and text:
        return format_html("<span{}>{}</span>", text.lang_attr, text.text)
    return conditional_escape(text.text)


def localized_html(obj: Any, field: str, language: str | None = None) -> SafeString:
    """`localized` as inline HTML (see `marked_html`): for form labels and choices built in Python."""
    return marked_html(localized(obj, field, language))


def localized_pair(obj: Any, field: str) -> dict[str, str]:
    """Both versions as plain text, {"sv": ..., "en": ...}; "en" is "" when none was written (for APIs
    and frozen snapshots, which keep both and choose when read)."""
    pair = {ORIGINAL_LANGUAGE: str(getattr(obj, field, "") or "")}
    for code in TRANSLATED_LANGUAGES:
        pair[code] = str(getattr(obj, translated_field_name(field, code), "") or "")
    return pair


def english_label(label: Any) -> Any:
    """The staff form label of a field's English version: "title (English, optional)"."""
    return format_lazy("{} ({})", label, _("English, optional"))


def english_version(original: models.CharField[Any, Any] | models.TextField[Any, Any]) -> models.Field[Any, Any]:
    """The optional English twin of a Swedish text field: same kind and length, blank allowed.

    Use in a model body right after the original: `title_en = english_version(title)`.
    """
    kind = type(original)
    return kind(
        english_label(original.verbose_name), max_length=original.max_length, blank=True, default="",
    )
