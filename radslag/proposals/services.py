"""Writes on proposals: the state machine, supports and the rules. Each one transaction, audited where
the proposal changes state, with mail queued for after commit.

The life of a proposal (`TRANSITIONS` is the whole table):

    submitted -> collecting (accepted) | refused (a rule and a written reason the proposer sees)
    collecting -> threshold_reached (by a support, at once) | period_ended (the period ran out)
    threshold_reached -> assigned (to a committee) -> handling -> answered (with the decision)
    period_ended -> answered (by staff)

A support is not audited one by one: who supported what is a political opinion, and the audit log is
kept longer than supports are. The count and the threshold step are.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from typing import Any

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from radslag.audit.services import record_event
from radslag.core import statements
from radslag.core.access import has_capability
from radslag.core.errors import DomainError, PermissionDeniedError
from radslag.core.permissions import Capability
from radslag.dialogues.models import DialogueProcess
from radslag.feedback.models import CARRIED_OUT, AnswerStatus
from radslag.governance.models import Decision, FocusArea
from radslag.organisations.models import Body, Locality, Organisation
from radslag.proposals import notify
from radslag.proposals.models import TITLE_MAX, Proposal, ProposalRules, ProposalUpdate, Support
from radslag.proposals.rules import age_band_of, current_rules, person_key, refusal_for_person, threshold_for

Status = Proposal.Status

# action -> (the states it may start from, the state it leads to)
TRANSITIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "accept": ((Status.SUBMITTED,), Status.COLLECTING),
    "refuse": ((Status.SUBMITTED,), Status.REFUSED),
    "reach_threshold": ((Status.COLLECTING,), Status.THRESHOLD_REACHED),
    "end_period": ((Status.COLLECTING,), Status.PERIOD_ENDED),
    "assign": ((Status.THRESHOLD_REACHED,), Status.ASSIGNED),
    "start_handling": ((Status.ASSIGNED,), Status.HANDLING),
    "answer": ((Status.HANDLING, Status.PERIOD_ENDED), Status.ANSWERED),
}


def _require_handler(user: Any, organisation: Organisation) -> None:
    if not has_capability(user, organisation, Capability.PROPOSALS_HANDLE):
        raise PermissionDeniedError(_("You may not handle proposals."))


def _transition(proposal: Proposal, action: str, *, actor: Any, fields: dict[str, Any], reason: str = "") -> Proposal:
    """Moves the proposal by `action` if its current state allows it (checked on the locked row)."""
    starts, target = TRANSITIONS[action]
    locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if locked.status not in starts:
        raise DomainError(_("This cannot be done now: the proposal is “%(status)s”.")
                          % {"status": Proposal.Status(locked.status).label})
    for name, value in {**fields, "status": target}.items():
        setattr(locked, name, value)
    locked.save()
    record_event(organisation=locked.organisation, actor=actor, action=f"proposal.{action}", target=locked,
                 reason=reason, data={"from": proposal.status, "to": target})
    notify.tell_followers(proposal=locked, step=target, actor=actor)
    proposal.refresh_from_db()
    return locked


def _clean_text(title: str, text: str, rules: ProposalRules) -> tuple[str, str]:
    title, text = title.strip(), text.strip()
    if not title or not text:
        raise DomainError(_("Write both a title and the proposal."))
    if len(title) > TITLE_MAX:
        raise DomainError(_("The title may be at most %(limit)s characters long.") % {"limit": TITLE_MAX})
    if len(text) > rules.text_max_length:
        raise DomainError(_("The proposal may be at most %(limit)s characters long; it is %(length)s.")
                          % {"limit": rules.text_max_length, "length": len(text)})
    return title, text


@transaction.atomic
def save_rules(*, organisation: Organisation, actor: Any, fields: dict[str, Any]) -> ProposalRules:
    """New rules as a new version: proposals already submitted keep theirs."""
    if not has_capability(actor, organisation, Capability.ORGANISATION_CONFIGURE):
        raise PermissionDeniedError(_("Only an administrator changes the rules."))
    latest = current_rules(organisation)
    rules = ProposalRules(organisation=organisation, version=latest.version + 1, created_by=actor, **fields)
    rules.save()
    record_event(organisation=organisation, actor=actor, action="proposal.rules_saved", target=rules,
                 data={"version": rules.version})
    return rules


@transaction.atomic
def submit_proposal(
    *, organisation: Organisation, user: Any, title: str, text: str, show_name: bool = False,
    tie: str = Support.Tie.RESIDENT, process: DialogueProcess | None = None,
    focus_areas: Iterable[FocusArea] = (), localities: Iterable[Locality] = (), now: dt.datetime | None = None,
) -> Proposal:
    rules = current_rules(organisation)
    refusal = refusal_for_person(user, rules, tie=tie)
    if refusal:
        raise DomainError(refusal)
    title, text = _clean_text(title, text, rules)
    focus_areas, localities = list(focus_areas), list(localities)
    if (process is not None and process.organisation_id != organisation.pk) or any(
            area.organisation_id != organisation.pk for area in focus_areas) or any(
            place.organisation_id != organisation.pk for place in localities):
        raise DomainError(_("Choose the municipality's own processes, focus areas and localities."))
    proposal = Proposal.objects.create(
        organisation=organisation, rules=rules, title=title, text=text, proposer=user,
        proposer_name=(user.display_name or "") if show_name else "", submitted_at=now or timezone.now(),
        process=process)
    proposal.focus_areas.set(focus_areas)
    proposal.localities.set(localities)
    record_event(organisation=organisation, actor=user, action="proposal.submit", target=proposal,
                 data={"rules_version": rules.version})
    notify.follow_proposal(proposal=proposal, user=user)
    return proposal


@transaction.atomic
def accept_proposal(*, proposal: Proposal, actor: Any, now: dt.datetime | None = None) -> Proposal:
    _require_handler(actor, proposal.organisation)
    now = now or timezone.now()
    return _transition(proposal, "accept", actor=actor, fields={
        "checked_at": now, "accepted_at": now, "threshold": threshold_for(proposal.rules),
        "closes_at": now + dt.timedelta(days=proposal.rules.collection_days)})


@transaction.atomic
def refuse_proposal(*, proposal: Proposal, actor: Any, rule: str, reason: str,
                    now: dt.datetime | None = None) -> Proposal:
    _require_handler(actor, proposal.organisation)
    rule, reason = rule.strip(), reason.strip()
    if not rule or not reason:
        raise DomainError(_("Name the rule and write the reason: the proposer reads both."))
    return _transition(proposal, "refuse", actor=actor, reason=reason, fields={
        "checked_at": now or timezone.now(), "refusal_rule": rule, "refusal_reason": reason})


def end_period(*, proposal: Proposal, now: dt.datetime | None = None) -> bool:
    """The collection period is over: a proposal below the threshold goes to staff for an answer, one
    that reached it stops collecting. True when something changed."""
    now = now or timezone.now()
    if proposal.closes_at is None or proposal.closes_at > now or proposal.collection_ended_at is not None:
        return False
    with transaction.atomic():
        if (proposal.status == Status.COLLECTING and proposal.threshold is not None
                and proposal.support_count >= proposal.threshold):
            _reach_threshold(proposal, min(now, proposal.closes_at))  # a support's own step was cut short
            proposal.refresh_from_db()
        if proposal.status == Status.COLLECTING:
            _transition(proposal, "end_period", actor=None, fields={
                "collection_ended_at": proposal.closes_at,
                "answer_due": proposal.closes_at + dt.timedelta(days=proposal.rules.answer_days)})
            return True
        return bool(Proposal.objects.filter(pk=proposal.pk, collection_ended_at__isnull=True).exclude(
            status=Status.COLLECTING).update(collection_ended_at=proposal.closes_at))


def end_periods(*, organisation: Organisation | None = None, now: dt.datetime | None = None) -> int:
    """Every proposal whose period has run out, and any collecting one whose count has reached the threshold
    without moving on (a periodic task and `manage.py end_proposal_periods`)."""
    now = now or timezone.now()
    scope = Proposal.objects.select_related("rules")
    if organisation is not None:
        scope = scope.filter(organisation=organisation)
    # A support that took the count to the threshold moves the proposal itself; this finds any whose
    # process died between storing the support and that step.
    missed = scope.filter(status=Status.COLLECTING, support_count__gte=F("threshold"), closes_at__gt=now)
    changed = sum(_reach_threshold(proposal, now) for proposal in missed)
    due = scope.filter(closes_at__lte=now, collection_ended_at__isnull=True)
    return changed + sum(end_period(proposal=proposal, now=now) for proposal in due)


@transaction.atomic
def assign_to_committee(*, proposal: Proposal, actor: Any, committee: Body,
                        now: dt.datetime | None = None) -> Proposal:
    _require_handler(actor, proposal.organisation)
    if committee.organisation_id != proposal.organisation_id:
        raise DomainError(_("Choose one of the municipality's own committees."))
    now = now or timezone.now()
    return _transition(proposal, "assign", actor=actor, fields={
        "committee": committee, "assigned_at": now, "collection_ended_at": proposal.collection_ended_at or now})


@transaction.atomic
def start_handling(*, proposal: Proposal, actor: Any, now: dt.datetime | None = None) -> Proposal:
    _require_handler(actor, proposal.organisation)
    return _transition(proposal, "start_handling", actor=actor, fields={"handling_started_at": now or timezone.now()})


@transaction.atomic
def answer_proposal(*, proposal: Proposal, actor: Any, outcome: str, answer: str, decision: Decision | None = None,
                    progress: int | None = None, progress_note: str = "", now: dt.datetime | None = None) -> Proposal:
    """The committee's answer (with its decision) or, below the threshold, the staff's answer."""
    _require_handler(actor, proposal.organisation)
    answer = answer.strip()
    if outcome not in AnswerStatus.values or not answer:
        raise DomainError(_("Choose an outcome and write the answer."))
    if decision is not None and decision.organisation_id != proposal.organisation_id:
        raise DomainError(_("Choose one of the municipality's own decisions."))
    if decision is None and proposal.status == Status.HANDLING:
        raise DomainError(_("Link the committee's decision: a proposal that reached the threshold is answered "
                            "by a decision."))
    return _transition(proposal, "answer", actor=actor, fields={
        "outcome": outcome, "answer": answer, "decision": decision, "answered_at": now or timezone.now(),
        **_progress_fields(outcome, progress, progress_note)})


def _progress_fields(outcome: str, progress: int | None, progress_note: str) -> dict[str, Any]:
    """Progress belongs to an outcome that is being (or has been) carried out; for any other it is cleared."""
    if progress is not None and not 0 <= progress <= 100:
        raise DomainError(_("Give the progress as a share between 0 and 100 per cent."))
    if outcome not in CARRIED_OUT:
        return {"progress": None, "progress_note": ""}
    return {"progress": progress, "progress_note": progress_note.strip()[:200]}


@transaction.atomic
def record_progress(*, proposal: Proposal, actor: Any, outcome: str, progress: int | None = None,
                    progress_note: str = "") -> Proposal:
    """After the answer: the work moves on (looked into, carried out, done), shown on the proposal's page and
    on its dialogue's "what happened" page. A new outcome is told to the proposal's followers, once each."""
    _require_handler(actor, proposal.organisation)
    locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if locked.status != Status.ANSWERED:
        raise DomainError(_("Progress is recorded once the proposal has been answered."))
    doing = set(AnswerStatus.values) - {AnswerStatus.REJECTED}
    if locked.outcome not in doing or outcome not in doing:
        raise DomainError(_("A declined proposal has nothing carried out; choose what is being done."))
    before = locked.outcome
    for name, value in {"outcome": outcome, **_progress_fields(outcome, progress, progress_note)}.items():
        setattr(locked, name, value)
    locked.save()
    record_event(organisation=locked.organisation, actor=actor, action="proposal.progress", target=locked,
                 data={"outcome": {"from": before, "to": outcome}, "progress": locked.progress})
    if outcome != before:
        notify.tell_followers(proposal=locked, step=f"outcome:{outcome}", actor=actor)
    proposal.refresh_from_db()
    return locked


class ProposalNotFoundError(DomainError):
    """The id names no public proposal of this municipality (a tampered or stale link)."""


def _supportable(organisation: Organisation, proposal_id: Any) -> Proposal:
    """The public proposal `proposal_id` names in this municipality, with its rules, or ProposalNotFoundError.

    Every support and withdrawal starts here, so the statement is written out once (core.statements)
    rather than compiled by the ORM per click. An id that is not a number, or is beyond what a key can
    hold (a tampered link), names nothing.
    """
    pk = statements.parse_key(proposal_id)
    row = statements.fetch_row(_supportable_sql(), [organisation.pk, pk, *Proposal.NOT_PUBLIC]) if pk else None
    if row is None:
        raise ProposalNotFoundError(_("There is no such proposal. Check the link and try again."))
    proposal = statements.load(Proposal, row)
    proposal.rules = statements.load(ProposalRules, row, offset=statements.width(Proposal))
    proposal.organisation = organisation  # already loaded with the request: no second query
    return proposal


@functools.cache
def _supportable_sql() -> str:
    placeholders = ", ".join(["%s"] * len(Proposal.NOT_PUBLIC))
    return (
        f"SELECT {statements.columns(Proposal, 'p')}, {statements.columns(ProposalRules, 'r')} "  # noqa: S608 - names from model metadata
        f"FROM {statements.table(Proposal)} p JOIN {statements.table(ProposalRules)} r "
        f"ON r.{statements.column(ProposalRules, 'id')} = p.{statements.column(Proposal, 'rules')} "
        f"WHERE p.{statements.column(Proposal, 'organisation')} = %s AND p.{statements.column(Proposal, 'id')} = %s "
        f"AND p.{statements.column(Proposal, 'status')} NOT IN ({placeholders})"
    )


def support_proposal(*, organisation: Organisation, proposal_id: Any, user: Any, tie: str = Support.Tie.RESIDENT,
                     wants_news: bool = False, now: dt.datetime | None = None) -> int:
    """One support per person; returns the proposal's new count of supports.

    This is the busiest write of a popular proposal, so it is as short as the database allows: the
    unique constraint decides between parallel clicks (`ON CONFLICT DO NOTHING`, no savepoint), and the
    count is added to last, so the popular proposal's row is locked only for a moment. On PostgreSQL
    the support and the count are one statement (`_store_support_at_once`): it commits or fails whole,
    with no transaction around it. The support that takes the count to the threshold then moves the
    proposal in a transaction of its own (`_reach_threshold`), which exactly one support can win; should
    the process die between the two, the hourly `end_periods` finds the proposal collecting at or above
    its threshold and moves it.
    """
    now = now or timezone.now()
    proposal = _supportable(organisation, proposal_id)
    if not proposal.is_open_for_support(at=now):
        raise DomainError(_("The proposal no longer collects support: its period has ended."))
    if tie not in Support.Tie.values:
        raise DomainError(_("Say how you are tied to the municipality."))
    refusal = refusal_for_person(user, proposal.rules, tie=tie)
    if refusal:
        raise DomainError(refusal)
    values = _support_values(proposal=proposal, user=user, tie=tie, wants_news=wants_news)
    if connection.vendor == "postgresql" and not wants_news:
        count = _store_support_at_once(proposal, values)
    else:
        with transaction.atomic():
            count = _store_support(proposal, values)
            if wants_news and count is not None:
                notify.follow_proposal(proposal=proposal, user=user)
    if count is None:
        raise DomainError(_("You already support this proposal: each person supports a proposal once."))
    if proposal.status == Status.COLLECTING and proposal.threshold is not None and count >= proposal.threshold:
        _reach_threshold(proposal, now)
    return count


_SUPPORT_COLUMNS = ("proposal_id", "user_id", "person_key", "tie", "age_band", "locality_id", "wants_news",
                    "created_at")


def _support_values(*, proposal: Proposal, user: Any, tie: str, wants_news: bool) -> list[Any]:
    return [proposal.pk, user.pk, person_key(user), tie, age_band_of(user), user.locality_id, wants_news,
            connection.ops.adapt_datetimefield_value(timezone.now())]


@functools.cache
def _insert_support_sql() -> str:
    quote = connection.ops.quote_name
    return (f"INSERT INTO {statements.table(Support)} ({', '.join(map(quote, _SUPPORT_COLUMNS))}) "  # noqa: S608 - names from model metadata
            f"VALUES ({', '.join(['%s'] * len(_SUPPORT_COLUMNS))}) ON CONFLICT DO NOTHING")


def _count_update(condition: str = "") -> str:
    count = statements.column(Proposal, "support_count")
    return (f"UPDATE {statements.table(Proposal)} SET {count} = {count} + 1 "  # noqa: S608 - names from model metadata
            f"WHERE {statements.column(Proposal, 'id')} = %s{condition} RETURNING {count}")


@functools.cache
def _add_to_count_sql() -> str:
    return _count_update()


def _store_support(proposal: Proposal, values: list[Any]) -> int | None:
    """Stores the support and adds it to the count, inside the caller's transaction; the new count, or
    None when this person already supports the proposal."""
    with connection.cursor() as cursor:
        cursor.execute(_insert_support_sql(), values)
        if cursor.rowcount != 1:
            return None
        cursor.execute(_add_to_count_sql(), [proposal.pk])
        return int(cursor.fetchone()[0])


@functools.cache
def _store_support_at_once_sql() -> str:
    """The insert and the count's update together: `_add_to_count_sql` where the insert stored a row."""
    stored_a_row = " AND EXISTS (SELECT 1 FROM stored)"
    return f"WITH stored AS ({_insert_support_sql()} RETURNING 1) {_count_update(stored_a_row)}"


