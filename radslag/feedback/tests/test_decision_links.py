"""A decision links to the dialogues it commissions or answers, and to what it rests on.

These live in governance (the form, the pages) but the kinds are registered by the apps above it, so the
tests sit here, where every kind is installed.
"""

from __future__ import annotations

import pytest
from django.core import mail

from radslag.dialogues.models import DialogueProcess
from radslag.dialogues.tests.factories import ProcessFactory
from radslag.governance.models import Decision, DecisionLink
from radslag.governance.tests.factories import DecisionFactory
from radslag.messaging import consent
from radslag.messaging.models import Frequency, Notice, Recipient, Topic
from radslag.opinions.tests.factories import ConversationFactory
from radslag.organisations.tests.factories import BodyFactory
from radslag.themes.tests.factories import ThemeFactory
from radslag.voting.tests.factories import ballot_with_options

pytestmark = pytest.mark.django_db


def decision_form(body, **extra):
    return {"body": body.pk, "decided_on": "2027-03-01", "registration_number": "KS 2027/12", "section": "§ 30",
            "title": "Beslut om mötesplatser", "summary": "Biblioteket får längre öppettider.", "url": "", **extra}


def test_staff_link_a_decision_to_dialogues_and_its_basis(org, staff, client_for):
    outcome_of = ProcessFactory(organisation=org, title="Mötesplatser i Nödinge")
    commissioned = ProcessFactory(organisation=org, title="Nästa steg för centrum")
    theme = ThemeFactory(process=outcome_of, human_label="Längre öppettider")
    ballot = ballot_with_options(process=outcome_of)
    client = client_for(org, staff)
    form = client.get("/personal/beslut/ny/").content.decode()
    assert "Mötesplatser i Nödinge: Längre öppettider" in form

    response = client.post("/personal/beslut/ny/", decision_form(
        BodyFactory(organisation=org), outcome_of=[outcome_of.pk], commissions=[commissioned.pk],
        basis_theme=[theme.pk], basis_ballot=[ballot.pk]))

    decision = Decision.objects.get(organisation=org)
    assert response.status_code == 302
    assert {(link.kind, link.object_id, link.role) for link in decision.links.all()} == {
        ("process", outcome_of.pk, "outcome"), ("process", commissioned.pk, "commissioning"),
        ("theme", theme.pk, "basis"), ("ballot", ballot.pk, "basis")}
    # The edit form shows the links as chosen, and unticking one removes it.
    edit = client.get(f"/personal/beslut/{decision.pk}/")
    assert edit.context["form"]["outcome_of"].initial == [str(outcome_of.pk)]
    client.post(f"/personal/beslut/{decision.pk}/", decision_form(
        decision.body, outcome_of=[outcome_of.pk], basis_theme=[theme.pk]))
    assert decision.links.count() == 2


def test_a_decision_rests_on_an_opinion_result(org, staff, client_for):
    process = ProcessFactory(organisation=org, title="Mötesplatser i Nödinge")
    conversation = ConversationFactory(process=process, title="Samtal om biblioteket")
    client = client_for(org, staff)
    assert "Mötesplatser i Nödinge: Samtal om biblioteket" in client.get("/personal/beslut/ny/").content.decode()

    response = client.post("/personal/beslut/ny/", decision_form(
        BodyFactory(organisation=org), basis_opinion_result=[conversation.pk]))

    assert response.status_code == 302
    decision = Decision.objects.get(organisation=org)
    assert [(link.kind, link.object_id, link.role) for link in decision.links.all()] == [
        ("opinion_result", conversation.pk, "basis")]
    page = client_for(org).get(f"/beslut/{decision.pk}/").content.decode()
    rests_on = page[page.index("Vad beslutet bygger på"):]
    assert "Resultat från åsiktssamtal" in rests_on and "Mötesplatser i Nödinge: Samtal om biblioteket" in rests_on
    assert f'href="/samtal/{conversation.pk}/resultat/"' in rests_on
    assert client_for(org).get(f"/samtal/{conversation.pk}/resultat/").status_code == 200


