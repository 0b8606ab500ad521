"""Parts drawn from the dialogue's other forums, which sit below this app and cannot register themselves
(see parts.py): working groups' reports, related citizen proposals (Aleförslaget) and the dialogue's
surveys with their weighted results. Registered from this app's
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
from radslag.surveys.queries import for_process as surveys_for_process
from radslag.surveys.results import Breakdown, question_results
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


def survey_blocks(source: PartSource) -> list[Block]:
    """Each opened survey of the dialogue: who answered, and every closed question's answers, counted and
    weighted (with the 95 % interval), under the platform's disclosure rules."""
    blocks: list[Block] = []
    for summary in surveys_for_process(source.process):
        survey = summary.survey
        who = (_("Self-selected: anyone could answer, so the answers do not stand for the population.")
               if summary.self_selected else _("Members of the citizen panel, weighted to the population."))
        blocks += [heading(survey.title), facts([(_("Answers"), str(summary.responses)), (_("Who answered"), who)])]
        for result in question_results(survey):
            for breakdown in result.breakdowns:
                blocks.append(_breakdown_table(breakdown))
            if result.text_count:
                blocks.append(paragraph(_("%(question)s: %(count)s written answers; they are part of the dialogue's "
                                          "input and its themes.") % {"question": result.question.text,
                                                                       "count": result.text_count}))
    return blocks


def _breakdown_table(breakdown: Breakdown) -> Block:
    if breakdown.withheld:
        return paragraph(_("%(question)s: too few answers to publish.") % {"question": breakdown.title})
    if not breakdown.cells:
        mean = "–" if breakdown.mean is None else formats.number_format(breakdown.mean, 1)
        return facts([(str(breakdown.title), _("mean %(mean)s of %(count)s answers") % {
            "mean": mean, "count": breakdown.respondents})])
    rows = []
    for cell in breakdown.cells:
        weighted = "–"
        if cell.weighted is not None:
            weighted = (f"{formats.number_format(100 * cell.weighted.share, 0)} % "
                        f"({formats.number_format(100 * cell.weighted.low, 0)}–"
                        f"{formats.number_format(100 * cell.weighted.high, 0)})")
        rows.append([str(cell.label), "–" if cell.count is None else str(cell.count),
                     "–" if cell.percent is None else f"{cell.percent} %", weighted])
    return table(str(breakdown.title), [_("Answer"), _("Number"), _("Share"), _("Weighted share (95 % interval)")],
                 rows, note=_("Effective sample size %(n)s, design effect %(deff)s.") % {
                     "n": formats.number_format(breakdown.effective_n, 0),
                     "deff": formats.number_format(breakdown.design_effect, 2)})


def register() -> None:
    register_part(Part(key="surveys_results", title=gettext_lazy("Surveys"), assemble=survey_blocks, order=64))
    register_part(Part(key="proposals", title=gettext_lazy("Related citizen proposals"), assemble=proposal_blocks,
                       order=62))
    register_part(Part(key="working_groups", title=gettext_lazy("Working groups"), assemble=working_group_blocks,
                       order=66))
