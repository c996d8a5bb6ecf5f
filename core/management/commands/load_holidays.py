from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from core.workdays import holidays_load


class Command(BaseCommand):
    help = (
        "Add mainland China's public holidays and make-up working days (调休) for the given "
        "years from the holidays package. Existing rows, also hand-made ones, are kept."
    )

    def add_arguments(self, parser):
        parser.add_argument("years", nargs="*", type=int, help="Years (default: this and next).")

    def handle(self, *args, years: list[int], **options):
        this_year = timezone.localdate().year
        years = years or [this_year, this_year + 1]
        if any(year < 1950 or year > 2100 for year in years):
            raise CommandError("Give years between 1950 and 2100.")
        created = holidays_load(years)
        self.stdout.write(f"Holidays: {created} days added for {', '.join(map(str, years))}.")
