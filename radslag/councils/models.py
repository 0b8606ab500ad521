"""Advisory councils (råd), their members and meetings, and consultations (remiss, samråd) with answers."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from radslag.audit.public_names import may_publish_name
from radslag.contributions.models import BODY_MAX_LENGTH, Contribution
from radslag.core.localized import english_version
from radslag.core.models import TimeStamped
from radslag.dialogues.models import DialogueProcess
from radslag.organisations.models import Organisation, OrganisationScopedQuerySet


class CouncilQuerySet(OrganisationScopedQuerySet):
    def public(self) -> CouncilQuerySet:
        return self.filter(public=True)


class Council(TimeStamped):
    class Kind(models.TextChoices):
        PENSIONERS = "pensioners", _("Pensioners' council")
        DISABILITY = "disability", _("Disability council")
        YOUTH = "youth", _("Youth council")
        OTHER = "other", _("Other council")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="councils")
    name = models.CharField(_("name"), max_length=200)
    name_en = english_version(name)
    slug = models.SlugField(_("short name"), max_length=80, help_text=_("Used in the page's address."))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.OTHER)
    description = models.TextField(_("description"), blank=True)
    description_en = english_version(description)
    public = models.BooleanField(_("shown on the public pages"), default=True)

    objects = CouncilQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("council")
        verbose_name_plural = _("councils")
        constraints = [models.UniqueConstraint(fields=["organisation", "slug"], name="unique_council_slug")]

    def __str__(self) -> str:
        return self.name


MINOR_NAME_REFUSED = _("The member is under 18, and a minor's name is never shown publicly, even with consent. "
                       "Untick “Name shown on the public page”.")


class CouncilMember(models.Model):
    class Role(models.TextChoices):
        REPRESENTATIVE = "representative", _("Representative of an organisation")
        ELECTED = "elected", _("Elected official")
        CHAIR = "chair", _("Chair")
        SECRETARY = "secretary", _("Secretary")

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(_("name"), max_length=200)
    represents = models.CharField(_("represents"), max_length=200, blank=True,
                                  help_text=_("The organisation or party the member represents."))
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.REPRESENTATIVE)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="council_seats",
        verbose_name=_("account"), help_text=_("A secretary with an account may answer consultations."),
    )
    # A yes or no, not a birth year: it is all that keeping a minor's name private needs, and it says less
    # about the person (a council's members are appointed and known to staff, who review the seats each
    # term). It errs on the safe side: until staff untick it, the name stays private.
    under_18 = models.BooleanField(_("under 18"), default=False,
                                   help_text=_("A minor's name is never shown publicly, even with consent."))
    show_publicly = models.BooleanField(
        _("name shown on the public page"), default=False,
        help_text=_("Only when the member has agreed to it."),
    )

    class Meta:
        ordering = ["role", "name"]
        verbose_name = _("council member")
        constraints = [
            models.CheckConstraint(condition=~Q(under_18=True, show_publicly=True),
                                   name="council_minor_name_never_public",
                                   violation_error_message=MINOR_NAME_REFUSED),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.show_publicly and self.under_18:
            raise ValidationError({"show_publicly": MINOR_NAME_REFUSED})

    @property
    def name_is_public(self) -> bool:
        return may_publish_name(consent=self.show_publicly, minor=self.under_18)


class CouncilMeeting(models.Model):
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="meetings")
    starts_at = models.DateTimeField(_("date and time"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    minutes = models.FileField(_("minutes (PDF)"), upload_to="councils/minutes/", blank=True)
    minutes_published = models.BooleanField(_("minutes published"), default=False)

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("council meeting")

    def __str__(self) -> str:
        return f"{self.council} {self.starts_at:%Y-%m-%d}"

    @property
    def has_public_minutes(self) -> bool:
        return bool(self.minutes) and self.minutes_published


class Consultee(models.Model):
    """An association registered to be consulted, beside the councils."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="consultees")
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("contact e-mail"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("consultee")

    def __str__(self) -> str:
        return self.name


class ConsultationQuerySet(OrganisationScopedQuerySet):
    def sent(self) -> ConsultationQuerySet:
        return self.filter(sent_at__isnull=False)

    def for_process(self, process: DialogueProcess) -> ConsultationQuerySet:
        return self.filter(process=process)


class Consultation(TimeStamped):
    class Kind(models.TextChoices):
        REMISS = "remiss", _("Referral for comment (remiss)")
        SAMRAD = "samrad", _("Consultation (samråd)")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="consultations")
    process = models.ForeignKey(DialogueProcess, on_delete=models.CASCADE, related_name="consultations",
                                verbose_name=_("dialogue process"))
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.REMISS)
    title = models.CharField(_("title"), max_length=200)
    question = models.TextField(_("question"))
    reply_by = models.DateField(_("reply by"))
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    councils = models.ManyToManyField(Council, blank=True, related_name="consultations", verbose_name=_("councils"))
    consultees = models.ManyToManyField(Consultee, blank=True, related_name="consultations",
                                        verbose_name=_("consultees"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("consultation")

    def __str__(self) -> str:
        return self.title

    @property
    def is_sent(self) -> bool:
        return self.sent_at is not None

    def is_late_at(self, moment: dt.datetime) -> bool:
        """Past the reply-by date, read as a day in the municipality's time (Europe/Stockholm)."""
        return timezone.localdate(moment, timezone.get_default_timezone()) > self.reply_by


class AnswerQuerySet(models.QuerySet["ConsultationAnswer"]):
    def published(self) -> AnswerQuerySet:
        return self.filter(published_at__isnull=False)


class ConsultationAnswer(models.Model):
    """One council's or consultee's answer. It is final once submitted; staff publish it."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="answers")
    council = models.ForeignKey(Council, null=True, blank=True, on_delete=models.CASCADE, related_name="answers")
    consultee = models.ForeignKey(Consultee, null=True, blank=True, on_delete=models.CASCADE, related_name="answers")
    text = models.TextField(_("answer"), max_length=BODY_MAX_LENGTH)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField(_("submitted"))
    late = models.BooleanField(_("late"), default=False)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    contribution = models.OneToOneField(Contribution, null=True, blank=True, on_delete=models.SET_NULL,
                                        related_name="+")

    objects = AnswerQuerySet.as_manager()

    class Meta:
        ordering = ["submitted_at", "pk"]
        verbose_name = _("consultation answer")
        constraints = [
            models.CheckConstraint(
                condition=Q(council__isnull=False, consultee__isnull=True) | Q(council__isnull=True,
                                                                               consultee__isnull=False),
                name="answer_from_council_or_consultee",
            ),
            models.UniqueConstraint(fields=["consultation", "council"], name="one_answer_per_council"),
            models.UniqueConstraint(fields=["consultation", "consultee"], name="one_answer_per_consultee"),
        ]

    def __str__(self) -> str:
        return f"{self.consultation}: {self.responder}"

    @property
    def responder(self) -> Council | Consultee:
        return self.council or self.consultee  # type: ignore[return-value]  # the constraint holds one

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class Attachment(models.Model):
    """A file of a consultation (its documents) or of an answer; checked by content when uploaded."""

    consultation = models.ForeignKey(Consultation, null=True, blank=True, on_delete=models.CASCADE,
                                     related_name="documents")
    answer = models.ForeignKey(ConsultationAnswer, null=True, blank=True, on_delete=models.CASCADE,
                               related_name="attachments")
    file = models.FileField(upload_to="councils/attachments/")
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(consultation__isnull=False, answer__isnull=True) | Q(consultation__isnull=True,
                                                                                answer__isnull=False),
                name="attachment_of_consultation_or_answer",
            ),
        ]

    def __str__(self) -> str:
        return self.name
