"""Opinion groups: agreement with Pol.is's own groups on real conversations, and time at scale."""

from __future__ import annotations

import hashlib
import itertools
import os
import random
import time
import tracemalloc
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from radslag.analysis.opinions import OpinionResult, adjusted_rand, find_opinion_groups, meta_of_groups
from radslag.analysis.polis_io import Conversation, numbered_groups, read_conversation

POLIS = Path(__file__).resolve().parent.parent / ".." / "shared" / "data" / "polis"
LOW_AGREEMENT = 0.5
# Fixed before the engine's k choice was reworked (issue "Trust, part 2"): the conversations are ordered by
# the SHA-256 of their folder name and the first five are the development half, the only ones looked at
# while the engine was changed; the other six are held out and only measured.
DEVELOPMENT_SIZE = 5


def development_half(names: list[str]) -> set[str]:
    """The development half of a list of conversation folder names (the rest is held out)."""
    ordered = sorted(names, key=lambda name: hashlib.sha256(name.encode()).hexdigest())
    return set(ordered[:DEVELOPMENT_SIZE])


EXTRA_ENV = "RADSLAG_POLIS_EXTRA"
WITHIN = 0.05  # the goal: on every conversation at least as close to Pol.is as red-dwarf, within this


def _votes(conversation: Conversation) -> list[tuple[str, str, int]]:
    # Chronological, so participants are numbered by arrival as in Pol.is.
    return [(v.participant_id, v.comment_id, v.value) for v in sorted(conversation.votes, key=lambda v: v.timestamp)]


def _ours(conversation: Conversation, fraction: float = 1.0, **options: Any) -> OpinionResult:
    """The engine on the conversation's first `fraction` of its answers in time order (`options`: previous,
    previous_groups)."""
    votes = _votes(conversation)
    hidden = [c.id for c in conversation.comments if c.moderated < 0]
    return find_opinion_groups(votes[:max(1, round(len(votes) * fraction))],
                               statements=[c.id for c in conversation.comments], moderated_out=hidden, **options)


def reddwarf_groups(conversation: Conversation) -> dict[str, int] | None:
    """red-dwarf's (polis-community) groups for an export, or None when red-dwarf is not installed.

    red-dwarf is only a benchmark and test reference, never imported by the application. It is run as its
    documented entry point does by default: PCA with sparsity-aware scaling on every participant, the
    participants with at least 7 votes clustered, k in 2..5 by the silhouette over their positions.
    """
    try:
        from reddwarf.implementations.polis import run_pipeline
    except ImportError:
        return None

    def number(value: str) -> int | str:
        return int(value) if value.lstrip("-").isdigit() else value

    votes = [{"participant_id": number(v.participant_id), "statement_id": number(v.comment_id), "vote": v.value,
              "modified": v.timestamp} for v in conversation.votes]
    mod_out = [number(c.id) for c in conversation.comments if c.moderated < 0]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = run_pipeline(votes=votes, mod_out_statement_ids=mod_out, random_state=0)
    clustered = result.participants_df[result.participants_df["to_cluster"]]
    return {str(pid): int(group) for pid, group in clustered["cluster_id"].items()}


def _ari(a: Mapping[str, object], b: Mapping[str, object]) -> float:
    """ARI on the participants both labelings grouped."""
    common = [p for p in a if p in b]
    return adjusted_rand([a[p] for p in common], [b[p] for p in common])


@dataclass
class Row:
    name: str
    half: str
    votes: int
    polis_k: int
    our_k: object
    rd_k: int | None
    grouped: str
    ours_polis: float
    every: float
    rd_polis: float | None
    ours_rd: float | None
    seconds: float

    @property
    def close_enough(self) -> bool | None:
        return None if self.rd_polis is None else self.ours_polis >= self.rd_polis - WITHIN


def _measure(folder: Path, half: str) -> Row | None:
    conversation = read_conversation(folder)
    if not conversation.groups:
        return None
    started = time.perf_counter()
    result = _ours(conversation)
    elapsed = time.perf_counter() - started
    ours, theirs = result.group_of(), conversation.groups
    rd = reddwarf_groups(conversation)
    # Participants Pol.is grouped and we did not count as one more group of their own.
    every = adjusted_rand(list(theirs.values()), [ours.get(p, -1) for p in theirs])
    return Row(folder.name, half, len(conversation.votes), len(set(theirs.values())), result.meta.get("k"),
               None if rd is None else len(set(rd.values())), f"{sum(p in ours for p in theirs)}/{len(theirs)}",
               _ari(theirs, ours), every, None if rd is None else _ari(theirs, rd),
               None if rd is None else _ari(ours, rd), elapsed)


