"""The personal identity number from e-ID: normalised, reduced to a keyed hash and a birth year."""

import hashlib
import hmac

import pytest

from radslag.accounts.eid import identity_from_claims, normalise_personal_number, personal_number_hash

CLAIM = "https://id.oidc.se/claim/personalIdentityNumber"


@pytest.mark.parametrize(("given", "expected"), [
    ("198507099805", "198507099805"),
    ("19850709-9805", "198507099805"),
    ("850709-9805", "198507099805"),
    ("120709+9805", "191207099805"),  # '+': a hundred years or older
    ("010101-1234", "200101011234"),
    ("198507699805", "198507699805"),  # samordningsnummer: day + 60
    ("198513099805", None),
    ("abc", None),
    ("", None),
])
def test_personal_numbers_are_normalised_to_twelve_digits(given, expected):
    assert normalise_personal_number(given, today_year=2026) == expected


def test_the_hash_is_hmac_sha256_keyed_by_the_dedicated_key(settings):
    settings.RADSLAG_IDENTITY_HASH_KEY = "nyckel"
    key = hashlib.sha256(b"radslag.accounts.eid.personal_number:nyckel").digest()
    assert personal_number_hash("198507099805") == hmac.new(key, b"198507099805", hashlib.sha256).hexdigest()
    settings.RADSLAG_IDENTITY_HASH_KEY = "en annan nyckel"
    assert personal_number_hash("198507099805") != hmac.new(key, b"198507099805", hashlib.sha256).hexdigest()


def test_without_a_number_the_birth_year_comes_from_the_birth_date():
    identity = identity_from_claims({"birthdate": "1944-02-29"})
    assert identity.personal_number_hash is None and identity.birth_year == 1944


def test_the_two_forms_of_one_number_give_one_hash():
    assert identity_from_claims({CLAIM: "19850709-9805"}) == identity_from_claims({CLAIM: "198507099805"})


def test_the_persons_own_data_shows_the_birth_year_and_that_a_number_hash_is_held(client_for, org, resident):
    resident.birth_year, resident.personal_number_hash = 1985, "a" * 64
    resident.save()
    data = client_for(org, resident).get("/mina-uppgifter/ladda-ner/").json()
    assert data["profile"]["birth_year"] == 1985
    assert data["profile"]["personal_identity_number_hash_held"] is True
