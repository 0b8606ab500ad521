"""Casting a ballot online or entering one from paper: once per code or person, safe to retry."""

from __future__ import annotations

import datetime as dt
import re
import secrets
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from radslag.audit.services import record_event
from radslag.core.access import has_capability
from radslag.core.errors import DomainError, PermissionDeniedError
from radslag.core.permissions import Capability
from radslag.organisations.models import Locality
from radslag.voting.choices import canonical_choices
from radslag.voting.codes import hash_code, normalise_code
from radslag.voting.models import Ballot, CastBallot, Eligibility, PaperBatch, VotingCode, used_hour

_KEY = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
# Ballots cast by a signed-in person, who may cast one (database constraint one_ballot_per_voter).
PERSONAL = (Eligibility.RESIDENTS, Eligibility.PANEL)
RATE_WINDOW_SECONDS = 3600


class AlreadyVotedError(DomainError):
    """The code or person has already cast a ballot (a different submission, not a retry)."""


@dataclass(frozen=True)
class VoterProfile:
    """The optional profile questions: used only for participation figures."""

    locality: Locality | None = None
    age_band: str = ""


def new_receipt() -> str:
    raw = secrets.token_hex(6).upper()
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def new_idempotency_key() -> str:
    return secrets.token_urlsafe(24)


def _checked_key(idempotency_key: str) -> str:
    if not _KEY.match(idempotency_key or ""):
        raise DomainError(_("The ballot could not be read. Reload the page and try again."))
    return idempotency_key


def _previous(ballot: Ballot, key: str) -> CastBallot | None:
    return CastBallot.objects.filter(ballot=ballot, idempotency_key=key).first()


def _lock_code(ballot: Ballot, code: str) -> VotingCode:
    if not normalise_code(code):
        raise DomainError(_("Enter the voting code from your slip."))
    row = VotingCode.objects.select_for_update().filter(ballot=ballot, code_hash=hash_code(code)).first()
    if row is None:
        raise DomainError(_("The code does not exist for this ballot. Check that you typed it correctly."))
    return row


def _check_open(ballot: Ballot, at: dt.datetime) -> None:
    if ballot.has_closed(at):
        raise DomainError(_("The vote has closed. Ballots can no longer be cast."))
    if not ballot.is_open(at):
        raise DomainError(_("The vote has not opened yet."))


def _check_resident(ballot: Ballot, voter: Any) -> None:
    if not getattr(voter, "is_authenticated", False):
        raise PermissionDeniedError(_("Sign in to vote."))
    if voter.verification_level < ballot.min_verification_level:
        raise PermissionDeniedError(_("Your account must be verified at a higher level to vote in this ballot."))


def is_panel_member(voter: Any, ballot: Ballot) -> bool:
    """Through the reverse relation of the panels app's membership, so voting does not import panels."""
    memberships = getattr(voter, "panel_memberships", None)
    if memberships is None:
        return False
    return bool(memberships.filter(panel__organisation_id=ballot.organisation_id, left_at__isnull=True).exists())


def _check_panel_member(ballot: Ballot, voter: Any) -> None:
    if not getattr(voter, "is_authenticated", False):
        raise PermissionDeniedError(_("Sign in to vote."))
    if not is_panel_member(voter, ballot):
        raise PermissionDeniedError(_("Only members of the municipality's citizen panel may vote in this ballot."))


def _rate_key(ballot: Ballot, client_hash: str, at: dt.datetime) -> str:
    """One counter per ballot, connection and clock hour, in the cache: the ballot row never holds the address."""
    return f"radslag:voting:open:{ballot.pk}:{client_hash}:{at:%Y%m%d%H}"


def _check_rate(ballot: Ballot, client_hash: str, at: dt.datetime) -> None:
    limit = getattr(settings, "RADSLAG_OPEN_BALLOT_LIMIT_PER_HOUR", 30)
    if (cache.get(_rate_key(ballot, client_hash, at)) or 0) >= limit:
        raise DomainError(_("Too many ballots have been cast from this connection. Try again in an hour."))


def _count_for_rate(ballot: Ballot, client_hash: str, at: dt.datetime) -> None:
    key = _rate_key(ballot, client_hash, at)
    if not cache.add(key, 1, timeout=RATE_WINDOW_SECONDS):
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=RATE_WINDOW_SECONDS)


