"""What the public results page shows, read from the latest snapshot: small groups folded into "others"."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from radslag.core.models import SMALL_GROUP_THRESHOLD
from radslag.opinions.models import Conversation, OpinionSnapshot, Participant, StatementVote

# Shapes and colours go together so that a group never depends on colour alone.
STYLES = (("circle", "#1b5e9e"), ("square", "#b34700"), ("triangle", "#2e7d32"), ("diamond", "#7b1fa2"),
          ("cross", "#6d4c41"))
OTHERS_STYLE = ("ring", "#6b6b6b")
SHAPE_NAMES = {"circle": gettext_lazy("filled circle"), "square": gettext_lazy("square"),
               "triangle": gettext_lazy("triangle"), "diamond": gettext_lazy("diamond"),
               "cross": gettext_lazy("cross"), "ring": gettext_lazy("ring")}
WIDTH, HEIGHT, PAD = 400, 300, 18
REPRESENTATIVE_SHOWN, CONSENSUS_SHOWN = 5, 8


def mark(shape: str, colour: str, x: float, y: float, r: float = 4.5) -> SafeString:
    """One participant's mark in the SVG map; each shape is recognisable without its colour."""
    if shape == "circle":
        return format_html('<circle cx="{}" cy="{}" r="{}" fill="{}"/>', x, y, r, colour)
    if shape == "square":
        return format_html('<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>',
                           round(x - r * .85, 1), round(y - r * .85, 1), round(r * 1.7, 1), round(r * 1.7, 1), colour)
    if shape in ("triangle", "diamond"):
        corners = ([(0, -r), (r, r * .8), (-r, r * .8)] if shape == "triangle"
                   else [(0, -r * 1.2), (r, 0), (0, r * 1.2), (-r, 0)])
        points = " ".join(f"{round(x + dx, 1)},{round(y + dy, 1)}" for dx, dy in corners)
        return format_html('<polygon points="{}" fill="{}"/>', points, colour)
    if shape == "cross":
        a, b = round(r * .9, 1), 2.5
        return format_html('<path d="M{} {}L{} {}M{} {}L{} {}" stroke="{}" stroke-width="{}"/>',
                           x - a, y - a, x + a, y + a, x + a, y - a, x - a, y + a, colour, b)
    return format_html('<circle cx="{}" cy="{}" r="{}" fill="none" stroke="{}" stroke-width="2"/>', x, y, r - 1, colour)


@dataclass
class StatementFigure:
    statement_id: int
    text: str
    direction: str
    share: int  # per cent of the group (or everyone) answering in that direction
    share_rest: int | None = None
    your_answer: int | None = None


@dataclass
class GroupView:
    key: str
    label: str
    shape: str
    colour: str
    participants: list[str]
    share: int = 0
    representative: list[StatementFigure] = field(default_factory=list)

    @property
    def shape_name(self) -> str:
        return str(SHAPE_NAMES[self.shape])

    @property
    def legend(self) -> SafeString:
        return format_html('<svg width="14" height="14" viewBox="-7 -7 14 14" focusable="false" aria-hidden="true">'
                           "{}</svg>", mark(self.shape, self.colour, 0, 0, 5))


@dataclass
class Point:
    x: float
    y: float
    shape: str
    colour: str
    is_you: bool

    @property
    def markup(self) -> SafeString:
        if self.is_you:
            return format_html('<g class="you">{}<circle cx="{}" cy="{}" r="11" fill="none" stroke="#000" '
                               'stroke-width="2.5"/></g>', mark(self.shape, self.colour, self.x, self.y, 7),
                               self.x, self.y)
        return mark(self.shape, self.colour, self.x, self.y)


@dataclass
class ResultsView:
    snapshot: OpinionSnapshot | None
    groups: list[GroupView]
    others: GroupView | None
    consensus: list[StatementFigure]
    points: list[Point]
    clustered: int
    your_group: GroupView | None = None
    you_placed: bool = False
    your_votes: int = 0


def _percent(value: float) -> int:
    return round(100 * value)


def _figures(items: list[dict[str, Any]], texts: dict[int, str], limit: int, *, rest: bool) -> list[StatementFigure]:
    figures = []
    for item in items:
        pk = int(item["statement_id"])
        if pk in texts:
            figures.append(StatementFigure(pk, texts[pk], item["direction"], _percent(item["probability"]),
                                           _percent(item["probability_rest"]) if rest else None))
        if len(figures) == limit:
            break
    return figures


def _groups(result: dict[str, Any], texts: dict[int, str]) -> tuple[list[GroupView], GroupView | None]:
    shown: list[GroupView] = []
    small: list[str] = []
    for group in result.get("groups", []):
        if len(group["participants"]) < SMALL_GROUP_THRESHOLD:
            small += group["participants"]
            continue
        shape, colour = STYLES[len(shown) % len(STYLES)]
        label = _("Group %(letter)s") % {"letter": chr(ord("A") + len(shown))}
        shown.append(GroupView(str(group["id"]), label, shape, colour, group["participants"],
                               representative=_figures(group["representative"], texts, REPRESENTATIVE_SHOWN,
                                                       rest=True)))
    others = GroupView("others", _("Others (small groups)"), *OTHERS_STYLE, small) if small else None
    return shown, others


def _points(result: dict[str, Any], groups: list[GroupView], you: str | None) -> list[Point]:
    positions: dict[str, list[float]] = result.get("positions", {})
    if not positions:
        return []
    xs, ys = [p[0] for p in positions.values()], [p[1] for p in positions.values()]
    span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    points = []
    for group in groups:
        for pid in group.participants:
            x, y = positions[pid]
            points.append(Point(
                round(PAD + (x - min(xs)) / span_x * (WIDTH - 2 * PAD), 1),
                round(PAD + (y - min(ys)) / span_y * (HEIGHT - 2 * PAD), 1),
                group.shape, group.colour, pid == you,
            ))
    points.sort(key=lambda point: point.is_you)  # the participant's own point is drawn last, on top
    return points


def _compare_votes(view: ResultsView, participant: Participant) -> None:
    answers = dict(StatementVote.objects.filter(participant=participant).values_list("statement_id", "value"))
    view.your_votes = len(answers)
    for group in view.groups:
        for figure in group.representative:
            figure.your_answer = answers.get(figure.statement_id)


def build_results(conversation: Conversation, participant: Participant | None) -> ResultsView:
    snapshot = OpinionSnapshot.objects.filter(conversation=conversation).first()
    result = snapshot.result if snapshot else {}
    texts = dict(conversation.statements.accepted().values_list("pk", "text"))
    groups, others = _groups(result, texts)
    clustered = sum(len(g.participants) for g in groups) + (len(others.participants) if others else 0)
    for group in [*groups, *([others] if others else [])]:
        group.share = _percent(len(group.participants) / clustered) if clustered else 0
    you = str(participant.pk) if participant else None
    view = ResultsView(
        snapshot, groups, others, _figures(result.get("consensus", []), texts, CONSENSUS_SHOWN, rest=False),
        _points(result, [*groups, *([others] if others else [])], you), clustered,
    )
    if participant is not None:
        view.you_placed = you in result.get("positions", {})
        view.your_group = next((g for g in [*groups, *([others] if others else [])] if you in g.participants), None)
        _compare_votes(view, participant)
    return view
