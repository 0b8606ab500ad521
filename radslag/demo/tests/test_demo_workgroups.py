"""The demo's principles for dialogue and its expedition group, as a visitor and a member see them."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from radslag.accounts.models import User
from radslag.demo.logins import DEMO_LOGINS
from radslag.organisations.models import Organisation
from radslag.workgroups.models import WorkingGroup


@pytest.mark.django_db
def test_the_demo_has_versioned_principles_and_an_expedition_group_with_four_meetings(client):
    call_command("load_demo", stdout=None)
    ale = Organisation.objects.get(slug="ale")
    group = WorkingGroup.objects.get(organisation=ale, slug="expeditionsgruppen")
    assert group.meetings.count() == 4 and group.members.joined().count() > 20
    public = client.get(reverse("workgroups:group", kwargs={"slug": group.slug})).content.decode()
    assert "Mötet i skolan" in public and "Rollbyte" in public and "Leila Haddad" in public
    assert "Elin Karlsson" not in public and "Sofia Lindqvist" not in public  # a minor; no consent
    process_page = client.get(reverse("dialogues:process_detail", kwargs={"slug": group.process.slug}))
    # Ale i 360 grader was published in 2018, under the first version of the principles.
    assert reverse("governance:principles_version", kwargs={"number": 1}) in process_page.content.decode()
    assert "barn och unga" in client.get(reverse("governance:principles")).content.decode()
    resident = next(login for login in DEMO_LOGINS if login.key == "resident")
    client.force_login(User.objects.get(email=resident.email))
    space = client.get(reverse("workgroups:space", kwargs={"slug": group.slug}))
    assert space.status_code == 200 and "kort besked" in space.content.decode()
