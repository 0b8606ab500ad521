"""Small numbers for the results page's SVG charts and shares."""

from __future__ import annotations

from django import template
from django.utils.formats import number_format

register = template.Library()

BAR_LEFT, BAR_WIDTH, BAR_STEP = 130, 160, 20


@register.filter
def chart_height(rows: int) -> int:
    return max(int(rows), 1) * BAR_STEP + 4


@register.filter
def bar_y(index: int) -> int:
    return int(index) * BAR_STEP + 2


@register.filter
def bar_width(share: float) -> str:
    return f"{max(float(share), 0.0) * BAR_WIDTH:.1f}"


@register.filter
def bar_x(share: float) -> str:
    return f"{BAR_LEFT + max(float(share), 0.0) * BAR_WIDTH:.1f}"


@register.filter
def percent1(share: float) -> str:
    """A share (0..1) in per cent with one decimal, in the interface's number format (57,3)."""
    return str(number_format(float(share) * 100, decimal_pos=1))
