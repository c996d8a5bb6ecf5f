"""Proofs of payment to households: the uploaded slip or invoice, checked, stored privately
and read back only by those who may see the household's side of the payment.

A bank slip shows the household's name and account number, a hospital invoice the patient's
name: a proof file is personal data (DESIGN.md 7.1). So it is

- accepted only as a PNG, JPEG, WebP image or a PDF, recognised by its first bytes (the file
  name and the browser's content type are the uploader's word, not the file's), and no larger
  than ``settings.PAYMENT_PROOF_MAX_BYTES``;
- stored under a random name in the private ``payment_proofs`` storage, which has no URL;
- read only through ``proof_open``, which checks the reader and records the read like any
  other read of personal data (core.audit.personal_data_read_record).
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import File
from django.db.models import Q, QuerySet
from django.http import FileResponse
from django.utils.translation import gettext as _

from core.audit import personal_data_read_record
from donors.models import Disbursement
from donors.rules import refuse

# The first bytes of each accepted kind of file -> (content type, file extension).
_PNG = b"\x89PNG\r\n\x1a\n"
_JPEG = b"\xff\xd8\xff"
_PDF = b"%PDF-"


def sniff(head: bytes) -> tuple[str, str] | None:
    """The content type and extension of a file from its first bytes, or None."""
    if head.startswith(_PNG):
        return "image/png", "png"
    if head.startswith(_JPEG):
        return "image/jpeg", "jpg"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp", "webp"
    if head.startswith(_PDF):
        return "application/pdf", "pdf"
    return None


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


@dataclass(frozen=True)
class CheckedProof:
    """An uploaded proof that passed the checks: its kind, extension and fingerprint."""

    upload: File
    content_type: str
    extension: str
    sha256: str


def proof_check(upload: File, *, field: str = "proof_file") -> CheckedProof:
    """Refuse a proof file that is empty, too large, or not an image or PDF by its content.
    Reads the file; writes nothing."""
    limit = settings.PAYMENT_PROOF_MAX_BYTES
    size = upload.size or 0
    if size == 0:
        refuse(field, _("The proof of payment file is empty."), "empty")
    if size > limit:
        refuse(
            field,
            _("The proof of payment file is %(size)s; the largest accepted is %(limit)s.")
            % {"size": _megabytes(size), "limit": _megabytes(limit)},
            "too_large",
        )
    upload.seek(0)
    kind = sniff(upload.read(16))
    if kind is None:
        refuse(
            field,
            _(
                "The proof of payment must be a photo or scan (PNG, JPEG or WebP) or a PDF; "
                "this file is none of these, whatever its name says."
            ),
            "file_type",
        )
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return CheckedProof(upload, kind[0], kind[1], digest.hexdigest())


def file_sha256(storage, name: str) -> str:
    """The SHA-256 of a stored file, read in chunks (reconcile checks proofs with it)."""
    digest = hashlib.sha256()
    with storage.open(name, "rb") as stored:
        for chunk in stored.chunks():
            digest.update(chunk)
    return digest.hexdigest()


# Room for the form's other fields around the file in a multipart body.
_FORM_ROOM = 64 * 1024


def oversized_upload_message(request) -> str | None:
    """The refusal for a request whose announced length is already above the proof limit,
    given before the file is hashed or checked. (Django's CSRF check may already have
    spooled the body to a temporary file; the web server's body limit, e.g. nginx's
    ``client_max_body_size``, is what keeps a huge upload off the disk.)"""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return None
    limit = settings.PAYMENT_PROOF_MAX_BYTES
    if length <= limit + _FORM_ROOM:
        return None
    return _("The proof of payment file is %(size)s; the largest accepted is %(limit)s.") % {
        "size": _megabytes(length),
        "limit": _megabytes(limit),
    }


def proof_store(disbursement: Disbursement, proof: CheckedProof) -> str:
    """Save a checked proof under a random name (never the uploader's file name: it often
    carries the household's name) and return the stored name. The caller sets the fields."""
    name = f"{disbursement.pk}/{uuid.uuid4().hex}.{proof.extension}"
    return disbursement.proof_file.storage.save(name, proof.upload)


def proof_discard(disbursement: Disbursement, name: str) -> None:
    """Remove a stored proof whose transaction failed, so that a refusal leaves nothing."""
    disbursement.proof_file.storage.delete(name)


# ---- who may read a proof ----


def proofs_readable_by(user, queryset: QuerySet[Disbursement]) -> QuerySet[Disbursement]:
    """The payments whose proof ``user`` may open: those the user may see
    (donors.selectors.allocations_visible_to) and, among them, the household's side only:
    the delivering charity's staff, government staff whose jurisdiction covers the case,
    auditors and administrators. The holders of the source money (an enterprise's fund
    managers) see that a proof exists, never the slip with the household's account on it
    (the same rule as the delivery notes, donors.api.serializers.Viewer)."""
    from core.jurisdiction import scope_for
    from donors.selectors import _visible_cases, allocations_visible_to

    queryset = allocations_visible_to(user, queryset, prefix="allocation__")
    scope = scope_for(user)
    if scope.everything:
        return queryset
    condition = Q(allocation__referral__to_organisation_id__in=scope.organisation_ids)
    cases = _visible_cases(user)
    if cases is not None:
        condition |= Q(allocation__referral__case__in=cases)
    return queryset.filter(condition)


def may_read_proof(user, disbursement: Disbursement) -> bool:
    return proofs_readable_by(user, Disbursement.objects.filter(pk=disbursement.pk)).exists()


def proof_open(*, by, disbursement: Disbursement, purpose: str) -> FileResponse:
    """The proof file as a download for a reader who may see it, the read recorded first.
    Served as an attachment with its checked type and ``nosniff``, never cached."""
    if not may_read_proof(by, disbursement):
        raise PermissionDenied(_("You may not read this payment's proof."))
    if not disbursement.proof_file:
        refuse("proof_file", _("No proof of payment file was attached."), "no_proof_file")
    personal_data_read_record(actor=by, obj=disbursement, fields=["proof_file"], purpose=purpose)
    extension = disbursement.proof_file.name.rsplit(".", 1)[-1]
    response = FileResponse(
        disbursement.proof_file.open("rb"),
        as_attachment=True,
        filename=f"payment-D{disbursement.pk}-proof.{extension}",
        content_type=disbursement.proof_content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
