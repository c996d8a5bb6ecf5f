"""Reports from the public leave ``cms`` for ``discovery`` (issue 19). State only: the table
cms_publicreport stays, with its data."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0006_editor_pages"),
        ("discovery", "0003_moved_registers"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(
                    name='PublicReport',
                ),
            ],
        ),
    ]
