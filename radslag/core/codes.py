"""One-time codes printed on paper (voting slips, invitation letters): derived, normalised, looked up.

Design: a batch stores a random salt, and code number i is HMAC(SECRET_KEY, purpose, salt, i) written
in an alphabet without look-alike characters. The database keeps only an HMAC of each code (for
lookup), so a copy of the database alone neither reveals codes nor lets anyone use them; the same
sheet can still be printed again if the first print failed. Rotating SECRET_KEY invalidates unused
codes, which is the safe failure. `purpose` keeps the codes of one use (voting, panel invitations)
from being valid for another.
"""

from __future__ import annotations

import re
import secrets

from django.utils.crypto import salted_hmac

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # 32 symbols: no 0/O, 1/I
CODE_LENGTH = 10  # 50 bits
_NOT_CODE = re.compile(r"[^0-9A-Z]")


def new_salt() -> str:
    return secrets.token_hex(16)


def derive_code(purpose: str, salt: str, number: int) -> str:
    digest = salted_hmac(f"{purpose}.derive", f"{salt}:{number}", algorithm="sha256").digest()
    value = int.from_bytes(digest[:8], "big")
    symbols = []
    for _ in range(CODE_LENGTH):
        value, index = divmod(value, len(ALPHABET))
        symbols.append(ALPHABET[index])
    return "".join(symbols)


def display_code(code: str) -> str:
    """Grouped for reading aloud and typing: ABCDE-FGHJK."""
    return f"{code[:5]}-{code[5:]}"


def normalise_code(typed: str) -> str:
    """Upper case with separators and spaces removed."""
    return _NOT_CODE.sub("", typed.upper())


def hash_code(purpose: str, code: str) -> str:
    return salted_hmac(f"{purpose}.lookup", normalise_code(code), algorithm="sha256").hexdigest()


def numbered_hashes(purpose: str, salt: str, count: int) -> list[tuple[int, str]]:
    """(number, lookup hash) of codes 1..count of a batch: what a batch stores."""
    return [(number, hash_code(purpose, derive_code(purpose, salt, number))) for number in range(1, count + 1)]


def sheet(purpose: str, salt: str, size: int, used: set[int]) -> list[tuple[int, str, bool]]:
    """(number, code, used) for printing a batch again; `used` holds the numbers already used."""
    return [(number, derive_code(purpose, salt, number), number in used) for number in range(1, size + 1)]
