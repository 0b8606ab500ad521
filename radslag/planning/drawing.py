"""Figures drawn on the server as SVG: the trees, the interest–influence grid and the timeline.

Each figure is an image with a title and a description (`role="img"`); the page shows the same
content as a nested list or a table beside it, which is what screen readers and keyboards use.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from radslag.planning.bilingual import current_language, shown
from radslag.planning.models import LogframeEntry, Risk, Stakeholder, TreeNode

BOX_W, BOX_H, GAP_X, ROW_H = 170, 64, 14, 100
FILL = {"core": "#fde2b3", "cause": "#dbe9f7", "effect": "#e6f2dc"}


@dataclass
class Branch:
    """A node with its children, as the tree is shown (effects above the core, causes below)."""

    node: TreeNode
    children: list[Branch] = field(default_factory=list)


@dataclass(frozen=True)
class Tree:
    core: Branch | None
    loose: list[TreeNode]  # nodes not reachable from the core (none, unless data was edited by hand)

    @property
    def causes(self) -> list[Branch]:
        return [b for b in self.core.children if b.node.kind == TreeNode.Kind.CAUSE] if self.core else []

    @property
    def effects(self) -> list[Branch]:
        return [b for b in self.core.children if b.node.kind == TreeNode.Kind.EFFECT] if self.core else []


def build_tree(nodes: Sequence[TreeNode]) -> Tree:
    branches = {node.pk: Branch(node) for node in nodes}
    core = None
    for node in nodes:
        if node.parent_id is None:
            core = core or branches[node.pk] if node.kind == TreeNode.Kind.CORE else core
        elif node.parent_id in branches:
            branches[node.parent_id].children.append(branches[node.pk])
    reached: set[int] = set()
    todo = [core] if core else []
    while todo:
        branch = todo.pop()
        reached.add(branch.node.pk)
        todo.extend(branch.children)
    return Tree(core, [node for node in nodes if node.pk not in reached])


def lines_of(text: str, width: int = 24, count: int = 3) -> list[str]:
    """Words in lines of at most `width` characters, at most `count` lines, the last cut with "…".

    A plain loop: textwrap's regular expressions were most of the figure's time on a 500-node tree.
    """
    lines: list[str] = []
    current = ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
            if len(lines) == count:
                break
        else:
            current = f"{current} {word}" if current else word
    else:
        lines.append(current)
    lines = [line[:width] for line in lines[:count]] or [""]
    if len(" ".join(lines)) < len(" ".join(text.split())):
        lines[-1] = lines[-1][: width - 1] + "…"
    return lines


def _place(branch: Branch, depth: int, next_slot: list[int], out: list[tuple[Branch, float, int]]) -> float:
    if not branch.children:
        x = float(next_slot[0])
        next_slot[0] += 1
    else:
        xs = [_place(child, depth + 1, next_slot, out) for child in branch.children]
        x = (xs[0] + xs[-1]) / 2
    out.append((branch, x, depth))
    return x


def _side(branches: list[Branch]) -> tuple[list[tuple[Branch, float, int]], int, int]:
    out: list[tuple[Branch, float, int]] = []
    slot = [0]
    for branch in branches:
        _place(branch, 1, slot, out)
    depth = max((d for _b, _x, d in out), default=0)
    return out, slot[0], depth


@dataclass(frozen=True)
class Layout:
    """Where a tree's boxes and lines go: the one layout that the SVG figure and the DOCX picture share."""

    width: float
    height: float
    boxes: list[tuple[TreeNode, float, float]]  # each node with its box's centre x and top y
    lines: list[tuple[float, float, float, float]]  # from a box to its parent's box


def tree_layout(tree: Tree) -> Layout:
    """Effects rise above the core problem, causes hang below it; each parent centred over its children."""
    if tree.core is None:
        return Layout(0, 0, [], [])
    effects, effect_slots, up = _side(tree.effects)
    causes, cause_slots, down = _side(tree.causes)
    slots = max(effect_slots, cause_slots, 1)
    width = slots * (BOX_W + GAP_X) + GAP_X
    core_y = up * ROW_H + 20
    height = core_y + (down + 1) * ROW_H
    centre = width / 2

    def x_of(slot: float, used: int) -> float:
        return centre + (slot - (used - 1) / 2) * (BOX_W + GAP_X)

    where: dict[int, tuple[float, float]] = {tree.core.node.pk: (centre, core_y)}
    for placed, used, sign in ((effects, effect_slots, -1), (causes, cause_slots, 1)):
        for branch, slot, depth in placed:
            where[branch.node.pk] = (x_of(slot, used), core_y + sign * depth * ROW_H)
    by_pk = _nodes_by_pk(tree)
    boxes, lines = [], []
    for pk, (x, y) in where.items():
        node = by_pk[pk]
        boxes.append((node, x, y))
        if node.parent_id in where:
            px, py = where[node.parent_id]
            top, bottom = (y + BOX_H, py) if node.kind == TreeNode.Kind.EFFECT else (y, py + BOX_H)
            lines.append((x, top, px, bottom))
    return Layout(width, height, boxes, lines)


