"""The demo's themes for Ale i 360 grader: analysed, some named and accepted by the dialogue team, and the
coding view with realistic volumes (about 300 stories, ten themes) is accessible."""

from urllib.parse import urlsplit

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from radslag.accounts.models import User
from radslag.demo.seed.context import DemoContext
from radslag.demo.seed.themes import load_themes
from radslag.demo.services import load_demo
from radslag.dialogues.models import DialogueProcess
from radslag.governance.models import FocusArea
from radslag.themes.compilation import themes_for_compilation
from radslag.themes.models import AnalysisRun
from tests.e2e.accessibility import assert_accessible

pytestmark = pytest.mark.e2e


@pytest.fixture
def demo_context(live_server, transactional_db, e2e_settings) -> DemoContext:
    """The demo loaded as `load_demo` does, then the context the themes seed needs."""
    organisation = load_demo(reset=True).organisation
    organisation.hostname = urlsplit(live_server.url).hostname
    organisation.save(update_fields=["hostname"])
    return DemoContext(
        organisation=organisation,
        today=timezone.localdate(),
        processes={"ale360": DialogueProcess.objects.get(organisation=organisation, slug="ale-i-360-grader")},
        users={"staff": User.objects.get(email="processledare@ale.example")},
        focus_areas={area.slug: area for area in FocusArea.objects.filter(organisation=organisation)},
    )


def test_demo_themes_are_named_accepted_and_accessible(page_as, demo_context):
    run = load_themes(demo_context)
    assert run.status == AnalysisRun.Status.DONE
    assert run.contribution_count == 299
    process = demo_context.processes["ale360"]
    summaries = themes_for_compilation(process)
    assert len(summaries) == 10
    accepted = [summary for summary in summaries if summary.accepted]
    assert len(accepted) >= 3
    assert all(summary.quotes and summary.focus_areas for summary in accepted)

    page = page_as(demo_context.users["staff"])
    page.goto(f"/personal/processer/{process.pk}/teman/")
    expect(page.get_by_role("heading", name="10 teman")).to_be_visible()
    expect(page.get_by_role("link", name="Återkoppling visar respekt")).to_be_visible()
    assert_accessible(page, "the demo's coding view")
    page.get_by_role("link", name="Återkoppling visar respekt").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Återkoppling visar respekt")
    assert_accessible(page, "a demo theme's page")
