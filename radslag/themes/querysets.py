"""Reads for the coding view and the compilation: themes with sizes, members, quotes and breakdowns.

A theme's members are its codings whose contribution is published (`MEMBER`): that is what every page,
file and count calls the theme and its size. Codings of input that is not published (pending, hidden)
stay where they are, so that they return if the input is published, but are only listed on the staff
theme page, labelled as held back, never counted in a size (`held_back_codings`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from radslag.contributions.models import Channel, Contribution
from radslag.contributions.representativeness import Breakdown, GroupShare, suppress_small
from radslag.core.models import AgeBand
from radslag.dialogues.models import DialogueProcess
from radslag.organisations.models import Locality
from radslag.themes.models import Coding, Quote, Theme


def member_condition(path: str = "") -> Q:
    """A coding (reached through `path`, e.g. "codings__" from a theme) makes its contribution a member of
    the theme when the contribution is published."""
    return Q(**{f"{path}contribution__status": Contribution.Status.PUBLISHED})


MEMBER = member_condition()


def active_themes(process: DialogueProcess) -> QuerySet[Theme]:
    """The process's current themes in their order, each with `size` (how many published contributions it
    holds) and `held_back` (codings of input that is not published: for staff, never part of the size)."""
    return (
        Theme.objects.filter(process=process, status=Theme.Status.ACTIVE)
        .annotate(size=Count("codings", filter=member_condition("codings__"), distinct=True),
                  held_back=Count("codings", filter=~member_condition("codings__"), distinct=True))
        .prefetch_related("focus_areas")
        .order_by("order", "id")
    )


def _ordered(codings: QuerySet[Coding]) -> QuerySet[Coding]:
    return codings.select_related("contribution__locality", "contribution__activity").order_by(
        "source", "-strength", "contribution_id"
    )


def theme_members(theme: Theme) -> QuerySet[Coding]:
    """The theme's members: codings of published contributions, strongest first (hand codings first)."""
    return _ordered(theme.codings.filter(MEMBER))


def text_key(text: str) -> str:
    """Texts with the same key are identical: the same words, whatever the case and spacing."""
    return " ".join(text.casefold().split())


@dataclass(frozen=True)
class MemberGroup:
    """Members of a theme shown as one row: one text, or texts that are identical or nearly so."""

    coding_ids: tuple[int, ...]
    identical: bool  # every text has the same `text_key`; else the analysis found them near-identical


