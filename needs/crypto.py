"""ID numbers at rest: encrypted (Fernet, AES-128-CBC + HMAC) and found again by a keyed hash.

Both keys derive from FIELD_ENCRYPTION_KEY (environment). Without it the platform refuses to
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
    number = decrypt_id_number(token)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]
