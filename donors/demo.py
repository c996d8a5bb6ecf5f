"""Demo money: a special fund, donations to the fund, projects and a published need,
allocations to the demo's accepted referrals and a paid disbursement, all through the services
so the ledger is the same as in real use."""

from __future__ import annotations

import datetime

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from core.models import Organisation, Region, User
from donors import services
from donors.models import Donation, Fund
from donors.need_gifts import need_receivers
from needs.models import Need, Referral
from projects.models import Project

FUND_NAME = "吉安实业大病救助专项基金"

# (donor, anonymous, amount in fen, channel, reference, target)
GIFTS = [
    ("吉安实业有限公司", False, 50_000_000, "bank_transfer", "ICBC-20261101-0001", "fund"),
    (
        "长春市第一中学全体师生",
        False,
        1_268_000,
        "bank_transfer",
        "BOC-20261103-0217",
        "大病医疗救助项目",
    ),
    ("爱心人士", True, 200_000, "cash", "XJ-2026-0031", "大病医疗救助项目"),
    ("李女士", False, 50_000, "cash", "XJ-2026-0032", "邻里急难互助金"),
    ("南昌某科技公司", False, 3_000_000, "bank_transfer", "CCB-20261105-5530", "困境儿童关爱计划"),
    ("吉林某商会", False, 2_000_000, "bank_transfer", "ABC-20261108-0902", "受灾家庭安居援助"),
]


def _staff(organisation: Organisation, role: str) -> User:
    return organisation.memberships.filter(role=role, is_active=True).first().user


@transaction.atomic
def seed_money() -> int:
    """Create the demo money once; returns the number of donations recorded."""
    if Fund.objects.filter(name=FUND_NAME).exists():
        return 0
    enterprise = Organisation.objects.get(name="吉安实业有限公司")
    manager = _staff(enterprise, "fund_manager")
    fund = services.fund_create(
        by=manager,
        owner=enterprise,
        # Set up in the provincial charity federation, which receives its gifts and issues
        # the receipts (also for the enterprise's own gift below).
        holder=Organisation.objects.get(name="吉林省慈善总会"),
        name=FUND_NAME,
        purpose="资助吉林省内因大病、意外致困家庭的医疗费用缺口。",
        categories=["illness", "accident"],
        regions=[Region.objects.get(code="220000")],
        # Public gifts need a filed plan of the holding charity (core.charity_law).
        filing_number="53220000MJ0000118-2026-0045",
        filing_starts_on=datetime.date(timezone.localdate().year, 1, 1),
        filing_ends_on=datetime.date(timezone.localdate().year + 1, 12, 31),
    )
    recorded = 0
    for donor_name, anonymous, amount, channel, reference, target in GIFTS:
        donor = services.donor_create(
            name=donor_name,
            kind="organisation" if "公司" in donor_name or "商会" in donor_name else "person",
            is_anonymous=anonymous,
        )
        if target == "fund":
            by, where = manager, {"fund": fund}
        else:
            project = Project.objects.get(title=target)
            by, where = _staff(project.organisation, "charity_staff"), {"project": project}
        services.donation_record_offline(
            by=by, donor=donor, amount_fen=amount, channel=channel, reference=reference, **where
        )
        recorded += 1
    need = Need.objects.filter(status=Need.Status.PUBLISHED).select_related("case").first()
    receivers = need_receivers(need) if need is not None else None
    if receivers is not None and receivers.projects:
        # A gift to a need goes to a qualified charity's project, restricted to the need; the
        # charity records the transfer and issues the receipt (core.charity_law).
        project = receivers.projects[0]
        services.donation_record_offline(
            by=_staff(project.organisation, "charity_staff"),
            donor=services.donor_create(name="王先生"),
            amount_fen=300_000,
            channel=Donation.Channel.BANK_TRANSFER,
            reference="ICBC-20261110-7788",
            need=need,
            receiving_project=project,
        )
        recorded += 1
    _allocate_and_pay(fund, manager)
    return recorded


def demo_slip_pdf(title: str) -> bytes:
    """A one-page PDF standing in for a scanned hospital invoice: no real person on it."""
    text = title.encode("ascii", "replace")
    stream = b"BT /F1 14 Tf 50 780 Td (" + text + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    trailer = f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    return out + trailer.encode()


def _pay(staff: User, allocation, *, reference: str, note: str, with_file: bool) -> None:
    payment = services.disbursement_request(
        by=staff,
        allocation=allocation,
        amount_fen=allocation.amount_fen // 2,
        method="hospital",
        note=note,
    )
    services.disbursement_approve(by=staff, disbursement=payment)
    proof = None
    if with_file:
        number = reference.rsplit("-", 3)[-3:]
        title = f"Demo hospital invoice {'-'.join(number)} (demo data, no real person)"
        proof = ContentFile(demo_slip_pdf(title), name="slip.pdf")
    services.disbursement_mark_paid(
        by=staff, disbursement=payment, proof_reference=reference, proof_file=proof
    )


def _allocate_and_pay(fund: Fund, manager: User) -> None:
    """Money for the demo's accepted referrals: from the fund where its restrictions allow,
    otherwise from the project. The first is paid to the hospital with the scanned invoice
    uploaded, the second with the invoice number only, so the fund statement shows a proof
    present and one absent."""
    paid = 0
    for referral in Referral.objects.filter(status=Referral.Status.ACCEPTED).select_related(
        "project__organisation", "case__region"
    ):
        staff = _staff(referral.project.organisation, "charity_staff")
        jilin = referral.case.region.path.startswith("220000")
        if jilin and referral.case.category in fund.categories:
            allocation = services.allocation_create(
                by=manager, referral=referral, amount_fen=1_000_000, fund=fund, note="专项基金资助"
            )
        else:
            cap = referral.project.per_case_cap_fen or 500_000
            allocation = services.allocation_create(
                by=staff,
                referral=referral,
                amount_fen=min(cap, 200_000),
                project=referral.project,
            )
        if paid < 2:
            _pay(
                staff,
                allocation,
                reference=("吉大一院-ZY2026-11-0417", "ZY2026-11-0522")[paid],
                note="直接支付至医院住院账户",
                with_file=paid == 0,
            )
            paid += 1


# Each demo office's relief budgets for this year (fen): cash relief is paid from them.
RELIEF_BUDGETS = [("temporary", 50_000_000), ("advance", 10_000_000)]


def seed_relief_budgets(offices) -> int:
    """Appropriations to each demo office's relief budgets for this year, recorded by the
    supervisor above it through the service, so the demo's relief grants are booked from
    them. Idempotent: an office with a budget this year is left alone."""
    from django.utils import timezone

    from core.models import Membership
    from donors.models import ReliefBudget
    from donors.services.relief_budgets import appropriation_record, may_manage_relief_budget

    year = timezone.localdate().year
    supervisors = list(
        User.objects.filter(
            memberships__role=Membership.Role.SUPERVISOR, memberships__is_active=True
        ).distinct()
    )
    recorded = 0
    for number, office in enumerate(offices, start=1):
        if ReliefBudget.objects.filter(office=office, year=year).exists():
            continue
        by = next((u for u in supervisors if may_manage_relief_budget(u, office)), None)
        if by is None:
            continue
        for scheme, amount_fen in RELIEF_BUDGETS:
            appropriation_record(
                by=by,
                office=office,
                year=year,
                scheme=scheme,
                amount_fen=amount_fen,
                reference=f"财社〔{year}〕{number}号",
                memo="年度临时救助资金" if scheme == "temporary" else "年度先行救助备用金",
            )
            recorded += 1
    return recorded
