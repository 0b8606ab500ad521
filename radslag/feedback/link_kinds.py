"""What a decision can link to, registered with governance.links (which may not import these apps).

Processes (with a role), themes, ballot results and opinion results are registered here; the
compilation versions are registered by the reports app, which sits above this one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from radslag.core.localized import localized
from radslag.dialogues import notify
from radslag.dialogues.models import DialogueProcess
from radslag.governance import links
from radslag.governance.links import LinkKind, Target
from radslag.opinions.models import Conversation
from radslag.themes.models import Theme
from radslag.voting.models import Ballot

PUBLIC = (DialogueProcess.Status.PUBLISHED, DialogueProcess.Status.CLOSED)


def process_choices(organisation: Any) -> Iterable[tuple[int, str]]:
    return DialogueProcess.objects.filter(organisation=organisation).order_by("-created_at").values_list("pk", "title")


def process_targets(organisation: Any, ids: Sequence[int]) -> dict[int, Target]:
    found = DialogueProcess.objects.filter(organisation=organisation, pk__in=ids, status__in=PUBLIC)
    return {p.pk: _process_target(p) for p in found}


def _process_target(process: DialogueProcess) -> Target:
    title = localized(process, "title")
    return Target(title.text, reverse("dialogues:process_detail", kwargs={"slug": process.slug}), process.pk,
                  lang=title.lang if title.fallback else "")


def process_topics(organisation: Any, pk: int) -> list[tuple[str, int | None]]:
    """Those who follow the process, or one of its focus areas (or the municipality), hear about it."""
    return notify.process_topics(pk)


def _active_themes(organisation: Any) -> Any:
    return Theme.objects.filter(organisation=organisation, status=Theme.Status.ACTIVE).select_related("process")


def theme_choices(organisation: Any) -> Iterable[tuple[int, str]]:
    return [(t.pk, f"{t.process.title}: {t.name}") for t in _active_themes(organisation).order_by("process", "order")]


def theme_targets(organisation: Any, ids: Sequence[int]) -> dict[int, Target]:
    found = _active_themes(organisation).filter(pk__in=ids, process__status__in=PUBLIC)
    return {
        t.pk: Target(f"{t.process.title}: {t.name}",
                     reverse("feedback:what_happened", kwargs={"slug": t.process.slug}) + f"#theme-{t.pk}",
                     t.process_id)
        for t in found
    }


def ballot_choices(organisation: Any) -> Iterable[tuple[int, str]]:
    return [(b.pk, f"{b.process.title}: {b.title}")
            for b in Ballot.objects.filter(organisation=organisation).select_related("process")]


def ballot_targets(organisation: Any, ids: Sequence[int]) -> dict[int, Target]:
    now = timezone.now()
    found = Ballot.objects.filter(organisation=organisation, pk__in=ids, process__status__in=PUBLIC)
    return {
        b.pk: Target(f"{b.process.title}: {b.title}", reverse("voting:results", kwargs={"ballot_pk": b.pk}),
                     b.process_id)
        for b in found.select_related("process") if b.results_are_public(now)
    }


def conversation_choices(organisation: Any) -> Iterable[tuple[int, str]]:
    return [(c.pk, f"{c.process.title}: {c.title}")
            for c in Conversation.objects.filter(organisation=organisation).select_related("process")]


def conversation_targets(organisation: Any, ids: Sequence[int]) -> dict[int, Target]:
    found = Conversation.objects.filter(organisation=organisation, pk__in=ids, process__status__in=PUBLIC)
    return {
        c.pk: Target(f"{c.process.title}: {c.title}", reverse("opinions:results", kwargs={"pk": c.pk}), c.process_id)
        for c in found.select_related("process")
    }


def register_all() -> None:
    links.register(LinkKind(key=links.PROCESS, label=_("Dialogues"), choices=process_choices,
                            resolve=process_targets, topics=process_topics, order=0))
    links.register(LinkKind(key="theme", label=_("Themes from the dialogue"), choices=theme_choices,
                            resolve=theme_targets, order=20))
    links.register(LinkKind(key="ballot", label=_("Results of votes"), choices=ballot_choices,
                            resolve=ballot_targets, order=30))
    links.register(LinkKind(key="opinion_result", label=_("Opinion results"), choices=conversation_choices,
                            resolve=conversation_targets, order=40))
