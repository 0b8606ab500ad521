"""The demo's themes for Ale i 360 grader (loaded by `load_demo` through `radslag.demo.seed.themes`): analysed,
some named and accepted by the dialogue team, and the coding view with realistic volumes (about 300 stories,
ten themes) is accessible."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from radslag.accounts.models import User
from radslag.demo.seed.themes import THEME_COUNT
from radslag.demo.services import load_demo
from radslag.dialogues.models import DialogueProcess
from radslag.themes.compilation import themes_for_compilation
from radslag.themes.models import AnalysisRun
from tests.e2e.accessibility import assert_accessible

pytestmark = pytest.mark.e2e


@pytest.fixture
def ale360(live_server, transactional_db, e2e_settings) -> DialogueProcess:
    organisation = load_demo(reset=True).organisation
    organisation.hostname = urlsplit(live_server.url).hostname
    organisation.save(update_fields=["hostname"])
    return DialogueProcess.objects.get(organisation=organisation, slug="ale-i-360-grader")


def test_demo_themes_are_named_accepted_and_accessible(page_as, ale360):
    run = AnalysisRun.objects.get(process=ale360)
    assert (run.status, run.contribution_count, run.backend) == (AnalysisRun.Status.DONE, 305, "lexical")
    summaries = themes_for_compilation(ale360)
    assert len(summaries) == THEME_COUNT
    accepted = [summary for summary in summaries if summary.accepted]
    assert len(accepted) >= 3
    assert all(summary.quotes and summary.focus_areas for summary in accepted)

    page = page_as(User.objects.get(email="processledare@ale.example"))
    page.goto(f"/personal/processer/{ale360.pk}/teman/")
    expect(page.get_by_role("heading", name=f"{THEME_COUNT} teman")).to_be_visible()
    expect(page.get_by_role("link", name="Återkoppling visar respekt")).to_be_visible()
    assert_accessible(page, "the demo's coding view")
    page.get_by_role("link", name="Återkoppling visar respekt").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Återkoppling visar respekt")
    assert_accessible(page, "a demo theme's page")
