"""Dates read the Swedish way on Swedish pages ("30 juni 2020"), as the rest of the interface writes them.

Django translates the month names of "j F Y" (and the named formats such as DATE_FORMAT); the abbreviated
"M" comes out capitalised ("30 Jun 2020") in both languages, which reads as English on a Swedish page.
"""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = sorted(p for p in ROOT.glob("*/templates/**/*") if p.suffix in (".html", ".txt"))
_DATE_FILTER = re.compile(r"""\|date:(["'])(.*?)\1""")
_NAMED_FORMAT = re.compile(r"[A-Z_]+_FORMAT")
_ABBREVIATED = set("MbND")  # month and weekday abbreviations, English-style in either language


def test_there_are_templates():
    assert len(TEMPLATES) > 100


def test_no_template_writes_an_abbreviated_month_or_weekday():
    found = [f"{path.relative_to(ROOT)}: {fmt}" for path in TEMPLATES
             for _quote, fmt in _DATE_FILTER.findall(path.read_text(encoding="utf-8"))
             if not _NAMED_FORMAT.fullmatch(fmt) and _ABBREVIATED & set(fmt)]
    assert not found, found
