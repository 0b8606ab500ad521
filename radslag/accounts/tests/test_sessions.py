"""Sessions are read with a written-out statement (accounts.sessions), and stay valid across a change
between Django's own stores and this one."""

import pytest
from django.contrib.sessions.backends.cached_db import SessionStore as DjangoCachedStore
from django.contrib.sessions.backends.db import SessionStore as DjangoDatabaseStore

from radslag.accounts import sessions

pytestmark = pytest.mark.django_db
STORES = [DjangoDatabaseStore, DjangoCachedStore, sessions.SessionStore]


@pytest.mark.parametrize("writer", STORES, ids=lambda store: store.__module__)
@pytest.mark.parametrize("reader", STORES, ids=lambda store: store.__module__)
def test_a_session_written_by_any_store_is_read_by_every_other(writer, reader):
    """A session's data is signed with the store's class name: a store named otherwise would sign everyone
    out at an upgrade, or when an installation moves to Django's cached sessions."""
    written = writer()
    written["colour"] = "grön"
    written.create()
    assert reader(written.session_key)["colour"] == "grön"
