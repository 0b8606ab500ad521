"""A new Word document says its own language in every part, and python-docx's package stays whole."""

import zipfile
from io import BytesIO

import pytest
from docx import Document
from docx.oxml.ns import qn

from radslag.core.word_document import new_word_document


def saved(language: str) -> bytes:
    document = new_word_document(title="Beslutsunderlag", author="Ale kommun", language=language)
    document.add_paragraph("Invånarna vill ha en öppen lokal.")
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(("language", "tag"), [("sv", "sv-SE"), ("en", "en-GB")])
def test_no_part_says_en_us_and_the_theme_fonts_are_in_the_documents_language(language, tag):
    data = saved(language)
    with zipfile.ZipFile(BytesIO(data)) as package:
        assert [name for name in package.namelist() if b"en-US" in package.read(name)] == []
    document = Document(BytesIO(data))
    assert document.settings.element.find(qn("w:themeFontLang")).attrib == {qn("w:val"): tag}
    assert document.core_properties.language == tag


def test_the_styles_with_effects_part_is_gone_from_the_package_its_types_and_relationships():
    with zipfile.ZipFile(BytesIO(saved("sv"))) as package:
        assert package.testzip() is None
        assert "word/stylesWithEffects.xml" not in package.namelist()
        assert b"stylesWithEffects" not in package.read("[Content_Types].xml")
        assert b"stylesWithEffects" not in package.read("word/_rels/document.xml.rels")
        assert b'Target="styles.xml"' in package.read("word/_rels/document.xml.rels")
    assert Document(BytesIO(saved("sv"))).paragraphs[-1].text == "Invånarna vill ha en öppen lokal."


def test_the_extended_properties_name_radslag_and_the_municipality_not_microsoft_word():
    """docProps/app.xml says which program made the file and for whom, not python-docx's Word 2010 on a Mac."""
    with zipfile.ZipFile(BytesIO(saved("sv"))) as package:
        app = package.read("docProps/app.xml").decode()
    assert "Microsoft" not in app
    assert "<Application>Rådslag</Application>" in app
    assert "<Company>Ale kommun</Company>" in app
    assert "<AppVersion>" not in app


def test_no_blank_thumbnail_stands_in_for_the_document():
    """python-docx's template carries a picture of an empty page, which file browsers show as the preview."""
    with zipfile.ZipFile(BytesIO(saved("sv"))) as package:
        assert package.testzip() is None
        assert not [name for name in package.namelist() if "thumbnail" in name]
        assert b"thumbnail" not in package.read("_rels/.rels")
        assert b"jpeg" not in package.read("[Content_Types].xml")
