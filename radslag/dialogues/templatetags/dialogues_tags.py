"""Template tags for the dialogues app's pages."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import NoReverseMatch, reverse

register = template.Library()


@register.simple_tag
def staff_link(name: str, *args: Any) -> str:
    """The address of a page another app provides, or "" while that app does not (yet) provide it.

    The staff start page links to pages of several apps; one missing must not take the page down.
    """
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""
