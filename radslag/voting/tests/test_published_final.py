"""A published result is final: the ballot never reopens, and every change of times or options is audited."""

import datetime as dt

import pytest
from django.utils import timezone

from radslag.audit.models import AuditEvent
from radslag.core.errors import DomainError
from radslag.voting.models import Ballot, BallotStatus, ResultsVisibility
from radslag.voting.services import (
    close_ballot,
    delete_option,
    enter_paper_ballot,
    open_ballot,
    publish_results,
    save_ballot,
    save_option,
)
from radslag.voting.tests.factories import ballot_with_options, keys

pytestmark = pytest.mark.django_db

FORM = {"title": "X", "question": "Y", "method": "dot", "dots_per_voter": "5", "cap_per_option": "3",
        "eligibility": "codes", "min_verification_level": "1", "results_visibility": "after_close"}


def published(org, staff):
    ballot = ballot_with_options(process__organisation=org)
    enter_paper_ballot(ballot=ballot, batch_label="Bord 1", choices={keys(ballot)[0]: 2},
                       idempotency_key="paper-final-1", entered_by=staff)
    close_ballot(ballot=ballot, user=staff)
    return publish_results(ballot=ballot, user=staff)


def test_a_published_ballot_stays_closed_and_public_whatever_its_closing_time_says(org, staff):
    ballot = published(org, staff)
    now = timezone.now()
    # Even if the row were changed behind the services' back, the status stays published.
    Ballot.objects.filter(pk=ballot.pk).update(closes_at=now + dt.timedelta(days=3))
    ballot.refresh_from_db()
    assert ballot.status_at(now) == BallotStatus.PUBLISHED
    assert not ballot.is_open(now) and ballot.has_closed(now) and ballot.results_are_public(now)


def test_editing_the_closing_time_after_publishing_is_refused_in_swedish(org, staff):
    ballot = published(org, staff)
    with pytest.raises(DomainError, match="publicerat och slutgiltigt"):
        save_ballot(process=ballot.process, user=staff, ballot=ballot,
                    values={"closes_at": timezone.now() + dt.timedelta(days=3)})
    ballot.refresh_from_db()
    assert ballot.status_at(timezone.now()) == BallotStatus.PUBLISHED


def test_the_staff_edit_form_refuses_a_published_ballot_with_a_clear_message(client_for, org, staff):
    ballot = published(org, staff)
    url = f"/personal/processer/{ballot.process_id}/omrostningar/{ballot.pk}/andra/"
    response = client_for(org, staff).post(url, {**FORM, "closes_at": "2099-03-06T19:00"})
    assert response.status_code == 200
    assert "Resultatet är publicerat och slutgiltigt" in response.content.decode()
    ballot.refresh_from_db()
    assert ballot.closes_at < timezone.now() and ballot.results_visibility == ResultsVisibility.AFTER_CLOSE


@pytest.mark.parametrize("change", ["open", "publish", "option", "delete"])
def test_nothing_else_changes_a_published_ballot(org, staff, change):
    ballot = published(org, staff)
    actions = {
        "open": lambda: open_ballot(ballot=ballot, user=staff),
        "publish": lambda: publish_results(ballot=ballot, user=staff),
        "option": lambda: save_option(ballot=ballot, user=staff, title="Nytt"),
        "delete": lambda: delete_option(option=ballot.options.last(), user=staff),
    }
    with pytest.raises(DomainError):
        actions[change]()
    assert ballot.options.count() == 4


def test_a_change_of_times_is_audited_with_old_and_new_values(org, staff):
    ballot = ballot_with_options(process__organisation=org)
    old_opening = ballot.opens_at
    new_closing = timezone.now() + dt.timedelta(days=2)
    save_ballot(process=ballot.process, user=staff, ballot=ballot, values={"closes_at": new_closing, "title": "Ny"})
    event = AuditEvent.objects.filter(action="ballot.changed", object_id=str(ballot.pk)).get()
    assert event.data["changes"]["closes_at"] == {"old": None, "new": new_closing.astimezone(dt.UTC).isoformat()}
    assert event.data["changes"]["title"]["new"] == "Ny"
    assert "opens_at" not in event.data["changes"]
    close_ballot(ballot=ballot, user=staff)
    closed = AuditEvent.objects.filter(action="ballot.closed", object_id=str(ballot.pk)).get()
    assert closed.data["changes"]["closes_at"]["old"] == new_closing.astimezone(dt.UTC).isoformat()
    assert old_opening is not None


def test_a_change_of_an_option_is_audited_with_old_and_new_values(org, staff):
    ballot = ballot_with_options(process__organisation=org)
    option = ballot.options.first()
    save_option(ballot=ballot, user=staff, option=option, title="Skolan", description="Ny text")
    event = AuditEvent.objects.filter(action="ballot.option_saved", object_id=str(ballot.pk)).get()
    assert event.data["changes"]["title"] == {"old": "En bra skola ger en bra framtid", "new": "Skolan"}
    delete_option(option=ballot.options.last(), user=staff)
    deleted = AuditEvent.objects.filter(action="ballot.option_deleted", object_id=str(ballot.pk)).get()
    assert deleted.data["changes"]["title"] == {"old": "Naturen runt knuten", "new": None}
