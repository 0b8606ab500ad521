"""The elected officials' overview of their municipality: every process by focus area and by committee.

For each process: where it stands (draft, its current phase, closed), how many took part and which
groups are under-represented against the population (published form only: officials are not staff),
and whether the municipality owes the participants an answer (the participation figures are at most
PARTICIPATION_SECONDS old). Beside it: answers owed and overdue, the
coming committee meetings, and the sections other apps register (radslag.governance.overview_sections),
such as the decision bases waiting for the officials. A fixed number of queries for any number of
processes (tested), so that a municipality with hundreds of processes gets the page quickly.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from types import SimpleNamespace
from typing import Any

from django.core.cache import cache
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format, localize
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from radslag.contributions.representativeness import participation_summaries
from radslag.core.access import has_capability
from radslag.core.localized import LocalizedText, interface_language, localized, marked_html
from radslag.core.permissions import Capability
from radslag.dialogues.followup import AnswerDebt, answer_debts, answers_label
from radslag.dialogues.models import DialogueProcess, Phase
from radslag.governance import overview_sections
from radslag.governance.models import BodyMeeting, FocusArea, StrategicPlan
from radslag.governance.querysets import upcoming_meetings
from radslag.organisations.models import Body, Organisation

MEETINGS_SHOWN = 12
# The staff analysis pages of a process the overview links, all open to officials; the others (votes,
# conversations, answers) are one click on from any of these, in the process's own menu.
ANALYSIS_PAGES = (
    ("contributions:dashboard", _("Who took part")),
    ("themes:overview", _("Themes")),
    ("reports:staff_compilation", _("Compilation")),
)
# The participation figures count every contribution of every process: kept for a few minutes (as the
# public pages' summary is), so that the overview does not count 100,000 rows on each visit.
PARTICIPATION_SECONDS = 300


@dataclass(frozen=True)
class ProcessLine:
    """One process as the overview shows it, with its markup made once: it is shown in two groupings (and
    under each of its focus areas), and a municipality has hundreds of processes, so the rows are built
    with `format_html` here rather than by the template engine, variable by variable, for every grouping."""

    process: DialogueProcess
    title: LocalizedText
    stage: str  # "Draft", the current phase's name, "Published, before its first phase", "Closed"
    contributions: int
    under_represented: str  # the groups flagged against the population, in published form, or ""
    debt: AnswerDebt | None
    answers: str  # e.g. "Overdue (2/6)", or "–" for a draft
    links: tuple[tuple[str, str], ...]  # (url, label) of its analysis pages
    answers_url: str  # the staff page of its answers
    focus_areas: tuple[int, ...]  # ids of the focus areas it is tied to
    row: str = ""  # the <tr> of the focus-area tables (a SafeString, made by _row)
    item: str = ""  # the <li> of the committee lists (a SafeString, made by _item)


@dataclass(frozen=True)
class Group:
    title: str
    url: str  # the focus area's public page; "" for committees and "none"
    lines: list[ProcessLine] = field(default_factory=list)
    next_meeting: BodyMeeting | None = None


@dataclass(frozen=True)
class Overview:
    by_focus_area: list[Group]
    by_committee: list[Group]
    owing: list[ProcessLine]  # overdue or due within OWED_SOON_DAYS: overdue first, then by due date
    owing_items: list[SafeString]  # the same as list items (made here: often most processes are listed)
    owing_later: int  # how many others owe an answer later, or have no date for it
    meetings: list[BodyMeeting]
    sections: list[tuple[overview_sections.OverviewSection, list[overview_sections.OverviewItem]]]
    plan: StrategicPlan | None
    count: int


def overview_processes(organisation: Organisation, with_drafts: bool) -> QuerySet[DialogueProcess]:
    processes = DialogueProcess.objects.filter(organisation=organisation)
    if not with_drafts:
        processes = processes.published()
    # Only what the overview shows: a process has many long texts (its mandate) that it does not.
    return (
        processes.select_related("deciding_body")
        .only("title", "title_en", "status", "feedback_due", "organisation_id", "deciding_body__name")
        .order_by("title", "pk")
    )


@dataclass(frozen=True)
class PhaseDates:
    name: LocalizedText
    starts: dt.date
    ends: dt.date


def phases_of(process_ids: list[int]) -> dict[int, list[PhaseDates]]:
    """Each process's phases in order, as plain values (hundreds of processes: no model instances)."""
    language = interface_language()
    rows = (
        Phase.objects.filter(process_id__in=process_ids)
        .order_by("process_id", "order", "starts")
        .values_list("process_id", "name", "name_en", "starts", "ends")
    )
    phases: dict[int, list[PhaseDates]] = defaultdict(list)
    for process_id, name, name_en, starts, ends in rows:
        text = SimpleNamespace(name=name, name_en=name_en)
        phases[process_id].append(PhaseDates(localized(text, "name", language), starts, ends))
    return phases


