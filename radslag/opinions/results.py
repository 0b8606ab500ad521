"""What the public results page shows, read from the latest snapshot: small groups folded into "others".

The engine's smoothed estimates choose which statements set a group apart and where the groups agree,
as in Pol.is; the page then shows what people actually did with each chosen statement (5 of 5
disagree, 100 %), counted from the stored answers, never the estimate itself.

Every participant in the groups is one mark on the map. People who answered alike sit on the same
spot, so marks closer than a mark's width are spread on a small sunflower spiral around the spot and
the spot is labelled with how many marks it holds (`_spread`).
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from radslag.analysis import disclosure
from radslag.core.localized import LocalizedText, localized
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


@dataclass(frozen=True)
class Tally:
    """What people did with one statement: how many answered it and how many in the figure's direction."""

    count: int
    answered: int

    @property
    def share(self) -> int | None:
        """Per cent of those who answered, halves rounded up; None when nobody answered."""
        return disclosure.percent(self.count, self.answered) if self.answered else None


@dataclass
class StatementFigure:
    statement_id: int
    text: str
    direction: str  # "agree" or "disagree", as the engine chose the statement
    group: Tally = Tally(0, 0)  # in the group (for where the groups agree: everyone in a group)
    rest: Tally | None = None  # everyone in the other groups
    your_answer: int | None = None
    lang: str = ""  # set when the text is the Swedish original shown in another interface language


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
    participant: str = ""

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
    stacks: list[tuple[float, float, int]] = field(default_factory=list)  # (x, y, marks) of shared spots
    your_group: GroupView | None = None
    you_placed: bool = False
    your_votes: int = 0


def _figures(items: list[dict[str, Any]], texts: dict[int, LocalizedText], limit: int) -> list[StatementFigure]:
    """The statements the engine chose, in its order: only their choice comes from the estimates."""
    figures = []
    for item in items:
        pk = int(item["statement_id"])
        if pk in texts:
            text = texts[pk]
            figures.append(StatementFigure(pk, text.text, item["direction"], lang=text.lang if text.fallback else ""))
        if len(figures) == limit:
            break
    return figures


DIRECTION_VALUE = {"agree": StatementVote.Value.AGREE, "disagree": StatementVote.Value.DISAGREE}
Answers = dict[int, dict[str, int]]  # statement pk -> participant pk (as in the snapshot) -> value


def _tally(answers: dict[str, int], people: list[str], direction: str) -> Tally:
    given = [answers[pid] for pid in people if pid in answers]
    return Tally(sum(1 for value in given if value == DIRECTION_VALUE.get(direction)), len(given))


def _answers(figures: list[StatementFigure], people: list[str]) -> Answers:
    """The stored answers of the people in the groups to the statements shown: one query."""
    found: Answers = defaultdict(dict)
    rows = StatementVote.objects.filter(statement_id__in={f.statement_id for f in figures},
                                        participant_id__in=[int(pid) for pid in people if pid.isdigit()])
    for participant, statement, value in rows.values_list("participant_id", "statement_id", "value"):
        found[statement][str(participant)] = value
    return found


def _count_what_people_did(groups: list[GroupView], consensus: list[StatementFigure]) -> None:
    everyone = [pid for group in groups for pid in group.participants]
    answers = _answers([*consensus, *(f for group in groups for f in group.representative)], everyone)
    for group in groups:
        members = set(group.participants)
        rest = [pid for pid in everyone if pid not in members]
        for figure in group.representative:
            figure.group = _tally(answers[figure.statement_id], group.participants, figure.direction)
            figure.rest = _tally(answers[figure.statement_id], rest, figure.direction)
    for figure in consensus:
        figure.group = _tally(answers[figure.statement_id], everyone, figure.direction)


def _groups(result: dict[str, Any], texts: dict[int, LocalizedText]) -> tuple[list[GroupView], GroupView | None]:
    shown: list[GroupView] = []
    small: list[str] = []
    for group in result.get("groups", []):
        if len(group["participants"]) < SMALL_GROUP_THRESHOLD:
            small += group["participants"]
            continue
        shape, colour = STYLES[len(shown) % len(STYLES)]
        label = _("Group %(letter)s") % {"letter": chr(ord("A") + len(shown))}
        shown.append(GroupView(str(group["id"]), label, shape, colour, group["participants"],
                               representative=_figures(group["representative"], texts, REPRESENTATIVE_SHOWN)))
    others = GroupView("others", _("Others (small groups)"), *OTHERS_STYLE, small) if small else None
    return shown, others


