"""Moving a conversation in and out of the Pol.is export format (comments, votes, participants-votes)."""

from __future__ import annotations

import datetime as dt
import io
import logging
import tempfile
import zipfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from radslag.analysis import polis_io
from radslag.audit.services import record_event
from radslag.core.errors import DomainError
from radslag.dialogues.models import DialogueProcess
from radslag.opinions.announce import announce_results
from radslag.opinions.models import Conversation, OpinionSnapshot, Participant, Statement, StatementVote
from radslag.opinions.recompute import compute_snapshot
from radslag.opinions.staff_services import check_staff
from radslag.opinions.tasks import queue_recompute

logger = logging.getLogger(__name__)

EXPORT_FILES = ("comments.csv", "votes.csv", "participants-votes.csv")
MAX_UPLOAD_BYTES = 50 * 1024 * 1024
TO_STATUS = {1: Statement.Status.ACCEPTED, 0: Statement.Status.PENDING, -1: Statement.Status.REJECTED}
FROM_STATUS: dict[str, int] = {str(status): number for number, status in TO_STATUS.items()}
IMPORT_REJECTION = "Dold av moderator i Pol.is"


def files_from_zip(data: bytes) -> dict[str, bytes]:
    """The export's CSV files from a zip, wherever they lie in it; nothing else is read."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise DomainError(_("The file is not a zip archive. Upload the zip from Pol.is or the CSV files.")) from None
    found: dict[str, bytes] = {}
    with archive:
        for info in archive.infolist():
            name = Path(info.filename).name
            if name in EXPORT_FILES and not info.is_dir() and name not in found:
                if info.file_size > MAX_UPLOAD_BYTES:
                    raise DomainError(_("%(name)s is too large to import.") % {"name": name})
                found[name] = archive.read(info)
    return found


def read_export(files: Mapping[str, bytes]) -> polis_io.Conversation:
    """Check the files and read them; a format error names the file, row and column."""
    missing = [name for name in EXPORT_FILES[:2] if name not in files]
    if missing:
        raise DomainError(_("The export lacks %(names)s.") % {"names": ", ".join(missing)})
    with tempfile.TemporaryDirectory(prefix="radslag-polis-") as folder:
        for name, content in files.items():
            if name in EXPORT_FILES:
                (Path(folder) / name).write_bytes(content)
        try:
            conversation = polis_io.read_conversation(folder)
        except polis_io.PolisFormatError as error:
            raise DomainError(str(error)) from None
    if not conversation.comments:
        raise DomainError(_("comments.csv has no statements."))
    return conversation


def _moment(milliseconds: int) -> dt.datetime:
    if milliseconds <= 0:
        return timezone.now()
    return dt.datetime.fromtimestamp(milliseconds / 1000, tz=dt.UTC)


def _statement_status(moderated: int) -> str:
    return TO_STATUS.get(max(-1, min(1, moderated)), Statement.Status.PENDING)


def _create_statements(conversation: Conversation, comments: Iterable[polis_io.Comment]) -> dict[str, Statement]:
    rows = [
        Statement(
            conversation=conversation, text=comment.text, external_id=comment.id,
            status=_statement_status(comment.moderated), created_at=_moment(comment.timestamp),
            rejection_reason=IMPORT_REJECTION if comment.moderated < 0 else "",
        )
        for comment in comments
    ]
    return {s.external_id: s for s in Statement.objects.bulk_create(rows, batch_size=2000)}


def _create_participants(conversation: Conversation, source: polis_io.Conversation) -> dict[str, Participant]:
    ids = dict.fromkeys(v.participant_id for v in source.votes)
    ids.update(dict.fromkeys(c.author_id for c in source.comments if c.author_id))
    rows = [Participant(conversation=conversation, external_id=pid) for pid in ids]
    return {p.external_id: p for p in Participant.objects.bulk_create(rows, batch_size=2000)}


@transaction.atomic
def import_polis_export(
    *, process: DialogueProcess, user: Any, files: Mapping[str, bytes], title: str, question: str
) -> Conversation:
    """A new, closed conversation holding the export's statements, participants and answers; all or nothing."""
    check_staff(user, process.organisation)
    source = read_export(files)
    conversation = Conversation.objects.create(
        organisation=process.organisation, process=process, title=title, question=question,
        status=Conversation.Status.CLOSED, created_by=user,
    )
    statements = _create_statements(conversation, source.comments)
    participants = _create_participants(conversation, source)
    for comment in source.comments:
        if comment.author_id:
            statements[comment.id].author_participant = participants[comment.author_id]
    Statement.objects.bulk_update(
        [s for s in statements.values() if s.author_participant_id], ["author_participant"], batch_size=2000
    )
    StatementVote.objects.bulk_create(
        [StatementVote(participant=participants[v.participant_id], statement=statements[v.comment_id],
                       value=v.value, updated_at=_moment(v.timestamp)) for v in source.votes],
        batch_size=5000,
    )
    record_event(organisation=process.organisation, actor=user, action="opinions.imported", target=conversation,
                 data={"statements": len(statements), "participants": len(participants), "votes": len(source.votes)})
    seed = imported_groups(source, participants)
    if not seed or not _first_snapshot(conversation, seed):
        queue_recompute(conversation)
    announce_results(conversation)
    return conversation