def focus_areas_of(process_ids: list[int]) -> dict[int, tuple[int, ...]]:
    links = DialogueProcess.focus_areas.through.objects.filter(dialogueprocess_id__in=process_ids)
    areas: dict[int, list[int]] = defaultdict(list)
    for process_id, area_id in links.values_list("dialogueprocess_id", "focusarea_id"):
        areas[process_id].append(area_id)
    return {pk: tuple(ids) for pk, ids in areas.items()}


def stage_of(process: DialogueProcess, phases: list[PhaseDates], on: dt.date) -> str:
    if process.status == DialogueProcess.Status.DRAFT:
        return str(_("Draft"))
    if process.status == DialogueProcess.Status.CLOSED:
        return str(_("Closed"))
    for phase in phases:
        if phase.starts <= on <= phase.ends:
            return marked_html(phase.name)  # escaped, and marked lang="sv" where it stands in for English
    if phases and all(p.ends < on for p in phases):
        return str(_("All phases done"))
    return str(_("Published, before its first phase")) if phases else str(_("Published"))


# A process id no real process has, put into each analysis page's address once and swapped for the real
# one per process: the same address `reverse` gives, without resolving six names for each of 200 processes.
_PLACEHOLDER = 999_999_999


def _link_patterns() -> list[tuple[str, str]]:
    return [(reverse(name, kwargs={"pk": _PLACEHOLDER}), str(label)) for name, label in ANALYSIS_PAGES]


def participation_of(organisation: Organisation, process_ids: list[int]) -> dict[int, tuple[int, str]]:
    """Process id -> (its contributions, the groups flagged as under-represented, in words), from
    `participation_summaries`; cached for PARTICIPATION_SECONDS per municipality, language and set of
    processes. Only the words are kept, not the summaries: their lazy labels are slow to unpickle."""
    digest = hashlib.sha256(",".join(map(str, sorted(process_ids))).encode()).hexdigest()[:32]
    key = f"overview:participation:{organisation.pk}:{translation.get_language()}:{digest}"
    found = cache.get(key)
    if found is None:
        found = {
            pk: (summary.total, ", ".join(str(row.label) for row in summary.flagged))
            for pk, summary in participation_summaries(organisation.pk, process_ids).items()
        }
        cache.set(key, found, PARTICIPATION_SECONDS)
    return found


def _lines(organisation: Organisation, processes: Sequence[DialogueProcess], on: dt.date) -> list[ProcessLine]:
    ids = [p.pk for p in processes]
    participation = participation_of(organisation, ids)
    debts = answer_debts(processes, on)
    phases, areas = phases_of(ids), focus_areas_of(ids)
    patterns = _link_patterns()
    answers_pattern = reverse("feedback:staff_answers", kwargs={"pk": _PLACEHOLDER})
    language = interface_language()
    words = _RowWords.now()
    lines = []
    for p in processes:
        contributions, under_represented = participation[p.pk]
        debt = debts.get(p.pk)
        line = ProcessLine(
            process=p, title=localized(p, "title", language), stage=stage_of(p, phases.get(p.pk, []), on),
            contributions=contributions, under_represented=under_represented, debt=debt,
            answers=answers_label(debt),
            links=tuple((url.replace(str(_PLACEHOLDER), str(p.pk)), label) for url, label in patterns),
            answers_url=answers_pattern.replace(str(_PLACEHOLDER), str(p.pk)), focus_areas=areas.get(p.pk, ()),
        )
        lines.append(replace(line, row=_row(line, words), item=_item(line, words)))
    return lines


@dataclass(frozen=True)
class _RowWords:
    """Words every row uses, translated once per page."""

    flagged: str
    no_flag: str
    contributions: str

    @classmethod
    def now(cls) -> _RowWords:
        return cls(str(_("Under-represented groups")), str(_("No group flagged")), str(_("contributions")))


def _e(value: Any) -> str:
    """Escaped for HTML, once: markup already made safe passes through. (`format_html` does the same but
    goes through Django's lazy-string checks for every argument, which on hundreds of rows shows.)"""
    return value if isinstance(value, SafeString) else html.escape(str(value))


def _answers_html(line: ProcessLine) -> str:
    if line.debt is not None and line.debt.overdue:
        return f'<strong class="flag-under">{_e(line.answers)}</strong>'
    return _e(line.answers)


def _row(line: ProcessLine, words: _RowWords) -> SafeString:
    """The focus-area tables' row: title, stage, contributions, representation, answers, analyses."""
    if line.under_represented:
        flagged = f'<strong class="flag-under">{_e(words.flagged)}:</strong> {_e(line.under_represented)}'
    else:
        flagged = _e(words.no_flag)
    links = "".join(f'<li><a href="{_e(url)}">{_e(label)}</a></li>' for url, label in line.links)
    return mark_safe(  # noqa: S308  (every value is escaped by _e)
        f'<tr><th scope="row"{line.title.lang_attr}>{_e(line.title)}</th><td>{_e(line.stage)}</td>'
        f'<td class="num">{_e(localize(line.contributions))}</td><td>{flagged}</td><td>{_answers_html(line)}</td>'
        f'<td><ul class="link-list inline">{links}</ul></td></tr>'
    )


