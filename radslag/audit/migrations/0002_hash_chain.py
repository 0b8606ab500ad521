"""Adds the hash chain to the audit log and links every existing event into it, oldest first."""

import datetime as dt
import hashlib
import json

import django.utils.timezone
from django.core.serializers.json import DjangoJSONEncoder
from django.db import migrations, models

GENESIS_HASH = "0" * 64


def canonical(event, sequence, previous_hash):
    # A frozen copy of AuditEvent.canonical_content as it was when this migration was written.
    content = {
        "sequence": sequence, "previous_hash": previous_hash, "organisation": event.organisation_id,
        "at": event.at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
        "actor_label": event.actor_label, "action": event.action, "object_type": event.object_type,
        "object_id": event.object_id, "object_repr": event.object_repr, "reason": event.reason, "data": event.data,
    }
    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                      cls=DjangoJSONEncoder).encode()


def link_existing_events(apps, schema_editor):
    AuditEvent = apps.get_model("audit", "AuditEvent")
    previous = GENESIS_HASH
    for sequence, event in enumerate(AuditEvent.objects.order_by("at", "id").iterator(), start=1):
        digest = hashlib.sha256(canonical(event, sequence, previous)).hexdigest()
        # The historical model's queryset is Django's plain one: no append-only guard yet.
        AuditEvent.objects.filter(pk=event.pk).update(sequence=sequence, previous_hash=previous, hash=digest)
        previous = digest


class Migration(migrations.Migration):

    dependencies = [
        ("audit", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="auditevent", name="at",
            field=models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name="time"),
        ),
        migrations.AddField(
            model_name="auditevent", name="sequence",
            field=models.PositiveBigIntegerField(null=True, verbose_name="number in the chain"),
        ),
        migrations.AddField(
            model_name="auditevent", name="previous_hash", field=models.CharField(default="", max_length=64),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditevent", name="hash", field=models.CharField(default="", max_length=64),
            preserve_default=False,
        ),
        migrations.RunPython(link_existing_events, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="auditevent", name="sequence",
            field=models.PositiveBigIntegerField(unique=True, verbose_name="number in the chain"),
        ),
    ]
