"""Demo cases for `make run`: a few dozen across the demo offices, in every state of the flow,
with Chinese narratives, spread over the last five weeks (each step on its own day, so that
the 待办, the overdue lists, the medians and the escalations show real figures). Idempotent:
nothing is added if the demo cases exist already."""

from __future__ import annotations

import datetime as dt
import random
from contextlib import contextmanager
from unittest import mock

from django.db import transaction
from django.utils import timezone

from core.models import Organisation, Region, User
from discovery import services as discovery_services
from needs import services
from needs.factories import id_number
from needs.models import Case
from needs.services import HouseholdInput, MemberInput
from projects.models import Project

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎"
GIVEN = [
    "建国",
    "秀兰",
    "桂英",
    "志强",
    "玉梅",
    "海峰",
    "春燕",
    "明亮",
    "淑珍",
    "国庆",
    "红霞",
    "德福",
]
STORIES = [
    (
        "illness",
        "{head}的妻子{spouse}确诊尿毒症，每周需透析三次，家中积蓄已经用完，{head}为照顾妻子无法外出务工。",
    ),
    ("fire", "凌晨{head}家中因电线老化起火，三间平房烧毁，一家人暂住亲戚家，衣物被褥全部损毁。"),
    ("accident", "{head}在建筑工地摔伤腰椎，需手术治疗，雇主尚未支付赔偿，家中两个孩子正在上学。"),
    (
        "breadwinner",
        "{head}的丈夫因车祸去世，家中失去主要收入来源，{head}独自抚养两个未成年子女和年迈的婆婆。",
    ),
    ("child", "{spouse}今年九岁，父母离异后由奶奶{head}抚养，奶奶近期中风住院，孩子无人照料。"),
    ("disaster", "暴雨引发内涝，{head}家的房屋倒塌，口粮和农具被冲走，全家临时安置在村委会。"),
    ("illness", "{head}患白血病正在化疗，已花费医疗费二十余万元，医保报销后仍有较大缺口。"),
    ("other", "{head}务工返乡途中钱物被盗，身患慢性病需长期服药，暂无生活来源。"),
]

# The patient's facts each story's assessment records (projects.conditions): condition, age.
STORY_PATIENTS = [
    ("uraemia", 46),
    ("", None),
    ("trauma", 38),
    ("", None),
    ("stroke", 71),
    ("", None),
    ("leukaemia", 35),
    ("other", 52),
]
# Structured limits of the demo projects, beside their notes (search.policy reads these).
PROJECT_LIMITS = {
    "大病医疗救助项目": {
        "conditions": [
            "leukaemia",
            "childhood_cancer",
            "uraemia",
            "organ_transplant",
            "congenital_heart",
            "stroke",
            "trauma",
            "burns",
        ],
        "requires_local_hukou": True,
        "eligibility_note": "限吉林省户籍；病种见“资助病种”。",
    },
}

# (office, caseworker username, county code) of the demo offices (core.demo).
OFFICES = [
    ("长春市朝阳区民政局", "caseworker.chaoyang", "220104", "南湖街道"),
    ("长春市南关区民政局", "caseworker.nanguan", "220102", "永吉街道"),
    ("南昌市东湖区民政局", "caseworker.donghu", "360102", "百花洲街道"),
]
# When each case of SCRIPT was reported (days before the seeding; each office a day later
# than the one before), and when its steps followed (hours after the report).
# The channels staff record a case through (online applications come from the public form).
STAFF_CHANNELS = [c for c in Case.Channel.values if c != Case.Channel.ONLINE]
REPORTED_DAYS_AGO = [6, 0.125, 9, 12, 20, 8, 4, 15, 25, 18, 10, 35]
STEP_HOURS = {
    "accept": 3,
    "advance": 5,
    "assess": 26,
    "relief": 50,
    "publish": 74,
    "refer": 74,
    "answer": 98,
    "reject": 122,
    "complete": 240,
    "close": 264,
}
# The referral still waiting for its answer was made the day before (still in time).
PENDING_REFERRAL_HOURS_AGO = 20


@contextmanager
def demo_clock(moment: dt.datetime):
    """Run the services as if at ``moment``: they stamp every step with ``timezone.now()``,
    and the demo replays weeks of work in one go. Never later than now, never before this
    year began (the relief budgets and case numbers are this year's)."""
    real_now = timezone.now()
    year_start = timezone.make_aware(dt.datetime(timezone.localdate().year, 1, 1, 1))
    moment = max(min(moment, real_now - dt.timedelta(minutes=1)), year_start)
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


