"""Which part of the handbook explains each staff page: one table, read by the site layout.

A staff page (a URL name below) gets a "Help for this page" link to its chapter and section. A test
checks that every page under /personal/ has an entry and that every anchor exists in its chapter.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

_PLAN = ("planera", "process")
_PHASES = ("planera", "faser")
_UPDATES = ("aterkoppling", "uppdateringar")
_ACTIVITIES = ("planera", "aktiviteter")
_TABLES = ("planera", "bord")
_MODERATION = ("moderering", "koen")
_THEMES = ("analys", "teman")
_BALLOTS = ("omrostning", "omrostningar")
_OPINIONS = ("omrostning", "asiktskartlaggning")
_DECISIONS = ("aterkoppling", "beslut")
_ANSWERS = ("aterkoppling", "svar")
_GOVERNANCE = ("administration", "styrning")
_ORGANISATION = ("administration", "organisationen")
_NEWSLETTERS = ("aterkoppling", "manadsblad")
_COUNCILS = ("planera", "rad")
_DECISION_BASIS = ("analys", "beslutsunderlag")
_WORKGROUPS = ("planera", "arbetsgrupper")
_LFA = ("planera", "lfa")
_LFA_WORKSHOP = ("planera", "lfa-workshop")
_PROPOSALS = ("aterkoppling", "aleforslaget")

PAGE_HELP: dict[str, tuple[str, str]] = {
    "dialogues:staff_home": ("kom-igang", "personalsidan"),
    "dialogues:process_create": _PLAN,
    "dialogues:process_edit": _PLAN,
    "dialogues:process_publish": ("planera", "publicera"),
    "dialogues:process_close": ("aterkoppling", "avsluta"),
    "dialogues:update_create": _UPDATES,
    "dialogues:update_edit": _UPDATES,
    "dialogues:phase_list": _PHASES,
    "dialogues:phase_edit": _PHASES,
    "dialogues:phase_delete": _PHASES,
    "dialogues:activity_list": _ACTIVITIES,
    "dialogues:activity_create": _ACTIVITIES,
    "dialogues:activity_edit": _ACTIVITIES,
    "dialogues:activity_cancel": ("planera", "installa"),
    "dialogues:activity_mail": ("planera", "skriv-till-anmalda"),
    "newsletters:staff_list": _NEWSLETTERS,
    "newsletters:create": _NEWSLETTERS,
    "newsletters:edit": _NEWSLETTERS,
    "newsletters:preview": _NEWSLETTERS,
    "newsletters:send_test": _NEWSLETTERS,
    "newsletters:schedule": _NEWSLETTERS,
    "newsletters:send": _NEWSLETTERS,
    "newsletters:media_library": ("aterkoppling", "bildbiblioteket"),
    "dialogues:table_create": _TABLES,
    "dialogues:table_edit": _TABLES,
    "contributions:bulk_entry": ("inspel", "snabbinmatning"),
    "contributions:bulk_undo": ("inspel", "snabbinmatning"),
    "contributions:moderation_queue": _MODERATION,
    "contributions:bulk_publish": _MODERATION,
    "contributions:moderate": ("moderering", "ett-inspel"),
    "contributions:dashboard": ("analys", "oversikten"),
    "contributions_io:import": ("inspel", "import"),
    "contributions_io:export": ("inspel", "export"),
    "contributions_io:template": ("inspel", "import"),
    "themes:overview": _THEMES,
    "themes:start_run": _THEMES,
    "themes:run_status": _THEMES,
    "themes:merge": ("analys", "bearbeta-teman"),
    "themes:create": ("analys", "bearbeta-teman"),
    "themes:code_contribution": ("analys", "handkodning"),
    "themes:theme_detail": ("analys", "bearbeta-teman"),
    "themes:rename": ("analys", "bearbeta-teman"),
    "themes:accept": ("analys", "bearbeta-teman"),
    "themes:pin": ("analys", "bearbeta-teman"),
    "themes:split": ("analys", "bearbeta-teman"),
    "themes:focus_areas": ("analys", "bearbeta-teman"),
    "themes:move": ("analys", "bearbeta-teman"),
    "reports:staff_compilation": ("analys", "sammanstallning"),
    "reports:staff_compilation_publish": ("analys", "sammanstallning"),
    "reports:staff_compilation_pdf": ("analys", "sammanstallning"),
    "reports:staff_compilation_docx": ("analys", "sammanstallning"),
    "voting:ballot_index": _BALLOTS,
    "voting:ballot_create": _BALLOTS,
    "voting:ballot_detail": _BALLOTS,
    "voting:ballot_edit": _BALLOTS,
    "voting:option_delete": _BALLOTS,
    "voting:theme_options_add": _BALLOTS,
    "voting:codes_generate": ("omrostning", "koder"),
    "voting:code_sheet": ("omrostning", "koder"),
    "voting:paper_entry": ("omrostning", "papper"),
    "voting:paper_ballot_pdf": ("omrostning", "papper"),
    "voting:word_hide": _BALLOTS,
    "voting:ballot_open": ("omrostning", "oppna-och-stang"),
    "voting:ballot_close": ("omrostning", "oppna-och-stang"),
    "voting:ballot_publish": ("omrostning", "oppna-och-stang"),
    "opinions:staff_list": _OPINIONS,
    "opinions:staff_import": _OPINIONS,
    "opinions:staff_conversation": _OPINIONS,
    "opinions:staff_moderation": ("moderering", "pastaenden"),
    "opinions:staff_moderate": ("moderering", "pastaenden"),
    "opinions:staff_recompute": _OPINIONS,
    "opinions:staff_export": _OPINIONS,
    "opinions:staff_seed": _OPINIONS,
    "feedback:staff_answers": _ANSWERS,
    "feedback:answer_edit": _ANSWERS,
    "feedback:answers_publish": _ANSWERS,
    "governance:decision_admin_list": _DECISIONS,
    "governance:decision_create": _DECISIONS,
    "governance:decision_edit": _DECISIONS,
    "governance:vision_edit": _GOVERNANCE,
    "governance:plan_edit": _GOVERNANCE,
    "governance:focus_area_admin": _GOVERNANCE,
    "governance:focus_area_edit": _GOVERNANCE,
    "governance:meetings": ("aterkoppling", "sammantraden"),
    "governance:meeting_remove": ("aterkoppling", "sammantraden"),
    # overview (officials)
    "overview:officials": ("analys", "fortroendevalda"),
    "panels:staff": ("planera", "medborgarpanelen"),
    "panels:create_invitations": ("planera", "medborgarpanelen"),
    "panels:invitation_file": ("planera", "medborgarpanelen"),
    # surveys
    "surveys:staff_surveys": ("planera", "enkater"),
    "surveys:staff_survey": ("planera", "enkater"),
    "surveys:staff_preview": ("planera", "enkater"),
    "surveys:staff_results": ("planera", "enkater"),
    "surveys:staff_export": ("planera", "enkater"),
    "surveys:staff_paper_pdf": ("planera", "enkater"),
    "surveys:staff_paper_entry": ("planera", "enkater"),
    "councils:staff_councils": _COUNCILS,
    "councils:staff_council_create": _COUNCILS,
    "councils:staff_council": _COUNCILS,
    "councils:staff_member_create": _COUNCILS,
    "councils:staff_member_edit": _COUNCILS,
    "councils:staff_meeting_create": _COUNCILS,
    "councils:staff_meeting_edit": _COUNCILS,
    "councils:staff_consultees": _COUNCILS,
    "councils:staff_consultee_edit": _COUNCILS,
    "councils:staff_consultations": _COUNCILS,
    "councils:staff_consultation_create": _COUNCILS,
    "councils:staff_consultation": _COUNCILS,
    "councils:staff_consultation_send": _COUNCILS,
    "councils:staff_answer_publish": _COUNCILS,
    # decisionbasis
    "decisionbasis:list": _DECISION_BASIS,
    "decisionbasis:version": _DECISION_BASIS,
    "decisionbasis:comment": _DECISION_BASIS,
    "decisionbasis:freeze": _DECISION_BASIS,
    "decisionbasis:new_version": _DECISION_BASIS,
    "decisionbasis:preview": _DECISION_BASIS,
    "decisionbasis:docx": _DECISION_BASIS,
    "decisionbasis:pdf": _DECISION_BASIS,
    "decisionbasis:attachment": _DECISION_BASIS,
    "decisionbasis:attachment_pdf": _DECISION_BASIS,
    "decisionbasis:zip": _DECISION_BASIS,
    # workgroups, and the principles for dialogue
    "workgroups:staff_groups": _WORKGROUPS,
    "workgroups:staff_group_create": _WORKGROUPS,
    "workgroups:staff_group": _WORKGROUPS,
    "workgroups:staff_member_create": _WORKGROUPS,
    "workgroups:staff_member_edit": _WORKGROUPS,
    "workgroups:staff_member_invite": _WORKGROUPS,
    "workgroups:staff_member_remove": _WORKGROUPS,
    "workgroups:staff_pass_on": _WORKGROUPS,
    "workgroups:staff_meeting_create": _WORKGROUPS,
    "workgroups:staff_meeting_edit": _WORKGROUPS,
    "governance:principles_edit": ("administration", "principer"),
    # proposals (Aleförslaget)
    "proposals:staff_queue": _PROPOSALS,
    "proposals:staff_rules": _PROPOSALS,
    "proposals:staff_proposal": _PROPOSALS,
    "proposals:staff_accept": _PROPOSALS,
    "proposals:staff_refuse": _PROPOSALS,
    "proposals:staff_assign": _PROPOSALS,
    "proposals:staff_start": _PROPOSALS,
    "proposals:staff_answer": _PROPOSALS,
    "proposals:staff_progress": _PROPOSALS,
    "organisations:accessibility_edit": ("administration", "tillganglighetsredogorelse"),
    "organisations:feedback_results": ("aterkoppling", "sidfeedback"),
    "organisations:locality_list": _ORGANISATION,
    "organisations:locality_edit": _ORGANISATION,
    "organisations:body_list": _ORGANISATION,
    "organisations:body_edit": _ORGANISATION,
    "organisations:population_import": ("administration", "befolkning"),
    "organisations:population_confirm": ("administration", "befolkning"),
    "accounts:roles": ("administration", "roller"),
    "accounts:role_remove": ("administration", "roller"),
    "accounts:erasure_requests": ("administration", "radering"),
    "accounts:erasure_request": ("administration", "radering"),
    "accounts:retention": ("administration", "gallring"),
    "audit:log": ("administration", "loggen"),
    "audit:log_export": ("administration", "loggen"),
    # planning
    **{f"planning:{name}": _LFA for name in (
        "projects", "project", "project_edit", "members", "member_remove", "context", "stakeholders",
        "problem_tree", "objective_tree", "mirror", "node_move", "node_delete", "logframe", "risks",
        "document_docx", "document_pdf", "stakeholders_xlsx", "logframe_xlsx", "activities_xlsx", "risks_xlsx",
        "item", "item_restore", "item_comment", "item_delete")},
    **{f"planning:{name}": _LFA_WORKSHOP for name in (
        "workshops", "workshop", "workshop_close", "suggestion_handle", "screen", "screen_json")},
}


def help_url(view_name: str) -> str | None:
    """The handbook address that explains the page named `view_name`, or None."""
    target = PAGE_HELP.get(view_name)
    if target is None:
        return None
    chapter, anchor = target
    return f"{reverse('help:chapter', kwargs={'chapter': chapter})}#{anchor}"


def page_help(request: HttpRequest) -> dict[str, Any]:
    """Template context: `page_help_url` on staff pages, for the layout's help link."""
    match = getattr(request, "resolver_match", None)
    return {"page_help_url": help_url(match.view_name) if match is not None else None}