def _first_snapshot(conversation: Conversation, seed: Mapping[str, int]) -> bool:
    """The first groups, continuing Pol.is's own, so the conversation shows the groups it had there as far as its
    answers bear them out; computed now (under a second even for 100,000 answers). Should the engine fail, the
    import still stands and the groups are left to the background run, as for an export without groups."""
    try:
        with transaction.atomic():
            compute_snapshot(conversation, imported_groups=seed)
    except Exception:  # the import is what staff asked for; the groups can follow
        logger.exception("opinion groups of imported conversation %s: left to the background run", conversation.pk)
        return False
    return True


def imported_groups(source: polis_io.Conversation, participants: Mapping[str, Participant]) -> dict[str, int]:
    """The export's groups (participants-votes.csv's group-id) as participant pk -> 0, 1, ... in Pol.is's order."""
    present = {pid: group for pid, group in source.groups.items() if pid in participants}
    return {str(participants[pid].pk): group for pid, group in polis_io.numbered_groups(present).items()}


def _export_ids(rows: Iterable[Any]) -> dict[int, str]:
    """Each row's id in the export: its source id, or a new number after the largest numeric one."""
    rows = list(rows)
    numeric = [int(r.external_id) for r in rows if r.external_id.isdigit()]
    following = max(numeric, default=-1) + 1
    ids: dict[int, str] = {}
    for row in rows:
        if row.external_id:
            ids[row.pk] = row.external_id
        else:
            ids[row.pk], following = str(following), following + 1
    return ids


def _milliseconds(moment: dt.datetime) -> int:
    return round(moment.timestamp() * 1000)


def build_export(conversation: Conversation) -> polis_io.Conversation:
    statements = list(conversation.statements.order_by("pk"))
    statement_ids = _export_ids(statements)
    # conversation_id is loaded too: the related manager checks it on every row, a query each if deferred.
    participants = conversation.participants.order_by("pk").only("pk", "conversation_id", "external_id")
    participant_ids = _export_ids(participants)
    comments = [
        polis_io.Comment(id=statement_ids[s.pk], text=s.text,
                         author_id=participant_ids.get(s.author_participant_id or -1, ""),
                         moderated=FROM_STATUS[s.status], timestamp=_milliseconds(s.created_at))
        for s in statements
    ]
    votes = [
        polis_io.Vote(participant_ids[p], statement_ids[s], value, _milliseconds(at))
        for p, s, value, at in StatementVote.objects.filter(statement__conversation=conversation)
        .values_list("participant_id", "statement_id", "value", "updated_at").iterator(chunk_size=10_000)
    ]
    return polis_io.Conversation(comments=comments, votes=votes, groups=_export_groups(conversation, participant_ids))


def _export_groups(conversation: Conversation, participant_ids: dict[int, str]) -> dict[str, str]:
    snapshot = OpinionSnapshot.objects.filter(conversation=conversation).first()
    if snapshot is None:
        return {}
    return {
        participant_ids[int(pid)]: str(group["id"])
        for group in snapshot.result.get("groups", []) for pid in group["participants"]
        if int(pid) in participant_ids
    }


def export_zip(conversation: Conversation) -> bytes:
    """The conversation as a zip with the three CSV files of a Pol.is export."""
    buffer = io.BytesIO()
    with tempfile.TemporaryDirectory(prefix="radslag-polis-") as folder:
        polis_io.write_conversation(build_export(conversation), folder)
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name in EXPORT_FILES:
                archive.write(Path(folder) / name, arcname=name)
    return buffer.getvalue()