MARK_WIDTH = 9.0  # px: marks whose centres are closer than this would hide one another
SPIRAL_STEP = 5.5  # px between neighbouring marks spread around a shared spot
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


def _points(result: dict[str, Any], groups: list[GroupView], you: str | None) -> list[Point]:
    """One point per participant in the groups, placed by the snapshot's positions (the centre when the
    snapshot has no position for someone, so that nobody is left off the map)."""
    positions: dict[str, list[float]] = result.get("positions", {})
    placed = [positions[pid] for group in groups for pid in group.participants if pid in positions]
    xs, ys = [p[0] for p in placed] or [0.0], [p[1] for p in placed] or [0.0]
    span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    points = []
    for group in groups:
        for pid in group.participants:
            x, y = positions.get(pid, ((max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2))
            points.append(Point(PAD + (x - min(xs)) / span_x * (WIDTH - 2 * PAD),
                                PAD + (y - min(ys)) / span_y * (HEIGHT - 2 * PAD),
                                group.shape, group.colour, pid == you, pid))
    return points


def _spread(points: list[Point]) -> list[tuple[float, float, int]]:
    """Spreads marks that share a spot on a sunflower spiral around it, so each one shows; returns the
    shared spots with how many marks each holds (for their labels)."""
    spots: dict[tuple[int, int], list[Point]] = defaultdict(list)
    for point in points:
        spots[(round(point.x / MARK_WIDTH), round(point.y / MARK_WIDTH))].append(point)
    stacks = []
    for members in spots.values():
        members.sort(key=lambda point: (not point.is_you, point.participant))  # your own mark at the centre
        # Your own mark is drawn larger: the others start one ring further out.
        rings = [0] + [k + (2 if members[0].is_you else 0) for k in range(1, len(members))]
        reach = SPIRAL_STEP * math.sqrt(rings[-1]) + MARK_WIDTH / 2
        # The stack's centre moves inwards where needed, so that the whole spiral stays inside the map.
        cx = min(max(sum(p.x for p in members) / len(members), reach), WIDTH - reach)
        cy = min(max(sum(p.y for p in members) / len(members), reach + 10), HEIGHT - reach)
        for point, k in zip(members, rings, strict=True):
            point.x = round(cx + SPIRAL_STEP * math.sqrt(k) * math.cos(k * GOLDEN_ANGLE), 1)
            point.y = round(cy + SPIRAL_STEP * math.sqrt(k) * math.sin(k * GOLDEN_ANGLE), 1)
        if len(members) > 1:
            stacks.append((round(min(cx + reach + 4, WIDTH - 8.0), 1), round(cy - reach, 1), len(members)))
    points.sort(key=lambda point: point.is_you)  # the participant's own point is drawn last, on top
    return stacks


def _compare_votes(view: ResultsView, participant: Participant) -> None:
    answers = dict(StatementVote.objects.filter(participant=participant).values_list("statement_id", "value"))
    view.your_votes = len(answers)
    for group in view.groups:
        for figure in group.representative:
            figure.your_answer = answers.get(figure.statement_id)


def build_results(conversation: Conversation, participant: Participant | None) -> ResultsView:
    snapshot = OpinionSnapshot.objects.filter(conversation=conversation).first()
    result = snapshot.result if snapshot else {}
    statements = conversation.statements.accepted().only("pk", "conversation_id", "text", "text_en")
    texts = {statement.pk: localized(statement, "text") for statement in statements}
    groups, others = _groups(result, texts)
    everyone = [*groups, *([others] if others else [])]
    clustered = sum(len(g.participants) for g in everyone)
    for group in everyone:
        group.share = disclosure.percent(len(group.participants), clustered) if clustered else 0
    you = str(participant.pk) if participant else None
    consensus = _figures(result.get("consensus", []), texts, CONSENSUS_SHOWN)
    _count_what_people_did(everyone, consensus)
    points = _points(result, everyone, you)
    view = ResultsView(snapshot, groups, others, consensus, points, clustered, stacks=_spread(points))
    if participant is not None:
        view.you_placed = you in result.get("positions", {})
        view.your_group = next((g for g in everyone if you in g.participants), None)
        _compare_votes(view, participant)
    return view