def _cell(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def _folders() -> list[tuple[Path, str]]:
    """Every conversation folder with its half: the shared ones, then any in `$RADSLAG_POLIS_EXTRA`."""
    names = sorted(p.name for p in POLIS.iterdir() if p.is_dir())
    development = development_half(names)
    folders = [(POLIS / name, "development" if name in development else "held out") for name in names]
    extra = os.environ.get(EXTRA_ENV)
    if extra and Path(extra).is_dir():
        folders += [(p, "extra") for p in sorted(Path(extra).iterdir()) if p.is_dir()]
    return folders


def _real() -> list[str]:
    folders = _folders()
    rows = [row for folder, half in folders if (row := _measure(folder, half)) is not None]
    lines = ["| conversation | half | votes | Pol.is k | Rådslag k | red-dwarf k | grouped by both | "
             "ARI Rådslag–Pol.is | ARI red-dwarf–Pol.is | ARI Rådslag–red-dwarf | ≥ red-dwarf − 0.05 | "
             "ARI Rådslag–Pol.is (all Pol.is-grouped) | recompute (s) |",
             "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | :---: | ---: | ---: |"]
    for r in sorted(rows, key=lambda r: (r.half != "development", r.half, r.name)):
        close = {None: "–", True: "yes", False: "**no**"}[r.close_enough]
        lines.append(f"| {r.name} | {r.half} | {r.votes:,} | {r.polis_k} | {r.our_k} | {r.rd_k or '–'} | {r.grouped} | "
                     f"{r.ours_polis:.3f} | {_cell(r.rd_polis)} | {_cell(r.ours_rd)} | {close} | {r.every:.3f} | "
                     f"{r.seconds:.2f} |")
    lines += ["", "| half | conversations | mean ARI Rådslag–Pol.is | mean ARI red-dwarf–Pol.is | "
              "mean ARI Rådslag–red-dwarf | Rådslag ≥ red-dwarf − 0.05 |", "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for half in ("development", "held out", "extra", "all"):
        chosen = [r for r in rows if half in (r.half, "all")]
        if not chosen:
            continue
        with_rd = [r for r in chosen if r.rd_polis is not None]
        lines.append(
            f"| {half} | {len(chosen)} | {np.mean([r.ours_polis for r in chosen]):.3f} | "
            + (f"{np.mean([r.rd_polis for r in with_rd]):.3f} | {np.mean([r.ours_rd for r in with_rd]):.3f} | "
               f"{sum(bool(r.close_enough) for r in with_rd)}/{len(with_rd)} |" if with_rd else "– | – | – |"))
    if not any(r.rd_polis is not None for r in rows):
        lines.append("\nred-dwarf is not installed here (`pip install red-dwarf==0.4.0`): its columns are empty.")
    low = [(r.name, read_conversation(folder)) for r in rows for folder, _ in folders
           if folder.name == r.name and r.ours_polis < LOW_AGREEMENT]
    lines += _answers_per_group(low)
    return lines


def _answers_per_group(conversations: list[tuple[str, Conversation]]) -> list[str]:
    """Where we disagree with Pol.is: how many statements the people in each of its groups answered.

    Today's Pol.is (which the engine follows) groups people by what they answered; a grouping that
    instead follows how many statements people saw points to an export from an earlier state or an
    older algorithm.
    """
    if not conversations:
        return []
    lines = ["", "Where agreement is below 0.5: the median number of statements answered by the people in each of "
             "Pol.is's groups (and the group's size).", "", "| conversation | Pol.is groups: median answers (people) |",
             "| --- | --- |"]
    for name, conversation in conversations:
        answered: dict[str, set[str]] = {}
        for vote in conversation.votes:
            answered.setdefault(vote.participant_id, set()).add(vote.comment_id)
        members: dict[str, list[int]] = {}
        for participant, group in conversation.groups.items():
            members.setdefault(group, []).append(len(answered.get(participant, ())))
        cells = ", ".join(f"{group}: {int(np.median(counts))} ({len(counts)})"
                          for group, counts in sorted(members.items()))
        lines.append(f"| {name} | {cells} |")
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


def _timed(votes: list[tuple[str, str, int]]) -> tuple[float, float]:
    """Best wall-clock and processor seconds of three recomputes (the machine may be shared)."""
    runs = []
    for _ in range(3):
        wall, cpu = time.perf_counter(), time.process_time()
        find_opinion_groups(votes)
        runs.append((time.perf_counter() - wall, time.process_time() - cpu))
    return min(runs)


def _scale() -> list[str]:
    lines = [
        "| votes | participants | statements | recompute (s, best of 3) | processor time (s) | peak memory (MB) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for n_votes, participants, statements in ((100_000, 2_000, 200), (1_000_000, 20_000, 500)):
        votes = synthetic_votes(n_votes, participants=participants, statements=statements)
        elapsed, cpu = _timed(votes)
        tracemalloc.start()  # a separate run: tracing slows allocation down
        find_opinion_groups(votes)
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
        lines.append(f"| {len(votes):,} | {participants:,} | {statements} | {elapsed:.2f} | {cpu:.2f} | {peak:.0f} |")
    lines.append("\nGoals: ≤ 1 s at 100k votes, ≤ 10 s at 1M votes. Processor time well below the wall-clock time "
                 "means other work shared the machine during the run.")
    return lines


ABOUT = [
    "Each conversation is a Pol.is export in `shared/data/polis`; Pol.is's own group per participant is the "
    "`group-id` of participants-votes.csv. Three groupings are compared by the adjusted Rand index (ARI, 1 = the "
    "same groups, 0 = no better than chance), each pair on the participants both grouped: Rådslag's engine, "
    "Pol.is's, and [red-dwarf](https://github.com/polis-community/red-dwarf) 0.4.0, the Polis community's "
    "independent Python reimplementation of Pol.is's math, run through its default `run_pipeline` "
    "(`random_state=0`). red-dwarf is a benchmark and test reference only (`pip install red-dwarf==0.4.0`), "
    "never imported by the application.",
    "",
    "**Halves.** Before the k choice was reworked for issue \"Trust, part 2\", the eleven shared conversations "
    "were split by the SHA-256 of their names (`development_half`): the five first are the development half, "
    "on which engine changes were judged; the six others are held out (but see (1) and (3) below). **extra** rows "
    "are Pol.is openData conversations that are not in the shared data (read from the folder named by "
    f"`${EXTRA_ENV}` when it is set): canadian-electoral-reform, football-concussions and "
    "scoop-hivemind.biodiversity, on which the engine measured a mean of 0.418, the issue's 0.42 (their numbers "
    "were seen while the changes below were tried; since none was kept, nothing was tuned on them).",
]

FINDINGS = [
    "**What differs between the three.** Rådslag follows Pol.is's conversation.clj on a fresh conversation: "
    "participants with at least min(7, statements) votes (the 15 most active while fewer qualify), PCA on every "
    "participant with the sparsity-aware scaling, 100 base clusters, group k-means on the base-cluster centres "
    "started from the first k of them, k in 2..5 by the silhouette on the base-cluster centres (Pol.is's "
    "`bucket-dists`), and the group-k smoother over recomputes. red-dwarf has no base clusters: it runs k-means "
    "on the participants themselves, started from the lowest points in (x, y) order, and scores k by the "
    "silhouette over every participant; it has no smoother. Both share the vote matrix and projection, so where a "
    "conversation has one clear split they agree (freshwater 1.000, taxes 0.98, biodiversity 0.97).",
    "",
    "**What was tried.** Each change was built and judged on the development half; the full table was run "
    "after each, and two were dropped because a held-out conversation, or the engine's own test on one, got "
    "worse, which makes those two held-out conversations no longer untouched. (1) Scoring k over the "
    "participants' projection instead of over base-cluster centres counted once, as the issue proposed: the "
    "same k on all five development conversations, but three groups instead of Pol.is's two on the held-out "
    "brexit-consensus (ARI 0.896 to 0.558); dropped, the engine keeps Pol.is's own rule. (2) Group k-means from "
    "the best (least within-group sum of squares) of Pol.is's start and ten k-means++ starts: the groups move "
    "towards red-dwarf's (ARI 0.71 to 1.00 with it) and all five development conversations come within 0.05 of "
    "red-dwarf, but ssis fell from 0.952 to 0.703 (its test asks for 0.85) and the development mean from 0.240 "
    "to 0.232; dropped. (3) Base clusters started, as Pol.is does, from the first 100 distinct positions instead "
    "of k-means++: ssis 0.952 to 0.976, but the held-out scoop-hivemind.taxes fell to 0.813, under its test's "
    "0.85; dropped. (4) Replaying the conversation's history (50 to 200 recomputes with Pol.is's warm-started "
    "base and group clusters, growing in-conversation set and k smoother): development mean 0.20; dropped. The "
    "engine's groups are therefore unchanged by this work.",
    "",
    "**Second round (issue 9).** Four more of Pol.is's own mechanisms were measured on all three halves (mean ARI"
    " with Pol.is: development / held out / extra / all nine non-development; the engine: 0.240 / 0.915 / 0.418 /"
    " 0.749, red-dwarf 0.242 / 0.663 / 0.718 / 0.681). (5) Group k-means started as Pol.is's `clean-start-"
    "clusters` grows a clustering: from the weighted mean of all base clusters, splitting off the base cluster "
    "farthest from every centre until there are k: 0.396 / 0.742 / 0.694 / 0.726; canadian-electoral-reform "
    "1.000, but bg2050-volunteers 1.000 to 0.194, vtaiwan.uberx 0.956 to 0.706, austria-climate 0.961 to 0.785 "
    "and ssis 0.952 to 0.703. Keeping for each k whichever of that start and the first-k start has the higher "
    "silhouette gives the same numbers; the best silhouette of the first-k start and ten k-means++ starts gives "
    "0.239 / 0.765 / 0.660 / 0.730. (6) Group k-means run to convergence (300 rounds) instead of Pol.is's 20: no "
    "conversation changes. (7) The k smoother over history: the engine recomputed after each of N equal slices of"
    " the votes in time order, each time given the previous result's meta: all nine non-development 0.626 (N = "
    "5), 0.743 (10), 0.772 (20), and 0.705 for 20 slices growing geometrically; canadian-electoral-reform stays "
    "at 0.17 or below in every one. (8) A replay like (4), measured on every half: 0.239 / 0.794 / 0.403 / 0.663 "
    "(10 equal slices), 0.167 / 0.786 / 0.424 / 0.665 (30), 0.204 / 0.757 / 0.403 / 0.639 (30 geometric), 0.201 /"
    " 0.734 / 0.682 / 0.717 (100 geometric: canadian 0.930, but brexit 0.464 and ssis 0.452). None was kept: (5) "
    "and (8) lower the non-development mean and take ssis under its test's 0.85, (6) changes nothing, and (7) "
    "changes how the benchmark feeds the engine rather than the engine, swings with N (0.626 to 0.772) and never "
    "fixes canadian-electoral-reform. What the numbers show: on bg2050, vtaiwan, austria and ssis Pol.is's groups"
    " are the split that k-means started from the first base clusters ends in, and every start that finds a "
    "tighter split (less within-group sum of squares) moves away from them; on canadian-electoral-reform Pol.is's"
    " groups are the tighter split. Which one Pol.is shows depends on the conversation's history (as "
    "conversation.clj reads, its first update starts the base clusters from the in-conversation set in hash "
    "order, and every later update starts from the last one), which an export does not hold. The base clusters' "
    "k-means++ seed matters as much: with seeds 0 to 4 the non-development mean is 0.749, 0.726, 0.738, 0.762, "
    "0.742, and ssis falls to 0.21 with seed 1. (9) (December 7) For each k, the group k-means from the first-k "
    "start and from 10 or 30 starts drawn at random in proportion to the base clusters' sizes, keeping the "
    "highest silhouette on the base-cluster centres, in five random draws each: non-development mean 0.720 to "
    "0.833 (development 0.219 to 0.406); canadian-electoral-reform 0.90 to 1.00 in every draw, but "
    "bg2050-volunteers 0.19 to 1.00, vtaiwan.uberx 0.64 to 0.85 and ssis 0.44 to 0.73 by the draw alone. Not "
    "kept: which split wins depends on the random draw, not on the conversation. The other openData "
    "conversations (american-assembly, four more "
    "austria-climate, march-on) have no votes.csv in the stored snapshot and could not be added.",
    "",
    "**Why some conversations still disagree.** Four of the five development conversations and "
    "football-concussions have Pol.is groups that neither implementation reproduces from the export (both under "
    "0.25), so a mean of 0.8 over the three extra conversations is out of reach from their exports: with "
    "football-concussions at red-dwarf's 0.200 the other two would need 1.10. In "
    "affordable-housing, freshwater, ubi and football-concussions Pol.is grouped participants with one to six "
    "votes, which Pol.is's own in-conversation rule (at least 7, or every statement there was) would not admit "
    "from these votes: the groups were computed from a state of the conversation the export does not hold. On "
    "canadian-electoral-reform red-dwarf matches Pol.is exactly (k = 2: 16 people who answered a median of 70 "
    "statements against 265), while the engine's two-group k-means, started from the first two base clusters, "
    "ends in a poor split (silhouette 0.22, ARI −0.04 with Pol.is's) and three groups score better. That one is "
    "a difference of method, the start of the group k-means; the fix tried for it (2) cost ssis its agreement.",
]


CONTINUITY_STEPS = 10  # recomputes after each further 1 % of the answers, from 90 % to 100 %
HISTORY_STEPS = 20  # a conversation's life: a recompute after each further 5 % of its answers


def _replay(conversation: Conversation, fractions: list[float], *, continued: bool) -> list[OpinionResult]:
    """The results of recomputing after each fraction of the answers (in time order), each recompute given the
    last result as the application gives it: its meta (the k smoother) and, when `continued`, its groups."""
    results: list[OpinionResult] = []
    for fraction in fractions:
        last = results[-1] if results else None
        results.append(_ours(conversation, fraction, previous=None if last is None else last.meta,
                             previous_groups=last.group_of() if last is not None and continued else None))
    return results


def _continuity() -> list[str]:
    """How much the groups change from one recompute to the next, and where a conversation's life ends.

    Consecutive: the answers recomputed at 90 %, 91 %, ..., 100 %; the adjusted Rand index between consecutive
    results on the people both grouped (1 means nobody changed group). History: recomputed after every 5 %
    of the answers; the last result's agreement with Pol.is's groups. Each both afresh (each recompute
    starts its groups anew; only the k smoother carries over) and continued (`previous_groups`, what the
    application does).
    """
    lines = ["| conversation | half | consecutive, afresh: mean | lowest | consecutive, continued: mean | lowest | "
             f"ARI with Pol.is after {HISTORY_STEPS} recomputes, afresh | continued |",
             "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    steps = [0.9 + 0.1 * step / CONTINUITY_STEPS for step in range(CONTINUITY_STEPS + 1)]
    life = [(step + 1) / HISTORY_STEPS for step in range(HISTORY_STEPS)]
    rows: list[tuple[str, list[float], list[float], list[float]]] = []
    for folder, half in _folders():
        conversation = read_conversation(folder)
        means, lows, final = [], [], []
        for continued in (False, True):
            results = _replay(conversation, steps, continued=continued)
            scores = [_ari(a.group_of(), b.group_of()) for a, b in itertools.pairwise(results)]
            means.append(float(np.mean(scores)))
            lows.append(min(scores))
            final.append(_ari(conversation.groups, _replay(conversation, life, continued=continued)[-1].group_of()))
        rows.append((half, means, lows, final))
        lines.append(f"| {folder.name} | {half} | {means[0]:.3f} | {lows[0]:.3f} | {means[1]:.3f} | {lows[1]:.3f} | "
                     f"{final[0]:.3f} | {final[1]:.3f} |")
    for label, chosen in (("all", rows), ("not development", [r for r in rows if r[0] != "development"])):
        if not chosen:
            continue
        lines.append(f"| **{label} ({len(chosen)})** | | {np.mean([r[1][0] for r in chosen]):.3f} | "
                     f"{min(r[2][0] for r in chosen):.3f} | {np.mean([r[1][1] for r in chosen]):.3f} | "
                     f"{min(r[2][1] for r in chosen):.3f} | {np.mean([r[3][0] for r in chosen]):.3f} | "
                     f"{np.mean([r[3][1] for r in chosen]):.3f} |")
    lines += ["", CONTINUITY_LOWEST]
    return lines


def _imported() -> list[str]:
    """Agreement with Pol.is of the first groups of an imported conversation, which start from the export's."""
    lines = ["| conversation | half | ARI with Pol.is, started afresh | started from the export's groups (an import) |",
             "| --- | --- | ---: | ---: |"]
    rows = []
    for folder, half in _folders():
        conversation = read_conversation(folder)
        if not conversation.groups:
            continue
        numbered = numbered_groups(conversation.groups)
        seeded = _ours(conversation, previous=meta_of_groups(numbered), previous_groups=numbered)
        pair = (_ari(conversation.groups, _ours(conversation).group_of()), _ari(conversation.groups, seeded.group_of()))
        rows.append(pair)
        lines.append(f"| {folder.name} | {half} | {pair[0]:.3f} | {pair[1]:.3f} |")
    lines.append(f"| **all ({len(rows)})** | | {np.mean([r[0] for r in rows]):.3f} | "
                 f"{np.mean([r[1] for r in rows]):.3f} |")
    return lines


IMPORTED_ABOUT = (
    "A conversation imported from a Pol.is export starts from the export's own groups (the first recompute "
    "continues them, with their number of groups, as if Pol.is's result were the last one), so it shows the "
    "groups it had in Pol.is as far as the engine, recomputing from the answers, bears them out. This is not "
    "a measure of the engine's agreement with Pol.is (it is given Pol.is's answer to start from); it shows how "
    "much of Pol.is's grouping survives a recompute. Where it falls far, Pol.is grouped people by answers the "
    "export does not hold (see above)."
)

CONTINUITY_LOWEST = (
    "Where a continued recompute still changes the groups much, either the number of groups changed (the smoother "
    "let a new best k through after four recomputes in a row; a new k starts afresh, as in "
    "canadian-electoral-reform's step from 3 to 4 groups) or the answers moved people (in the December 2026 run, "
    "bg2050-volunteers' smaller group went from 15 to 6 people between 97 % and 98 % of the answers). Continuing "
    "every k instead (a new group split off at the base cluster farthest from the previous centres, as Pol.is's "
    "`clean-start-clusters` grows a clustering; with fewer groups, the largest kept) was measured and not kept: "
    "mean 0.949 against 0.952, canadian-electoral-reform 0.910 but ssis 0.916 (lowest 0.619), since the other "
    "k's scores then move and the smoother changes k more often."
)

CONTINUITY_ABOUT = (
    "Pol.is starts each recompute's clustering from the last one's, so a few more answers do not reshuffle "
    "the groups. Rådslag's engine does the same (`previous_groups`). *Consecutive*: each conversation's answers "
    f"in time order were recomputed {CONTINUITY_STEPS} times, after each further 1 % from 90 % to 100 %, each "
    "recompute given the previous one's result as the application gives it, and consecutive results were "
    "compared (adjusted Rand index on the people both grouped; 1 = nobody changed group). *After "
    f"{HISTORY_STEPS} recomputes*: the conversation's life replayed, a recompute after each further "
    f"{100 // HISTORY_STEPS} % of the answers, and the last result compared with Pol.is's groups. *Afresh* is the "
    "engine before this (the previous result's k kept by the smoother, the groups computed anew); its last "
    "result differs from the table above's only where the smoother ends on another k. The price of continuing "
    "is in the last columns: where the "
    "answers allow two splits of about the same quality, a conversation that started in one stays in it, "
    "and on ssis.land-bank-farmland and vtaiwan.uberx that is not the one Pol.is's export shows (Pol.is's "
    "own groups come from its own history of recomputes, which an export does not hold). Started afresh, "
    "the same conversations flip between the two splits from one recompute to the next (ssis: lowest 0.19), "
    "which a participant sees as being moved to another group for no reason; the engine continues."
)


def run() -> str:
    parts = ["## Opinion groups (Pol.is-style)", "", "Command: `make bench` (module `bench/bench_opinions.py`).", ""]
    if POLIS.is_dir():
        parts += ["### Agreement with Pol.is's own groups, and with red-dwarf", "", *ABOUT, "", *_real(), "",
                  *FINDINGS, "", "### Groups from one recompute to the next", "", CONTINUITY_ABOUT, "",
                  *_continuity(), "", "### Imported conversations", "", IMPORTED_ABOUT, "", *_imported(), ""]
    else:
        parts += [f"Real conversations not measured: {POLIS} is absent.", ""]
    parts += ["### Synthetic scale", "", *_scale()]
    return "\n".join(parts) + "\n"


if __name__ == "__main__":
    print(run())
