"""Template tags for the dialogues app's pages."""

from __future__ import annotations

import re
from typing import Any

from django import template
from django.urls import NoReverseMatch, resolve, reverse

from radslag.core.access import has_capability
from radslag.dialogues import followup

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


@register.simple_tag(takes_context=True)
def staff_page(context: template.Context, name: str, *args: Any) -> str:
    """Like `staff_link`, and also "" when the signed-in person may not open the page.

    Whether they may is read from the page's own guard (`requires_capability`), so the menu and
    the guard never disagree.
    """
    url = staff_link(name, *args)
    request = context.get("request")
    if not url or request is None:
        return url
    needed = getattr(resolve(url).func, "required_capability", None)
    if needed is None or has_capability(request.user, getattr(request, "organisation", None), needed):
        return url
    return ""


@register.filter
def where(activity: Any) -> str:
    """The activity's place and locality, without naming the locality twice.

    'Nödinge bibliotek' in Nödinge reads 'Nödinge bibliotek', not 'Nödinge bibliotek, Nödinge';
    'Medborgarhuset' in Nödinge reads 'Medborgarhuset, Nödinge'.
    """
    place = (activity.place or "").strip()
    locality = activity.locality.name.strip() if activity.locality else ""
    if not locality:
        return place
    if not place:
        return locality
    if re.search(rf"(?<!\w){re.escape(locality)}(?!\w)", place, flags=re.IGNORECASE):
        return place
    return f"{place}, {locality}"


@register.filter
def answers_label(debt: followup.AnswerDebt | None) -> str:
    """What a process owes, in the words of the staff pages' Answers column (see `followup.answers_label`)."""
    return followup.answers_label(debt)
