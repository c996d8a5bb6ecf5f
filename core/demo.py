"""Demo data for `make run` and benchmarks: offices in two provinces (Jilin and Jiangxi,
where seeds 000 and 003 come from), their staff, three charities (one unverified), an
enterprise, an auditor and a platform administrator. Idempotent: running it again creates
nothing new. Later apps add their own demo data after this.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from core import services
from core.charity_law import credit_code_check_character
from core.models import Membership, Organisation, Region, User
from core.workdays import holidays_load

Kind = Organisation.Kind
Role = Membership.Role
Sector = Organisation.Sector

DEMO_PASSWORD_DEFAULT = "jijinan-demo-2026"  # noqa: S105 (demo logins only; DEMO_PASSWORD overrides)

# (name, kind, region code, parent name, sector, verified)
ORGANISATIONS = [
    ("吉林省民政厅", Kind.GOVERNMENT_OFFICE, "220000", None, Sector.CIVIL_AFFAIRS, False),
    ("长春市民政局", Kind.GOVERNMENT_OFFICE, "220100", "吉林省民政厅", Sector.CIVIL_AFFAIRS, False),
    (
        "长春市朝阳区民政局",
        Kind.GOVERNMENT_OFFICE,
        "220104",
        "长春市民政局",
        Sector.CIVIL_AFFAIRS,
        False,
    ),
    (
        "长春市南关区民政局",
        Kind.GOVERNMENT_OFFICE,
        "220102",
        "长春市民政局",
        Sector.CIVIL_AFFAIRS,
        False,
    ),
    ("长春市教育局", Kind.DEPARTMENT, "220100", None, Sector.EDUCATION, False),
    ("长春市医疗保障局", Kind.DEPARTMENT, "220100", None, Sector.HEALTH, False),
    ("江西省民政厅", Kind.GOVERNMENT_OFFICE, "360000", None, Sector.CIVIL_AFFAIRS, False),
    ("南昌市民政局", Kind.GOVERNMENT_OFFICE, "360100", "江西省民政厅", Sector.CIVIL_AFFAIRS, False),
    (
        "南昌市东湖区民政局",
        Kind.GOVERNMENT_OFFICE,
        "360102",
        "南昌市民政局",
        Sector.CIVIL_AFFAIRS,
        False,
    ),
    ("吉林省慈善总会", Kind.CHARITY, "220000", None, "", True),
    ("南昌市慈善会", Kind.CHARITY, "360100", None, "", True),
    ("朝阳区春晖互助社", Kind.CHARITY, "220104", None, "", False),
    ("吉安实业有限公司", Kind.ENTERPRISE, "220100", None, "", False),
]

# Made-up public bank details (demo only), shown on the donate page for gifts by transfer.
DEMO_BANKS = {
    "吉林省慈善总会": ("中国工商银行长春人民大街支行", "4200 2201 0900 0000 001"),
    "南昌市慈善会": ("中国建设银行南昌八一大道支行", "3605 0100 0000 0000 002"),
    "朝阳区春晖互助社": ("吉林银行长春朝阳支行", "0801 0000 0000 0000 003"),
    "吉安实业有限公司": ("中国银行长春分行营业部", "1588 0000 0000 0000 004"),
}

# Made-up public service lines of the civil-affairs offices (demo only): the status page of an
# online application tells the applicant to call their office here.
DEMO_PUBLIC_PHONES = {
    "吉林省民政厅": "0431-8000 0220",
    "长春市民政局": "0431-8000 2201",
    "长春市朝阳区民政局": "0431-8000 2204",
    "长春市南关区民政局": "0431-8000 2202",
    "江西省民政厅": "0791-8000 0360",
    "南昌市民政局": "0791-8000 3601",
    "南昌市东湖区民政局": "0791-8000 3602",
}

# (username, display name, organisation, role, what they show)
LOGINS = [
    (
        "caseworker.chaoyang",
        "王芳",
        "长春市朝阳区民政局",
        Role.CASEWORKER,
        "caseworker, Chaoyang district (Changchun)",
    ),
    (
        "caseworker.nanguan",
        "李强",
        "长春市南关区民政局",
        Role.CASEWORKER,
        "caseworker, Nanguan district (Changchun)",
    ),
    (
        "caseworker.donghu",
        "刘洋",
        "南昌市东湖区民政局",
        Role.CASEWORKER,
        "caseworker, Donghu district (Nanchang)",
    ),
    (
        "supervisor.changchun",
        "张伟",
        "长春市民政局",
        Role.SUPERVISOR,
        "supervisor, all of Changchun",
    ),
    ("supervisor.nanchang", "陈静", "南昌市民政局", Role.SUPERVISOR, "supervisor, all of Nanchang"),
    (
        "charity.jilin",
        "赵敏",
        "吉林省慈善总会",
        Role.CHARITY_STAFF,
        "charity staff, verified charity",
    ),
    (
        "charity.nanchang",
        "孙丽",
        "南昌市慈善会",
        Role.CHARITY_STAFF,
        "charity staff, verified charity",
    ),
    (
        "charity.chunhui",
        "周杰",
        "朝阳区春晖互助社",
        Role.CHARITY_STAFF,
        "charity staff, unverified charity",
    ),
    ("fund.jian", "吴刚", "吉安实业有限公司", Role.FUND_MANAGER, "enterprise fund manager"),
    (
        "department.changchun",
        "孙红",
        "长春市医疗保障局",
        Role.DEPARTMENT_STAFF,
        "department staff (协同办理), Changchun medical insurance: its referrals only",
    ),
    ("auditor.jilin", "郑红", "吉林省民政厅", Role.AUDITOR, "auditor (read-only)"),
]
ADMIN_USERNAME = "admin"


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    role: str


# What 慈善中国 shows of the demo charities (made up, well-formed): the 9-character organisation
# code of the credit code (its check character is computed), the registration authority, the
# public-fundraising qualification certificate number and the day it took effect.
DEMO_CHARITY_RECORDS = {
    "吉林省慈善总会": ("53220000", "MJ0000118", "吉林省民政厅", "5322000050000118", (2017, 3, 1)),
    "南昌市慈善会": ("53360100", "MJ0000276", "南昌市民政局", "5336010050000276", (2018, 6, 1)),
    "朝阳区春晖互助社": (
        "52220104",
        "MJ0000351",
        "长春市朝阳区民政局",
        "5222010450000351",
        (2022, 9, 1),
    ),
}


def demo_credit_code(prefix: str, organisation_code: str) -> str:
    first17 = prefix + organisation_code
    return first17 + credit_code_check_character(first17)


def demo_password() -> str:
    return getattr(settings, "DEMO_PASSWORD", "") or DEMO_PASSWORD_DEFAULT


def _organisation(name, kind, code, parent_name, sector, verified) -> Organisation:
    existing = Organisation.objects.filter(name=name).first()
    if existing is not None:
        return existing
    parent = Organisation.objects.get(name=parent_name) if parent_name else None
    organisation = services.organisation_create(
        by=None,
        name=name,
        kind=kind,
        region=Region.objects.get(code=code),
        sector=sector,
        parent=parent,
        is_verified=verified,
        public_phone=DEMO_PUBLIC_PHONES.get(name, ""),
    )
    if name in DEMO_CHARITY_RECORDS:
        prefix, code, authority, certificate, since = DEMO_CHARITY_RECORDS[name]
        organisation = services.organisation_update(
            by=None,
            organisation=organisation,
            credit_code=demo_credit_code(prefix, code),
            registration_authority=authority,
            fundraising_certificate_number=certificate,
            fundraising_qualified_from=datetime.date(*since),
        )
    if name in DEMO_BANKS:
        bank, number = DEMO_BANKS[name]
        organisation = services.organisation_update(
            by=None,
            organisation=organisation,
            bank_account_name=name,
            bank_name=bank,
            bank_account_number=number,
        )
    return organisation


def _user(username: str, display_name: str, password: str | None) -> User:
    user, created = User.objects.get_or_create(
        username=username,
        defaults={"first_name": display_name[1:], "last_name": display_name[:1]},
    )
    if created:
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
    return user


@transaction.atomic
def seed_core(*, size: int = 0, progress: Callable | None = None) -> list[DemoLogin]:
    """Create the demo organisations and logins; ``size`` adds that many extra county offices
    (each with a caseworker who cannot sign in) for benchmarks."""
    password = demo_password()
    this_year = timezone.localdate().year
    holidays_load([this_year - 1, this_year, this_year + 1])
    for row in ORGANISATIONS:
        _organisation(*row)

    logins = []
    for username, display_name, organisation_name, role, description in LOGINS:
        user = _user(username, display_name, password)
        services.membership_grant(
            by=None,
            user=user,
            organisation=Organisation.objects.get(name=organisation_name),
            role=role,
        )
        logins.append(DemoLogin(username, password, description))

    admin = _user(ADMIN_USERNAME, "管理员", password)
    if not admin.is_superuser:
        admin.is_superuser = admin.is_staff = True
        admin.save(update_fields=["is_superuser", "is_staff"])
    logins.append(DemoLogin(ADMIN_USERNAME, password, "platform administrator (superuser)"))

    if size:
        _seed_bulk_offices(size, progress or (lambda iterable, **kwargs: iterable))
    return logins


def _seed_bulk_offices(size: int, progress: Callable) -> None:
    counties = list(Region.objects.filter(level=Region.Level.COUNTY).order_by("code"))
    for index in progress(range(size), total=size, desc="offices"):
        region = counties[index % len(counties)]
        round_ = index // len(counties)
        name = f"{region.full_name}民政局" + (f"（{round_ + 1}）" if round_ else "")
        office = _organisation(
            name, Kind.GOVERNMENT_OFFICE, region.code, None, Sector.CIVIL_AFFAIRS, False
        )
        user = _user(f"bench.caseworker.{index}", "测试", None)
        services.membership_grant(by=None, user=user, organisation=office, role=Role.CASEWORKER)
