"""The project document as PDF: the trees drawn as figures beside their tables, nothing fetched."""

import datetime as dt
import shutil
import subprocess

import pytest

from radslag.planning import outputs
from radslag.planning.tests.factories import small_tree


@pytest.mark.django_db
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils' pdftotext")
def test_the_pdf_draws_the_tree_as_a_figure_and_lists_it_as_a_table(world, org, tmp_path):
    small_tree(world["project"], world["ale_lead"], org)
    (tmp_path / "plan.pdf").write_bytes(outputs.render_pdf(world["project"], "both"))
    command = [str(shutil.which("pdftotext")), "-enc", "UTF-8", str(tmp_path / "plan.pdf"), "-"]
    text = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603  (our own file, fixed program)
    assert text.count("Ingen rutin för") >= 2, "once in the figure, once in the table"
    assert "Logframe-matris" in text and "(översättning saknas)" in text


@pytest.mark.django_db
def test_the_docx_shows_each_tree_as_a_picture_with_alt_text_before_its_list(world, org):
    import io

    from docx import Document
    from PIL import Image

    from radslag.planning import trees

    nodes = small_tree(world["project"], world["ale_lead"], org)
    trees.mirror_problem_tree(project=world["project"], actor=world["ale_lead"], organisation=org)
    document = Document(io.BytesIO(outputs.render_docx(world["project"], "sv")))
    shapes = document.inline_shapes
    assert len(shapes) == 2, "the problem tree and the objective tree"
    described = [shape._inline.docPr.get("descr") for shape in shapes]
    assert described[0].startswith("Problemträd. Kärnan: ”Invånarna har litet inflytande över besluten”")
    assert "Orsaker (nedanför): 2. Effekter (ovanför): 1." in described[0] and described[1].startswith("Målträd")
    blip = shapes[0]._inline.graphic.graphicData.pic.blipFill.blip
    picture = Image.open(io.BytesIO(document.part.related_parts[blip.embed].blob))
    assert picture.format == "PNG" and len(picture.getcolors(1_000_000) or []) > 2, "boxes, lines and letters"
    texts = [cell.text.strip() for table in document.tables for row in table.rows for cell in row.cells]
    assert nodes["deeper"].text_sv in texts, "the tree as a list follows its picture"


@pytest.mark.django_db
def test_the_docx_in_both_languages_has_each_tree_once_per_language(world, org):
    import io

    from docx import Document

    from radslag.planning import services

    nodes = small_tree(world["project"], world["ale_lead"], org)
    services.save_item(item=nodes["core"], actor=world["ale_lead"], organisation=org,
                       fields={"text_en": "Residents have little say in decisions"}, expected_version=1)
    document = Document(io.BytesIO(outputs.render_docx(world["project"], "both")))
    described = [shape._inline.docPr.get("descr") for shape in document.inline_shapes]
    assert len(described) == 2
    assert described[0].startswith("Problemträd. Kärnan: ”Invånarna har litet")
    assert described[1].startswith("Problem tree. The core: “Residents have little say in decisions”")
    paragraphs = [p.text for p in document.paragraphs]
    assert "Problemträd (svenska)" in paragraphs and "Problem tree (English)" in paragraphs


@pytest.mark.django_db
def test_a_document_in_both_languages_draws_each_figure_in_each_language(world, org):
    import re

    from radslag.planning import services

    nodes = small_tree(world["project"], world["ale_lead"], org)
    services.save_item(item=nodes["cause"], actor=world["ale_lead"], organisation=org,
                       fields={"text_en": "Dialogue results do not reach politicians"}, expected_version=1)
    services.create_item(project=world["project"], actor=world["ale_lead"], organisation=org, kind="stakeholder",
                         fields={"name_sv": "Byhövdingar", "name_en": "Chiefs"})
    html = outputs.document_html(world["project"], "both")
    figures = re.findall(r'<figure class="planning-figure tree-scroll" lang="(sv|en)">(.*?)</figure>', html, re.S)
    assert [lang for lang, _svg in figures] == ["sv", "en", "sv", "en"], "the grid and the problem tree, twice"
    (_sv, grid_sv), (_en, grid_en), (_sv2, tree_sv), (_en2, tree_en) = figures
    assert "Byhövdingar" in grid_sv and "Chiefs" in grid_en and "Intressent" not in grid_en
    assert "Dialogens resultat" in tree_sv and "Problemträd" in tree_sv
    assert "Dialogue results do not" in tree_en and "Problem tree" in tree_en and "Dialogens" not in tree_en
    assert re.search(r'lang="sv"><tspan[^>]*>Invånarna har litet', tree_en), "no English: Swedish, marked so"
    ids = re.findall(r' id="([^"]+)"', html)
    assert len(ids) == len(set(ids))
    assert "<figcaption>svenska</figcaption>" in html and "<figcaption>English</figcaption>" in html
    single = outputs.document_html(world["project"], "en")
    assert single.count('class="tree-figure"') == 1 and "<figcaption>" not in single