def test_the_decision_page_leaves_out_an_opinion_result_of_a_dialogue_that_is_not_public(org, client_for):
    process = ProcessFactory(organisation=org, title="Hemlig plan", status=DialogueProcess.Status.DRAFT)
    conversation = ConversationFactory(process=process, title="Hemligt samtal")
    decision = DecisionFactory(organisation=org)
    DecisionLink.objects.create(decision=decision, kind="opinion_result", object_id=conversation.pk, role="basis")

    page = client_for(org).get(f"/beslut/{decision.pk}/").content.decode()

    assert "Hemligt samtal" not in page and f"/samtal/{conversation.pk}/" not in page


def test_a_dialogue_cannot_have_two_roles_in_one_decision(org, staff, client_for):
    process = ProcessFactory(organisation=org)
    response = client_for(org, staff).post("/personal/beslut/ny/", decision_form(
        BodyFactory(organisation=org), outcome_of=[process.pk], partly_answers=[process.pk]))
    assert response.status_code == 200 and "partly_answers" in response.context["form"].errors


def test_the_decision_page_shows_the_dialogue_behind_it(org, client_for):
    process = ProcessFactory(organisation=org, title="Mötesplatser i Nödinge")
    draft = ProcessFactory(organisation=org, title="Hemlig plan", status=DialogueProcess.Status.DRAFT)
    theme = ThemeFactory(process=process, human_label="Längre öppettider")
    decision = DecisionFactory(organisation=org)
    for kind, pk, role in (("process", process.pk, "outcome"), ("process", draft.pk, "partial"),
                           ("theme", theme.pk, "basis")):
        DecisionLink.objects.create(decision=decision, kind=kind, object_id=pk, role=role)
    commissioned = ProcessFactory(organisation=org, title="Uppdraget", commissioning_decision=decision)

    page = client_for(org).get(f"/beslut/{decision.pk}/").content.decode()

    behind = page[page.index("Dialogen bakom beslutet"):]
    assert "Resultat av dialogen" in behind and f'href="/dialoger/{process.slug}/"' in behind
    assert "Ger uppdrag till dialogen" in behind and "Uppdraget" in behind  # the process's own field
    assert "Vad beslutet bygger på" in behind and "Längre öppettider" in behind
    assert f"/dialoger/{process.slug}/vad-hande/#theme-{theme.pk}" in behind
    assert "Hemlig plan" not in page and commissioned.pk


def test_the_process_page_shows_its_commissioning_and_outcome_decisions(org, client_for):
    commissioning = DecisionFactory(organisation=org, title="Uppdrag om mötesplatser")
    process = ProcessFactory(organisation=org, commissioning_decision=commissioning,
                             status=DialogueProcess.Status.CLOSED)
    outcome = DecisionFactory(organisation=org, title="Längre öppettider på biblioteket")
    partial = DecisionFactory(organisation=org, title="Ny belysning på torget")
    DecisionLink.objects.create(decision=outcome, kind="process", object_id=process.pk, role="outcome")
    DecisionLink.objects.create(decision=partial, kind="process", object_id=process.pk, role="partial")

    page = client_for(org).get(f"/dialoger/{process.slug}/").content.decode()

    assert "Uppdrag om mötesplatser" in page and f"/beslut/{commissioning.pk}/" in page
    came_out = page[page.index("Vad dialogen ledde till"):page.index("Vad kan du påverka")]
    assert "Längre öppettider på biblioteket" in came_out
    assert "Ny belysning på torget" in came_out and "besvarar dialogen delvis" in came_out
    assert "Vad händer nu?" not in page and "Ingen fas pågår just nu" not in page


