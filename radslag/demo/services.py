"""Loading and reloading the demo municipality (Ale kommun), in one transaction."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models, transaction
from django.utils import timezone

from radslag.accounts.models import User
from radslag.audit.models import AuditEvent
from radslag.audit.services import record_event
from radslag.contributions.models import Contribution
from radslag.demo.logins import DEMO_EMAILS
from radslag.demo.seed.ale360 import close_ale360, load_ale360
from radslag.demo.seed.contributions import load_contributions
from radslag.demo.seed.councils import load_councils
from radslag.demo.seed.current import load_current
from radslag.demo.seed.decision_basis import load_decision_basis
from radslag.demo.seed.feedback import load_feedback
from radslag.demo.seed.governance import load_governance
from radslag.demo.seed.meetings import load_meetings
from radslag.demo.seed.municipality import DEMO_SLUG, load_municipality
from radslag.demo.seed.newsletters import load_newsletters
from radslag.demo.seed.opinions import load_opinions
from radslag.demo.seed.panel import PANEL_DOMAIN, load_panel
from radslag.demo.seed.people import load_people
from radslag.demo.seed.planning import load_planning
from radslag.demo.seed.proposals import load_proposals
from radslag.demo.seed.reports import load_reports
from radslag.demo.seed.surveys import load_surveys
from radslag.demo.seed.themes import load_themes
from radslag.demo.seed.voting import load_voting
from radslag.demo.seed.workgroups import load_workgroups
from radslag.dialogues.models import DialogueProcess
from radslag.governance.models import Decision
from radslag.organisations.models import Organisation
from radslag.proposals.models import Proposal
from radslag.voting.models import CastBallot


@dataclass(frozen=True)
class DemoLoadResult:
    organisation: Organisation
    created: bool
    contributions: int = 0


def demo_organisation() -> Organisation | None:
    return Organisation.objects.filter(slug=DEMO_SLUG).first()


@transaction.atomic
def load_demo(*, reset: bool = False) -> DemoLoadResult:
    """Create the demo municipality unless it exists; with `reset`, empty it first and load it again."""
    existing = demo_organisation()
    if existing is not None and not reset:
        return DemoLoadResult(organisation=existing, created=False)
    if existing is not None:
        _empty_demo(existing)
    User.objects.filter(email__in=DEMO_EMAILS).delete()
    User.objects.filter(email__endswith=f"@{PANEL_DOMAIN}").delete()
    context = load_municipality(today=timezone.localdate(), existing=existing)
    load_people(context)
    load_governance(context)
    load_ale360(context)
    load_current(context)
    count = load_contributions(context)
    # What builds on the contributions: themes, then the compilation from them; ballots; conversations.
    load_themes(context)
    load_reports(context)
    load_voting(context)
    load_opinions(context)
    load_panel(context)
    load_surveys(context)
    load_newsletters(context)
    load_councils(context)
    load_decision_basis(context)
    load_workgroups(context)
    load_planning(context)
    load_proposals(context)
    load_meetings(context)  # after every decision, each of which was taken at a meeting
    close_ale360(context)
    load_feedback(context)
    record_event(
        organisation=context.organisation, actor=None, action="demo.loaded", target=context.organisation,
        data={"contributions": count, "processes": len(context.processes), "reset": existing is not None},
    )
    return DemoLoadResult(organisation=context.organisation, created=True, contributions=count)


def _empty_demo(organisation: Organisation) -> None:
    """Delete everything the municipality owns except its audit trail, which is append-only.

    The organisation row itself stays because its audit events protect it; it is refilled by the load.
    Rows that protect others (processes protect bodies, decisions protect bodies) go first.
    """
    # Cast ballots protect their ballot so that no acknowledged vote is ever lost by accident;
    # a demo reset is the one place that removes them on purpose.
    CastBallot.objects.filter(ballot__organisation=organisation).delete()
    Contribution.objects.filter(organisation=organisation).delete()
    Proposal.objects.filter(organisation=organisation).delete()  # they protect rules, bodies and decisions
    DialogueProcess.objects.filter(organisation=organisation).delete()
    Decision.objects.filter(organisation=organisation).delete()
    for relation in organisation._meta.related_objects:
        if relation.related_model is AuditEvent or (not relation.one_to_many and not relation.one_to_one):
            continue
        model: type[models.Model] = relation.related_model
        model._base_manager.filter(**{relation.field.name: organisation}).delete()
