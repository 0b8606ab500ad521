"""GIN expression indexes for Swedish full-text search, on PostgreSQL only.

The expressions match what `SearchVector(field, config="swedish")` compiles to, so that the planner
uses them. SQLite has no such indexes; its fallback search needs none.
"""

from django.db import migrations

TABLE = "contributions_contribution"
INDEXES = {
    "contribution_body_fts_sv": "body",
    "contribution_pubbody_fts_sv": "published_body",
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, column in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {TABLE} "
            f"USING GIN (to_tsvector('swedish'::regconfig, COALESCE({column}, '')))"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):

    dependencies = [
        ("contributions", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_indexes, drop_indexes, elidable=False),
    ]
