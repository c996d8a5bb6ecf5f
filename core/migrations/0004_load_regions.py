"""Every database starts with China's administrative divisions (reference data, GB/T 2260).

`manage.py load_regions` re-syncs them when the data package is updated.
"""

from django.db import migrations


def load(apps, schema_editor):
    from core.regions import regions_load

    regions_load(apps.get_model("core", "Region"))


class Migration(migrations.Migration):
    dependencies = [("core", "0003_role_groups")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
