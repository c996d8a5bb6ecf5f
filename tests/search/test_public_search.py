"""Public text search (?q=) of needs and projects: Chinese bigrams, every term must appear,
with the other filters; bad queries get a clear error."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from needs.models import Need
from projects.models import Project

pytestmark = pytest.mark.django_db


def titles(response, key="title") -> set[str]:
    assert response.status_code == 200, response.json()
    return {row[key] for row in response.json()["results"]}


def test_projects_are_found_by_chinese_words_in_title_or_description(money):
    world = money.world
    Project.objects.filter(pk=world.project.pk).update(description="资助重病住院的困难家庭")
    api = APIClient()
    assert titles(api.get("/api/v1/projects/", {"q": "住院"})) == {world.project.title}
    assert titles(api.get("/api/v1/projects/", {"q": "重病住院"})) == {world.project.title}
    assert titles(api.get("/api/v1/projects/", {"q": "大病"})) == {world.project.title}
    assert titles(api.get("/api/v1/projects/", {"q": "火灾住院"})) == set()  # every term
    both = titles(api.get("/api/v1/projects/", {"q": ""}))
    assert world.project.title in both and world.other_project.title in both


def test_needs_are_found_by_words_of_their_anonymized_story(money):
    need = money.published_need()
    api = APIClient()
    word = need.story[:4]
    found = titles(api.get("/api/v1/public/needs/", {"q": word}))
    assert need.title in found
    assert titles(api.get("/api/v1/public/needs/", {"q": "完全不相干的词语"})) == set()
    with_filters = api.get(
        "/api/v1/public/needs/", {"q": word, "category": need.category, "within": "220000"}
    )
    assert need.title in titles(with_filters)
    assert Need.objects.count() == 1


@pytest.mark.parametrize(
    ("query", "code"),
    [("a" * 101, "max_length"), ("救 " * 31, "too_many_terms")],
)
def test_absurd_queries_are_refused_with_the_field_named(money, query, code):
    response = APIClient().get("/api/v1/projects/", {"q": query})
    assert response.status_code == 400
    error = response.json()["errors"][0]
    assert (error["field"], error["code"]) == ("q", code)
