"""Chinese first, properly: every back-office screen of the demo, read in zh-hans by each demo
role, shows no raw enum code, no ``*_fen`` field name, no True/False and no untranslated
English; and the login page names the platform, not Wagtail.

The screens are found as a person finds them: from the dashboard, every link within the back
office, and from each list the first record of each kind (one page per URL shape, bounded).
The text read is what a person sees or hears: text nodes outside scripts and styles, and the
placeholder, title, aria-label and alt attributes and the labels of buttons.
"""

from __future__ import annotations

import re
from collections import deque
from html.parser import HTMLParser
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.test import Client

from core.demo import LOGINS
from core.models import Region, User

pytestmark = pytest.mark.django_db

PROJECT_APPS = {"core", "needs", "projects", "donors", "cms", "supervision", "search"}
MAX_PAGES_PER_ROLE = 70
# Proper nouns and abbreviations a Chinese screen may write in Latin letters.
ALLOWED_WORDS = {
    "Wagtail", "API", "CSV", "XLSX", "PDF", "JSON", "Stripe", "GB/T", "OpenAPI", "Excel",
    "ID", "URL", "UTC", "HTTP", "HTTPS", "PNG", "JPEG", "Markdown", "Draftail", "SVG", "ICP",
    "Email", "email", "SMS", "IP", "Redoc", "Swagger", "axe", "ECharts", "Chromium",
}  # fmt: skip
# Links that change state, sign out or download instead of showing a screen; and Wagtail's own
# CMS and developer screens (page editing, sites, groups, workflows, Wagtail's reports), whose
# words are Wagtail's translations, not ours: the platform administrator's screens of the
# project (organisations, memberships, holidays, time limits, the audit log) are read.
SKIP = re.compile(
    r"/logout/|/login/|/delete/|/unpublish/|/revisions/|/export|\.csv|\.xlsx|download|"
    r"/password_reset/|/lock/|/unlock/|/copy/|/move/|/workflow|/jsi18n|/sprite|/static/|"
    r"^/admin/(pages|sites|groups|users|workflows|tasks|reports|locales|redirects|images|"
    r"documents|collections|snippets|styleguide|searchpicks|formsubmissions|bulk)/"
)
# Links in the page, and the menu's, which the sidebar draws from its JSON props.
HREF = re.compile(r'(?:href="|"url": ?")(/admin/[^"#?]*)')
WORDS = re.compile(r"[A-Za-z][A-Za-z'’]*(?:[ \t]+[A-Za-z][A-Za-z'’]*)+")
TOKENS = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_./@-]*")
FEN_NAME = re.compile(r"\b[a-z_]+_fen\b")


def enum_codes() -> set[str]:
    """Every choice value of the project's models that is a word in Latin letters."""
    codes = set()
    for model in apps.get_models():
        if model._meta.app_label not in PROJECT_APPS:
            continue
        for field in model._meta.get_fields():
            for value, _label in getattr(field, "flatchoices", None) or []:
                if isinstance(value, str) and re.fullmatch(r"[a-z][a-z0-9_]+", value):
                    codes.add(value)
    return codes


class VisibleText(HTMLParser):
    """The text of a page as a reader gets it, one run per text node or attribute."""

    SKIPPED = {"script", "style", "template", "noscript", "svg", "head"}
    ATTRIBUTES = ("placeholder", "title", "aria-label", "alt")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.runs: list[str] = []
        self._skipping: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIPPED:
            self._skipping.append(tag)
            return
        if self._skipping:
            return
        values = dict(attrs)
        self.runs.extend(values[name] for name in self.ATTRIBUTES if values.get(name))
        if tag == "input" and values.get("type") in ("submit", "button") and values.get("value"):
            self.runs.append(values["value"])

    def handle_endtag(self, tag):
        if self._skipping and self._skipping[-1] == tag:
            self._skipping.pop()

    def handle_data(self, data):
        if not self._skipping and data.strip():
            self.runs.append(data.strip())


