"""The written-out statements of the per-request look-ups (core.statements) give what the ORM gives: the
proposal a support names, the session, the signed-in person and their roles."""

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone

from radslag.accounts.models import Role
from radslag.accounts.sessions import SessionStore
from radslag.accounts.tests.factories import user_with_role
from radslag.core import statements
from radslag.core.access import roles_in
from radslag.proposals import services
from radslag.proposals.models import Proposal
from radslag.proposals.tests.factories import make_proposal, rules_for

pytestmark = pytest.mark.django_db


def _fields(instance):
    return {field.attname: getattr(instance, field.attname) for field in type(instance)._meta.concrete_fields}


def test_a_proposal_and_its_rules_load_exactly_as_the_orm_loads_them(org):
    rules = rules_for(org, threshold_per_mille=Decimal("1.25"), minimum_age=16)
    made = make_proposal(org, rules=rules, threshold=40, answer="Svar med å, ä och ö.")
    loaded = services._supportable(org, str(made.pk))
    expected = Proposal.objects.select_related("rules").get(pk=made.pk)
    assert _fields(loaded) == _fields(expected)
    assert _fields(loaded.rules) == _fields(expected.rules)
    assert loaded.rules.threshold_per_mille == Decimal("1.25") and isinstance(loaded.closes_at, dt.datetime)
    assert loaded.closes_at.tzinfo is not None and not loaded._state.adding


def test_a_key_beyond_what_the_database_holds_names_nothing(org):
    for tampered in (statements.MAX_KEY + 1, 10**30, 0, -5):
        with pytest.raises(services.ProposalNotFoundError):
            services._supportable(org, tampered)


def test_roles_are_read_per_municipality(org, other_org):
    person = user_with_role(org, Role.STAFF)
    assert roles_in(person, org) == {Role.STAFF}
    assert roles_in(person, other_org) == frozenset()


def test_an_expired_or_unknown_session_is_not_loaded_and_a_live_one_is():
    live = SessionStore()
    live["colour"] = "grön"
    live.create()
    assert SessionStore(live.session_key)["colour"] == "grön"
    Session.objects.filter(session_key=live.session_key).update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    expired = SessionStore(live.session_key)
    assert expired.load() == {} and expired.session_key is None
    unknown = SessionStore("x" * 32)
    assert unknown.load() == {} and unknown.session_key is None


@pytest.mark.parametrize("named", ["django.contrib.auth.backends.ModelBackend",
                                   "allauth.account.auth_backends.AuthenticationBackend"])
def test_a_session_begun_before_the_backends_were_renamed_stays_signed_in(client, org, named):
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    from radslag.accounts.tests.factories import UserFactory

    person = UserFactory()
    old = SessionStore()
    old[SESSION_KEY], old[BACKEND_SESSION_KEY] = str(person.pk), named
    old[HASH_SESSION_KEY] = person.get_session_auth_hash()
    old.create()
    client.cookies["sessionid"] = old.session_key  # as the browser sends it
    page = client.get("/mina-uppgifter/")
    assert page.status_code == 200 and person.email in page.content.decode()


def test_an_administrator_signed_in_has_their_roles_and_a_resident_has_none(client_for, org, other_org, admin_user):
    from radslag.accounts.tests.factories import UserFactory

    assert client_for(org, admin_user).get("/personal/logg/").status_code == 200
    assert client_for(other_org, admin_user).get("/personal/logg/").status_code == 403  # a role is per municipality
    assert client_for(org, UserFactory()).get("/personal/logg/").status_code == 403
