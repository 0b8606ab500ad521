"""axe-core finds no serious or critical WCAG 2.1 A/AA violation on the pages people use most."""

import pytest

from tests.e2e.accessibility import assert_accessible

pytestmark = pytest.mark.e2e

PUBLIC_PAGES = {
    "home": "/",
    "process page": "/dialoger/{slug}/",
    "contribution form": "/dialoger/{slug}/bidra/",
    "published contributions": "/dialoger/{slug}/inspel/",
    "login": "/konto/login/",
}
STAFF_PAGES = {
    "bulk entry": "/personal/processer/{pk}/inmatning/",
    "representativeness dashboard": "/personal/processer/{pk}/oversikt/",
    "moderation queue": "/personal/processer/{pk}/moderering/",
    "process editing": "/personal/processer/{pk}/",
}


def open_page(page, path: str) -> None:
    response = page.goto(path)
    assert response is not None and response.status == 200, f"{path} answered {response and response.status}"


@pytest.mark.parametrize("label", PUBLIC_PAGES)
def test_public_page_has_no_serious_violations(page, process, label):
    open_page(page, PUBLIC_PAGES[label].format(slug=process.slug))
    assert_accessible(page, label)


@pytest.mark.parametrize("label", STAFF_PAGES)
def test_staff_page_has_no_serious_violations(page_as, administrator, process, label):
    page = page_as(administrator)
    open_page(page, STAFF_PAGES[label].format(pk=process.pk))
    assert_accessible(page, label)


def test_contribution_form_error_state_has_no_serious_violations(page, process):
    """The form as it looks after sending it empty: error summary, invalid field, messages."""
    open_page(page, f"/dialoger/{process.slug}/bidra/")
    page.locator("main form textarea[name=body]").locator("xpath=ancestor::form").locator(
        "button[type=submit]"
    ).click()
    page.get_by_role("alert").wait_for()
    assert_accessible(page, "contribution form with errors")
