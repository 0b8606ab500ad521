"""The demo's themes for Ale i 360 grader: analysed, some named and accepted by the dialogue team."""

import pytest
from django.utils import timezone

from radslag.accounts.models import User
from radslag.demo.seed.context import DemoContext
from radslag.demo.seed.themes import load_themes
from radslag.demo.services import load_demo
from radslag.dialogues.models import DialogueProcess
from radslag.governance.models import FocusArea
from radslag.themes.compilation import themes_for_compilation
from radslag.themes.models import AnalysisRun

pytestmark = pytest.mark.django_db


def context_after_load_demo() -> DemoContext:
    organisation = load_demo(reset=True).organisation
    return DemoContext(
        organisation=organisation,
        today=timezone.localdate(),
        processes={"ale360": DialogueProcess.objects.get(organisation=organisation, slug="ale-i-360-grader")},
        users={"staff": User.objects.get(email="processledare@ale.example")},
        focus_areas={area.slug: area for area in FocusArea.objects.filter(organisation=organisation)},
    )


def test_demo_themes_are_analysed_named_and_accepted():
    context = context_after_load_demo()
    run = load_themes(context)
    assert run.status == AnalysisRun.Status.DONE
    assert run.contribution_count == 299
    summaries = themes_for_compilation(context.processes["ale360"])
    assert len(summaries) == 10
    accepted = [summary for summary in summaries if summary.accepted]
    assert len(accepted) >= 3
    assert "Återkoppling visar respekt" in [summary.name for summary in accepted]
    assert all(summary.quotes and summary.focus_areas for summary in accepted)
