"""The perspective compilation of a process and its published, frozen versions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from radslag.core.localized import english_version
from radslag.core.models import TimeStamped
from radslag.dialogues.models import DialogueProcess
from radslag.organisations.models import Organisation


class Compilation(TimeStamped):
    """The texts staff write around a process's results; the rest is assembled from the process."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="compilations")
    process = models.OneToOneField(DialogueProcess, on_delete=models.CASCADE, related_name="compilation")
    introduction = models.TextField(
        _("introduction"), blank=True, max_length=10000,
        help_text=_("Opens the compilation: what it is and how to read it."),
    )
    introduction_en = english_version(introduction)
    closing = models.TextField(
        _("closing text"), blank=True, max_length=10000,
        help_text=_("Ends the compilation: what happens next with the results."),
    )
    closing_en = english_version(closing)

    only_accepted_themes = models.BooleanField(
        _("only accepted themes"), default=True,
        help_text=_("Show only the themes the dialogue team has marked as accepted in the coding view."),
    )

    class Meta:
        verbose_name = _("perspective compilation")
        verbose_name_plural = _("perspective compilations")

    def __str__(self) -> str:
        return str(self.process)


def version_upload_to(version: CompilationVersion, filename: str) -> str:
    return f"compilations/{version.compilation.organisation_id}/{version.compilation_id}/{filename}"


class CompilationVersion(models.Model):
    """One published version. Its snapshot and files are written once and never changed."""

    compilation = models.ForeignKey(Compilation, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    published_at = models.DateTimeField(_("published"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("published by"),
    )
    snapshot = models.JSONField(_("content"))
    pdf = models.FileField(_("PDF"), upload_to=version_upload_to, blank=True)
    docx = models.FileField(_("Word document"), upload_to=version_upload_to, blank=True)

    class Meta:
        ordering = ["-number"]
        verbose_name = _("published compilation version")
        verbose_name_plural = _("published compilation versions")
        constraints = [
            models.UniqueConstraint(fields=["compilation", "number"], name="unique_compilation_version")
        ]

    def __str__(self) -> str:
        return f"{self.compilation} v{self.number}"
