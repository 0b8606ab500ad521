"""`radslag tally BALLOTS.json -o OUT.json`: recount a ballot from its stored ballots.

The ballots file is JSON: {"method": "dot"|"approval"|"single"|"ranked"|"words", "options": ["a", "b", ...],
"dots": 5, "cap": 3, "eligible": 120, "ballots": [...]} where each ballot is, by method,
{"a": 2, "b": 3} (dot), ["a", "c"] (approval), "a" (single) or ["b", "a", "c"] (ranked, best first;
options left out count below all ranked ones, equal to each other) or "trygghet" (words: a short
text, counted after trimming spaces and lower-casing; "options" may be left out).
`--method` overrides the file's method.
A file that breaks the rules of `radslag.analysis.ballot_rules` is refused with exit status 2 and a
message naming the ballot; nothing is written.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from radslag.analysis.ballot_rules import METHODS, BallotError
from radslag.analysis.tallies import tally


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = "Count ballots from a JSON file (dot, approval, single choice, ranked or words)."
    parser.add_argument("ballots", help="JSON file with options and ballots")
    parser.add_argument("--method", choices=METHODS)
    parser.add_argument("-o", "--output", required=True)


def _refuse(message: str) -> int:
    print(f"radslag tally: {message}", file=sys.stderr)
    return 2


def run(args: argparse.Namespace) -> int:
    try:
        text = Path(args.ballots).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return _refuse(f"filen {args.ballots} kunde inte läsas ({error}).")
    try:
        spec = json.loads(text)
    except json.JSONDecodeError as error:
        return _refuse(f"filen är inte giltig JSON (rad {error.lineno}, kolumn {error.colno}: {error.msg}).")
    try:
        result = tally(spec, args.method)
    except BallotError as error:
        return _refuse(str(error))
    payload = {
        "method": result.method, "ballots": result.ballots, "eligible": result.eligible, "turnout": result.turnout,
        "scores": [{"option": s.option, "score": s.score, "share": round(s.share, 6), "rank": s.rank}
                   for s in result.scores],
        "extra": result.extra,
    }
    Path(args.output).write_text(json.dumps(payload, ensure_ascii=False, indent=2), encoding="utf-8")
    tiers = result.extra.get("schulze")
    if isinstance(tiers, list):
        print("Schulze: " + " · ".join(_tier(place, tier) for place, tier in enumerate(tiers, start=1)))
    return 0


def _tier(place: int, tier: list[str]) -> str:
    return f"{place}. {', '.join(tier)}" + (" (delad plats)" if len(tier) > 1 else "")