def _profile_fields(ballot: Ballot, profile: VoterProfile | None) -> dict[str, Any]:
    if profile is None or not ballot.collect_profile:
        return {}
    if profile.locality is not None and profile.locality.organisation_id != ballot.organisation_id:
        raise DomainError(_("Choose one of the municipality's localities."))
    return {"locality": profile.locality, "age_band": profile.age_band}


def _same_sender(previous: CastBallot, voter: Any) -> bool:
    """A retry comes from whoever sent the first submission. A cast ballot keeps no link to its code, so for
    code ballots the idempotency key (a secret the voter's page or kiosk made) is what identifies the sender."""
    return previous.voter_id == getattr(voter, "pk", None)


def _insert(ballot: Ballot, key: str, **fields: Any) -> CastBallot:
    """Insert in a savepoint; a duplicate (a concurrent retry, a second vote) becomes a clear answer."""
    try:
        with transaction.atomic():
            return CastBallot.objects.create(ballot=ballot, idempotency_key=key, receipt=new_receipt(), **fields)
    except IntegrityError:
        previous = _previous(ballot, key)
        if previous is not None and _same_sender(previous, fields.get("voter")):
            return previous
        raise AlreadyVotedError(_("You have already voted in this ballot.")) from None


@transaction.atomic
def cast_ballot(
    *,
    ballot: Ballot,
    choices: Any,
    idempotency_key: str,
    code: str = "",
    voter: Any = None,
    client_hash: str = "",
    profile: VoterProfile | None = None,
    at: dt.datetime | None = None,
) -> CastBallot:
    """Count one ballot online. A retry with the same idempotency key returns the first receipt."""
    at = at or timezone.now()
    key = _checked_key(idempotency_key)
    code_row = _lock_code(ballot, code) if ballot.eligibility == Eligibility.CODES else None
    person = voter if ballot.eligibility in PERSONAL else None
    # An unused code cannot have an earlier submission, so the lookup is only needed otherwise.
    previous = _previous(ballot, key) if code_row is None or code_row.used_at is not None else None
    if previous is not None and _same_sender(previous, person):
        return previous
    if code_row is not None and code_row.used_at is not None:
        raise AlreadyVotedError(_("The code has already been used."))
    if ballot.eligibility == Eligibility.RESIDENTS:
        _check_resident(ballot, voter)
    if ballot.eligibility == Eligibility.PANEL:
        _check_panel_member(ballot, voter)
    _check_open(ballot, at)
    if ballot.eligibility == Eligibility.OPEN:
        _check_rate(ballot, client_hash, at)
    options = list(ballot.options.values_list("pk", flat=True))
    stored = canonical_choices(ballot, [str(pk) for pk in options], choices)
    cast = _insert(ballot, key, choices=stored, source=CastBallot.Source.WEB, voter=person,
                   **_profile_fields(ballot, profile))
    if code_row is not None:
        code_row.used_at = used_hour(at)
        code_row.save(update_fields=["used_at"])
    if ballot.eligibility == Eligibility.OPEN:
        _count_for_rate(ballot, client_hash, at)
    return cast


@transaction.atomic
def enter_paper_ballot(
    *, ballot: Ballot, batch_label: str, choices: Any, idempotency_key: str, entered_by: Any,
    profile: VoterProfile | None = None,
) -> CastBallot:
    """Staff type in a paper ballot from a meeting; it is counted and marked as paper."""
    if not has_capability(entered_by, ballot.organisation, Capability.VOTING_ENTER_PAPER):
        raise PermissionDeniedError(_("Only staff may enter paper ballots."))
    if ballot.results_published_at is not None:
        raise DomainError(_("The results are published; no more paper ballots can be entered."))
    key = _checked_key(idempotency_key)
    previous = _previous(ballot, key)
    if previous is not None:
        return previous
    label = batch_label.strip()
    if not label:
        raise DomainError(_("Name the pile of paper ballots, for example the meeting and table."))
    batch, _created = PaperBatch.objects.get_or_create(ballot=ballot, label=label, defaults={"entered_by": entered_by})
    options = [str(pk) for pk in ballot.options.values_list("pk", flat=True)]
    stored = canonical_choices(ballot, options, choices)
    cast = _insert(ballot, key, choices=stored, source=CastBallot.Source.PAPER, paper_batch=batch,
                   **_profile_fields(ballot, profile))
    record_event(
        organisation=ballot.organisation, actor=entered_by, action="ballot.paper_entered", target=ballot,
        data={"receipt": cast.receipt, "batch": label},
    )
    return cast
