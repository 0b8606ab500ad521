"""What the voting app links to a signed-in person: that they voted in a ballot, never how.

A ballot cast while signed in is stored with the voter so that nobody votes twice. What the person
chose is counted anonymously: it is published by receipt in the ballot list, so neither the choices
nor the receipt are given out with the person's data (that would tie a name to a published ballot).
Once a ballot has closed the link to the voter has done its job and can be removed: on an erasure
request, and by retention.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from radslag.audit.personal_data import OnErasure, PersonalDataKind, Retention
from radslag.voting.models import CastBallot


def _cast(person: Any, organisation: Any) -> QuerySet[CastBallot]:
    return CastBallot.objects.filter(voter=person, ballot__organisation=organisation)


def _export(person: Any, organisation: Any) -> list[dict[str, Any]]:
    rows = _cast(person, organisation).select_related("ballot__process").order_by("created_at")
    return [
        {"ballot": cast.ballot.title, "dialogue": cast.ballot.process.title,
         "voted_on": timezone.localdate(cast.created_at).isoformat()}
        for cast in rows.only("created_at", "ballot__title", "ballot__process__title")
    ]


def _unlink_closed(person: Any, organisation: Any) -> int:
    """Remove the voter from ballots that have closed; an open ballot needs the link to refuse a second vote."""
    closed = _cast(person, organisation).filter(ballot__closes_at__lte=timezone.now())
    return CastBallot.objects.filter(pk__in=closed.values("pk")).update(voter=None)


def _links_due(organisation: Any, cutoff: dt.datetime) -> QuerySet[CastBallot]:
    return CastBallot.objects.filter(ballot__organisation=organisation, voter__isnull=False,
                                     ballot__closes_at__lt=cutoff)


def _unlink_rows(rows: QuerySet[CastBallot]) -> int:
    return CastBallot.objects.filter(pk__in=rows.values("pk")).update(voter=None)


BALLOTS_CAST = PersonalDataKind(
    key="voting.voter_links", section="ballots_cast", label=_("Ballots cast while signed in (the link to the voter)"),
    on_erasure=OnErasure.PSEUDONYMISE,
    reason=_("Your ballots stay in the count, which is a public record, but the link to you is removed once the "
             "vote has closed. Until then it is kept so that nobody can vote twice. How you voted is never linked "
             "to your name in anything we publish."),
    rows=_cast, export=_export, erase=_unlink_closed,
    retention=Retention(due=_links_due, destroy=_unlink_rows,
                        explains=_("from when the ballot closed; only the link to the voter is destroyed")),
)
