"""ID numbers and other personal data at rest: encrypted (Fernet, AES-128-CBC + HMAC) and found
again by a keyed hash.

Every key derives from FIELD_ENCRYPTION_KEY (environment). Without it the platform refuses to
store an ID number rather than store it in clear.
"""

from __future__ import annotations

import base64
import hashlib
import hmac

from cryptography.fernet import Fernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def _master_key() -> bytes:
    key = settings.FIELD_ENCRYPTION_KEY
    if not key:
        raise ImproperlyConfigured(
            "FIELD_ENCRYPTION_KEY is not set: ID numbers cannot be stored without encryption."
        )
    return key.encode()


def _derived(purpose: bytes) -> bytes:
    return hmac.new(_master_key(), purpose, hashlib.sha256).digest()


def encrypt_id_number(id_number: str) -> str:
    fernet = Fernet(base64.urlsafe_b64encode(_derived(b"encrypt-id-number")))
    return fernet.encrypt(id_number.encode()).decode()


def decrypt_id_number(token: str) -> str:
    fernet = Fernet(base64.urlsafe_b64encode(_derived(b"encrypt-id-number")))
    return fernet.decrypt(token.encode()).decode()


def id_number_hash(id_number: str) -> str:
    """A keyed hash for exact-match look-up: equal numbers, equal hashes; no key, no guessing."""
    return hmac.new(_derived(b"hash-id-number"), id_number.encode(), hashlib.sha256).hexdigest()


def masked_id_number(token: str) -> str:
    """What staff screens and the API show of an encrypted ID number: the first six and the
    last four characters (region and check digits); "" when none was recorded."""
    if not token:
        return ""
    return mask_id_number(decrypt_id_number(token))


def mask_id_number(number: str) -> str:
    """220104********1234: the region and the last four characters, nothing of the birth date."""
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


# Other personal data kept encrypted at rest (a hotline caller's name and phone numbers): the
# same scheme under keys of their own, so a leaked token of one kind opens nothing else.


def encrypt_personal(value: str) -> str:
    """Encrypt a piece of personal data other than an ID number; "" stays ""."""
    if not value:
        return ""
    fernet = Fernet(base64.urlsafe_b64encode(_derived(b"encrypt-personal-data")))
    return fernet.encrypt(value.encode()).decode()


def decrypt_personal(token: str) -> str:
    if not token:
        return ""
    fernet = Fernet(base64.urlsafe_b64encode(_derived(b"encrypt-personal-data")))
    return fernet.decrypt(token.encode()).decode()


def phone_hash(phone: str) -> str:
    """A keyed hash of a normalized phone number: finds the same caller again; "" for none."""
    if not phone:
        return ""
    return hmac.new(_derived(b"hash-phone"), phone.encode(), hashlib.sha256).hexdigest()


def masked_phone(phone: str) -> str:
    """What a list may show of a phone number: the first three and the last four digits."""
    if len(phone) <= 7:
        return "*" * len(phone)
    return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]


# A household's other document numbers (bank cards, hospital records, certificates): the same
# scheme under keys of their own, found again by a keyed hash (the same card entered twice).


def encrypt_document_number(number: str) -> str:
    fernet = Fernet(base64.urlsafe_b64encode(_derived(b"encrypt-document-number")))
    return fernet.encrypt(number.encode()).decode()


def decrypt_document_number(token: str) -> str:
    fernet = Fernet(base64.urlsafe_b64encode(_derived(b"encrypt-document-number")))
    return fernet.decrypt(token.encode()).decode()


def document_number_hash(number: str) -> str:
    return hmac.new(_derived(b"hash-document-number"), number.encode(), hashlib.sha256).hexdigest()


def mask_document_number(number: str) -> str:
    """What staff screens and the API show of a document number: its last quarter (at most
    four characters, enough to tell two cards apart), the rest as stars."""
    shown = min(4, len(number) // 4)
    return "*" * (len(number) - shown) + (number[-shown:] if shown else "")


def masked_document_number(token: str) -> str:
    """The masked form of an encrypted document number; "" when none was recorded."""
    if not token:
        return ""
    return mask_document_number(decrypt_document_number(token))
