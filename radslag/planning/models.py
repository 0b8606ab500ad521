"""Planning projects owned by one or more organisations, and their LFA analyses.

Every text a partnership writes has a Swedish and an English twin (`<name>_sv`, `<name>_en`); see
`bilingual.py` for how one is shown. Every analysis item carries a `version` number that each save
raises, so that an edit made from an older version is caught (`services.save_item`), and every
saved state is kept as an `ItemVersion`. A project's title and summary are kept the same way
(`services.edit_project`, versions of kind "project").
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from radslag.organisations.models import Organisation


def _text(label: Any, *, long: bool = True) -> tuple[models.Field, models.Field]:
    kind = models.TextField if long else models.CharField
    extra = {} if long else {"max_length": 300}
    # "planning" context: other apps' catalogues translate the bare words differently ("Svenska",
    # "redogörelse", "Väntelista") and win the merge, being earlier in INSTALLED_APPS.
    swedish, english = pgettext_lazy("planning", "Swedish"), pgettext_lazy("planning", "English")
    return (kind(format_lazy("{} ({})", label, swedish), blank=True, **extra),  # type: ignore[arg-type]
            kind(format_lazy("{} ({})", label, english), blank=True, **extra))  # type: ignore[arg-type]


def _scale(label: Any) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        label, default=3, validators=[MinValueValidator(1), MaxValueValidator(5)])


class Project(models.Model):
    title_sv = models.CharField(_("title (Swedish)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    summary_sv = models.TextField(_("summary (Swedish)"), blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    owners = models.ManyToManyField(Organisation, related_name="planning_projects", verbose_name=_("owners"))
    published = models.BooleanField(_("published as a read-only public page"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    # Raised by each change of the title or summary, which is kept as an `ItemVersion` of kind "project".
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("planning project")

    def __str__(self) -> str:
        return self.title_sv or self.title_en


class ProjectRole(models.TextChoices):
    LEAD = "lead", _("Lead")
    MEMBER = "member", _("Member")
    READER = "reader", _("Reader")


class ProjectMember(models.Model):
    """A person working in a project for one of its owner organisations (and on that one's host)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="planning_roles")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    role = models.CharField(_("role"), max_length=8, choices=ProjectRole.choices, default=ProjectRole.MEMBER)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["project", "user"], name="unique_project_member")]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} ({self.organisation})"


class Item(models.Model):
    """What every analysis item has: its project and the number of its current version."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="+")
    version = models.PositiveIntegerField(default=1)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["position", "pk"]

    title_field = "text"

    def __str__(self) -> str:
        sv, en = (getattr(self, f"{self.title_field}_{lang}", "") for lang in ("sv", "en"))
        return (sv or en)[:80]


class ContextFactor(Item):
    title_field = "title"
    class Kind(models.TextChoices):
        POLITICAL = "political", _("Political")
        ECONOMIC = "economic", _("Economic")
        SOCIAL = "social", _("Social")
        TECHNOLOGICAL = "technological", _("Technological")
        ENVIRONMENTAL = "environmental", _("Environmental")
        LEGAL = "legal", _("Legal")
        STRENGTH = "strength", _("Strength")
        WEAKNESS = "weakness", _("Weakness")
        OPPORTUNITY = "opportunity", _("Opportunity")
        THREAT = "threat", _("Threat")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    title_sv, title_en = _text(_("factor"), long=False)
    description_sv, description_en = _text(_("description"))
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta(Item.Meta):
        verbose_name = _("context factor")


class Stakeholder(Item):
    title_field = "name"
    name_sv, name_en = _text(_("stakeholder"), long=False)
    interest = _scale(_("interest (1–5)"))
    influence = _scale(_("influence (1–5)"))
    gains_sv, gains_en = _text(_("what they gain"))
    losses_sv, losses_en = _text(_("what they lose"))
    participation_sv, participation_en = _text(_("how they take part"))

    class Meta(Item.Meta):
        verbose_name = _("stakeholder")


class TreeNode(Item):
    """A node of the problem tree or of the objective tree: the core, a cause below it, an effect above.

    A cause hangs under the core or under another cause (it causes its parent); an effect hangs
    over the core or over another effect (its parent leads to it).
    """

    class Tree(models.TextChoices):
        PROBLEM = "problem", _("Problem tree")
        OBJECTIVE = "objective", _("Objective tree")

    class Kind(models.TextChoices):
        CORE = "core", _("Core")
        CAUSE = "cause", _("Cause")
        EFFECT = "effect", _("Effect")

    tree = models.CharField(max_length=10, choices=Tree.choices)
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")
    text_sv, text_en = _text(pgettext_lazy("planning", "statement"))
    problem = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="objectives",
                                verbose_name=_("problem it answers"))
    was_mirrored = models.BooleanField(default=False)  # made from a problem: a missing one is an orphan
    # parent cascades only when a whole project goes: services.delete_node refuses a node with children

    class Meta(Item.Meta):
        verbose_name = _("tree node")

    @property
    def is_orphaned(self) -> bool:
        return self.tree == self.Tree.OBJECTIVE and self.was_mirrored and self.problem_id is None


class LogframeEntry(Item):
    class Level(models.TextChoices):
        GOAL = "goal", _("Overall objective")
        PURPOSE = "purpose", _("Project purpose")
        RESULT = "result", _("Result")
        ACTIVITY = "activity", _("Activity")

    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    text_sv, text_en = _text(pgettext_lazy("planning", "statement"))
    indicators_sv, indicators_en = _text(_("indicators"))
    verification_sv, verification_en = _text(_("sources of verification"))
    assumptions_sv, assumptions_en = _text(_("assumptions"))
    objective = models.ForeignKey(TreeNode, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                  verbose_name=_("objective in the objective tree"))
    responsible = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("responsible organisation"))
    starts_on = models.DateField(_("starts"), null=True, blank=True)
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    resources_sv, resources_en = _text(_("resources"))

    class Meta(Item.Meta):
        verbose_name = _("logframe entry")
        constraints = [models.CheckConstraint(
            condition=models.Q(ends_on__isnull=True) | models.Q(starts_on__isnull=True)
            | models.Q(ends_on__gte=models.F("starts_on")), name="planning_activity_dates_in_order")]


class Risk(Item):
    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("risk status", "Open")
        WATCHED = "watched", pgettext_lazy("risk status", "Watched")
        OCCURRED = "occurred", pgettext_lazy("risk status", "Occurred")
        CLOSED = "closed", pgettext_lazy("risk status", "Closed")

    text_sv, text_en = _text(_("risk"))
    likelihood = _scale(_("likelihood (1–5)"))
    impact = _scale(_("impact (1–5)"))
    mitigation_sv, mitigation_en = _text(_("mitigation"))
    owner = models.CharField(_("owner"), max_length=200)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)

    class Meta(Item.Meta):
        verbose_name = _("risk")

    @property
    def score(self) -> int:
        return self.likelihood * self.impact


class ItemVersion(models.Model):
    """One saved state of an item: its fields as they were, who saved them and when."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="versions")
    kind = models.CharField(max_length=20)
    object_id = models.PositiveIntegerField()
    number = models.PositiveIntegerField()
    data = models.JSONField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    author_label = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["kind", "object_id", "number"], name="unique_item_version")]
        indexes = [models.Index(fields=["kind", "object_id"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id} v{self.number}"


class Comment(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="comments")
    kind = models.CharField(max_length=20)
    object_id = models.PositiveIntegerField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    author_label = models.CharField(max_length=200, blank=True)
    body = models.TextField(_("comment"), max_length=4000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        indexes = [models.Index(fields=["kind", "object_id"])]

    def __str__(self) -> str:
        return f"{self.author_label}: {self.body[:60]}"


class Workshop(models.Model):
    class Board(models.TextChoices):
        PROBLEM = "problem", _("Problem tree")
        OBJECTIVE = "objective", _("Objective tree")
        STAKEHOLDERS = "stakeholders", _("Stakeholder grid")
        RISKS = "risks", _("Risk matrix")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="workshops")
    title = models.CharField(_("name"), max_length=200)
    board = models.CharField(_("what the shared screen shows"), max_length=12, choices=Board.choices)
    code = models.CharField(max_length=12, unique=True)
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-opened_at"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class Suggestion(models.Model):
    class Kind(models.TextChoices):
        CAUSE = "cause", _("A cause")
        EFFECT = "effect", _("An effect")
        STAKEHOLDER = "stakeholder", _("A stakeholder")
        RISK = "risk", _("A risk")

    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("planning", "Waiting")
        ACCEPTED = "accepted", _("Placed")
        MERGED = "merged", _("Merged")
        REJECTED = "rejected", _("Rejected")

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="suggestions")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    text = models.TextField(_("suggestion"), max_length=1000)
    language = models.CharField(max_length=2, default="sv")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    placed_kind = models.CharField(max_length=20, blank=True)
    placed_id = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:80]