def _store_support_at_once(proposal: Proposal, values: list[Any]) -> int | None:
    """PostgreSQL: the support and the count in one statement, so one round trip and one commit; the
    count is added only where the support was stored. The new count, or None for a second support."""
    row = statements.fetch_row(_store_support_at_once_sql(), [*values, proposal.pk])
    return None if row is None else int(row[0])


def _reach_threshold(proposal: Proposal, now: dt.datetime) -> bool:
    """Moves a collecting proposal whose count has reached its threshold, audited and told to its
    followers; exactly one caller wins (the update names the state it starts from). True if this one did."""
    with transaction.atomic():
        reached = Proposal.objects.filter(
            pk=proposal.pk, status=Status.COLLECTING, support_count__gte=F("threshold"),
        ).update(status=Status.THRESHOLD_REACHED, threshold_reached_at=now,
                 answer_due=now + dt.timedelta(days=proposal.rules.answer_days))
        if not reached:
            return False
        proposal.refresh_from_db()
        record_event(organisation=proposal.organisation, actor=None, action="proposal.reach_threshold",
                     target=proposal, data={"from": Status.COLLECTING, "to": Status.THRESHOLD_REACHED,
                                            "supports": proposal.support_count})
        notify.tell_followers(proposal=proposal, step=Status.THRESHOLD_REACHED)
    return True


