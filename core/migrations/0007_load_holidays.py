"""Every database starts with the official calendar around the year it was created.

`manage.py load_holidays YEAR…` adds later years once the State Council publishes them.
"""

from django.db import migrations
from django.utils import timezone


def load(apps, schema_editor):
    from core.workdays import holidays_load

    year = timezone.localdate().year
    holidays_load([year - 1, year, year + 1], apps.get_model("core", "Holiday"))


class Migration(migrations.Migration):
    dependencies = [("core", "0006_idempotencykey")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
