"""Two people racing for the last place: the row lock lets exactly one of them have it (PostgreSQL only)."""

import threading

import pytest
from django.db import connection, connections

from radslag.dialogues import services
from radslag.dialogues.models import Registration
from radslag.dialogues.tests.factories import ActivityFactory, ProcessFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs real row locks (PostgreSQL)"),
]


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_registrations_never_share_the_last_place(org):
    activity = ActivityFactory(process=ProcessFactory(organisation=org), registration_required=True, capacity=1)
    start = threading.Barrier(2)

    def register(n):
        start.wait()
        try:
            services.register_for_activity(activity=activity, name=f"Person {n}", email=f"p{n}@example.se")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    statuses = sorted(Registration.objects.values_list("status", flat=True))
    assert statuses == [Registration.Status.CONFIRMED, Registration.Status.WAITING]