def box_text(node: TreeNode, language: str) -> tuple[str, str]:
    """A box's statement in `language`, or in the other one where it is missing, with its language code."""
    text, lang = (node.text_sv, "sv") if language == "sv" else (node.text_en, "en")
    if not text:
        text, lang = (node.text_en, "en") if language == "sv" else (node.text_sv, "sv")
    return text, lang


def tree_svg(tree: Tree, *, title: str, language: str | None = None) -> SafeString:
    """The tree as an SVG figure: effects rise above the core problem, causes hang below it."""
    if tree.core is None:
        return mark_safe("")
    layout = tree_layout(tree)
    width, height = layout.width, layout.height
    language = current_language(language)
    name = f"{tree.core.node.tree}-{language}"  # ids stay unique where a document has a figure per language
    desc = escape(_("The same tree follows as a nested list."))
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="tree-figure" role="img" width="{width:.0f}" '
             f'height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}" '
             f'aria-labelledby="tree-title-{name} tree-desc-{name}"><title id="tree-title-{name}">{escape(title)}'
             f'</title><desc id="tree-desc-{name}">{desc}</desc>']
    parts.extend(f'<line x1="{x1:.0f}" y1="{y1:.0f}" x2="{x2:.0f}" y2="{y2:.0f}" stroke="#555" />'
                 for x1, y1, x2, y2 in layout.lines)
    for node, x, y in layout.boxes:
        text, lang = box_text(node, language)
        label = "".join(f'<tspan x="{x:.0f}" dy="{0 if i == 0 else 15}">{escape(line)}</tspan>'
                        for i, line in enumerate(lines_of(text)))
        parts.append(f'<g><rect x="{x - BOX_W / 2:.0f}" y="{y:.0f}" width="{BOX_W}" height="{BOX_H}" rx="6" '
                     f'fill="{FILL[node.kind]}" stroke="#333" /><text x="{x:.0f}" y="{y + 20:.0f}" '
                     f'text-anchor="middle" font-size="12" fill="#111" lang="{lang}">{label}</text></g>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def _nodes_by_pk(tree: Tree) -> dict[int, TreeNode]:
    found: dict[int, TreeNode] = {}
    todo = [tree.core] if tree.core else []
    while todo:
        branch = todo.pop()
        found[branch.node.pk] = branch.node
        todo.extend(branch.children)
    return found


GRID_SIZE, GRID_PAD = 420, 50  # the grid's square and the margin round it for the axes' names


@dataclass(frozen=True)
class GridLayout:
    """Where the grid's words go: the one layout that the SVG figure and the DOCX picture share."""

    side: int  # the figure's width and height
    quadrants: list[tuple[str, float, float]]  # each quadrant's name at its start x and baseline y
    people: list[tuple[float, float, str, str]]  # each stakeholder's "number. name" at x, y, and its language


def grid_layout(stakeholders: Sequence[Stakeholder], *, language: str | None = None) -> GridLayout:
    """Interest across, influence up; stakeholders in the same cell one under the other, numbered as in the table."""
    size, pad, cell = GRID_SIZE, GRID_PAD, GRID_SIZE / 5
    quadrants = [(_("Keep satisfied"), pad + 6, pad + 16), (_("Manage closely"), pad + size / 2 + 6, pad + 16),
                 (_("Monitor"), pad + 6, pad + size - 8), (_("Keep informed"), pad + size / 2 + 6, pad + size - 8)]
    seen: dict[tuple[int, int], int] = {}
    people = []
    for number, person in enumerate(stakeholders, start=1):
        at = (person.interest, person.influence)
        offset = seen.get(at, 0)
        seen[at] = offset + 1
        x = pad + (person.interest - 0.5) * cell - 22
        y = pad + size - (person.influence - 0.5) * cell + offset * 14 - 7
        name = shown(person, "name", language)
        people.append((x, y, f"{number}. {lines_of(name.text, 14, 1)[0]}", name.lang))
    return GridLayout(size + 2 * pad, [(str(label), x, y) for label, x, y in quadrants], people)


def grid_svg(stakeholders: Sequence[Stakeholder], *, language: str | None = None) -> SafeString:
    """The interest–influence grid: interest across, influence up, the four usual quadrants."""
    size, pad = GRID_SIZE, GRID_PAD
    layout = grid_layout(stakeholders, language=language)
    side = layout.side
    grid_desc = _("Each stakeholder placed by interest (across) and influence (up). The same figures follow as "
                  "a table.")
    lang = current_language(language)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="grid-figure" role="img" width="{side}" '
             f'height="{side}" viewBox="0 0 {side} {side}" '
             f'aria-labelledby="grid-title-{lang} grid-desc-{lang}"><title id="grid-title-{lang}">'
             f'{escape(_("Interest–influence grid"))}</title><desc id="grid-desc-{lang}">{escape(grid_desc)}</desc>',
             f'<rect x="{pad}" y="{pad}" width="{size}" height="{size}" fill="#fff" stroke="#333" />',
             f'<line x1="{pad + size / 2}" y1="{pad}" x2="{pad + size / 2}" y2="{pad + size}" stroke="#999" />',
             f'<line x1="{pad}" y1="{pad + size / 2}" x2="{pad + size}" y2="{pad + size / 2}" stroke="#999" />']
    for label, x, y in layout.quadrants:
        parts.append(f'<text x="{x:.0f}" y="{y:.0f}" font-size="12" fill="#333">{escape(label)}</text>')
    parts.append(f'<text x="{pad + size / 2:.0f}" y="{side - 12}" text-anchor="middle" font-size="13" '
                 f'fill="#111">{escape(_("Interest"))} →</text>')
    parts.append(f'<text x="16" y="{pad + size / 2:.0f}" text-anchor="middle" font-size="13" fill="#111" '
                 f'transform="rotate(-90 16 {pad + size / 2:.0f})">{escape(_("Influence"))} →</text>')
    for x, y, label, label_lang in layout.people:
        parts.append(f'<circle cx="{x - 8:.0f}" cy="{y - 4:.0f}" r="4" fill="#1f4e79" />'
                     f'<text x="{x:.0f}" y="{y:.0f}" font-size="11" fill="#111" lang="{label_lang}">'
                     f'{escape(label)}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


TIMELINE_LABEL_W, TIMELINE_W, TIMELINE_ROW = 220, 560, 26  # the names' column, the time axis, a bar's row


@dataclass(frozen=True)
class TimelineLayout:
    """Where the timeline's months and bars go: shared by the SVG figure and the DOCX picture."""

    width: int
    height: int
    months: list[tuple[float, str]]  # each month's line at x, named "YYYY-MM"
    bars: list[tuple[float, float, float, str, str]]  # each activity's row top y, bar start and end x, name, lang
    first: dt.date
    last: dt.date


def timeline_layout(activities: Sequence[LogframeEntry], *, language: str | None = None) -> TimelineLayout | None:
    """Activities with both dates as bars along a time axis, by month; None when no activity has both."""
    dated = [a for a in activities if a.starts_on and a.ends_on]
    if not dated:
        return None
    first = min(a.starts_on for a in dated if a.starts_on)
    last = max(a.ends_on for a in dated if a.ends_on)
    days = max((last - first).days, 1)
    label_w, width = TIMELINE_LABEL_W, TIMELINE_W
    months = []
    month = dt.date(first.year, first.month, 1)
    while month <= last:
        months.append((label_w + max((month - first).days, 0) / days * width, f"{month:%Y-%m}"))
        month = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    bars: list[tuple[float, float, float, str, str]] = []
    for index, activity in enumerate(dated):
        start = label_w + (activity.starts_on - first).days / days * width  # type: ignore[operator]
        end = label_w + (activity.ends_on - first).days / days * width  # type: ignore[operator]
        text = shown(activity, "text", language)
        bars.append((28 + index * TIMELINE_ROW, start, end, lines_of(text.text, 34, 1)[0], text.lang))
    return TimelineLayout(label_w + width + 20, 40 + TIMELINE_ROW * len(dated), months, bars, first, last)


def timeline_svg(activities: Sequence[LogframeEntry], *, language: str | None = None) -> SafeString:
    """Activities with dates as bars along a time axis, by month."""
    layout = timeline_layout(activities, language=language)
    if layout is None:
        return mark_safe("")
    timeline_desc = _("Activities as bars from start to end. The activity plan table has the same dates.")
    width, height = layout.width, layout.height
    lang = current_language(language)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline-figure" role="img" '
             f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
             f'aria-labelledby="timeline-title-{lang} timeline-desc-{lang}"><title id="timeline-title-{lang}">'
             f'{escape(_("Timeline"))}</title><desc id="timeline-desc-{lang}">{escape(timeline_desc)}</desc>']
    parts.extend(f'<line x1="{x:.0f}" y1="20" x2="{x:.0f}" y2="{height}" stroke="#ddd" />'
                 f'<text x="{x + 2:.0f}" y="14" font-size="10" fill="#333">{name}</text>' for x, name in layout.months)
    for y, start, end, name, name_lang in layout.bars:
        parts.append(f'<text x="4" y="{y + 13:.0f}" font-size="11" fill="#111" lang="{name_lang}">'
                     f'{escape(name)}</text><rect x="{start:.0f}" y="{y:.0f}" '
                     f'width="{max(end - start, 4):.0f}" height="16" fill="#1f4e79" />')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def _risk_fill(score: int) -> str:
    return "#f4c7c0" if score >= 15 else "#fde2b3" if score >= 8 else "#fdf3c4" if score >= 4 else "#e6f2dc"


