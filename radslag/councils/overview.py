"""Reads about consultations: who has answered, who is overdue, and what a process's decision basis lists.

`consultations_for_process` and `published_answers_for_process` are the interface for the decision
basis (reports): they give a process's consultations and their published answers, with files.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import groupby

from django.db.models import Prefetch, QuerySet

from radslag.councils.models import Consultation, ConsultationAnswer
from radslag.dialogues.models import DialogueProcess
from radslag.organisations.models import Organisation


@dataclass(frozen=True)
class ConsultationStatus:
    consultation: Consultation
    asked: int
    answered: int
    late: int
    unanswered: tuple[str, ...]  # names of the councils and consultees that have not answered
    overdue: bool  # sent, the reply-by date has passed and someone has not answered
    unpublished: int


@dataclass(frozen=True)
class ProcessConsultations:
    process: DialogueProcess
    statuses: tuple[ConsultationStatus, ...]

    @property
    def overdue(self) -> int:
        return sum(1 for status in self.statuses if status.overdue)

    @property
    def late(self) -> int:
        return sum(status.late for status in self.statuses)

    @property
    def answered(self) -> int:
        return sum(status.answered for status in self.statuses)

    @property
    def asked(self) -> int:
        return sum(status.asked for status in self.statuses)


def _with_answers(queryset: QuerySet[Consultation]) -> QuerySet[Consultation]:
    answers = ConsultationAnswer.objects.select_related("council", "consultee").prefetch_related("attachments")
    return queryset.select_related("process").prefetch_related(
        "councils", "consultees", "documents", Prefetch("answers", queryset=answers))


def status_of(consultation: Consultation, today: dt.date) -> ConsultationStatus:
    """Counts from prefetched rows (see `_with_answers`), so a list of statuses costs a fixed number of queries."""
    answers = list(consultation.answers.all())
    by_council = {a.council_id for a in answers if a.council_id}
    by_consultee = {a.consultee_id for a in answers if a.consultee_id}
    missing = [c.name for c in consultation.councils.all() if c.pk not in by_council]
    missing += [c.name for c in consultation.consultees.all() if c.pk not in by_consultee]
    asked = len(consultation.councils.all()) + len(consultation.consultees.all())
    return ConsultationStatus(
        consultation=consultation, asked=asked, answered=len(answers), late=sum(1 for a in answers if a.late),
        unanswered=tuple(missing), overdue=consultation.is_sent and today > consultation.reply_by and bool(missing),
        unpublished=sum(1 for a in answers if not a.is_published),
    )


def statuses_by_process(organisation: Organisation, today: dt.date) -> list[ProcessConsultations]:
    """Every consultation of the municipality with its status, grouped by process (newest process first)."""
    consultations = _with_answers(Consultation.objects.for_organisation(organisation)
                                  .order_by("-process__created_at", "process_id", "-created_at"))
    return [
        ProcessConsultations(process=process, statuses=tuple(status_of(c, today) for c in group))
        for process, group in groupby(consultations, key=lambda c: c.process)
    ]


def consultations_for_process(process: DialogueProcess) -> QuerySet[Consultation]:
    """The process's sent consultations, with councils, consultees, documents and all answers prefetched."""
    return _with_answers(Consultation.objects.for_process(process).sent().order_by("sent_at", "pk"))


def published_answers_for_process(process: DialogueProcess) -> QuerySet[ConsultationAnswer]:
    """The published answers to the process's consultations, in the order they were submitted."""
    return (ConsultationAnswer.objects.published().filter(consultation__process=process)
            .select_related("consultation", "council", "consultee").prefetch_related("attachments")
            .order_by("consultation__sent_at", "consultation_id", "submitted_at", "pk"))
