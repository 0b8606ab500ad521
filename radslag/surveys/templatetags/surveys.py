"""Small numbers for the results page's SVG charts and shares."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.defaultfilters import truncatechars
from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext

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


@register.filter
def percent_in(share: float, step: int) -> str:
    """A weighted share in per cent: with one decimal, or as a whole number when the breakdown's shares are
    rounded to a step (a cross-tab), so that the figure claims no more precision than it has."""
    return percent1(share) if step <= 1 else str(round(float(share) * 100))


@register.simple_tag
def breakdown_chart(breakdown: Any, prefix: str, number: int) -> SafeString:
    """One breakdown's weighted shares as an SVG bar chart with its 95 % intervals; the table beside it
    holds the same figures. Built here rather than in the template: a results page draws hundreds of bars."""
    rows = []
    for index, cell in enumerate(breakdown.cells):
        y = bar_y(index)
        label = format_html('<text x="0" y="{}" font-size="11">{}</text>', y + 12, truncatechars(str(cell.label), 22))
        if cell.weighted:
            share = cell.weighted
            bar = format_html(
                '<rect x="{}" y="{}" width="{}" height="14" fill="#1d5f8a"></rect>'
                '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#000" stroke-width="1.5"></line>',
                BAR_LEFT, y, bar_width(share.share), bar_x(share.low), bar_x(share.high), y + 7, y + 7)
        else:
            bar = format_html('<text x="{}" y="{}" font-size="11">–</text>', BAR_LEFT, y + 12)
        rows.append((label, bar))
    height = chart_height(len(breakdown.cells))
    title = gettext("Weighted shares: %(title)s (the same figures as in the table)") % {"title": breakdown.title}
    return format_html(
        '<svg class="survey-chart" role="img" aria-labelledby="{id}" viewBox="0 0 300 {h}" width="300" '
        'height="{h}"><title id="{id}">{title}</title>{rows}</svg>',
        id=f"{prefix}-{number}-chart-title", h=height, title=title, rows=format_html_join("", "{}{}", rows))
