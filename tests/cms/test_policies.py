"""Policy publicity: the five seed documents as pages with their real metadata, an index that
filters and searches in Chinese, and clear notes for nonsense filters."""

from __future__ import annotations

import json

import pytest

from cms.demo import POLICIES, seed_site
from cms.models import PolicyPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    return seed_site()


def listing(client, **params) -> str:
    """The page after the search form: the notes and the results."""
    response = client.get("/policies/", params)
    assert response.status_code == 200
    return response.content.decode().rsplit("</form>", 1)[1]


def test_the_demo_loads_the_five_seed_documents_once(site):
    seed_site()  # a second run adds nothing
    policies = PolicyPage.objects.live()
    assert policies.count() == 5
    ningbo = policies.get(document_number="甬政办发〔2015〕50号")
    assert ningbo.status == PolicyPage.Status.REPEALED
    assert policies.filter(status="repealed").count() == 1
    jilin = policies.get(document_number="吉民发〔2015〕47号")
    assert "救急难" in jilin.search_text and "首问负责" in jilin.search_text
    assert "字体显示" not in jilin.search_text  # the web page's furniture is gone


def test_a_policy_page_shows_its_metadata(client, site):
    page = PolicyPage.objects.get(document_number="甬政办发〔2015〕50号")
    html = client.get(page.url).content.decode()
    assert "甬政办发〔2015〕50号" in html and "宁波市人民政府办公厅" in html
    assert "2015-04-08" in html
    assert "已失效" in html  # status, in Chinese by default


def test_filters_by_status_issuer_year_and_topic(client, site):
    repealed = listing(client, status="repealed")
    assert "宁波市人民政府办公厅关于贯彻落实" in repealed and "东营区" not in repealed
    assert "东营区人民政府办公室关于印发" in listing(client, year="2017")
    assert "东营区" not in listing(client, year="2015")
    by_issuer = listing(client, issuer="江西省民政厅")
    assert "主动发现机制若干措施" in by_issuer and "宁波" not in by_issuer
    supervision = listing(client, topic="supervision")
    assert "专项治理" in supervision and "宁波" not in supervision


def test_text_search_finds_chinese_words_inside_the_documents(client, site):
    found = listing(client, q="先救助")
    assert "东营区人民政府办公室关于印发" in found
    assert "没有符合条件的政策。" in listing(client, q="量子计算机")


@pytest.mark.parametrize(
    "params",
    [
        {"year": "二〇一五"},
        {"year": "0"},
        {"year": "10000"},
        {"year": "99999999999"},
        {"year": "²"},
        {"topic": "nonsense"},
        {"status": "x"},
        {"page": "999"},
        {"page": "abc"},
    ],
)
def test_nonsense_filters_get_a_note_never_an_error(client, site, params):
    html = listing(client, **params)
    assert 'role="status"' in html
    # The filter is left out, not applied: every policy is still listed.
    assert html.count("<li>") == len(POLICIES)


def test_policies_are_listed_newest_first_with_undated_ones_last(client):
    seed_site()
    page = client.get("/policies/").content.decode()
    titles = [p.title for p in PolicyPage.objects.all()]
    order = sorted(titles, key=page.index)
    dated = sorted(
        PolicyPage.objects.exclude(issued_on=None), key=lambda p: p.issued_on, reverse=True
    )
    undated = PolicyPage.objects.filter(issued_on=None)
    assert undated.exists()
    assert order[: len(dated)] == [p.title for p in dated]
    assert set(order[len(dated) :]) == {p.title for p in undated}


