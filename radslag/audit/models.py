"""The append-only audit log: who did what, when, to which record."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The previous hash of the very first event in the chain.
GENESIS_HASH = "0" * 64


class AppendOnlyError(RuntimeError):
    """Raised when code tries to change or delete an audit event."""


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def for_organisation(self, organisation: Any) -> AuditEventQuerySet:
        return self.filter(organisation=organisation)

    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("audit events cannot be changed")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("audit events cannot be deleted")


class AuditEvent(models.Model):
    # String references keep this low layer free of imports from higher apps.
    organisation = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.PROTECT,
        related_name="audit_events", verbose_name=_("organisation"),
    )
    # Set before saving (not auto_now_add) so that the hash covers the stored time.
    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name=_("actor"),
    )
    actor_label = models.CharField(_("actor"), max_length=200, blank=True)
    action = models.CharField(_("action"), max_length=80, db_index=True)
    object_type = models.CharField(_("object type"), max_length=80, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=300, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)
    # The hash chain: position, the previous event's hash and this event's hash (see audit/chain.py).
    sequence = models.PositiveBigIntegerField(_("number in the chain"), unique=True)
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [models.Index(fields=["organisation", "-at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("audit events cannot be changed")
        if not self.hash:
            raise AppendOnlyError("audit events are written through radslag.audit.services.record_event")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("audit events cannot be deleted")

    def canonical_content(self) -> bytes:
        """What the hash covers, the same bytes on every database. The actor's account id is left out: it is
        cleared when an account is deleted; `actor_label` is who acted, as recorded."""
        content = {
            "sequence": self.sequence, "previous_hash": self.previous_hash,
            "organisation": self.organisation_id, "at": self.at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
            "actor_label": self.actor_label, "action": self.action, "object_type": self.object_type,
            "object_id": self.object_id, "object_repr": self.object_repr, "reason": self.reason, "data": self.data,
        }
        return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                          cls=DjangoJSONEncoder).encode()

    def computed_hash(self) -> str:
        return hashlib.sha256(self.canonical_content()).hexdigest()


class ErasureRequest(models.Model):
    """A person's request to have their data erased (article 17 GDPR), and the administrator's decision."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("Awaiting decision")
        COMPLETED = "completed", _("Carried out")
        REFUSED = "refused", _("Refused")

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT,
                                     related_name="erasure_requests")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    # Where the answer goes: the account's address is itself erased when the request is carried out.
    email = models.EmailField(_("answer to"))
    message = models.TextField(_("message from the person"), blank=True, max_length=2000)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.RECEIVED)
    created_at = models.DateTimeField(_("received"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    note = models.TextField(_("note to the person"), blank=True, max_length=2000)
    # Per kind of record: {"kind", "label", "action", "count", "reason"}, as carried out.
    outcome = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("erasure request")
        verbose_name_plural = _("erasure requests")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "person"], condition=models.Q(status="received"),
                                    name="one_open_erasure_request"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.RECEIVED


class RetentionRule(models.Model):
    """How long one kind of record is kept in a municipality, under its retention decision (gallringsbeslut)."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE,
                                     related_name="retention_rules")
    kind = models.CharField(_("kind of record"), max_length=80)
    period_days = models.PositiveIntegerField(_("kept for (days)"))
    decision_reference = models.CharField(_("retention decision, reference"), max_length=100)
    decision_date = models.DateField(_("retention decision, date"))
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["kind"]
        verbose_name = _("retention rule")
        verbose_name_plural = _("retention rules")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "kind"], name="one_retention_rule_per_kind"),
            models.CheckConstraint(condition=models.Q(period_days__gte=1), name="retention_at_least_a_day"),
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.period_days} ({self.decision_reference})"
