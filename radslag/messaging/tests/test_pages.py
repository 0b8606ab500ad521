"""The pages mail links to, following the municipality, and a signed-in person's own mail page."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from django.utils import timezone

from radslag.messaging import consent, tokens
from radslag.messaging.models import Recipient, Source, Subscription, Topic

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def anna(org):
    return consent.ask_to_be_told(organisation=org, email="anna@example.se", source=Source.CONTRIBUTION,
                                  source_id=1, process_id=None)


def test_opening_the_confirmation_link_only_shows_a_button(client_for, org, anna):
    response = client_for(org).get(f"/meddelanden/bekrafta/{tokens.confirm_token(anna)}/")
    assert response.status_code == 200 and b"<form" in response.content
    anna.refresh_from_db()
    assert anna.confirmed_at is None  # a mail scanner opening the link confirms nothing


def test_the_confirmation_page_of_a_follower_does_not_speak_of_their_input(client_for, org):
    """Someone who only followed the municipality left no input: the page must not say they did."""
    recipient = consent.follow(organisation=org, email="cilla@example.se", topic="organisation", topic_id=None,
                               frequency="immediate").recipient
    page = client_for(org).get(f"/meddelanden/bekrafta/{tokens.confirm_token(recipient)}/").content.decode()
    assert "cilla@example.se" in page and "bett att få höra om" in page
    assert "inspelen du lämnade" not in page


def test_pressing_the_button_confirms(client_for, org, anna):
    response = client_for(org).post(f"/meddelanden/bekrafta/{tokens.confirm_token(anna)}/")
    assert response.status_code == 200
    anna.refresh_from_db()
    assert anna.can_receive
    token = response.content.decode().split("/meddelanden/installningar/")[1].split("/")[0]
    assert tokens.recipient_from_unsubscribe_token(token) == anna  # the link to choose what to get


@pytest.mark.parametrize("path", ["bekrafta", "avsluta", "installningar"])
def test_a_tampered_link_gets_a_clear_page_with_status_400(client_for, org, anna, path):
    token = tokens.unsubscribe_token(anna) if path != "bekrafta" else tokens.confirm_token(anna)
    for bad in (token[:-3] + "xyz", "nonsense", tokens.trail_token(anna)):
        response = client_for(org).get(f"/meddelanden/{path}/{bad}/")
        assert response.status_code == 400
        assert "Länken fungerar inte" in response.content.decode()
        response = client_for(org).post(f"/meddelanden/{path}/{bad}/")
        assert response.status_code == 400
    anna.refresh_from_db()
    assert anna.confirmed_at is None and anna.unsubscribed_at is None


def test_an_expired_confirmation_link_says_so(client_for, org, anna, monkeypatch):
    token = tokens.confirm_token(anna)
    monkeypatch.setattr(tokens, "CONFIRM_MAX_AGE", -1)
    response = client_for(org).get(f"/meddelanden/bekrafta/{token}/")
    assert response.status_code == 400 and "för gammal" in response.content.decode()


def test_a_link_for_another_municipality_is_not_found_here(client_for, other_org, anna):
    assert client_for(other_org).get(f"/meddelanden/avsluta/{tokens.unsubscribe_token(anna)}/").status_code == 404


def test_the_unsubscribe_page_asks_first_and_a_post_withdraws(client_for, org, anna):
    token = tokens.unsubscribe_token(anna)
    url = f"/meddelanden/avsluta/{token}/"
    page = client_for(org).get(url)
    preferences = f"/meddelanden/installningar/{token}/"
    assert page.status_code == 200 and preferences in page.content.decode()
    anna.refresh_from_db()
    assert anna.unsubscribed_at is None
    assert client_for(org).post(url).status_code == 200
    anna.refresh_from_db()
    assert anna.unsubscribed_at is not None


def test_one_click_unsubscribe_needs_no_cookie_or_csrf_token(org, anna):
    """RFC 8058: the mail client POSTs List-Unsubscribe=One-Click to the List-Unsubscribe address."""
    client = Client(HTTP_HOST=org.hostname, enforce_csrf_checks=True)
    response = client.post(f"/meddelanden/avsluta/{tokens.unsubscribe_token(anna)}/", "List-Unsubscribe=One-Click",
                           content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    anna.refresh_from_db()
    assert anna.unsubscribed_at is not None
    assert not anna.subscriptions.filter(ended_at__isnull=True).exists()


def test_preferences_list_subscriptions_and_end_or_change_each(client_for, org, anna):
    url = f"/meddelanden/installningar/{tokens.unsubscribe_token(anna)}/"
    subscription = anna.subscriptions.get()
    page = client_for(org).get(url)
    assert page.status_code == 200 and "Allt i Ale kommun" in page.content.decode()
    client = client_for(org)
    change = {"subscription": subscription.pk, "action": "frequency", "frequency": "weekly"}
    assert client.post(url, change).status_code == 302
    subscription.refresh_from_db()
    assert subscription.frequency == "weekly"
    client.post(url, {"subscription": subscription.pk, "action": "end"})
    subscription.refresh_from_db()
    assert subscription.ended_at is not None


def test_preferences_cannot_touch_someone_elses_subscription(client_for, org, anna):
    other = consent.follow(organisation=org, email="bertil@example.se", topic=Topic.ORGANISATION)
    url = f"/meddelanden/installningar/{tokens.unsubscribe_token(anna)}/"
    page = client_for(org).post(url, {"subscription": other.pk, "action": "end"}, follow=True).content.decode()
    other.refresh_from_db()
    assert other.ended_at is None
    assert "Inget ändrades" in page and "Du får inte längre e-post om det" not in page


def test_changing_how_often_without_choosing_says_so_and_changes_nothing(client_for, org, anna):
    url = f"/meddelanden/installningar/{tokens.unsubscribe_token(anna)}/"
    subscription = anna.subscriptions.get()
    before = subscription.frequency
    page = client_for(org).post(url, {"subscription": subscription.pk, "action": "frequency", "frequency": ""},
                                follow=True).content.decode()
    subscription.refresh_from_db()
    assert subscription.frequency == before and subscription.ended_at is None
    assert "Välj hur ofta du vill få e-post" in page


def test_following_the_municipality_without_an_account_asks_for_confirmation(client_for, org):
    response = client_for(org).post("/meddelanden/folj/", {"email": "Cecilia@Example.se", "frequency": "weekly"})
    assert response.status_code == 200 and "Öppna länken" in response.content.decode()
    subscription = Subscription.objects.get()
    assert (subscription.topic, subscription.frequency, subscription.recipient.email) == (
        "organisation", "weekly", "cecilia@example.se")
    assert [m.to for m in mail.outbox] == [["cecilia@example.se"]]


@pytest.mark.parametrize(("email", "message"), [
    ("", "Skriv den e-postadress"), ("inte-en-adress", "Skriv e-postadressen i sin helhet"),
    ("borta@example.se", "har försökt med den här adressen förut"),
])
def test_following_with_a_bad_address_says_what_is_wrong(client_for, org, email, message):
    Recipient.objects.create(organisation=org, email="borta@example.se", refused_at=timezone.now())
    response = client_for(org).post("/meddelanden/folj/", {"email": email, "frequency": "immediate"})
    assert response.status_code == 200 and message in response.content.decode()
    assert not Subscription.objects.exists() and mail.outbox == []


def test_the_follow_form_does_not_call_the_address_optional(client_for, org):
    """Without an account the address is what following needs, so the label must not say "(valfritt)"."""
    page = client_for(org).get("/meddelanden/folj/").content.decode()
    form = page[page.index("<form method=\"post\" novalidate>"):]
    label = form[form.index('<label for="id_email"'):form.index("</label>", form.index('<label for="id_email"'))]
    assert "valfritt" not in label
    field = form.index('name="email"')
    assert "required" in form[field - 200:field + 200]


def test_a_signed_in_resident_follows_with_their_verified_address_at_once(client_for, org, resident):
    EmailAddress.objects.create(user=resident, email=resident.email, verified=True, primary=True)
    client = client_for(org, resident)
    assert "Följ" in client.get("/meddelanden/folj/").content.decode()
    client.post("/meddelanden/folj/", {"frequency": "immediate"})
    client.post("/meddelanden/folj/", {"frequency": "immediate"})  # a second follow is harmless
    recipient = Recipient.objects.get()
    assert recipient.user == resident and recipient.can_receive and recipient.subscriptions.count() == 1
    assert mail.outbox == []


@pytest.mark.parametrize("query", ["?amne=process&id=999", "?amne=focus_area&id=x", "?amne=nonsense",
                                   "?amne=process&id=²", "?amne=process&id=99999999999999999999"])
def test_following_something_that_is_not_there_is_not_found(client_for, org, query):
    assert client_for(org).get("/meddelanden/folj/" + query).status_code == 404


def test_my_mail_shows_and_manages_a_signed_in_persons_subscriptions(client_for, org, resident):
    EmailAddress.objects.create(user=resident, email=resident.email, verified=True, primary=True)
    subscription = consent.follow(organisation=org, email=resident.email, topic=Topic.ORGANISATION, user=resident)
    consent.follow(organisation=org, email="someone@example.se", topic=Topic.ORGANISATION)
    client = client_for(org, resident)
    page = client.get("/mina-utskick/").content.decode()
    assert resident.email in page and "someone@example.se" not in page
    stranger = Recipient.objects.get(email="someone@example.se")
    refused = client.post("/mina-utskick/", {"recipient": stranger.pk, "action": "all"}, follow=True)
    stranger.refresh_from_db()
    assert stranger.unsubscribed_at is None
    assert "Den adressen är inte en av dina här" in refused.content.decode()
    client.post("/mina-utskick/", {"recipient": subscription.recipient_id, "subscription": subscription.pk,
                                   "action": "frequency", "frequency": "weekly"})
    subscription.refresh_from_db()
    assert subscription.frequency == "weekly"
    client.post("/mina-utskick/", {"recipient": subscription.recipient_id, "action": "all"})
    subscription.recipient.refresh_from_db()
    assert subscription.recipient.unsubscribed_at is not None


def test_my_mail_needs_signing_in(client_for, org):
    assert client_for(org).get("/mina-utskick/").status_code == 302


def test_a_token_whose_recipient_was_erased_is_a_bad_link(client_for, org, anna):
    token = tokens.unsubscribe_token(anna)
    anna.delete()
    assert client_for(org).get(f"/meddelanden/avsluta/{token}/").status_code == 400


def test_my_mail_shows_an_address_left_while_signed_out_once_it_is_verified(client_for, org, resident):
    consent.follow(organisation=org, email=resident.email, topic=Topic.ORGANISATION)
    assert resident.email not in client_for(org, resident).get("/mina-utskick/").content.decode()
    EmailAddress.objects.create(user=resident, email=resident.email, verified=True, primary=True)
    assert resident.email in client_for(org, resident).get("/mina-utskick/").content.decode()


def test_the_pages_speak_english_to_an_english_reader(client_for, org, anna):
    client = client_for(org)
    client.cookies["django_language"] = "en"
    bad = client.get("/meddelanden/avsluta/tampered/")
    assert bad.status_code == 400 and "The link does not work" in bad.content.decode()
    page = client.get(f"/meddelanden/avsluta/{tokens.unsubscribe_token(anna)}/").content.decode()
    assert "Stop all mail" in page and 'lang="en"' in page


def test_an_english_reader_gets_the_confirmation_mail_in_english(org):
    consent.follow(organisation=org, email="emma@example.com", topic=Topic.ORGANISATION, language="en")
    [sent] = mail.outbox
    assert sent.subject == "Confirm your e-mail address for Ale kommun"
    assert "Confirm my address" in sent.body and "/meddelanden/bekrafta/" in sent.body
