"""The project document's content, once, for every output: DOCX, PDF, the public page and XLSX.

Every analysis becomes a `Section`: a table whose bilingual columns show one language (with a mark
where the translation is missing) or, in "both", the Swedish and English versions side by side.
The trees are also tables, one row per statement indented by depth, after their figure: an SVG
in the PDF and on the public page, a PNG picture drawn from the same layout in DOCX (as are the
stakeholder grid and the activity timeline, each before its table).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import override

from radslag.planning import drawing, trees
from radslag.planning.bilingual import exact
from radslag.planning.models import ContextFactor, LogframeEntry, Project, Risk, Stakeholder, TreeNode

MODES = ("sv", "en", "both")
LANGUAGE_NAMES = {"sv": "svenska", "en": "English"}  # each language by its own name, as the table headers


def figure_languages(mode: str) -> tuple[str, ...]:
    """A document in both languages draws each figure twice; in one language, once."""
    return ("sv", "en") if mode == "both" else (mode,)


@dataclass(frozen=True)
class Bi:
    """A bilingual cell."""

    sv: str
    en: str


@dataclass(frozen=True)
class Figure:
    svg: SafeString
    lang: str
    caption: str  # the figure's language by name where a document has both, else empty


@dataclass
class Section:
    title: str
    columns: list[tuple[str, bool]]  # label, bilingual
    rows: list[list[Any]] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    note: str = ""
    # What the section's figure is drawn from, for outputs that draw it in another form (the DOCX's PNG):
    tree: drawing.Tree | None = None  # a tree's section: the tree
    stakeholders: list[Stakeholder] = field(default_factory=list)  # the stakeholder analysis: the grid's people
    activities: list[LogframeEntry] = field(default_factory=list)  # the activity plan: the timeline's bars
    amounts: frozenset[int] = frozenset()  # columns whose text may be an amount ("120 000"), a number in XLSX


def bi(obj: Any, name: str) -> Bi:
    return Bi(exact(obj, name, "sv"), exact(obj, name, "en"))


def cell_texts(value: Any, bilingual: bool, mode: str) -> list[str]:
    """What one cell shows: one text, or two side by side in "both"."""
    if not bilingual:
        return ["" if value is None else str(value)]
    if mode == "both":
        if not (value.sv or value.en):
            return ["", ""]
        return [value.sv or _("(translation missing)"), value.en or _("(translation missing)")]
    wanted, other = (value.sv, value.en) if mode == "sv" else (value.en, value.sv)
    if wanted:
        return [wanted]
    return [f"{other} ({_('translation missing')})" if other else ""]


def cell_values(value: Any, bilingual: bool, mode: str) -> list[Any]:
    """What one cell holds for an output that keeps kinds of value (XLSX): a bilingual text as `cell_texts`
    gives it, anything else as it is (a number stays a number, a date a date), an empty value as None."""
    if bilingual:
        return cell_texts(value, bilingual, mode)
    return [None if value is None or value == "" else value]


def headers(section: Section, mode: str) -> list[str]:
    out: list[str] = []
    for label, bilingual in section.columns:
        out.extend([f"{label} (svenska)", f"{label} (English)"] if bilingual and mode == "both" else [label])
    return out


def table_rows(section: Section, mode: str) -> Iterator[list[str]]:
    for row in section.rows:
        yield [text for value, (_label, bilingual) in zip(row, section.columns, strict=True)
               for text in cell_texts(value, bilingual, mode)]


def table_values(section: Section, mode: str) -> Iterator[list[Any]]:
    """`table_rows` with each value of its own kind, for XLSX."""
    for row in section.rows:
        yield [cell for value, (_label, bilingual) in zip(row, section.columns, strict=True)
               for cell in cell_values(value, bilingual, mode)]


def _tree_rows(branch: drawing.Branch, depth: int, out: list[list[Any]]) -> None:
    node = branch.node
    indent = "\u00a0\u00a0\u00a0\u00a0" * depth
    text = Bi(indent + node.text_sv if node.text_sv else "", indent + node.text_en if node.text_en else "")
    out.append([node.get_kind_display(), text])
    for child in branch.children:
        _tree_rows(child, depth + 1, out)


def _figures(draw: Callable[[str], SafeString], languages: Sequence[str]) -> list[Figure]:
    """The figure once per language: its statements, title and description all in that language."""
    out = []
    for language in languages:
        with override(language):
            svg = draw(language)
        if svg:
            out.append(Figure(svg, language, LANGUAGE_NAMES[language] if len(languages) > 1 else ""))
    return out


def tree_section(project: Project, tree: str, *, figure_languages: Sequence[str] = ()) -> Section:
    built = drawing.build_tree(trees.nodes_of(project, tree))
    title = str(TreeNode.Tree(tree).label)
    section = Section(title, [(_("Kind"), False), (_("Statement"), True)])
    if built.core:
        section.tree = built
        section.rows.append([built.core.node.get_kind_display(), bi(built.core.node, "text")])
        for branch in built.effects + built.causes:
            _tree_rows(branch, 1, section.rows)
        section.figures = _figures(lambda language: drawing.tree_svg(
            built, title=str(TreeNode.Tree(tree).label), language=language), figure_languages)
    return section


def sections(project: Project, *, figure_languages: Sequence[str] = ()) -> list[Section]:
    """Every analysis as a section; with its figures drawn once for each of `figure_languages`."""
    factors = Section(_("Context analysis"), [(_("Kind"), False), (_("Factor"), True), (_("Description"), True),
                                             (_("Source"), False)])
    factors.rows = [[f.get_kind_display(), bi(f, "title"), bi(f, "description"), f.source]
                    for f in ContextFactor.objects.filter(project=project)]
    people = list(Stakeholder.objects.filter(project=project))
    stakeholders = Section(_("Stakeholder analysis"), [
        (_("Stakeholder"), True), (_("Interest"), False), (_("Influence"), False), (_("Gains"), True),
        (_("Losses"), True), (_("How they take part"), True)])
    stakeholders.rows = [[bi(s, "name"), s.interest, s.influence, bi(s, "gains"), bi(s, "losses"),
                          bi(s, "participation")] for s in people]
    if people:
        stakeholders.stakeholders = people
        stakeholders.figures = _figures(lambda language: drawing.grid_svg(people, language=language),
                                        figure_languages)
    entries = list(LogframeEntry.objects.filter(project=project).select_related("responsible"))
    order = [level for level, _label in LogframeEntry.Level.choices]
    entries.sort(key=lambda e: (order.index(e.level), e.position, e.pk))
    logframe = Section(_("Logframe matrix"), [
        (_("Level"), False), (_("Statement"), True), (_("Indicators"), True), (_("Sources of verification"), True),
        (_("Assumptions"), True)])
    logframe.rows = [[e.get_level_display(), bi(e, "text"), bi(e, "indicators"), bi(e, "verification"),
                      bi(e, "assumptions")] for e in entries]
    activities = [e for e in entries if e.level == LogframeEntry.Level.ACTIVITY]
    plan = Section(_("Activity plan"), [(_("Activity"), True), (_("Responsible organisation"), False),
                                        (_("Starts"), False), (_("Ends"), False), (_("Resources"), True)],
                   amounts=frozenset({4}))
    plan.rows = [[bi(a, "text"), a.responsible.name if a.responsible else "", a.starts_on or "", a.ends_on or "",
                  bi(a, "resources")] for a in activities]
    plan.activities = activities
    plan.figures = _figures(lambda language: drawing.timeline_svg(activities, language=language), figure_languages)
    risks = Section(_("Risk analysis"), [(_("Risk"), True), (_("Likelihood"), False), (_("Impact"), False),
                                         (_("Likelihood × impact"), False), (_("Mitigation"), True),
                                         (_("Owner"), False), (_("Status"), False)])
    risks.rows = [[bi(r, "text"), r.likelihood, r.impact, r.score, bi(r, "mitigation"), r.owner,
                   r.get_status_display()] for r in Risk.objects.filter(project=project)]
    return [factors, stakeholders, tree_section(project, TreeNode.Tree.PROBLEM, figure_languages=figure_languages),
            tree_section(project, TreeNode.Tree.OBJECTIVE, figure_languages=figure_languages), logframe, plan, risks]


def title_in(project: Project, mode: str) -> str:
    if mode == "both":
        return " / ".join(t for t in (project.title_sv, project.title_en) if t)
    return exact(project, "title", mode) or exact(project, "title", "en" if mode == "sv" else "sv")
