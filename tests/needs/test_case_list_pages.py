"""The case list's fast path (ids page, rows as values, cached filterset form and serializer
layout) gives exactly what the plain ORM and the declared serializer give: same rows, same
order, same counts, on every page, under every filter, for every reader."""

import datetime as dt

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from needs import selectors
from needs.api.serializers import CaseListSerializer
from needs.factories import bulk_create_cases
from needs.models import Case

pytestmark = pytest.mark.django_db


@pytest.fixture
def many(world):
    bulk_create_cases(90, offices=[world.chaoyang, world.nanguan, world.donghu, world.city])
    # Ties on reported_at, so the ordering's own tie-break (-id) decides.
    Case.objects.filter(pk__in=Case.objects.order_by("pk").values("pk")[:20]).update(
        reported_at=timezone.now() - dt.timedelta(days=1)
    )
    return world


def api_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def expected(user, **where):
    where = {key: timezone.now() if value == "now" else value for key, value in where.items()}
    cases = selectors.cases_visible_to(
        user, Case.objects.select_related("region", "responsible_office", "owner")
    ).filter(**where)
    return [dict(CaseListSerializer(case).data) for case in cases.order_by("-reported_at", "-id")]


def pages(api, params, page_size):
    rows, page, count = [], 1, None
    while True:
        response = api.get("/api/v1/cases/", {**params, "page": page, "page_size": page_size})
        assert response.status_code == 200, response.json()
        body = response.json()
        count = body["count"]
        rows += body["results"]
        if body["next"] is None:
            return count, rows
        page += 1


@pytest.mark.parametrize("reader", ["supervisor", "caseworker", "auditor"])
@pytest.mark.parametrize(
    ("params", "where"),
    [
        ({}, {}),
        ({"status": "assessed"}, {"status": "assessed"}),
        (
            {"category": "illness", "channel": "hotline"},
            {"category": "illness", "channel": "hotline"},
        ),
        ({"urgency": 3}, {"urgency": 3}),
        ({"overdue": "true"}, {"next_due_at__lt": "now"}),
        ({"within": "220104"}, {"region__path__startswith": "220000/220100/220104"}),
        ({"key_group": "kg_disaster_hit"}, {"household__kg_disaster_hit": True}),
        ({"needs_rematch": "false"}, {"needs_rematch": False}),
    ],
)
def test_every_page_matches_the_plain_orm(many, reader, params, where):
    user = getattr(many, reader)
    count, rows = pages(api_for(user), params, page_size=7)
    assert rows == expected(user, **where)
    assert count == len(rows)


def test_overdue_false_and_number(many):
    api = api_for(many.supervisor)
    not_overdue = api.get("/api/v1/cases/", {"overdue": "false", "page_size": 200}).json()
    assert not_overdue["results"] == [
        row for row in expected(many.supervisor) if not row["is_overdue"]
    ]
    number = expected(many.supervisor)[3]["number"]
    assert api.get("/api/v1/cases/", {"number": number}).json()["results"] == [
        expected(many.supervisor)[3]
    ]


@pytest.mark.parametrize(
    ("ordering", "order_by"),
    [
        ("urgency", ("urgency", "pk")),
        ("-remaining_gap_fen", ("-remaining_gap_fen", "-pk")),
        ("-urgency,reported_at", ("-urgency", "reported_at", "pk")),
    ],
)
def test_a_user_chosen_ordering_pages_every_row_once_in_order(many, ordering, order_by):
    # Such orderings tie (many cases share an urgency): the id ends every ordering, so paging
    # gives each visible case exactly once, in the one order the ORM gives.
    user = many.supervisor
    count, rows = pages(api_for(user), {"ordering": ordering}, page_size=9)
    cases = selectors.cases_visible_to(user, Case.objects.all()).order_by(*order_by)
    assert [row["id"] for row in rows] == list(cases.values_list("pk", flat=True))
    assert count == len(rows)


def test_page_out_of_range_and_bad_filters_are_refused(many):
    api = api_for(many.caseworker)
    total = api.get("/api/v1/cases/").json()["count"]
    assert api.get("/api/v1/cases/", {"page": total + 1, "page_size": 1}).status_code == 404
    assert api.get("/api/v1/cases/", {"page": "last", "page_size": 1}).json()["next"] is None
    refused = api.get("/api/v1/cases/", {"status": "nonsense", "within": "999999"})
    assert refused.status_code == 400
    assert [(e["field"], e["code"]) for e in refused.json()["errors"]] == [
        ("status", "invalid_choice"),
        ("within", "unknown_region"),
    ]
