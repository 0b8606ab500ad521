"""Two indexes that the busy read paths need, on every database.

* `contribution_public_list_idx` fits the public list exactly: one process, one status, newest first
  with the id as tie-breaker. Counting a page and finding a page's ids are index-only scans.
* `contribution_profile_idx` holds every column the representativeness overview groups by, so the
  overview is one index-only scan instead of one table scan per breakdown.

Plain SQL rather than `Meta.indexes`: the model's declared indexes are left as they are, and both
statements are valid on PostgreSQL and SQLite alike.
"""

from django.db import migrations

TABLE = "contributions_contribution"
INDEXES = {
    "contribution_public_list_idx": "process_id, status, created_at DESC, id DESC",
    "contribution_profile_idx": "process_id, status, channel, activity_id, locality_id, age_band, sex",
}


def create_indexes(apps, schema_editor):
    for name, columns in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {TABLE} ({columns})")


def drop_indexes(apps, schema_editor):
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):

    dependencies = [
        ("contributions", "0002_fulltext_search_indexes"),
    ]

    operations = [
        migrations.RunPython(create_indexes, drop_indexes, elidable=False),
    ]
