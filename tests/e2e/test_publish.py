"""An administrator publishes a draft only once its mandate is complete."""

import re

import pytest
from django.utils import translation
from django.utils.text import capfirst
from playwright.sync_api import expect

from radslag.dialogues.models import DialogueProcess
from radslag.dialogues.tests.factories import ProcessFactory
from radslag.organisations.tests.factories import BodyFactory

pytestmark = pytest.mark.e2e

MISSING = ["purpose", "participation_level", "deciding_body", "feedback_plan", "feedback_due"]


def swedish_label(name: str) -> str:
    with translation.override("sv"):
        return capfirst(str(DialogueProcess._meta.get_field(name).verbose_name))


def swedish_field(name: str) -> re.Pattern[str]:
    """The Swedish field by its label, not its English version ("Syfte (engelska, valfritt)") beside it."""
    return re.compile("^" + re.escape(swedish_label(name)) + r"(?! \(engelska)")


@pytest.fixture
def draft(site):
    BodyFactory(organisation=site, name="Kultur- och fritidsnämnden")
    return ProcessFactory(
        organisation=site, title="Framtidens bibliotek", slug="framtidens-bibliotek",
        status=DialogueProcess.Status.DRAFT, published_at=None, purpose="", participation_level="",
        deciding_body=None, feedback_plan="", feedback_due=None,
    )


def publish_button(page):
    return page.get_by_role("button", name="Publicera", exact=True)


def fill_mandate(page) -> None:
    page.get_by_label(swedish_field("purpose")).fill("Ta reda på vad invånarna vill ha av biblioteken.")
    page.get_by_label(swedish_field("participation_level")).select_option("dialogue")
    page.get_by_label(swedish_field("deciding_body")).select_option(label="Kultur- och fritidsnämnden")
    page.get_by_label(swedish_field("feedback_plan")).fill("Vi skriver här och i nyhetsbrevet vad nämnden beslutade.")
    page.get_by_label(swedish_field("feedback_due")).fill("2030-12-15")


def test_administrator_completes_the_mandate_and_publishes(page_as, new_context, administrator, draft):
    """Publishing a draft lists what is missing; once filled in, it publishes and residents can see it."""
    visitor = new_context().new_page()
    assert visitor.goto(f"/dialoger/{draft.slug}/").status == 404

    page = page_as(administrator)
    page.goto(f"/personal/processer/{draft.pk}/")
    publish_button(page).click()

    error = page.get_by_role("alert").filter(has_text="publiceras")
    for name in MISSING:
        expect(error).to_contain_text(swedish_label(name))
    draft.refresh_from_db()
    assert draft.status == DialogueProcess.Status.DRAFT

    fill_mandate(page)
    page.get_by_role("button", name="Spara ändringarna").click()
    expect(page.get_by_role("status"), "the filled-in mandate was not saved").to_contain_text("Ändringarna är sparade.")
    publish_button(page).click()
    expect(page.get_by_role("status")).to_contain_text("publicerad")

    draft.refresh_from_db()
    assert draft.status == DialogueProcess.Status.PUBLISHED
    assert visitor.goto(f"/dialoger/{draft.slug}/").status == 200
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Framtidens bibliotek")
