"""axe-core on the demo municipality's pages, which carry realistic volumes: hundreds of contributions,
several processes, updates, phases and a filled representativeness overview."""

from urllib.parse import urlsplit

import pytest
from django.db.models import Count

from radslag.accounts.models import Role
from radslag.demo.services import load_demo
from radslag.dialogues.models import DialogueProcess
from radslag.organisations.models import Organisation
from tests.e2e.accessibility import assert_accessible
from tests.e2e.conftest import person

pytestmark = pytest.mark.e2e


@pytest.fixture
def demo(live_server, transactional_db, e2e_settings) -> Organisation:
    organisation = load_demo().organisation
    organisation.hostname = urlsplit(live_server.url).hostname
    organisation.save(update_fields=["hostname"])
    return organisation


def visit(page, path: str) -> None:
    response = page.goto(path)
    assert response is not None and response.status == 200, f"{path} answered {response and response.status}"
    assert_accessible(page, path)


def busiest(organisation: Organisation) -> DialogueProcess:
    return (
        DialogueProcess.objects.for_organisation(organisation).published()
        .annotate(size=Count("contributions")).order_by("-size").first()
    )


def test_demo_pages_have_no_serious_violations(page, page_as, demo):
    """Public pages, every process page, and the staff pages of the process with most input."""
    visit(page, "/")
    visit(page, "/dialoger/")
    for process in DialogueProcess.objects.for_organisation(demo).published():
        visit(page, f"/dialoger/{process.slug}/")
    process = busiest(demo)
    visit(page, f"/dialoger/{process.slug}/inspel/")

    staff = page_as(person(demo, Role.ADMIN, "e2e-admin@ale.example"))
    for path in ("", "oversikt/", "moderering/", "inmatning/"):
        visit(staff, f"/personal/processer/{process.pk}/{path}")
