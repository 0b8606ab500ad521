"""The pages: answering without JavaScript, refusals, results, staff permissions and other municipalities."""

import pytest

from radslag.audit.models import AuditEvent
from radslag.dialogues.models import DialogueProcess
from radslag.dialogues.tests.factories import ProcessFactory
from radslag.opinions.models import Conversation, Participant, Statement, StatementVote
from radslag.opinions.recompute import compute_snapshot
from radslag.opinions.tests.factories import ConversationFactory, StatementFactory
from radslag.opinions.tests.two_camps import two_camps

pytestmark = pytest.mark.django_db


@pytest.fixture
def conversation(org):
    return ConversationFactory(process=ProcessFactory(organisation=org), title="Torget i Nödinge")


def test_the_page_shows_one_statement_with_three_buttons(client_for, org, conversation):
    StatementFactory(conversation=conversation, text="Torget behöver fler träd.")
    response = client_for(org).get(f"/samtal/{conversation.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Torget behöver fler träd." in html
    for label in ("Håller med", "Håller inte med", "Pass / vet inte"):
        assert label in html
    assert "0 av 1 påståenden besvarade" in html


def test_answering_anonymously_gives_a_code_and_moves_on(client_for, org, conversation):
    first = StatementFactory(conversation=conversation, text="Första påståendet")
    StatementFactory(conversation=conversation, text="Andra påståendet")
    client = client_for(org)
    response = client.post(f"/samtal/{conversation.pk}/svara/", {"statement": first.pk, "value": "agree"})
    assert response.status_code == 302
    page = client.get(f"/samtal/{conversation.pk}/").content.decode()
    assert "1 av 2 påståenden besvarade" in page
    assert "Din deltagarkod" in page
    assert StatementVote.objects.get().value == 1


def test_the_code_continues_on_another_device(client_for, org, conversation):
    statement = StatementFactory(conversation=conversation)
    first_device = client_for(org)
    first_device.post(f"/samtal/{conversation.pk}/svara/", {"statement": statement.pk, "value": "pass"})
    code = first_device.session[f"opinions-code-{conversation.pk}"]
    second_device = client_for(org)
    response = second_device.post(f"/samtal/{conversation.pk}/kod/", {"code": code}, follow=True)
    assert "Välkommen tillbaka" in response.content.decode()
    assert "1 av 1 påståenden besvarade" in response.content.decode()
    wrong = client_for(org).post(f"/samtal/{conversation.pk}/kod/", {"code": "AAAAA-BBBBB"})
    assert wrong.status_code == 400
    assert "känner inte igen" in wrong.content.decode()


@pytest.mark.parametrize(("data", "message"), [
    ({"statement": "999999", "value": "agree"}, "finns inte i det här samtalet"),
    ({"statement": "x", "value": "agree"}, "finns inte i det här samtalet"),
    ({"value": "agree"}, "finns inte i det här samtalet"),
    ({"statement": "99999999999999999999", "value": "agree"}, "finns inte i det här samtalet"),  # beyond any key
    ({"statement": "²", "value": "agree"}, "finns inte i det här samtalet"),
])
def test_unknown_statements_are_refused_and_nothing_is_written(client_for, org, conversation, data, message):
    StatementFactory(conversation=conversation)
    response = client_for(org).post(f"/samtal/{conversation.pk}/svara/", data)
    assert response.status_code == 400
    assert "Ditt svar sparades inte" in response.content.decode()
    assert message in response.content.decode()
    assert not Participant.objects.exists()


def test_malformed_value_and_pending_statement_are_refused(client_for, org, conversation):
    accepted = StatementFactory(conversation=conversation)
    pending = StatementFactory(conversation=conversation, status=Statement.Status.PENDING)
    client = client_for(org)
    assert client.post(f"/samtal/{conversation.pk}/svara/", {"statement": accepted.pk, "value": "7"}).status_code == 400
    refused = client.post(f"/samtal/{conversation.pk}/svara/", {"statement": pending.pk, "value": "agree"})
    assert "inte öppet för svar" in refused.content.decode()
    assert not StatementVote.objects.exists()


def test_a_closed_conversation_says_so_and_refuses_answers(client_for, org, conversation):
    statement = StatementFactory(conversation=conversation)
    conversation.status = Conversation.Status.CLOSED
    conversation.save()
    client = client_for(org)
    assert "Samtalet är stängt" in client.get(f"/samtal/{conversation.pk}/").content.decode()
    response = client.post(f"/samtal/{conversation.pk}/svara/", {"statement": statement.pk, "value": "agree"})
    assert response.status_code == 403
    assert not StatementVote.objects.exists()


def test_signed_in_only_sends_anonymous_visitors_to_sign_in(client_for, org, conversation, resident):
    conversation.access = Conversation.Access.SIGNED_IN
    conversation.save()
    statement = StatementFactory(conversation=conversation)
    response = client_for(org).post(f"/samtal/{conversation.pk}/svara/", {"statement": statement.pk, "value": "agree"})
    assert response.status_code == 302 and "/konto/login/" in response["Location"]
    client_for(org, resident).post(f"/samtal/{conversation.pk}/svara/", {"statement": statement.pk, "value": "agree"})
    assert StatementVote.objects.get().participant.user == resident


def test_adding_a_statement_waits_for_moderation(client_for, org, conversation):
    client = client_for(org)
    response = client.post(f"/samtal/{conversation.pk}/pastaende/", {"text": "Fler bänkar i skuggan"}, follow=True)
    html = response.content.decode()
    assert "visas för andra när en moderator" in html
    assert "Dina påståenden som väntar på granskning" in html
    assert Statement.objects.get().status == Statement.Status.PENDING
    others = client_for(org).get(f"/samtal/{conversation.pk}/").content.decode()
    assert "Fler bänkar i skuggan" not in others
    too_long = client.post(f"/samtal/{conversation.pk}/pastaende/", {"text": "x" * 300})
    assert too_long.status_code == 400
    assert "högst 280 tecken" in too_long.content.decode()


def test_results_show_the_map_table_and_where_you_stand(client_for, org, conversation, resident):
    camps = two_camps(conversation)
    me = camps["A"][0]
    me.user = resident
    me.save()
    compute_snapshot(conversation)
    html = client_for(org, resident).get(f"/samtal/{conversation.pk}/resultat/").content.decode()
    assert 'role="img"' in html and "<title id=\"map-title\">" in html
    assert "Åsiktsgrupper (kartan som tabell)" in html
    assert '<th scope="row">Grupp A</th>' in html and '<th scope="row">Grupp B</th>' in html
    assert "50 %" in html
    assert "Du är i <strong>Grupp" in html
    assert 'class="you"' in html
    assert "Där grupperna är överens" in html


def test_groups_smaller_than_five_are_folded_into_others(client_for, org, conversation):
    two_camps(conversation, per_camp=4)
    compute_snapshot(conversation)
    html = client_for(org).get(f"/samtal/{conversation.pk}/resultat/").content.decode()
    assert "Grupp A" not in html
    assert "Övriga (små grupper)" in html


def test_conversations_of_another_municipality_are_404(client_for, other_org, conversation, staff):
    assert client_for(other_org).get(f"/samtal/{conversation.pk}/").status_code == 404
    assert client_for(other_org).get(f"/samtal/{conversation.pk}/resultat/").status_code == 404
    assert client_for(other_org).post(f"/samtal/{conversation.pk}/svara/", {}).status_code == 404
    url = f"/personal/processer/{conversation.process.pk}/samtal/{conversation.pk}/"
    assert client_for(conversation.organisation, staff).get(url).status_code == 200


def test_conversations_in_a_draft_process_are_hidden_from_the_public(client_for, org, conversation):
    DialogueProcess.objects.filter(pk=conversation.process.pk).update(status=DialogueProcess.Status.DRAFT)
    assert client_for(org).get(f"/samtal/{conversation.pk}/").status_code == 404


def test_staff_pages_need_staff(client_for, org, conversation, resident, staff):
    url = f"/personal/processer/{conversation.process.pk}/samtal/"
    assert client_for(org).get(url).status_code == 302
    assert client_for(org, resident).get(url).status_code == 403
    assert client_for(org, staff).get(url).status_code == 200


def test_staff_create_a_conversation_and_add_seeds(client_for, org, staff):
    process = ProcessFactory(organisation=org)
    client = client_for(org, staff)
    response = client.post(f"/personal/processer/{process.pk}/samtal/", {
        "title": "Biblioteket", "question": "Vad ska biblioteket erbjuda?", "status": "open",
        "access": "anonymous", "allow_statements": "on", "min_votes": 5,
    })
    conversation = Conversation.objects.get()
    assert response.status_code == 302
    url = f"/personal/processer/{process.pk}/samtal/{conversation.pk}/"
    client.post(url, {"action": "seed", "text": "Biblioteket ska ha läxhjälp."})
    assert conversation.statements.get().status == Statement.Status.ACCEPTED
    assert AuditEvent.objects.filter(action="opinions.seed_added").exists()
    empty = client.post(url, {"action": "seed", "text": ""})
    assert empty.status_code == 400 and "Skriv påståendet" in empty.content.decode()


def test_moderators_accept_and_reject_with_reason(client_for, org, conversation, moderator):
    first = StatementFactory(conversation=conversation, status=Statement.Status.PENDING, is_seed=False)
    second = StatementFactory(conversation=conversation, status=Statement.Status.PENDING, is_seed=False)
    base = f"/personal/processer/{conversation.process.pk}/samtal/{conversation.pk}"
    client = client_for(org, moderator)
    assert first.text in client.get(f"{base}/moderering/").content.decode()
    client.post(f"{base}/pastaenden/{first.pk}/", {"action": "accept"})
    no_reason = client.post(f"{base}/pastaenden/{second.pk}/", {"action": "reject", "reason": ""})
    assert no_reason.status_code == 400 and "Skriv varför" in no_reason.content.decode()
    client.post(f"{base}/pastaenden/{second.pk}/", {"action": "reject", "reason": "Personangrepp"})
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status, second.rejection_reason) == ("accepted", "rejected", "Personangrepp")
    assert AuditEvent.objects.filter(action="opinions.statement_rejected", reason="Personangrepp").exists()


