"""A working group at a large scale: its space, public page and report, and the report's PDF and DOCX.

A scratch PostgreSQL database holds one municipality, one dialogue with 20 working groups of 30 members
and 4 meetings each, and NOTES notes spread over the groups (a quarter each of notes, insights, ideas
and lessons). Reported: server time and queries of the group space, the public page and the report page
(one group), the time to make one group's PDF and DOCX, and `report_for_process` over all the groups
(what the decision basis calls). Run with `.venv/bin/python bench/run_all.py --only workgroups`;
`RADSLAG_BENCH_WORKGROUP_NOTES` sets the scale (default 8,000: 400 a group, three times what the
expedition group's thirty members would write in four meetings).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import Any

from scratch_database import BENCH_HOST, close_connections, create_database, drop_database, migrate, setup_django

DATABASE = "h_groups_bench"
GROUPS, MEMBERS, MEETINGS = 20, 30, 4
NOTES = int(os.environ.get("RADSLAG_BENCH_WORKGROUP_NOTES", "8000"))
KINDS = ("note", "insight", "idea", "lesson")


def _seed() -> tuple[Any, Any, Any]:
    from django.utils import timezone

    from radslag.accounts.models import Membership, Role, User
    from radslag.dialogues.models import DialogueProcess
    from radslag.organisations.models import Organisation
    from radslag.workgroups.models import GroupMeeting, GroupMember, GroupNote, WorkingGroup

    org = Organisation.objects.create(name="Ale kommun", slug="ale", hostname=BENCH_HOST)
    process = DialogueProcess.objects.create(organisation=org, title="Det mänskliga mötet", slug="motet",
                                             status=DialogueProcess.Status.PUBLISHED, published_at=timezone.now())
    now = timezone.now()
    users = User.objects.bulk_create(User(email=f"m{i}@bench.example") for i in range(GROUPS * MEMBERS))
    Membership.objects.bulk_create(Membership(user=u, organisation=org, role=Role.RESIDENT) for u in users)
    staff = User.objects.create(email="staff@bench.example")
    Membership.objects.create(user=staff, organisation=org, role=Role.STAFF)
    groups = WorkingGroup.objects.bulk_create(
        WorkingGroup(organisation=org, process=process, name=f"Grupp {g:02d}", slug=f"grupp-{g:02d}")
        for g in range(GROUPS))
    members = GroupMember.objects.bulk_create(
        GroupMember(group=groups[i // MEMBERS], name=f"Medlem {i}", email=u.email, user=u, invited_at=now,
                    accepted_at=now, name_consent_at=now if i % 2 else None,
                    kind=("resident", "employee", "elected")[i % 3])
        for i, u in enumerate(users))
    meetings = GroupMeeting.objects.bulk_create(
        GroupMeeting(group=g, number=n, title=f"Träff {n}", approach="Samtal i par", starts_at=now)
        for g in groups for n in range(1, MEETINGS + 1))
    text = "Ett möte där någon tar sig tid gör skillnad, också när svaret är nej. " * 3
    GroupNote.objects.bulk_create(
        (GroupNote(group=groups[i % GROUPS], member=members[(i % GROUPS) * MEMBERS + i % MEMBERS],
                   author=users[(i % GROUPS) * MEMBERS + i % MEMBERS], kind=KINDS[(i // GROUPS) % 4],
                   text=f"{i}. {text}", meeting=meetings[(i % GROUPS) * MEETINGS + i % MEETINGS])
         for i in range(NOTES)),
        batch_size=2000)
    return groups[0], users[0], process


def _timed(make: Callable[[], object]) -> float:
    started = time.perf_counter()
    make()
    return time.perf_counter() - started


def run() -> str:
    url = create_database(DATABASE)
    try:
        migrate(url)
        setup_django(url)
        return _measure()
    finally:
        close_connections()
        drop_database(DATABASE)


def _measure() -> str:
    from django.test import Client
    from request_timing import Timing, measure

    from radslag.workgroups.documents import render_docx, render_pdf
    from radslag.workgroups.report import report_for_group, report_for_process

    group, member, process = _seed()
    client = Client(HTTP_HOST=BENCH_HOST)
    client.force_login(member)
    rows = []
    pages = (("group space", f"/grupper/{group.slug}/rum/"), ("public group page", f"/grupper/{group.slug}/"),
             ("report page", f"/grupper/{group.slug}/rapport/"))
    for label, path in pages:
        timing = measure(client, path, requests=30)
        cells = (f"{timing.p50_ms:.0f} | {timing.p95_ms:.0f} | {timing.queries}" if isinstance(timing, Timing)
                 else f"– | – | {timing.reason}")
        rows.append(f"| {label} | {cells} |")
    report = report_for_group(group)
    pdf_s, docx_s = _timed(lambda: render_pdf(report)), _timed(lambda: render_docx(report))
    all_s = _timed(lambda: report_for_process(process))
    per_group = NOTES // GROUPS
    return "\n".join([
        "## Working groups", "",
        f"{GROUPS} groups of {MEMBERS} members and {MEETINGS} meetings; {NOTES:,} notes in all, {per_group:,} per "
        f"group (three quarters of them insights, ideas and lessons, which the report gathers). PostgreSQL.", "",
        "| page (one group) | p50 ms | p95 ms | queries |", "| --- | --- | --- | --- |", *rows, "",
        f"One group's report: PDF {pdf_s:.2f} s, DOCX {docx_s:.2f} s "
        f"({report.entry_total:,} entries). `report_for_process` over all {GROUPS} groups: {all_s:.2f} s.",
    ])
