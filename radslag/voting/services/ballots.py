"""Staff writes on ballots: create and edit, options, code sheets, opening, closing, publishing."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from radslag.analysis.ballot_rules import normalise_word
from radslag.audit.services import record_event
from radslag.core import codes
from radslag.core.access import has_capability
from radslag.core.errors import DomainError, PermissionDeniedError
from radslag.core.permissions import Capability
from radslag.dialogues.models import DialogueProcess
from radslag.dialogues.notify import process_topics
from radslag.messaging.outbox import announce
from radslag.voting.codes import PURPOSE, new_salt
from radslag.voting.models import Ballot, CodeBatch, HiddenWord, Method, Option, VotingCode

MAX_CODES_PER_BATCH = 5000
# Changing these after anyone voted would change what the cast ballots mean.
RULE_FIELDS = ("method", "dots_per_voter", "cap_per_option", "eligibility", "min_verification_level")
BALLOT_FIELDS = (
    "title", "title_en", "question", "question_en", "method", "dots_per_voter", "cap_per_option", "eligibility",
    "min_verification_level",
    "collect_profile", "opens_at", "closes_at", "results_visibility", "activity",
)


def _require_staff(user: Any, organisation: Any, capability: Capability = Capability.PROCESS_MANAGE) -> None:
    if not has_capability(user, organisation, capability):
        raise PermissionDeniedError(_("Only the municipality's staff may manage ballots."))


def _require_not_published(ballot: Ballot) -> None:
    if ballot.results_published_at is not None:
        raise DomainError(_("The result is published and final; the ballot, its times and its options can no "
                            "longer be changed."))


def _audit_value(value: Any) -> Any:
    """A field's value as the audit log keeps it: times in ISO 8601 (UTC), related rows by id."""
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(value, models.Model):
        return value.pk
    return value


