"""Newsletters: the media library, the alt-text rule, tests, scheduling, sending once, the archive and the report."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from radslag.messaging import consent, markup, newsletters
from radslag.messaging.models import Delivery, MediaImage, Message, Newsletter, Recipient, Topic

pytestmark = pytest.mark.django_db


def image_bytes(fmt: str = "PNG", size: tuple[int, int] = (4, 3)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, fmt)
    return buffer.getvalue()


def upload(client, name="bild.png", content=None, alt="En röd ruta", content_type="image/png"):
    file = SimpleUploadedFile(name, content if content is not None else image_bytes(), content_type=content_type)
    return client.post(reverse("newsletters:media_library"), {"file": file, "alt": alt, "alt_en": ""})


def subscriber(org, email, topic=Topic.ORGANISATION, topic_id=None, confirmed=True, language="sv"):
    consent.follow(organisation=org, email=email, topic=topic, topic_id=topic_id, language=language)
    recipient = Recipient.objects.get(organisation=org, email=email)
    if confirmed:
        recipient.confirmed_at = timezone.now()
        recipient.save()
    return recipient


@pytest.fixture
def staff_client(client_for, org, staff):
    EmailAddress.objects.create(user=staff, email=staff.email, verified=True, primary=True)
    return client_for(org, staff)


@pytest.fixture
def picture(org):
    image = MediaImage(organisation=org, format="PNG", width=4, height=3, alt="En röd ruta")
    image.file.save("x.png", SimpleUploadedFile("x.png", image_bytes()), save=False)
    image.save()
    return image


def letter(org, body="## Hej\n\nNytt från kommunen.", **fields) -> Newsletter:
    return Newsletter.objects.create(organisation=org, title=fields.pop("title", "Månadsblad december"), body=body,
                                     **fields)


# --- markup ---------------------------------------------------------------------------------------------

def test_markup_passes_no_raw_html_and_finds_images_without_alt():
    text = ("## Rubrik\n\n<script>alert(1)</script> [klick](javascript:alert(1)) "
            "![](/bilder/1.png) ![Träd](/bilder/2.png)")
    html = markup.to_html(text)
    assert "<script>" not in html and 'href="javascript' not in html
    assert markup.image_alt_missing(text) == ["/bilder/1.png"]
    assert markup.image_sources(text) == ["/bilder/1.png", "/bilder/2.png"]


# --- the media library ----------------------------------------------------------------------------------

def test_an_uploaded_image_is_in_the_library_and_served_at_its_own_address(staff_client, client_for, org):
    response = upload(staff_client)
    assert response.status_code == 302
    image = MediaImage.objects.get()
    assert (image.format, image.width, image.height, image.alt) == ("PNG", 4, 3, "En röd ruta")
    served = client_for(org).get(image.url)
    assert served.status_code == 200 and served["Content-Type"] == "image/png"
    assert b"".join(served.streaming_content) == image.file.open("rb").read()
    assert image.url in staff_client.get(reverse("newsletters:media_library")).content.decode()


@pytest.mark.parametrize(("name", "content", "message"), [
    ("fake.png", b"this is not a picture", "inte en bild som vi kan läsa"),
    ("anim.gif", image_bytes("GIF"), "inte en bild som vi kan läsa"),
])
def test_the_library_takes_only_png_jpeg_and_webp_read_from_the_content(staff_client, name, content, message):
    response = upload(staff_client, name=name, content=content)
    assert response.status_code == 200 and message in response.content.decode()
    assert not MediaImage.objects.exists()


def test_jpeg_and_webp_are_taken(staff_client):
    upload(staff_client, name="a.jpg", content=image_bytes("JPEG"), content_type="image/jpeg")
    upload(staff_client, name="a.webp", content=image_bytes("WEBP"), content_type="image/webp")
    assert sorted(MediaImage.objects.values_list("format", flat=True)) == ["JPEG", "WEBP"]


def test_an_image_without_alt_text_is_refused_at_upload(staff_client):
    response = upload(staff_client, alt="   ")
    assert response.status_code == 200 and not MediaImage.objects.exists()


def test_a_file_over_the_size_limit_is_refused(staff_client, settings):
    settings.RADSLAG_MEDIA_MAX_BYTES = 100
    response = upload(staff_client, content=image_bytes(size=(200, 200)))
    assert "för stor" in response.content.decode() and not MediaImage.objects.exists()


def test_another_municipalitys_image_is_not_served(client_for, other_org, picture):
    assert client_for(other_org).get(picture.url).status_code == 404


# --- writing and the alt-text rule ----------------------------------------------------------------------

def test_a_newsletter_can_only_show_images_from_the_library(staff_client, picture):
    data = {"recipients_list": "organisation:", "title": "Blad", "title_en": "", "body_en": "",
            "body": "Se här ![Katt](https://example.com/katt.png)"}
    response = staff_client.post(reverse("newsletters:create"), data)
    assert "kan bara hämtas från bildbiblioteket" in response.content.decode()
    data["body"] = f"Fel ändelse ![En röd ruta](/bilder/{picture.pk}.webp)"
    wrong_extension = staff_client.post(reverse("newsletters:create"), data).content.decode()
    assert "kan bara hämtas från bildbiblioteket" in wrong_extension
    data["body"] = f"Se här ![En röd ruta]({picture.url})"
    assert staff_client.post(reverse("newsletters:create"), data).status_code == 302
    assert Newsletter.objects.get().body == data["body"]


def test_a_newsletter_with_an_image_without_alt_text_cannot_be_sent(staff_client, org, picture):
    subscriber(org, "anna@example.se")
    newsletter = letter(org, body=f"Hej\n\n![]({picture.url})")
    response = staff_client.post(reverse("newsletters:send", args=[newsletter.pk]), follow=True)
    assert "saknar alternativtext" in response.content.decode()
    newsletter.refresh_from_db()
    assert newsletter.sent_at is None and not Message.objects.filter(kind=Message.Kind.NEWSLETTER).exists()
    schedule = staff_client.post(reverse("newsletters:schedule", args=[newsletter.pk]),
                                 {"send_at": (timezone.localtime() + dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")},
                                 follow=True)
    assert "saknar alternativtext" in schedule.content.decode()
    newsletter.refresh_from_db()
    assert newsletter.scheduled_for is None


# --- sending --------------------------------------------------------------------------------------------

def test_a_municipality_newsletter_goes_to_those_who_follow_the_whole_municipality(
    org, staff, django_capture_on_commit_callbacks
):
    subscriber(org, "alla@example.se")
    subscriber(org, "en-process@example.se", Topic.PROCESS, 4242)
    with django_capture_on_commit_callbacks(execute=True):
        newsletters.send_newsletter(newsletter=letter(org), actor=staff)
    assert [m.to for m in mail.outbox] == [["alla@example.se"]]


def test_a_test_goes_only_to_the_staff_members_own_address(staff_client, org, staff,
                                                          django_capture_on_commit_callbacks):
    subscriber(org, "anna@example.se")
    newsletter = letter(org)
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(reverse("newsletters:send_test", args=[newsletter.pk]))
    assert [m.to for m in mail.outbox] == [[staff.email]]
    assert mail.outbox[0].subject == "[Test] Månadsblad december"
    newsletter.refresh_from_db()
    assert newsletter.sent_at is None


def test_a_scheduled_newsletter_goes_out_when_its_time_has_come(org, staff, django_capture_on_commit_callbacks):
    subscriber(org, "anna@example.se")
    newsletter = letter(org)
    at = timezone.now() + dt.timedelta(hours=2)
    newsletters.schedule_newsletter(newsletter=newsletter, actor=staff, send_at=at)
    assert newsletters.send_due(now=at - dt.timedelta(minutes=1)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert newsletters.send_due(now=at + dt.timedelta(minutes=1)) == 1
    assert newsletters.send_due(now=at + dt.timedelta(minutes=6)) == 0
    assert len(mail.outbox) == 1
    newsletter.refresh_from_db()
    assert newsletter.sent_at is not None and newsletter.scheduled_for is None


def test_a_time_in_the_past_cannot_be_scheduled(staff_client, org):
    newsletter = letter(org)
    response = staff_client.post(reverse("newsletters:schedule", args=[newsletter.pk]),
                                 {"send_at": "2020-01-01T10:00"}, follow=True)
    assert "Välj en tid framåt i tiden" in response.content.decode()


def test_the_send_report_counts_the_deliveries_statuses(staff_client, org, staff):
    for n in range(5):
        subscriber(org, f"p{n}@example.se")
    newsletter = letter(org)
    newsletters.send_newsletter(newsletter=newsletter, actor=staff)  # not committed: nothing leaves
    deliveries = list(Delivery.objects.filter(message__kind=Message.Kind.NEWSLETTER).order_by("pk"))
    for delivery, status in zip(deliveries, ["sent", "sent", "refused", "withdrawn", "pending"], strict=True):
        delivery.status = status
        delivery.save()
    newsletter.refresh_from_db()
    report = newsletters.send_report(newsletter)
    assert (report.recipients, report.sent, report.refused, report.withdrawn, report.waiting) == (5, 2, 1, 1, 1)
    page = staff_client.get(reverse("newsletters:edit", args=[newsletter.pk])).content.decode()
    assert "Utskicksrapport" in page and "Vägrades av servern" in page


def test_the_send_report_shows_copies_handed_over_unconfirmed_and_who_unsubscribed_since(staff_client, org, staff):
    for n in range(4):
        subscriber(org, f"p{n}@example.se")
    newsletter = letter(org)
    newsletters.send_newsletter(newsletter=newsletter, actor=staff)
    deliveries = list(Delivery.objects.filter(message__kind=Message.Kind.NEWSLETTER).order_by("pk"))
    # Two left "handed" by a worker that died before the server's answer; one still waiting.
    for delivery, status in zip(deliveries, ["sent", "handed", "handed", "pending"], strict=True):
        delivery.status = status
        delivery.save()
    newsletter.refresh_from_db()
    Recipient.objects.filter(pk=deliveries[0].recipient_id).update(
        unsubscribed_at=newsletter.sent_at + dt.timedelta(hours=1))
    Recipient.objects.filter(pk=deliveries[1].recipient_id).update(
        unsubscribed_at=newsletter.sent_at - dt.timedelta(days=1))  # before it went out: not counted

    report = newsletters.send_report(newsletter)

    assert (report.sent, report.handed, report.waiting, report.unsubscribed_since) == (1, 2, 1, 1)
    page = staff_client.get(reverse("newsletters:edit", args=[newsletter.pk])).content.decode()
    row = page[page.index("Lämnat till e-postservern, ej bekräftat"):]
    assert row[:row.index("</tr>")].endswith('<td class="num">2</td>')
    waiting = page[page.index("Väntar på att skickas"):]
    assert waiting[:waiting.index("</tr>")].endswith('<td class="num">1</td>')
    since = page[page.index("Har avslutat prenumerationen sedan utskicket"):]
    assert since[:since.index("</tr>")].endswith('<td class="num">1</td>')


def test_a_sent_newsletter_can_no_longer_be_changed(staff_client, org, staff):
    newsletter = letter(org)
    newsletters.send_newsletter(newsletter=newsletter, actor=staff)
    response = staff_client.post(reverse("newsletters:edit", args=[newsletter.pk]), {
        "recipients_list": "organisation:", "title": "Ändrad", "body": "Ny text"})
    assert "kan inte längre ändras" in response.content.decode()
    newsletter.refresh_from_db()
    assert newsletter.title == "Månadsblad december"


# --- the archive ----------------------------------------------------------------------------------------

def test_a_sent_issue_is_public_and_the_preview_shows_the_same_article(staff_client, client_for, org, staff,
                                                                      picture):
    newsletter = letter(org, body=f"## Nytt\n\n![En röd ruta]({picture.url})")
    preview = staff_client.get(reverse("newsletters:preview", args=[newsletter.pk])).content.decode()
    assert client_for(org).get(reverse("newsletters:issue", args=[newsletter.pk])).status_code == 404
    newsletters.send_newsletter(newsletter=newsletter, actor=staff)
    public = client_for(org).get(reverse("newsletters:issue", args=[newsletter.pk])).content.decode()
    body = f'<div class="newsletter-body"><h2>Nytt</h2>\n<p><img src="{picture.url}" alt="En röd ruta" /></p>'
    assert body in preview and body in public
    archive = client_for(org).get(reverse("newsletters:archive")).content.decode()
    assert "Månadsblad december" in archive


def test_the_beat_schedule_names_tasks_celery_knows(settings):
    from config.celery import app

    app.loader.import_default_modules()
    for entry in ("send-due-newsletters", "remind-registrants"):
        assert settings.CELERY_BEAT_SCHEDULE[entry]["task"] in app.tasks


def test_the_beat_task_and_the_command_send_what_is_due(org, staff, django_capture_on_commit_callbacks):
    from django.core.management import call_command

    from radslag.messaging.newsletter_tasks import send_due_newsletters

    subscriber(org, "anna@example.se")
    first, second = letter(org, title="Ett"), letter(org, title="Två")
    Newsletter.objects.update(scheduled_for=timezone.now() - dt.timedelta(minutes=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert send_due_newsletters.delay().get() == 2
    call_command("send_due_newsletters", stdout=io.StringIO())
    assert sorted(m.subject for m in mail.outbox) == ["Ett", "Två"]
    assert Newsletter.objects.filter(pk__in=[first.pk, second.pk], sent_at__isnull=False).count() == 2


def test_a_scheduled_newsletter_that_can_no_longer_be_sent_goes_back_to_a_draft(org, staff, picture):
    newsletter = letter(org)
    newsletters.schedule_newsletter(newsletter=newsletter, actor=staff, send_at=timezone.now() + dt.timedelta(hours=1))
    Newsletter.objects.filter(pk=newsletter.pk).update(body=f"Ny bild ![]({picture.url})")
    assert newsletters.send_due(now=timezone.now() + dt.timedelta(hours=2)) == 0
    newsletter.refresh_from_db()
    assert newsletter.status == Newsletter.Status.DRAFT
    assert not Message.objects.filter(kind=Message.Kind.NEWSLETTER).exists()