def member_groups(theme: Theme, related: Iterable[Sequence[int]] = ()) -> list[MemberGroup]:
    """The theme's members (`theme_members`) in their order, with identical texts in one group each.

    `related` are groups of contribution pks the analysis found identical or near-identical (form letters,
    campaign texts with a changed greeting); members in one of them share a group too.
    """
    rows = list(theme_members(theme).values_list("pk", "contribution_id", "contribution__published_body",
                                                 "contribution__body"))  # fmt: skip
    parent = list(range(len(rows)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    def join(first: int, second: int) -> None:
        low, high = sorted((root(first), root(second)))
        parent[high] = low

    keys = [text_key(published or body or "") for _pk, _contribution, published, body in rows]
    first_with: dict[str, int] = {}
    for index, key in enumerate(keys):
        join(first_with.setdefault(key, index), index)
    position = {contribution: index for index, (_pk, contribution, _p, _b) in enumerate(rows)}
    for group in related:
        present = [position[pk] for pk in group if pk in position]
        for index in present[1:]:
            join(present[0], index)
    grouped: dict[int, list[int]] = {}
    for index in range(len(rows)):
        grouped.setdefault(root(index), []).append(index)
    return [
        MemberGroup(coding_ids=tuple(rows[i][0] for i in members), identical=len({keys[i] for i in members}) == 1)
        for _first, members in sorted(grouped.items())
    ]


def held_back_codings(theme: Theme) -> QuerySet[Coding]:
    """Codings to the theme of input that is not published (pending or hidden): for staff, labelled."""
    return _ordered(theme.codings.exclude(MEMBER))


def member_ids(themes: list[Theme]) -> dict[int, list[int]]:
    """Each theme's published members' contribution pks, strongest first (hand codings first): one query."""
    found: dict[int, list[int]] = {theme.pk: [] for theme in themes}
    codings = Coding.objects.filter(MEMBER, theme__in=themes).order_by("-source", "-strength", "contribution_id")
    for theme_id, contribution_id in codings.values_list("theme_id", "contribution_id"):
        found[theme_id].append(contribution_id)
    return found


def theme_quotes(theme: Theme) -> list[Contribution]:
    """The theme's quotes that are members (published): a quote of input hidden later is not shown."""
    return [quote.contribution for quote in Quote.objects.filter(MEMBER, theme=theme).select_related("contribution")]


def quotes_by_theme(themes: list[Theme], *, members_only: bool = False) -> dict[int, list[Contribution]]:
    """Quotes of many themes in one query: theme pk -> contributions in order. The theme pages ask for
    `members_only` (published: `MEMBER`); the compilation takes them all and decides what it publishes."""
    found: dict[int, list[Contribution]] = {theme.pk: [] for theme in themes}
    quotes = Quote.objects.filter(MEMBER if members_only else Q(), theme__in=themes).select_related("contribution")
    for quote in quotes.order_by("position", "id"):
        found[quote.theme_id].append(quote.contribution)
    return found


def unthemed_contributions(process: DialogueProcess) -> QuerySet[Contribution]:
    """Published contributions that are in no current theme (outliers, or new since the last run); not
    those a person set aside as belonging to no theme (see `set_aside_contributions`)."""
    coded = Coding.objects.filter(contribution=OuterRef("pk"), theme__status=Theme.Status.ACTIVE)
    return (
        Contribution.objects.filter(process=process, status=Contribution.Status.PUBLISHED,
                                    theme_exclusion__isnull=True)
        .exclude(Exists(coded))
        .order_by("created_at", "id")
    )


def set_aside_contributions(process: DialogueProcess) -> QuerySet[Contribution]:
    """Published contributions a person decided belong to no theme."""
    return Contribution.objects.filter(
        process=process, status=Contribution.Status.PUBLISHED, theme_exclusion__isnull=False
    ).order_by("created_at", "id")


def themes_of(contribution: Contribution) -> list[Theme]:
    return list(
        Theme.objects.filter(codings__contribution=contribution, status=Theme.Status.ACTIVE).order_by("order", "id")
    )


def _counts(contributions: QuerySet[Contribution], field: str) -> Counter[str]:
    rows = contributions.order_by().values(field).annotate(n=Count("id"))
    return Counter({str(row[field] or ""): row["n"] for row in rows})


def _breakdown(key: str, title: object, counts: Counter[str], labels: list[tuple[str, object]]) -> Breakdown:
    """Counts of the theme's members by one property; the share is of those who stated it."""
    not_stated = counts.get("", 0)
    answered = sum(counts.values()) - not_stated
    rows = tuple(
        GroupShare(key=group, label=label, count=counts.get(group, 0),  # type: ignore[arg-type]
                   share=counts.get(group, 0) / answered if answered else None)
        for group, label in labels
    )  # fmt: skip
    return Breakdown(key, title, rows, answered, not_stated)  # type: ignore[arg-type]


def theme_breakdowns(theme: Theme) -> list[Breakdown]:
    """The theme's (published) members by locality, age band and channel, in their published form:
    shares rounded, groups under five hidden."""
    members = Contribution.objects.filter(pk__in=theme.codings.filter(MEMBER).values("contribution_id"))
    localities = Locality.objects.filter(organisation_id=theme.organisation_id).values_list("id", "name")
    channel = _breakdown("channel", _("Channel"), _counts(members, "channel"), list(Channel.choices))
    breakdowns = [
        _breakdown("locality", _("Locality"), _counts(members, "locality_id"),
                   [(str(pk), name) for pk, name in localities]),
        _breakdown("age_band", _("Age"), _counts(members, "age_band"), list(AgeBand.choices)),
        replace(channel, not_stated=0),
    ]  # fmt: skip
    # Themes are parts of the whole input, often one theme per contribution: exact counts could be
    # subtracted from the process's own breakdown and the other themes', so theirs are always rounded.
    return [suppress_small(_without_empty_rows(breakdown), always_round=True) for breakdown in breakdowns]


def _without_empty_rows(breakdown: Breakdown) -> Breakdown:
    """Groups nobody in the theme belongs to say nothing; leave them out of the table."""
    return replace(breakdown, rows=tuple(row for row in breakdown.rows if row.count))
