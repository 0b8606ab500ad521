"""`radslag opinions EXPORT_DIR -o OUT.json`: opinion groups for a conversation in the Pol.is export format."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from radslag.analysis.opinions import find_opinion_groups
from radslag.analysis.polis_io import PolisFormatError, read_conversation


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = "Compute opinion groups, representative and consensus statements from a Pol.is export."
    parser.add_argument("export_dir", help="folder with comments.csv and votes.csv")
    parser.add_argument("-o", "--output", required=True, help="where to write the JSON result")
    parser.add_argument("--min-votes", type=int, default=7, help="votes a participant needs to be grouped (7)")
    parser.add_argument("--max-k", type=int, default=5, help="the most groups to consider (5)")
    parser.add_argument("--seed", type=int, default=0)



def run(args: argparse.Namespace) -> int:
    try:
        conversation = read_conversation(args.export_dir)
    except PolisFormatError as error:
        print(f"radslag opinions: {error}", file=sys.stderr)
        return 2
    # Every statement takes part as Pol.is does; those the moderator hid carry no opinion. Votes go in
    # the order they were cast, which decides the base clusters' numbering and so the group ids.
    votes = [(v.participant_id, v.comment_id, v.value)
             for v in sorted(conversation.votes, key=lambda v: (v.timestamp, v.participant_id, v.comment_id))]
    result = find_opinion_groups(
        votes, statements=[c.id for c in conversation.comments], min_votes=args.min_votes, max_k=args.max_k,
        seed=args.seed, moderated_out=[c.id for c in conversation.comments if c.moderated < 0],
    )
    payload = {
        "groups": [
            {
                "id": group.id,
                "participants": group.participants,
                "representative": [
                    {"comment_id": r.statement_id, "direction": r.direction, "probability": round(r.probability, 4),
                     "probability_rest": round(r.probability_rest, 4), "z": round(r.z, 3), "z_rest": round(r.z_rest, 3)}
                    for r in group.representative
                ],
            }
            for group in result.groups
        ],
        "consensus": [
            {"comment_id": c.statement_id, "direction": c.direction, "group_informed": round(c.group_informed, 4),
             "probability": round(c.probability, 4)}
            for c in result.consensus
        ],
        "meta": {**result.meta, "positions": {p: [round(x, 4), round(y, 4)] for p, (x, y) in result.positions.items()}},
    }
    Path(args.output).write_text(json.dumps(payload, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0
