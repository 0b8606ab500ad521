"""A dialogue's page says how it applies the municipality's principles for dialogue, and links to them."""

import pytest
from django.urls import reverse

from radslag.dialogues.tests.factories import ProcessFactory
from radslag.governance.principles import publish_principles

pytestmark = pytest.mark.django_db

FIRST = {"title": "Principer för medborgardialog", "text": "Vi lyssnar.\n\nVi återkopplar."}


def test_the_process_page_states_how_it_applies_the_principles_and_links_them(client_for, org, admin_user):
    version = publish_principles(organisation=org, actor=admin_user, fields=FIRST)
    process = ProcessFactory(organisation=org, principles="Vi håller träffar på kvällstid och i alla orter.")
    page = client_for(org).get(reverse("dialogues:process_detail", kwargs={"slug": process.slug})).content.decode()
    assert "Så tillämpar vi principerna för dialog" in page
    assert "Vi håller träffar på kvällstid" in page
    assert reverse("governance:principles_version", kwargs={"number": version.number}) in page
