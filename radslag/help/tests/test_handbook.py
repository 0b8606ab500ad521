"""The handbook: every chapter opens for everyone in both languages, and every staff page's help link
lands on a section that exists."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from radslag.help import chapters as handbook
from radslag.help.page_help import PAGE_HELP, help_url

HANDBOOK = Path(settings.BASE_DIR) / "docs" / "handbook"
LANGUAGES = ("sv", "en")
_LINK = re.compile(r"\]\(([^)\s]+)\)")


def staff_url_names(resolver: URLResolver | None = None, prefix: str = "", namespace: str = ""):
    for pattern in (resolver or get_resolver()).url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from staff_url_names(pattern, route, inner)
        elif isinstance(pattern, URLPattern) and route.startswith("personal/") and pattern.name:
            yield f"{namespace}{pattern.name}"


def anchors_in(slug: str, language: str) -> set[str]:
    found = handbook.chapter(slug, language)
    assert found is not None
    return set(re.findall(r'id="([^"]+)"', found.html))


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("slug", handbook.CHAPTERS)
def test_every_chapter_opens_for_a_signed_out_visitor_in_both_languages(client_for, org, slug, language):
    client = client_for(org)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(reverse("help:chapter", kwargs={"chapter": slug}))
    assert response.status_code == 200
    chapter = response.context["chapter"]
    assert chapter.language == language, "each chapter is written in Swedish and English"
    assert f">{chapter.title}</h1>" in response.content.decode()
    assert (HANDBOOK / language / f"{slug}.md").is_file()


@pytest.mark.django_db
def test_the_contents_page_lists_every_chapter_and_its_sections(client_for, org):
    response = client_for(org).get(reverse("help:index"))
    page = response.content.decode()
    assert response.status_code == 200
    for slug in handbook.CHAPTERS:
        assert reverse("help:chapter", kwargs={"chapter": slug}) in page
    assert reverse("help:chapter", kwargs={"chapter": "moderering"}) + "#koen" in page
    assert 'aria-labelledby="handbook-contents"' in page


@pytest.mark.django_db
def test_an_unknown_chapter_is_not_found(client_for, org):
    assert client_for(org).get("/hjalp/finns-inte/").status_code == 404


def test_the_same_anchors_exist_in_both_languages():
    for slug in handbook.CHAPTERS:
        assert anchors_in(slug, "sv") == anchors_in(slug, "en"), slug


def test_every_staff_page_has_a_help_section():
    missing = sorted(set(staff_url_names()) - set(PAGE_HELP))
    assert not missing, f"Add these staff pages to PAGE_HELP in radslag/help/page_help.py: {missing}"


def test_every_help_entry_names_a_page_and_a_section_that_exist():
    names = set(staff_url_names())
    for view_name, (slug, anchor) in PAGE_HELP.items():
        assert view_name in names, view_name
        for language in LANGUAGES:
            assert anchor in anchors_in(slug, language), f"{view_name}: no #{anchor} in {language}/{slug}.md"


@pytest.mark.parametrize("language", LANGUAGES)
def test_links_between_chapters_and_images_lead_somewhere(language):
    for slug in handbook.CHAPTERS:
        for target in _LINK.findall((HANDBOOK / language / f"{slug}.md").read_text(encoding="utf-8")):
            if target.startswith("../images/"):
                assert (HANDBOOK / "images" / target.removeprefix("../images/")).is_file(), target
                continue
            if target.startswith("#"):
                target = f"{slug}.md{target}"
            file, _, anchor = target.partition("#")
            other = file.removesuffix(".md")
            assert other in handbook.CHAPTERS, f"{language}/{slug}.md links to {target}"
            if anchor:
                assert anchor in anchors_in(other, language), f"{language}/{slug}.md links to {target}"


@pytest.mark.django_db
def test_a_staff_page_links_to_the_section_that_explains_it(client_for, org, moderator):
    from radslag.dialogues.tests.factories import ProcessFactory

    process = ProcessFactory(organisation=org)
    page = client_for(org, moderator).get(reverse("contributions:moderation_queue", kwargs={"pk": process.pk}))
    assert page.status_code == 200
    assert f'href="{help_url("contributions:moderation_queue")}"' in page.content.decode()
    assert help_url("contributions:moderation_queue") == "/hjalp/moderering/#koen"
    assert "Hjälp för den här sidan" in page.content.decode()


@pytest.mark.django_db
def test_a_public_page_has_no_staff_help_link_but_the_footer_leads_to_the_handbook(client_for, org):
    page = client_for(org).get(reverse("dialogues:process_list")).content.decode()
    assert "Hjälp för den här sidan" not in page
    assert f'href="{reverse("help:index")}"' in page


def write_chapter(directory: Path, language: str, slug: str, text: str) -> None:
    (directory / language).mkdir(parents=True, exist_ok=True)
    (directory / language / f"{slug}.md").write_text(text, encoding="utf-8")


@pytest.mark.django_db
def test_a_chapter_not_yet_translated_is_shown_in_swedish_and_marked_so(client_for, org, settings, tmp_path):
    settings.RADSLAG_HANDBOOK_DIR = tmp_path
    write_chapter(tmp_path, "sv", "planera", "# Planera {#planera}\n\n## Faser {#faser}\n\nText.\n")
    client = client_for(org)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get("/hjalp/planera/").content.decode()
    assert '<article class="handbook" lang="sv">' in page
    assert "shown in Swedish" in page


@pytest.mark.django_db
def test_html_in_a_chapter_is_shown_as_text_never_run(client_for, org, settings, tmp_path):
    settings.RADSLAG_HANDBOOK_DIR = tmp_path
    write_chapter(tmp_path, "sv", "planera", (
        "# Planera\n\n<script>alert(1)</script>\n\n<p style=\"color:red\" onclick=\"x()\">hej</p>\n\n"
        "[klicka](javascript:alert(1)) och ![bild](javascript:alert(2))\n"))
    page = client_for(org).get("/hjalp/planera/").content.decode()
    article = page.split('<article class="handbook">', 1)[1].split("</article>", 1)[0]
    assert "<script" not in article and "&lt;script&gt;" in article
    assert "&lt;p style" in article and not re.search(r"<[^>]*\s(?:style|onclick)=", article)
    assert 'href="javascript' not in article and 'src="javascript' not in article


def test_a_heading_anchor_is_stable_and_not_shown(settings, tmp_path):
    settings.RADSLAG_HANDBOOK_DIR = tmp_path
    write_chapter(tmp_path, "sv", "inspel", "# Inspel\n\n## Snabbinmatning av lappar {#snabbinmatning}\n")
    found = handbook.chapter("inspel", "sv")
    assert found is not None
    assert '<h2 id="snabbinmatning">Snabbinmatning av lappar</h2>' in found.html
    assert found.sections == (handbook.Section(anchor="snabbinmatning", title="Snabbinmatning av lappar"),)
