"""Every URL × every role: who may open each page and who may change things through it.

`ROWS` says, for each named URL, who may GET it and, for pages that change things, who may POST
to it. It is written from shared/DOMAIN.md, not from the code's permission table, so that the two
can disagree. A URL without a row fails `test_every_url_has_a_row`: add one line to `ROWS`.

The eight people: a signed-out visitor, a resident, a table host (a resident hosting a table), a
moderator, an elected official, a staff member, an administrator, and a staff member of another
municipality who asks, on their own municipality's site, for this municipality's objects (a 404).
Every request runs in a savepoint that is rolled back, so one person's POST never changes what the
next person sees.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from radslag.accounts.models import Membership, Role
from radslag.accounts.tests.factories import user_with_role
from radslag.audit.models import ErasureRequest
from radslag.contributions.models import Contribution
from radslag.contributions.tests.factories import ContributionFactory
from radslag.councils.tests.factories import council_world
from radslag.decisionbasis.tests.factories import decision_basis_world
from radslag.dialogues.models import Registration
from radslag.dialogues.services import cancellation_token
from radslag.dialogues.tests.factories import (
    ActivityFactory,
    PhaseFactory,
    ProcessFactory,
    TableFactory,
    UpdateFactory,
)
from radslag.governance.models import BodyMeeting, DialoguePrinciples
from radslag.governance.tests.factories import DecisionFactory, FocusAreaFactory
from radslag.messaging import tokens
from radslag.messaging.consent import recipient_for
from radslag.messaging.models import MediaImage, Newsletter, Recipient, Topic
from radslag.messaging.tokens import trail_token
from radslag.opinions.models import Statement
from radslag.opinions.tests.factories import ConversationFactory, StatementFactory
from radslag.organisations.tests.factories import BodyFactory, LocalityFactory, OrganisationFactory
from radslag.panels.models import Panel
from radslag.panels.services import create_invitations
from radslag.planning.tests.factories import role_matrix_world
from radslag.proposals.tests.factories import proposal_world
from radslag.reports.services import compilation_for, publish_compilation
from radslag.surveys.tests.factories import survey_world
from radslag.themes.models import AnalysisRun
from radslag.themes.tests.factories import ThemeFactory
from radslag.voting.models import CastBallot, ResultsVisibility
from radslag.voting.services import generate_codes
from radslag.voting.tests.factories import OptionFactory, ballot_with_options
from radslag.workgroups.tests.factories import workgroup_world

ANONYMOUS, RESIDENT, HOST, MODERATOR, OFFICIAL, STAFF, ADMIN, OTHER_STAFF = (
    "anonymous", "resident", "table host", "moderator", "elected official", "staff", "administrator",
    "staff of another municipality",
)
PERSONAS = (ANONYMOUS, RESIDENT, HOST, MODERATOR, OFFICIAL, STAFF, ADMIN, OTHER_STAFF)

# Who may, in DOMAIN.md's words.
EVERYONE = frozenset(PERSONAS)
SIGNED_IN = EVERYONE - {ANONYMOUS}
STAFF_WORK = frozenset({STAFF, ADMIN, OTHER_STAFF})  # staff work on their municipality's processes
READ_ANALYSIS = STAFF_WORK | {OFFICIAL}  # an elected official reads every analysis, changes nothing
MODERATION = STAFF_WORK | {MODERATOR}  # a moderator sees the queue and the texts it holds
ENTRY = STAFF_WORK | {HOST}  # a table host writes only to their own table
STAFF_PAGES = READ_ANALYSIS | {MODERATOR}  # the staff start page, showing each role what it may open
ADMIN_ONLY = frozenset({ADMIN})  # roles, rules, population figures, retention, the audit log
PROJECT_LEAD = frozenset({STAFF, OTHER_STAFF})  # planning: the world's staff member leads the project

# Whole trees that other projects provide, each opened once as a sample in
# test_included_trees_answer_as_classed: (their class, a sample path, the outcome for everyone).
INCLUDED_TREES = {
    "konto/": ("sign-in pages of django-allauth, open to all", "/konto/login/", "ok"),
    "django-admin/": ("Django's admin, for superusers only, through the site's sign-in", "/django-admin/",
                      "admin login"),
    "api/": ("the public JSON API", "/api/processes", "ok"),
    "i18n/": ("the language switch, open to all", "/i18n/setlang/", "ok"),
}


@dataclass(frozen=True)
class Row:
    get: frozenset[str]
    post: frozenset[str] | None = None  # None: the page changes nothing, POST is not tried
    params: dict[str, str] = field(default_factory=dict)  # URL parameter -> key in the world
    post_only: bool = False  # a GET is answered 405 to those who pass the guard


def row(get: frozenset[str], post: frozenset[str] | None = None, **params: str) -> Row:
    return Row(get, post, params)


def writes(who: frozenset[str], **params: str) -> Row:
    """A page for those who may change things: the same people may open and send it."""
    return Row(who, who, params)


def posts(who: frozenset[str], *, guarded_get: frozenset[str] | None = None, **params: str) -> Row:
    """An action that only takes a POST. A GET is answered 405 once past the guard; a view without a
    guard of its own answers 405 to everyone (`guarded_get=EVERYONE`)."""
    return Row(guarded_get or who, who, params, post_only=True)


ROWS: dict[str, Row] = {
    # accounts
    "accounts:my_data": row(SIGNED_IN),
    "accounts:my_data_download": row(SIGNED_IN),
    "accounts:roles": writes(ADMIN_ONLY),
    "accounts:role_remove": posts(ADMIN_ONLY, pk="membership"),
    "accounts:erasure_request_file": posts(SIGNED_IN),  # a person asks for their own
    "accounts:erasure_requests": row(ADMIN_ONLY),
    "accounts:erasure_request": writes(ADMIN_ONLY, pk="erasure_request"),
    "accounts:retention": writes(ADMIN_ONLY),
    # audit
    "audit:log": row(ADMIN_ONLY),
    "audit:log_export": row(ADMIN_ONLY),
    # contributions
    "contributions:contribute": row(EVERYONE),
    "contributions:receipt": row(EVERYONE),
    "contributions:process_contributions": row(EVERYONE),
    "contributions:bulk_entry": writes(ENTRY),
    "contributions:bulk_undo": posts(ENTRY, guarded_get=EVERYONE, contribution_pk="own_entry"),
    "contributions:moderation_queue": row(MODERATION),
    "contributions:bulk_publish": posts(MODERATION),
    "contributions:moderate": writes(MODERATION),
    "contributions:dashboard": row(READ_ANALYSIS),
    "contributions_io:import": writes(STAFF_WORK),
    "contributions_io:export": row(STAFF_WORK),  # exports carry age band and locality
    "contributions_io:template": row(STAFF_WORK),
    # proposals (Aleförslaget): public pages; residents write and support; staff check, route and answer
    "proposals:list": row(EVERYONE),
    "proposals:create": writes(SIGNED_IN),
    "proposals:similar": row(EVERYONE),
    "proposals:rules": row(EVERYONE),
    "proposals:statistics": row(EVERYONE),
    "proposals:feed": row(EVERYONE),
    "proposals:open_data": row(EVERYONE),
    "proposals:mine": row(SIGNED_IN),
    "proposals:detail": row(EVERYONE, pk="proposal"),
    "proposals:support": posts(SIGNED_IN, pk="proposal"),
    "proposals:withdraw": posts(SIGNED_IN, pk="proposal"),
    "proposals:post_update": posts(SIGNED_IN, pk="proposal"),
    "proposals:staff_queue": row(STAFF_WORK),
    "proposals:staff_rules": writes(ADMIN_ONLY),
    "proposals:staff_proposal": row(STAFF_WORK, pk="proposal"),
    "proposals:staff_accept": posts(STAFF_WORK, pk="proposal"),
    "proposals:staff_refuse": posts(STAFF_WORK, pk="proposal"),
    "proposals:staff_assign": posts(STAFF_WORK, pk="proposal"),
    "proposals:staff_start": posts(STAFF_WORK, pk="proposal"),
    "proposals:staff_answer": posts(STAFF_WORK, pk="proposal"),
    "proposals:staff_progress": posts(STAFF_WORK, pk="proposal"),
    # feedback
    "feedback:what_happened": row(EVERYONE),
    "feedback:contribution": row(EVERYONE, pk="published_contribution"),
    "feedback:my_contributions": row(SIGNED_IN),
    "feedback:trail": row(EVERYONE, token="trail_token"),
    "feedback:staff_answers": row(READ_ANALYSIS),
    "feedback:answer_edit": writes(STAFF_WORK),
    "feedback:answers_publish": posts(STAFF_WORK),
    # councils: public pages and published answers; a council's secretary also answers (not a role here)
    "councils:council_list": row(EVERYONE),
    "councils:council": row(EVERYONE),
    "councils:minutes": row(EVERYONE),
    "councils:process_answers": row(EVERYONE),
    "councils:attachment": row(EVERYONE),
    "councils:my_consultations": row(SIGNED_IN),
    "councils:answer": writes(STAFF_WORK),
    "councils:staff_councils": row(STAFF_WORK),
    "councils:staff_council_create": writes(STAFF_WORK),
    "councils:staff_council": writes(STAFF_WORK),
    "councils:staff_member_create": writes(STAFF_WORK),
    "councils:staff_member_edit": writes(STAFF_WORK),
    "councils:staff_meeting_create": writes(STAFF_WORK),
    "councils:staff_meeting_edit": writes(STAFF_WORK),
    "councils:staff_consultees": writes(STAFF_WORK),
    "councils:staff_consultee_edit": writes(STAFF_WORK),
    "councils:staff_consultations": row(STAFF_WORK),
    "councils:staff_consultation_create": writes(STAFF_WORK),
    "councils:staff_consultation": writes(STAFF_WORK),
    "councils:staff_consultation_send": posts(STAFF_WORK),
    "councils:staff_answer_publish": posts(STAFF_WORK),
    # decisionbasis: officials read every page and change nothing; a frozen version is public
    "decisionbasis:public": row(EVERYONE, version_pk="basis_frozen"),
    "decisionbasis:public_pdf": row(EVERYONE, version_pk="basis_frozen"),
    "decisionbasis:public_docx": row(EVERYONE, version_pk="basis_frozen"),
    "decisionbasis:public_attachment_pdf": row(EVERYONE, version_pk="basis_frozen"),
    "decisionbasis:public_attachment_docx": row(EVERYONE, version_pk="basis_frozen"),
    "decisionbasis:list": row(READ_ANALYSIS, post=STAFF_WORK),
    "decisionbasis:version": row(READ_ANALYSIS, post=STAFF_WORK),
    "decisionbasis:comment": posts(STAFF_WORK),
    "decisionbasis:freeze": posts(STAFF_WORK),
    "decisionbasis:new_version": posts(STAFF_WORK, version_pk="basis_frozen"),
    "decisionbasis:preview": row(READ_ANALYSIS),
    "decisionbasis:docx": row(READ_ANALYSIS, version_pk="basis_frozen"),
    "decisionbasis:pdf": row(READ_ANALYSIS, version_pk="basis_frozen"),
    "decisionbasis:attachment": row(READ_ANALYSIS),
    "decisionbasis:attachment_pdf": row(READ_ANALYSIS),
    "decisionbasis:zip": row(READ_ANALYSIS, version_pk="basis_frozen"),
    # dialogues
    "dialogues:home": row(EVERYONE),
    "dialogues:process_list": row(EVERYONE),
    "dialogues:process_detail": row(EVERYONE),
    "dialogues:activity_detail": row(EVERYONE, pk="activity"),
    "dialogues:registration_cancel": row(EVERYONE, pk="activity"),
    "dialogues:staff_home": row(STAFF_PAGES),
    "dialogues:process_create": writes(STAFF_WORK),
    "dialogues:process_edit": writes(STAFF_WORK),
    "dialogues:process_publish": posts(STAFF_WORK),
    "dialogues:process_close": posts(STAFF_WORK),
    "dialogues:update_create": writes(STAFF_WORK),
    "dialogues:update_edit": writes(STAFF_WORK),
    "dialogues:phase_list": writes(STAFF_WORK),
    "dialogues:phase_edit": writes(STAFF_WORK),
    "dialogues:phase_delete": posts(STAFF_WORK),
    "dialogues:activity_list": row(STAFF_WORK),
    "dialogues:activity_create": writes(STAFF_WORK),
    "dialogues:activity_edit": writes(STAFF_WORK),
    "dialogues:activity_cancel": posts(STAFF_WORK),
    "dialogues:activity_mail": writes(STAFF_WORK),
    "dialogues:activity_ics": row(EVERYONE, pk="activity"),
    "dialogues:process_ics": row(EVERYONE),
    "dialogues:table_create": writes(STAFF_WORK),
    "dialogues:table_edit": writes(STAFF_WORK),
    # governance
    "governance:overview": row(EVERYONE),
    "governance:decision_list": row(EVERYONE),
    "governance:decision_detail": row(EVERYONE, pk="decision"),
    "governance:decision_admin_list": row(STAFF_WORK),
    "governance:decision_create": writes(STAFF_WORK),
    "governance:decision_edit": writes(STAFF_WORK, pk="decision"),
    "governance:vision_edit": writes(ADMIN_ONLY),
    "governance:plan_edit": writes(ADMIN_ONLY),
    "governance:focus_area_admin": writes(ADMIN_ONLY),
    "governance:focus_area_edit": writes(ADMIN_ONLY, pk="focus_area"),
    "governance:meetings": writes(STAFF_WORK),
    "governance:meeting_remove": posts(STAFF_WORK, pk="body_meeting"),
    # help: the handbook holds nothing secret
    "help:index": row(EVERYONE),
    "help:chapter": row(EVERYONE),
    # messaging: the pages mail links to carry a signed token instead of a session
    "messaging:confirm": writes(EVERYONE, token="confirm_token"),
    "messaging:unsubscribe": writes(EVERYONE, token="unsubscribe_token"),
    "messaging:preferences": writes(EVERYONE, token="unsubscribe_token"),
    "messaging:follow": writes(EVERYONE),
    "messaging:my_mail": writes(SIGNED_IN),
    # newsletters and the media library
    "newsletters:archive": row(EVERYONE),
    "newsletters:issue": row(EVERYONE, newsletter_pk="sent_newsletter"),
    "newsletters:process_archive": row(EVERYONE),
    "newsletters:image": row(EVERYONE),
    "newsletters:staff_list": row(STAFF_WORK),
    "newsletters:create": writes(STAFF_WORK),
    "newsletters:edit": writes(STAFF_WORK),
    "newsletters:preview": row(STAFF_WORK),
    "newsletters:send_test": posts(STAFF_WORK),
    "newsletters:schedule": posts(STAFF_WORK),
    "newsletters:send": posts(STAFF_WORK),
    "newsletters:media_library": writes(STAFF_WORK),
    # opinions
    "opinions:participate": row(EVERYONE, pk="conversation"),
    "opinions:vote": posts(EVERYONE, pk="conversation"),
    "opinions:submit": posts(EVERYONE, pk="conversation"),
    "opinions:enter_code": posts(EVERYONE, pk="conversation"),
    "opinions:profile": posts(EVERYONE, pk="conversation"),
    "opinions:tell_me": posts(EVERYONE, pk="conversation"),
    "opinions:results": row(EVERYONE, pk="conversation"),
    "opinions:staff_list": row(READ_ANALYSIS, post=STAFF_WORK),
    "opinions:staff_import": writes(STAFF_WORK),
    "opinions:staff_conversation": row(READ_ANALYSIS, post=STAFF_WORK),
    "opinions:staff_moderation": row(MODERATION),
    "opinions:staff_moderate": posts(MODERATION),
    "opinions:staff_seed": writes(STAFF_WORK, statement_pk="seed"),
    "opinions:staff_recompute": posts(STAFF_WORK),
    "opinions:staff_export": row(STAFF_WORK),
    # organisations
    "organisations:accessibility": row(EVERYONE),
    "organisations:privacy": row(EVERYONE),
    "organisations:page_feedback": posts(EVERYONE),
    "organisations:accessibility_edit": writes(ADMIN_ONLY),
    "organisations:feedback_results": row(STAFF_WORK),
    "organisations:locality_list": writes(ADMIN_ONLY),
    "organisations:locality_edit": writes(ADMIN_ONLY, pk="locality"),
    "organisations:body_list": writes(ADMIN_ONLY),
    "organisations:body_edit": writes(ADMIN_ONLY, pk="body"),
    "organisations:population_import": writes(ADMIN_ONLY),
    "organisations:population_confirm": posts(ADMIN_ONLY),
    # overview (officials): the officials' overview, and the public focus-area and vision pages
    "overview:officials": row(READ_ANALYSIS),
    "overview:focus_area": row(EVERYONE, slug="focus_area_slug"),
    "overview:vision": row(EVERYONE),
    # panels
    "panels:panel": row(EVERYONE),
    "panels:staff": writes(STAFF_WORK),
    "panels:create_invitations": posts(STAFF_WORK),
    "panels:invitation_file": row(STAFF_WORK, batch_pk="invitation_batch"),
    # reports
    "reports:compilation": row(EVERYONE),
    "reports:compilation_version": row(EVERYONE),
    "reports:compilation_pdf": row(EVERYONE),
    "reports:compilation_docx": row(EVERYONE),
    "reports:staff_compilation": row(READ_ANALYSIS, post=STAFF_WORK),
    "reports:staff_compilation_publish": posts(STAFF_WORK),
    "reports:staff_compilation_pdf": row(READ_ANALYSIS),
    "reports:staff_compilation_docx": row(READ_ANALYSIS),
    # themes
    "themes:overview": row(READ_ANALYSIS),
    "themes:start_run": posts(STAFF_WORK),
    "themes:run_status": row(READ_ANALYSIS),
    "themes:merge": posts(STAFF_WORK),
    "themes:create": posts(STAFF_WORK),
    "themes:code_contribution": writes(STAFF_WORK),
    "themes:theme_detail": row(READ_ANALYSIS),
    "themes:rename": posts(STAFF_WORK),
    "themes:accept": posts(STAFF_WORK),
    "themes:pin": posts(STAFF_WORK),
    "themes:split": posts(STAFF_WORK),
    "themes:focus_areas": posts(STAFF_WORK),
    "themes:move": posts(STAFF_WORK),
    # voting
    "voting:vote": row(EVERYONE),
    "voting:receipt": row(EVERYONE),
    "voting:tell_me": posts(EVERYONE),
    "voting:ballot_list": row(EVERYONE),
    "voting:results": row(EVERYONE),
    "voting:results_json": row(EVERYONE),
    "voting:projector": row(EVERYONE),
    "voting:cast_json": posts(EVERYONE),
    "voting:ballot_index": row(READ_ANALYSIS),
    "voting:ballot_create": writes(STAFF_WORK),
    "voting:ballot_detail": row(READ_ANALYSIS, post=STAFF_WORK),
    "voting:ballot_edit": writes(STAFF_WORK),
    "voting:option_delete": posts(STAFF_WORK),
    "voting:theme_options_add": posts(STAFF_WORK),
    "voting:codes_generate": posts(STAFF_WORK),
    "voting:code_sheet": row(STAFF_WORK),
    "voting:paper_entry": writes(STAFF_WORK),
    "voting:paper_ballot_pdf": row(STAFF_WORK),
    "voting:word_hide": posts(STAFF_WORK),
    "voting:ballot_open": posts(STAFF_WORK),
    "voting:ballot_close": posts(STAFF_WORK),
    "voting:ballot_publish": posts(STAFF_WORK),
    # workgroups: the resident is a member of the group; members use its space, officials read its report
    "workgroups:group_list": row(EVERYONE),
    "workgroups:group": row(EVERYONE, slug="workgroup_slug"),
    "workgroups:space": writes(STAFF_WORK | {RESIDENT}, slug="workgroup_slug"),
    "workgroups:material": row(STAFF_WORK | {RESIDENT}, slug="workgroup_slug", material_pk="workgroup_material"),
    "workgroups:report": row(READ_ANALYSIS | {RESIDENT}, slug="workgroup_slug"),
    "workgroups:report_pdf": row(READ_ANALYSIS | {RESIDENT}, slug="workgroup_slug"),
    "workgroups:report_docx": row(READ_ANALYSIS | {RESIDENT}, slug="workgroup_slug"),
    "workgroups:invitation": Row(EVERYONE, SIGNED_IN, {"token": "workgroup_invitation"}),
    "workgroups:staff_groups": row(STAFF_WORK),
    "workgroups:staff_group_create": writes(STAFF_WORK),
    "workgroups:staff_group": writes(STAFF_WORK, group_pk="workgroup"),
    "workgroups:staff_member_create": writes(STAFF_WORK, group_pk="workgroup"),
    "workgroups:staff_member_edit": writes(STAFF_WORK, group_pk="workgroup", member_pk="workgroup_member"),
    "workgroups:staff_member_invite": posts(STAFF_WORK, group_pk="workgroup", member_pk="workgroup_member"),
    "workgroups:staff_member_remove": posts(STAFF_WORK, group_pk="workgroup", member_pk="workgroup_member"),
    "workgroups:staff_pass_on": posts(STAFF_WORK, group_pk="workgroup"),
    "workgroups:staff_meeting_create": writes(STAFF_WORK, group_pk="workgroup"),
    "workgroups:staff_meeting_edit": writes(STAFF_WORK, group_pk="workgroup", meeting_pk="workgroup_meeting"),
    # principles for dialogue (governance), published by an administrator
    "governance:principles": row(EVERYONE),
    "governance:principles_version": row(EVERYONE, number="principles_version"),
    "governance:principles_edit": writes(ADMIN_ONLY),
    # planning: a project's pages open to its members (staff lead, administrator member, official
    # reader); changes need member or lead; the list opens to staff and officials, starting one to staff
    "planning:public": row(EVERYONE),
    "planning:join": writes(EVERYONE),
    "planning:phone": writes(EVERYONE),
    "planning:projects": row(READ_ANALYSIS, post=STAFF_WORK),
    "planning:project": row(READ_ANALYSIS, post=PROJECT_LEAD),
    "planning:project_edit": writes(PROJECT_LEAD),  # the title and summary: leads only
    "planning:members": row(READ_ANALYSIS, post=PROJECT_LEAD),
    "planning:member_remove": posts(PROJECT_LEAD, guarded_get=READ_ANALYSIS),
    "planning:context": row(READ_ANALYSIS, post=STAFF_WORK),
    "planning:stakeholders": row(READ_ANALYSIS, post=STAFF_WORK),
    "planning:problem_tree": row(READ_ANALYSIS, post=STAFF_WORK),
    "planning:objective_tree": row(READ_ANALYSIS, post=STAFF_WORK),
    "planning:mirror": posts(STAFF_WORK, guarded_get=READ_ANALYSIS),
    "planning:node_move": Row(READ_ANALYSIS, STAFF_WORK, {"item_pk": "planning_node"}, post_only=True),
    "planning:node_delete": Row(READ_ANALYSIS, STAFF_WORK, {"item_pk": "planning_node"}, post_only=True),
    "planning:logframe": row(READ_ANALYSIS, post=STAFF_WORK),
    "planning:risks": row(READ_ANALYSIS, post=STAFF_WORK),
    "planning:document_docx": row(READ_ANALYSIS),
    "planning:document_pdf": row(READ_ANALYSIS),
    "planning:stakeholders_xlsx": row(READ_ANALYSIS),
    "planning:logframe_xlsx": row(READ_ANALYSIS),
    "planning:activities_xlsx": row(READ_ANALYSIS),
    "planning:risks_xlsx": row(READ_ANALYSIS),
    "planning:workshops": row(READ_ANALYSIS, post=STAFF_WORK),
    "planning:workshop": row(READ_ANALYSIS),
    "planning:workshop_close": posts(STAFF_WORK, guarded_get=READ_ANALYSIS),
    "planning:suggestion_handle": posts(STAFF_WORK, guarded_get=READ_ANALYSIS),
    "planning:screen": row(READ_ANALYSIS),
    "planning:screen_json": row(READ_ANALYSIS),
    "planning:item": row(READ_ANALYSIS, post=STAFF_WORK),
    "planning:item_restore": posts(STAFF_WORK, guarded_get=READ_ANALYSIS),
    "planning:item_comment": posts(STAFF_WORK, guarded_get=READ_ANALYSIS),
    "planning:item_delete": posts(STAFF_WORK, guarded_get=READ_ANALYSIS),
    # surveys: answering through a personal link or an open survey's page; staff build, send and read results
    "surveys:start": row(EVERYONE, EVERYONE, pk="survey"),
    "surveys:answer": row(EVERYONE, EVERYONE, token="survey_token"),
    "surveys:pause": row(EVERYONE, EVERYONE, token="pause_token"),
    "surveys:staff_surveys": row(READ_ANALYSIS, STAFF_WORK),
    "surveys:staff_survey": writes(STAFF_WORK, pk="survey"),
    "surveys:staff_preview": row(STAFF_WORK, pk="survey"),
    "surveys:staff_results": row(READ_ANALYSIS, pk="survey"),
    "surveys:staff_export": row(STAFF_WORK, pk="survey"),  # answers with background and weights
    "surveys:staff_paper_pdf": row(STAFF_WORK, pk="survey"),
    "surveys:staff_paper_entry": writes(STAFF_WORK, pk="survey"),
}

# URL parameters and the objects of the world they name, unless a row says otherwise.
DEFAULT_PARAMS = {
    "pk": "process", "slug": "process_slug", "update_pk": "update", "phase_pk": "phase", "activity_pk": "activity",
    "table_pk": "table", "contribution_pk": "contribution", "run_pk": "run", "theme_pk": "theme",
    "conversation_pk": "conversation", "statement_pk": "statement", "ballot_pk": "ballot", "option_pk": "option",
    "batch_pk": "batch", "number": "version", "token": "token", "receipt": "receipt", "fmt": "fmt",
    "chapter": "chapter", "newsletter_pk": "newsletter", "image_pk": "image", "extension": "extension",
    "council_slug": "council_slug", "council_pk": "council", "member_pk": "council_member",
    "meeting_pk": "council_meeting", "consultee_pk": "consultee", "consultation_pk": "consultation",
    "answer_pk": "council_answer", "attachment_pk": "council_attachment",
    "version_pk": "basis_draft", "part": "basis_part",  # decisionbasis
    "group_pk": "workgroup", "material_pk": "workgroup_material",  # workgroups
    # planning
    "project_pk": "planning_project", "item_pk": "planning_risk", "kind": "planning_kind",
    "version_number": "planning_version", "membership_pk": "planning_membership",
    "workshop_pk": "planning_workshop", "suggestion_pk": "planning_suggestion", "code": "planning_code",
}
NOT_OBJECTS = {"fmt", "chapter", "extension"}


def url_patterns(resolver: URLResolver | None = None, prefix: str = "", namespace: str = ""):
    """(route, qualified name) for every pattern the site answers, from the resolver itself."""
    for pattern in (resolver or get_resolver()).url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from url_patterns(pattern, route, inner)
        elif isinstance(pattern, URLPattern):
            yield route, f"{namespace}{pattern.name}" if pattern.name else route


def tree_of(route: str) -> str | None:
    return next((tree for tree in INCLUDED_TREES if route.startswith(tree)), None)


def test_every_url_has_a_row():
    """A new page cannot be added without saying, in ROWS, who may open it."""
    missing = sorted(name for route, name in url_patterns() if tree_of(route) is None and name not in ROWS)
    assert not missing, f"Add a row to ROWS in {__name__} for: {', '.join(missing)}"


def test_no_row_names_a_url_that_does_not_exist():
    names = {name for _route, name in url_patterns()}
    assert sorted(set(ROWS) - names) == []


def expected(row_who: frozenset[str], persona: str, has_objects: bool, *, answer_405: bool = False) -> str:
    if answer_405 and persona in row_who:
        return "405"
    if persona == OTHER_STAFF and persona in row_who:
        return "404" if has_objects else "ok"  # their own site, this municipality's objects
    if persona in row_who:
        return "ok"
    return "login" if persona == ANONYMOUS else "403"


def outcome(response) -> str:
    if response.status_code == 302 and response["Location"].startswith(resolve_url(settings.LOGIN_URL)):
        return "login"
    if response.status_code in (403, 404, 405):
        return str(response.status_code)
    return "ok"


def build_world(org, other_org) -> dict[str, object]:
    people = {
        RESIDENT: user_with_role(org, Role.RESIDENT), HOST: user_with_role(org, Role.RESIDENT),
        MODERATOR: user_with_role(org, Role.MODERATOR), OFFICIAL: user_with_role(org, Role.OFFICIAL),
        STAFF: user_with_role(org, Role.STAFF), ADMIN: user_with_role(org, Role.ADMIN),
        OTHER_STAFF: user_with_role(other_org, Role.STAFF),
    }
    process = ProcessFactory(organisation=org, slug="motesplatser")
    activity = ActivityFactory(process=process)
    table = TableFactory(activity=activity, host=people[HOST])
    registration = Registration.objects.create(activity=activity, name="Anna", email="anna@example.se",
                                               status=Registration.Status.CONFIRMED)
    conversation = ConversationFactory(process=process)
    ballot = ballot_with_options(process=process, results_visibility=ResultsVisibility.LIVE)
    Panel.objects.create(organisation=org, name="Medborgarpanelen")
    Panel.objects.create(organisation=other_org, name="Grannpanelen")
    focus_area = FocusAreaFactory(plan__organisation=org)
    recipient = Recipient.objects.create(organisation=org, email="anna@example.se")
    version = publish_compilation(compilation=compilation_for(process), actor=people[STAFF])
    return {
        "people": people,
        "process": process.pk, "process_slug": process.slug, "activity": activity.pk, "table": table.pk,
        "update": UpdateFactory(process=process).pk, "phase": PhaseFactory(process=process).pk,
        "contribution": ContributionFactory(process=process, status=Contribution.Status.PENDING).pk,
        "published_contribution": ContributionFactory(process=process, status=Contribution.Status.PUBLISHED).pk,
        "trail_token": trail_token(recipient_for(organisation=org, email="spar@example.se")),
        "own_entry": {
            persona: ContributionFactory(process=process, entered_by=person, channel="slip").pk
            for persona, person in people.items()
        } | {ANONYMOUS: 0},
        "run": AnalysisRun.objects.create(organisation=org, process=process).pk,
        "theme": ThemeFactory(process=process).pk, "conversation": conversation.pk,
        "statement": StatementFactory(conversation=conversation, is_seed=False,
                                      status=Statement.Status.PENDING).pk,
        "seed": StatementFactory(conversation=conversation, is_seed=True, status=Statement.Status.ACCEPTED).pk,
        "ballot": ballot.pk, "option": OptionFactory(ballot=ballot).pk,
        "batch": generate_codes(ballot=ballot, user=people[STAFF], count=2, label="Bord 1").pk,
        "receipt": CastBallot.objects.create(
            ballot=ballot, receipt="R2026-0001", idempotency_key="k" * 32,
            choices={ballot.options.first().key: 1}).receipt,
        "version": version.number, "token": cancellation_token(registration),
        "confirm_token": tokens.confirm_token(recipient), "unsubscribe_token": tokens.unsubscribe_token(recipient),
        "decision": DecisionFactory(organisation=org).pk, "focus_area": focus_area.pk,
        "focus_area_slug": focus_area.slug,
        "membership": Membership.objects.get(user=people[RESIDENT]).pk,
        "locality": LocalityFactory(organisation=org).pk, "body": BodyFactory(organisation=org).pk,
        "body_meeting": BodyMeeting.objects.create(
            organisation=org, body=BodyFactory(organisation=org), date=timezone.localdate()).pk,
        "invitation_batch": create_invitations(
            panel=Panel.objects.get(organisation=org), user=people[STAFF], count=2, label="Utskick").pk,
        "erasure_request": ErasureRequest.objects.create(
            organisation=org, person=people[RESIDENT], email=people[RESIDENT].email).pk,
        "fmt": "csv", "chapter": "moderering",
        **newsletter_world(org, process),
        **council_world(org, process),
        **decision_basis_world(process, people[STAFF]),
        **workgroup_world(org, process, people[RESIDENT]),
        "principles_version": DialoguePrinciples.objects.create(
            organisation=org, number=1, title="Principer", text="Vi lyssnar.", published_at=timezone.now()).number,
        **role_matrix_world(org, people[STAFF], people[ADMIN], people[OFFICIAL]),
        **proposal_world(org),
        **survey_world(org, other_org, people[STAFF]),
    }


def newsletter_world(org, process) -> dict[str, object]:
    image = MediaImage(organisation=org, format="PNG", width=1, height=1, alt="En punkt")
    image.file.save("punkt.png", ContentFile(b"\x89PNG not really"), save=False)
    image.save()
    body = f"Hej!\n\n![En punkt]({image.url})"
    draft = Newsletter.objects.create(organisation=org, topic=Topic.PROCESS, topic_id=process.pk, title="Utkast",
                                      body=body)
    sent = Newsletter.objects.create(organisation=org, title="Månadsblad", body=body, sent_at=timezone.now())
    return {"newsletter": draft.pk, "sent_newsletter": sent.pk, "image": image.pk, "extension": "png"}


def concrete_url(name: str, route_params: list[str], row_: Row, world: dict, persona: str) -> str:
    kwargs = {}
    for param in route_params:
        key = row_.params.get(param, DEFAULT_PARAMS[param])
        value = world[key]
        kwargs[param] = value[persona] if isinstance(value, dict) else value
    return reverse(name, kwargs=kwargs)


def route_params() -> dict[str, list[str]]:
    return {name: re.findall(r"<(?:\w+:)?(\w+)>", route) for route, name in url_patterns() if name in ROWS}


def ask(client: Client, method: str, url: str) -> str:
    with transaction.atomic():
        response = client.get(url) if method == "GET" else client.post(url, {})
        transaction.set_rollback(True)
    return outcome(response)


@pytest.mark.django_db
def test_every_url_answers_every_role_as_the_table_says(settings):
    """One request per URL, role and method; every difference from ROWS is listed at once."""
    org = OrganisationFactory(name="Ale kommun", slug="ale", hostname="ale.example.se")
    other_org = OrganisationFactory(name="Grannkommun", slug="granne", hostname="granne.example.se")
    world = build_world(org, other_org)
    params = route_params()
    wrong = []
    for persona in PERSONAS:
        client = Client(HTTP_HOST=(other_org if persona == OTHER_STAFF else org).hostname)
        if persona != ANONYMOUS:
            client.force_login(world["people"][persona])
        for name, row_ in ROWS.items():
            url = concrete_url(name, params[name], row_, world, persona)
            has_objects = bool(set(params[name]) - NOT_OBJECTS)
            for method, who in (("GET", row_.get), ("POST", row_.post)):
                if who is None:
                    continue
                want = expected(who, persona, has_objects, answer_405=row_.post_only and method == "GET")
                got = ask(client, method, url)
                if want != got:
                    wrong.append(f"{method} {url} ({name}) as {persona}: expected {want}, got {got}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.django_db
@pytest.mark.parametrize("tree", sorted(INCLUDED_TREES))
def test_included_trees_answer_as_classed(tree, client_for, org, staff, moderator):
    _label, path, want = INCLUDED_TREES[tree]
    for user in (None, staff, moderator):
        response = client_for(org, user).get(path)
        if want == "admin login":
            # The admin's own login page only sends everyone on to the site's sign-in (and its second factor).
            assert response.status_code == 302 and response["Location"].startswith("/django-admin/login/")
            onward = client_for(org, user).get(response["Location"])
            if user is None:
                assert onward.status_code == 302 and onward["Location"].startswith("/konto/login/")
            else:  # signed in, but no superuser: the admin stays closed
                assert onward.status_code == 403
        else:
            assert response.status_code in (200, 302, 405), (path, response.status_code)


# overview (officials): an elected official reads every staff page open to them and changes nothing.
def staff_routes() -> dict[str, str]:
    """Qualified name -> route of every page in the staff area (/personal/)."""
    return {name: route for route, name in url_patterns() if route.startswith("personal/") and name in ROWS}


@pytest.mark.django_db
def test_an_official_reads_every_staff_page_and_every_write_is_refused():
    """Per staff URL: an official opens what ROWS lets them read, and every POST they send is refused
    with 403, whether the page is a form, an action or a page that only shows things."""
    org = OrganisationFactory(name="Ale kommun", slug="ale", hostname="ale.example.se")
    other_org = OrganisationFactory(name="Grannkommun", slug="granne", hostname="granne.example.se")
    world = build_world(org, other_org)
    params = route_params()
    client = Client(HTTP_HOST=org.hostname)
    client.force_login(world["people"][OFFICIAL])
    wrong, read = [], []
    for name in sorted(staff_routes()):
        row_ = ROWS[name]
        url = concrete_url(name, params[name], row_, world, OFFICIAL)
        if OFFICIAL in row_.get and not row_.post_only:
            read.append(name)
            if (got := ask(client, "GET", url)) != "ok":
                wrong.append(f"GET {url} ({name}): expected ok, got {got}")
        if (got := ask(client, "POST", url)) != "403":
            wrong.append(f"POST {url} ({name}): expected 403, got {got}")
    assert not wrong, "\n".join(wrong)
    assert {"contributions:dashboard", "themes:overview", "voting:ballot_detail"} <= set(read)


@pytest.mark.django_db
def test_the_staff_pages_an_official_reads_offer_them_no_page_that_refuses_them():
    """The menus and links an official sees lead only to pages they may open: no write action is shown."""
    org = OrganisationFactory(name="Ale kommun", slug="ale", hostname="ale.example.se")
    world = build_world(org, OrganisationFactory(name="Grannkommun", slug="granne", hostname="granne.example.se"))
    params = route_params()
    client = Client(HTTP_HOST=org.hostname)
    client.force_login(world["people"][OFFICIAL])
    refused = []
    for name in sorted(staff_routes()):
        row_ = ROWS[name]
        if OFFICIAL not in row_.get or row_.post_only:
            continue
        url = concrete_url(name, params[name], row_, world, OFFICIAL)
        response = client.get(url)
        if not response["Content-Type"].startswith("text/html"):
            continue
        page = response.content.decode()
        for href in sorted(set(re.findall(r'href="(/personal/[^"#?]*)', page))):
            if ask(client, "GET", href) == "403":
                refused.append(f"{url} links to {href}")
        # A form that sends to the staff area (or back to the page itself) would be a write they cannot make.
        for form in re.findall(r"<form\b[^>]*>", page):
            action = re.search(r'action="([^"]*)"', form)
            if "post" in form.lower() and (action is None or action.group(1) in ("", url)
                                           or action.group(1).startswith("/personal/")):
                refused.append(f"{url} shows a form that writes: {form}")
    assert not refused, "\n".join(refused)
