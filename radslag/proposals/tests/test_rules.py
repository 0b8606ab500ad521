"""Who may propose and support, and how many supports are needed: the rules as the person meets them."""

import pytest

from radslag.accounts.models import User
from radslag.organisations.models import PopulationFigure
from radslag.organisations.tests.factories import LocalityFactory
from radslag.proposals.models import Eligibility, Support, ThresholdKind
from radslag.proposals.rules import current_rules, person_key, refusal_for_person, threshold_for
from radslag.proposals.tests.factories import rules_for, verified_resident

pytestmark = pytest.mark.django_db


def test_a_municipality_without_rules_gets_the_defaults_with_the_out_of_scope_list(org):
    rules = current_rules(org)
    assert rules.version == 1 and rules.collection_days == 60 and rules.threshold_count == 150
    assert "Frågor som kommunen inte beslutar om" in rules.out_of_scope_list


def test_a_verified_resident_may_take_part(org):
    assert refusal_for_person(verified_resident(org), current_rules(org)) is None


def test_an_unverified_account_is_told_to_verify_its_address(org):
    person = verified_resident(org, verification_level=User.Verification.NONE)
    assert "Bekräfta din e-postadress" in refusal_for_person(person, current_rules(org))


def test_rules_asking_for_e_id_refuse_an_e_mail_account(org):
    rules = rules_for(org, verification_level=2)
    assert "e-legitimation" in refusal_for_person(verified_resident(org), rules)
    assert refusal_for_person(verified_resident(org, verification_level=User.Verification.EID), rules) is None


def test_a_minimum_age_refuses_the_younger_and_those_of_unknown_age(org):
    rules = rules_for(org, minimum_age=16)
    assert "minst 16 år" in refusal_for_person(verified_resident(org, age_band="0-15"), rules)
    assert "minst 16 år" in refusal_for_person(verified_resident(org, age_band=""), rules)
    assert refusal_for_person(verified_resident(org, age_band="16-19"), rules) is None


def test_residents_only_refuses_someone_who_only_works_here(org):
    rules = rules_for(org, eligibility=Eligibility.RESIDENTS)
    assert "Bara de som bor" in refusal_for_person(verified_resident(org), rules, tie=Support.Tie.WORKS)
    assert refusal_for_person(verified_resident(org), rules, tie=Support.Tie.RESIDENT) is None
    assert "ort" in refusal_for_person(verified_resident(org, locality=None), rules)


def test_a_threshold_as_per_mille_of_the_population_follows_the_latest_figures(org):
    place = LocalityFactory(organisation=org)
    PopulationFigure.objects.create(organisation=org, year=2024, locality=place, age_band="30-44", sex="female",
                                    count=10_000)
    PopulationFigure.objects.create(organisation=org, year=2025, locality=place, age_band="30-44", sex="female",
                                    count=32_001)
    rules = rules_for(org, threshold_kind=ThresholdKind.PER_MILLE, threshold_per_mille=5)
    assert threshold_for(rules) == 161  # 0.5 % of 32,001, rounded up


def test_a_per_mille_threshold_without_population_figures_falls_back_to_the_number(org):
    assert threshold_for(rules_for(org, threshold_kind=ThresholdKind.PER_MILLE, threshold_count=75)) == 75


def test_two_accounts_of_one_e_id_person_share_one_person_key(org):
    first = verified_resident(org)
    first.personal_number_hash = "abc123"
    other = verified_resident(org)
    assert person_key(first) == "eid:abc123" and person_key(other) == f"user:{other.pk}"
