"""Consultations from sending to publication: who may do what, late answers, and the input they become."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from radslag.accounts.models import Role
from radslag.accounts.tests.factories import user_with_role
from radslag.contributions.models import Channel, Contribution
from radslag.core.errors import DomainError, PermissionDeniedError
from radslag.councils import services
from radslag.councils.files import check_upload
from radslag.councils.models import Consultee, CouncilMember
from radslag.councils.overview import (
    consultations_for_process,
    published_answers_for_process,
    statuses_by_process,
)
from radslag.councils.tests.factories import make_consultation, make_council, pdf_upload
from radslag.dialogues.tests.factories import ProcessFactory

STOCKHOLM = ZoneInfo("Europe/Stockholm")


@pytest.fixture
def process(org):
    return ProcessFactory(organisation=org, title="Mötesplatser i Nödinge")


@pytest.fixture
def secretary(org):
    return user_with_role(org, Role.RESIDENT, email="sekreterare@example.se")


@pytest.fixture
def council(org, secretary):
    return make_council(org, secretary=secretary)


@pytest.mark.django_db
def test_sending_mails_the_secretaries_and_the_consultees(org, staff, process, council, smtp_server,
                                                            django_capture_on_commit_callbacks):
    """The question goes out once, to the councils' secretaries and the consultees, through the outbox."""
    consultee = Consultee.objects.create(organisation=org, name="Ale hembygdsförening", email="hembygd@example.se")
    consultation = make_consultation(process, [council], sent=False, consultees=[consultee])
    with django_capture_on_commit_callbacks(execute=True):
        services.send_consultation(consultation=consultation, actor=staff, answer_url="https://ale.example.se/r/1")
    consultation.refresh_from_db()
    assert consultation.is_sent
    received = sorted(address for message in smtp_server.messages for address in message["to"])
    assert received == ["hembygd@example.se", "sekreterare@example.se"]
    assert "https://ale.example.se/r/1" in smtp_server.messages[0]["body"]
    assert "Nya mötesplatser" in smtp_server.messages[0]["subject"]
    with pytest.raises(DomainError, match="redan skickad"):
        services.send_consultation(consultation=consultation, actor=staff, answer_url="x")


@pytest.mark.django_db
def test_a_consultation_to_nobody_cannot_be_sent(staff, process):
    consultation = make_consultation(process, [], sent=False)
    with pytest.raises(DomainError, match="minst ett råd"):
        services.send_consultation(consultation=consultation, actor=staff, answer_url="x")


@pytest.mark.django_db
def test_only_staff_send_consultations(process, council, secretary):
    consultation = make_consultation(process, [council], sent=False)
    with pytest.raises(PermissionDeniedError):
        services.send_consultation(consultation=consultation, actor=secretary, answer_url="x")


@pytest.mark.django_db
def test_the_secretary_answers_with_an_attachment(process, council, secretary):
    consultation = make_consultation(process, [council])
    answer = services.submit_answer(consultation=consultation, actor=secretary, council=council,
                                    text="Rådet tillstyrker förslaget.", attachments=[check_upload(pdf_upload())])
    assert (answer.late, answer.is_published, answer.submitted_by) == (False, False, secretary)
    assert [a.name for a in answer.attachments.all()] == ["svar.pdf"]


@pytest.mark.django_db
def test_a_secretary_cannot_answer_for_another_council(org, process, council):
    other_secretary = user_with_role(org, Role.RESIDENT)
    other = make_council(org, name="Ungdomsrådet", slug="ungdomsradet", secretary=other_secretary)
    consultation = make_consultation(process, [council, other])
    with pytest.raises(PermissionDeniedError):
        services.submit_answer(consultation=consultation, actor=other_secretary, council=council, text="Ja")
    services.submit_answer(consultation=consultation, actor=other_secretary, council=other, text="Ja")


@pytest.mark.django_db
def test_a_resident_cannot_answer(resident, process, council):
    consultation = make_consultation(process, [council])
    with pytest.raises(PermissionDeniedError):
        services.submit_answer(consultation=consultation, actor=resident, council=council, text="Ja")


@pytest.mark.django_db
def test_a_council_answers_once(process, council, secretary):
    consultation = make_consultation(process, [council])
    services.submit_answer(consultation=consultation, actor=secretary, council=council, text="Ja")
    with pytest.raises(DomainError, match="redan inskickat"):
        services.submit_answer(consultation=consultation, actor=secretary, council=council, text="Nej")


@pytest.mark.django_db
def test_an_unsent_consultation_takes_no_answers(process, council, secretary):
    consultation = make_consultation(process, [council], sent=False)
    with pytest.raises(DomainError):
        services.submit_answer(consultation=consultation, actor=secretary, council=council, text="Ja")


@pytest.mark.django_db
def test_after_midnight_in_stockholm_on_the_reply_by_date_the_answer_is_late(process, council, secretary):
    """The reply-by date is a Swedish day: 00:30 in Stockholm is still 23:30 UTC the day before."""
    consultation = make_consultation(process, [council])
    reply_by = consultation.reply_by
    last_minute = dt.datetime.combine(reply_by, dt.time(23, 59), tzinfo=STOCKHOLM)
    just_after = dt.datetime.combine(reply_by + dt.timedelta(days=1), dt.time(0, 30), tzinfo=STOCKHOLM)
    assert just_after.astimezone(dt.UTC).date() == reply_by  # UTC would wrongly call it on time
    assert not consultation.is_late_at(last_minute)
    answer = services.submit_answer(consultation=consultation, actor=secretary, council=council, text="Ja",
                                    now=just_after)
    assert answer.late


