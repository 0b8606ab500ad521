"""A tree as a PNG picture, for the DOCX document (Word shows no SVG without a PNG beside it).

Drawn with Pillow (already installed with WeasyPrint, which uses it for images) from the same layout
as the SVG figure, so the picture and the figure on the page agree box for box. Nothing is fetched:
the font is DejaVu Sans from the system (the PDF uses it too), or Pillow's own when it is missing.
The picture's alt text says what the tree holds in a sentence; the document lists the whole tree
after it.
"""

from __future__ import annotations

import functools
import io

from django.utils.translation import gettext as _
from PIL import Image, ImageDraw, ImageFont

from radslag.planning.drawing import BOX_H, BOX_W, FILL, Tree, box_text, lines_of, tree_layout
from radslag.planning.models import TreeNode

MAX_SIDE = 6000  # pixels: a wide tree is drawn smaller, not cut (its list in the document has every word)
SCALE = 2  # pixels per layout unit, so that the picture stays sharp when Word scales it to the page


@functools.lru_cache(maxsize=4)
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    try:
        return ImageFont.truetype("DejaVuSans.ttf", size)
    except OSError:  # no DejaVu on this machine: Pillow's own font (Latin letters, å, ä and ö included)
        return ImageFont.load_default(size)


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
        draw.rounded_rectangle(box, radius=6 * scale, fill=FILL[node.kind], outline="#333333",
                               width=max(1, round(scale)))
        text, _lang = box_text(node, language)
        for number, line in enumerate(lines_of(text)):
            draw.text((x * scale, (y + 20 + 15 * number) * scale), line, fill="#111111", font=font, anchor="ms")
    out = io.BytesIO()
    dpi = 96 * scale  # so that Word's natural size is the figure's size on the page
    image.save(out, format="PNG", optimize=True, dpi=(dpi, dpi))
    return out.getvalue()


def tree_alt_text(tree: Tree, *, title: str, language: str) -> str:
    """What the picture shows in a few words: the core, how many causes and effects, and where the rest is."""
    if tree.core is None:
        return title
    kinds = [node.kind for node, _x, _y in tree_layout(tree).boxes]
    core, _lang = box_text(tree.core.node, language)
    counts = {"causes": kinds.count(TreeNode.Kind.CAUSE), "effects": kinds.count(TreeNode.Kind.EFFECT)}
    return _("%(title)s. The core: “%(core)s”. Causes (below): %(causes)s. Effects (above): %(effects)s. The "
             "same tree follows as a list.") % {"title": title, "core": core, **counts}