def test_with_elasticsearch_the_text_search_is_wagtails_on_the_cluster(client, site, settings):
    """Through the real client and Wagtail's Elasticsearch 9 backend, against a node that
    records requests: the search asks the policy index for every term (operator and), and
    the listing shows the pages the cluster found, still filtered and ordered by the site."""
    from tests.search.test_elastic import RecordingNode

    dongying = PolicyPage.objects.get(title__contains="东营区人民政府办公室关于印发")
    RecordingNode.calls = []
    RecordingNode.hits = []
    settings.ELASTICSEARCH_URL = "http://es.test:9200"
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.elasticsearch9",
            "URLS": ["http://es.test:9200"],
            "INDEX_PREFIX": "jijinan-wagtail-",
            "OPTIONS": {"node_class": RecordingNode},
        }
    }
    original = RecordingNode.answer

    def answer(self, method, path, body):
        if path.endswith("/_search"):
            hit = {"_index": "x", "_id": str(dongying.pk), "_score": 2.0}
            hit["fields"] = {"pk": [str(dongying.pk)]}
            return {"took": 1, "timed_out": False, "hits": {"total": {"value": 1}, "hits": [hit]}}
        return original(self, method, path, body)

    RecordingNode.answer = answer
    try:
        found = listing(client, q="先救助")
    finally:
        RecordingNode.answer = original
    assert "东营区人民政府办公室关于印发" in found and "宁波" not in found
    (search,) = [(p, b) for m, p, b in RecordingNode.calls if p.endswith("/_search")]
    path, body = search
    assert path.startswith("/jijinan-wagtail-")
    assert '"operator": "and"' in json.dumps(body) and "先救助" in json.dumps(
        body, ensure_ascii=False
    )


# ---- the assistance types a policy governs (issue 20, item 7) ----


def test_a_policy_links_each_type_it_governs_to_the_apply_form(client, site):
    page = PolicyPage.objects.get(document_number="吉民发〔2015〕47号")
    page.assistance_types = ["temporary", "medical"]
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert "本政策适用于：" in html
    # In the order of the types, each to 我要求助 with its type chosen, in Chinese.
    assert (
        '<a href="/apply/?type=medical">医疗救助</a>、<a href="/apply/?type=temporary">临时救助</a>'
        in html
    )
    english = client.get(page.url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "This policy governs:" in english
    assert "medical assistance" in english


def test_a_policy_without_types_shows_no_line(client, site):
    page = PolicyPage.objects.get(issuer="吉林经济技术开发区管理委员会")
    assert page.assistance_types == []
    html = client.get(page.url).content.decode()
    assert "本政策适用于" not in html


def test_an_unknown_code_is_left_out_not_shown_raw(client, site):
    page = PolicyPage.objects.get(document_number="吉民发〔2015〕47号")
    page.assistance_types = ["pension", "housing"]
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert "住房救助" in html and "pension" not in html


def test_the_apply_form_opens_with_the_linked_type_chosen(client, site):
    html = client.get("/apply/?type=medical").content.decode()
    assert '<option value="medical" selected>' in html
    unknown = client.get("/apply/?type=pension").content.decode()
    assert " selected>" not in unknown.split('name="assistance_type"')[1].split("</select>")[0]


def test_editors_tick_the_types_and_a_bad_one_is_refused(site):
    from cms.models import PolicyPageForm

    policy = PolicyPage.objects.get(slug="policy-0")
    form_class = PolicyPage.get_edit_handler().get_form_class()
    assert issubclass(form_class, PolicyPageForm)
    data = {
        "title": policy.title,
        "slug": policy.slug,
        "issuer": policy.issuer,
        "status": "in_force",
        "assistance_types": ["medical", "temporary"],
        "body-count": "0",
    }
    form = form_class(data=data, instance=policy, for_user=None)
    form.is_valid()
    assert "assistance_types" not in form.errors
    assert form.cleaned_data["assistance_types"] == ["medical", "temporary"]
    assert 'type="checkbox"' in str(form["assistance_types"])
    assert "医疗救助" in str(form["assistance_types"])
    bad = form_class(data={**data, "assistance_types": ["pension"]}, instance=policy, for_user=None)
    assert not bad.is_valid() and "assistance_types" in bad.errors


def test_the_demo_links_the_seed_policies_to_their_types(site):
    ningbo = PolicyPage.objects.get(document_number="甬政办发〔2015〕50号")
    assert "medical" in ningbo.assistance_types and "dibao" in ningbo.assistance_types
    assert PolicyPage.objects.get(slug="policy-0").assistance_types == ["temporary"]
