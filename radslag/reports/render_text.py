"""Sentences the DOCX renderer shares with the HTML templates (the same msgids, so one translation)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from radslag.reports.content import CompilationContent, ShareRow, ShareTable, ThemeSection


def document_title(content: CompilationContent) -> str:
    return _("Perspective compilation: %(title)s") % {"title": content.title}


def version_text(content: CompilationContent) -> str:
    if content.version:
        return _("Version %(number)s, published %(date)s") % {"number": content.version, "date": content.published_on}
    if content.extra.get("status"):  # e.g. frozen as an attachment to a decision basis
        return str(content.extra["status"])
    return _("Preview – not published")


def participation_text(content: CompilationContent) -> str:
    participation = content.participation
    total = participation.total
    parts = [
        ngettext(
            "%(counter)s contribution was received.", "%(counter)s contributions were received.", total
        ) % {"counter": total}
    ]
    if participation.population_year:
        parts.append(
            _("Those who stated their locality, age and sex are compared with the residents in %(year)s.")
            % {"year": participation.population_year}
        )
    if participation.adults_only:
        parts.append(_("Nobody under 16 took part, so the comparison is with residents aged 16 or more."))
    parts.append(_("Groups with fewer than 5 contributions are not shown, so that nobody can be recognised."))
    return " ".join(parts)


def share_headers(table: ShareTable) -> list[str]:
    headers = [_("Group"), pgettext("how many", "Number"), _("Share")]
    return [*headers, _("Share of residents")] if table.compares_population else headers


def _percent(value: int | None) -> str:
    return "–" if value is None else f"{value} %"


def share_cells(table: ShareTable, row: ShareRow) -> list[str]:
    label = f"{row.label} ({_('under-represented')})" if row.under_represented else row.label
    if row.suppressed:
        cells = [label, _("fewer than 5"), ""]
    elif row.rounded:
        cells = [label, "–", _("about %(share)s %%") % {"share": row.percent}]
    elif row.count is None:
        cells = [label, "–", "–"]
    else:
        cells = [label, str(row.count), _percent(row.percent)]
    return [*cells, _percent(row.population_percent)] if table.compares_population else cells


def table_note(table: ShareTable) -> str:
    if table.withheld:
        return _("Not shown: with so few people in some groups, their numbers could be worked out.")
    if table.answered is None:
        return _("Fewer than 5 stated this, so no figures are shown.")
    if table.not_stated:
        return ngettext(
            "%(counter)s did not state this.", "%(counter)s did not state this.", table.not_stated
        ) % {"counter": table.not_stated}
    return ""


def theme_size_text(theme: ThemeSection) -> str:
    size = ngettext("%(counter)s contribution", "%(counter)s contributions", theme.size) % {"counter": theme.size}
    if theme.percent is None:
        return size
    return f"{size} ({_('%(percent)s %% of the published input') % {'percent': theme.percent}})"
