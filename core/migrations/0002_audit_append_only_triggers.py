"""The database itself refuses to change audit records, whatever code runs against it.

PostgreSQL refuses UPDATE and DELETE. SQLite refuses UPDATE only: Django's test flush empties
tables with DELETE on SQLite (PostgreSQL uses TRUNCATE, which these triggers do not see).
"""

from django.db import migrations

TABLES = ["core_auditevent", "core_personaldataread"]


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in TABLES:
        if vendor == "postgresql":
            schema_editor.execute(
                """
                CREATE OR REPLACE FUNCTION audit_append_only() RETURNS trigger AS $$
                BEGIN
                    RAISE EXCEPTION 'audit records are append-only (%)', TG_TABLE_NAME;
                END;
                $$ LANGUAGE plpgsql;
                """,
                params=None,  # the "%" above is PL/pgSQL's, not a query parameter
            )
            schema_editor.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION audit_append_only();"
            )
        elif vendor == "sqlite":
            schema_editor.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE ON {table} "
                "BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;"
            )


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in TABLES:
        if vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table};")
        elif vendor == "sqlite":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only;")


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
