"""Opinion groups: agreement with Pol.is's own groups on real conversations, and time at scale."""

from __future__ import annotations

import random
import time
import tracemalloc
from pathlib import Path

import numpy as np

from radslag.analysis.opinions import adjusted_rand, find_opinion_groups
from radslag.analysis.polis_io import read_conversation

POLIS = Path(__file__).resolve().parent.parent / ".." / "shared" / "data" / "polis"


def _real() -> list[str]:
    lines = ["| conversation | votes | Pol.is groups | our groups | compared | ARI | recompute (s) |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    aris = []
    for folder in sorted(p for p in POLIS.iterdir() if p.is_dir()):
        conversation = read_conversation(folder)
        if not conversation.groups:
            continue
        votes = [(v.participant_id, v.comment_id, v.value) for v in conversation.votes]
        started = time.perf_counter()
        result = find_opinion_groups(votes, statements=[c.id for c in conversation.comments])
        elapsed = time.perf_counter() - started
        ours = result.group_of()
        common = [p for p in conversation.groups if p in ours]
        ari = adjusted_rand([conversation.groups[p] for p in common], [ours[p] for p in common])
        aris.append(ari)
        lines.append(f"| {folder.name} | {len(votes):,} | {len(set(conversation.groups.values()))} | "
                     f"{result.meta.get('k')} | {len(common)}/{len(conversation.groups)} | {ari:.3f} | {elapsed:.2f} |")
    lines.append(f"\nMean ARI over {len(aris)} conversations: **{np.mean(aris):.3f}** (goal ≥ 0.8).")
    return lines


def synthetic_votes(n_votes: int, *, participants: int, statements: int, seed: int = 0) -> list[tuple[str, str, int]]:
    rnd = random.Random(seed)
    camps = [rnd.randrange(3) for _ in range(participants)]
    leaning = [[rnd.choice((-1, 1)) for _ in range(statements)] for _ in range(3)]
    votes = []
    per_person = max(1, n_votes // participants)
    for p in range(participants):
        for s in rnd.sample(range(statements), min(per_person, statements)):
            value = leaning[camps[p]][s] if rnd.random() < 0.8 else rnd.choice((-1, 0, 1))
            votes.append((str(p), str(s), value))
    return votes


def _scale() -> list[str]:
    lines = [
        "| votes | participants | statements | recompute (s) | peak memory (MB) |",
        "| ---: | ---: | ---: | ---: | ---: |",
    ]
    for n_votes, participants, statements in ((100_000, 2_000, 200), (1_000_000, 20_000, 500)):
        votes = synthetic_votes(n_votes, participants=participants, statements=statements)
        tracemalloc.start()
        started = time.perf_counter()
        find_opinion_groups(votes)
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
        lines.append(f"| {len(votes):,} | {participants:,} | {statements} | {elapsed:.2f} | {peak:.0f} |")
    lines.append("\nGoals: ≤ 1 s at 100k votes, ≤ 10 s at 1M votes (tracemalloc adds some overhead to the time).")
    return lines


def run() -> str:
    parts = ["## Opinion groups (Pol.is-style)", "", "Command: `make bench` (module `bench/bench_opinions.py`).", ""]
    if POLIS.is_dir():
        parts += ["### Agreement with Pol.is's own groups", "", *_real(), ""]
    else:
        parts += [f"Real conversations not measured: {POLIS} is absent.", ""]
    parts += ["### Synthetic scale", "", *_scale()]
    return "\n".join(parts) + "\n"


if __name__ == "__main__":
    print(run())
