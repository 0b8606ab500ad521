"""Signing in through the real allauth login form."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

PASSWORD = "lösenord-123"  # the password UserFactory gives everyone


def test_staff_member_signs_in_and_lands_on_the_staff_page(page, staff_member):
    """A signed-out visitor to /personal/ is sent to the login form and comes back signed in."""
    page.goto("/personal/")
    expect(page).to_have_url(re.compile(r"/konto/login/"))

    page.get_by_label("E-post", exact=False).first.fill(staff_member.email)
    page.get_by_label("Lösenord", exact=False).first.fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()

    expect(page).to_have_url(re.compile(r"/personal/$"))
    expect(page.get_by_role("status")).to_contain_text("Du har loggat in")
    expect(page.get_by_role("heading", level=1)).to_have_text("Personalsidor")


def test_wrong_password_is_refused_with_a_message(page, staff_member):
    """A wrong password keeps the visitor on the form with an error and signs nobody in."""
    page.goto("/konto/login/")
    page.get_by_label("E-post", exact=False).first.fill(staff_member.email)
    page.get_by_label("Lösenord", exact=False).first.fill("fel-lösenord-999")
    page.get_by_role("button", name="Logga in").click()

    expect(page).to_have_url(re.compile(r"/konto/login/"))
    expect(page.locator("main form").filter(has=page.locator("[name=password]"))).to_contain_text(
        "lösenordet är felaktigt", ignore_case=True
    )
    expect(page.get_by_role("link", name="Logga in", exact=True)).to_be_visible()
