"""The database refuses to change ledger entries and transactions, whatever code runs.

As for the audit log (core migration 0002): PostgreSQL refuses UPDATE and DELETE; SQLite
refuses UPDATE only, because Django's test flush empties tables with DELETE on SQLite.
"""

from django.db import migrations

TABLES = ["donors_entry", "donors_transaction"]


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in TABLES:
        if vendor == "postgresql":
            schema_editor.execute(
                """
                CREATE OR REPLACE FUNCTION ledger_append_only() RETURNS trigger AS $$
                BEGIN
                    RAISE EXCEPTION 'ledger records are append-only (%)', TG_TABLE_NAME;
                END;
                $$ LANGUAGE plpgsql;
                """,
                params=None,  # the "%" above is PL/pgSQL's, not a query parameter
            )
            schema_editor.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION ledger_append_only();"
            )
        elif vendor == "sqlite":
            schema_editor.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE ON {table} "
                "BEGIN SELECT RAISE(ABORT, 'ledger records are append-only'); END;"
            )


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in TABLES:
        if vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table};")
        elif vendor == "sqlite":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only;")


class Migration(migrations.Migration):
    dependencies = [("donors", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
