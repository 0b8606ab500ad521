"""Who may answer a consultation and who may see answers and files: rules about one council or answer.

Staff hold the capabilities in radslag.core.permissions; a council's secretary (a CouncilMember with the
secretary role and an account) answers for that council only, and sees its unpublished answers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from radslag.core.access import has_capability
from radslag.core.permissions import Capability
from radslag.councils.models import Attachment, Consultation, ConsultationAnswer, Council, CouncilMember


def is_staff(user: Any, organisation: Any) -> bool:
    return has_capability(user, organisation, Capability.COUNCILS_MANAGE)


def secretary_council_ids(user: Any) -> set[int]:
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(CouncilMember.objects.filter(user=user, role=CouncilMember.Role.SECRETARY)
               .values_list("council_id", flat=True))


@dataclass(frozen=True)
class Answering:
    """Whom one person may answer a consultation for: the one rule, asked once per request."""

    on_behalf_of_any: bool  # staff who answer consultations: every addressed council, and other consultees
    councils: list[Council]  # the addressed councils: all of them for staff, their own for a secretary

    @property
    def allowed(self) -> bool:
        return self.on_behalf_of_any or bool(self.councils)


def answering_for(user: Any, consultation: Consultation) -> Answering:
    councils = list(consultation.councils.all())
    if has_capability(user, consultation.organisation, Capability.CONSULTATIONS_ANSWER):
        return Answering(on_behalf_of_any=True, councils=councils)
    own = secretary_council_ids(user)
    return Answering(on_behalf_of_any=False, councils=[council for council in councils if council.pk in own])


def councils_user_answers_for(user: Any, consultation: Consultation) -> list[Council]:
    return answering_for(user, consultation).councils


def may_answer(user: Any, consultation: Consultation) -> bool:
    return answering_for(user, consultation).allowed


def may_see_answer(user: Any, answer: ConsultationAnswer) -> bool:
    organisation = answer.consultation.organisation
    if answer.is_published and answer.consultation.process.is_public:
        return True
    if is_staff(user, organisation):
        return True
    return answer.council_id is not None and answer.council_id in secretary_council_ids(user)


def may_see_documents(user: Any, consultation: Consultation) -> bool:
    """A consultation's documents: staff; the addressed secretaries once sent; everyone once an answer is public."""
    if is_staff(user, consultation.organisation):
        return True
    if consultation.is_sent and may_answer(user, consultation):
        return True
    return consultation.process.is_public and consultation.answers.published().exists()


def may_download(user: Any, attachment: Attachment) -> bool:
    if attachment.answer is not None:
        return may_see_answer(user, attachment.answer)
    return attachment.consultation is not None and may_see_documents(user, attachment.consultation)
