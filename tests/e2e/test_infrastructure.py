"""The browser harness itself: Chromium reaches the live server, axe runs and reports."""

import pytest
from playwright.sync_api import expect

from tests.e2e.accessibility import axe_violations

pytestmark = pytest.mark.e2e


def test_axe_reports_an_unlabelled_field(page):
    """axe-core is loaded from the installed package and finds a known problem."""
    page.set_content('<!doctype html><html lang="sv"><title>t</title><main><input type="text"></main></html>')
    ids = {violation["id"] for violation in axe_violations(page)}
    assert "label" in ids


def test_live_server_answers_on_the_municipality_host(page, site, live_server):
    """The live server resolves the municipality from the host Chromium uses."""
    response = page.goto("/konto/login/")
    assert response is not None and response.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text("Logga in")