@pytest.mark.django_db
def test_staff_enter_a_consultees_answer_but_a_secretary_cannot(org, staff, process, council, secretary):
    consultee = Consultee.objects.create(organisation=org, name="Ale hembygdsförening")
    consultation = make_consultation(process, [council], consultees=[consultee])
    with pytest.raises(PermissionDeniedError):
        services.submit_answer(consultation=consultation, actor=secretary, consultee=consultee, text="Ja")
    answer = services.submit_answer(consultation=consultation, actor=staff, consultee=consultee, text="Ja")
    assert answer.responder == consultee


@pytest.mark.django_db
def test_publishing_makes_the_answer_input_of_the_process_on_the_council_channel(staff, process, council,
                                                                                   secretary):
    consultation = make_consultation(process, [council])
    answer = services.submit_answer(consultation=consultation, actor=secretary, council=council,
                                    text="Rådet vill ha fler bänkar.")
    assert list(published_answers_for_process(process)) == []
    services.publish_answer(answer=answer, actor=staff)
    contribution = Contribution.objects.get(process=process)
    assert (contribution.channel, contribution.status, contribution.body) == (
        Channel.COUNCIL, Contribution.Status.PUBLISHED, "Rådet vill ha fler bänkar.")
    assert contribution.given_at == answer.submitted_at
    assert list(published_answers_for_process(process)) == [answer]
    with pytest.raises(DomainError, match="redan publicerat"):
        services.publish_answer(answer=answer, actor=staff)
    assert Contribution.objects.filter(process=process).count() == 1


@pytest.mark.django_db
def test_only_staff_publish_answers(process, council, secretary):
    consultation = make_consultation(process, [council])
    answer = services.submit_answer(consultation=consultation, actor=secretary, council=council, text="Ja")
    with pytest.raises(PermissionDeniedError):
        services.publish_answer(answer=answer, actor=secretary)
    assert not Contribution.objects.exists()


@pytest.mark.django_db
def test_staff_see_who_is_overdue_and_who_answered_late(org, process, council, secretary):
    youth = make_council(org, name="Ungdomsrådet", slug="ungdomsradet")
    overdue = make_consultation(process, [council, youth], reply_in_days=-3)
    services.submit_answer(consultation=overdue, actor=secretary, council=council, text="Sent svar")
    on_time = make_consultation(process, [council], reply_in_days=5)
    [group] = statuses_by_process(org, timezone.localdate())
    by_pk = {status.consultation.pk: status for status in group.statuses}
    assert (by_pk[overdue.pk].overdue, by_pk[overdue.pk].late, by_pk[overdue.pk].unanswered) == (
        True, 1, ("Ungdomsrådet",))
    assert (by_pk[on_time.pk].overdue, by_pk[on_time.pk].answered) == (False, 0)
    assert (group.overdue, group.late, group.answered, group.asked) == (1, 1, 1, 3)


@pytest.mark.django_db
def test_the_decision_basis_lists_sent_consultations_with_their_answers(process, council, secretary):
    sent = make_consultation(process, [council])
    make_consultation(process, [council], sent=False)
    services.submit_answer(consultation=sent, actor=secretary, council=council, text="Ja")
    [listed] = consultations_for_process(process)
    assert listed == sent and [a.text for a in listed.answers.all()] == ["Ja"]


@pytest.mark.django_db
def test_councils_and_consultees_of_another_municipality_cannot_be_asked(staff, process, other_org):
    foreign = make_council(other_org)
    with pytest.raises(DomainError, match="kommunens egna"):
        services.save_consultation(process=process, actor=staff, councils=[foreign], consultees=[],
                                   fields={"title": "T", "question": "F", "reply_by": timezone.localdate()})


@pytest.mark.django_db
def test_only_staff_manage_councils_and_short_names_are_unique(org, staff, resident, council):
    fields = {"name": "Pensionärsrådet 2", "slug": council.slug, "kind": "pensioners"}
    with pytest.raises(PermissionDeniedError):
        services.save_council(organisation=org, actor=resident, fields=fields)
    with pytest.raises(DomainError, match="kortnamnet"):
        services.save_council(organisation=org, actor=staff, fields=fields)
    created = services.save_council(organisation=org, actor=staff, fields={**fields, "slug": "pr2"})
    assert created.organisation == org


@pytest.mark.django_db
def test_a_sent_consultation_cannot_be_changed(staff, process, council):
    consultation = make_consultation(process, [council])
    with pytest.raises(DomainError, match="kan inte längre ändras"):
        services.save_consultation(process=process, actor=staff, consultation=consultation, councils=[council],
                                   consultees=[], fields={"title": "Ändrad"})


@pytest.mark.django_db
def test_minutes_cannot_be_published_before_they_are_uploaded(staff, council):
    with pytest.raises(DomainError, match="Ladda upp protokollet"):
        services.save_meeting(council=council, actor=staff, fields={"starts_at": timezone.now(),
                                                                    "minutes_published": True})


@pytest.mark.django_db
def test_a_minors_name_cannot_be_made_public_by_any_path(staff, council):
    """Not through the service (a readable refusal), nor by writing the row directly (the database refuses)."""
    fields = {"name": "Elias Berg", "role": "representative", "under_18": True, "show_publicly": True}
    with pytest.raises(DomainError, match="minderårigs namn visas aldrig offentligt"):
        services.save_member(council=council, actor=staff, fields=fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        CouncilMember.objects.create(council=council, **fields)
    member = services.save_member(council=council, actor=staff, fields={**fields, "show_publicly": False})
    assert member.under_18 and not member.name_is_public
