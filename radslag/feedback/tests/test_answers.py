"""Staff write answers per theme and publish them; those who follow the dialogue hear once per publication."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from radslag.audit.models import ErasureRequest
from radslag.core.errors import DomainError
from radslag.dialogues.models import DialogueProcess
from radslag.dialogues.tests.factories import ProcessFactory
from radslag.feedback.models import Answer, AnswerStatus, Release
from radslag.feedback.services import publish_answers, save_answer
from radslag.feedback.tests.factories import AnswerFactory
from radslag.governance.tests.factories import DecisionFactory, FocusAreaFactory
from radslag.messaging import consent
from radslag.messaging.models import Frequency, Notice, Recipient, Source, Topic
from radslag.themes.models import Theme
from radslag.themes.tests.factories import ThemeFactory

pytestmark = pytest.mark.django_db



def test_the_answer_statuses_read_as_one_swedish_vocabulary():
    """The words staff and residents see for an answer, wherever it is shown (themes, proposals, overview)."""
    with translation.override("sv"):
        assert [str(label) for label in AnswerStatus.labels] == [
            "Ingår i beslut", "Utreds", "Genomförs", "Genomfört", "Avslås med motivering"]
        # The same English word for an erasure request keeps its own Swedish ("begäran" is common gender).
        assert str(ErasureRequest.Status.COMPLETED.label) == "Genomförd"

def confirmed(org, email: str) -> Recipient:
    recipient = consent.recipient_for(organisation=org, email=email)
    Recipient.objects.filter(pk=recipient.pk).update(confirmed_at=timezone.now())
    return recipient


def follower(org, email: str, topic: str, topic_id: int | None) -> None:
    consent.follow(organisation=org, email=email, topic=topic, topic_id=topic_id, frequency=Frequency.IMMEDIATE)
    confirmed(org, email)


def test_publishing_several_answers_at_once_is_one_mail_per_person(
    org, staff, django_capture_on_commit_callbacks
):
    area = FocusAreaFactory(plan__organisation=org)
    process = ProcessFactory(organisation=org, title="Mötesplatser i Nödinge")
    process.focus_areas.set([area])
    # Anna left three contributions and asked to be told; Bo follows the focus area; Cecilia another process.
    for n in range(3):
        consent.ask_to_be_told(organisation=org, email="anna@example.se", source=Source.CONTRIBUTION,
                               source_id=100 + n, process_id=process.pk)
    confirmed(org, "anna@example.se")
    follower(org, "bo@example.se", Topic.FOCUS_AREA, area.pk)
    follower(org, "cecilia@example.se", Topic.PROCESS, process.pk + 1000)
    themes = ThemeFactory.create_batch(3, process=process)
    for theme in themes:
        save_answer(process=process, theme=theme, actor=staff,
                    fields={"status": AnswerStatus.IN_DECISION, "text": "Ingår i beslutet om centrum."})

    with django_capture_on_commit_callbacks(execute=True):
        release = publish_answers(process=process, actor=staff)

    assert sorted(m.to[0] for m in mail.outbox) == ["anna@example.se", "bo@example.se"]
    assert all("Mötesplatser i Nödinge" in m.subject for m in mail.outbox)
    assert f"/dialoger/{process.slug}/vad-hande/" in mail.outbox[0].body
    assert release.answers.count() == 3
    assert Notice.objects.filter(organisation=org, key=f"answers:{process.pk}:{release.pk}").count() == 1


def test_a_changed_answer_is_announced_with_the_next_publication_only(org, staff, django_capture_on_commit_callbacks):
    process = ProcessFactory(organisation=org)
    follower(org, "anna@example.se", Topic.PROCESS, process.pk)
    theme = ThemeFactory(process=process)
    fields = {"status": AnswerStatus.INVESTIGATING, "text": "Utreds."}
    save_answer(process=process, theme=theme, actor=staff, fields=fields)
    with django_capture_on_commit_callbacks(execute=True):
        publish_answers(process=process, actor=staff)
    with pytest.raises(DomainError):  # nothing new: no empty mail
        publish_answers(process=process, actor=staff)

    answer = save_answer(process=process, theme=theme, actor=staff,
                         fields={**fields, "status": AnswerStatus.IN_PROGRESS, "progress": 40})
    assert answer.changed_at is not None and answer.published_at is not None
    with django_capture_on_commit_callbacks(execute=True):
        publish_answers(process=process, actor=staff)

    assert len(mail.outbox) == 2 and Release.objects.filter(process=process).count() == 2
    assert Answer.objects.get().changed_at is None


def test_a_rejection_needs_reasons_everywhere(org, staff):
    process = ProcessFactory(organisation=org)
    theme = ThemeFactory(process=process)
    with pytest.raises(DomainError):
        save_answer(process=process, theme=theme, actor=staff,
                    fields={"status": AnswerStatus.REJECTED, "text": "Nej.", "motivation": "  "})
    with pytest.raises(IntegrityError), transaction.atomic():
        AnswerFactory(theme=theme, status=AnswerStatus.REJECTED, motivation="")
    answer = save_answer(process=process, theme=theme, actor=staff, fields={
        "status": AnswerStatus.REJECTED, "text": "Nej.", "motivation": "Marken är redan såld."})
    assert answer.get_status_display() == "Avslås med motivering"  # Swedish by default


def test_answers_cannot_be_published_for_a_draft_or_to_another_process(org, staff):
    draft = ProcessFactory(organisation=org, status=DialogueProcess.Status.DRAFT)
    theme = ThemeFactory(process=draft)
    save_answer(process=draft, theme=theme, actor=staff, fields={"status": AnswerStatus.DONE, "text": "Klart."})
    with pytest.raises(DomainError):
        publish_answers(process=draft, actor=staff)
    with pytest.raises(DomainError):
        save_answer(process=ProcessFactory(organisation=org), theme=theme, actor=staff,
                    fields={"status": AnswerStatus.DONE, "text": "Klart."})


def test_staff_write_an_answer_linked_to_a_decision_and_publish_it(org, staff, client_for):
    process = ProcessFactory(organisation=org)
    theme = ThemeFactory(process=process, human_label="Belysning i parken")
    decision = DecisionFactory(organisation=org, title="Upprustning av Ale torg")
    client = client_for(org, staff)
    url = f"/personal/processer/{process.pk}/svar/tema/{theme.pk}/"

    refused = client.post(url, {"status": AnswerStatus.REJECTED, "text": "Nej."})
    assert refused.status_code == 200 and "motivation" in refused.context["form"].errors

    saved = client.post(url, {"status": AnswerStatus.IN_PROGRESS, "text": "Lamporna byts ut.", "progress": "40",
                              "progress_note": "Två av fem stigar", "decisions": [decision.pk]})
    assert saved.status_code == 302
    answer = Answer.objects.get(theme=theme)
    assert answer.published_at is None and list(answer.decisions.all()) == [decision]
    public = client_for(org).get(f"/dialoger/{process.slug}/vad-hande/").content.decode()
    assert "Lamporna byts ut." not in public  # a draft is not public

    listing = client.get(f"/personal/processer/{process.pk}/svar/").content.decode()
    assert "Publicera 1 nytt eller ändrat svar" in listing
    assert client.post(f"/personal/processer/{process.pk}/svar/publicera/").status_code == 302
    public = client_for(org).get(f"/dialoger/{process.slug}/vad-hande/").content.decode()
    assert "Lamporna byts ut." in public and "Genomförs" in public and "40 %" in public
    assert "Upprustning av Ale torg" in public


def test_progress_is_a_percentage(org, staff, client_for):
    theme = ThemeFactory(process=ProcessFactory(organisation=org))
    response = client_for(org, staff).post(
        f"/personal/processer/{theme.process.pk}/svar/tema/{theme.pk}/",
        {"status": AnswerStatus.IN_PROGRESS, "text": "Pågår.", "progress": "140"})
    assert response.status_code == 200 and "progress" in response.context["form"].errors


def test_an_official_reads_the_answers_but_cannot_write_them(org, client_for):
    from radslag.accounts.models import Role
    from radslag.accounts.tests.factories import user_with_role

    official = user_with_role(org, Role.OFFICIAL)
    theme = ThemeFactory(process=ProcessFactory(organisation=org), status=Theme.Status.ACTIVE)
    client = client_for(org, official)
    page = client.get(f"/personal/processer/{theme.process.pk}/svar/")
    assert page.status_code == 200 and f"/svar/tema/{theme.pk}/" not in page.content.decode()
    assert client.get(f"/personal/processer/{theme.process.pk}/svar/tema/{theme.pk}/").status_code == 403


def test_publishing_one_answer_says_so_in_the_singular(org, staff, client_for):
    process = ProcessFactory(organisation=org)
    AnswerFactory(theme=ThemeFactory(process=process))
    client = client_for(org, staff)
    page = client.post(f"/personal/processer/{process.pk}/svar/publicera/", follow=True).content.decode()
    assert "1 svar är publicerat." in page