@transaction.atomic
def withdraw_support(*, organisation: Organisation, proposal_id: Any, user: Any,
                     now: dt.datetime | None = None) -> None:
    proposal = _supportable(organisation, proposal_id)
    if not proposal.is_open_for_support(at=now or timezone.now()):
        raise DomainError(_("The support can no longer be withdrawn: the proposal no longer collects support."))
    deleted, _rows = Support.objects.filter(proposal=proposal, person_key=person_key(user)).delete()
    if not deleted:
        raise DomainError(_("You do not support this proposal."))
    Proposal.objects.filter(pk=proposal.pk).update(support_count=F("support_count") - 1)


@transaction.atomic
def post_update(*, proposal: Proposal, user: Any, text: str, now: dt.datetime | None = None) -> ProposalUpdate:
    """The proposer's news to the supporters, while the proposal collects support."""
    if proposal.proposer_id is None or proposal.proposer_id != getattr(user, "pk", None):
        raise PermissionDeniedError(_("Only the proposer writes updates."))
    if not proposal.is_open_for_support(at=now or timezone.now()):
        raise DomainError(_("Updates can be written while the proposal collects support."))
    text = text.strip()
    if not text:
        raise DomainError(_("Write the update before you publish it."))
    if len(text) > 2000:
        raise DomainError(_("Write the update in at most 2,000 characters."))
    update = ProposalUpdate.objects.create(proposal=proposal, text=text)
    record_event(organisation=proposal.organisation, actor=user, action="proposal.update", target=proposal)
    notify.tell_followers(proposal=proposal, step=f"update:{update.pk}", actor=user)
    return update
