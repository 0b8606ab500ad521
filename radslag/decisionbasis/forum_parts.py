"""Parts drawn from the dialogue's other forums, which sit below this app and cannot register themselves
(see parts.py): working groups' reports and related citizen proposals (Aleförslaget). Registered from this app's
`ready()` together with the built-in parts."""

from __future__ import annotations

from django.utils import formats
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from radslag.decisionbasis.parts import (
    Block,
    Part,
    PartSource,
    bullets,
    facts,
    heading,
    paragraph,
    register_part,
    table,
)
from radslag.proposals.models import Proposal
from radslag.proposals.queries import for_process as proposals_for_process
from radslag.workgroups.report import report_for_process

PROPOSALS_LISTED = 20


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


def proposal_blocks(source: PartSource) -> list[Block]:
    """Public citizen proposals linked to the dialogue, most supported first, with where each stands."""
    proposals = list(proposals_for_process(source.process).select_related("committee")[:PROPOSALS_LISTED + 1])
    if not proposals:
        return []
    rows = []
    for proposal in proposals[:PROPOSALS_LISTED]:
        supports = str(proposal.support_count) + (f" / {proposal.threshold}" if proposal.threshold else "")
        status = str(Proposal.Status(proposal.status).label)
        if proposal.status == Proposal.Status.ANSWERED and proposal.outcome:
            status = f"{status}: {proposal.get_outcome_display()}"
        rows.append([proposal.title, supports, str(status), proposal.committee.name if proposal.committee else "–"])
    note = (_("The %(count)s most supported are listed.") % {"count": PROPOSALS_LISTED}
            if len(proposals) > PROPOSALS_LISTED else "")
    return [table(_("Citizen proposals linked to the dialogue"),
                  [_("Proposal"), _("Supports (of the threshold)"), _("Status"), _("Committee")], rows, note=note)]


def register() -> None:
    register_part(Part(key="proposals", title=gettext_lazy("Related citizen proposals"), assemble=proposal_blocks,
                       order=62))
    register_part(Part(key="working_groups", title=gettext_lazy("Working groups"), assemble=working_group_blocks,
                       order=66))
