"""The municipality's answers: what happened with what residents said.

An `Answer` answers one theme. Every answer also carries its process, so a process's answers are one query.
Citizen proposals (e-förslag) keep their answer on the proposal itself (outcome, text, progress, decision,
all in the `AnswerStatus` vocabulary below): the proposals app sits above this one and answers a proposal
through its own state machine, so a second home for the same answer would only drift. They reach the
"what happened" page through `radslag.feedback.what_happened` and the answers owed through
`radslag.dialogues.followup`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from radslag.core.localized import english_version
from radslag.core.models import TimeStamped
from radslag.dialogues.models import DialogueProcess
from radslag.governance.models import Decision
from radslag.organisations.models import Organisation, OrganisationScopedQuerySet
from radslag.themes.models import Theme


class AnswerStatus(models.TextChoices):
    # One vocabulary wherever an answer's status is shown, in its own context: "Carried out" is also an
    # erasure request's status (audit), which Swedish words differently ("Genomförd", of "begäran").
    IN_DECISION = "in_decision", pgettext_lazy("answer status", "Part of a decision")
    INVESTIGATING = "investigating", pgettext_lazy("answer status", "Being looked into")
    IN_PROGRESS = "in_progress", pgettext_lazy("answer status", "Being carried out")
    DONE = "done", pgettext_lazy("answer status", "Carried out")
    REJECTED = "rejected", pgettext_lazy("answer status", "Declined, with reasons")


# The statuses where something is being (or has been) carried out, so progress means something.
CARRIED_OUT = (AnswerStatus.IN_PROGRESS, AnswerStatus.DONE)


class Answer(TimeStamped):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    process = models.ForeignKey(DialogueProcess, on_delete=models.CASCADE, related_name="answers")
    theme = models.OneToOneField(Theme, null=True, blank=True, on_delete=models.CASCADE, related_name="answer")
    status = models.CharField(_("status"), max_length=16, choices=AnswerStatus.choices)
    text = models.TextField(_("answer"), max_length=5000)
    text_en = english_version(text)
    motivation = models.TextField(
        _("reasons"), blank=True, max_length=3000,
        help_text=_("Required when the answer is no: say why."),
    )
    motivation_en = english_version(motivation)
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), null=True, blank=True, help_text=_("How far the work has come, 0–100."),
    )
    progress_note = models.CharField(
        _("progress in words"), max_length=200, blank=True,
        help_text=_("For example: “The new lighting is in place on two of five paths.”"),
    )
    progress_note_en = english_version(progress_note)
    decisions = models.ManyToManyField(Decision, blank=True, related_name="answers", verbose_name=_("decisions"))
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    # Saved since the last publication: published again (and announced) with the next release.
    changed_at = models.DateTimeField(_("changed since publication"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["process", "theme__order", "id"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.CheckConstraint(condition=models.Q(theme__isnull=False), name="answer_has_a_subject"),
            models.CheckConstraint(
                condition=~models.Q(status=AnswerStatus.REJECTED) | ~models.Q(motivation=""),
                name="answer_rejection_has_reasons",
            ),
            models.CheckConstraint(
                condition=models.Q(progress__isnull=True) | models.Q(progress__lte=100), name="answer_progress_percent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.theme} – {self.get_status_display()}"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def shows_progress(self) -> bool:
        return self.status in CARRIED_OUT and (self.progress is not None or bool(self.progress_note))


class Release(models.Model):
    """One publication of a process's answers: one event, one notice, however many themes it covers."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    process = models.ForeignKey(DialogueProcess, on_delete=models.CASCADE, related_name="answer_releases")
    published_at = models.DateTimeField(_("published"), auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answers = models.ManyToManyField(Answer, related_name="releases")

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("publication of answers")

    def __str__(self) -> str:
        return f"{self.process_id} {self.published_at:%Y-%m-%d %H:%M}"
