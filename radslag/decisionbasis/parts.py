"""The parts of a decision basis drawn live from a dialogue's data, and the registry they are listed in.

A part is one sub-section of "Medborgardialogens resultat": what the dialogue was for, who took part,
themes, prioritisation, opinion groups, council answers, and later proposals and surveys. Each part is
registered once, at start-up, from an `AppConfig.ready()`:

    from radslag.decisionbasis.parts import Part, register_part

    register_part(Part(key="surveys", title=_("Survey results"), assemble=survey_blocks, order=70))

- `key` names the part for good: staff comments are stored under it, and frozen versions keep it.
- `title` is a lazy translation; it becomes the part's heading (in the document's language).
- `assemble(source)` returns the part's content as a list of `Block`s (see below), made from *published*
  data only, as display text in the active language; an empty list means "nothing to report", and the
  document says so. `source` is a `PartSource`: the process, and the compilation assembled once for all
  parts (`source.compilation`), so that parts never compute the same thing twice.
- `order` places the part among the others (the built-in parts use 10 to 60; leave gaps).

Blocks are a small vocabulary every renderer (HTML preview, DOCX, PDF) knows: a paragraph, a heading, a
quote, a bulleted list, facts (label and value pairs) and a table (caption, header row, rows, a note). They
are plain data, stored as JSON in a frozen version, so a part never has to be asked again for a version
that was sent.

Layers: this app sits above every participation app. An app above it registers its part in its own
`ready()`; an app below it (proposals, surveys) cannot import this module, so its part is a small module
here that reads that app's public queries, registered from this app's `ready()` like the built-in parts
(see `builtin_parts.py`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from functools import cached_property
from typing import Any

from radslag.dialogues.models import DialogueProcess
from radslag.reports.content import CompilationContent

PARAGRAPH, HEADING, QUOTE, BULLETS, FACTS, TABLE = "paragraph", "heading", "quote", "bullets", "facts", "table"
KINDS = frozenset({PARAGRAPH, HEADING, QUOTE, BULLETS, FACTS, TABLE})


@dataclass(frozen=True)
class Block:
    kind: str
    text: str = ""  # a paragraph's, heading's or quote's text; a table's caption
    cite: str = ""  # a quote's source (a council's name)
    items: tuple[str, ...] = ()  # bullets
    headers: tuple[str, ...] = ()  # a table's header row
    rows: tuple[tuple[str, ...], ...] = ()  # a table's rows; facts as (label, value)
    note: str = ""  # under a table


def paragraph(text: str) -> Block:
    return Block(PARAGRAPH, text=text)


def heading(text: str) -> Block:
    return Block(HEADING, text=text)


def quote(text: str, cite: str = "") -> Block:
    return Block(QUOTE, text=text, cite=cite)


def bullets(items: Iterable[str]) -> Block:
    return Block(BULLETS, items=tuple(items))


def facts(pairs: Iterable[tuple[str, str]]) -> Block:
    return Block(FACTS, rows=tuple((str(label), str(value)) for label, value in pairs))


def table(caption: str, headers: Sequence[str], rows: Iterable[Sequence[str]], note: str = "") -> Block:
    return Block(TABLE, text=caption, headers=tuple(headers), rows=tuple(tuple(row) for row in rows), note=note)


def block_to_json(block: Block) -> dict[str, Any]:
    return {key: value for key, value in asdict(block).items() if value or key == "kind"}


def block_from_json(data: dict[str, Any]) -> Block:
    return Block(
        kind=data["kind"], text=data.get("text", ""), cite=data.get("cite", ""), items=tuple(data.get("items", ())),
        headers=tuple(data.get("headers", ())), rows=tuple(tuple(row) for row in data.get("rows", ())),
        note=data.get("note", ""),
    )


@dataclass
class PartSource:
    """What a part is assembled from: the process, and what several parts share, computed once."""

    process: DialogueProcess
    language: str
    compile: Callable[[], CompilationContent] = field(repr=False)

    @cached_property
    def compilation(self) -> CompilationContent:
        return self.compile()


@dataclass(frozen=True)
class Part:
    key: str
    title: Any  # a lazy translation
    assemble: Callable[[PartSource], list[Block]]
    order: int = 100


_parts: dict[str, Part] = {}


def register_part(part: Part) -> None:
    """Adds (or, with the same key, replaces) a part. Call from an `AppConfig.ready()`."""
    _parts[part.key] = part


def registered_parts() -> list[Part]:
    """Every registered part, in document order."""
    return sorted(_parts.values(), key=lambda part: (part.order, part.key))


def part(key: str) -> Part | None:
    return _parts.get(key)