def _item(line: ProcessLine, words: _RowWords) -> SafeString:
    """The committee lists' item: the title linking to the first analysis page, stage, size and answers."""
    return mark_safe(  # noqa: S308  (every value is escaped by _e)
        f'<li><a href="{_e(line.links[0][0])}"{line.title.lang_attr}>{_e(line.title)}</a> – {_e(line.stage)}, '
        f"{_e(localize(line.contributions))} {_e(words.contributions)}, {_answers_html(line)}</li>"
    )


def _by_focus_area(organisation: Organisation, lines: list[ProcessLine]) -> tuple[list[Group], StrategicPlan | None]:
    plan = StrategicPlan.objects.filter(organisation=organisation).order_by("-ends", "-created_at").first()
    areas = list(FocusArea.objects.filter(organisation=organisation, plan=plan).order_by("number")) if plan else []
    groups = {area.pk: Group(title=f"{area.number}. {area.name}",
                             url=reverse("overview:focus_area", kwargs={"slug": area.slug})) for area in areas}
    loose = Group(title=str(_("Not tied to a focus area of the plan")), url="")
    for line in lines:
        tied = [groups[pk] for pk in line.focus_areas if pk in groups]
        for group in tied or [loose]:
            group.lines.append(line)
    return [*groups.values(), *([loose] if loose.lines else [])], plan


def _by_committee(lines: list[ProcessLine], meetings: list[BodyMeeting]) -> list[Group]:
    next_meeting: dict[int, BodyMeeting] = {}
    for meeting in meetings:
        next_meeting.setdefault(meeting.body_id, meeting)
    bodies: dict[int, Body] = {}
    grouped: dict[int | None, list[ProcessLine]] = {}
    for line in lines:
        body = line.process.deciding_body
        if body is not None:
            bodies[body.pk] = body
        grouped.setdefault(body.pk if body else None, []).append(line)
    groups = [Group(title=body.name, url="", lines=grouped[pk], next_meeting=next_meeting.get(pk))
              for pk, body in sorted(bodies.items(), key=lambda item: item[1].name)]
    if None in grouped:
        groups.append(Group(title=str(_("No deciding body set yet")), url="", lines=grouped[None]))
    return groups


# Answers owed are listed when they are overdue or due within this many days; the rest are counted (every
# process's row says whether it owes an answer).
OWED_SOON_DAYS = 30


def _owing(lines: list[ProcessLine], on: dt.date) -> tuple[list[ProcessLine], int]:
    """The processes that owe an answer and are overdue or due soon (overdue first, then by date), and how
    many others owe one later or without a date."""
    owing = [line for line in lines if line.debt is not None and line.debt.owes]
    soon = on + dt.timedelta(days=OWED_SOON_DAYS)
    listed = [line for line in owing if line.debt and line.debt.due is not None and line.debt.due <= soon]
    listed.sort(key=lambda line: (not line.debt.overdue, line.debt.due))  # type: ignore[union-attr]
    return listed, len(owing) - len(listed)


def _owing_items(lines: list[ProcessLine]) -> list[SafeString]:
    """Each owed answer as a list item: the process, its answers, and the date it was promised by."""
    promised_by = _e(_("promised by"))
    dates: dict[dt.date, str] = {}  # formatted once per date: processes often share a due date
    items = []
    for line in lines:
        due = line.debt.due if line.debt is not None else None
        if due is None:
            continue
        if due not in dates:
            dates[due] = f'<time datetime="{due.isoformat()}">{_e(date_format(due, "j F Y"))}</time>'
        items.append(mark_safe(  # noqa: S308  (every value is escaped by _e)
            f'<li><a href="{_e(line.answers_url)}"{line.title.lang_attr}>{_e(line.title)}</a>: '
            f"{_answers_html(line)}, {promised_by} {dates[due]}</li>"
        ))
    return items


def overview_for(*, organisation: Organisation, user: Any, on: dt.date) -> Overview:
    """Everything the overview shows. Drafts only for those who may preview them (staff, not officials)."""
    with_drafts = has_capability(user, organisation, Capability.PROCESS_PREVIEW)
    processes = list(overview_processes(organisation, with_drafts))
    lines = _lines(organisation, processes, on)
    meetings = list(upcoming_meetings(organisation.pk, on)[:MEETINGS_SHOWN * 4])
    by_focus_area, plan = _by_focus_area(organisation, lines)
    owing, owing_later = _owing(lines, on)
    return Overview(
        by_focus_area=by_focus_area, by_committee=_by_committee(lines, meetings), owing=owing,
        owing_items=_owing_items(owing), owing_later=owing_later,
        meetings=meetings[:MEETINGS_SHOWN], plan=plan, count=len(processes),
        sections=[(section, section.items(organisation, user)) for section in overview_sections.sections()],
    )