def test_staff_recompute_import_and_export(client_for, org, conversation, staff):
    two_camps(conversation)
    base = f"/personal/processer/{conversation.process.pk}/samtal"
    client = client_for(org, staff)
    response = client.post(f"{base}/{conversation.pk}/berakna/", follow=True)
    assert "2 grupper" in response.content.decode()
    exported = client.get(f"{base}/{conversation.pk}/exportera/")
    assert exported["Content-Type"] == "application/zip"
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("export.zip", exported.content, content_type="application/zip")
    imported = client.post(f"{base}/importera/", {"title": "Kopia", "question": "Samma fråga", "archive": upload})
    assert imported.status_code == 302
    copy = Conversation.objects.get(title="Kopia")
    assert StatementVote.objects.filter(statement__conversation=copy).count() == 24 * 8
    results = client_for(org).get(f"/samtal/{copy.pk}/resultat/").content.decode()
    assert "Samtalet är importerat från Pol.is: grupperna utgår från dem det hade där" in results
    assert "Samtalet är importerat" not in client_for(org).get(f"/samtal/{conversation.pk}/resultat/").content.decode()
    bad = SimpleUploadedFile("votes.csv", b"a,b\n1,2\n")
    refused = client.post(f"{base}/importera/", {"title": "Fel", "question": "q", "comments": bad,
                                                 "votes": SimpleUploadedFile("v.csv", b"x\n")})
    assert refused.status_code == 400 and "saknas" in refused.content.decode()
    assert not Conversation.objects.filter(title="Fel").exists()


