"""The interface is Swedish by default: every message in every catalogue has a reviewed translation.

A fuzzy entry (a guess msgmerge made when a text changed) is not compiled, so the page would show the
English text; an empty msgstr does the same.
"""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
# Not the installed copies in .venv or in var/wheel-check (make check-wheel): the repository's own catalogues.
CATALOGUES = sorted(p for p in ROOT.glob("**/sv/LC_MESSAGES/django.po")
                    if not {".venv", "var"} & set(p.relative_to(ROOT).parts))
_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')


def _entries(text: str) -> list[dict[str, object]]:
    entries = []
    for block in text.split("\n\n"):
        lines = [line for line in block.strip().splitlines() if not line.startswith("#~")]
        if not lines:
            continue
        entry: dict[str, object] = {"fuzzy": any(line.startswith("#,") and "fuzzy" in line for line in lines),
                                    "msgid": "", "msgstr": []}
        key = None
        for line in lines:
            if line.startswith("#"):
                continue
            head = line.split(" ", 1)[0]
            if head in ("msgid", "msgid_plural", "msgctxt") or head.startswith("msgstr"):
                key = head
                if head.startswith("msgstr"):
                    entry["msgstr"].append("")  # type: ignore[union-attr]
            value = "".join(_STRING.findall(line))
            if key == "msgid":
                entry["msgid"] = str(entry["msgid"]) + value
            elif key and key.startswith("msgstr"):
                entry["msgstr"][-1] += value  # type: ignore[index]
        if entry["msgid"]:
            entries.append(entry)
    return entries


def test_there_are_catalogues():
    assert len(CATALOGUES) >= 10


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_message_has_a_reviewed_swedish_translation(catalogue):
    entries = _entries(catalogue.read_text(encoding="utf-8"))
    fuzzy = [e["msgid"] for e in entries if e["fuzzy"]]
    empty = [e["msgid"] for e in entries if not all(e["msgstr"])]  # type: ignore[arg-type]
    assert not fuzzy, f"fuzzy (not compiled, so shown in English): {fuzzy}"
    assert not empty, f"not translated: {empty}"
