"""The demo municipality gets a published compilation of Ale i 360 grader."""

from django.test import Client
from django.utils import timezone

from radslag.accounts.models import User
from radslag.demo.logins import DEMO_LOGINS
from radslag.demo.seed.context import DemoContext
from radslag.demo.seed.reports import load_reports
from radslag.demo.services import load_demo
from radslag.dialogues.models import DialogueProcess


def test_the_demo_publishes_a_compilation_of_ale_i_360_grader(db):
    organisation = load_demo().organisation
    process = DialogueProcess.objects.get(organisation=organisation, slug="ale-i-360-grader")
    staff_email = next(login.email for login in DEMO_LOGINS if login.key == "staff")
    context = DemoContext(
        organisation=organisation, today=timezone.localdate(), processes={"ale360": process},
        users={"staff": User.objects.get(email=staff_email)},
    )
    version = load_reports(context)
    assert version.number == 1
    client = Client(HTTP_HOST=organisation.hostname or "localhost")
    page = client.get("/dialoger/ale-i-360-grader/sammanstallning/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Perspektivsammanställning: Ale i 360 grader" in text
    assert "elva samtalsledare" in text
    assert client.get("/dialoger/ale-i-360-grader/sammanstallning/version/1/pdf/").content.startswith(b"%PDF-")
