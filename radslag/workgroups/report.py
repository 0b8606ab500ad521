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
from collections import Counter
from dataclasses import dataclass

from django.db.models import Prefetch
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


def _sections(notes: list[GroupNote]) -> tuple[ReportSection, ...]:
    sections = []
    for kind in REPORT_KINDS:
        entries = tuple(
            ReportEntry(text=note.text, meeting=str(note.meeting) if note.meeting else "",
                        written_on=timezone.localdate(note.created_at))
            for note in notes if note.kind == kind
        )
        sections.append(ReportSection(kind=str(kind), heading=str(SECTION_HEADINGS[kind]), entries=entries))
    return tuple(sections)


def _report(group: WorkingGroup, language: str) -> GroupReport:
    counts = Counter(member.kind for member in group.members.all())
    notes = sorted(group.notes.all(), key=lambda note: (note.meeting.number if note.meeting else 10_000,
                                                        note.created_at, note.pk))
    with override(language):
        return GroupReport(
            language=language, organisation=group.organisation.name, group=group.name, slug=group.slug,
            process=group.process.title, purpose=group.purpose,
            members=tuple((str(label), counts.get(kind, 0)) for kind, label in GroupMember.Kind.choices),
            meetings=tuple(ReportMeeting(number=m.number, title=m.title, approach=m.approach,
                                         day=timezone.localdate(m.starts_at), place=m.place)
                           for m in group.meetings.all()),
            sections=_sections(notes), made_on=timezone.localdate(),
        )


def _groups() -> object:
    return WorkingGroup.objects.select_related("organisation", "process").prefetch_related(
        Prefetch("members", queryset=GroupMember.objects.joined()),
        "meetings",
        Prefetch("notes", queryset=GroupNote.objects.for_report().select_related("meeting")),
    )


def report_for_group(group: WorkingGroup, language: str | None = None) -> GroupReport:
    fresh = _groups().get(pk=group.pk)  # type: ignore[attr-defined]
    return _report(fresh, language or group.organisation.default_language or "sv")


def report_for_process(process: DialogueProcess, language: str | None = None) -> list[GroupReport]:
    """The reports of all working groups of the process (see the module's docstring)."""
    language = language or process.organisation.default_language or "sv"
    return [_report(group, language) for group in _groups().filter(process=process)]  # type: ignore[attr-defined]
