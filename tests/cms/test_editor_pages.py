"""Editors own the public site (issue 18, item 6): the needs and projects indexes,
transparency, notice, donate, report and apply are Wagtail pages whose heading, introduction
and help text editors change, in Chinese and English, at the same URLs; the home page's
sections are chosen and ordered in the admin; policy topics are ticked, not typed as JSON;
the policies' search shows a count and marked excerpts; the demo's policies carry no debris."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.test import Client

from cms.demo import FIXTURES, POLICIES, policy_paragraphs, seed_site
from cms.editor_pages import (
    ApplyPage,
    DonatePage,
    NeedsIndexPage,
    NoticePage,
    ProjectsIndexPage,
    ReportPage,
    TransparencyPage,
)
from cms.models import PolicyPage, PolicyPageForm, StandardPage
from cms.policies import excerpt

pytestmark = pytest.mark.django_db

EDITOR_URLS = {
    NeedsIndexPage: "/needs/",
    ProjectsIndexPage: "/projects/",
    TransparencyPage: "/transparency/",
    NoticePage: "/notice/",
    DonatePage: "/donate/",
    ReportPage: "/report/",
    ApplyPage: "/apply/",
}


@pytest.fixture
def client():
    cache.clear()
    return Client()


@pytest.fixture
def home():
    return seed_site()


def h1(response) -> str:
    return re.search(r"<h1>([^<]*)</h1>", response.content.decode()).group(1)


def publish(page, **fields):
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()


def test_the_demo_creates_each_page_at_its_url_once(home):
    seed_site()  # a second run adds nothing
    for page_class, url in EDITOR_URLS.items():
        assert page_class.objects.live().get().url == url
    # The old "how to apply" page that /apply/ hid gave way to the 我要求助 page.
    assert not StandardPage.objects.filter(slug="apply").exists()


def test_the_editors_words_show_at_the_same_urls_in_both_languages(client, home):
    for page_class, url in EDITOR_URLS.items():
        page = page_class.objects.get()
        publish(
            page, title=f"编辑的标题{page.pk}", intro="编辑写的介绍。", title_en="", intro_en=""
        )
        response = client.get(url)
        assert response.status_code == 200, url
        assert h1(response) == f"编辑的标题{page.pk}"
        assert "编辑写的介绍。" in response.content.decode()
        # No English written: the English reader gets the catalogue's wording.
        english = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
        assert h1(english) == str(page_class.default_heading)
        assert "编辑写的介绍" not in english.content.decode()


def test_the_english_text_and_the_help_blocks_show_to_english_readers(client, home):
    page = ApplyPage.objects.get()
    publish(page, title_en="Ask us for help", intro_en="Written by an editor.")
    english = client.get("/apply/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<h1>Ask us for help</h1>" in english and "Written by an editor." in english
    assert "What to bring" in english  # the English help blocks of the demo
    chinese = client.get("/apply/").content.decode()
    assert "需要准备的材料" in chinese and "What to bring" not in chinese
    assert 'name="what_happened"' in chinese  # the form is still there


def test_a_cached_page_shows_the_new_words_once_published(client, home):
    assert h1(client.get("/needs/")) == NeedsIndexPage.objects.get().title
    publish(NeedsIndexPage.objects.get(), title="困难群众求助信息")
    assert h1(client.get("/needs/")) == "困难群众求助信息"
    # A draft is not shown.
    page = NeedsIndexPage.objects.get()
    page.title = "草稿标题"
    page.save_revision()
    assert h1(client.get("/needs/")) == "困难群众求助信息"


def test_without_a_page_the_fixed_url_shows_the_catalogue_wording(client, home):
    NeedsIndexPage.objects.get().delete()
    response = client.get("/needs/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert h1(response) == "Needs"


def test_a_moved_page_serves_its_records_at_its_new_place(client, home, money):
    need = money.published_need()
    publish(NeedsIndexPage.objects.get(), slug="xuqiu")
    assert f"/needs/{need.public_id}/" in client.get("/xuqiu/").content.decode()
    assert client.get(f"/xuqiu/{need.public_id}/").status_code == 200
    assert client.get("/xuqiu/not-a-uuid/").status_code == 404
    assert client.get("/needs/").status_code == 200  # the fixed URL keeps working


def test_the_forms_still_post_to_the_same_services(client, home):
    response = client.post("/apply/", {"applied_by": "self"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400  # the service's validation, named fields
    assert "Please correct the fields marked below." in response.content.decode()
    response = client.post("/report/", {"what_happened": ""}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400


def test_home_sections_follow_the_editors_order_and_headings(client, home):
    page = client.get("/").content.decode()
    order = [page.index(f'id="{anchor}"') for anchor in ("totals", "urgent", "open-projects")]
    assert order == sorted(order)
    publish(
        home,
        sections=[
            ("open_projects", {"heading": "正在进行的项目", "heading_en": ""}),
            ("totals", {}),
            ("text", {"heading": "温馨提示", "text": "<p>编辑写的提示。</p>"}),
        ],
    )
    page = client.get("/").content.decode()
    assert page.index('id="open-projects"') < page.index('id="totals"')
    assert "正在进行的项目" in page and "编辑写的提示。" in page
    assert 'id="urgent"' not in page  # left out by the editor
    english = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Open charity projects" in english and "正在进行的项目" not in english
    assert f"<h1>{home.title_en}</h1>" in english


def test_policy_topics_are_ticked_from_the_list(home):
    policy = PolicyPage.objects.get(slug="policy-0")
    form_class = PolicyPage.get_edit_handler().get_form_class()
    assert issubclass(form_class, PolicyPageForm)
    data = {
        "title": policy.title,
        "slug": policy.slug,
        "issuer": policy.issuer,
        "status": "in_force",
        "topics": ["referral", "supervision"],
        "body-count": "0",
    }
    form = form_class(data=data, instance=policy, for_user=None)
    form.is_valid()
    assert "topics" not in form.errors
    assert form.cleaned_data["topics"] == ["referral", "supervision"]
    bad = form_class(data={**data, "topics": ["nonsense"]}, instance=policy, for_user=None)
    assert not bad.is_valid() and "topics" in bad.errors
    assert 'type="checkbox"' in str(form["topics"])


def test_the_demo_policies_carry_no_scraping_debris(home):
    jilin = PolicyPage.objects.get(document_number="吉民发〔2015〕47号")
    first = jilin.body[0].value
    assert first != "吉林省民政厅" and not first.startswith("吉林省民政厅 吉林省财政厅关于")
    ningbo = PolicyPage.objects.get(document_number="甬政办发〔2015〕50号")
    assert "517次" not in ningbo.search_text
    assert ningbo.body[0].value.startswith("各县(市)区人民政府")
    # The document's own words stay.
    assert "首问负责" in jilin.search_text


def test_the_debris_filter_keeps_a_document_without_any():
    meta = POLICIES[4]
    text = (FIXTURES / meta["file"]).read_text(encoding="utf-8")
    paragraphs = policy_paragraphs(text, meta["title"], meta["document_number"])
    assert paragraphs[0] == "各相关部门:"
    assert len(paragraphs) == len([line for line in text.splitlines() if line.strip()])


def test_policy_search_shows_a_count_and_marked_excerpts(client, home):
    page = client.get("/policies/", {"q": "临时救助"}, HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    found = int(re.search(r"Policy documents found: (\d+)", html).group(1))
    assert found >= 1
    assert html.count('class="excerpt"') == min(found, 20)
    assert "<mark>临时救助</mark>" in html
    everything = client.get("/policies/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Policy documents found: 5" in everything
    assert 'class="excerpt"' not in everything  # no search, no excerpt
    nothing = client.get("/policies/", {"q": "完全无关的词语"}, HTTP_ACCEPT_LANGUAGE="en")
    assert "Policy documents found: 0" in nothing.content.decode()


def test_an_excerpt_escapes_the_text_and_marks_the_words():
    text = "前面的话<script>x</script>，对遭遇急难的家庭给予临时救助，后面还有很多很多字。" * 3
    marked = excerpt(text, "临时救助")
    assert "<script>" not in marked and "&lt;script&gt;" in marked
    assert "<mark>临时救助</mark>" in marked
    assert excerpt("没有相关内容", "临时救助") == "没有相关内容"
    # Bigrams where the whole word is absent: 救助 of 临时救助 is still marked.
    assert "<mark>救助</mark>" in excerpt("社会救助制度", "临时救助")


def test_editors_edit_the_pages_and_tick_topics_in_the_admin(client, home, django_user_model):
    admin = django_user_model.objects.create_superuser("editor", "editor@example.org", "pw-12345")
    client.force_login(admin)
    for page_class in [*EDITOR_URLS, type(home)]:
        page = page_class.objects.get() if page_class is not type(home) else home
        response = client.get(f"/admin/pages/{page.pk}/edit/")
        assert response.status_code == 200, page_class
    policy = PolicyPage.objects.get(slug="policy-0")
    html = client.get(f"/admin/pages/{policy.pk}/edit/").content.decode()
    assert 'type="checkbox" name="topics" value="referral"' in html
    assert "[&quot;temporary_relief&quot;" not in html  # no JSON to type
    # The admin's preview of a routable page shows its list.
    response = client.get(f"/admin/pages/{NeedsIndexPage.objects.get().pk}/edit/preview/")
    assert response.status_code == 200


def test_english_pages_join_lists_with_commas_and_write_dates_the_english_way(client, money):
    import datetime as dt

    from projects import services as project_services

    project = money.world.project
    project.categories = ["illness", "fire"]
    project.save()
    project_services.progress_update_create(
        by=money.world.charity_staff, project=project, date=dt.date(2026, 3, 8), text="已发放。"
    )
    english = client.get(f"/projects/{project.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "grave illness, fire" in english
    assert "March 8, 2026" in english and "2026-03-08</time>" not in english
    chinese = client.get(f"/projects/{project.pk}/").content.decode()
    assert "2026-03-08</time>" in chinese
    assert "、" in chinese  # 重大疾病、火灾


def test_the_policies_contact_and_accessibility_pages_have_english_headings(client, home):
    for path, heading in (
        ("/policies/", "Policies"),
        ("/contact/", "Contact"),
        ("/accessibility/", "Accessibility"),
    ):
        assert h1(client.get(path, HTTP_ACCEPT_LANGUAGE="en")) == heading, path
    assert h1(client.get("/contact/")) == "联系我们"
    english = client.get("/contact/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Charities that wish to join" in english and "慈善组织希望加入" not in english
