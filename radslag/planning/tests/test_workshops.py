"""Workshops: phones send suggestions with a code, the facilitator places, merges or rejects them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from radslag.planning import workshops
from radslag.planning.models import Stakeholder, Suggestion, TreeNode
from radslag.planning.tests.factories import small_tree

pytestmark = pytest.mark.django_db


@pytest.fixture
def workshop(world, org):
    small_tree(world["project"], world["ale_lead"], org)
    return workshops.open_workshop(project=world["project"], actor=world["ale_lead"], organisation=org,
                                   title="Problemträdet i Ghanzi", board="problem")


def test_a_phone_sends_a_suggestion_without_an_account_and_the_screen_shows_it(workshop, client_for, org, world):
    phone = client_for(org)
    response = phone.post(reverse("planning:phone", kwargs={"code": workshop.code.lower()}),
                          {"kind": "cause", "text": "Mötena hålls på dagtid"})
    assert response.status_code == 302
    screen = client_for(org, world["ale_lead"]).get(reverse("planning:screen_json", kwargs={
        "project_pk": world["project"].pk, "workshop_pk": workshop.pk})).json()
    assert screen["suggestions"][0]["text"] == "Mötena hålls på dagtid" and screen["waiting"] == 1
    assert "<svg" in screen["svg"]


def test_a_code_after_the_workshop_closed_gets_a_clear_message(workshop, client_for, org, world):
    workshops.close_workshop(workshop=workshop, actor=world["ale_lead"], organisation=org)
    response = client_for(org).post(reverse("planning:phone", kwargs={"code": workshop.code}),
                                    {"kind": "cause", "text": "Sent"})
    assert response.status_code == 410
    assert "Workshoppen är stängd och tar inte emot fler förslag" in response.content.decode()
    assert not Suggestion.objects.exists()


def test_a_code_of_another_organisations_workshop_is_not_found(workshop, client_for, other_org):
    assert client_for(other_org).get(reverse("planning:phone", kwargs={"code": workshop.code})).status_code == 404


def test_a_phone_sending_too_fast_is_slowed_down(workshop, client_for, org, shared_cache):
    shared_cache.RADSLAG_THROTTLE_RATES = {"workshop_phone": "2/60"}
    phone = client_for(org)
    address = reverse("planning:phone", kwargs={"code": workshop.code})
    codes = [phone.post(address, {"kind": "cause", "text": f"Förslag {n}"}).status_code for n in range(3)]
    assert codes == [302, 302, 429]
    other_phone = client_for(org)  # another phone in the same room, behind the same address, goes on
    assert other_phone.post(address, {"kind": "cause", "text": "Annat"}).status_code == 302


def test_the_facilitator_places_a_suggestion_under_a_node(workshop, world, org):
    suggestion = workshops.submit_suggestion(code=workshop.code, kind="cause", text="Kallelsen kommer sent")
    core = TreeNode.objects.get(kind="core", tree="problem")
    node = workshops.accept_suggestion(suggestion=suggestion, actor=world["ale_lead"], organisation=org, parent=core)
    assert node.parent_id == core.pk and node.text_sv == "Kallelsen kommer sent"
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.ACCEPTED and suggestion.placed_id == node.pk


def test_merge_and_reject(world, org):
    board = workshops.open_workshop(project=world["project"], actor=world["ale_lead"], organisation=org,
                                    title="Intressenter", board="stakeholders")
    from radslag.planning import services

    chiefs = services.create_item(project=world["project"], actor=world["ale_lead"], organisation=org,
                                  kind="stakeholder", fields={"name_sv": "Byhövdingar"})
    first = workshops.submit_suggestion(code=board.code, kind="stakeholder", text="Traditional leaders", language="en")
    workshops.merge_suggestion(suggestion=first, actor=world["ale_lead"], organisation=org, into=chiefs)
    chiefs.refresh_from_db()
    assert chiefs.name_en == "Traditional leaders" and chiefs.version == 2
    second = workshops.submit_suggestion(code=board.code, kind="stakeholder", text="x")
    workshops.reject_suggestion(suggestion=second, actor=world["ale_lead"], organisation=org)
    assert Stakeholder.objects.count() == 1
    with pytest.raises(workshops.DomainError, match="redan hanterat"):
        workshops.reject_suggestion(suggestion=second, actor=world["ale_lead"], organisation=org)


def test_the_screen_redraws_the_tree_after_each_change_even_with_a_cache(workshop, world, org, shared_cache):
    from radslag.planning import screen, services, trees

    before = screen.board(workshop)["svg"]
    assert screen.board(workshop)["svg"] == before
    core = TreeNode.objects.get(kind="core", tree="problem")
    node = trees.add_node(project=world["project"], actor=world["ale_lead"], organisation=org, tree="problem",
                          kind="cause", text_sv="Bussen går inte på kvällen", parent=core)
    assert "Bussen går inte" in screen.board(workshop)["svg"]
    services.save_item(item=node, actor=world["ale_lead"], organisation=org, fields={"text_sv": "Ingen kvällsbuss"},
                       expected_version=1)
    assert "Ingen kvällsbuss" in screen.board(workshop)["svg"]
    trees.delete_node(node=node, actor=world["ale_lead"], organisation=org)
    assert "Ingen kvällsbuss" not in screen.board(workshop)["svg"]


def test_merging_into_a_risk_with_text_adds_the_suggestion_after_it(world, org):
    from radslag.planning import services
    from radslag.planning.models import Risk

    board = workshops.open_workshop(project=world["project"], actor=world["ale_lead"], organisation=org,
                                    title="Risker", board="risks")
    election = services.create_item(project=world["project"], actor=world["ale_lead"], organisation=org,
                                    kind="risk", fields={"text_sv": "Valet byter majoritet", "owner": "KSO"})
    suggestion = workshops.submit_suggestion(code=board.code, kind="risk", text="Nya politiker vill börja om")
    workshops.merge_suggestion(suggestion=suggestion, actor=world["ale_lead"], organisation=org, into=election)
    election = Risk.objects.get(pk=election.pk)
    assert election.text_sv == "Valet byter majoritet\nNya politiker vill börja om" and election.version == 2
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.MERGED


def test_an_english_suggestion_merged_into_a_named_stakeholder_goes_to_the_english_notes(world, org):
    from radslag.planning import services

    board = workshops.open_workshop(project=world["project"], actor=world["ale_lead"], organisation=org,
                                    title="Stakeholders", board="stakeholders")
    chiefs = services.create_item(project=world["project"], actor=world["ale_lead"], organisation=org,
                                  kind="stakeholder", fields={"name_sv": "Byhövdingar", "name_en": "Chiefs",
                                                              "participation_sv": "Kgotla-möten"})
    suggestion = workshops.submit_suggestion(code=board.code, kind="stakeholder", language="en",
                                             text="Chiefs call the kgotla and speak first")
    workshops.merge_suggestion(suggestion=suggestion, actor=world["ale_lead"], organisation=org, into=chiefs)
    chiefs = Stakeholder.objects.get(pk=chiefs.pk)
    assert chiefs.participation_en == "Chiefs call the kgotla and speak first"
    assert chiefs.participation_sv == "Kgotla-möten" and chiefs.name_en == "Chiefs"


def test_the_risk_board_is_the_five_by_five_matrix_and_redraws_when_a_risk_moves(world, org, client_for):
    import re

    from radslag.planning import screen, services

    board = workshops.open_workshop(project=world["project"], actor=world["ale_lead"], organisation=org,
                                    title="Riskerna", board="risks")
    empty = screen.board(board)["svg"]
    assert 'role="img"' in empty and "Riskmatris" in empty and empty.count("<rect") == 25
    risk = services.create_item(project=world["project"], actor=world["ale_lead"], organisation=org, kind="risk",
                                fields={"text_sv": "Resor ställs in", "owner": "Projektledaren", "likelihood": 2,
                                        "impact": 4})

    def cell_of(svg):
        x, y = map(int, re.search(rf'<text x="(\d+)" y="(\d+)"[^>]*>R{risk.pk} Resor ställs in<', svg).groups())
        return (x - 64) // 150 + 1, 5 - (y - 12) // 96  # likelihood, impact

    assert cell_of(screen.board(board)["svg"]) == (2, 4)
    services.save_item(item=risk, actor=world["ale_lead"], organisation=org, fields={"likelihood": 5, "impact": 1},
                       expected_version=1)
    data = client_for(org, world["ale_lead"]).get(reverse("planning:screen_json", kwargs={
        "project_pk": world["project"].pk, "workshop_pk": board.pk})).json()
    assert cell_of(data["svg"]) == (5, 1) and "items" not in data
    page = client_for(org, world["ale_lead"]).get(reverse("planning:screen", kwargs={
        "project_pk": world["project"].pk, "workshop_pk": board.pk})).content.decode()
    assert f"R{risk.pk} Resor ställs in" in page and 'class="risk-figure"' in page
