"""The parts every decision basis has, registered through the same registry other apps use (see parts.py).

What the compilation already assembles (mandate, who took part, themes) is taken from it, so that the
decision basis and its attachment can never disagree; prioritisation, opinion groups and council answers
come from their apps' own public reads. Only published input, published results and published answers.
"""

from __future__ import annotations

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext

from radslag.core.localized import localized
from radslag.councils.models import Consultation
from radslag.councils.overview import consultations_for_process, published_answers_for_process
from radslag.decisionbasis.parts import (
    Block,
    Part,
    PartSource,
    bullets,
    facts,
    heading,
    paragraph,
    quote,
    register_part,
    table,
)
from radslag.dialogues.ladder import EXPLANATIONS
from radslag.dialogues.models import ParticipationLevel
from radslag.opinions.models import Conversation
from radslag.opinions.results import build_results
from radslag.reports.content import ShareTable
from radslag.reports.render_text import participation_text, share_cells, share_headers, table_note, theme_size_text
from radslag.voting.models import Ballot
from radslag.voting.results import count_ballot, participation, result_rows

QUOTES_PER_THEME = 3
STATEMENTS_PER_GROUP = 3


def _share_table(share: ShareTable) -> Block:
    return table(share.title, share_headers(share), [share_cells(share, row) for row in share.rows],
                 note=table_note(share))


def purpose_blocks(source: PartSource) -> list[Block]:
    """The mandate as the compilation states it, with the participation ladder's step explained."""
    content = source.compilation
    blocks = [facts((item.label, item.text) for item in content.mandate)]
    level = source.process.participation_level
    if level in ParticipationLevel.values:
        blocks.append(paragraph(_("On the participation ladder the dialogue is at the step “%(level)s”: %(what)s") % {
            "level": ParticipationLevel(level).label, "what": EXPLANATIONS[ParticipationLevel(level)]}))
    if content.activities:
        blocks.append(table(_("Activities"), [_("Activity"), _("Date"), _("Took part")], [
            [a.title, a.when, "–" if a.attendance is None else str(a.attendance)] for a in content.activities]))
    if content.focus_areas:
        blocks.append(paragraph(f"{_('Focus areas of the strategic plan:')} {'; '.join(content.focus_areas)}."))
    return blocks


def participation_blocks(source: PartSource) -> list[Block]:
    content = source.compilation
    participation_ = content.participation
    return [paragraph(participation_text(content)),
            *(_share_table(share) for share in (participation_.channels, *participation_.comparisons))]


def theme_blocks(source: PartSource) -> list[Block]:
    content = source.compilation
    if not content.themes:
        return []
    count = len(content.themes)
    blocks = [paragraph(ngettext("The input forms %(counter)s theme.", "The input forms %(counter)s themes.", count)
                        % {"counter": count})]
    blocks.append(table(_("Themes and their size"), [_("Theme"), _("Size")],
                        [[f"{t.number}. {t.label}", theme_size_text(t)] for t in content.themes]))
    for theme in content.themes:
        blocks.append(heading(f"{theme.number}. {theme.label}"))
        if theme.description:
            blocks.append(paragraph(theme.description))
        blocks.extend(quote(text) for text in theme.quotes[:QUOTES_PER_THEME])
    return blocks


def _ballot_blocks(ballot: Ballot) -> list[Block]:
    result = count_ballot(ballot)
    people = participation(ballot)
    title = localized(ballot, "title").text
    rows = [[str(row.rank), row.title, f"{row.percent} %"] for row in result_rows(ballot, result)]
    voted = ngettext("%(counter)s person voted.", "%(counter)s people voted.", people.total) % {"counter": people.total}
    return [heading(title), paragraph(f"{ballot.get_method_display()}. {voted}"),
            table(_("Result: %(ballot)s") % {"ballot": title}, [_("Rank"), _("Option"), _("Share")], rows)]


def prioritisation_blocks(source: PartSource) -> list[Block]:
    """Ballots whose results staff have published, oldest first."""
    ballots = Ballot.objects.filter(process=source.process, results_published_at__isnull=False)
    blocks: list[Block] = []
    for ballot in ballots.prefetch_related("options").order_by("results_published_at", "pk"):
        blocks.extend(_ballot_blocks(ballot))
    return blocks


def _conversation_blocks(conversation: Conversation) -> list[Block]:
    view = build_results(conversation, None)
    title = localized(conversation, "title").text
    groups = [f"{group.label}: {group.share} %" for group in view.groups]
    if view.others:
        groups.append(f"{view.others.label}: {view.others.share} %")
    blocks = [heading(title), paragraph(ngettext(
        "%(counter)s participant was placed in an opinion group.",
        "%(counter)s participants were placed in opinion groups.", view.clustered) % {"counter": view.clustered})]
    if groups:
        blocks.append(bullets(groups))
    for group in view.groups:
        statements = [f"{f.text} ({_agree(f.direction)} {f.group.share if f.group.share is not None else '–'} %)"
                      for f in group.representative[:STATEMENTS_PER_GROUP]]
        if statements:
            blocks += [paragraph(_("What sets %(group)s apart:") % {"group": group.label}), bullets(statements)]
    if view.consensus:
        blocks += [paragraph(_("Where the groups agree:")), bullets(
            f"{f.text} ({_agree(f.direction)} {f.group.share if f.group.share is not None else '–'} %)"
            for f in view.consensus)]
    return blocks


def _agree(direction: str) -> str:
    return _("agree") if direction == "agree" else _("disagree")


def opinion_blocks(source: PartSource) -> list[Block]:
    """Conversations with computed opinion groups (their results page is public)."""
    blocks: list[Block] = []
    for conversation in Conversation.objects.filter(process=source.process, snapshots__isnull=False).distinct():
        blocks.extend(_conversation_blocks(conversation))
    return blocks


def council_blocks(source: PartSource) -> list[Block]:
    """Sent consultations with their published answers, and who has not answered."""
    answers: dict[int, list[Block]] = {}
    for answer in published_answers_for_process(source.process):
        # With a context: the councils app's "late" (a field's name, "sent") would otherwise win over ours.
        late = f" ({pgettext('consultation answer', 'late')})" if answer.late else ""
        answers.setdefault(answer.consultation_id, []).append(quote(answer.text, cite=f"{answer.responder}{late}"))
    blocks: list[Block] = []
    for consultation in consultations_for_process(source.process):
        asked = [c.name for c in consultation.councils.all()] + [c.name for c in consultation.consultees.all()]
        blocks += [heading(f"{Consultation.Kind(consultation.kind).label}: {consultation.title}"),
                   facts([(_("Asked"), ", ".join(asked)),
                          (_("Reply by"), formats.date_format(consultation.reply_by, "j F Y"))]),
                   *answers.get(consultation.pk, [paragraph(_("No answer is published yet."))])]
    return blocks


def register() -> None:
    for key, title, assemble, order in (
        ("purpose", gettext_lazy("What the dialogue was for"), purpose_blocks, 10),
        ("participation", gettext_lazy("Who took part"), participation_blocks, 20),
        ("themes", gettext_lazy("Themes"), theme_blocks, 30),
        ("prioritisation", gettext_lazy("Prioritisation"), prioritisation_blocks, 40),
        ("opinions", gettext_lazy("Opinion groups and consensus"), opinion_blocks, 50),
        ("councils", gettext_lazy("Answers from councils and consultees"), council_blocks, 60),
    ):
        register_part(Part(key=key, title=title, assemble=assemble, order=order))