def visible_text_of(html: str) -> str:
    parser = VisibleText()
    parser.feed(html)
    return " ".join(parser.runs)


def problems_in(html: str, codes: set[str], data: frozenset[str] = frozenset()) -> list[str]:
    """``data``: English a Chinese screen shows as a record's value, not as its own text (a
    region's English name, in the audit entry that set it)."""
    parser = VisibleText()
    parser.feed(html)
    found = []
    for run in parser.runs:
        english = [
            words
            for words in WORDS.findall(run)
            if words not in data and any(word not in ALLOWED_WORDS for word in words.split())
        ]
        found.extend(f"English {words!r} in {run[:80]!r}" for words in english)
        in_english = {token for words in english for token in TOKENS.findall(words)}
        for token in TOKENS.findall(run):
            if token in ("True", "False"):
                found.append(f"{token} in {run[:80]!r}")
            elif token in codes and token not in in_english:
                found.append(f"raw code {token!r} in {run[:80]!r}")
        found.extend(f"field name {name!r} in {run[:80]!r}" for name in FEN_NAME.findall(run))
    return found


def crawl(
    client: Client, codes: set[str], data: frozenset[str] = frozenset()
) -> tuple[dict[str, list[str]], list[str]]:
    """Problems by page, and the pages read: from the dashboard, one page per URL shape."""
    queue, seen_shapes, visited, problems = deque(["/admin/"]), set(), [], {}
    while queue and len(visited) < MAX_PAGES_PER_ROLE:
        url = queue.popleft()
        shape = re.sub(r"\d+", "N", url)
        if shape in seen_shapes or SKIP.search(url):
            continue
        seen_shapes.add(shape)
        response = client.get(url)
        if response.status_code >= 500:
            problems[url] = [f"server error {response.status_code}"]
            continue
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        visited.append(url)
        html = response.content.decode()
        found = problems_in(html, codes, data)
        if found:
            problems[url] = sorted(set(found))
        queue.extend(HREF.findall(html))
    return problems, visited


@pytest.fixture
def demo():
    call_command("seed_demo", allow_production=True, stdout=StringIO())


def report(problems: dict[str, list[str]]) -> str:
    return "\n".join(f"{url}\n    " + "\n    ".join(found) for url, found in problems.items())


def test_the_login_page_is_in_chinese_and_names_the_platform(client):
    html = client.get("/admin/login/").content.decode()
    assert "救急难" in html and "密码" in visible_text_of(html)
    assert "登录Wagtail" not in html and "Wagtail" not in visible_text_of(html)
    assert problems_in(html, enum_codes()) == []


def test_every_back_office_screen_of_every_demo_role_reads_in_chinese(demo):
    codes = enum_codes()
    assert {"walk_in", "illness", "caseworker"} <= codes  # the list is the models' own
    # The regions' English names are records' values (the audit log shows the one set).
    data = frozenset(Region.objects.exclude(name_en="").values_list("name_en", flat=True))
    everything, counts = {}, {}
    for username, *_rest in [*LOGINS, ("admin",)]:
        client = Client(raise_request_exception=False)
        client.force_login(User.objects.get(username=username))
        problems, visited = crawl(client, codes, data)
        counts[username] = len(visited)
        everything.update({f"{username} {url}": found for url, found in problems.items()})
    assert all(count >= 3 for count in counts.values()), counts  # the crawl found the screens
    assert not everything, f"{len(everything)} screens with raw codes or English:\n" + report(
        everything
    )


def test_a_chinese_name_reads_family_name_first_and_whole():
    chinese = User(username="wf", first_name="芳", last_name="王")
    western = User(username="as", first_name="Anna", last_name="Schmidt")
    assert (chinese.get_full_name(), chinese.get_short_name()) == ("王芳", "王芳")
    assert (western.get_full_name(), western.get_short_name()) == ("Anna Schmidt", "Anna")
