import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from cms.demo import seed_site
from core.demo import seed_core
from discovery.demo_grids import seed_grids
from donors.demo import seed_money
from needs.demo import seed_cases, seed_discovery
from needs.demo_work import seed_work
from projects.demo import seed_progress_updates, seed_supermarket
from supervision.demo_meetings import seed_meetings


class Command(BaseCommand):
    help = "Load demo data (idempotent) and print one login per role."

    def add_arguments(self, parser):
        parser.add_argument(
            "--size",
            type=int,
            default=0,
            help="Extra generated records for benchmarks (offices with caseworkers).",
        )
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Seed even when DEBUG is off (never on a real deployment).",
        )

    def handle(self, *args, size: int, allow_production: bool, **options):
        if size < 0:
            raise CommandError("--size must be zero or more.")
        if not settings.DEBUG and not allow_production:
            raise CommandError(
                "Refusing to load demo logins with DEBUG off. "
                "Pass --allow-production if you mean it."
            )

        def progress(iterable, **kwargs):
            # A bar only where a person is watching and the run is long.
            return tqdm(iterable, file=sys.stderr, disable=size < 200 or None, **kwargs)

        logins = seed_core(size=size, progress=progress)
        seed_site()
        cases = seed_cases()
        if cases:
            self.stdout.write(f"Demo cases: {cases} created.")
        discovered = seed_discovery()
        if discovered:
            self.stdout.write(f"Demo hotline calls, visits and proxy applications: {discovered}.")
        donations = seed_money()
        if donations:
            self.stdout.write(f"Demo donations: {donations} recorded, with allocations.")
        seed_progress_updates()
        seed_supermarket()
        logins += seed_grids()
        logins += seed_meetings()
        waiting = seed_work()
        if waiting:
            self.stdout.write(f"Demo work waiting for someone: {waiting} records.")
        self.stdout.write(self.style.SUCCESS("Demo data ready. Logins (password for all shown):"))
        for login in logins:
            self.stdout.write(f"  {login.username:<24} {login.password:<20} {login.role}")
