"""Parts drawn from the dialogue's other forums, which sit below this app and cannot register themselves
(see parts.py): working groups' reports, and further forums as they are added. Registered from this app's
`ready()` together with the built-in parts."""

from __future__ import annotations

from django.utils import formats
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from radslag.decisionbasis.parts import Block, Part, PartSource, bullets, facts, heading, paragraph, register_part
from radslag.workgroups.report import report_for_process


def working_group_blocks(source: PartSource) -> list[Block]:
    """Each working group: who took part by kind, its meetings and approaches, and what it found."""
    blocks: list[Block] = []
    for report in report_for_process(source.process, language=get_language()):
        blocks += [
            heading(report.group),
            facts([(_("Members"), ", ".join(f"{kind}: {count}" for kind, count in report.members if count)
                    or "–")]),
        ]
        if report.meetings:
            blocks.append(bullets(
                f"{meeting.number}. {meeting.title} ({formats.date_format(meeting.day, 'j F Y')})"
                + (f": {meeting.approach}" if meeting.approach else "")
                for meeting in report.meetings
            ))
        for section in report.sections:
            if section.entries:
                blocks += [paragraph(f"{section.heading}:"), bullets(entry.text for entry in section.entries)]
        if not report.entry_total:
            blocks.append(paragraph(_("The group has not written down any insights, ideas or lessons yet.")))
    return blocks


def register() -> None:
    register_part(Part(key="working_groups", title=gettext_lazy("Working groups"), assemble=working_group_blocks,
                       order=66))