@pytest.mark.django_db
@pytest.mark.parametrize(("mode", "tag"), [("sv", b"sv-SE"), ("en", b"en-GB")])
def test_the_docx_says_its_own_language_and_names_the_owners(world, org, mode, tag):
    import io
    import zipfile

    from docx import Document

    small_tree(world["project"], world["ale_lead"], org)
    data = outputs.render_docx(world["project"], mode)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    assert not [name for name, body in parts.items() if b"en-US" in body or b"python-docx" in body]
    assert tag in parts["word/styles.xml"]
    properties = Document(io.BytesIO(data)).core_properties
    assert properties.language == tag.decode()
    assert all(owner.name in properties.author for owner in world["project"].owners.all())


def _grid_and_plan(world, org):
    import datetime as dt

    from radslag.planning import services

    for fields in ({"name_sv": "Byhövdingar", "name_en": "Chiefs", "interest": 5, "influence": 4},
                   {"name_sv": "Unga i Ghanzi", "interest": 5, "influence": 1}):
        services.create_item(project=world["project"], actor=world["ale_lead"], organisation=org, kind="stakeholder",
                             fields=fields)
    for text_sv, text_en, starts, ends in (
            ("Workshop i Ghanzi", "Workshop in Ghanzi", dt.date(2027, 3, 1), dt.date(2027, 3, 5)),
            ("Studiebesök i Ale", "", dt.date(2027, 9, 14), dt.date(2027, 10, 30)),
            ("Uppföljning", "Follow-up", None, None)):
        services.create_item(project=world["project"], actor=world["ale_lead"], organisation=org, kind="logframe",
                             fields={"level": "activity", "text_sv": text_sv, "text_en": text_en, "starts_on": starts,
                                     "ends_on": ends})


def _body_order(document):
    """What follows what in the document: "picture", "table" or a paragraph's text."""
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    order = []
    for element in document.element.body.iterchildren():
        if element.tag == qn("w:tbl"):
            order.append("table")
        elif element.findall(f".//{qn('w:drawing')}"):
            order.append("picture")
        elif element.tag == qn("w:p"):
            order.append(Paragraph(element, document._body).text)
    return order


@pytest.mark.django_db
def test_the_docx_draws_the_stakeholder_grid_and_the_timeline_as_pictures_with_alt_text_and_captions(world, org):
    """As on the screen: the grid and the timeline as pictures, each described and captioned, then their tables."""
    import io

    from docx import Document
    from PIL import Image

    _grid_and_plan(world, org)
    document = Document(io.BytesIO(outputs.render_docx(world["project"], "sv")))
    shapes = document.inline_shapes
    assert len(shapes) == 2, "the grid and the timeline (no tree written yet)"
    grid, timeline = (shape._inline.docPr for shape in shapes)
    assert grid.get("title") == "Intresse–inflytande-karta" and timeline.get("title") == "Tidslinje"
    assert grid.get("descr") == (
        "Intresse–inflytande-karta: 2 intressenter placerade efter intresse (åt höger, 1–5) och inflytande (uppåt, "
        "1–5), numrerade som i tabellen. Stort intresse och stort inflytande (4 eller 5 på båda): Byhövdingar. "
        "Samma uppgifter följer som en tabell.")
    assert timeline.get("descr") == (
        "Tidslinje: 2 aktiviteter som staplar från början till slut, 2027-03-01 till 2027-10-30, längs en tidsaxel "
        "per månad. 1 aktivitet utan båda datumen har ingen stapel. Aktivitetsplanen följer som en tabell med samma "
        "datum.")
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    assert captions == ["Intresse–inflytande-karta", "Tidslinje"]
    order = _body_order(document)
    for heading, caption in (("Intressentanalys", "Intresse–inflytande-karta"), ("Aktivitetsplan", "Tidslinje")):
        at = order.index(heading)
        assert order[at + 1:at + 4] == ["picture", caption, "table"], "heading, picture, caption, then the table"
    page = document.sections[-1]
    room = page.page_width - page.left_margin - page.right_margin
    for shape in shapes:
        assert 0 < shape.width <= room
        picture = Image.open(io.BytesIO(document.part.related_parts[
            shape._inline.graphic.graphicData.pic.blipFill.blip.embed].blob))
        assert picture.format == "PNG" and len(picture.getcolors(1_000_000) or []) > 2, "lines, marks and letters"
    texts = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "Byhövdingar" in texts and "2027-09-14" in texts, "the tables stay as the text alternative"


