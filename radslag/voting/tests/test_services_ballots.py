"""Staff services: options from the coding frame's themes, rules locked after voting, opening needs options."""

import pytest
from django.apps import apps

from radslag.core.errors import DomainError, PermissionDeniedError
from radslag.voting.models import Method
from radslag.voting.services import add_theme_options, enter_paper_ballot, open_ballot, save_ballot
from radslag.voting.tests.factories import BallotFactory, ballot_with_options, keys

pytestmark = pytest.mark.django_db


def theme(process, label, **fields):
    # Through the app registry: voting does not import the themes app.
    theme_model = apps.get_model("themes", "Theme")
    return theme_model.objects.create(organisation=process.organisation, process=process, label=label, **fields)


def test_accepted_themes_of_the_process_become_options_once(org, staff):
    ballot = BallotFactory(process__organisation=org)
    theme(ballot.process, "skola lärare", human_label="En bra skola ger en bra framtid", accepted=True)
    theme(ballot.process, "möte bemötande", human_label="Det mänskliga mötet", accepted=True)
    theme(ballot.process, "buss", accepted=False)
    theme(ballot.process, "gammalt", accepted=True, status="merged")
    assert add_theme_options(ballot=ballot, user=staff) == 2
    assert add_theme_options(ballot=ballot, user=staff) == 0
    assert list(ballot.options.values_list("title", flat=True)) == ["En bra skola ger en bra framtid",
                                                                    "Det mänskliga mötet"]
    assert all(option.theme_id for option in ballot.options.all())


def test_the_rules_cannot_change_after_the_first_ballot(org, staff):
    ballot = ballot_with_options(process__organisation=org)
    enter_paper_ballot(ballot=ballot, batch_label="Bord 1", choices={keys(ballot)[0]: 1},
                       idempotency_key="paper-rules-1", entered_by=staff)
    with pytest.raises(DomainError, match="kan inte längre ändras"):
        save_ballot(process=ballot.process, user=staff, values={"method": Method.APPROVAL}, ballot=ballot)
    save_ballot(process=ballot.process, user=staff, values={"title": "Ny rubrik"}, ballot=ballot)
    ballot.refresh_from_db()
    assert ballot.title == "Ny rubrik" and ballot.method == Method.DOT


def test_a_ballot_needs_two_options_to_open(org, staff):
    ballot = BallotFactory(process__organisation=org, opens_at=None)
    with pytest.raises(DomainError, match="minst två alternativ"):
        open_ballot(ballot=ballot, user=staff)


def test_residents_cannot_manage_ballots(org, resident):
    ballot = BallotFactory(process__organisation=org)
    with pytest.raises(PermissionDeniedError):
        save_ballot(process=ballot.process, user=resident, values={"title": "X"}, ballot=ballot)
