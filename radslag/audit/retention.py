"""Retention (gallring): destroying records whose retention period under a retention decision has passed.

Only kinds with a rule are touched: what no decision covers is never destroyed. Each destruction is
written to the audit log with its count, kind, cut-off and decision.

The audit log itself is one hash chain across municipalities, so its retention is separate
(`destroy_audit_events_before`): it removes the oldest events only and leaves a checkpoint event
recording the last destroyed event's number and hash, which the remaining chain links to.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from radslag.audit.chain import CHECKPOINT_ACTION, lock_chain
from radslag.audit.models import AuditEvent, RetentionRule
from radslag.audit.personal_data import kind
from radslag.audit.services import record_event
from radslag.core.errors import DomainError


@dataclass(frozen=True)
class RetentionResult:
    organisation: Any
    kind: str
    cutoff: dt.datetime
    count: int  # destroyed, or due when it was a dry run


def due_count(rule: RetentionRule, *, now: dt.datetime | None = None) -> int | None:
    """How many rows the rule would destroy now; None when its kind is not registered for retention."""
    registered = kind(rule.kind)
    if registered is None or registered.retention is None:
        return None
    cutoff = (now or timezone.now()) - dt.timedelta(days=rule.period_days)
    return registered.retention.due(rule.organisation, cutoff).count()


@transaction.atomic
def set_retention_rule(
    *, organisation: Any, actor: Any, kind_key: str, period_days: int, decision_reference: str,
    decision_date: dt.date,
) -> RetentionRule:
    registered = kind(kind_key)
    if registered is None or registered.retention is None:
        raise DomainError(_("This kind of record has no retention to set."))
    if period_days < 1 or not decision_reference.strip():
        raise DomainError(_("A retention rule needs a period of at least one day and the decision's reference."))
    rule, _created = RetentionRule.objects.update_or_create(
        organisation=organisation, kind=kind_key,
        defaults={"period_days": period_days, "decision_reference": decision_reference.strip(),
                  "decision_date": decision_date, "set_by": actor},
    )
    record_event(organisation=organisation, actor=actor, action="retention.rule_set", target=rule, data={
        "kind": kind_key, "period_days": period_days, "decision_reference": rule.decision_reference,
        "decision_date": decision_date.isoformat()})
    return rule


def apply_retention(*, dry_run: bool = False, now: dt.datetime | None = None) -> list[RetentionResult]:
    """Destroy, per rule, what has passed its period. Each rule in its own transaction."""
    now = now or timezone.now()
    results = []
    for rule in RetentionRule.objects.select_related("organisation").order_by("organisation_id", "kind"):
        registered = kind(rule.kind)
        if registered is None or registered.retention is None:
            continue  # an app that no longer registers the kind: nothing to destroy by
        cutoff = now - dt.timedelta(days=rule.period_days)
        count = registered.retention.due(rule.organisation, cutoff).count() if dry_run else _apply_rule(rule, cutoff)
        results.append(RetentionResult(rule.organisation, rule.kind, cutoff, count))
    return results


@transaction.atomic
def _apply_rule(rule: RetentionRule, cutoff: dt.datetime) -> int:
    registered = kind(rule.kind)
    assert registered is not None and registered.retention is not None  # checked by the caller
    due = registered.retention.due(rule.organisation, cutoff)
    if not due.exists():
        return 0
    destroyed = registered.retention.destroy_rows(due)
    record_event(organisation=rule.organisation, actor=None, action="retention.applied", target=rule, data={
        "kind": rule.kind, "destroyed": destroyed, "cutoff": cutoff.isoformat(), "period_days": rule.period_days,
        "decision_reference": rule.decision_reference, "decision_date": rule.decision_date.isoformat()})
    return destroyed


@transaction.atomic
def destroy_audit_events_before(*, cutoff: dt.datetime, decision_reference: str) -> int:
    """Destroy the oldest audit events (a prefix of the chain) written before `cutoff`, leaving a checkpoint."""
    lock_chain()
    last = (AuditEvent.objects.filter(at__lt=cutoff).order_by("-sequence").values_list("sequence", "hash")
            .first())
    if last is None:
        return 0
    through, last_hash = last
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL radslag.audit_retention = 'on'")
        cursor.execute("DELETE FROM audit_auditevent WHERE sequence <= %s", [through])
        destroyed = cursor.rowcount
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL radslag.audit_retention = 'off'")
    record_event(organisation=None, actor=None, action=CHECKPOINT_ACTION, data={
        "through_sequence": through, "last_hash": last_hash, "destroyed": destroyed,
        "cutoff": cutoff.isoformat(), "decision_reference": decision_reference})
    return destroyed