# What happens to each case of an office, in order: every state of the flow appears.
SCRIPT = [
    "reported",
    "reported",
    "accepted",
    "assessed",
    "relieved",
    "pending_approval",
    "advance",
    "referred",
    "referral_accepted",
    "referral_rejected",
    "published",
    "closed",
]


def _projects() -> dict[str, Project]:
    specs = [
        ("吉林省慈善总会", "大病医疗救助项目", ["illness", "accident"], "220000", 3_000_000),
        ("吉林省慈善总会", "受灾家庭安居援助", ["fire", "disaster"], "220000", 2_000_000),
        ("南昌市慈善会", "困境儿童关爱计划", ["child", "breadwinner"], "360100", 1_000_000),
        ("朝阳区春晖互助社", "邻里急难互助金", ["other", "illness"], "220104", 300_000),
        # No filed fundraising plan: the public pages show it, and the donate page refuses.
        ("朝阳区春晖互助社", "春晖助学计划", ["other"], "220104", 100_000),
    ]
    # 募捐方案备案编号 and period (made up): every project but the last may raise publicly.
    this_year = timezone.localdate().year
    filings = {
        "大病医疗救助项目": "53220000MJ0000118-2026-0012",
        "受灾家庭安居援助": "53220000MJ0000118-2026-0031",
        "困境儿童关爱计划": "53360100MJ0000276-2026-0007",
        "邻里急难互助金": "52220104MJ0000351-2026-0002",
    }
    projects = {}
    for charity, title, categories, region, cap in specs:
        project, created = Project.objects.get_or_create(
            title=title,
            defaults={
                "organisation": Organisation.objects.get(name=charity),
                "categories": categories,
                "status": Project.Status.OPEN,
                "per_case_cap_fen": cap,
                "filing_number": filings.get(title, ""),
                "filing_starts_on": dt.date(this_year, 1, 1) if title in filings else None,
                "filing_ends_on": dt.date(this_year + 1, 12, 31) if title in filings else None,
                **PROJECT_LIMITS.get(title, {}),
            },
        )
        if created:
            project.regions.add(Region.objects.get(code=region))
        projects[title] = project
    return projects


