"""A decision basis (beslutsunderlag) for a dialogue process, in versions; a version sent to a committee is frozen.

A version holds what staff write (the header of a tjänsteskrivelse and its texts, and one comment per part);
the parts themselves are drawn live from the dialogue's data until the version is frozen, when everything
is stored in `snapshot`, so that the documents can be made again exactly as they were sent.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from radslag.core.models import TimeStamped
from radslag.dialogues.models import DialogueProcess
from radslag.organisations.models import Body, Organisation

TEXT_MAX = 20000


class DecisionBasis(TimeStamped):
    """One matter (ärende) for a process; its content lives in its versions."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="decision_bases")
    process = models.ForeignKey(DialogueProcess, on_delete=models.CASCADE, related_name="decision_bases")

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("decision basis")
        verbose_name_plural = _("decision bases")

    def __str__(self) -> str:
        latest = self.versions.order_by("-number").first()
        return latest.title if latest else str(self.process)


class BasisVersion(TimeStamped):
    """One version of a decision basis: a draft staff edit, or frozen once sent to a committee."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        FROZEN = "frozen", _("Sent to the committee")

    basis = models.ForeignKey(DecisionBasis, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.DRAFT)
    # The header of the tjänsteskrivelse.
    title = models.CharField(_("matter"), max_length=300, help_text=_("The matter (ärende) the committee decides on."))
    registration_number = models.CharField(
        _("registration number"), max_length=60, blank=True, help_text=_("The diarienummer, e.g. KS 2026/123."))
    document_date = models.DateField(_("date"))
    case_officer = models.CharField(
        _("case officer"), max_length=200, blank=True, help_text=_("Name and title of the handläggare."))
    committee = models.ForeignKey(
        Body, null=True, blank=True, on_delete=models.PROTECT, related_name="decision_basis_versions",
        verbose_name=_("committee"), help_text=_("The body that decides (nämnd, kommunstyrelse or fullmäktige)."))
    meeting_date = models.DateField(_("meeting date"), null=True, blank=True)
    # Staff's own texts.
    summary = models.TextField(_("summary"), blank=True, max_length=TEXT_MAX)
    background = models.TextField(_("background"), blank=True, max_length=TEXT_MAX)
    assessment = models.TextField(_("the administration's assessment"), blank=True, max_length=TEXT_MAX)
    consequences = models.TextField(_("consequences"), blank=True, max_length=TEXT_MAX,
                                    help_text=_("Financial, environmental and other consequences."))
    child_impact = models.TextField(
        _("child impact assessment"), blank=True, max_length=TEXT_MAX,
        help_text=_("How the decision affects children, as the Convention on the Rights of the Child requires."))
    proposed_decision = models.TextField(_("proposed decision"), blank=True, max_length=TEXT_MAX)
    # Set when frozen, never changed after.
    frozen_at = models.DateTimeField(_("sent"), null=True, blank=True)
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("sent by"))
    snapshot = models.JSONField(_("frozen content"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["basis", "-number"]
        verbose_name = _("decision basis version")
        verbose_name_plural = _("decision basis versions")
        constraints = [
            models.UniqueConstraint(fields=["basis", "number"], name="unique_basis_version"),
            # At most one draft per decision basis: a new version is made from a frozen one.
            models.UniqueConstraint(fields=["basis"], condition=models.Q(status="draft"), name="one_draft_per_basis"),
        ]

    def __str__(self) -> str:
        return f"{self.title} v{self.number}"

    @property
    def is_frozen(self) -> bool:
        return self.status == self.Status.FROZEN


class PartComment(models.Model):
    """Staff's comment on one part of a version (a part is named by its registry key)."""

    version = models.ForeignKey(BasisVersion, on_delete=models.CASCADE, related_name="comments")
    part = models.CharField(_("part"), max_length=40)
    text = models.TextField(_("comment"), max_length=TEXT_MAX)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("comment on a part")
        verbose_name_plural = _("comments on parts")
        constraints = [models.UniqueConstraint(fields=["version", "part"], name="one_comment_per_part")]

    def __str__(self) -> str:
        return f"{self.version}: {self.part}"


def sent_file_upload_to(sent: SentFile, filename: str) -> str:
    return f"decision-bases/{sent.version.basis.organisation_id}/{sent.version_id}/{filename}"


class SentFile(models.Model):
    """A file of a frozen version, kept as it was first made: the public record the committee received.

    The content of a frozen version never changes (`snapshot`), but a file made again from it could still
    differ byte for byte after an upgrade of the libraries that write Word and PDF files, and making a PDF
    costs the server about half a second. So each file is made once, at its first download, and served
    from storage after that; its SHA-256 is checked at each read, and a file lost or changed in storage is
    made again from the frozen content.
    """

    class Kind(models.TextChoices):
        DOCX = "docx", _("Memo (Word)")
        PDF = "pdf", _("Memo (PDF)")
        ATTACHMENT = "attachment", _("Attachment 1 (Word)")
        ATTACHMENT_PDF = "attachment_pdf", _("Attachment 1 (PDF)")

    version = models.ForeignKey(BasisVersion, on_delete=models.CASCADE, related_name="sent_files")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    file = models.FileField(upload_to=sent_file_upload_to, max_length=200)
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("file as sent")
        verbose_name_plural = _("files as sent")
        constraints = [models.UniqueConstraint(fields=["version", "kind"], name="one_sent_file_per_kind")]

    def __str__(self) -> str:
        return f"{self.version} – {self.get_kind_display()}"
