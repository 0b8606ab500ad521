"""The safe Markdown subset newsletters are written in: headings, paragraphs, emphasis, lists, links
and images. Raw HTML is never passed through; the same text renders to HTML (mail and archive page)
and to plain text (the mail's text part)."""

from __future__ import annotations

from markdown_it import MarkdownIt

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).disable(
    ["html_block", "html_inline"]
)


def to_html(text: str) -> str:
    return _md.render(text)


def image_alt_missing(text: str) -> list[str]:
    """The addresses of images written without alt text (`![](src)`): such a newsletter may not be sent."""
    missing = []
    for token in _md.parse(text):
        for child in token.children or []:
            if child.type == "image" and not child.content.strip():
                missing.append(str(child.attrGet("src") or ""))
    return missing
