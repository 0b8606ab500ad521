"""The planning pages as a person uses them: trees by form, conflicts, bilingual marks and outputs."""

from __future__ import annotations

import io
import re

import pytest
from django.conf import settings
from django.urls import reverse

from radslag.planning import services
from radslag.planning.models import TreeNode
from radslag.planning.tests.factories import small_tree

pytestmark = pytest.mark.django_db


def url(name, project, **kwargs):
    return reverse(f"planning:{name}", kwargs={"project_pk": project.pk, **kwargs})


def test_every_page_of_a_filled_project_opens(world, client_for, org):
    project = world["project"]
    nodes = small_tree(project, world["ale_lead"], org)
    client = client_for(org, world["ale_lead"])
    for name in ("project", "members", "context", "stakeholders", "problem_tree", "objective_tree", "logframe",
                 "risks", "workshops"):
        assert client.get(url(name, project)).status_code == 200, name
    assert client.get(url("item", project, kind="node", item_pk=nodes["cause"].pk)).status_code == 200


def test_a_tree_is_built_with_plain_forms_and_shown_as_svg_and_list(world, client_for, org):
    project, client = world["project"], client_for(org, world["ale_lead"])
    client.post(url("problem_tree", project), {"kind": "core", "text_sv": "Svag dialog"})
    core = TreeNode.objects.get(kind="core")
    response = client.post(url("problem_tree", project), {"kind": "cause", "parent": core.pk,
                                                          "text_en": "No feedback routine"})
    assert response.status_code == 302
    page = client.get(url("problem_tree", project)).content.decode()
    assert '<svg' in page and 'role="img"' in page and "No feedback routine" in page
    assert 'class="tree-list"' in page


def test_a_loop_by_form_gets_a_clear_message(world, client_for, org):
    nodes = small_tree(world["project"], world["ale_lead"], org)
    client = client_for(org, world["ale_lead"])
    response = client.post(url("node_move", world["project"], item_pk=nodes["cause"].pk),
                           {"parent": nodes["deeper"].pk}, follow=True)
    assert "det skulle bli en slinga" in response.content.decode()


@pytest.mark.parametrize("parent", ["xxx", "99999999999999999999", "²", ""])
def test_a_move_to_a_parent_that_is_no_statement_gets_a_clear_message(world, client_for, org, parent):
    nodes = small_tree(world["project"], world["ale_lead"], org)
    client = client_for(org, world["ale_lead"])
    response = client.post(url("node_move", world["project"], item_pk=nodes["cause"].pk), {"parent": parent},
                           follow=True)
    assert response.status_code == 200
    assert "Välj vart påståendet ska flyttas" in response.content.decode()


