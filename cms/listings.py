"""The public lists of needs and projects: the matching service's public filters (text,
category, region, amount) behind a plain GET form, paged, and cached until a need, a project
or the ledger changes.

Bad input never fails the page: a filter that cannot be read is left out with a note saying
which one and why, and a page number past the end shows the last page with a note.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from functools import wraps

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.models import Region
from core.models.regions import in_active_language
from core.money import yuan_to_fen
from donors.models import Transaction

PAGE_SIZE = 20
CACHE_SECONDS = 600

# The form's amount fields, in yuan.
AMOUNT_FIELDS = ("min_yuan", "max_yuan")


@functools.cache
def _newest_transaction_sql() -> tuple:
    """Built by the ORM once per process: every public page asks for the generation, and
    building the same query again costs more than running it."""
    return (
        Transaction.objects.order_by("-id").values_list("id", flat=True)[:1].query.sql_with_params()
    )


def listing_generation() -> str:
    """Changes whenever what a public list shows may have changed: the matching index's
    change feed moves with every write to needs, cases, projects and charities
    (search.stamps.generation), and the newest ledger transaction moves with every donation
    and allocation. Two small indexed reads, the same for every server process."""
    from search import stamps

    with connection.cursor() as cursor:
        cursor.execute(*_newest_transaction_sql())
        row = cursor.fetchone()
    return f"{stamps.generation()}.{row[0] if row else 0}"


def cached(kind: str, params: dict, build, generation: str | None = None):
    """``build()`` once per generation, language and set of parameters (pass ``generation``
    when one request reads several cached parts)."""
    generation = generation or listing_generation()
    query = "&".join(f"{k}={v}" for k, v in sorted(params.items()))
    digest = hashlib.sha256(query.encode()).hexdigest()[:32]
    key = f"public-list:{kind}:{generation}:{get_language()}:{digest}"
    found = cache.get(key)
    if found is None:
        found = build()
        cache.set(key, found, CACHE_SECONDS)
    return found


def amount_params(get, lower: str, upper: str) -> tuple[dict, dict, list[str]]:
    """The form's yuan bounds as the parameters ``lower`` and ``upper`` in fen, what was
    typed, and a note for each bound that is not an amount."""
    params, chosen, notes = {}, {}, []
    for name, param in zip(AMOUNT_FIELDS, (lower, upper), strict=True):
        raw = (get.get(name) or "").strip()[:20]
        if not raw:
            continue
        chosen[name] = raw
        try:
            fen = yuan_to_fen(raw)
        except ValidationError:
            notes.append(
                _("The amount “%(value)s” is not a number of yuan; that filter was left out.")
                % {"value": raw}
            )
            continue
        params[param] = fen
    return params, chosen, notes


def filtered(filterset_class, data: dict, queryset) -> tuple[object, list[str]]:
    """Apply the filterset; fields it refuses are dropped, each with a note naming it."""
    filterset = filterset_class(data, queryset=queryset)
    notes = []
    if not filterset.is_valid():
        for field, errors in filterset.errors.items():
            label = filterset.filters[field].label if field in filterset.filters else field
            notes.append(
                _("%(field)s: %(error)s That filter was left out.")
                % {"field": label, "error": errors[0]}
            )
        data = {k: v for k, v in data.items() if k not in filterset.errors}
        filterset = filterset_class(data, queryset=queryset)
        filterset.is_valid()
    return filterset.qs, notes


@dataclass(frozen=True)
class ListPage:
    """One page of a list, small enough to cache: the rows and where it sits."""

    rows: list
    number: int
    num_pages: int
    count: int

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages


def page_of(queryset, number, to_row) -> tuple[ListPage, list[str]]:
    """The asked page of ``queryset`` (its rows made by ``to_row``); past the end or not a
    number gives the last or the first page, with a note."""
    paginator = Paginator(queryset, PAGE_SIZE)
    page = paginator.get_page(number)
    rows = [to_row(item) for item in page.object_list]
    return ListPage(rows, page.number, paginator.num_pages, paginator.count), page_notes(
        number, page
    )


def page_notes(number, page) -> list[str]:
    """The note for a page number that was not served as asked (past the end, not a number):
    Django's get_page quietly gives the last or the first page instead."""
    if number in (None, "") or str(page.number) == str(number).strip():
        return []
    return [
        _("There is no page “%(asked)s”; this is page %(number)s of %(total)s.")
        % {"asked": str(number)[:10], "number": page.number, "total": page.paginator.num_pages}
    ]


def region_choices(paths) -> list[tuple[str, str]]:
    """The regions with something to show (the given region paths and the regions above
    them), province first and indented by level: a short picker, not all of China."""
    codes = {code for path in paths if path for code in path.split("/")}
    return [
        (code, "\u3000" * (level - 1) + in_active_language(name, name_en))
        for code, name, name_en, level in Region.objects.filter(code__in=codes)
        .order_by("path")
        .values_list("code", "name", "name_en", "level")
    ]


def cached_page(view):
    """Serve an anonymous GET of a public page whole from the cache, per generation, language,
    关怀版 choice and full path: the pages hold nothing per visitor (no CSRF token, no user).
    Other requests, and answers other than 200 and 404, go through the view as usual."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method != "GET" or request.user.is_authenticated:
            return view(request, *args, **kwargs)
        care = request.COOKIES.get("care_mode") == "1"
        path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
        from cms.editor_pages import editor_stamp

        generation = f"{listing_generation()}.{editor_stamp()}"
        key = f"public-page:{generation}:{get_language()}:{int(care)}:{path}"
        found = cache.get(key)
        if found is not None:
            status, content_type, content = found
            return HttpResponse(content, status=status, content_type=content_type)
        response = view(request, *args, **kwargs)
        if response.status_code in (200, 404):
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            cache.set(
                key,
                (response.status_code, response["Content-Type"], response.content),
                CACHE_SECONDS,
            )
        return response

    return wrapper
