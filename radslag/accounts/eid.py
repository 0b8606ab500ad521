"""Sign-in with Swedish e-legitimation (BankID, Freja) through the municipality's OpenID Connect broker.

What the broker says about the person is kept as little as the rules need: the verification level,
the birth year (for age bands) and the personal identity number only as a keyed hash, so that two
accounts of one person are recognised (one person, one support) without the number being stored.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.encoding import force_bytes

from radslag.accounts.models import User

# The provider id of the broker's app in allauth (its URLs are /konto/oidc/eid/...).
EID_PROVIDER_ID = "eid"
# Key under a social account's extra_data where the derived facts (never the number) are kept.
DERIVED_KEY = "radslag"
_NUMBER = re.compile(r"^(\d{6}|\d{8})([-+]?)(\d{4})$")


@dataclass(frozen=True)
class EidIdentity:
    """What an e-ID sign-in tells about the person, with the number already reduced to its hash."""

    personal_number_hash: str | None
    birth_year: int | None


def normalise_personal_number(value: str, *, today_year: int | None = None) -> str | None:
    """The 12-digit form (YYYYMMDDNNNN) of a personnummer or samordningsnummer, or None if it is not one.

    The 10-digit form takes its century from the separator: '+' means the person is 100 or older.
    """
    match = _NUMBER.match(value.strip().replace(" ", ""))
    if match is None:
        return None
    date, separator, tail = match.groups()
    if len(date) == 6:
        year = today_year or timezone.localdate().year
        century = (year - int(date[:2])) // 100 * 100  # the latest century that is not in the future
        if int(date[:2]) + century > year:
            century -= 100
        if separator == "+":
            century -= 100
        date = f"{century // 100:02d}{date}"
    month, day = int(date[4:6]), int(date[6:8])
    if not (1 <= month <= 12 and 1 <= (day - 60 if day > 60 else day) <= 31):  # day + 60: samordningsnummer
        return None
    return date + tail


def personal_number_hash(number: str) -> str:
    """HMAC-SHA256 of the 12-digit number, keyed by RADSLAG_IDENTITY_HASH_KEY (or one derived from SECRET_KEY)."""
    secret = settings.RADSLAG_IDENTITY_HASH_KEY or settings.SECRET_KEY
    key = hashlib.sha256(force_bytes("radslag.accounts.eid.personal_number:" + secret)).digest()
    return hmac.new(key, force_bytes(number), hashlib.sha256).hexdigest()


def identity_from_claims(claims: dict[str, Any]) -> EidIdentity:
    """Reads the number (or failing that the birth date) from the broker's claims."""
    raw = claims.get(settings.RADSLAG_OIDC_PERSONAL_NUMBER_CLAIM)
    number = normalise_personal_number(str(raw)) if raw else None
    if number is not None:
        return EidIdentity(personal_number_hash=personal_number_hash(number), birth_year=int(number[:4]))
    birthdate = str(claims.get("birthdate") or "")
    year = int(birthdate[:4]) if re.match(r"^\d{4}", birthdate) else None
    return EidIdentity(personal_number_hash=None, birth_year=year)


def strip_identity_claims(data: dict[str, Any]) -> None:
    """Removes the number and the full birth date from the claims before allauth stores them."""
    for part in (data.get("userinfo"), data.get("id_token"), data):
        if isinstance(part, dict):
            part.pop(settings.RADSLAG_OIDC_PERSONAL_NUMBER_CLAIM, None)
            part.pop("birthdate", None)


def account_holding(identity: EidIdentity) -> User | None:
    """The account that a person with this number already has, if any."""
    if identity.personal_number_hash is None:
        return None
    return User.objects.filter(personal_number_hash=identity.personal_number_hash).first()


def apply_eid_identity(user: User, identity: EidIdentity) -> None:
    """Sets the facts on an unsaved or saved user object (no save)."""
    user.verification_level = User.Verification.EID
    if identity.personal_number_hash is not None:
        user.personal_number_hash = identity.personal_number_hash
    if identity.birth_year is not None:
        user.birth_year = identity.birth_year


@transaction.atomic
def record_eid_sign_in(*, user: User, identity: EidIdentity) -> None:
    """Marks an existing account as verified with e-ID and records the derived facts."""
    apply_eid_identity(user, identity)
    user.save(update_fields=["verification_level", "personal_number_hash", "birth_year"])
