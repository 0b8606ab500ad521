"""The demo keeps its promise of a newsletter: Ale i 360 grader's issues are in the public archive."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client


@pytest.fixture
def demo(db) -> Client:
    call_command("load_demo", stdout=StringIO())
    return Client()


def test_ale_i_360_grader_has_its_newsletters_in_the_archive(demo):
    process_page = demo.get("/dialoger/ale-i-360-grader/").content.decode()
    assert "/manadsblad/dialog/ale-i-360-grader/" in process_page
    archive = demo.get("/manadsblad/dialog/ale-i-360-grader/").content.decode()
    assert "Månadsblad oktober: expeditionen har startat" in archive
    assert "Månadsblad november: mötet i skolan" in archive
    assert "Så gick det med Ale i 360 grader" in demo.get("/manadsblad/").content.decode()
    issue = demo.get("/manadsblad/").content.decode()
    assert "/manadsblad/dialog/ale-i-360-grader/" in issue
