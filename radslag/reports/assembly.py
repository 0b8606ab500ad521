"""Builds a process's compilation content from the database: mandate, method, who took part, themes.

Everything public passes through here, so the rules for public documents live here too: groups under
`SMALL_GROUP_THRESHOLD` are suppressed, and only published contributions are counted in themes or quoted.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence

from django.db.models import Sum
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from radslag.analysis import disclosure
from radslag.contributions.models import Channel, Contribution
from radslag.contributions.representativeness import Breakdown, GroupShare, representativeness, suppress_small
from radslag.core.localized import as_written, localized
from radslag.core.models import AgeBand
from radslag.dialogues.models import Activity, DialogueProcess
from radslag.organisations.models import Locality
from radslag.reports.content import (
    ActivityItem,
    CompilationContent,
    MandateItem,
    Participation,
    ShareRow,
    ShareTable,
    ThemeSection,
)
from radslag.reports.models import Compilation
from radslag.reports.theme_source import ThemeInput, themes_for

MAX_QUOTES = 5
MIN_QUOTES = 3
QUOTE_MAX_CHARS = 700


def share_table(breakdown: Breakdown, *, always_round: bool = False) -> ShareTable:
    """A breakdown in its published form (see `suppress_small`), as display values."""
    safe = suppress_small(breakdown, always_round=always_round)
    rows = tuple(
        ShareRow(
            label=str(row.label), count=row.count, percent=row.share_percent,
            population_percent=row.population_percent if safe.compares_population else None,
            suppressed=row.suppressed, under_represented=row.under_represented, rounded=row.rounded,
        )
        for row in safe.rows
    )
    return ShareTable(
        key=safe.key, title=str(safe.title), rows=rows, answered=safe.answered, not_stated=safe.not_stated,
        compares_population=safe.compares_population, withheld=safe.withheld,
    )


def _day(value: dt.date | dt.datetime) -> str:
    return formats.date_format(value, "j F Y")


def _marked(obj: object, field: str, language: str) -> tuple[str, str]:
    """The text in `language` and its mark: "sv" when the Swedish original stands in for it, else ""."""
    text = localized(obj, field, language)
    return text.text, text.lang if text.fallback else ""


def _mandate(process: DialogueProcess, language: str) -> tuple[MandateItem, ...]:
    decision = process.commissioning_decision
    decision_text = ""
    if decision is not None:
        reference = ", ".join(part for part in (decision.registration_number, decision.section) if part)
        decision_text = f"{decision.title} ({decision.body}, {_day(decision.decided_on)}{', ' if reference else ''}"
        decision_text += f"{reference})"
    feedback, feedback_lang = _marked(process, "feedback_plan", language)
    if process.feedback_due:
        feedback = _("%(plan)s At the latest %(date)s.") % {"plan": feedback, "date": _day(process.feedback_due)}
    original = as_written("", language)  # names and decisions exist in Swedish only
    items = [
        (_("Purpose"), *_marked(process, "purpose", language)),
        (_("Participation level"), process.get_participation_level_display(), ""),
        (_("Who decides"), str(process.deciding_body or ""), original.lang if original.fallback else ""),
        (_("Commissioning decision"), decision_text, original.lang if original.fallback else ""),
        (_("What could be influenced"), *_marked(process, "open_to_influence", language)),
        (_("What was already decided or not open"), *_marked(process, "not_open_to_influence", language)),
        (_("Target groups"), *_marked(process, "target_groups", language)),
        (_("Methods and channels"), *_marked(process, "methods", language)),
        (_("How the results will be used"), *_marked(process, "use_of_results", language)),
        (_("Feedback to participants"), feedback.strip(), feedback_lang),
    ]
    return tuple(
        MandateItem(label=label, text=text.strip(), lang=lang) for label, text, lang in items if text and text.strip()
    )


def _activities(process: DialogueProcess, language: str) -> tuple[ActivityItem, ...]:
    rows = process.activities.select_related("locality").annotate(seated=Sum("tables__participant_count"))
    items = []
    for activity in rows.order_by("starts_at"):
        starts, ends = timezone.localtime(activity.starts_at), timezone.localtime(activity.ends_at)
        when = _day(starts) if starts.date() == ends.date() else f"{_day(starts)} – {_day(ends)}"
        locality = str(activity.locality or "")
        place = activity.place if locality in activity.place else ", ".join(p for p in (activity.place, locality) if p)
        attendance = activity.attendance_count if activity.attendance_count is not None else activity.seated
        kind = Activity.Kind(activity.kind).label if activity.kind in Activity.Kind.values else activity.kind
        title, title_lang = _marked(activity, "title", language)
        items.append(ActivityItem(title=title, kind=str(kind), when=when, place=place, attendance=attendance,
                                  title_lang=title_lang))
    return tuple(items)


def _participation(process: DialogueProcess) -> tuple[Participation, tuple[str, ...]]:
    """Who took part versus the population, and the channels input came through (a fact of method)."""
    summary = representativeness(process)
    participation = Participation(
        total=summary.total, population_year=summary.population_year, adults_only=summary.adults_only,
        channels=share_table(summary.channel), comparisons=tuple(share_table(table) for table in summary.comparisons),
    )
    return participation, tuple(str(row.label) for row in summary.channel.rows if row.count)


def _plain(key: str, title: str, counts: Counter[str], labels: Iterable[tuple[str, str]]) -> ShareTable:
    """A theme's breakdown over its published members, always as rounded shares (as on the theme pages,
    `themes.querysets.theme_breakdowns`): exact counts of themes could be subtracted from the whole's
    and one another's. Groups nobody in the theme belongs to are left out: within a theme they say nothing."""
    not_stated = counts.get("", 0)
    answered = sum(counts.values()) - not_stated
    rows = tuple(
        GroupShare(key=group, label=label, count=counts[group], share=counts[group] / answered)
        for group, label in labels
        if counts.get(group)
    )
    return share_table(Breakdown(key, title, rows, answered, not_stated), always_round=True)