@transaction.atomic
def seed_cases() -> int:
    """Create the demo cases once; returns how many were created."""
    if Case.objects.filter(reported_by__username__in=[o[1] for o in OFFICES]).exists():
        return 0
    projects = _projects()
    from donors.demo import seed_relief_budgets

    # Relief is paid from the offices' budgets: appropriate them first.
    seed_relief_budgets([Organisation.objects.get(name=o[0]) for o in OFFICES])
    rng = random.Random(2026)  # the same demo every time
    charity_staff = {
        p.organisation_id: p.organisation.memberships.filter(role="charity_staff").first().user
        for p in projects.values()
    }
    created = 0
    now = timezone.now()
    for office_number, (office_name, username, county, township) in enumerate(OFFICES):
        office = Organisation.objects.get(name=office_name)
        caseworker = User.objects.get(username=username)
        for index, state in enumerate(SCRIPT):
            reported = now - dt.timedelta(days=REPORTED_DAYS_AGO[index] + office_number)
            if index == 1:  # the newest case of each office came in a few hours ago
                reported = now - dt.timedelta(hours=3 + office_number)

            def at(step: str, reported=reported):
                return demo_clock(reported + dt.timedelta(hours=STEP_HOURS[step]))

            story = (index + created) % len(STORIES)
            category, template = STORIES[story]
            surname = SURNAMES[rng.randrange(len(SURNAMES))]
            head, spouse = (
                surname + rng.choice(GIVEN),
                SURNAMES[rng.randrange(len(SURNAMES))] + rng.choice(GIVEN),
            )
            birth = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(20000))
            household = HouseholdInput(
                region=Region.objects.get(code=county),
                township=township,
                address_detail=f"{rng.randint(1, 30)}号楼{rng.randint(1, 6)}单元{rng.randint(101, 602)}室",
                phone=f"1{rng.choice('3578')}{rng.randint(100000000, 999999999)}",
                flags={
                    "is_dibao": index % 3 == 0,
                    "kg_elderly_disabled_ill": index % 2 == 0,
                    "kg_disaster_hit": category in ("fire", "disaster"),
                },
                members=[
                    MemberInput(
                        name=head,
                        relation="head",
                        age=timezone.localdate().year - birth.year,
                        id_number=id_number(f"{county}{birth:%Y%m%d}{rng.randint(100, 999)}"),
                    ),
                    MemberInput(
                        name=spouse,
                        relation="spouse" if category != "child" else "grandchild",
                        age=rng.randint(8, 70),
                    ),
                ],
            )
            channel = rng.choice(STAFF_CHANNELS)
            narrative = template.format(head=head, spouse=spouse)
            urgency = rng.choice([1, 2, 3])
            with demo_clock(reported):
                case = services.case_report(
                    by=caseworker,
                    office=office,
                    channel=channel,
                    category=category,
                    narrative=narrative,
                    household=household,
                    urgency=urgency,
                    is_emergency=state == "advance",
                ).case
            created += 1
            if state == "reported":
                continue
            with at("accept"):
                services.case_accept(by=caseworker, case=case)
            if state == "advance":
                with at("advance"):
                    services.relief_grant(
                        by=caseworker, case=case, kind="advance", amount_fen=80_000
                    )
                continue
            if state == "accepted":
                continue
            need = rng.randint(20, 300) * 100_00
            with at("assess"):
                condition, age = STORY_PATIENTS[story]
                services.case_assess(
                    by=caseworker,
                    case=case,
                    assessed_need_fen=need,
                    assessed_gap_fen=need,
                    condition=condition,
                    patient_age=age,
                )
            if state == "assessed":
                continue
            if state == "pending_approval":
                with at("relief"):
                    services.relief_grant(
                        by=caseworker,
                        case=case,
                        kind="temporary",
                        amount_fen=800_000,
                        reason="家庭特别困难，申请一事一议",
                    )
                continue
            with at("relief"):
                services.relief_grant(
                    by=caseworker, case=case, kind="temporary", amount_fen=min(300_000, need // 2)
                )
            if state == "relieved":
                continue
            if state == "published":
                with at("publish"):
                    services.consent_record(
                        by=caseworker,
                        case=case,
                        scope="publish_need",
                        method="written",
                        given_by_name=head,
                    )
                    services.need_publish(
                        by=caseworker, need=services.need_preview(by=caseworker, case=case)
                    )
                continue
            candidates = [
                p
                for p in projects.values()
                if case.category in p.categories and case.region.is_within(p.regions.first())
            ]
            if not candidates:
                # No demo project takes this kind of hardship here: a referral would break
                # the project's rules (needs.services.referrals), so the case waits, relieved.
                continue
            project = candidates[0]
            refer_at = (
                demo_clock(now - dt.timedelta(hours=PENDING_REFERRAL_HOURS_AGO + office_number))
                if state == "referred"
                else at("refer")
            )
            with refer_at:
                referral = services.referral_create(by=caseworker, case=case, project=project)
            receiver = charity_staff[project.organisation_id]
            if state == "referral_accepted":
                with at("answer"):
                    services.consent_record(
                        by=caseworker,
                        case=case,
                        scope="disclose_contact",
                        method="verbal",
                        given_by_name=head,
                    )
                    services.referral_accept(by=receiver, referral=referral)
            elif state == "referral_rejected":
                with at("reject"):
                    services.referral_reject(by=receiver, referral=referral, reason="no_capacity")
            elif state == "closed":
                with at("answer"):
                    services.referral_accept(by=receiver, referral=referral)
                with at("complete"):
                    services.referral_complete(by=receiver, referral=referral, outcome="resolved")
                with at("close"):
                    services.case_close(
                        by=caseworker,
                        case=case,
                        outcome="resolved_with_help",
                        note="慈善救助到位，家庭生活恢复正常。",
                    )
    return created


# ---- active discovery: hotline calls, visits and routine visits, proxy applications ----

HOTLINE_NEEDS = [
    ("illness", "来电人反映邻居{head}独居，近日中风后无人照料，家中没有钱看病。"),
    ("policy", "来电人询问临时救助的申请条件和需要准备的材料。"),
    ("fire", "来电人反映{head}家昨夜失火，一家三口暂住在村委会。"),
    ("child", "来电人反映{head}的孙子父母外出务工失联，祖孙二人生活困难。"),
    ("other", "来电人反映{head}务工返乡途中钱物被盗，暂无生活来源。"),
]


def _demo_person(rng: random.Random) -> str:
    return SURNAMES[rng.randrange(len(SURNAMES))] + rng.choice(GIVEN)


def _demo_household(
    rng: random.Random, county: str, township: str, head: str, flags: dict
) -> HouseholdInput:
    birth = dt.date(1940, 1, 1) + dt.timedelta(days=rng.randrange(15000))
    return HouseholdInput(
        region=Region.objects.get(code=county),
        township=township,
        address_detail=f"{rng.randint(1, 30)}号楼{rng.randint(1, 6)}单元{rng.randint(101, 602)}室",
        phone=f"1{rng.choice('3578')}{rng.randint(100000000, 999999999)}",
        flags=flags,
        members=[
            MemberInput(
                name=head,
                relation="head",
                age=timezone.localdate().year - birth.year,
                id_number=id_number(f"{county}{birth:%Y%m%d}{rng.randint(100, 999)}"),
            )
        ],
    )


@transaction.atomic
def seed_discovery() -> int:
    """Demo hotline calls, visits (with routine-visit schedules) and proxy applications for each
    demo office, in every state: once only. Returns how many records were created."""
    from discovery.models import HotlineCall

    if HotlineCall.objects.filter(taken_by__username__in=[o[1] for o in OFFICES]).exists():
        return 0
    rng = random.Random(2027)
    now = timezone.now()
    today = timezone.localdate()
    created = 0
    for office_name, username, county, township in OFFICES:
        office = Organisation.objects.get(name=office_name)
        caseworker = User.objects.get(username=username)
        region = Region.objects.get(code=county)
        for index, (topic, template) in enumerate(HOTLINE_NEEDS):
            head = _demo_person(rng)
            call = discovery_services.hotline_call_record(
                by=caseworker,
                office=office,
                caller_name=_demo_person(rng),
                caller_phone=f"1{rng.choice('3578')}{rng.randint(100000000, 999999999)}",
                region=region,
                township=township,
                topic=topic,
                need=template.format(head=head),
                # The first call came in ten days ago and is still waiting: overdue.
                received_at=now - dt.timedelta(days=10 if index == 0 else index),
            )
            created += 1
            if topic == "policy":
                discovery_services.hotline_call_close(
                    by=caseworker,
                    call=call,
                    outcome="已电话解答申请条件，并告知到街道服务大厅办理。",
                )
            elif topic == "fire":
                discovery_services.hotline_call_back(
                    by=caseworker, call=call, note="已回电，约定明日上门核实。"
                )
                discovery_services.hotline_call_to_case(
                    by=caseworker,
                    call=call,
                    household=_demo_household(
                        rng, county, township, head, {"kg_disaster_hit": True}
                    ),
                    urgency=3,
                    is_emergency=True,
                )
            elif topic == "child":
                discovery_services.hotline_call_back(
                    by=caseworker, call=call, note="已回电，告知将安排社工走访。"
                )
        # Visits: one household overdue for its routine visit, one that became a case.
        discovery_services.visit_record(
            by=caseworker,
            office=office,
            visited_on=today - dt.timedelta(days=45),
            observations="老人独居，行动不便，子女在外地，冬季取暖有困难。",
            visitor_kind="grid_worker",
            visitor_name=f"网格员{_demo_person(rng)}",
            household_input=_demo_household(rng, county, township, _demo_person(rng), {}),
            key_groups=["kg_elderly_disabled_ill"],
        )
        found = discovery_services.visit_record(
            by=caseworker,
            office=office,
            visited_on=today - dt.timedelta(days=2),
            observations="户主患尿毒症需长期透析，妻子无业，家中积蓄已用完。",
            visitor_kind="assistant",
            visitor_name=f"协理员{_demo_person(rng)}",
            household_input=_demo_household(rng, county, township, _demo_person(rng), {}),
            key_groups=["kg_elderly_disabled_ill", "kg_no_work_capacity"],
            needs_help=True,
        )
        discovery_services.visit_to_case(by=caseworker, visit=found, category="illness", urgency=2)
        discovery_services.visit_record(
            by=caseworker,
            office=office,
            visited_on=today - dt.timedelta(days=1),
            observations="脱贫户，家中主要劳动力外出务工收入不稳定，暂无急难情况。",
            visitor_kind="caseworker",
            household_input=_demo_household(rng, county, township, _demo_person(rng), {}),
            key_groups=["kg_unstable_ex_poverty"],
        )
        created += 3
        # A case filed on behalf of someone who cannot apply (代办帮办).
        head = _demo_person(rng)
        discovery_services.proxy_application_file(
            by=caseworker,
            office=office,
            category="illness",
            narrative=f"{head}年过八旬，患阿尔茨海默病，无法自行申请，由社区协理员代为申请。",
            household=_demo_household(
                rng, county, township, head, {"kg_elderly_disabled_ill": True}
            ),
            filed_for_name=head,
            reason="elderly",
            proxy_name=f"社区协理员{_demo_person(rng)}",
        )
        created += 1
    return created
