"""Working groups (arbetsgrupper) of a dialogue: members, a series of meetings with materials, and the notes,
insights, ideas and lessons members write between meetings.

Ale's expedition group is the model: about thirty residents, employees and elected officials who met four
times, each meeting approaching the theme in its own way.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from radslag.audit.public_names import is_minor, may_publish_name
from radslag.contributions.models import Contribution
from radslag.core.models import TimeStamped
from radslag.dialogues.models import DialogueProcess
from radslag.organisations.models import Organisation, OrganisationScopedQuerySet

NOTE_MAX_LENGTH = 4000


class WorkingGroupQuerySet(OrganisationScopedQuerySet):
    def public(self) -> WorkingGroupQuerySet:
        """Groups shown on the public pages: marked public, of a dialogue that is itself public."""
        return self.filter(public=True).exclude(process__status=DialogueProcess.Status.DRAFT)


class WorkingGroup(TimeStamped):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="working_groups")
    process = models.ForeignKey(DialogueProcess, on_delete=models.CASCADE, related_name="working_groups",
                                verbose_name=_("dialogue process"))
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=80, help_text=_("Used in the page's address."))
    purpose = models.TextField(_("purpose"), blank=True,
                               help_text=_("What the group explores, and what its report is for."))
    public = models.BooleanField(_("shown on the public pages"), default=True,
                                 help_text=_("The page shows the meetings and the names members agreed to show."))

    objects = WorkingGroupQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")
        constraints = [models.UniqueConstraint(fields=["organisation", "slug"], name="unique_working_group_slug")]

    def __str__(self) -> str:
        return self.name


class MemberQuerySet(models.QuerySet["GroupMember"]):
    def current(self) -> MemberQuerySet:
        return self.filter(removed_at__isnull=True)

    def joined(self) -> MemberQuerySet:
        """Members who accepted the invitation and are still in the group (with an account or, after an
        erasure, without one): the group's members as its report counts them."""
        return self.current().filter(accepted_at__isnull=False)

    def active(self) -> MemberQuerySet:
        """Joined members with an account: they may use the group's space."""
        return self.joined().filter(user__isnull=False)


class GroupMember(models.Model):
    class Kind(models.TextChoices):
        RESIDENT = "resident", _("Resident")
        EMPLOYEE = "employee", _("Employee")
        ELECTED = "elected", _("Elected official")

    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="members")
    kind = models.CharField(_("kind of member"), max_length=16, choices=Kind.choices, default=Kind.RESIDENT)
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"), help_text=_("The invitation is sent here."))
    under_18 = models.BooleanField(_("under 18"), default=False,
                                   help_text=_("A minor's name is never shown publicly, even with consent."))
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True,
                                                  help_text=_("Optional. Used only to keep minors' names private."))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="working_group_seats", verbose_name=_("account"))
    invited_at = models.DateTimeField(_("invited"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    # When the member agreed to have their name on the group's public page; None: not agreed (or withdrawn).
    name_consent_at = models.DateTimeField(_("agreed to show the name publicly"), null=True, blank=True)
    removed_at = models.DateTimeField(_("left the group"), null=True, blank=True)

    objects = MemberQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("working group member")
        constraints = [
            models.UniqueConstraint(fields=["group", "user"], condition=models.Q(user__isnull=False),
                                    name="one_seat_per_account_and_group"),
        ]

    def __str__(self) -> str:
        return self.name

    def is_minor_on(self, day: dt.date) -> bool:
        """Under 18, or possibly so: a birth year alone counts as a minor until the 18th birthday surely passed."""
        return is_minor(under_18=self.under_18, birth_year=self.birth_year, on=day)

    def name_is_public_on(self, day: dt.date) -> bool:
        """Shown on the group's page: a member still in the group who agreed, and never a minor."""
        joined = self.accepted_at is not None and self.removed_at is None
        return joined and may_publish_name(consent=self.name_consent_at is not None, minor=self.is_minor_on(day))

    @property
    def status(self) -> str:
        if self.removed_at is not None:
            return "removed"
        if self.accepted_at is not None:
            return "member"
        return "invited" if self.invited_at is not None else "added"


class GroupMeeting(models.Model):
    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="meetings")
    number = models.PositiveSmallIntegerField(_("number"), help_text=_("The meeting's place in the series."))
    title = models.CharField(_("title"), max_length=200)
    approach = models.CharField(_("approach or method"), max_length=200, blank=True,
                                help_text=_("How this meeting approaches the question, e.g. a walk, a workshop."))
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("date and time"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    notes = models.TextField(_("notes from the meeting"), blank=True,
                             help_text=_("Written by staff after the meeting; members see them in the group space."))

    class Meta:
        ordering = ["number", "starts_at"]
        verbose_name = _("working group meeting")
        constraints = [models.UniqueConstraint(fields=["group", "number"], name="unique_group_meeting_number")]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Material(models.Model):
    """A file for a meeting, checked by content when uploaded; members and staff may download it."""

    meeting = models.ForeignKey(GroupMeeting, on_delete=models.CASCADE, related_name="materials")
    file = models.FileField(upload_to="workgroups/materials/")
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("material")

    def __str__(self) -> str:
        return self.name


class NoteQuerySet(models.QuerySet["GroupNote"]):
    def for_report(self) -> NoteQuerySet:
        return self.filter(kind__in=REPORT_KINDS)


class GroupNote(models.Model):
    """What a member (or staff running the group) wrote in the group space. Notes stay in the space;
    insights, ideas and lessons are gathered into the group's report."""

    class Kind(models.TextChoices):
        NOTE = "note", _("Note")
        INSIGHT = "insight", _("Insight")
        IDEA = "idea", _("Idea")
        LESSON = "lesson", _("Lesson")

    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="notes")
    meeting = models.ForeignKey(GroupMeeting, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="member_notes", verbose_name=_("after meeting"))
    member = models.ForeignKey(GroupMember, null=True, blank=True, on_delete=models.SET_NULL, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.NOTE)
    text = models.TextField(_("text"), max_length=NOTE_MAX_LENGTH)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    # Set when staff pass the entry on to the dialogue's analysis (contributions, channel "working_group").
    contribution = models.OneToOneField(Contribution, null=True, blank=True, on_delete=models.SET_NULL,
                                        related_name="+")

    objects = NoteQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("working group note")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:40]}"


REPORT_KINDS = (GroupNote.Kind.INSIGHT, GroupNote.Kind.IDEA, GroupNote.Kind.LESSON)
