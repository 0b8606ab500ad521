"""`radslag tally BALLOTS.json -o OUT.json`: recount a ballot from its stored ballots.

The ballots file is JSON: {"method": "dot"|"approval"|"single"|"ranked", "options": ["a", "b", ...],
"dots": 5, "cap": 3, "eligible": 120, "ballots": [...]} where each ballot is, by method,
{"a": 2, "b": 3} (dot), ["a", "c"] (approval), "a" (single) or ["b", "a", "c"] (ranked, best first).
`--method` overrides the file's method.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from radslag.analysis.tallies import BallotError, tally

METHODS = ("dot", "approval", "single", "ranked")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = "Count ballots from a JSON file (dot, approval, single choice or ranked)."
    parser.add_argument("ballots", help="JSON file with options and ballots")
    parser.add_argument("--method", choices=METHODS)
    parser.add_argument("-o", "--output", required=True)


def run(args: argparse.Namespace) -> int:
    try:
        spec = json.loads(Path(args.ballots).read_text(encoding="utf-8"))
        method = args.method or spec.get("method")
        if method not in METHODS:
            raise BallotError(f"Okänd metod ”{method}”. Välj bland: {', '.join(METHODS)}.")
        result = tally(spec, method)
    except (OSError, json.JSONDecodeError, KeyError, TypeError, ValueError) as error:
        print(f"radslag tally: {error}", file=sys.stderr)
        return 2
    payload = {
        "method": result.method, "ballots": result.ballots, "eligible": result.eligible, "turnout": result.turnout,
        "scores": [{"option": s.option, "score": s.score, "share": round(s.share, 6), "rank": s.rank}
                   for s in result.scores],
        "extra": result.extra,
    }
    Path(args.output).write_text(json.dumps(payload, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0
