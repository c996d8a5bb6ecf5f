"""Rebuild the matching index: ``manage.py search_index --rebuild``."""

from __future__ import annotations

import time
from functools import partial

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from elastic_transport import TransportError
from elasticsearch import ApiError
from tqdm import tqdm

from search import elastic, stamps
from search.facts import need_facts, project_facts
from search.models import IndexChange


class Command(BaseCommand):
    help = (
        "Rebuild the matching index. With ELASTICSEARCH_URL, new Elasticsearch indexes of the "
        "open projects and the cases ready for referral replace the old ones behind their "
        "aliases. The embedded engine: every server process reloads on its next query (the "
        "sides' epochs change); this command loads it "
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
        projects = project_facts(progress=partial(bar, desc="projects"))
        needs = need_facts(progress=partial(bar, desc="needs"))
        if settings.ELASTICSEARCH_URL:
            client = elastic.client()
            rows = elastic.open_project_rows(projects)
            try:
                with bar(total=len(rows), desc="Elasticsearch projects") as done:
                    projects_index = elastic.rebuild_projects(client, rows, done.update)
                with bar(total=len(needs), desc="Elasticsearch needs") as done:
                    needs_index = elastic.rebuild_needs(client, needs, done.update)
                indexes = [projects_index, needs_index]
                # A change committed while the new indexes filled was pushed to the old ones,
                # which the swap dropped: push every change recorded since the start again.
                changed = IndexChange.objects.values_list("side", "object_id")
                elastic.push_projects(client, [i for side, i in changed if side == stamps.PROJECTS])
                elastic.push_needs(client, [i for side, i in changed if side == stamps.NEEDS])
            except (TransportError, ApiError) as error:
                raise CommandError(f"Elasticsearch refused the rebuild: {error}") from error
            self.stdout.write(
                f"Elasticsearch indexes {indexes[0]} ({len(rows)} projects) and {indexes[1]} "
                f"({len(needs)} cases) now serve behind their aliases."
            )
        self.stdout.write(
            f"Index rebuilt: {len(projects)} open projects, {len(needs)} cases ready for "
            f"referral, in {time.perf_counter() - start:.1f} s. Server processes reload on "
            f"their next query."
        )
