"""The figures as PNG pictures, for the DOCX document (Word shows no SVG without a PNG beside it).

Drawn with Pillow (already installed with WeasyPrint, which uses it for images) from the same layouts
as the SVG figures (`drawing.tree_layout`, `grid_layout`, `timeline_layout`), so that the picture and
the figure on the page agree box for box. Nothing is fetched: the font is DejaVu Sans from the system
(the PDF uses it too), or Pillow's own when it is missing. Each picture's alt text says what it holds
in a sentence or two; the document gives the same content as a table after it.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext, override
from PIL import Image, ImageDraw, ImageFont

from radslag.planning.bilingual import shown
from radslag.planning.document import Section
from radslag.planning.drawing import (
    BOX_H,
    BOX_W,
    FILL,
    GRID_PAD,
    GRID_SIZE,
    Tree,
    box_text,
    grid_layout,
    lines_of,
    timeline_layout,
    tree_layout,
)
from radslag.planning.models import LogframeEntry, Stakeholder, TreeNode

MAX_SIDE = 6000  # pixels: a wide tree is drawn smaller, not cut (its list in the document has every word)
SCALE = 2  # pixels per layout unit, so that the picture stays sharp when Word scales it to the page
INK, GREY, BAR = "#111111", "#333333", "#1f4e79"


@dataclass(frozen=True)
class Picture:
    png: bytes
    title: str  # the figure's name: the picture's title and its caption
    alt: str  # what it shows: the picture's description, which screen readers read


def section_picture(section: Section, language: str) -> Picture | None:
    """The section's figure drawn in `language` (its words, title and alt text), or None if it has none."""
    with override(language):
        if section.tree is not None and section.tree.core is not None:
            title = str(TreeNode.Tree(section.tree.core.node.tree).label)
            return Picture(tree_png(section.tree, language=language), title,
                           tree_alt_text(section.tree, title=title, language=language))
        if section.stakeholders:
            title = _("Interest–influence grid")
            return Picture(grid_png(section.stakeholders, language=language), title,
                           grid_alt_text(section.stakeholders, title=title, language=language))
        if section.activities and (png := timeline_png(section.activities, language=language)):
            title = _("Timeline")
            return Picture(png, title, timeline_alt_text(section.activities, title=title, language=language))
    return None


@functools.lru_cache(maxsize=8)
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    try:
        return ImageFont.truetype("DejaVuSans.ttf", size)
    except OSError:  # no DejaVu on this machine: Pillow's own font (Latin letters, å, ä and ö included)
        return ImageFont.load_default(size)


def _png(image: Image.Image, scale: float = SCALE) -> bytes:
    out = io.BytesIO()
    dpi = 96 * scale  # so that Word's natural size is the figure's size on the page
    image.save(out, format="PNG", optimize=True, dpi=(dpi, dpi))
    return out.getvalue()


def tree_png(tree: Tree, *, language: str) -> bytes:
    """The tree drawn as in `tree_svg`, each statement in `language` (or the other where it is missing)."""
    layout = tree_layout(tree)
    scale = min(float(SCALE), MAX_SIDE / max(layout.width, layout.height, 1))
    image = Image.new("RGB", (max(1, round(layout.width * scale)), max(1, round(layout.height * scale))), "white")
    draw = ImageDraw.Draw(image)
    for x1, y1, x2, y2 in layout.lines:
        draw.line([(x1 * scale, y1 * scale), (x2 * scale, y2 * scale)], fill="#555555", width=max(1, round(scale)))
    font = _font(max(6, round(12 * scale)))
    for node, x, y in layout.boxes:
        box = ((x - BOX_W / 2) * scale, y * scale, (x + BOX_W / 2) * scale, (y + BOX_H) * scale)
        draw.rounded_rectangle(box, radius=6 * scale, fill=FILL[node.kind], outline=GREY,
                               width=max(1, round(scale)))
        text, _lang = box_text(node, language)
        for number, line in enumerate(lines_of(text)):
            draw.text((x * scale, (y + 20 + 15 * number) * scale), line, fill=INK, font=font, anchor="ms")
    return _png(image, scale)


def tree_alt_text(tree: Tree, *, title: str, language: str) -> str:
    """What the picture shows in a few words: the core, how many causes and effects, and where the rest is."""
    if tree.core is None:
        return title
    kinds = [node.kind for node, _x, _y in tree_layout(tree).boxes]
    core, _lang = box_text(tree.core.node, language)
    counts = {"causes": kinds.count(TreeNode.Kind.CAUSE), "effects": kinds.count(TreeNode.Kind.EFFECT)}
    return _("%(title)s. The core: “%(core)s”. Causes (below): %(causes)s. Effects (above): %(effects)s. The "
             "same tree follows as a list.") % {"title": title, "core": core, **counts}


