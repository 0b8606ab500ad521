"""The open-data file: every public proposal with its support count and answer, as CSV (UTF-8, one row each).

Never who proposed (unless they chose to be named) or who supported: only counts.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator

from django.db.models import QuerySet

from radslag.organisations.models import Organisation
from radslag.proposals.models import Proposal

COLUMNS = ("id", "title", "text", "status", "proposer_name", "submitted_at", "accepted_at", "closes_at", "threshold",
           "support_count", "threshold_reached_at", "committee", "answer_due", "answered_at", "outcome", "answer",
           "decision", "decision_date", "process", "focus_areas", "localities")


class _Line:
    def write(self, value: str) -> str:
        return value


def _rows(proposals: QuerySet[Proposal]) -> Iterator[list[object]]:
    for p in proposals:
        yield [p.pk, p.title, p.text, p.status, p.proposer_name, p.submitted_at, p.accepted_at, p.closes_at,
               p.threshold, p.support_count, p.threshold_reached_at, p.committee.name if p.committee else "",
               p.answer_due, p.answered_at, p.outcome, p.answer, str(p.decision) if p.decision else "",
               p.decision.decided_on if p.decision else "", p.process.slug if p.process else "",
               "|".join(a.slug for a in p.focus_areas.all()), "|".join(loc.name for loc in p.localities.all())]


def proposal_lines(organisation: Organisation) -> Iterator[str]:
    """The CSV lines, header first, read in chunks so a long history is never held in memory at once."""
    writer = csv.writer(_Line())
    yield "\ufeff" + writer.writerow(COLUMNS)
    proposals = (Proposal.objects.public().filter(organisation=organisation).order_by("id")
                 .select_related("committee", "decision", "process").prefetch_related("focus_areas", "localities"))
    for row in _rows(proposals.iterator(chunk_size=500)):  # type: ignore[arg-type]
        yield writer.writerow(row)
