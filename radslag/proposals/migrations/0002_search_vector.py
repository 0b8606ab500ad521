"""A stored Swedish search vector of each proposal's title and text, on PostgreSQL only, with a GIN index.

The database generates the column, so every write keeps it current; the model does not declare it (SQLite
has no tsvector). `radslag.proposals.search` reads it by name.
"""

from django.db import migrations

TABLE = "proposals_proposal"


def add_column(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"ALTER TABLE {TABLE} ADD COLUMN IF NOT EXISTS search_vector tsvector GENERATED ALWAYS AS "
        "(setweight(to_tsvector('swedish'::regconfig, coalesce(title, '')), 'A') || "
        "setweight(to_tsvector('swedish'::regconfig, coalesce(text, '')), 'B')) STORED"
    )
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS proposal_search ON {TABLE} USING gin (search_vector)")


def drop_column(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS proposal_search")
    schema_editor.execute(f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS search_vector")


class Migration(migrations.Migration):

    dependencies = [
        ("proposals", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(add_column, drop_column, elidable=False),
    ]
