"""Reading and writing conversations in the Pol.is export format.

A Pol.is export folder holds `comments.csv`, `votes.csv` and, when Pol.is computed groups,
`participants-votes.csv`. In exports a vote of 1 means agree, -1 disagree and 0 pass.
A participant may change a vote; the latest one (by timestamp) counts.

Reading checks what the rest of the system relies on, and names the file, row and column of the
first problem: ids of at most 64 characters, timestamps that are real moments (milliseconds between
1970 and 9999), statements of at most 10,000 characters, fields csv can read. Statement text is
cleaned of control characters (`safe_text.clean_text`).

Writing keeps the export's layout, so that Pol.is tools read it back: only `comment-body`, the one
free-text column, is neutralised against spreadsheet formulas (a leading apostrophe before = + - @),
which reading undoes; ids, counts and timestamps are written as they are, as Pol.is writes them.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from radslag.analysis.safe_text import clean_text, spreadsheet_cell, unneutralise_formula, writer_text

AGREE, PASS, DISAGREE = 1, 0, -1
MAX_ID_LENGTH = 64
MAX_TEXT_LENGTH = 10_000
# The last millisecond of year 9999: later moments cannot be stored.
MAX_TIMESTAMP = 253_402_300_799_999


class PolisFormatError(ValueError):
    """The export cannot be read; the message says which file, row and column."""


@dataclass(frozen=True)
class Comment:
    id: str
    text: str
    author_id: str = ""
    moderated: int = 0  # -1 hidden by the moderator, 0 unmoderated, 1 accepted
    timestamp: int = 0


@dataclass(frozen=True)
class Vote:
    participant_id: str
    comment_id: str
    value: int
    timestamp: int = 0


@dataclass
class Conversation:
    comments: list[Comment]
    votes: list[Vote]
    # Pol.is's own group per participant, where the export has one.
    groups: dict[str, str] = field(default_factory=dict)

    def visible_comment_ids(self) -> list[str]:
        return [c.id for c in self.comments if c.moderated >= 0]


def _rows(path: Path, required: Iterable[str]) -> list[dict[str, str]]:
    if not path.is_file():
        raise PolisFormatError(f"Filen {path.name} saknas i {path.parent}.")
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in required if c not in (reader.fieldnames or [])]
            if missing:
                raise PolisFormatError(f"{path.name}: kolumnen {', '.join(missing)} saknas.")
            rows: list[dict[str, str]] = []
            for row in reader:
                rows.append(row)
            return rows
    except UnicodeDecodeError as error:
        raise PolisFormatError(f"{path.name}: filen är inte UTF-8 ({error.reason}).") from error
    except csv.Error as error:
        # The usual cause: a field longer than csv's limit of 131,072 characters.
        raise PolisFormatError(
            f"{path.name}, rad {len(rows) + 2}: raden kan inte läsas som CSV ({error})."
        ) from error


def _shown(value: str) -> str:
    return value if len(value) <= 40 else value[:40] + "…"


def _int(value: str, *, file: str, row: int, column: str) -> int:
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = math.nan
    if not math.isfinite(number) or abs(number) > MAX_TIMESTAMP:
        raise PolisFormatError(f"{file}, rad {row}, kolumn {column}: ”{_shown(value)}” är inte ett tal.")
    return int(number)


def _timestamp(value: str, *, file: str, row: int) -> int:
    number = _int(value, file=file, row=row, column="timestamp")
    if number < 0:
        raise PolisFormatError(f"{file}, rad {row}, kolumn timestamp: {number} är före 1970.")
    return number


def _id(value: str | None, *, file: str, row: int, column: str, required: bool = True) -> str:
    text = clean_text(value or "").strip()
    if required and not text:
        raise PolisFormatError(f"{file}, rad {row}, kolumn {column}: id saknas.")
    if len(text) > MAX_ID_LENGTH:
        raise PolisFormatError(
            f"{file}, rad {row}, kolumn {column}: id:t är {len(text)} tecken långt; högst {MAX_ID_LENGTH} går."
        )
    return text


def _text(value: str, *, row: int) -> str:
    text = clean_text(unneutralise_formula(value or ""))
    if len(text) > MAX_TEXT_LENGTH:
        raise PolisFormatError(
            f"comments.csv, rad {row}, kolumn comment-body: påståendet är {len(text)} tecken långt; "
            f"högst {MAX_TEXT_LENGTH} går."
        )
    return text


def _read_comments(folder: Path) -> list[Comment]:
    comments = []
    for row_number, row in enumerate(_rows(folder / "comments.csv", ["comment-id", "comment-body"]), start=2):
        comments.append(
            Comment(
                id=_id(row["comment-id"], file="comments.csv", row=row_number, column="comment-id"),
                text=_text(row["comment-body"], row=row_number),
                author_id=_id(row.get("author-id"), file="comments.csv", row=row_number, column="author-id",
                              required=False),
                moderated=_int(row.get("moderated") or "0", file="comments.csv", row=row_number, column="moderated"),
                timestamp=_timestamp(row.get("timestamp") or "0", file="comments.csv", row=row_number),
            )
        )
    return comments


def _read_votes(folder: Path, comment_ids: set[str]) -> list[Vote]:
    latest: dict[tuple[str, str], Vote] = {}
    for row_number, row in enumerate(_rows(folder / "votes.csv", ["comment-id", "voter-id", "vote"]), start=2):
        value = _int(row["vote"], file="votes.csv", row=row_number, column="vote")
        if value not in (AGREE, PASS, DISAGREE):
            raise PolisFormatError(f"votes.csv, rad {row_number}, kolumn vote: {value} är inte -1, 0 eller 1.")
        comment_id = _id(row["comment-id"], file="votes.csv", row=row_number, column="comment-id")
        if comment_id not in comment_ids:
            raise PolisFormatError(f"votes.csv, rad {row_number}: påstående {comment_id} finns inte i comments.csv.")
        timestamp = _timestamp(row.get("timestamp") or "0", file="votes.csv", row=row_number)
        voter = _id(row["voter-id"], file="votes.csv", row=row_number, column="voter-id")
        vote = Vote(voter, comment_id, value, timestamp)
        key = (vote.participant_id, comment_id)
        if key not in latest or latest[key].timestamp <= timestamp:
            latest[key] = vote
    return list(latest.values())


def numbered_groups(groups: Mapping[str, str]) -> dict[str, int]:
    """An export's groups (participant -> group-id) as participant -> 0, 1, ... in Pol.is's order of group ids."""
    def order(group: str) -> tuple[bool, int, str]:
        plain = group.isascii() and group.isdigit()  # "²".isdigit() is true, and int("²") fails
        return (not plain, int(group) if plain else 0, group)

    ids = sorted(set(groups.values()), key=order)
    number = {group: index for index, group in enumerate(ids)}
    return {participant: number[group] for participant, group in groups.items()}


def _read_groups(folder: Path) -> dict[str, str]:
    path = folder / "participants-votes.csv"
    if not path.is_file():
        return {}
    groups = {}
    for row_number, row in enumerate(_rows(path, ["participant", "group-id"]), start=2):
        group = _id(row["group-id"], file=path.name, row=row_number, column="group-id", required=False)
        if group:
            groups[_id(row["participant"], file=path.name, row=row_number, column="participant")] = group
    return groups


def read_conversation(folder: str | Path) -> Conversation:
    folder = Path(folder)
    if not folder.is_dir():
        raise PolisFormatError(f"Mappen {folder} finns inte.")
    comments = _read_comments(folder)
    votes = _read_votes(folder, {c.id for c in comments})
    return Conversation(comments=comments, votes=votes, groups=_read_groups(folder))


def write_conversation(conversation: Conversation, folder: str | Path) -> None:
    """Write comments.csv, votes.csv and participants-votes.csv in the export's own column layout."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    counts: dict[str, list[int]] = {c.id: [0, 0] for c in conversation.comments}
    for vote in conversation.votes:
        if vote.value == AGREE:
            counts[vote.comment_id][0] += 1
        elif vote.value == DISAGREE:
            counts[vote.comment_id][1] += 1
    with (folder / "comments.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["timestamp", "datetime", "comment-id", "author-id", "agrees", "disagrees", "moderated",
                         "comment-body"])
        for c in conversation.comments:
            writer.writerow([c.timestamp, "", writer_text(c.id), writer_text(c.author_id), *counts[c.id], c.moderated,
                             spreadsheet_cell(c.text)])
    with (folder / "votes.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["timestamp", "datetime", "comment-id", "voter-id", "vote"])
        for v in sorted(conversation.votes, key=lambda v: (v.timestamp, v.participant_id, v.comment_id)):
            writer.writerow([v.timestamp, "", writer_text(v.comment_id), writer_text(v.participant_id), v.value])
    _write_participants(conversation, folder / "participants-votes.csv")


def _write_participants(conversation: Conversation, path: Path) -> None:
    comment_ids = [c.id for c in conversation.comments]
    by_participant: dict[str, dict[str, int]] = {}
    for v in conversation.votes:
        by_participant.setdefault(v.participant_id, {})[v.comment_id] = v.value
    authored: dict[str, int] = {}
    for c in conversation.comments:
        authored[c.author_id] = authored.get(c.author_id, 0) + 1
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["participant", "group-id", "n-comments", "n-votes", "n-agree", "n-disagree",
                         *map(writer_text, comment_ids)])
        for pid, votes in by_participant.items():
            values = list(votes.values())
            writer.writerow([
                writer_text(pid), writer_text(conversation.groups.get(pid, "")), authored.get(pid, 0), len(values),
                values.count(AGREE), values.count(DISAGREE), *[votes.get(cid, "") for cid in comment_ids],
            ])
