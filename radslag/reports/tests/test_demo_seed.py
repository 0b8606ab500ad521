"""The demo municipality gets a published compilation of Ale i 360 grader."""

from django.test import Client

from radslag.demo.services import load_demo
from radslag.reports.models import CompilationVersion


def test_the_demo_publishes_a_compilation_of_ale_i_360_grader(db):
    organisation = load_demo().organisation
    version = CompilationVersion.objects.get(compilation__process__slug="ale-i-360-grader",
                                             compilation__organisation=organisation)
    assert version.number == 1 and version.published_by is not None
    client = Client(HTTP_HOST=organisation.hostname or "localhost")
    page = client.get("/dialoger/ale-i-360-grader/sammanstallning/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Perspektivsammanställning: Ale i 360 grader" in text
    assert "elva samtalsledare" in text
    assert "Version 1, publicerad" in text
    assert client.get("/dialoger/ale-i-360-grader/sammanstallning/version/1/pdf/").content.startswith(b"%PDF-")