def _theme_breakdowns(members: Sequence[Contribution], localities: list[tuple[str, str]]) -> tuple[ShareTable, ...]:
    def counts(attribute: str) -> Counter[str]:
        return Counter(str(getattr(member, attribute) or "") for member in members)

    return (
        _plain("locality", _("Locality"), counts("locality_id"), localities),
        _plain("age_band", _("Age"), counts("age_band"), [(band.value, str(band.label)) for band in AgeBand]),
        _plain("channel", _("Channel"), counts("channel"), [(c.value, str(c.label)) for c in Channel]),
    )


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_MAX_CHARS else text[: QUOTE_MAX_CHARS - 1].rstrip() + "…"


def _quotes(theme: ThemeInput, published: dict[int, Contribution]) -> tuple[str, ...]:
    """The picked quotes that are published; topped up from the theme's published members if too few."""
    chosen = [pk for pk in dict.fromkeys(theme.quote_ids) if pk in published][:MAX_QUOTES]
    if len(chosen) < MIN_QUOTES:
        extra = [pk for pk in theme.member_ids if pk in published and pk not in chosen]
        chosen += extra[: MIN_QUOTES - len(chosen)]
    return tuple(_quote(published[pk].public_text) for pk in chosen)


def _themes(
    process: DialogueProcess, themes: Sequence[ThemeInput], language: str
) -> tuple[tuple[ThemeSection, ...], int]:
    published = {
        contribution.pk: contribution
        for contribution in Contribution.objects.filter(process=process).published().order_by("created_at", "pk")
    }
    localities = [(str(pk), name) for pk, name in Locality.objects.filter(
        organisation_id=process.organisation_id).values_list("pk", "name")]
    total = len(published)
    sections: list[ThemeSection] = []
    themed: set[int] = set()
    for number, theme in enumerate(themes, start=1):
        members = [published[pk] for pk in dict.fromkeys(theme.member_ids) if pk in published]
        themed.update(member.pk for member in members)
        (label, label_lang), (description, description_lang) = (
            _marked(theme, "label", language), _marked(theme, "description", language))
        sections.append(ThemeSection(
            number=number, label=label, description=description, size=len(members),
            label_lang=label_lang, description_lang=description_lang,
            percent=disclosure.percent(len(members), total) if total else None, keywords=tuple(theme.keywords),
            quotes=_quotes(theme, published), breakdowns=_theme_breakdowns(members, localities),
            focus_areas=tuple(theme.focus_areas),
        ))
    return tuple(sections), total - len(themed)


def assemble_compilation(
    *, process: DialogueProcess, compilation: Compilation | None = None, themes: Sequence[ThemeInput] | None = None,
    language: str | None = None,
) -> CompilationContent:
    """The compilation as it would be published now, in `language` (by default the municipality's).

    Labels are translated; each text is the version staff wrote in that language, or the Swedish
    original marked as such (the `*_lang` fields), so the page can say which language each part is in."""
    language = language or process.organisation.default_language or "sv"
    with override(language):
        if themes is None:
            themes = themes_for(process, accepted_only=bool(compilation and compilation.only_accepted_themes))
        sections, unthemed = _themes(process, themes, language)
        participation, channels_used = _participation(process)
        title, summary = _marked(process, "title", language), _marked(process, "summary", language)
        introduction, closing = (_marked(compilation, "introduction", language) if compilation else ("", ""),
                                 _marked(compilation, "closing", language) if compilation else ("", ""))
        areas = [(area.number, localized(area, "name", language)) for area in process.focus_areas.order_by("number")]
        quotes = as_written("", language)
        return CompilationContent(
            language=language, organisation=process.organisation.name, title=title[0], title_lang=title[1],
            process_slug=process.slug, summary=summary[0], summary_lang=summary[1],
            introduction=introduction[0], introduction_lang=introduction[1],
            closing=closing[0], closing_lang=closing[1],
            mandate=_mandate(process, language), activities=_activities(process, language),
            channels_used=channels_used,
            participation=participation, themes=sections, unthemed=unthemed,
            focus_areas=tuple(f"{number}. {name}" for number, name in areas),
            focus_area_langs=tuple(name.lang if name.fallback else "" for _number, name in areas),
            quotes_lang=quotes.lang if quotes.fallback else "",
        )
