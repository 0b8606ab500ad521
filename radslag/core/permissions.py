"""The permission table: which role may do what in its own municipality.

This is the one place that says who may do what (see shared/DOMAIN.md, "What each role may touch").
Every staff view names one capability through `radslag.core.access.requires_capability`, every
service that enforces permission asks `radslag.core.access.has_capability`, and the staff menu shows
a page only to those whose capability opens it. Change a row here, and the views, services, menu and
the URL × role test in tests/integration/test_role_matrix.py follow.

Table hosts are not a role: a person hosts a table at an activity. What they may do (type in notes
for their own table) is a rule about that table, in contributions/permissions.py.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from radslag.core.models import Role


class Capability(StrEnum):
    STAFF_PAGES = "staff.open"  # the staff start page, which then shows only what the role may open
    PROCESS_MANAGE = "process.manage"  # plan, publish, close; phases, activities, tables; themes; ballots
    PROCESS_PREVIEW = "process.preview"  # see a draft process's public pages before it is published
    PROCESS_READ_ANALYSIS = "process.read_analysis"  # dashboard, themes, compilation preview, ballots
    RESULTS_READ_EARLY = "results.read_early"  # vote and opinion results before publication
    CONTRIBUTIONS_MODERATE = "contributions.moderate"  # moderation queues and the texts they hold
    CONTRIBUTIONS_ENTER = "contributions.enter"  # type in slips and notes for any table
    CONTRIBUTIONS_IMPORT = "contributions.import"
    CONTRIBUTIONS_EXPORT = "contributions.export"  # exports carry age band, sex and locality
    VOTING_MANAGE_CODES = "voting.manage_codes"  # make and print voting codes
    VOTING_ENTER_PAPER = "voting.enter_paper"  # count paper ballots
    DECISIONS_MANAGE = "decisions.manage"
    ANSWERS_WRITE = "answers.write"  # write and publish the municipality's answers to a dialogue's themes
    PANEL_MANAGE = "panel.manage"  # the citizen panel and its invitation files (addresses)
    # surveys
    SURVEYS_MANAGE = "surveys.manage"  # build surveys, send waves, type in paper answers, export answers
    SURVEYS_READ_RESULTS = "surveys.read_results"  # weighted results, cross-tabs and the method
    NEWSLETTERS_MANAGE = "newsletters.manage"  # write, test, schedule and send newsletters (månadsblad)
    MEDIA_MANAGE = "media.manage"  # upload images to the media library, with their alt text
    COUNCILS_MANAGE = "councils.manage"  # councils, their members and meetings; consultations and publishing answers
    # Answer a consultation for any council or consultee. A council's secretary answers for their own
    # council without it (a rule about that council, in councils/permissions.py).
    CONSULTATIONS_ANSWER = "consultations.answer"
    # Working groups: groups, their members (invitations), meetings and materials. A member works in their
    # own group's space without it (a rule about that group, in workgroups/permissions.py).
    WORKGROUPS_MANAGE = "workgroups.manage"
    PROPOSALS_HANDLE = "proposals.handle"  # check proposals against the rules, send them to committees, answer
    FEEDBACK_READ = "feedback.read"  # what visitors said about the site's pages
    GOVERNANCE_MANAGE = "governance.manage"  # vision, strategic plan, focus areas, principles for dialogue
    ORGANISATION_CONFIGURE = "organisation.configure"  # accessibility statement, localities, bodies
    POPULATION_MANAGE = "population.manage"
    ROLES_MANAGE = "roles.manage"
    AUDIT_READ = "audit.read"
    PERSONAL_DATA_MANAGE = "personal_data.manage"  # erasure requests and retention rules (gallring)
    # decisionbasis: assemble, comment, freeze and version decision bases (officials read them through
    # PROCESS_READ_ANALYSIS)
    DECISION_BASIS_MANAGE = "decision_basis.manage"
    # planning: open the planning pages (read only: elected officials may be a project's readers);
    # inside, what a person sees and may change is their role in each project (planning/access.py).
    # Writing in a project, and starting one, is staff work.
    PLANNING = "planning.open"
    PLANNING_EDIT = "planning.edit"
    PLANNING_CREATE = "planning.create"


_STAFF = frozenset({Role.STAFF, Role.ADMIN})
_READERS = _STAFF | {Role.OFFICIAL}
_ADMIN = frozenset({Role.ADMIN})

PERMISSIONS: Mapping[Capability, frozenset[str]] = {
    Capability.STAFF_PAGES: _READERS | {Role.MODERATOR},
    Capability.PROCESS_MANAGE: _STAFF,
    Capability.PROCESS_PREVIEW: _STAFF,
    Capability.PROCESS_READ_ANALYSIS: _READERS,
    # Officials only where the process allows it (DialogueProcess.officials_see_results_early).
    Capability.RESULTS_READ_EARLY: _READERS,
    Capability.CONTRIBUTIONS_MODERATE: _STAFF | {Role.MODERATOR},
    Capability.CONTRIBUTIONS_ENTER: _STAFF,
    Capability.CONTRIBUTIONS_IMPORT: _STAFF,
    Capability.CONTRIBUTIONS_EXPORT: _STAFF,
    Capability.VOTING_MANAGE_CODES: _STAFF,
    Capability.VOTING_ENTER_PAPER: _STAFF,
    Capability.DECISIONS_MANAGE: _STAFF,
    Capability.ANSWERS_WRITE: _STAFF,
    Capability.PANEL_MANAGE: _STAFF,
    # surveys
    Capability.SURVEYS_MANAGE: _STAFF,
    Capability.SURVEYS_READ_RESULTS: _READERS,
    Capability.NEWSLETTERS_MANAGE: _STAFF,
    Capability.MEDIA_MANAGE: _STAFF,
    Capability.COUNCILS_MANAGE: _STAFF,
    Capability.CONSULTATIONS_ANSWER: _STAFF,
    Capability.WORKGROUPS_MANAGE: _STAFF,
    Capability.PROPOSALS_HANDLE: _STAFF,
    Capability.FEEDBACK_READ: _STAFF,
    Capability.GOVERNANCE_MANAGE: _ADMIN,
    Capability.ORGANISATION_CONFIGURE: _ADMIN,
    Capability.POPULATION_MANAGE: _ADMIN,
    Capability.ROLES_MANAGE: _ADMIN,
    Capability.AUDIT_READ: _ADMIN,
    Capability.PERSONAL_DATA_MANAGE: _ADMIN,
    Capability.DECISION_BASIS_MANAGE: _STAFF,  # decisionbasis
    # planning
    Capability.PLANNING: _READERS,
    Capability.PLANNING_EDIT: _STAFF,
    Capability.PLANNING_CREATE: _STAFF,
}


# Capabilities that only open pages to read. A page guarded by one of them and no `write` capability
# changes nothing, so its guard refuses every unsafe method (POST, PUT, ...) with 403: a reader such
# as an elected official can never write through a page that was only meant to be read.
READ_ONLY: frozenset[Capability] = frozenset({
    Capability.STAFF_PAGES, Capability.PROCESS_READ_ANALYSIS, Capability.RESULTS_READ_EARLY,
    Capability.FEEDBACK_READ, Capability.AUDIT_READ, Capability.PLANNING, Capability.SURVEYS_READ_RESULTS,
})


def roles_holding(capability: Capability) -> frozenset[str]:
    return PERMISSIONS[capability]


def capabilities_of(roles: frozenset[str] | set[str]) -> frozenset[Capability]:
    """Every capability that one of `roles` holds."""
    return frozenset(capability for capability, holders in PERMISSIONS.items() if holders & roles)
