"""Region.name_en: every region's name in English (core.region_names), filled for the rows
already there, those of the data package and those the offices registered below the county."""

from django.db import migrations, models


def fill(apps, schema_editor):
    from core.region_names import english_name
    from core.regions import regions_load

    Region = apps.get_model("core", "Region")
    regions_load(Region)
    below = list(Region.objects.filter(level__gte=4, name_en=""))
    for region in below:
        region.name_en = english_name(region.name)
    Region.objects.bulk_update(below, ["name_en"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("core", "0015_regions_below_county")]

    operations = [
        migrations.AddField(
            model_name="region",
            name="name_en",
            field=models.CharField(blank=True, max_length=128, verbose_name="English name"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
