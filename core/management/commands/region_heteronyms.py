from django.core.management.base import BaseCommand

from core.regions import regions_with_unsettled_heteronyms


class Command(BaseCommand):
    help = (
        "List the regions whose English name rests on pypinyin's guess at a character with "
        "several readings (a heteronym) that the override table in core/region_names.py does "
        "not settle: the names to check."
    )

    def handle(self, *args, **options):
        found = regions_with_unsettled_heteronyms()
        for region, characters in found:
            readings = "; ".join(f"{char} {'/'.join(r)}" for char, r in characters.items())
            self.stdout.write(f"{region.code}\t{region.name}\t{region.name_en}\t{readings}")
        self.stdout.write(
            f"{len(found)} regions have a heteronym the override table does not settle."
        )