def risk_matrix_svg(risks: Sequence[Risk], *, language: str | None = None) -> SafeString:
    """The 5×5 risk matrix: likelihood across, impact up, each risk in its cell as on the risk page (R and
    its number, then its words); a cell with more than it can show says how many more."""
    cell_w, cell_h, left, top, shown_per_cell = 150, 96, 64, 12, 5
    width, height = left + 5 * cell_w + 10, top + 5 * cell_h + 48
    matrix_desc = _("Each risk placed by likelihood (across) and impact (up); a redder cell is a greater risk.")
    lang = current_language(language)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="risk-figure" role="img" width="{width}" '
             f'height="{height}" viewBox="0 0 {width} {height}" aria-labelledby="risk-title-{lang} risk-desc-{lang}">'
             f'<title id="risk-title-{lang}">{escape(_("Risk matrix"))}</title><desc id="risk-desc-{lang}">'
             f'{escape(matrix_desc)}</desc>']
    for row, cells in enumerate(risk_cells(risks)):
        impact = 5 - row
        y = top + row * cell_h
        parts.append(f'<text x="{left - 10}" y="{y + cell_h / 2 + 5:.0f}" text-anchor="end" font-size="14" '
                     f'fill="#111">{impact}</text>')
        for column, found in enumerate(cells):
            x = left + column * cell_w
            parts.append(f'<rect x="{x}" y="{y}" width="{cell_w}" height="{cell_h}" '
                         f'fill="{_risk_fill(impact * (column + 1))}" stroke="#555" />')
            for number, risk in enumerate(found[:shown_per_cell - 1] if len(found) > shown_per_cell else found):
                text = shown(risk, "text", language)
                parts.append(f'<text x="{x + 6}" y="{y + 17 + number * 17}" font-size="12" fill="#111" '
                             f'lang="{text.lang}">R{risk.pk} {escape(lines_of(text.text, 18, 1)[0])}</text>')
            if len(found) > shown_per_cell:
                more = _("and %(count)s more") % {"count": len(found) - shown_per_cell + 1}
                parts.append(f'<text x="{x + 6}" y="{y + 17 + (shown_per_cell - 1) * 17}" font-size="12" '
                             f'fill="#111">{escape(more)}</text>')
    bottom = top + 5 * cell_h
    parts.extend(f'<text x="{left + (n - 0.5) * cell_w:.0f}" y="{bottom + 18}" text-anchor="middle" '
                 f'font-size="14" fill="#111">{n}</text>' for n in range(1, 6))
    parts.append(f'<text x="{left + 2.5 * cell_w:.0f}" y="{bottom + 40}" text-anchor="middle" font-size="14" '
                 f'fill="#111">{escape(_("Likelihood"))} →</text>')
    parts.append(f'<text x="18" y="{top + 2.5 * cell_h:.0f}" text-anchor="middle" font-size="14" fill="#111" '
                 f'transform="rotate(-90 18 {top + 2.5 * cell_h:.0f})">{escape(_("Impact"))} →</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def risk_cells(risks: Sequence[Any]) -> list[list[list[Any]]]:
    """The 5×5 matrix as rows from impact 5 down to 1, columns likelihood 1 to 5, each cell its risks."""
    cells: list[list[list[Any]]] = [[[] for _l in range(5)] for _i in range(5)]
    for risk in risks:
        cells[5 - risk.impact][risk.likelihood - 1].append(risk)
    return cells
