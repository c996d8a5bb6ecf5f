"""Rebuild the matching index: ``manage.py search_index --rebuild``."""

from __future__ import annotations

import time
from functools import partial

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from elastic_transport import TransportError
from tqdm import tqdm

from search import elastic, stamps
from search.facts import need_facts, project_facts
from search.models import IndexChange


class Command(BaseCommand):
    help = (
        "Rebuild the matching index. With ELASTICSEARCH_URL, a new Elasticsearch index of the "
        "open projects replaces the old one behind its alias. The embedded engine: every server "
        "process reloads on its next query (the index stamps change); this command loads it "
        "once, with a progress bar, to show what it holds and how long it takes."
    )

    def add_arguments(self, parser):
        parser.add_argument("--rebuild", action="store_true", help="rebuild now")

    def handle(self, *args, rebuild: bool, verbosity: int, **options):
        if not rebuild:
            self.stdout.write("Nothing done: pass --rebuild to rebuild the index.")
            return
        with transaction.atomic():
            stamps.bump(stamps.PROJECTS)
            stamps.bump(stamps.NEEDS)
            # Every process reloads in full after these bumps: the change log can go.
            IndexChange.objects.all().delete()
        bar = partial(tqdm, disable=verbosity == 0, file=self.stderr, unit="rows")
        start = time.perf_counter()
        if settings.ELASTICSEARCH_URL:
            rows = elastic.open_project_rows(progress=partial(bar, desc="projects"))
            try:
                index = elastic.rebuild_projects(elastic.client(), rows)
            except TransportError as error:
                raise CommandError(f"Elasticsearch refused the rebuild: {error}") from error
            self.stdout.write(f"Elasticsearch index {index} now serves {len(rows)} projects.")
        projects = project_facts(progress=partial(bar, desc="projects"))
        needs = need_facts(progress=partial(bar, desc="needs"))
        self.stdout.write(
            f"Index rebuilt: {len(projects)} open projects, {len(needs)} cases ready for "
            f"referral, in {time.perf_counter() - start:.1f} s. Server processes reload on "
            f"their next query."
        )
