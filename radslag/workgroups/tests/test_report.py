"""The group's report: what it gathers, what it leaves out, and the documents made from it."""

import io
import zipfile

import pytest
from django.utils import timezone
from docx import Document

from radslag.accounts.models import Role
from radslag.accounts.tests.factories import user_with_role
from radslag.dialogues.tests.factories import ProcessFactory
from radslag.workgroups.documents import render_docx, render_pdf
from radslag.workgroups.models import GroupMember, GroupNote
from radslag.workgroups.report import report_for_group, report_for_process
from radslag.workgroups.tests.factories import add_member, make_group, make_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def process(org):
    return ProcessFactory(organisation=org, title="Det mänskliga mötet", slug="manskliga-motet")


@pytest.fixture
def group(org, process):
    group = make_group(process)
    meeting = make_meeting(group, 1, title="Samtalspromenad", approach="Promenad i par genom Nödinge")
    anna = add_member(group, name="Anna Hemlig", user=user_with_role(org, Role.RESIDENT))
    add_member(group, name="Per Politiker", kind=GroupMember.Kind.ELECTED, user=user_with_role(org, Role.OFFICIAL))
    add_member(group, name="Inte svarat", kind=GroupMember.Kind.EMPLOYEE)  # invited, never accepted
    for kind, text in ((GroupNote.Kind.INSIGHT, "Ett hej på bussen gör skillnad."),
                       (GroupNote.Kind.IDEA, "Bänkar vid busshållplatsen i Alafors."),
                       (GroupNote.Kind.LESSON, "Promenader ger andra samtal än möten vid bord."),
                       (GroupNote.Kind.NOTE, "Glöm inte kaffet till nästa gång.")):
        GroupNote.objects.create(group=group, member=anna, author=anna.user, kind=kind, text=text, meeting=meeting)
    return group


def test_the_report_gathers_insights_ideas_and_lessons_but_not_plain_notes(group):
    report = report_for_group(group)
    texts = {section.kind: [entry.text for entry in section.entries] for section in report.sections}
    assert texts == {"insight": ["Ett hej på bussen gör skillnad."], "idea": ["Bänkar vid busshållplatsen i Alafors."],
                     "lesson": ["Promenader ger andra samtal än möten vid bord."]}
    assert report.sections[0].entries[0].meeting == "1. Samtalspromenad"
    assert report.meetings[0].approach == "Promenad i par genom Nödinge"


def test_the_report_counts_members_by_kind_and_names_nobody(group):
    report = report_for_group(group)
    assert dict(report.members) == {"Invånare": 1, "Anställd": 0, "Förtroendevald": 1}
    assert "Anna Hemlig" not in repr(report) and "Per Politiker" not in repr(report)


def test_report_for_process_gives_one_report_per_group(process, group):
    make_group(process, name="Andra gruppen", slug="andra")
    reports = report_for_process(process)
    assert [r.group for r in reports] == ["Andra gruppen", "Expeditionsgruppen"]
    assert report_for_process(ProcessFactory(organisation=process.organisation)) == []


def test_the_docx_has_headings_swedish_language_and_real_metadata(group):
    document = Document(io.BytesIO(render_docx(report_for_group(group))))
    properties = document.core_properties
    assert properties.language == "sv-SE" and properties.author == "Ale kommun"
    assert properties.title == "Rapport från arbetsgruppen Expeditionsgruppen"
    assert properties.created.date() == timezone.localdate()
    assert "python-docx" not in (properties.comments or "")
    headings = [p.text for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert headings[0] == "Rapport från arbetsgruppen Expeditionsgruppen"
    assert {"Insikter", "Idéer", "Lärdomar", "Möten"} <= set(headings)
    lang = document.styles.element.find(".//{*}rPrDefault/{*}rPr/{*}lang")
    assert lang is not None and "sv-SE" in lang.attrib.values()


def test_no_part_of_the_docx_says_en_us_and_it_opens_again(group):
    """Issue 13 audit: the report was built on python-docx's template, which says en-US in three parts."""
    data = render_docx(report_for_group(group))
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert package.testzip() is None
        assert [name for name in package.namelist() if b"en-US" in package.read(name)] == []
    reopened = Document(io.BytesIO(data))
    assert reopened.core_properties.keywords == "arbetsgrupp; medborgardialog"
    assert "Insikter" in [p.text for p in reopened.paragraphs]


def test_the_pdf_is_a_pdf_with_the_title(group):
    data = render_pdf(report_for_group(group))
    assert data.startswith(b"%PDF-") and len(data) > 1000