def test_the_english_interface_marks_a_missing_translation(world, client_for, org):
    small_tree(world["project"], world["ale_lead"], org)
    client = client_for(org, world["ale_lead"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(url("problem_tree", world["project"])).content.decode()
    assert 'lang="sv">Invånarna har litet inflytande' in page
    assert "translation missing" in page


def test_a_stale_edit_shows_both_versions_and_saves_nothing(world, client_for, org, ghanzi):
    risk = services.create_item(project=world["project"], actor=world["ale_lead"], organisation=org, kind="risk",
                                fields={"text_sv": "Personal slutar", "owner": "HR"})
    form = {"text_sv": "Personal slutar", "likelihood": 3, "impact": 3, "owner": "HR", "status": "open",
            "version": 1}
    page = url("item", world["project"], kind="risk", item_pk=risk.pk)
    assert client_for(ghanzi, world["partner_lead"]).post(page, {**form, "owner": "Ghanzi HR"}).status_code == 302
    clash = client_for(org, world["ale_lead"]).post(page, {**form, "impact": 5})
    assert clash.status_code == 409
    body = clash.content.decode()
    assert "Ghanzi HR" in body and 'name="version" value="2"' in body
    risk.refresh_from_db()
    assert risk.owner == "Ghanzi HR" and risk.impact == 3
    again = client_for(org, world["ale_lead"]).post(page, {**form, "owner": "Ghanzi HR", "impact": 5, "version": 2})
    assert again.status_code == 302
    risk.refresh_from_db()
    assert risk.impact == 5


def test_the_document_comes_as_docx_with_real_properties_pdf_and_xlsx(world, client_for, org):
    from docx import Document
    from openpyxl import load_workbook

    small_tree(world["project"], world["ale_lead"], org)
    services.create_item(project=world["project"], actor=world["ale_lead"], organisation=org, kind="logframe",
                         fields={"level": "activity", "text_sv": "Gemensam workshop", "text_en": "Joint workshop"})
    client = client_for(org, world["ale_lead"])
    docx = client.get(url("document_docx", world["project"]) + "?sprak=en")
    document = Document(io.BytesIO(docx.content))
    assert document.core_properties.title == "Governance with citizen dialogue"
    assert document.core_properties.language == "en-GB"
    assert "Ale kommun" in document.core_properties.author
    both = Document(io.BytesIO(client.get(url("document_docx", world["project"]) + "?sprak=both").content))
    texts = [cell.text for table in both.tables for row in table.rows for cell in row.cells]
    assert "Gemensam workshop" in texts and "Joint workshop" in texts
    pdf = client.get(url("document_pdf", world["project"]) + "?sprak=sv")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    book = load_workbook(io.BytesIO(client.get(url("activities_xlsx", world["project"])).content))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[1][0] == "Gemensam workshop" and rows[1][1] == "Joint workshop"


def test_the_public_page_shows_only_a_published_project(world, client_for, org, ghanzi):
    public = reverse("planning:public", kwargs={"project_pk": world["project"].pk})
    assert client_for(org).get(public).status_code == 404
    services.set_published(project=world["project"], actor=world["ale_lead"], organisation=org, published=True)
    assert client_for(org).get(public).status_code == 200
    assert client_for(ghanzi).get(public).status_code == 200


def test_an_orphaned_objective_is_linked_again_and_a_new_one_linked_from_its_page(world, client_for, org):
    from radslag.planning import trees

    project, client = world["project"], client_for(org, world["ale_lead"])
    nodes = small_tree(project, world["ale_lead"], org)
    trees.mirror_problem_tree(project=project, actor=world["ale_lead"], organisation=org)
    orphan = TreeNode.objects.get(tree="objective", problem=nodes["deeper"])
    trees.delete_node(node=nodes["deeper"], actor=world["ale_lead"], organisation=org)
    orphan.refresh_from_db()
    assert orphan.is_orphaned
    page = client.get(url("item", project, kind="node", item_pk=orphan.pk)).content.decode()
    choice = page.split('name="problem"')[1].split("</select>")[0]
    offered = {int(pk) for pk in re.findall(r'<option value="(\d+)"', choice)}
    assert offered == {n.pk for n in nodes.values() if n.pk != nodes["deeper"].pk}, "this project's problems only"
    assert "Orsak: Dialogens resultat når inte politikerna" in choice
    form = {"text_sv": "Det finns en rutin för återkoppling", "problem": nodes["cause"].pk, "version": orphan.version}
    assert client.post(url("item", project, kind="node", item_pk=orphan.pk), form).status_code == 302
    orphan.refresh_from_db()
    assert orphan.problem_id == nodes["cause"].pk and not orphan.is_orphaned

    core = TreeNode.objects.get(tree="objective", kind="core")
    client.post(url("objective_tree", project), {"kind": "cause", "parent": core.pk, "text_sv": "Unga deltar"})
    new = TreeNode.objects.get(text_sv="Unga deltar")
    assert new.problem_id is None
    client.post(url("item", project, kind="node", item_pk=new.pk),
                {"text_sv": "Unga deltar", "problem": nodes["effect"].pk, "version": 1})
    new.refresh_from_db()
    assert new.problem_id == nodes["effect"].pk


def test_an_objective_cannot_answer_another_objective_and_a_problem_has_no_such_choice(world, client_for, org):
    from radslag.planning import trees

    project, client = world["project"], client_for(org, world["ale_lead"])
    nodes = small_tree(project, world["ale_lead"], org)
    trees.mirror_problem_tree(project=project, actor=world["ale_lead"], organisation=org)
    objective = TreeNode.objects.get(tree="objective", problem=nodes["cause"])
    other = TreeNode.objects.get(tree="objective", problem=nodes["effect"])
    response = client.post(url("item", project, kind="node", item_pk=objective.pk),
                           {"text_sv": "x", "problem": other.pk, "version": objective.version})
    assert response.status_code == 400
    objective.refresh_from_db()
    assert objective.problem_id == nodes["cause"].pk
    problem_page = client.get(url("item", project, kind="node", item_pk=nodes["cause"].pk)).content.decode()
    assert 'name="problem"' not in problem_page


def test_restoring_a_version_whose_problem_was_deleted_leaves_the_link_empty(world, org):
    from radslag.planning import trees

    project = world["project"]
    nodes = small_tree(project, world["ale_lead"], org)
    trees.mirror_problem_tree(project=project, actor=world["ale_lead"], organisation=org)
    objective = TreeNode.objects.get(tree="objective", problem=nodes["deeper"])
    services.save_item(item=objective, actor=world["ale_lead"], organisation=org,
                       fields={"text_sv": "En rutin finns"}, expected_version=1)
    trees.delete_node(node=nodes["deeper"], actor=world["ale_lead"], organisation=org)
    restored = services.restore_version(item=objective, actor=world["ale_lead"], organisation=org, number=1)
    assert restored.problem_id is None and restored.text_sv == "Ingen rutin för återkoppling"


def test_the_logframe_xlsx_has_every_level_in_order_with_both_languages(world, client_for, org):
    from openpyxl import load_workbook

    for level, sv, en in (("activity", "Pilotdialog i två byar", "Pilot dialogue in two settlements"),
                          ("goal", "Invånarna påverkar besluten", "Residents influence decisions"),
                          ("result", "Principer för dialog", ""), ("purpose", "Rutiner för dialog", "Routines")):
        services.create_item(project=world["project"], actor=world["ale_lead"], organisation=org, kind="logframe",
                             fields={"level": level, "text_sv": sv, "text_en": en, "indicators_sv": f"Mått: {sv}"})
    response = client_for(org, world["ale_lead"]).get(url("logframe_xlsx", world["project"]))
    assert response.status_code == 200 and response["Content-Disposition"].endswith('logframe.xlsx"')
    book = load_workbook(io.BytesIO(response.content))
    sheet = book.active
    assert sheet.title == "Logframe-matris" and sheet.freeze_panes == "A2"
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("Nivå", "Påstående (svenska)", "Påstående (English)", "Indikatorer (svenska)",
                           "Indikatorer (English)")
    assert [row[1] for row in rows[1:]] == ["Invånarna påverkar besluten", "Rutiner för dialog",
                                            "Principer för dialog", "Pilotdialog i två byar"]
    assert rows[3][2] == "(översättning saknas)" and rows[4][2] == "Pilot dialogue in two settlements"
    assert rows[1][3] == "Mått: Invånarna påverkar besluten" and rows[1][4] == "(översättning saknas)"
    assert book.properties.title.startswith("Styrning med medborgardialog / Governance with citizen dialogue")


def test_a_comment_is_kept_on_its_item_with_its_author_and_an_empty_one_is_refused(world, client_for, org, ghanzi):
    risk = services.create_item(project=world["project"], actor=world["ale_lead"], organisation=org, kind="risk",
                                fields={"text_sv": "Resor ställs in", "owner": "Projektledaren"})
    page = url("item", world["project"], kind="risk", item_pk=risk.pk)
    comment = url("item_comment", world["project"], kind="risk", item_pk=risk.pk)
    partner = client_for(ghanzi, world["partner_lead"])
    sent = partner.post(comment, {"body": "We can hold the workshop online if flights are cancelled."})
    assert sent.status_code == 302 and sent["Location"].endswith("#comments")
    shown = client_for(org, world["ale_lead"]).get(page).content.decode()
    assert "We can hold the workshop online" in shown and world["partner_lead"].display_name in shown
    empty = client_for(org, world["ale_lead"]).post(comment, {"body": "   "}, follow=True).content.decode()
    assert "Skriv en kommentar först" in empty
    assert client_for(org, world["reader"]).post(comment, {"body": "Läsare"}).status_code == 403
    from radslag.planning.models import Comment

    assert list(Comment.objects.values_list("body", flat=True)) == [
        "We can hold the workshop online if flights are cancelled."]


def test_swedish_labels_are_the_planning_words_not_another_apps(world, client_for, org):
    """Other apps translate "statement", "Swedish" and "Waiting" otherwise; planning pages keep their own words."""
    nodes = small_tree(world["project"], world["ale_lead"], org)
    client = client_for(org, world["ale_lead"])
    page = client.get(url("item", world["project"], kind="node", item_pk=nodes["cause"].pk)).content.decode()
    assert "Påstående (svenska)" in page and "Påstående (engelska)" in page
    assert "Redogörelse" not in page and "(Svenska)" not in page
    project_page = client.get(url("project", world["project"])).content.decode()
    assert "DOCX svenska" in project_page and "PDF engelska" in project_page
    from radslag.planning import workshops
    workshop = workshops.open_workshop(project=world["project"], actor=world["ale_lead"], organisation=org,
                                       title="Träd", board="problem")
    workshops.submit_suggestion(code=workshop.code, kind="cause", text="Sena kallelser")
    screen = client.get(url("screen", world["project"], workshop_pk=workshop.pk)).content.decode()
    assert "Sena kallelser – Väntar" in screen and "Väntelista" not in screen


def test_a_risks_status_over_time_is_shown_in_words_in_its_history(world, client_for, org):
    """The versions table names each status as the form does ("Öppen", "Bevakas"), not by its code."""
    risk = services.create_item(project=world["project"], actor=world["ale_lead"], organisation=org, kind="risk",
                                fields={"text_sv": "Valet", "owner": "Kommundirektören"})
    services.save_item(item=risk, actor=world["ale_lead"], organisation=org, fields={"status": "watched"},
                       expected_version=1)
    page = client_for(org, world["ale_lead"]).get(url("item", world["project"], kind="risk", item_pk=risk.pk))
    history = page.content.decode().split("<h2>Versioner</h2>")[1].split("</table>")[0]
    assert "<td>Öppen</td>" in history and "<td>Bevakas</td>" in history
    assert "<td>open</td>" not in history and "<td>watched</td>" not in history


def test_an_english_reader_picks_statements_in_english_with_missing_ones_marked(world, client_for, org, ghanzi):
    """Selects (place a suggestion, move a node, an objective's problem) and the tree's button names follow the
    reader's language, as the rest of the page does."""
    from radslag.planning import trees, workshops
    project, lead = world["project"], world["ale_lead"]
    core = trees.add_node(project=project, actor=lead, organisation=org, tree="problem", kind="core",
                          text_sv="Svag dialog", text_en="Weak dialogue")
    cause = trees.add_node(project=project, actor=lead, organisation=org, tree="problem", kind="cause",
                           parent=core, text_sv="Ingen återkoppling")
    trees.mirror_problem_tree(project=project, actor=lead, organisation=org)
    workshop = workshops.open_workshop(project=project, actor=lead, organisation=org, title="Tree", board="problem")
    workshops.submit_suggestion(code=workshop.code, kind="cause", text="Late notices", language="en")
    client = client_for(ghanzi, world["partner_lead"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    room = client.get(url("workshop", project, workshop_pk=workshop.pk)).content.decode()
    assert "Core: Weak dialogue</option>" in room and "Svag dialog" not in room
    assert "Cause: Ingen återkoppling (translation missing)</option>" in room
    objective = TreeNode.objects.get(tree="objective", kind="cause")
    page = client.get(url("item", project, kind="node", item_pk=objective.pk)).content.decode()
    assert "Core: Weak dialogue</option>" in page and "Svag dialog</option>" not in page
    tree = client.get(url("problem_tree", project)).content.decode()
    assert '<span class="visually-hidden">: Weak dialogue</span>' in tree
    assert cause.text_en == ""


def test_the_project_page_says_the_docx_draws_the_trees_as_figures_too(world, client_for, org):
    """The DOCX has each tree as a picture before its table; the page must not say it has tables only."""
    page = client_for(org, world["ale_lead"]).get(url("project", world["project"])).content.decode()
    assert "I DOCX och PDF visas varje träd som en figur" in page
    assert "Intresse–inflytande-kartan och tidslinjen är figurer där också" in page
    assert "I DOCX är träden tabeller" not in page


def test_an_item_with_no_words_in_either_language_is_refused_with_a_message(world, client_for, org):
    """A factor, stakeholder, logframe row or risk needs its text in Swedish or English; none is saved without."""
    from radslag.core.errors import DomainError
    from radslag.planning.models import ContextFactor, Stakeholder
    client = client_for(org, world["ale_lead"])
    response = client.post(url("context", world["project"]), {"kind": "social", "title_sv": " ", "source": "X"})
    assert response.status_code == 400 and "Skriv det på svenska eller engelska" in response.content.decode()
    assert not ContextFactor.objects.exists()
    chiefs = services.create_item(project=world["project"], actor=world["ale_lead"], organisation=org,
                                  kind="stakeholder", fields={"name_sv": "Byhövdingar"})
    with pytest.raises(DomainError):
        services.save_item(item=chiefs, actor=world["ale_lead"], organisation=org, fields={"name_sv": ""},
                           expected_version=1)
    assert Stakeholder.objects.get().name_sv == "Byhövdingar"
