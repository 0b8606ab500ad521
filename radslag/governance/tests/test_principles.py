"""The principles for dialogue: versions, who may publish them, and the link from a dialogue's page."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from radslag.accounts.models import Role
from radslag.accounts.tests.factories import user_with_role
from radslag.audit.models import AuditEvent
from radslag.core.errors import DomainError, PermissionDeniedError
from radslag.governance.models import DialoguePrinciples
from radslag.governance.principles import current, in_force_for, publish_principles

pytestmark = pytest.mark.django_db

FIRST = {"title": "Principer för medborgardialog", "text": "Vi lyssnar.\n\nVi återkopplar."}


def test_an_edit_publishes_a_new_version_and_the_old_one_stays(org, admin_user):
    first = publish_principles(organisation=org, actor=admin_user, fields=FIRST)
    second = publish_principles(organisation=org, actor=admin_user, change_note="Ny princip om barn",
                                fields={**FIRST, "text": FIRST["text"] + "\n\nVi frågar barn och unga."})
    assert (first.number, second.number) == (1, 2)
    assert DialoguePrinciples.objects.get(pk=first.pk).text == FIRST["text"]
    assert current(org) == second
    assert AuditEvent.objects.filter(action="principles.published").count() == 2


def test_publishing_the_same_text_again_is_refused(org, admin_user):
    publish_principles(organisation=org, actor=admin_user, fields=FIRST)
    with pytest.raises(DomainError, match="Inget har ändrats"):
        publish_principles(organisation=org, actor=admin_user, fields=FIRST)


@pytest.mark.parametrize("role", [Role.STAFF, Role.OFFICIAL, Role.RESIDENT])
def test_only_an_administrator_publishes_principles(org, role):
    with pytest.raises(PermissionDeniedError):
        publish_principles(organisation=org, actor=user_with_role(org, role), fields=FIRST)


def test_a_dialogue_refers_to_the_version_in_force_when_it_was_published(org, admin_user):
    first = publish_principles(organisation=org, actor=admin_user, fields=FIRST)
    DialoguePrinciples.objects.filter(pk=first.pk).update(published_at=timezone.now() - dt.timedelta(days=30))
    second = publish_principles(organisation=org, actor=admin_user, fields={**FIRST, "title": "Nya principer"})
    assert in_force_for(org, timezone.now() - dt.timedelta(days=10)) == first
    assert in_force_for(org, None) == second  # a draft: the one in force now
    assert in_force_for(org, timezone.now() - dt.timedelta(days=400)) == first  # before any: the first


def test_the_pages_show_the_version_in_force_and_earlier_ones(client_for, org, admin_user):
    publish_principles(organisation=org, actor=admin_user, fields=FIRST)
    publish_principles(organisation=org, actor=admin_user, fields={**FIRST, "text": "Vi lyssnar på alla."})
    page = client_for(org).get(reverse("governance:principles")).content.decode()
    assert "Vi lyssnar på alla." in page and "Version 2" in page
    old = client_for(org).get(reverse("governance:principles_version", kwargs={"number": 1})).content.decode()
    assert "Vi återkopplar." in old and "tidigare version" in old


def test_the_edit_page_publishes_for_an_administrator_only(client_for, org, admin_user, staff):
    edit = reverse("governance:principles_edit")
    assert client_for(org, staff).post(edit, FIRST).status_code == 403
    assert client_for(org, admin_user).post(edit, FIRST).status_code == 302
    assert DialoguePrinciples.objects.get().published_by == admin_user
