"""Proof of payment as an uploaded file: checked by its content and size, stored privately,
read only by the household's side of the payment (each read recorded), through the service,
the back office and the API; and listed as present or absent in the fund statement."""

from __future__ import annotations

import struct
import zlib
from datetime import date
from unittest import mock

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import timezone
from rest_framework.test import APIClient

from core.models import AuditEvent, IdempotencyKey, PersonalDataRead
from donors import services
from donors.exports import statement_csv
from donors.models import Allocation, Disbursement, Entry, Transaction
from donors.reports import Proof, statement_for

pytestmark = pytest.mark.django_db


def png_bytes() -> bytes:
    """A real 1x1 PNG image."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\xff\xff")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64


def upload(content: bytes, name: str = "回单.png", content_type: str = "image/png"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def stored_files() -> list[str]:
    """Every file in the private proof storage (in-memory in tests)."""
    storage = storages["payment_proofs"]
    found = []
    folders, files = storage.listdir("")
    found += files
    for folder in folders:
        found += [f"{folder}/{name}" for name in storage.listdir(folder)[1]]
    return found


def rows() -> tuple[int, ...]:
    return (
        Transaction.objects.count(),
        Entry.objects.count(),
        AuditEvent.objects.filter(action__startswith="disbursement.").count(),
        len(stored_files()),
    )


@pytest.fixture(autouse=True)
def _empty_proof_storage():
    """The in-memory storage lives as long as the process: start each test empty."""
    storage = storages["payment_proofs"]
    for name in stored_files():
        storage.delete(name)


@pytest.fixture
def allocation(money) -> Allocation:
    money.give(1_000_000)
    return services.allocation_create(
        by=money.fund_manager,
        referral=money.accepted_referral(),
        amount_fen=800_000,
        fund=money.fund,
    )


def approved(money, allocation, amount_fen=200_000, **kwargs) -> Disbursement:
    disbursement = services.disbursement_request(
        by=money.world.charity_staff,
        allocation=allocation,
        amount_fen=amount_fen,
        method="bank_transfer",
        **kwargs,
    )
    return services.disbursement_approve(by=money.world.charity_staff, disbursement=disbursement)


def pay_with(money, disbursement, content: bytes, **kwargs) -> Disbursement:
    return services.disbursement_mark_paid(
        by=money.world.charity_staff,
        disbursement=disbursement,
        proof_file=upload(content, **kwargs),
    )


# ---- the service ----


@pytest.mark.parametrize(
    ("content", "name", "content_type"),
    [
        (png_bytes(), "回单.png", "image/png"),
        (PDF, "invoice.pdf", "application/pdf"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32, "photo.jpg", "image/jpeg"),
        (b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"\x00" * 32, "slip.webp", "image/webp"),
    ],
)
def test_paying_with_a_proof_file_stores_it_privately_under_a_random_name(
    money, allocation, content, name, content_type
):
    disbursement = approved(money, allocation)
    paid = pay_with(money, disbursement, content, name=name, content_type="text/plain")

    paid.refresh_from_db()
    assert paid.status == Disbursement.Status.PAID
    assert paid.has_proof_file
    # The type is the content's, not what the browser claimed; the name is not the upload's.
    assert paid.proof_content_type == content_type
    assert paid.proof_file.name.startswith(f"{paid.pk}/")
    assert name.rsplit(".", 1)[0] not in paid.proof_file.name
    with paid.proof_file.open("rb") as stored:
        assert stored.read() == content
    event = AuditEvent.objects.get(action="disbursement.pay", object_id=str(paid.pk))
    assert event.changes["proof_sha256"][1] == paid.proof_sha256
    assert len(paid.proof_sha256) == 64


def test_the_proof_storage_has_no_public_url_and_lies_outside_media():
    options = settings.PAYMENT_PROOF_STORAGE["OPTIONS"]
    assert options["base_url"] is None
    assert not str(options["location"]).startswith(str(settings.MEDIA_ROOT))
    assert options["file_permissions_mode"] == 0o600


@pytest.mark.parametrize(
    ("content", "name", "code"),
    [
        (EXE, "回单.pdf", "file_type"),  # a program renamed .pdf
        (b"<html><script>alert(1)</script></html>", "slip.png", "file_type"),
        (b"GIF89a\x01\x00\x01\x00", "slip.gif", "file_type"),
        (b"", "empty.pdf", "empty"),
    ],
)
def test_a_file_that_is_not_an_image_or_pdf_is_refused_and_nothing_is_written(
    money, allocation, content, name, code
):
    disbursement = approved(money, allocation)
    before = rows()
    with pytest.raises(ValidationError) as error:
        pay_with(money, disbursement, content, name=name, content_type="application/pdf")
    assert error.value.error_dict["proof_file"][0].code == code
    assert rows() == before
    disbursement.refresh_from_db()
    assert disbursement.status == Disbursement.Status.APPROVED
    assert not disbursement.proof_file


@override_settings(PAYMENT_PROOF_MAX_BYTES=2 * 1024 * 1024)
def test_a_file_over_the_size_limit_is_refused_with_the_limit_in_the_message(money, allocation):
    disbursement = approved(money, allocation)
    before = rows()
    too_big = PDF + b"0" * (2 * 1024 * 1024)
    with pytest.raises(ValidationError) as error:
        pay_with(money, disbursement, too_big, name="scan.pdf")
    refusal = error.value.error_dict["proof_file"][0]
    assert refusal.code == "too_large"
    assert "2.0 MB" in refusal.message
    assert rows() == before


def test_a_payment_needs_a_proof_file_or_its_number(money, allocation):
    disbursement = approved(money, allocation)
    before = rows()
    with pytest.raises(ValidationError) as error:
        services.disbursement_mark_paid(by=money.world.charity_staff, disbursement=disbursement)
    assert error.value.error_dict["proof_reference"][0].code == "required"
    assert rows() == before


def test_a_stored_file_is_removed_when_the_booking_fails(money, allocation):
    """The file is stored before the ledger is written; if the booking is refused, the file
    goes too: a refusal leaves nothing behind."""
    disbursement = approved(money, allocation)
    before = rows()
    refusal = ValidationError({"amount_fen": "refused by the ledger"}, code="overdraft")
    with (
        mock.patch("donors.services.payouts.post", side_effect=refusal),
        pytest.raises(ValidationError),
    ):
        pay_with(money, disbursement, png_bytes())
    assert rows() == before
    assert stored_files() == []


def test_only_the_delivering_charity_pays_with_a_proof_file(money, allocation):
    disbursement = approved(money, allocation)
    before = rows()
    for user in (money.fund_manager, money.world.other_charity_staff, money.world.caseworker):
        with pytest.raises(PermissionDenied):
            services.disbursement_mark_paid(
                by=user, disbursement=disbursement, proof_file=upload(png_bytes())
            )
    assert rows() == before


def test_a_proof_file_is_attached_later_once_and_never_replaced(money, allocation):
    disbursement = approved(money, allocation)
    services.disbursement_mark_paid(
        by=money.world.charity_staff, disbursement=disbursement, proof_reference="XJ-0001"
    )
    services.disbursement_attach_proof(
        by=money.world.charity_staff, disbursement=disbursement, proof_file=upload(PDF)
    )
    disbursement.refresh_from_db()
    assert disbursement.proof_content_type == "application/pdf"
    first = disbursement.proof_file.name
    before = rows()
    with pytest.raises(ValidationError) as error:
        services.disbursement_attach_proof(
            by=money.world.charity_staff, disbursement=disbursement, proof_file=upload(png_bytes())
        )
    assert error.value.error_dict["proof_file"][0].code == "already_attached"
    disbursement.refresh_from_db()
    assert disbursement.proof_file.name == first
    assert rows() == before


def test_a_proof_file_is_not_attached_to_an_unpaid_payment(money, allocation):
    disbursement = approved(money, allocation)
    before = rows()
    with pytest.raises(ValidationError) as error:
        services.disbursement_attach_proof(
            by=money.world.charity_staff, disbursement=disbursement, proof_file=upload(PDF)
        )
    assert error.value.error_list[0].code == "invalid_transition"
    assert rows() == before


# ---- reading a proof: the back office ----


@pytest.fixture
def paid_with_file(money, allocation) -> Disbursement:
    return pay_with(money, approved(money, allocation), png_bytes())


def test_the_charity_opens_the_proof_and_the_read_is_recorded(client, money, paid_with_file):
    client.force_login(money.world.charity_staff)
    page = client.get(f"/admin/money/referrals/{paid_with_file.allocation.referral_id}/")
    url = f"/admin/money/disbursements/{paid_with_file.pk}/proof/"
    assert url in page.content.decode()

    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == png_bytes()
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    assert f"payment-D{paid_with_file.pk}-proof.png" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    read = PersonalDataRead.objects.get(object_id=str(paid_with_file.pk))
    assert read.actor == money.world.charity_staff and read.fields == ["proof_file"]


def test_an_auditor_opens_the_proof(client, money, paid_with_file):
    client.force_login(money.world.auditor)
    response = client.get(f"/admin/money/disbursements/{paid_with_file.pk}/proof/")
    assert response.status_code == 200
    assert PersonalDataRead.objects.filter(actor=money.world.auditor).count() == 1


def test_another_charity_cannot_find_the_proof(client, money, paid_with_file):
    client.force_login(money.world.other_charity_staff)
    response = client.get(f"/admin/money/disbursements/{paid_with_file.pk}/proof/")
    assert response.status_code == 404
    assert not PersonalDataRead.objects.exists()


def test_a_payment_without_a_file_has_no_proof_to_open(client, money, allocation):
    disbursement = approved(money, allocation, proof_reference="BANK-1")
    services.disbursement_mark_paid(by=money.world.charity_staff, disbursement=disbursement)
    client.force_login(money.world.charity_staff)
    response = client.get(f"/admin/money/disbursements/{disbursement.pk}/proof/")
    assert response.status_code == 404
    assert not PersonalDataRead.objects.exists()


def test_paying_with_a_file_from_the_money_page(client, money, allocation):
    disbursement = approved(money, allocation)
    client.force_login(money.world.charity_staff)
    page = client.get(f"/admin/money/referrals/{allocation.referral_id}/").content.decode()
    assert 'enctype="multipart/form-data"' in page
    response = client.post(
        f"/admin/money/disbursements/{disbursement.pk}/paid/",
        {"proof_file": upload(PDF, name="发票.pdf"), "submission": "p" * 32},
    )
    assert response.status_code == 302
    disbursement.refresh_from_db()
    assert disbursement.status == Disbursement.Status.PAID
    assert disbursement.proof_content_type == "application/pdf"
    # The same form posted again (a double click) stores nothing more.
    again = client.post(
        f"/admin/money/disbursements/{disbursement.pk}/paid/",
        {"proof_file": upload(PDF, name="发票.pdf"), "submission": "p" * 32},
    )
    assert again.status_code == 302
    assert len(stored_files()) == 1


@pytest.mark.parametrize(
    ("content", "limit", "words"),
    [(EXE, None, "PDF"), (PDF + b"0" * 2048, 1024, "MB")],
)
def test_a_refused_file_on_the_money_page_is_named_on_the_field_and_writes_nothing(
    client, money, allocation, content, limit, words
):
    disbursement = approved(money, allocation)
    client.force_login(money.world.charity_staff)
    before = (*rows(), IdempotencyKey.objects.count())
    with override_settings(PAYMENT_PROOF_MAX_BYTES=limit or settings.PAYMENT_PROOF_MAX_BYTES):
        response = client.post(
            f"/admin/money/disbursements/{disbursement.pk}/paid/",
            {"proof_file": upload(content, name="回单.pdf"), "submission": "q" * 32},
        )
    assert response.status_code == 200
    errors = [
        str(error)
        for row in response.context["disbursements"]
        for panel in row["actions"]
        if panel["form"].is_bound
        for error in panel["form"].errors.get("proof_file", [])
    ]
    assert errors and words in errors[0]
    assert (*rows(), IdempotencyKey.objects.count()) == before
    disbursement.refresh_from_db()
    assert disbursement.status == Disbursement.Status.APPROVED


def test_the_refusal_is_in_chinese_for_a_chinese_reader(money, allocation):
    from django.utils import translation

    disbursement = approved(money, allocation)
    with translation.override("zh-hans"), pytest.raises(ValidationError) as error:
        pay_with(money, disbursement, EXE, name="回单.pdf")
    message = error.value.error_dict["proof_file"][0].message
    from core.locale.zh_hans_moneyloop import ZH

    english = (
        "The proof of payment must be a photo or scan (PNG, JPEG or WebP) or a PDF; "
        "this file is none of these, whatever its name says."
    )
    # Once the lead merges the catalogue, the message is the Chinese one; until then the
    # translation exists for it.
    assert message in (ZH[english], english)
    assert ZH[english]


def test_attaching_a_proof_later_from_the_money_page(client, money, allocation):
    disbursement = approved(money, allocation, proof_reference="XJ-7")
    services.disbursement_mark_paid(by=money.world.charity_staff, disbursement=disbursement)
    client.force_login(money.world.charity_staff)
    page = client.get(f"/admin/money/referrals/{allocation.referral_id}/").content.decode()
    assert f"/admin/money/disbursements/{disbursement.pk}/attach-proof/" in page
    response = client.post(
        f"/admin/money/disbursements/{disbursement.pk}/attach-proof/",
        {"proof_file": upload(png_bytes()), "submission": "r" * 32},
    )
    assert response.status_code == 302
    disbursement.refresh_from_db()
    assert disbursement.has_proof_file


# ---- the API ----


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_paying_through_the_api_with_a_multipart_upload(money, allocation):
    disbursement = approved(money, allocation)
    charity = api(money.world.charity_staff)
    response = charity.post(
        f"/api/v1/disbursements/{disbursement.pk}/pay/",
        {"proof_file": upload(png_bytes()), "proof_reference": "ICBC-1"},
        format="multipart",
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["status"] == "paid" and body["has_proof_file"] is True
    assert body["proof_file_url"].endswith(f"/api/v1/disbursements/{disbursement.pk}/proof/")

    download = charity.get(f"/api/v1/disbursements/{disbursement.pk}/proof/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == png_bytes()
    assert download["X-Content-Type-Options"] == "nosniff"
    assert PersonalDataRead.objects.filter(object_id=str(disbursement.pk)).count() == 1


@pytest.mark.parametrize(
    ("content", "limit", "code"),
    [(EXE, None, "file_type"), (PDF + b"0" * 4096, 1024, "too_large"), (b"", None, "empty")],
)
def test_a_bad_proof_file_through_the_api_is_a_400_naming_the_field(
    money, allocation, content, limit, code
):
    disbursement = approved(money, allocation)
    before = (*rows(), IdempotencyKey.objects.count())
    with override_settings(PAYMENT_PROOF_MAX_BYTES=limit or settings.PAYMENT_PROOF_MAX_BYTES):
        response = api(money.world.charity_staff).post(
            f"/api/v1/disbursements/{disbursement.pk}/pay/",
            {"proof_file": upload(content, name="回单.pdf")},
            format="multipart",
            headers={"Idempotency-Key": "pay-with-a-bad-file-1"},
        )
    assert response.status_code == 400
    error = response.json()["errors"][0]
    assert error["field"] == "proof_file"
    assert error["code"] in (code, "empty")  # DRF itself refuses an empty upload
    assert (*rows(), IdempotencyKey.objects.count()) == before


@override_settings(PAYMENT_PROOF_MAX_BYTES=1024)
def test_an_upload_announced_far_above_the_limit_is_refused_before_it_is_read(
    client, money, allocation
):
    disbursement = approved(money, allocation)
    big = PDF + b"0" * (256 * 1024)
    before = (*rows(), IdempotencyKey.objects.count())
    response = api(money.world.charity_staff).post(
        f"/api/v1/disbursements/{disbursement.pk}/pay/",
        {"proof_file": upload(big, name="回单.pdf")},
        format="multipart",
        headers={"Idempotency-Key": "pay-with-a-huge-file"},
    )
    assert response.status_code == 400
    error = response.json()["errors"][0]
    assert (error["field"], error["code"]) == ("proof_file", "too_large")

    client.force_login(money.world.charity_staff)
    page = client.post(
        f"/admin/money/disbursements/{disbursement.pk}/paid/",
        {"proof_file": upload(big, name="回单.pdf"), "submission": "s" * 32},
    )
    assert page.status_code == 413
    assert any("MB" in str(m) for m in page.context["messages"])
    assert (*rows(), IdempotencyKey.objects.count()) == before
    disbursement.refresh_from_db()
    assert disbursement.status == Disbursement.Status.APPROVED


def test_a_retried_upload_with_the_same_key_books_and_stores_once(money, allocation):
    disbursement = approved(money, allocation)
    charity = api(money.world.charity_staff)
    answers = [
        charity.post(
            f"/api/v1/disbursements/{disbursement.pk}/pay/",
            {"proof_file": upload(PDF, name="回单.pdf")},
            format="multipart",
            headers={"Idempotency-Key": "pay-once-with-a-file"},
        )
        for _ in range(2)
    ]
    assert [a.status_code for a in answers] == [200, 200]
    assert answers[1]["Idempotent-Replayed"] == "true"
    assert len(stored_files()) == 1
    assert Transaction.objects.filter(kind="disbursement").count() == 1


def test_the_same_key_with_another_file_of_the_same_name_is_a_conflict(money, allocation):
    disbursement = approved(money, allocation)
    charity = api(money.world.charity_staff)
    url = f"/api/v1/disbursements/{disbursement.pk}/pay/"
    key = {"Idempotency-Key": "pay-with-one-file-only"}
    first = charity.post(
        url, {"proof_file": upload(PDF, name="回单.pdf")}, format="multipart", headers=key
    )
    assert first.status_code == 200, first.json()
    other = charity.post(
        url, {"proof_file": upload(PDF + b"%x", name="回单.pdf")}, format="multipart", headers=key
    )
    assert other.status_code == 409
    assert len(stored_files()) == 1


def test_the_holder_of_the_fund_sees_that_a_proof_exists_but_cannot_open_it(money, paid_with_file):
    """An enterprise's fund manager follows its money to the payment, but the bank slip shows
    the household's name and account: it is the household's side's to read."""
    manager = api(money.fund_manager)
    body = manager.get(f"/api/v1/disbursements/{paid_with_file.pk}/").json()
    assert body["has_proof_file"] is True
    assert body["proof_file_url"] is None
    assert manager.get(f"/api/v1/disbursements/{paid_with_file.pk}/proof/").status_code == 403
    assert not PersonalDataRead.objects.exists()


