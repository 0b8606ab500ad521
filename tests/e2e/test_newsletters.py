"""Staff write a newsletter with a picture from the media library, preview it, send a test that arrives over
SMTP, send it to the process's subscribers, and the public archive shows it. Staff write to an activity's
registrants. Every new page is checked with axe."""

from __future__ import annotations

import io
import re

import pytest
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from radslag.dialogues.models import Registration
from radslag.messaging import consent
from radslag.messaging.models import Newsletter, Recipient, Topic
from tests.e2e.accessibility import assert_accessible

pytestmark = pytest.mark.e2e


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (60, 40), (20, 90, 160)).save(buffer, "PNG")
    return buffer.getvalue()


def test_staff_write_test_send_and_archive_a_newsletter(page_as, page, staff_member, process, smtp_server):
    # A subscriber who confirmed her address earlier, so no confirmation mail is part of this journey.
    anna = consent.recipient_for(organisation=process.organisation, email="anna@example.se")
    Recipient.objects.filter(pk=anna.pk).update(confirmed_at=timezone.now())
    consent.follow(organisation=process.organisation, email="anna@example.se", topic=Topic.PROCESS,
                   topic_id=process.pk)
    staff = page_as(staff_member)

    staff.goto("/personal/bilder/")
    assert_accessible(staff, "media library")
    staff.get_by_label("Bildfil").set_input_files({"name": "torget.png", "mimeType": "image/png", "buffer": png()})
    staff.get_by_label("Alternativtext", exact=True).fill("Torget i Nödinge en solig dag")
    staff.get_by_role("button", name="Ladda upp").click()
    expect(staff.get_by_role("status")).to_contain_text("Bilden finns nu i bildbiblioteket.")
    expect(staff.get_by_role("img", name="Torget i Nödinge en solig dag")).to_be_visible()

    staff.goto("/personal/manadsblad/ny/")
    assert_accessible(staff, "new newsletter")
    staff.get_by_label("Skicka till").select_option(label=f"Prenumeranter på processen: {process.title}")
    staff.get_by_label("Rubrik", exact=True).fill("Månadsblad december")
    staff.get_by_label("Text", exact=True).fill("## Hej alla\n\nDialogkvällen blev välbesökt.\n\n![](/bilder/1.png)")
    staff.get_by_role("button", name="Spara månadsbladet").click()
    expect(staff.get_by_role("note")).to_contain_text("saknar alternativtext")  # cannot be sent like this
    staff.get_by_role("button", name="Skicka månadsbladet nu").click()
    expect(staff.get_by_role("status")).to_contain_text("saknar alternativtext")
    assert Newsletter.objects.get().sent_at is None

    staff.get_by_label("Text", exact=True).fill("## Hej alla\n\nDialogkvällen blev välbesökt.")
    staff.get_by_role("button", name=re.compile("Infoga")).click()  # from the library, alt text included
    staff.get_by_role("button", name="Spara månadsbladet").click()
    expect(staff.get_by_role("status")).to_contain_text("Månadsbladet är sparat.")
    assert "![Torget i Nödinge en solig dag](/bilder/" in Newsletter.objects.get().body
    assert_accessible(staff, "newsletter ready to send")

    staff.get_by_role("link", name="Förhandsgranska månadsbladet").click()
    expect(staff.get_by_role("heading", level=1)).to_have_text("Månadsblad december")
    expect(staff.get_by_role("img", name="Torget i Nödinge en solig dag")).to_be_visible()
    assert_accessible(staff, "newsletter preview")
    staff.get_by_role("link", name="Tillbaka till månadsbladet").click()

    staff.get_by_role("button", name=f"Skicka ett test till {staff_member.email}").click()
    expect(staff.get_by_role("status")).to_contain_text("Ett test är på väg")
    assert [(m["to"], m["subject"]) for m in smtp_server.messages] == [
        ([staff_member.email], "[Test] Månadsblad december")]

    staff.get_by_role("button", name="Skicka månadsbladet nu").click()
    expect(staff.get_by_role("status")).to_contain_text("Månadsbladet är på väg")
    expect(staff.get_by_role("region", name="Utskicksrapport")).to_be_visible()
    assert_accessible(staff, "send report")
    assert [m["to"] for m in smtp_server.messages][1:] == [["anna@example.se"]]
    assert "Dialogkvällen blev välbesökt." in smtp_server.messages[1]["body"]

    page.goto(f"/dialoger/{process.slug}/")
    page.get_by_role("link", name="Månadsblad om den här dialogen").click()
    assert_accessible(page, "a process's newsletter archive")
    page.get_by_role("link", name="Månadsblad december").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Månadsblad december")
    expect(page.get_by_role("img", name="Torget i Nödinge en solig dag")).to_be_visible()
    assert_accessible(page, "an archived newsletter")
    page.goto("/manadsblad/")
    assert_accessible(page, "the newsletter archive")
    staff.goto("/personal/manadsblad/")
    expect(staff.get_by_role("table")).to_contain_text("Månadsblad december")
    assert_accessible(staff, "the staff list of newsletters")


def test_staff_write_to_the_registrants_of_an_activity(page_as, staff_member, process, smtp_server):
    activity = process.activities.get()
    Registration.objects.create(activity=activity, name="Anna", email="anna@example.se",
                                status=Registration.Status.CONFIRMED)
    staff = page_as(staff_member)
    staff.goto(f"/personal/processer/{process.pk}/aktiviteter/{activity.pk}/")
    staff.get_by_role("link", name="Skriv till anmälda eller bordsvärdar").click()
    assert_accessible(staff, "write to the people of an activity")
    staff.get_by_label("Alla anmälda (inte väntelistan)").check()
    staff.get_by_label("Ämne").fill("Vi byter lokal")
    staff.get_by_label("Text", exact=True).fill("Vi ses i aulan i stället.")
    staff.get_by_role("button", name="Skicka brevet").click()
    expect(staff.get_by_role("status")).to_contain_text("Brevet är på väg till 1 person.")
    assert [(m["to"], m["subject"]) for m in smtp_server.messages] == [(["anna@example.se"], "Vi byter lokal")]
