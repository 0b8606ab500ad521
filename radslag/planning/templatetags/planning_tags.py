"""`{% bi obj "field" %}`: a bilingual text in the reader's language, marked where the translation is missing."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from radslag.planning.bilingual import plain, shown

register = template.Library()


@register.simple_tag
def bi(obj: Any, name: str, language: str = "") -> SafeString:
    text = shown(obj, name, language or None)
    if not text.missing:
        return format_html("{}", text.text)
    if not text.text:
        return format_html('<span class="translation-missing">{}</span>', _("(not written yet)"))
    return format_html('<span lang="{}">{}</span> <span class="translation-missing">({})</span>',
                       text.lang, text.text, _("translation missing"))


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.filter
def in_language(obj: Any, name: str) -> str:
    """A bilingual text as plain words in the reader's language, for options of a select."""
    return plain(obj, name, 60)
