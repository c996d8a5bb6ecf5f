"""Publishing a need: the independent check on the final text, the health consent, the limits."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from needs import anonymize, services
from needs.admin_views.need_review import need_review
from needs.models import Need

pytestmark = pytest.mark.django_db

STORY = (
    "邻居孙立平反映，户主一家住在沙河屯，妻子患尿毒症，每周透析三次，12月5日病情加重。"
    "目前已花费医疗费18万元。"
)


def consent(world, case, scope: str) -> None:
    services.consent_record(
        by=world.caseworker, case=case, scope=scope, method="written", given_by_name="户主"
    )


@pytest.fixture
def case(world):
    case = world.relieved(narrative=STORY)
    consent(world, case, "publish_need")
    return case


def test_the_preview_removes_what_nobody_recorded_and_publishing_accepts_it(world, case):
    need = services.need_preview(by=world.caseworker, case=case)
    for secret in ("孙立平", "沙河屯", "尿毒症", "透析", "12月5日"):
        assert secret not in need.story, secret
    assert "孙某" in need.story and "重病" in need.story and "12月" in need.story
    services.need_publish(by=world.caseworker, need=need)
    need.refresh_from_db()
    assert need.status == Need.Status.PUBLISHED


def test_a_story_the_scrubber_missed_is_refused_at_publishing_with_kind_and_place(
    world, case, monkeypatch
):
    # The scrubber's name and place detectors miss on purpose; the check is not the scrubber.
    monkeypatch.setattr(anonymize.names, "find", lambda text, **kw: [])
    monkeypatch.setattr(anonymize.places, "find", lambda text: [])
    need = services.need_preview(by=world.caseworker, case=case)
    assert "孙立平" in need.story and "沙河屯" in need.story

    with pytest.raises(ValidationError) as refused:
        services.need_publish(by=world.caseworker, need=need)

    messages = " ".join(refused.value.message_dict["story"])
    assert "孙立平" in messages and "沙河屯" in messages
    assert "第1行第3个字" in messages  # where 孙立平 stands, in the staff's language
    need.refresh_from_db()
    assert need.status == Need.Status.DRAFT and need.published_at is None


def test_an_identifier_typed_back_into_the_draft_is_refused(world, case):
    need = services.need_preview(by=world.caseworker, case=case)
    services.need_update_draft(
        by=world.caseworker,
        need=need,
        title=need.title,
        story=need.story + "\n有意者请联系网格员周晓燕，电话139-1234-5678。",
    )
    with pytest.raises(ValidationError) as refused:
        services.need_publish(by=world.caseworker, need=Need.objects.get(pk=need.pk))
    codes = [e.code for e in refused.value.error_dict["story"]]
    assert codes == ["identifier_found", "identifier_found"]
    messages = " ".join(refused.value.message_dict["story"])
    assert "第2行" in messages and "周晓燕" in messages and "139-1234-5678" in messages


def test_with_the_health_consent_the_diagnosis_stays_and_is_published(world, case):
    consent(world, case, "disclose_health")
    need = services.need_preview(by=world.caseworker, case=case)
    assert "尿毒症" in need.story and "透析" in need.story
    services.need_publish(by=world.caseworker, need=need)
    assert Need.objects.get(pk=need.pk).status == Need.Status.PUBLISHED


def test_a_diagnosis_typed_into_the_draft_without_the_health_consent_is_refused(world, case):
    need = services.need_preview(by=world.caseworker, case=case)
    services.need_update_draft(
        by=world.caseworker, need=need, title=need.title, story=need.story + "确诊为肺癌晚期。"
    )
    with pytest.raises(ValidationError) as refused:
        services.need_publish(by=world.caseworker, need=Need.objects.get(pk=need.pk))
    assert "肺癌" in " ".join(refused.value.message_dict["story"])


def test_a_story_over_the_limit_is_refused_naming_the_field_and_nothing_changes(world, case):
    need = services.need_preview(by=world.caseworker, case=case)
    before = need.story
    with pytest.raises(ValidationError) as refused:
        services.need_update_draft(
            by=world.caseworker, need=need, title=need.title, story="困难" * 3000
        )
    assert "story" in refused.value.message_dict
    assert Need.objects.get(pk=need.pk).story == before


def test_the_review_lists_each_removal_and_marks_the_guesses(world, case):
    need = services.need_preview(by=world.caseworker, case=case)
    review = need_review(case, need)
    originals = {row.original: row for row in review["rows"]}
    assert {"孙立平", "沙河屯", "尿毒症", "透析"} <= set(originals)
    assert originals["孙立平"].replacement == "孙某"
    assert review["findings"] == []

    services.need_update_draft(
        by=world.caseworker, need=need, title=need.title, story=need.story + "电话13912345678"
    )
    review = need_review(case, Need.objects.get(pk=need.pk))
    assert len(review["findings"]) == 1 and "13912345678" in review["findings"][0]


def test_the_review_is_gone_once_the_need_is_published(world, case):
    need = services.need_publish(
        by=world.caseworker, need=services.need_preview(by=world.caseworker, case=case)
    )
    assert need_review(case, need) is None


def test_the_case_page_shows_the_review_in_chinese_to_the_caseworker_only(world, case, client):
    need = services.need_preview(by=world.caseworker, case=case)
    services.need_update_draft(
        by=world.caseworker, need=need, title=need.title, story=need.story + "电话13912345678"
    )
    url = f"/admin/cases/{case.pk}/"
    client.force_login(world.caseworker)
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "发布前核对" in page
    assert "孙立平" in page and "孙某" in page  # what was removed, and what stands there now
    assert "13912345678" in page and "电话号码" in page  # what the check still finds
    client.force_login(world.auditor)
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "发布前核对" not in page


def test_html_in_a_story_is_shown_as_text_on_the_public_page(world, case, client):
    need = services.need_preview(by=world.caseworker, case=case)
    services.need_update_draft(
        by=world.caseworker,
        need=need,
        title=need.title,
        story=need.story + '<script>alert("x")</script><img src=x onerror=alert(1)>',
    )
    need = services.need_publish(by=world.caseworker, need=Need.objects.get(pk=need.pk))
    page = client.get(f"/needs/{need.public_id}/").content.decode()
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert" in page
