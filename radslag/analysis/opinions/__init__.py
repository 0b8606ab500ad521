"""Opinion groups from agree/disagree/pass votes, computed the way Pol.is's math does it.

Steps (each in its own module):
1. ``matrix``: participants x statements, agree = 1, disagree = -1, pass = 0, not seen = missing;
   statements the moderator hid are set to 0 for everyone. Participants are clustered once they voted on
   ``min(min_votes, statements)`` statements; while fewer than 15 qualify the most active are added.
2. ``projection``: PCA by power iteration on every participant's mean-imputed, centred answers, and
   Pol.is's sparsity-aware projection of each participant.
3. ``clustering``: up to 100 base clusters, then groups of base clusters for each k, k chosen by the
   silhouette on the base clusters.
4. ``statements``: representative statements per group and consensus statements.

Pol.is recomputes a live conversation from its previous result (warm-started k-means, a smoother that
changes k only after the same k won four times). Given nothing else, this engine computes the groups from
the votes alone, as Pol.is does on a fresh conversation; given the previous result's meta it applies the
same k smoother, and given its groups (``previous_groups``) the groups continue from them (base clusters
are computed afresh each time, from a fixed seed).
Participants are taken in the order they first appear in ``votes``: pass the votes in the order they were
cast, as Pol.is numbers its participants by arrival.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

import numpy as np

from radslag.analysis.opinions.clustering import group_clusters
from radslag.analysis.opinions.matrix import VoteMatrix, in_conversation
from radslag.analysis.opinions.projection import project
from radslag.analysis.opinions.results import (
    ConsensusStatement,
    OpinionGroup,
    OpinionResult,
    RepresentativeStatement,
)
from radslag.analysis.opinions.statements import consensus, representative

__all__ = [
    "ConsensusStatement", "OpinionGroup", "OpinionResult", "RepresentativeStatement", "adjusted_rand",
    "find_opinion_groups",
]

MIN_CLUSTERED = 4


def find_opinion_groups(
    votes: Sequence[tuple[str, str, int]], *, statements: Sequence[str] | None = None, min_votes: int = 7,
    max_k: int = 5, seed: int = 0, moderated_out: Collection[str] = (),
    previous: Mapping[str, object] | None = None, previous_groups: Mapping[str, int] | None = None,
) -> OpinionResult:
    """Votes are (participant id, statement id, value) with value 1 agree, -1 disagree, 0 pass.

    ``moderated_out`` are statements the moderator hid: their votes still count towards a participant's
    vote total and they count as answered when positions are scaled, but they carry no opinion and are
    never representative or consensus statements. ``previous`` is the ``meta`` of the conversation's last
    result: with it the number of groups changes only after a new best k has won four recomputes in a row
    (Pol.is's smoother); without it k is the best silhouette. ``previous_groups`` is the last result's
    group per participant (`OpinionResult.group_of()`): the groups then continue from where those are now,
    as Pol.is continues from its last clustering, instead of starting afresh. The same input and seed give
    the same result.
    """
    vm = VoteMatrix.build(votes, statements, moderated_out)
    rating = vm.rating_matrix()
    counts = vm.vote_counts()
    clustered = in_conversation(counts, rating.shape[1], min_votes)
    meta: dict[str, object] = {
        "participants": len(vm.participants), "statements": len(vm.statements), "votes": int(counts.sum()),
        "clustered_participants": len(clustered), "min_votes": max(1, min(min_votes, rating.shape[1])),
        "moderated_out": int(vm.hidden.sum()), "seed": seed,
    }
    if len(clustered) < MIN_CLUSTERED or rating.shape[1] < 2:
        meta["reason"] = "too few participants or statements to form groups"
        return OpinionResult([], [], {}, meta)
    coords = project(rating)[clustered]
    ids = [vm.participants[i] for i in clustered]
    previous_labels = None if not previous_groups else np.array([previous_groups.get(pid, -1) for pid in ids])
    labels, cluster_meta = group_clusters(coords, max_k=max_k, seed=seed, previous=previous,
                                          previous_labels=previous_labels)
    meta.update(cluster_meta)
    visible = vm.visible_votes()[clustered]
    groups = [
        OpinionGroup(int(g), [ids[i] for i in np.flatnonzero(labels == g)],
                     representative(visible, labels, int(g), vm.statements))
        for g in sorted(set(labels.tolist()))
    ]
    positions = {pid: (float(x), float(y)) for pid, (x, y) in zip(ids, coords, strict=True)}
    return OpinionResult(groups, consensus(visible, labels, vm.statements), positions, meta)


def meta_of_groups(groups: Mapping[str, int]) -> dict[str, object]:
    """What `previous` needs of a result that had these groups (participant -> group) but no meta of ours,
    such as an imported Pol.is result: its number of groups, kept by the smoother as a result's k is."""
    k = len(set(groups.values()))
    return {"k": k, "k_best": k, "k_best_streak": 0}


def adjusted_rand(a: Sequence[object], b: Sequence[object]) -> float:
    """Adjusted Rand index between two labelings of the same items."""
    from sklearn.metrics import adjusted_rand_score

    return float(adjusted_rand_score(list(map(str, a)), list(map(str, b))))
