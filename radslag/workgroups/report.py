"""A working group's report: who took part (by kind, never by name), the meetings with their approaches,
and the insights, ideas and lessons members wrote. Plain data, drawn live from the group; the page,
the PDF and the DOCX render it, and the decision basis includes it.

The contract other apps call:

    report_for_process(process) -> list[GroupReport]
        one report per working group of the process, in the group's name order; empty when the
        process has no groups. Texts are as members wrote them, without who wrote them; members
        are counted per kind (resident, employee, elected official). Labels are in `language`
        (by default the municipality's).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Count, F, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from radslag.dialogues.models import DialogueProcess
from radslag.workgroups.models import REPORT_KINDS, GroupMember, GroupNote, WorkingGroup


@dataclass(frozen=True)
class ReportMeeting:
    number: int
    title: str
    approach: str
    day: dt.date
    place: str


@dataclass(frozen=True)
class ReportEntry:
    text: str
    meeting: str  # "2. A walk through Nödinge", or "" when written without a meeting
    written_on: dt.date


@dataclass(frozen=True)
class ReportSection:
    kind: str  # GroupNote.Kind: insight, idea or lesson
    heading: str
    entries: tuple[ReportEntry, ...]


@dataclass(frozen=True)
class GroupReport:
    language: str
    organisation: str
    group: str
    slug: str
    process: str
    purpose: str
    members: tuple[tuple[str, int], ...]  # (kind of member, how many), every kind, in a fixed order
    meetings: tuple[ReportMeeting, ...]
    sections: tuple[ReportSection, ...]  # insights, ideas, lessons: always all three, perhaps empty
    made_on: dt.date

    @property
    def title(self) -> str:
        with override(self.language):
            return _("Report from the working group %(group)s") % {"group": self.group}

    @property
    def member_total(self) -> int:
        return sum(count for _kind, count in self.members)

    @property
    def entry_total(self) -> int:
        return sum(len(section.entries) for section in self.sections)


SECTION_HEADINGS = {
    "insight": gettext_lazy("Insights"), "idea": gettext_lazy("Ideas"), "lesson": gettext_lazy("Lessons"),
}


NoteRow = tuple[int, str, str, dt.datetime, int | None, str | None]  # group, kind, text, written, meeting no., title


def _sections(rows: list[NoteRow]) -> tuple[ReportSection, ...]:
    sections = []
    for kind in REPORT_KINDS:
        entries = tuple(
            ReportEntry(text=text, meeting=f"{number}. {title}" if number is not None else "",
                        written_on=timezone.localdate(written))
            for _group, row_kind, text, written, number, title in rows if row_kind == kind
        )
        sections.append(ReportSection(kind=str(kind), heading=str(SECTION_HEADINGS[kind]), entries=entries))
    return tuple(sections)


def _member_counts(group_ids: list[int]) -> dict[int, Counter[str]]:
    counts: dict[int, Counter[str]] = defaultdict(Counter)
    rows = (GroupMember.objects.joined().filter(group_id__in=group_ids).order_by()
            .values_list("group_id", "kind").annotate(count=Count("pk")))
    for group_id, kind, count in rows:
        counts[group_id][kind] = count
    return counts


def _note_rows(group_ids: list[int]) -> dict[int, list[NoteRow]]:
    """The groups' report entries in one query, in the order of the meetings, then as they were written."""
    notes: dict[int, list[NoteRow]] = defaultdict(list)
    rows = (GroupNote.objects.for_report().filter(group_id__in=group_ids)
            .order_by(F("meeting__number").asc(nulls_last=True), "created_at", "pk")
            .values_list("group_id", "kind", "text", "created_at", "meeting__number", "meeting__title"))
    for row in rows:
        notes[row[0]].append(row)
    return notes


def _reports(groups: QuerySet[WorkingGroup], language: str) -> list[GroupReport]:
    found = list(groups.select_related("organisation", "process").prefetch_related("meetings"))
    ids = [group.pk for group in found]
    counts, notes = _member_counts(ids), _note_rows(ids)
    with override(language):
        kinds = [(kind, str(label)) for kind, label in GroupMember.Kind.choices]
        return [GroupReport(
            language=language, organisation=group.organisation.name, group=group.name, slug=group.slug,
            process=group.process.title, purpose=group.purpose,
            members=tuple((label, counts[group.pk].get(kind, 0)) for kind, label in kinds),
            meetings=tuple(ReportMeeting(number=m.number, title=m.title, approach=m.approach,
                                         day=timezone.localdate(m.starts_at), place=m.place)
                           for m in group.meetings.all()),
            sections=_sections(notes[group.pk]), made_on=timezone.localdate(),
        ) for group in found]


def report_for_group(group: WorkingGroup, language: str | None = None) -> GroupReport:
    language = language or group.organisation.default_language or "sv"
    return _reports(WorkingGroup.objects.filter(pk=group.pk), language)[0]


def report_for_process(process: DialogueProcess, language: str | None = None) -> list[GroupReport]:
    """The reports of all working groups of the process (see the module's docstring)."""
    language = language or process.organisation.default_language or "sv"
    return _reports(WorkingGroup.objects.filter(process=process), language)