@pytest.mark.django_db
def test_the_docx_in_both_languages_draws_the_grid_and_timeline_once_per_language(world, org):
    import io

    from docx import Document

    _grid_and_plan(world, org)
    document = Document(io.BytesIO(outputs.render_docx(world["project"], "both")))
    described = [shape._inline.docPr.get("descr") for shape in document.inline_shapes]
    assert len(described) == 4
    assert described[0].startswith("Intresse–inflytande-karta: 2 intressenter") and "Byhövdingar" in described[0]
    assert described[1].startswith("Interest–influence grid: 2 stakeholders placed by interest") and (
        "Much interest and much influence (4 or 5 on both): Chiefs." in described[1])
    assert described[2].startswith("Tidslinje: 2 aktiviteter")
    assert described[3].startswith("Timeline: 2 activities as bars from start to end, 2027-03-01 to 2027-10-30")
    assert "1 activity without both dates has no bar." in described[3]
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    assert captions == ["Intresse–inflytande-karta (svenska)", "Interest–influence grid (English)",
                        "Tidslinje (svenska)", "Timeline (English)"]


@pytest.mark.django_db
def test_a_plan_without_dates_has_no_timeline_picture_but_keeps_its_table(world, org):
    import io

    from docx import Document

    from radslag.planning import services

    services.create_item(project=world["project"], actor=world["ale_lead"], organisation=org, kind="logframe",
                         fields={"level": "activity", "text_sv": "Uppföljning"})
    document = Document(io.BytesIO(outputs.render_docx(world["project"], "sv")))
    assert len(document.inline_shapes) == 0
    texts = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert texts.count("Uppföljning") == 2, "in the logframe and in the activity plan"


@pytest.mark.django_db
@pytest.mark.parametrize("mode", ["sv", "both"])
def test_a_document_with_text_pasted_from_word_still_downloads(world, client_for, org, mode):
    """A vertical tab or other control character pasted into an analysis does not break the DOCX or PDF."""
    import io

    from django.urls import reverse
    from docx import Document

    from radslag.planning import services

    project, lead = world["project"], world["ale_lead"]
    services.create_item(project=project, actor=lead, organisation=org, kind="stakeholder",
                         fields={"name_sv": "Byhövdingar\x0bfrån Word", "interest": 5, "influence": 4})
    services.create_item(project=project, actor=lead, organisation=org, kind="logframe",
                         fields={"level": "activity", "text_sv": "Workshop\x1b i Ghanzi",
                                 "starts_on": dt.date(2027, 3, 1), "ends_on": dt.date(2027, 3, 5)})
    client = client_for(org, lead)
    args = {"project_pk": project.pk}
    docx = client.get(reverse("planning:document_docx", kwargs=args), {"sprak": mode})
    assert docx.status_code == 200
    text = "\n".join(cell.text for table in Document(io.BytesIO(docx.content)).tables
                     for row in table.rows for cell in row.cells)
    assert "Byhövdingarfrån Word" in text and "Workshop i Ghanzi" in text
    assert client.get(reverse("planning:document_pdf", kwargs=args), {"sprak": mode}).status_code == 200
