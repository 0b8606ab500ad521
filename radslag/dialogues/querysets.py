"""Reusable reads for the public and staff pages of the dialogues app."""

from __future__ import annotations

from django.db.models import Case, Count, Max, Prefetch, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from radslag.accounts.models import Membership, User
from radslag.core.models import Role
from radslag.dialogues.models import Activity, DialogueProcess, Phase, ProcessUpdate, Registration
from radslag.organisations.models import Organisation

RECENTLY_CLOSED_LIMIT = 5


def activities_with_counts() -> QuerySet[Activity]:
    """Activities with their place and how many are confirmed or waiting."""
    return Activity.objects.select_related("locality").annotate(
        confirmed_count=Count("registrations", filter=Q(registrations__status=Registration.Status.CONFIRMED)),
        waiting_count=Count("registrations", filter=Q(registrations__status=Registration.Status.WAITING)),
    ).order_by("starts_at", "pk")  # the annotation drops the model's ordering: lists go by date


def public_processes(organisation: Organisation) -> QuerySet[DialogueProcess]:
    return DialogueProcess.objects.for_organisation(organisation).published()


def ongoing_first(processes: QuerySet[DialogueProcess]) -> QuerySet[DialogueProcess]:
    """Ongoing processes before finished ones, each group newest first."""
    is_closed = Case(When(status=DialogueProcess.Status.CLOSED, then=Value(1)), default=Value(0))
    return processes.order_by(is_closed, "-published_at", "-id")


def with_overview(processes: QuerySet[DialogueProcess]) -> QuerySet[DialogueProcess]:
    """Enough to say what happens now in each process: phases, the next activity, focus areas."""
    upcoming = Activity.objects.filter(ends_at__gte=timezone.now()).order_by("starts_at")
    return processes.prefetch_related(
        "phases",
        "focus_areas",
        Prefetch("activities", queryset=upcoming, to_attr="upcoming_activities"),
    )


def ongoing(organisation: Organisation) -> QuerySet[DialogueProcess]:
    return with_overview(
        public_processes(organisation).filter(status=DialogueProcess.Status.PUBLISHED).order_by("-published_at")
    )


def recently_closed(organisation: Organisation) -> QuerySet[DialogueProcess]:
    """Finished processes, the one that ended last first (by its last phase, else when it was changed).

    A finished process's card shows its outcome, not its phases or activities, so those are not loaded.
    """
    closed = public_processes(organisation).filter(status=DialogueProcess.Status.CLOSED)
    ended = Coalesce(Max("phases__ends"), TruncDate("updated_at"))
    return closed.annotate(ended=ended).order_by("-ended", "-id")[:RECENTLY_CLOSED_LIMIT]


def process_for_page(organisation: Organisation, slug: str) -> QuerySet[DialogueProcess]:
    """The process page's process with everything it shows, in a fixed number of queries."""
    return (
        DialogueProcess.objects.filter(organisation=organisation)
        .filter(slug=slug)
        .select_related("organisation", "deciding_body", "commissioning_decision__body")
        .prefetch_related(
            Prefetch("phases", queryset=Phase.objects.order_by("order", "starts")),
            Prefetch("updates", queryset=ProcessUpdate.objects.select_related("phase", "decision")),
            Prefetch("activities", queryset=activities_with_counts()),
            "focus_areas",
        )
    )


def staff_processes(organisation: Organisation) -> QuerySet[DialogueProcess]:
    return (
        DialogueProcess.objects.filter(organisation=organisation)
        .select_related("deciding_body")
        .annotate(activity_count=Count("activities", distinct=True), phase_count=Count("phases", distinct=True))
        .order_by("status", "-created_at")
    )


# The roles that may host a table at any activity, in the order the host list groups them.
HOST_ROLES = (Role.STAFF, Role.ADMIN, Role.MODERATOR, Role.OFFICIAL)


def table_host_candidates(activity: Activity, current: int | None = None) -> list[tuple[User, str | None]]:
    """Who may host a table at the activity, each with their strongest role (None: a registered resident).

    Members with a role other than resident, residents registered for the activity, and the table's
    current host (so that a saved choice stays valid), ordered by name.
    """
    rank: dict[str, int] = {role.value: number for number, role in enumerate(HOST_ROLES)}
    strongest: dict[int, str] = {}
    memberships = Membership.objects.filter(organisation_id=activity.process.organisation_id, role__in=rank)
    for user_id, role in memberships.values_list("user_id", "role"):
        if user_id not in strongest or rank[role] < rank[strongest[user_id]]:
            strongest[user_id] = role
    registered = activity.registrations.exclude(status=Registration.Status.CANCELLED).exclude(user=None)
    ids = set(strongest) | set(registered.values_list("user_id", flat=True))
    people = User.objects.filter(Q(pk__in=ids, is_active=True) | Q(pk=current)).order_by("display_name", "email")
    return [(person, strongest.get(person.pk)) for person in people]
