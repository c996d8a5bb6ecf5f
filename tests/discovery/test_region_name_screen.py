"""Correcting a township's or village's English name on screen: the edit screen of the list of
townships and villages, through core.regions.region_name_en_set (audited); bad input is named
and writes nothing; other roles get a 403 and other counties' villages are not found."""

from __future__ import annotations

import re

import pytest

from core.models import AuditEvent, Region
from core.regions import region_name_en_set

pytestmark = pytest.mark.django_db


def _url(region: Region) -> str:
    return f"/admin/local_regions/edit/{region.pk}/"


def _token(page: str) -> str:
    return re.search(r'name="submission" value="([0-9a-f]{32})"', page).group(1)


def _post(client, region, name_en, **headers):
    page = client.get(_url(region), **headers).content.decode()
    return client.post(_url(region), {"name_en": name_en, "submission": _token(page)}, **headers)


def test_a_caseworker_corrects_a_village_english_name_on_screen(grids, client):
    client.force_login(grids.caseworker)
    listing = client.get("/admin/local_regions/").content.decode()
    assert _url(grids.village) in listing and "Xingfu Community" in listing

    page = client.get(_url(grids.village)).content.decode()
    assert 'name="name_en"' in page and "英文名" in page and "拉丁字母" in page

    response = _post(client, grids.village, "  Xingfu Shequ ")

    assert response.status_code == 302
    assert Region.objects.get(pk=grids.village.pk).name_en == "Xingfu Shequ"
    event = AuditEvent.objects.get(action="region.name_en")
    assert event.actor == grids.caseworker
    assert event.changes == {"name_en": ["Xingfu Community", "Xingfu Shequ"]}


def test_a_supervisor_corrects_a_township_with_tone_marks(grids, client):
    client.force_login(grids.supervisor)
    assert _post(client, grids.township, "Nánhú Jiēdào").status_code == 302
    assert Region.objects.get(pk=grids.township.pk).name_en == "Nánhú Jiēdào"


@pytest.mark.parametrize(
    ("name_en", "message"),
    [
        ("", "此项为必填项。"),
        ("x" * 129, "128"),
        ("幸福社区", "拉丁字母"),
        ("Xingfu Шequ", "拉丁字母"),
    ],
)
def test_bad_english_names_are_named_in_chinese_and_write_nothing(grids, client, name_en, message):
    client.force_login(grids.caseworker)

    response = _post(client, grids.village, name_en)

    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert Region.objects.get(pk=grids.village.pk).name_en == "Xingfu Community"
    assert not AuditEvent.objects.filter(action="region.name_en").exists()


def test_the_service_refuses_non_latin_names_in_english_too(grids, in_english):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        region_name_en_set(by=grids.caseworker, region=grids.village, name_en="幸福 Community")
    assert refused.value.message_dict["name_en"] == [
        "Write the English name in Latin letters (pinyin)."
    ]


@pytest.mark.parametrize("who", ["auditor", "assistant"])
def test_readers_who_may_not_change_it_get_403(grids, client, who):
    client.force_login(getattr(grids, who))

    assert client.get(_url(grids.village)).status_code == 403
    response = client.post(_url(grids.village), {"name_en": "Hacked", "submission": "a" * 32})

    assert response.status_code == 403
    assert Region.objects.get(pk=grids.village.pk).name_en == "Xingfu Community"


def test_another_countys_caseworker_cannot_reach_the_village(grids, client):
    client.force_login(grids.nanguan_caseworker)

    assert client.get(_url(grids.village)).status_code == 404
    response = client.post(_url(grids.village), {"name_en": "Hacked", "submission": "b" * 32})

    assert response.status_code == 404
    assert Region.objects.get(pk=grids.village.pk).name_en == "Xingfu Community"
    assert not AuditEvent.objects.filter(action="region.name_en").exists()


def test_a_county_is_not_renamed_on_this_screen(grids, client):
    client.force_login(grids.caseworker)
    assert client.get(_url(grids.county)).status_code == 404
