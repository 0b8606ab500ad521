"""Django's database sessions, read with a statement written out once (SESSION_ENGINE).

Every signed-in request reads its session first; the ORM's compiled `get` cost about 0.7 ms of
processor time each time, the written-out statement (core.statements) a small part of that. Storage,
expiry, `clearsessions` and every write are Django's own (`backends.db.SessionStore`).
"""

from __future__ import annotations

import functools
from typing import Any

from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import connection
from django.db.models import Model
from django.utils import timezone

from radslag.accounts.backends import RENAMED
from radslag.core import statements


class SessionStore(DatabaseSessionStore):
    """Named as Django's own stores are: the class name is part of the key a session's data is signed with."""

    def load(self) -> dict[str, Any]:
        """The session's data; one begun before accounts.backends names its backend by the new name."""
        data: dict[str, Any] = super().load()
        backend = data.get(BACKEND_SESSION_KEY)
        if backend in RENAMED:
            data[BACKEND_SESSION_KEY] = RENAMED[backend]
        return data

    def _get_session_from_db(self) -> Any:
        """The unexpired session of this key, else None (and the key is forgotten, as Django does)."""
        row = None
        if self.session_key:  # Django's setter has already refused a key of the wrong shape
            now = connection.ops.adapt_datetimefield_value(timezone.now())
            row = statements.fetch_row(_session_sql(self.model), [self.session_key, now])
        if row is None:
            self._session_key = None
            return None
        return statements.load(self.model, row)


@functools.cache
def _session_sql(session: type[Model]) -> str:
    key, expires = statements.column(session, "session_key"), statements.column(session, "expire_date")
    return (f"SELECT {statements.columns(session)} FROM {statements.table(session)} "  # noqa: S608 - names from model metadata
            f"WHERE {key} = %s AND {expires} > %s")
