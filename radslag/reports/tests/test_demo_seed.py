"""The demo municipality gets a published compilation of Ale i 360 grader (radslag/demo/seed/reports.py).

Loaded through the management command: the layers contract keeps this app from importing the demo app."""

from io import StringIO

from django.core.management import call_command
from django.test import Client

from radslag.reports.models import CompilationVersion


def test_the_demo_publishes_a_compilation_of_ale_i_360_grader(db):
    call_command("load_demo", stdout=StringIO())
    version = CompilationVersion.objects.select_related("compilation__organisation").get(
        compilation__process__slug="ale-i-360-grader"
    )
    assert version.number == 1 and version.published_by is not None
    assert version.snapshot["themes"], "the accepted themes of the themes seed are in the compilation"
    client = Client(HTTP_HOST=version.compilation.organisation.hostname or "localhost")
    page = client.get("/dialoger/ale-i-360-grader/sammanstallning/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Perspektivsammanställning: Ale i 360 grader" in text
    assert "elva samtalsledare" in text
    assert "Version 1, publicerad" in text
    assert client.get("/dialoger/ale-i-360-grader/sammanstallning/version/1/pdf/").content.startswith(b"%PDF-")
