"""Voting codes: the one-time code scheme of `radslag.core.codes`, for ballots.

The purpose string is the one the first codes were made with, so sheets printed before the scheme
moved to core still work.
"""

from __future__ import annotations

from radslag.core import codes
from radslag.core.codes import display_code, new_salt, normalise_code

PURPOSE = "radslag.voting.code"

__all__ = ["derive_code", "display_code", "hash_code", "new_salt", "normalise_code"]


def derive_code(salt: str, number: int) -> str:
    return codes.derive_code(PURPOSE, salt, number)


def hash_code(code: str) -> str:
    return codes.hash_code(PURPOSE, code)
