"""Reusable reads of contributions for the public and staff pages."""

from __future__ import annotations

from typing import cast

from django.core.paginator import Page, Paginator
from django.db.models import Case, Count, IntegerField, QuerySet, Value, When, Window

from radslag.accounts.models import User
from radslag.contributions.models import Contribution
from radslag.dialogues.models import DialogueProcess

RECENT_ENTRIES = 10
# Up to this many rows skipped, a page is read directly; deeper, its ids are found first.
DIRECT_READ_DEPTH = 100


def public_contributions(process: DialogueProcess) -> QuerySet[Contribution]:
    """What anyone may read: published contributions with only non-identifying fields loaded."""
    return (
        Contribution.objects.filter(process=process)
        .published()
        .select_related("locality")
        .only(
            "id", "process_id", "channel", "body", "published_body", "language", "created_at", "given_at",
            "locality__name",
        )
        .order_by("-created_at", "-id")
    )


def moderation_queue(process: DialogueProcess, status: str = "") -> QuerySet[Contribution]:
    """Everything in the process, awaiting moderation first, then newest first."""
    contributions = Contribution.objects.filter(process=process).select_related(
        "activity", "table", "locality", "moderated_by"
    )
    if status:
        contributions = contributions.filter(status=status)
    pending_first = Case(
        When(status=Contribution.Status.PENDING, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    return contributions.annotate(queue_order=pending_first).order_by("queue_order", "-created_at", "-id")


def recent_entries(process: DialogueProcess, user: User) -> QuerySet[Contribution]:
    """The last contributions this person typed in for the process, newest first."""
    return (
        Contribution.objects.filter(process=process, entered_by=user)
        .select_related("activity", "table")
        .order_by("-created_at", "-id")[:RECENT_ENTRIES]
    )


def read_slice(contributions: QuerySet[Contribution], start: int, stop: int, count: int) -> list[Contribution]:
    """Rows `start` to `stop` of an ordered list of `count` contributions, cheap however deep.

    A slice in the back half is read by walking the list from its other end, so the last page costs what
    the first does. Deep in the middle, the slice's ids are found first (on the public list an index-only
    scan of `contribution_public_list_idx`) and only those rows are then read in full, instead of
    reading and throwing away every row before the slice.
    """
    stop = min(stop, count)
    if stop <= start:
        return []
    from_end = start > count - stop
    ordered = contributions.reverse() if from_end else contributions
    first, last = (count - stop, count - start) if from_end else (start, stop)
    if first <= DIRECT_READ_DEPTH:
        rows = list(ordered[first:last])
    else:
        rows = read_ids(contributions, list(ordered.values_list("pk", flat=True)[first:last]))
    return rows[::-1] if from_end else rows


def read_ids(contributions: QuerySet[Contribution], ids: list[int]) -> list[Contribution]:
    """The contributions with these ids, in the order given."""
    found = {row.pk: row for row in contributions.order_by().filter(pk__in=ids)} if ids else {}
    # A row hidden between finding the ids and reading them simply drops out.
    return [found[pk] for pk in ids if pk in found]


class SeekingPaginator(Paginator):
    """Page numbers over a long, ordered list of contributions, cheap on any page (see `read_slice`)."""

    def page(self, number: int | str) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        return Page(self._page_rows(number, bottom, top), number, self)

    @property
    def contributions(self) -> QuerySet[Contribution]:
        return cast(QuerySet[Contribution], self.object_list)

    def _page_rows(self, number: int, bottom: int, top: int) -> list[Contribution]:
        return read_slice(self.contributions, bottom, top, self.count)


MAX_PAGE_NUMBER = 10_000_000


class CountingPaginator(SeekingPaginator):
    """For search results: every match must be read to rank them, so the same query counts them too
    (a window count) instead of a second pass over the matches."""

    _counted: tuple[int, list[int]] | None = None

    def get_page(self, number: int | float | str | None) -> Page:
        try:
            wanted = int(number)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            wanted = 1
        # A page past the database's reach (OFFSET is 64-bit) is past the end: Django then shows the last one.
        if 1 <= wanted <= MAX_PAGE_NUMBER:
            self._count_with_page(wanted)
        return super().get_page(number)

    def _count_with_page(self, number: int) -> None:
        bottom = (number - 1) * self.per_page
        counted = self.contributions.annotate(total=Window(Count("*"))).values_list("pk", "total")
        rows = list(counted[bottom:bottom + self.per_page])
        if rows:
            self.count = rows[0][1]
            self._counted = (number, [pk for pk, _total in rows])

    def _page_rows(self, number: int, bottom: int, top: int) -> list[Contribution]:
        if self._counted and self._counted[0] == number:
            return read_ids(self.contributions, self._counted[1][: top - bottom])
        return super()._page_rows(number, bottom, top)