def test_linking_a_decision_as_outcome_tells_followers_once(org, staff, django_capture_on_commit_callbacks):
    from radslag.governance.services import set_links

    process = ProcessFactory(organisation=org, title="Mötesplatser i Nödinge")
    consent.follow(organisation=org, email="anna@example.se", topic=Topic.PROCESS, topic_id=process.pk,
                   frequency=Frequency.IMMEDIATE)
    Recipient.objects.update(confirmed_at="2027-01-01T00:00Z")
    decision = DecisionFactory(organisation=org, title="Längre öppettider")
    links = [("process", process.pk, DecisionLink.Role.OUTCOME)]

    with django_capture_on_commit_callbacks(execute=True):
        set_links(organisation=org, actor=staff, decision=decision, links_to=links)
        set_links(organisation=org, actor=staff, decision=decision, links_to=links)  # saved again
        set_links(organisation=org, actor=staff, decision=decision,
                  links_to=[*links, ("theme", ThemeFactory(process=process).pk, DecisionLink.Role.BASIS)])

    assert len(mail.outbox) == 1
    assert "Mötesplatser i Nödinge" in mail.outbox[0].subject and "Längre öppettider" in mail.outbox[0].subject
    assert f"/beslut/{decision.pk}/" in mail.outbox[0].body


def test_a_decision_linked_to_a_draft_tells_nobody(org, staff, django_capture_on_commit_callbacks):
    from radslag.governance.services import set_links

    draft = ProcessFactory(organisation=org, status=DialogueProcess.Status.DRAFT)
    consent.follow(organisation=org, email="anna@example.se", topic=Topic.ORGANISATION, topic_id=None,
                   frequency=Frequency.IMMEDIATE)
    Recipient.objects.update(confirmed_at="2027-01-01T00:00Z")
    with django_capture_on_commit_callbacks(execute=True):
        set_links(organisation=org, actor=staff, decision=DecisionFactory(organisation=org),
                  links_to=[("process", draft.pk, DecisionLink.Role.OUTCOME)])
    assert mail.outbox == []


def test_the_english_notice_of_an_outcome_names_the_dialogue_by_its_english_title(org, staff,
                                                                                  django_capture_on_commit_callbacks):
    from radslag.governance.services import set_links

    process = ProcessFactory(organisation=org, title="Mötesplatser i Nödinge", title_en="Meeting places in Nödinge")
    decision = DecisionFactory(organisation=org, title="Längre öppettider")
    with django_capture_on_commit_callbacks(execute=True):
        set_links(organisation=org, actor=staff, decision=decision,
                  links_to=[("process", process.pk, DecisionLink.Role.OUTCOME)])

    notice = Notice.objects.get(key=f"decision:{decision.pk}:outcome:{process.pk}")
    assert "Mötesplatser i Nödinge" in notice.title and "Meeting places in Nödinge" in notice.title_en


def test_in_english_the_decision_page_marks_the_swedish_texts_and_shows_english_dialogue_titles(org, client_for):
    decision = DecisionFactory(organisation=org, title="Längre öppettider på biblioteket",
                               summary="Biblioteket har öppet till kl. 20.", body=BodyFactory(
                                   organisation=org, name="Kultur- och fritidsnämnden"))
    english = ProcessFactory(organisation=org, title="Mötesplatser i Nödinge", title_en="Meeting places in Nödinge")
    swedish = ProcessFactory(organisation=org, title="Skolvägar i Nol")
    for process in (english, swedish):
        DecisionLink.objects.create(decision=decision, kind="process", object_id=process.pk, role="outcome")
    client = client_for(org)
    client.cookies["django_language"] = "en"

    page = client.get(f"/beslut/{decision.pk}/").content.decode()
    assert '<h1 lang="sv">Längre öppettider på biblioteket</h1>' in page
    assert '<span lang="sv">Kultur- och fritidsnämnden</span>' in page
    assert '<div lang="sv"><p>Biblioteket har öppet till kl. 20.</p></div>' in page
    assert f'<a href="/dialoger/{english.slug}/">Meeting places in Nödinge</a>' in page
    assert f'<a href="/dialoger/{swedish.slug}/" lang="sv">Skolvägar i Nol</a>' in page
    listed = client.get("/beslut/").content.decode()
    assert '<span lang="sv">Längre öppettider på biblioteket</span>' in listed

    client.cookies["django_language"] = "sv"
    page = client.get(f"/beslut/{decision.pk}/").content.decode()
    main = page[page.index("<main"):page.index("</main>")]
    assert "<h1>Längre öppettider på biblioteket</h1>" in main and 'lang="sv"' not in main