def grid_png(stakeholders: Sequence[Stakeholder], *, language: str) -> bytes:
    """The interest–influence grid drawn as in `grid_svg`: the square, its quadrants, numbered names."""
    layout, s = grid_layout(stakeholders, language=language), SCALE
    image = Image.new("RGB", (layout.side * s, layout.side * s), "white")
    draw = ImageDraw.Draw(image)
    low, high, middle = GRID_PAD * s, (GRID_PAD + GRID_SIZE) * s, (GRID_PAD + GRID_SIZE / 2) * s
    draw.rectangle((low, low, high, high), outline=GREY, width=s)
    draw.line([(middle, low), (middle, high)], fill="#999999", width=s)
    draw.line([(low, middle), (high, middle)], fill="#999999", width=s)
    for label, x, y in layout.quadrants:
        draw.text((x * s, y * s), label, fill=GREY, font=_font(12 * s), anchor="ls")
    draw.text((middle, (layout.side - 12) * s), f"{_('Interest')} →", fill=INK, font=_font(13 * s), anchor="ms")
    _upward_text(image, f"{_('Influence')} →", centre=(10 * s, round(middle)), font=_font(13 * s))
    for x, y, label, _lang in layout.people:
        draw.ellipse(((x - 12) * s, (y - 8) * s, (x - 4) * s, y * s), fill=BAR)
        draw.text((x * s, y * s), label, fill=INK, font=_font(11 * s), anchor="ls")
    return _png(image)


def _upward_text(image: Image.Image, text: str, *, centre: tuple[int, int], font: ImageFont.FreeTypeFont
                 | ImageFont.ImageFont) -> None:
    """Text read from the bottom up (the vertical axis's name), centred on `centre`."""
    left, top, right, bottom = font.getbbox(text)
    label = Image.new("L", (int(right - left) + 2, int(bottom - top) + 2), 0)
    ImageDraw.Draw(label).text((-left + 1, -top + 1), text, fill=255, font=font)
    turned = label.rotate(90, expand=True)
    at = (max(0, centre[0] - turned.width // 2), max(0, centre[1] - turned.height // 2))
    image.paste(Image.new("RGB", turned.size, INK), at, turned)


def grid_alt_text(stakeholders: Sequence[Stakeholder], *, title: str, language: str) -> str:
    """How many are placed, and who has much interest and much influence (those to manage closely)."""
    count = len(stakeholders)
    text = ngettext("%(title)s: %(count)s stakeholder placed by interest (across, 1–5) and influence (up, 1–5), "
                    "numbered as in the table.",
                    "%(title)s: %(count)s stakeholders placed by interest (across, 1–5) and influence (up, 1–5), "
                    "numbered as in the table.", count) % {"title": title, "count": count}
    close = [shown(person, "name", language).text for person in stakeholders
             if person.interest >= 4 and person.influence >= 4]
    if close:
        text += " " + _("Much interest and much influence (4 or 5 on both): %(names)s.") % {"names": ", ".join(close)}
    else:
        text += " " + _("Nobody has much interest and much influence (4 or 5 on both).")
    return f"{text} {_('The same figures follow as a table.')}"


def timeline_png(activities: Sequence[LogframeEntry], *, language: str) -> bytes | None:
    """The timeline drawn as in `timeline_svg`; None when no activity has both its dates."""
    layout, s = timeline_layout(activities, language=language), SCALE
    if layout is None:
        return None
    image = Image.new("RGB", (layout.width * s, layout.height * s), "white")
    draw = ImageDraw.Draw(image)
    for x, name in layout.months:
        draw.line([(x * s, 20 * s), (x * s, layout.height * s)], fill="#dddddd", width=s)
        draw.text(((x + 2) * s, 14 * s), name, fill=GREY, font=_font(10 * s), anchor="ls")
    for y, start, end, name, _lang in layout.bars:
        draw.text((4 * s, (y + 13) * s), name, fill=INK, font=_font(11 * s), anchor="ls")
        draw.rectangle((start * s, y * s, (start + max(end - start, 4)) * s, (y + 16) * s), fill=BAR)
    return _png(image)


def timeline_alt_text(activities: Sequence[LogframeEntry], *, title: str, language: str) -> str:
    """How many activities run from when to when, and how many have no bar for want of a date."""
    layout = timeline_layout(activities, language=language)
    if layout is None:
        return title
    count = len(layout.bars)
    text = ngettext("%(title)s: %(count)s activity as a bar from its start to its end, %(first)s to %(last)s, "
                    "along a time axis by month.",
                    "%(title)s: %(count)s activities as bars from start to end, %(first)s to %(last)s, along a "
                    "time axis by month.", count) % {
        "title": title, "count": count, "first": layout.first.isoformat(), "last": layout.last.isoformat()}
    undated = len(activities) - count
    if undated:
        text += " " + ngettext("%(count)s activity without both dates has no bar.",
                               "%(count)s activities without both dates have no bar.", undated) % {"count": undated}
    return f"{text} {_('The activity plan follows as a table with the same dates.')}"
