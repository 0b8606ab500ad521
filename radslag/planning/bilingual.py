"""Partnership texts in Swedish and English, shown in the reader's language with a mark where missing.

A text `name` is stored as `name_sv` and `name_en`. `shown(obj, "name")` gives the version in the
interface language; when that one is empty it gives the other with `missing=True`, so that the
page can say "translation missing" and mark the element with the other language's `lang`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _

LANGUAGES = ("sv", "en")


def current_language(language: str | None = None) -> str:
    code = (language or get_language() or "sv")[:2].lower()
    return code if code in LANGUAGES else "sv"


@dataclass(frozen=True)
class Shown:
    text: str
    lang: str
    missing: bool  # no version in the wanted language: this is the other one (or nothing at all)

    def __str__(self) -> str:
        return self.text


def shown(obj: Any, name: str, language: str | None = None) -> Shown:
    wanted = current_language(language)
    other = "en" if wanted == "sv" else "sv"
    text = (getattr(obj, f"{name}_{wanted}", "") or "").strip()
    if text:
        return Shown(text, wanted, False)
    return Shown((getattr(obj, f"{name}_{other}", "") or "").strip(), other, True)


def exact(obj: Any, name: str, language: str) -> str:
    return (getattr(obj, f"{name}_{language}", "") or "").strip()


def plain(obj: Any, name: str, limit: int = 80) -> str:
    """`shown` as plain text for places without markup (a select's options): cut at `limit` characters,
    with the words "translation missing" after a text that is in the other language."""
    text = shown(obj, name)
    words = text.text if len(text.text) <= limit else text.text[: limit - 1] + "…"
    return f"{words} ({_('translation missing')})" if text.missing and words else words
