"""Another municipality's process and contributions are not found from this one."""

import pytest
from django.urls import reverse

from radslag.contributions.models import Contribution
from radslag.contributions.tests.factories import ContributionFactory
from radslag.dialogues.tests.factories import ProcessFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def foreign(other_org):
    return ContributionFactory(process=ProcessFactory(organisation=other_org), status=Contribution.Status.PENDING)


@pytest.mark.parametrize("name", ["bulk_entry", "moderation_queue", "dashboard"])
def test_staff_pages_of_another_municipalitys_process_are_404(client_for, org, admin_user, foreign, name):
    response = client_for(org, admin_user).get(reverse(f"contributions:{name}", kwargs={"pk": foreign.process_id}))
    assert response.status_code == 404


@pytest.mark.parametrize("name", ["bulk_entry", "bulk_publish"])
def test_posts_to_another_municipalitys_process_are_404(client_for, org, admin_user, foreign, name):
    url = reverse(f"contributions:{name}", kwargs={"pk": foreign.process_id})
    response = client_for(org, admin_user).post(url, {"channel": "slip", "body": "Hej", "selected": [foreign.pk]})
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.status == Contribution.Status.PENDING
    assert Contribution.objects.count() == 1


def test_moderating_another_municipalitys_contribution_is_404(client_for, org, admin_user, foreign):
    url = reverse("contributions:moderate", kwargs={"pk": foreign.process_id, "contribution_pk": foreign.pk})
    assert client_for(org, admin_user).post(url, {"action": "publish"}).status_code == 404
    foreign.refresh_from_db()
    assert foreign.status == Contribution.Status.PENDING


def test_contribution_of_another_process_is_404_under_this_process(client_for, org, admin_user, process, foreign):
    url = reverse("contributions:moderate", kwargs={"pk": process.pk, "contribution_pk": foreign.pk})
    assert client_for(org, admin_user).get(url).status_code == 404


def test_undo_of_another_municipalitys_entry_is_404(client_for, org, admin_user, foreign):
    url = reverse("contributions:bulk_undo", kwargs={"pk": foreign.process_id, "contribution_pk": foreign.pk})
    assert client_for(org, admin_user).post(url).status_code == 404
    assert Contribution.objects.filter(pk=foreign.pk).exists()


@pytest.mark.parametrize("name", ["contribute", "process_contributions"])
def test_public_pages_of_another_municipalitys_process_are_404(client_for, org, foreign, name):
    url = reverse(f"contributions:{name}", kwargs={"slug": foreign.process.slug})
    assert client_for(org).get(url).status_code == 404
