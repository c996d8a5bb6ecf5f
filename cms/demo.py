"""Demo content for the public site: the home page as the site's root, and the five seed
documents as policy pages."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from django.db import transaction
from django.utils import translation
from wagtail.models import Page, Site

from cms.editor_pages import (
    ApplyPage,
    DonatePage,
    NeedsIndexPage,
    NoticePage,
    ProjectsIndexPage,
    ReportPage,
    TransparencyPage,
)
from cms.models import HOME_SECTIONS, HomePage, PolicyIndexPage, PolicyPage, StandardPage

FIXTURES = Path(__file__).parent / "fixtures" / "policies"


@transaction.atomic
def seed_site() -> HomePage:
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        # Wagtail's own placeholder page ("Welcome to your new Wagtail site!") gives way.
        for placeholder in root.get_children().filter(content_type__model="page", slug="home"):
            placeholder.delete()
        home = root.add_child(
            instance=HomePage(
                title="救急难 · 救助资源与救助需求对接平台",
                slug="home",
                intro="遭遇急难、生活陷入困境的家庭，可以在这里找到救助政策、求助渠道和慈善项目。",
                title_en="Emergency and hardship relief: help and resources matched",
                intro_en=(
                    "Families hit by an emergency or living in hardship find here the relief "
                    "policies, the ways to ask for help and the charity projects."
                ),
                # Every section in the default order, for editors to reorder in the admin.
                sections=[(name, {}) for name, _label, _block in HOME_SECTIONS],
            )
        )
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="救急难平台",
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save(update_fields=["root_page"])
    seed_policies(home)
    seed_standard_pages(home)
    seed_editor_pages(home)
    return home


# How to apply in other ways: the help text of the 我要求助 page (/apply/), which once was a
# standard page that the online form's URL hid.
HOW_TO_APPLY = [
    ("heading", "申请渠道"),
    (
        "paragraph",
        "<p>拨打社会救助热线 12349；或到户籍所在地、居住地的乡镇人民政府（街道办事处）、村（居）民委员会提出申请。无法自行申请的，可由村（居）委会或他人代为申请（代办帮办）。</p>",
    ),
    ("heading", "需要准备的材料"),
    (
        "paragraph",
        "<p>身份证明、家庭成员和收入情况说明，以及遭遇急难的相关证明（如医疗费用票据、事故证明）。情况紧急的，可以先行救助，事后补齐材料。</p>",
    ),
    ("heading", "办理时限"),
    (
        "paragraph",
        "<p>对急难型救助，乡镇（街道）在受理后及时给予先行救助；一般临时救助按规定时限审核审批，并告知结果。</p>",
    ),
]

STANDARD_PAGES = [
    {
        "slug": "contact",
        "title": "联系我们",
        "intro": "社会救助热线 12349，工作时间内有人接听。",
        "title_en": "Contact",
        "intro_en": "The social assistance hotline 12349 is answered in working hours.",
        "body_en": [
            (
                "paragraph",
                "<p>If someone near you is in hardship, call 12349 or tell us on the "
                "“Report someone in distress” page.</p>",
            ),
            (
                "paragraph",
                "<p>Charities that wish to join the platform and post relief projects, please "
                "contact the civil affairs office where you are.</p>",
            ),
        ],
        "body": [
            (
                "paragraph",
                "<p>发现身边有人陷入困境，可以拨打 12349，或在本站“报告困难群众”页面告诉我们。</p>",
            ),
            ("paragraph", "<p>慈善组织希望加入平台、发布救助项目，请与所在地民政部门联系。</p>"),
        ],
    },
    {
        # The 无障碍 link in every page's header opens this page (seed 003's site offers
        # 无障碍 and 关怀版 on every page).
        "slug": "accessibility",
        "title": "无障碍说明",
        "title_en": "Accessibility",
        "intro_en": (
            "This site follows the basic requirements of WCAG 2.1 AA, for older people and "
            "people with disabilities. Care mode, at the top of every page, enlarges text and "
            "controls; everything works with the keyboard alone and without JavaScript; help "
            "on 12349."
        ),
        "intro": "本站按照无障碍网页内容指南（WCAG 2.1 AA）的基本要求建设，方便老年人和残障人士使用。",
        "body": [
            ("heading", "关怀版"),
            (
                "paragraph",
                "<p>每个页面顶部都有“关怀版”按钮，按《互联网网站适老化通用设计规范》设计：文字和按钮放大约四分之一，黑字白底、链接加下划线；导航精简，“我要求助”等常用服务排在最前、更大；没有弹窗和动画。本站会记住您的选择，点击“标准版”即可恢复。</p>",
            ),
            ("heading", "键盘和读屏软件"),
            (
                "paragraph",
                "<p>所有功能都可以只用键盘完成：按 Tab 键依次移动，按回车键确认；每页第一个链接“跳到主要内容”可略过导航。图表旁边都有内容相同的表格，供读屏软件朗读；不开启 JavaScript 也能使用全部表单。</p>",
            ),
            ("heading", "遇到困难"),
            (
                "paragraph",
                "<p>使用中遇到障碍，请拨打社会救助热线 12349，工作人员可以帮您办理。</p>",
            ),
        ],
    },
]


def seed_standard_pages(home: HomePage) -> None:
    """How to apply for help and contact: plain pages editors change in the admin."""
    for spec in STANDARD_PAGES:
        if StandardPage.objects.child_of(home).filter(slug=spec["slug"]).exists():
            continue
        home.add_child(instance=StandardPage(**spec))


HOW_TO_APPLY_EN = [
    ("heading", "Other ways to apply"),
    (
        "paragraph",
        "<p>Call the social assistance hotline 12349, or apply at the township government "
        "(street office) or the village (residents') committee where you are registered or "
        "live. Someone else may apply for a person who cannot do it themselves.</p>",
    ),
    ("heading", "What to bring"),
    (
        "paragraph",
        "<p>Proof of identity, the household's members and income, and proof of the emergency "
        "(medical bills, an accident report). In an emergency relief comes first and the "
        "papers later.</p>",
    ),
]

# The editor-worded public pages at the site's fixed URLs (cms.editor_pages): their Chinese
# heading and introduction start as the catalogue's wording, which editors then change.
EDITOR_PAGES = [
    ("needs", NeedsIndexPage, {}),
    ("projects", ProjectsIndexPage, {}),
    ("transparency", TransparencyPage, {}),
    ("notice", NoticePage, {}),
    ("donate", DonatePage, {}),
    ("report", ReportPage, {}),
    ("apply", ApplyPage, {"body": HOW_TO_APPLY, "body_en": HOW_TO_APPLY_EN}),
]


def seed_editor_pages(home: HomePage) -> None:
    for slug, page_class, fields in EDITOR_PAGES:
        if page_class.objects.exists():
            continue
        # The old "how to apply" standard page at /apply/ (hidden by the online form) gives
        # way to the 我要求助 page, which shows its text.
        for old in StandardPage.objects.child_of(home).filter(slug=slug):
            old.delete()
        with translation.override("zh-hans"):
            title, intro = str(page_class.default_heading), str(page_class.default_intro)
        home.add_child(instance=page_class(slug=slug, title=title, intro=intro, **fields))


# The five seed documents (copied into cms/fixtures/policies/ so the project never reads
# ../shared at run time), with their real metadata. Seed 003 gives no number or date.
POLICIES = [
    {
        "file": "000.txt",
        "title": "吉林省民政厅 吉林省财政厅关于进一步完善临时救助制度深入开展“救急难”工作的通知",
        "document_number": "吉民发〔2015〕47号",
        "issuer": "吉林省民政厅、吉林省财政厅",
        "issued_on": date(2015, 9, 8),
        "status": "in_force",
        "topics": ["temporary_relief", "active_discovery", "referral"],
        "assistance_types": ["temporary"],
    },
    {
        "file": "001.txt",
        "title": "东营区人民政府办公室关于印发《东营区困难群众“救急难”工作方案》的通知",
        "document_number": "东区政办发〔2017〕71号",
        "issuer": "东营市东营区人民政府办公室",
        "issued_on": date(2017, 10, 26),
        "status": "in_force",
        "topics": ["temporary_relief", "referral"],
        "assistance_types": ["temporary"],
    },
    {
        "file": "002.txt",
        "title": "宁波市人民政府办公厅关于贯彻落实《社会救助暂行办法》的意见",
        "document_number": "甬政办发〔2015〕50号",
        "issuer": "宁波市人民政府办公厅",
        "issued_on": date(2015, 4, 8),
        "status": "repealed",  # 已失效
        "topics": ["assistance_system", "referral"],
        # The 社会救助暂行办法 it implements: every kind of assistance but the marginal ones.
        "assistance_types": [
            "dibao",
            "tekun",
            "medical",
            "education",
            "housing",
            "employment",
            "disaster",
            "temporary",
        ],
    },
    {
        "file": "003.txt",
        "title": "关于建立完善社会救助主动发现机制若干措施",
        "document_number": "",
        "issuer": "江西省民政厅",
        "issued_on": None,
        "status": "in_force",
        "topics": ["active_discovery"],
    },
    {
        "file": "004.txt",
        "title": "吉林经开区开展社会救助专项治理的实施方案",
        "document_number": "",
        "issuer": "吉林经济技术开发区管理委员会",
        "issued_on": date(2015, 9, 16),
        "status": "in_force",
        "topics": ["supervision"],
    },
]
# Lines of the source web pages that are page furniture, not the document.
_FURNITURE = (
    "当前位置",
    "所在位置",
    "时间:",
    "来源:",
    "字体显示",
    "分享到",
    "关怀版",
    "访问量",
    ".jpg",
)


# A web page's date and hit counter ("2015-04-08 517次 已失效"), or the counter alone.
_COUNTER = re.compile(r"^(\d{4}-\d{2}-\d{2}\s+)?\d+\s*次(\s+\S+)?$")
# Lines near the top that may be the site's banner rather than the document.
_HEADER_LINES = 12


def policy_paragraphs(text: str, title: str = "", document_number: str = "") -> list[str]:
    """The document's paragraphs without the scraped web page's debris: the navigation and
    sharing furniture, page numbers, the hit counter, the site's banner repeated at the top
    (吉林省民政厅 / 吉林省民政厅), and the lines that only repeat the title or the document
    number, which the page shows as its heading and metadata."""
    lines = [line.strip() for line in text.splitlines()]
    top = [re.sub(r"\s+", "", line) for line in lines[:_HEADER_LINES] if line]
    title_start = re.sub(r"\s+", "", title)[:20]
    kept = []
    for number, line in enumerate(lines):
        if (
            not line
            or any(mark in line for mark in _FURNITURE)
            or not line.strip("—0123456789 ")  # page numbers such as "—7—"
            or _COUNTER.match(line)
        ):
            continue
        squeezed = re.sub(r"\s+", "", line)
        if number < _HEADER_LINES and (
            top.count(squeezed) > 1  # the site's banner, repeated
            or (title_start and squeezed.startswith(title_start))
            or (document_number and squeezed == document_number)
        ):
            continue
        kept.append(line)
    return kept


@transaction.atomic
def seed_policies(home: HomePage) -> PolicyIndexPage:
    index = PolicyIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(
            instance=PolicyIndexPage(
                title="政策宣传",
                slug="policies",
                title_en="Policies",
                intro_en=(
                    "Policy documents on emergency relief and social assistance (in Chinese), "
                    "by issuer, year, topic and whether still in force."
                ),
                intro="救急难和社会救助的政策文件：可按发文机关、年份、主题和是否有效筛选。",
            )
        )
    for number, meta in enumerate(POLICIES):
        slug = f"policy-{number}"
        if PolicyPage.objects.filter(slug=slug).exists():
            continue
        text = (FIXTURES / meta["file"]).read_text(encoding="utf-8")
        paragraphs = policy_paragraphs(text, meta["title"], meta["document_number"])
        body = [("paragraph", paragraph) for paragraph in paragraphs]
        fields = {key: value for key, value in meta.items() if key != "file"}
        index.add_child(instance=PolicyPage(slug=slug, body=body, **fields))
    return index
