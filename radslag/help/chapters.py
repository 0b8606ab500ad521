"""The handbook's chapters: Markdown files under docs/handbook/<language>/, rendered to safe HTML.

The Markdown in the repository is the handbook; these pages only show it. Raw HTML in a file is
escaped, never passed on, so a chapter can carry no script or inline style. A heading may end with
`{#anchor}` to give it a stable id that help links point at; the id is the same in every language.
Links to another chapter (`moderering.md#koen`) and images (`../images/x.png`) are written so that
they also work when the Markdown is read on a code host; here they become the site's addresses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils.text import slugify
from markdown_it import MarkdownIt
from markdown_it.token import Token

FALLBACK_LANGUAGE = "sv"
# Reading order; the slug is the file name and the address, the same in every language.
CHAPTERS = (
    "kom-igang",
    "planera",
    "inspel",
    "moderering",
    "analys",
    "omrostning",
    "aterkoppling",
    "bordsvard-och-moderator",
    "administration",
)
_ANCHOR = re.compile(r"\s*\{#([a-z0-9][a-z0-9-]*)\}\s*$")
_CHAPTER_LINK = re.compile(r"^(?:\./)?([a-z0-9-]+)\.md(#[a-z0-9-]+)?$")
_IMAGE = re.compile(r"^\.\./images/([a-z0-9-]+\.png)$")


@dataclass(frozen=True)
class Section:
    anchor: str
    title: str


@dataclass(frozen=True)
class Chapter:
    slug: str
    language: str  # the language the text is in (Swedish when no translation exists)
    title: str
    sections: tuple[Section, ...]
    html: str


def handbook_dir() -> Path:
    return Path(getattr(settings, "RADSLAG_HANDBOOK_DIR", settings.BASE_DIR / "docs" / "handbook"))


def chapter(slug: str, language: str) -> Chapter | None:
    """The chapter in `language`, else in Swedish; None when there is no such chapter."""
    if slug not in CHAPTERS:
        return None
    for lang in dict.fromkeys((language, FALLBACK_LANGUAGE)):
        path = handbook_dir() / lang / f"{slug}.md"
        if path.is_file():
            return _rendered(str(path), path.stat().st_mtime_ns, slug, lang)
    return None


def all_chapters(language: str) -> list[Chapter]:
    return [found for slug in CHAPTERS if (found := chapter(slug, language)) is not None]


@lru_cache(maxsize=64)
def _rendered(path: str, _mtime_ns: int, slug: str, language: str) -> Chapter:
    """Rendered once per file version; the modification time in the key drops stale entries."""
    text = Path(path).read_text(encoding="utf-8")
    markdown = MarkdownIt("commonmark", {"html": False, "typographer": False}).enable("table")
    tokens = markdown.parse(text)
    title, sections = _set_anchors(tokens)
    _rewrite_addresses(tokens)
    html = markdown.renderer.render(tokens, markdown.options, {})
    return Chapter(slug=slug, language=language, title=title or slug, sections=tuple(sections), html=html)


def _set_anchors(tokens: list[Token]) -> tuple[str, list[Section]]:
    """Give every heading an id (its `{#anchor}`, else a slug of its text); return title and h2s."""
    title, sections, used = "", [], set()
    for index, token in enumerate(tokens):
        if token.type != "heading_open":
            continue
        inline = tokens[index + 1]
        match = _ANCHOR.search(inline.content)
        text = _ANCHOR.sub("", inline.content)
        if match and inline.children:
            inline.children[-1].content = _ANCHOR.sub("", inline.children[-1].content)
        anchor = match.group(1) if match else slugify(text) or f"avsnitt-{index}"
        while anchor in used:
            anchor += "-2"
        used.add(anchor)
        token.attrSet("id", anchor)
        if token.tag == "h1" and not title:
            title = text
        elif token.tag == "h2":
            sections.append(Section(anchor=anchor, title=text))
    return title, sections


def _rewrite_addresses(tokens: list[Token]) -> None:
    for token in tokens:
        for child in token.children or ():
            if child.type == "link_open":
                link = _CHAPTER_LINK.match(str(child.attrGet("href") or ""))
                if link:
                    url = reverse("help:chapter", kwargs={"chapter": link.group(1)})
                    child.attrSet("href", url + (link.group(2) or ""))
            elif child.type == "image":
                image = _IMAGE.match(str(child.attrGet("src") or ""))
                if image:
                    child.attrSet("src", static(f"handbook/{image.group(1)}"))
                    child.attrSet("loading", "lazy")