def test_compute_now_with_nothing_new_keeps_the_groups_and_counts_no_recompute(client_for, org, conversation, staff):
    two_camps(conversation)
    url = f"/personal/processer/{conversation.process.pk}/samtal/{conversation.pk}/berakna/"
    client = client_for(org, staff)
    assert "2 grupper" in client.post(url, follow=True).content.decode()
    first = conversation.snapshots.get()
    again = client.post(url, follow=True).content.decode()
    assert "Inget har besvarats eller modererats sedan förra beräkningen" in again
    assert conversation.snapshots.get() == first  # no new snapshot, so no step towards another number of groups
    assert AuditEvent.objects.filter(action="opinions.recomputed").count() == 1
    Conversation.objects.filter(pk=conversation.pk).update(min_votes=5)  # the rule changed: compute again
    client.post(url)
    assert conversation.snapshots.count() == 2


def test_a_participant_may_give_an_age_band_and_locality(client_for, org, conversation):
    from radslag.organisations.tests.factories import LocalityFactory

    nol, elsewhere = LocalityFactory(organisation=org, name="Nol"), LocalityFactory(name="Annanstans")
    statement = StatementFactory(conversation=conversation)
    client = client_for(org)
    answered = client.post(f"/samtal/{conversation.pk}/svara/", {"statement": statement.pk, "value": "agree"})
    assert answered.status_code == 302, answered.content.decode()[-3000:]
    assert "Om dig (frivilligt)" in client.get(f"/samtal/{conversation.pk}/").content.decode()
    refused = client.post(f"/samtal/{conversation.pk}/om-dig/", {"age_band": "30-44", "locality": elsewhere.pk})
    assert refused.status_code == 400
    client.post(f"/samtal/{conversation.pk}/om-dig/", {"age_band": "30-44", "locality": nol.pk})
    participant = Participant.objects.get()
    assert (participant.age_band, participant.locality) == ("30-44", nol)
