"""The safe Markdown subset newsletters are written in: headings, paragraphs, emphasis, lists, links
and images. Raw HTML is never passed through; the same text renders to HTML (mail and archive page)
and to plain text (the mail's text part)."""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.token import Token

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).disable(
    ["html_block", "html_inline"]
)


def to_html(text: str) -> str:
    return _md.render(text)


def _images(text: str) -> list[Token]:
    return [child for token in _md.parse(text) for child in token.children or [] if child.type == "image"]


def image_sources(text: str) -> list[str]:
    """The address of every image in the text, in order."""
    return [str(image.attrGet("src") or "") for image in _images(text)]


def image_alt_missing(text: str) -> list[str]:
    """The addresses of images written without alt text (`![](src)`): such a newsletter may not be sent."""
    return [str(image.attrGet("src") or "") for image in _images(text) if not image.content.strip()]
