"""The whole loop in one journey: a resident leaves input with an e-mail address and confirms it, staff
answer the theme the input was coded to and publish, and the mail that arrives over SMTP leads to the
resident's trail and stops all mail in one click (RFC 8058).

Real Chromium, a real SMTP server (aiosmtpd), axe on the pages the resident opens from the mail.
"""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect

from radslag.contributions.models import Contribution
from radslag.messaging.models import Recipient
from radslag.themes.tests.factories import CodingFactory, ThemeFactory
from tests.e2e.accessibility import assert_accessible

pytestmark = pytest.mark.e2e

ADDRESS = "karin.svensson@example.se"


def mail_to(inbox, subject_part: str, seconds: float = 15.0) -> dict:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for message in inbox.messages:
            if subject_part in str(message["subject"]):
                return message
        time.sleep(0.1)
    raise AssertionError(f"no mail with {subject_part!r}; got {[m['subject'] for m in inbox.messages]}")


def path_in(text: str, pattern: str) -> str:
    found = re.search(r"https?://[^/\s]+(" + pattern + r")", text)
    assert found, text
    return found.group(1)


def test_input_with_an_address_answer_published_mail_with_trail_and_one_click_unsubscribe(
    page, page_as, new_context, staff_member, process, smtp_server
):
    # The resident gives input and leaves an address.
    page.goto(f"/dialoger/{process.slug}/bidra/")
    page.get_by_label(process.input_question).fill("Ett café i biblioteket som har öppet på kvällarna.")
    page.get_by_label("Din e-postadress").fill(ADDRESS)
    page.get_by_role("button", name="Skicka inspel").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tack! Ditt inspel har kommit in")
    confirmation = mail_to(smtp_server, "Bekräfta")
    page.goto(path_in(str(confirmation["body"]), r"/meddelanden/bekrafta/[^/\s]+/"))
    page.get_by_role("button", name="Ja, bekräfta min adress").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Din adress är bekräftad")

    # Moderation published it and the analysis coded it to a theme.
    contribution = Contribution.objects.get(process=process)
    Contribution.objects.filter(pk=contribution.pk).update(status=Contribution.Status.PUBLISHED)
    theme = ThemeFactory(process=process, human_label="Kvällsöppet bibliotek")
    CodingFactory(theme=theme, contribution=contribution)

    # Staff answer the theme and publish.
    staff = page_as(staff_member)
    staff.goto(f"/personal/processer/{process.pk}/svar/")
    staff.get_by_role("link", name="Svara på Kvällsöppet bibliotek").click()
    staff.get_by_label("Status").select_option(label="Utreds")
    staff.get_by_label("Svar", exact=True).fill("Kultur- och fritidsnämnden utreder kvällsöppet under våren.")
    staff.get_by_role("button", name="Spara").click()
    expect(staff.get_by_role("status")).to_contain_text("Svaret är sparat")
    staff.get_by_role("button", name="Publicera 1 nytt eller ändrat svar").click()
    expect(staff.get_by_role("status")).to_contain_text("1 svar är publicerat")

    # One mail arrives about the answer, with the trail and a one-click unsubscribe.
    notice = mail_to(smtp_server, process.title)
    assert notice["to"] == [ADDRESS]
    assert notice["list_unsubscribe_post"] == "List-Unsubscribe=One-Click"
    unsubscribe = path_in(str(notice["list_unsubscribe"]), r"/meddelanden/avsluta/[^/\s>]+/")
    page.goto(path_in(str(notice["body"]), r"/mina-inspel/spar/[^/\s]+/"))
    main = page.locator("main")
    expect(main).to_contain_text("Ett café i biblioteket")
    expect(main).to_contain_text("Kvällsöppet bibliotek")
    expect(main).to_contain_text("utreder kvällsöppet under våren")
    assert_accessible(page, "the trail opened from the mail")

    # The mail client's one click: a POST with no cookie and no CSRF token.
    response = new_context().request.post(
        unsubscribe, data="List-Unsubscribe=One-Click",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert response.status == 200
    assert Recipient.objects.get(email=ADDRESS).unsubscribed_at is not None
