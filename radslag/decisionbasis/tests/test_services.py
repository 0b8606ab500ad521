"""Assembling a decision basis from the live data, freezing it for a committee, and new versions."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from radslag.audit.models import AuditEvent
from radslag.contributions.models import Contribution
from radslag.contributions.tests.factories import ContributionFactory
from radslag.core.errors import DomainError, PermissionDeniedError
from radslag.core.models import AgeBand, Sex
from radslag.decisionbasis.builtin_parts import QUOTES_PER_THEME
from radslag.decisionbasis.document import document_for, from_snapshot, live_document
from radslag.decisionbasis.models import BasisVersion
from radslag.decisionbasis.overview import waiting_for
from radslag.decisionbasis.parts import Part, heading, register_part, registered_parts
from radslag.decisionbasis.services import (
    FrozenVersionError,
    freeze_version,
    new_version,
    save_comment,
    save_version,
    start_basis,
)
from radslag.decisionbasis.tests.conftest import next_week
from radslag.organisations.models import PopulationFigure
from radslag.organisations.tests.factories import LocalityFactory
from radslag.themes.models import Coding

pytestmark = pytest.mark.django_db


def ready(version, staff, committee):
    return save_version(version=version, actor=staff, values={
        "committee": committee, "meeting_date": next_week(), "proposed_decision": "Kommunstyrelsen beslutar att …",
        "child_impact": "Barn och unga använder torget; lokalen ska vara öppen för dem.",
        "summary": "Invånarna vill ha en öppen lokal.", "registration_number": "KS 2026/117"})


def part_of(document, key):
    return next(part for part in document.parts if part.key == key)


def texts(part):
    return " ".join([block.text for block in part.blocks] + [item for block in part.blocks for item in block.items]
                    + [cell for block in part.blocks for row in block.rows for cell in row])


def test_a_new_basis_is_a_draft_with_the_process_and_its_deciding_body_filled_in(dialogue, staff, committee):
    version = start_basis(process=dialogue, actor=staff)
    assert (version.number, version.status, version.title) == (1, "draft", "Mötesplatser i Nödinge")
    assert version.committee == committee and version.document_date == timezone.localdate()
    assert AuditEvent.objects.filter(action="decision_basis.started").count() == 1


def test_the_parts_are_drawn_live_from_published_data_only(dialogue, staff):
    version = start_basis(process=dialogue, actor=staff)
    document = live_document(version)
    assert [p.key for p in document.parts][:6] == [
        "purpose", "participation", "themes", "prioritisation", "opinions", "councils"]
    purpose = texts(part_of(document, "purpose"))
    assert "Ta reda på vad en bra mötesplats behöver." in purpose and "Dialog" in purpose
    themes = part_of(document, "themes")
    assert "1. En öppen lokal" in texts(themes)
    assert not any("Hemlig" in block.text for block in themes.blocks)
    assert "6 inspel" in texts(themes)  # the hidden one is not counted
    assert "Lokal" in texts(part_of(document, "prioritisation"))
    councils = part_of(document, "councils")
    assert any(block.text == "Rådet tillstyrker förslaget." and block.cite == "Pensionärsrådet"
               for block in councils.blocks)
    assert "7 inspel kom in" in texts(part_of(document, "participation"))  # every record received counts
    assert part_of(document, "opinions").blocks == ()  # no opinion map yet: "nothing to report"


def test_the_themes_part_quotes_published_input_and_the_participation_part_compares_with_the_population(
        org, dialogue, staff):
    surte = LocalityFactory(organisation=org, name="Surte")
    PopulationFigure.objects.create(organisation=org, year=2025, locality=surte, age_band=AgeBand.AGE_30_44,
                                    sex=Sex.FEMALE, count=4000)
    document = live_document(start_basis(process=dialogue, actor=staff))

    themes = part_of(document, "themes")
    sizes = next(block for block in themes.blocks if block.kind == "table")
    assert sizes.rows == (("1. En öppen lokal", "6 inspel (100 % av de publicerade inspelen)"),)
    quotes = [block for block in themes.blocks if block.kind == "quote"]
    assert 1 <= len(quotes) <= QUOTES_PER_THEME
    assert all(re.fullmatch(r"Vi behöver en öppen lokal vid torget \(\d\)\.", q.text) for q in quotes)
    assert themes.blocks.index(quotes[0]) > themes.blocks.index(heading("1. En öppen lokal"))

    tables = {block.text: block for block in part_of(document, "participation").blocks if block.kind == "table"}
    locality = tables["Ort"]
    assert locality.headers == ("Grupp", "Antal", "Andel", "Andel av invånarna")
    assert locality.rows == (("Nödinge", "7", "100 %", "50 %"), ("Surte (underrepresenterad)", "0", "0 %", "50 %"))
    assert ("30–44 år", "6", "100 %", "100 %") in tables["Ålder"].rows


def test_a_late_answer_is_marked_late_in_the_councils_part(org, dialogue, staff):
    from radslag.councils import services as councils
    from radslag.councils.tests.factories import make_consultation, make_council

    youth = make_council(org, name="Ungdomsrådet", slug="ungdomsradet")
    late = councils.submit_answer(consultation=make_consultation(dialogue, [youth], reply_in_days=-1), actor=staff,
                                  council=youth, text="Ungdomsrådet vill ha en lokal öppen på kvällen.")
    councils.publish_answer(answer=late, actor=staff)
    blocks = part_of(live_document(start_basis(process=dialogue, actor=staff)), "councils").blocks
    cites = {block.text: block.cite for block in blocks if block.kind == "quote"}
    assert cites == {"Rådet tillstyrker förslaget.": "Pensionärsrådet",
                     "Ungdomsrådet vill ha en lokal öppen på kvällen.": "Ungdomsrådet (sent inkommet)"}


def test_a_draft_follows_the_data_as_it_changes(dialogue, staff):
    version = start_basis(process=dialogue, actor=staff)
    theme = dialogue.themes.get()
    extra = ContributionFactory(process=dialogue, body="Fler bänkar!", status=Contribution.Status.PUBLISHED)
    Coding.objects.create(theme=theme, contribution=extra, source=Coding.Source.HUMAN, strength=1)
    assert "7 inspel" in texts(part_of(document_for(version), "themes"))


def test_a_comment_is_stored_per_part_and_shown_with_it(dialogue, staff):
    version = start_basis(process=dialogue, actor=staff)
    save_comment(version=version, actor=staff, part="themes", text="Temat stämmer med tidigare dialoger.")
    document = live_document(version)
    assert part_of(document, "themes").comment == "Temat stämmer med tidigare dialoger."
    assert part_of(document, "councils").comment == ""
    save_comment(version=version, actor=staff, part="themes", text="  ")
    assert version.comments.count() == 0
    with pytest.raises(DomainError):
        save_comment(version=version, actor=staff, part="no-such-part", text="x")


def test_freezing_stores_the_content_and_later_data_does_not_change_it(dialogue, staff, committee):
    version = ready(start_basis(process=dialogue, actor=staff), staff, committee)
    frozen = freeze_version(version=version, actor=staff)
    assert frozen.is_frozen and frozen.frozen_by == staff and frozen.snapshot["format"] == 1
    before = document_for(frozen)
    ContributionFactory.create_batch(3, process=dialogue, status=Contribution.Status.PUBLISHED)
    after = document_for(BasisVersion.objects.get(pk=frozen.pk))
    assert after == before == from_snapshot(frozen.snapshot)
    assert "7 inspel kom in" in texts(part_of(after, "participation"))
    assert after.registration_number == "KS 2026/117" and after.committee == "Kommunstyrelsen"
    assert AuditEvent.objects.filter(action="decision_basis.frozen", object_id=str(frozen.pk)).exists()


def test_a_frozen_version_cannot_be_edited_or_commented(dialogue, staff, committee):
    frozen = freeze_version(version=ready(start_basis(process=dialogue, actor=staff), staff, committee), actor=staff)
    with pytest.raises(FrozenVersionError) as refused:
        save_version(version=frozen, actor=staff, values={"summary": "Ändrad i efterhand"})
    assert "kan inte längre ändras" in refused.value.message and "ny version" in refused.value.message
    with pytest.raises(FrozenVersionError):
        save_comment(version=frozen, actor=staff, part="themes", text="Sent")
    with pytest.raises(FrozenVersionError):
        freeze_version(version=frozen, actor=staff)
    assert BasisVersion.objects.get(pk=frozen.pk).summary == "Invånarna vill ha en öppen lokal."


def test_freezing_needs_a_committee_a_coming_meeting_a_proposal_and_a_child_impact_assessment(dialogue, staff):
    version = start_basis(process=dialogue, actor=staff)
    save_version(version=version, actor=staff, values={"meeting_date": timezone.localdate() - dt.timedelta(days=1)})
    with pytest.raises(DomainError) as refused:
        freeze_version(version=version, actor=staff)
    assert len(refused.value.details) == 3  # the meeting has passed, no proposal, no child impact assessment
    assert any("barnkonsekvensanalys" in detail for detail in refused.value.details)
    assert not BasisVersion.objects.get(pk=version.pk).is_frozen


def test_a_new_version_copies_the_frozen_one_and_is_a_draft(dialogue, staff, committee):
    first = start_basis(process=dialogue, actor=staff)
    save_comment(version=first, actor=staff, part="councils", text="Rådet var positivt.")
    frozen = freeze_version(version=ready(first, staff, committee), actor=staff)
    second = new_version(version=frozen, actor=staff)
    assert (second.number, second.status, second.meeting_date) == (2, "draft", None)
    assert second.proposed_decision == frozen.proposed_decision and second.committee == committee
    assert second.comments.get(part="councils").text == "Rådet var positivt."
    with pytest.raises(DomainError):
        new_version(version=frozen, actor=staff)  # one draft at a time
    save_version(version=second, actor=staff, values={"summary": "Ny sammanfattning"})
    assert BasisVersion.objects.get(pk=frozen.pk).summary == "Invånarna vill ha en öppen lokal."


def test_an_official_can_change_nothing(dialogue, staff, official, committee):
    with pytest.raises(PermissionDeniedError):
        start_basis(process=dialogue, actor=official)
    version = start_basis(process=dialogue, actor=staff)
    for attempt in (lambda: save_version(version=version, actor=official, values={"summary": "x"}),
                    lambda: save_comment(version=version, actor=official, part="themes", text="x"),
                    lambda: freeze_version(version=version, actor=official)):
        with pytest.raises(PermissionDeniedError):
            attempt()


def test_waiting_for_lists_frozen_bases_whose_meeting_is_today_or_later(dialogue, staff, committee, other_org):
    draft = start_basis(process=dialogue, actor=staff)
    assert list(waiting_for(dialogue.organisation)) == []
    frozen = freeze_version(version=ready(draft, staff, committee), actor=staff)
    assert list(waiting_for(dialogue.organisation)) == [frozen]
    assert list(waiting_for(dialogue.organisation, today=next_week() + dt.timedelta(days=1))) == []
    assert list(waiting_for(other_org)) == []


def test_another_app_adds_a_part_through_the_registry(dialogue, staff):
    from radslag.decisionbasis import parts

    saved = dict(parts._parts)
    try:
        register_part(Part(key="surveys", title="Enkätresultat", order=70,
                           assemble=lambda source: [heading(f"Enkät om {source.process.title}")]))
        assert [p.key for p in registered_parts()][-1] == "surveys"
        document = live_document(start_basis(process=dialogue, actor=staff))
        assert part_of(document, "surveys").blocks[0].text == "Enkät om Mötesplatser i Nödinge"
    finally:
        parts._parts.clear()
        parts._parts.update(saved)


def test_a_staff_members_copy_of_their_data_lists_the_bases_they_sent(dialogue, staff, committee):
    from radslag.audit.personal_data import export_person, kind

    freeze_version(version=ready(start_basis(process=dialogue, actor=staff), staff, committee), actor=staff)
    [entry] = export_person(staff, dialogue.organisation)["decision_bases"]
    assert entry["sent_by_you"] and entry["version"] == 1
    assert kind("decisionbasis.versions").is_public_record


def test_the_opinion_part_shows_groups_what_sets_them_apart_and_where_they_agree(dialogue, staff):
    from radslag.opinions.models import OpinionSnapshot, StatementVote
    from radslag.opinions.tests.factories import ConversationFactory, ParticipantFactory, StatementFactory

    conversation = ConversationFactory(process=dialogue, title="Samtal om torget")
    apart = StatementFactory(conversation=conversation, text="Torget behöver mer grönska.")
    shared = StatementFactory(conversation=conversation, text="Det ska vara tryggt att gå hem på kvällen.")
    group_a = [ParticipantFactory(conversation=conversation) for _ in range(5)]
    group_b = [ParticipantFactory(conversation=conversation) for _ in range(5)]
    for participant in group_a + group_b:
        StatementVote.objects.create(participant=participant, statement=shared, value=StatementVote.Value.AGREE)
        StatementVote.objects.create(participant=participant, statement=apart, value=(
            StatementVote.Value.AGREE if participant in group_a else StatementVote.Value.DISAGREE))
    OpinionSnapshot.objects.create(conversation=conversation, vote_count=20, result={
        "groups": [{"id": 0, "participants": [str(p.pk) for p in group_a],
                    "representative": [{"statement_id": apart.pk, "direction": "agree"}]},
                   {"id": 1, "participants": [str(p.pk) for p in group_b],
                    "representative": [{"statement_id": apart.pk, "direction": "disagree"}]}],
        "consensus": [{"statement_id": shared.pk, "direction": "agree"}]})
    opinions = part_of(live_document(start_basis(process=dialogue, actor=staff)), "opinions")
    found = texts(opinions)
    assert "Samtal om torget" in found and "10 deltagare placerades i åsiktsgrupper." in found
    assert "Torget behöver mer grönska. (håller med 100 %)" in found
    assert "Det ska vara tryggt att gå hem på kvällen. (håller med 100 %)" in found


def test_a_working_groups_insights_are_a_part_without_names(dialogue, staff):
    from radslag.workgroups.models import GroupNote
    from radslag.workgroups.tests.factories import add_member, make_group, make_meeting

    group = make_group(dialogue)
    make_meeting(group, title="Samtalspromenad", approach="Promenad i par genom Nödinge")
    member = add_member(group, name="Anna Berg", email="anna@example.se", joined=True)
    GroupNote.objects.create(group=group, member=member, kind=GroupNote.Kind.INSIGHT,
                             text="Att bli lyssnad på är att bli sedd.")
    GroupNote.objects.create(group=group, member=member, kind=GroupNote.Kind.NOTE, text="Ta med fika nästa gång.")
    part = part_of(live_document(start_basis(process=dialogue, actor=staff)), "working_groups")
    written = texts(part)
    assert "Expeditionsgruppen" in written and "Samtalspromenad" in written
    assert "Att bli lyssnad på är att bli sedd." in written
    assert "Ta med fika" not in written  # a plain note is the group's own, not a finding
    assert "Anna Berg" not in written


def test_related_citizen_proposals_are_a_part_with_their_support_and_status(dialogue, staff, org):
    from radslag.proposals.models import Proposal
    from radslag.proposals.tests.factories import make_proposal

    make_proposal(org, process=dialogue, title="Öppna Ale kulturhus på kvällar", support_count=40, threshold=75)
    make_proposal(org, process=dialogue, title="Ett förslag som inte godtogs", status=Proposal.Status.REFUSED)
    written = texts(part_of(live_document(start_basis(process=dialogue, actor=staff)), "proposals"))
    assert "Öppna Ale kulturhus på kvällar" in written and "40 / 75" in written
    assert "inte godtogs" not in written  # only public proposals


def test_the_dialogues_panel_survey_is_a_part_with_counted_and_weighted_answers(staff, org, committee):
    from radslag.dialogues.tests.factories import ProcessFactory
    from radslag.surveys import waves
    from radslag.surveys.tests.factories import make_panel, make_survey
    from radslag.surveys.tests.test_results import _answer_all

    make_panel(org, members=36)  # its own localities and population
    dialogue = ProcessFactory(organisation=org, title="Ale år 2031", slug="ale-2031", deciding_body=committee)
    survey = make_survey(org, staff, process=dialogue)
    _answer_all(survey, waves.send_wave(survey=survey, actor=staff, label="Våg 1", seed=3), 30)
    part = part_of(live_document(start_basis(process=dialogue, actor=staff)), "surveys_results")
    written = texts(part)
    assert "Ale år 2031" in written and "Medlemmar i medborgarpanelen" in written
    stolt = next(block for block in part.blocks if block.text == "Är du stolt över att bo i Ale?")
    assert stolt.headers[-1].startswith("Viktad andel")
    counts = {row[0]: row[1] for row in stolt.rows}
    assert counts["Ja"] == "20" and counts["Nej"] == "10"  # every third said no, as they answered