def test_government_staff_open_the_proof_only_in_their_jurisdiction(money, paid_with_file):
    url = f"/api/v1/disbursements/{paid_with_file.pk}/proof/"
    assert api(money.world.caseworker).get(url).status_code == 200
    assert api(money.world.donghu_caseworker).get(url).status_code == 404
    assert PersonalDataRead.objects.filter(actor=money.world.caseworker).count() == 1
    assert not PersonalDataRead.objects.filter(actor=money.world.donghu_caseworker).exists()


def test_attaching_a_proof_through_the_api(money, allocation):
    disbursement = approved(money, allocation, proof_reference="XJ-9")
    services.disbursement_mark_paid(by=money.world.charity_staff, disbursement=disbursement)
    url = f"/api/v1/disbursements/{disbursement.pk}/attach-proof/"
    refused = api(money.fund_manager).post(url, {"proof_file": upload(PDF)}, format="multipart")
    assert refused.status_code == 403
    response = api(money.world.charity_staff).post(
        url, {"proof_file": upload(PDF)}, format="multipart"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["has_proof_file"] is True


# ---- the fund statement ----


def test_the_fund_statement_lists_each_payment_with_its_proof_present_or_absent(
    client, money, allocation
):
    with_file = pay_with(money, approved(money, allocation, 100_000), PDF)
    number_only = approved(money, allocation, 50_000, proof_reference="XJ-2026-1")
    services.disbursement_mark_paid(by=money.world.charity_staff, disbursement=number_only)
    today = timezone.localdate()
    statement = statement_for(holder=money.fund, start=date(today.year, 1, 1), end=today)
    proofs = {row.payment: row.proof for row in statement.disbursements}
    assert proofs == {f"D{with_file.pk}": Proof.FILE, f"D{number_only.pk}": Proof.REFERENCE}
    assert statement.disbursed_from_allocations_fen == 150_000

    text = statement_csv(statement)
    assert str(Proof.FILE.label) in text and str(Proof.REFERENCE.label) in text

    money.fund.is_public = True
    money.fund.save(update_fields=["is_public"])
    page = client.get(f"/transparency/funds/{money.fund.pk}/").content.decode()
    assert str(Proof.FILE.label) in page and str(Proof.REFERENCE.label) in page
    assert "XJ-2026-1" not in page  # whether there is a proof, never the proof itself

    answer = api(money.fund_manager).get(
        f"/api/v1/funds/{money.fund.pk}/statement/",
        {"start": f"{today.year}-01-01", "end": today.isoformat()},
    )
    assert answer.status_code == 200, answer.content
    listed = {row["payment"]: row["proof"] for row in answer.json()["disbursements"]}
    assert listed == {f"D{with_file.pk}": "file", f"D{number_only.pk}": "reference"}


def test_the_transparency_page_shows_money_paid_to_households(client, money, allocation):
    pay_with(money, approved(money, allocation, 120_000), PDF)
    money.fund.is_public = True
    money.fund.save(update_fields=["is_public"])
    page = client.get("/transparency/")
    fund = next(f for f in page.context["funds"] if f["id"] == money.fund.pk)
    assert fund["committed_fen"] == 800_000
    assert fund["paid_fen"] == 120_000


# ---- reconciliation checks the proofs themselves ----


def test_reconcile_finds_a_proof_that_went_missing_or_was_altered(money, paid_with_file):
    from django.core.files.base import ContentFile

    from donors.reconcile import reconcile_report

    report = reconcile_report()
    assert report.proofs_checked == 1
    assert not [p for p in report.problems if p.code.startswith("proof_")]

    storage, name = paid_with_file.proof_file.storage, paid_with_file.proof_file.name
    storage.delete(name)
    storage.save(name, ContentFile(png_bytes() + b"changed"))
    altered = [p for p in reconcile_report().failures if p.code == "proof_altered"]
    assert [p.obj.pk for p in altered] == [paid_with_file.pk]

    storage.delete(name)
    missing = [p for p in reconcile_report().failures if p.code == "proof_missing"]
    assert [p.obj.pk for p in missing] == [paid_with_file.pk]