def _changes(old: dict[str, Any], new: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """{field: {"old", "new"}} for the fields whose value differs, as the audit log records a change."""
    return {name: {"old": _audit_value(old.get(name)), "new": _audit_value(value)}
            for name, value in new.items() if old.get(name) != value}


def _require_no_votes(ballot: Ballot) -> None:
    if ballot.cast_ballots.exists():
        raise DomainError(_("Ballots have been cast; the options and the rules of the vote can no longer change."))


@transaction.atomic
def save_ballot(*, process: DialogueProcess, user: Any, values: dict[str, Any], ballot: Ballot | None = None) -> Ballot:
    """Create a ballot in the process, or change one; the rules are locked once anyone has voted.

    Nothing changes once the result is published. Every change is audited with its old and new values.
    """
    _require_staff(user, process.organisation)
    creating = ballot is None
    changes: dict[str, dict[str, Any]] = {}
    if ballot is None:
        ballot = Ballot(organisation=process.organisation, process=process)
    else:
        stored = Ballot.objects.select_for_update().get(pk=ballot.pk)
        _require_not_published(stored)
        if any(getattr(stored, name) != values[name] for name in RULE_FIELDS if name in values):
            _require_no_votes(ballot)
        changes = _changes({name: getattr(stored, name) for name in BALLOT_FIELDS},
                           {name: values[name] for name in BALLOT_FIELDS if name in values})
    for name in BALLOT_FIELDS:
        if name in values:
            setattr(ballot, name, values[name])
    ballot.save()
    record_event(organisation=process.organisation, actor=user,
                 action="ballot.created" if creating else "ballot.changed", target=ballot,
                 data={"changes": changes} if changes else None)
    return ballot


@transaction.atomic
def save_option(*, ballot: Ballot, user: Any, title: str, description: str = "", order: int | None = None,
                option: Option | None = None, title_en: str = "", description_en: str = "") -> Option:
    _require_staff(user, ballot.organisation)
    _require_not_published(ballot)
    _require_no_votes(ballot)
    title = title.strip()
    if not title:
        raise DomainError(_("Give the option a title."))
    others = ballot.options.filter(title=title)
    if option is not None:
        others = others.exclude(pk=option.pk)
    if others.exists():
        raise DomainError(_("There is already an option with that title."))
    old = {} if option is None else {"title": option.title, "description": option.description,
                                     "order": option.order}
    if option is None:
        option = Option(ballot=ballot, order=ballot.options.count() + 1)
    option.title, option.description = title, description.strip()
    option.title_en, option.description_en = title_en.strip(), description_en.strip()
    if order is not None:
        option.order = order
    option.save()
    new = {"title": option.title, "description": option.description, "order": option.order}
    record_event(organisation=ballot.organisation, actor=user, action="ballot.option_saved", target=ballot,
                 data={"option": option.pk, "title": title, "changes": _changes(old, new)})
    return option


@transaction.atomic
def add_theme_options(*, ballot: Ballot, user: Any) -> int:
    """Adds the process's accepted, current themes as options (those not already on the ballot)."""
    _require_staff(user, ballot.organisation)
    _require_not_published(ballot)
    _require_no_votes(ballot)
    theme_model: Any = Option._meta.get_field("theme").related_model
    themes = theme_model.objects.filter(process=ballot.process, accepted=True, status="active")
    taken_titles = set(ballot.options.values_list("title", flat=True))
    taken_themes = set(ballot.options.exclude(theme=None).values_list("theme_id", flat=True))
    order = ballot.options.count()
    added = []
    for theme in themes:
        title = theme.name[:200]
        if theme.pk in taken_themes or title in taken_titles:
            continue
        order += 1
        taken_titles.add(title)
        added.append(Option(ballot=ballot, theme=theme, title=title, description=theme.description[:2000],
                            order=order))
    Option.objects.bulk_create(added)
    record_event(organisation=ballot.organisation, actor=user, action="ballot.theme_options_added", target=ballot,
                 data={"count": len(added)})
    return len(added)


@transaction.atomic
def delete_option(*, option: Option, user: Any) -> None:
    ballot = option.ballot
    _require_staff(user, ballot.organisation)
    _require_not_published(ballot)
    _require_no_votes(ballot)
    record_event(organisation=ballot.organisation, actor=user, action="ballot.option_deleted", target=ballot,
                 data={"option": option.pk, "title": option.title,
                       "changes": {"title": {"old": option.title, "new": None},
                                   "description": {"old": option.description, "new": None}}})
    option.delete()


@transaction.atomic
def generate_codes(*, ballot: Ballot, user: Any, count: int, label: str) -> CodeBatch:
    """A new sheet of `count` one-time codes. Only their HMACs are stored."""
    _require_staff(user, ballot.organisation, Capability.VOTING_MANAGE_CODES)
    if not 1 <= count <= MAX_CODES_PER_BATCH:
        raise DomainError(_("Choose between 1 and %(max)d codes.") % {"max": MAX_CODES_PER_BATCH})
    batch = CodeBatch.objects.create(ballot=ballot, label=label.strip() or _("Code sheet"), size=count,
                                     salt=new_salt(), created_by=user)
    VotingCode.objects.bulk_create(
        VotingCode(ballot=ballot, batch=batch, number=number, code_hash=code_hash)
        for number, code_hash in codes.numbered_hashes(PURPOSE, batch.salt, count)
    )
    record_event(organisation=ballot.organisation, actor=user, action="ballot.codes_generated", target=ballot,
                 data={"batch": batch.pk, "count": count})
    return batch


def sheet_codes(*, batch: CodeBatch, user: Any) -> list[tuple[int, str, bool]]:
    """(number, code, used) for printing; every print is written to the audit log."""
    _require_staff(user, batch.ballot.organisation, Capability.VOTING_MANAGE_CODES)
    used = set(batch.codes.filter(used_at__isnull=False).values_list("number", flat=True))
    record_event(organisation=batch.ballot.organisation, actor=user, action="ballot.code_sheet_printed",
                 target=batch.ballot, data={"batch": batch.pk})
    return codes.sheet(PURPOSE, batch.salt, batch.size, used)


@transaction.atomic
def open_ballot(*, ballot: Ballot, user: Any, at: dt.datetime | None = None) -> Ballot:
    _require_staff(user, ballot.organisation)
    at = at or timezone.now()
    if ballot.method != Method.WORDS and not ballot.options.count() >= 2:
        raise DomainError(_("Add at least two options before opening the vote."))
    if ballot.results_published_at is not None:
        raise DomainError(_("The results are published; the vote cannot be opened again."))
    before = {"opens_at": ballot.opens_at, "closes_at": ballot.closes_at}
    ballot.opens_at = at if ballot.opens_at is None or ballot.opens_at > at else ballot.opens_at
    ballot.closes_at = None if ballot.has_closed(at) else ballot.closes_at
    ballot.save(update_fields=["opens_at", "closes_at", "updated_at"])
    record_event(organisation=ballot.organisation, actor=user, action="ballot.opened", target=ballot,
                 data={"changes": _changes(before, {"opens_at": ballot.opens_at, "closes_at": ballot.closes_at})})
    return ballot


@transaction.atomic
def close_ballot(*, ballot: Ballot, user: Any, at: dt.datetime | None = None) -> Ballot:
    _require_staff(user, ballot.organisation)
    at = at or timezone.now()
    if not ballot.is_open(at):
        raise DomainError(_("The vote is not open."))
    old = ballot.closes_at
    ballot.closes_at = at
    ballot.save(update_fields=["closes_at", "updated_at"])
    record_event(organisation=ballot.organisation, actor=user, action="ballot.closed", target=ballot,
                 data={"ballots": ballot.cast_ballots.count(),
                       "changes": {"closes_at": {"old": _audit_value(old), "new": _audit_value(at)}}})
    return ballot


@transaction.atomic
def publish_results(*, ballot: Ballot, user: Any, at: dt.datetime | None = None) -> Ballot:
    _require_staff(user, ballot.organisation)
    at = at or timezone.now()
    _require_not_published(ballot)
    if not ballot.has_closed(at):
        raise DomainError(_("Close the vote before publishing the results."))
    ballot.results_published_at = at
    ballot.save(update_fields=["results_published_at", "updated_at"])
    record_event(organisation=ballot.organisation, actor=user, action="ballot.results_published", target=ballot,
                 data={"ballots": ballot.cast_ballots.count()})
    _announce_results(ballot)
    return ballot


def _announce_results(ballot: Ballot) -> None:
    """One notice to those who follow the ballot's process or its focus areas."""
    texts = {}
    for language in ("sv", "en"):
        with translation.override(language):
            title = ballot.title_en if language == "en" and ballot.title_en else ballot.title
            texts[language] = _("The result of the vote “%(title)s” is published") % {"title": title}
    announce(
        organisation=ballot.organisation, key=f"ballot-results:{ballot.pk}", topics=process_topics(ballot.process_id),
        title=texts["sv"], title_en=texts["en"], url=reverse("voting:results", kwargs={"ballot_pk": ballot.pk}),
    )


@transaction.atomic
def hide_word(*, ballot: Ballot, user: Any, word: str, hidden: bool = True) -> None:
    """Hides a word from the public word view (or shows it again); the ballots themselves are not changed."""
    _require_staff(user, ballot.organisation)
    if ballot.method != Method.WORDS:
        raise DomainError(_("Only a words ballot has words to hide."))
    word = normalise_word(word)
    if not word:
        raise DomainError(_("Say which word to hide."))
    if hidden:
        _row, created = HiddenWord.objects.get_or_create(ballot=ballot, word=word, defaults={"hidden_by": user})
    else:
        created = bool(HiddenWord.objects.filter(ballot=ballot, word=word).delete()[0])
    if created:
        record_event(organisation=ballot.organisation, actor=user, target=ballot,
                     action="ballot.word_hidden" if hidden else "ballot.word_shown", data={"word": word})
