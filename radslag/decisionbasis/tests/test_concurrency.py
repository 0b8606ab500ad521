"""Two people at once: one new draft from a frozen version; an edit during freezing is in it or refused."""

import threading

import pytest
from django.db import connection

from radslag.core.errors import DomainError
from radslag.decisionbasis.models import BasisVersion
from radslag.decisionbasis.services import freeze_version, new_version, save_version, start_basis
from radslag.decisionbasis.tests.factories import frozen_basis
from radslag.decisionbasis.tests.test_services import ready

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def run_together(*work):
    outcomes = []
    start = threading.Barrier(len(work))

    def run(job):
        try:
            start.wait()
            outcomes.append(job())
        except DomainError as error:
            outcomes.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(job,)) for job in work]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_two_new_versions_at_once_make_one_draft(dialogue, staff):
    frozen = frozen_basis(dialogue, staff)
    outcomes = run_together(*[lambda: new_version(version=frozen, actor=staff)] * 4)
    assert sum(isinstance(outcome, BasisVersion) for outcome in outcomes) == 1
    assert BasisVersion.objects.filter(basis=frozen.basis, status="draft").count() == 1


def test_an_edit_while_freezing_is_either_frozen_with_it_or_refused(dialogue, staff, committee):
    for attempt in range(3):
        version = ready(start_basis(process=dialogue, actor=staff), staff, committee)
        outcomes = run_together(lambda v=version: freeze_version(version=v, actor=staff),
                                lambda v=version, n=attempt: save_version(version=v, actor=staff,
                                                                           values={"summary": f"Ändrad {n}"}))
        frozen = BasisVersion.objects.get(pk=version.pk)
        assert frozen.is_frozen
        saved = not any(isinstance(outcome, DomainError) for outcome in outcomes)
        assert (frozen.snapshot["summary"] == f"Ändrad {attempt}") == saved
        assert frozen.summary == frozen.snapshot["summary"]
