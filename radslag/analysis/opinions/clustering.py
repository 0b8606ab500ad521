"""Base clusters, then opinion groups made of base clusters, as Pol.is's clusters.clj does.

1. Up to 100 base clusters by k-means on the clustered participants' positions. Pol.is numbers its base
   clusters in the order its participants arrived; we number ours by their earliest participant, so the
   first base cluster is always the one holding the first participant.
2. For each k in 2..min(max_k, 2 + base clusters / 12): k-means on the base-cluster centres weighted by
   their sizes, started from the first k base-cluster centres and run for at most 20 rounds or until no
   centre moves by 0.01, as Pol.is does on a fresh conversation.
3. The silhouette of each clustering is computed on the base-cluster centres (each base cluster counts
   once; a base cluster alone in its group scores 0), and the k with the highest silhouette wins (the
   smaller k on ties). Group ids follow the order of the starting centres, so group 0 is the group of
   the earliest participants. Given the previous result's meta, the smoother keeps the previous k until a
   new best k has won four recomputes in a row.

4. Given the previous result's groups (``previous_groups``), the clustering with as many groups as before
   starts from where those groups are now: the centre of each previous group's members in today's
   positions, weighted as the base clusters are. Pol.is starts every group k-means from its last result in
   the same way. A recompute after a few more answers then keeps people in the groups they were in unless
   the answers have moved them; started afresh, the first-k start could land in another split of the same
   people (on real conversations, 1 % more answers changed the groups to an adjusted Rand index of 0.2
   with the groups before). Group ids follow the previous groups', so group 0 stays group 0; a fresh start
   (no previous result, another number of groups, a previous group gone) numbers them as in step 3.

Scoring k on the base-cluster centres, each counted once, is what Pol.is's conversation.clj does (its
silhouette takes the distances between base clusters, ``bucket-dists``). Scoring every participant
instead, as red-dwarf does, was tried against the development half of the benchmark's conversations: it
chose the same k on all five, and on a held-out one (brexit-consensus) it chose three groups where Pol.is
showed two, so the engine keeps Pol.is's rule. Where the engine and red-dwarf differ it is mostly the start
of the group k-means: taking the best of several k-means++ starts moves the groups towards red-dwarf's but
lost the agreement with Pol.is on ssis.land-bank-farmland (docs/benchmarks.md, opinions section).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from sklearn.cluster import KMeans
from threadpoolctl import threadpool_limits

MAX_BASE_CLUSTERS = 100
BASE_ITERATIONS = 100
GROUP_ITERATIONS = 20
CONVERGED = 0.01
K_BUFFER = 4  # recomputes a new best k must win in a row before the groups change to it


def base_clusters(coords: np.ndarray, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Base-cluster label per participant and the centres, numbered by earliest participant."""
    distinct, first_rows, inverse = np.unique(np.round(coords, 9), axis=0, return_index=True,
                                              return_inverse=True)
    inverse = inverse.reshape(-1)
    if len(distinct) <= MAX_BASE_CLUSTERS:
        labels, centres = inverse, coords[first_rows]
    else:
        # Points in two dimensions are too little work per thread: one thread is several times faster.
        with threadpool_limits(limits=1):
            fitted = KMeans(n_clusters=MAX_BASE_CLUSTERS, n_init=1, max_iter=BASE_ITERATIONS,
                            random_state=seed).fit(coords)
        labels, centres = fitted.labels_, fitted.cluster_centers_
    used = np.unique(labels)
    earliest = np.array([np.flatnonzero(labels == b)[0] for b in used])
    order = used[np.argsort(earliest)]
    renumber = np.empty(labels.max() + 1, dtype=int)
    renumber[order] = np.arange(len(order))
    return renumber[labels], centres[order]


def weighted_kmeans(points: np.ndarray, weights: np.ndarray, k: int, start: np.ndarray | None = None) -> np.ndarray:
    """Group label per point; centres start at `start` (default: the first k points); empty groups disappear."""
    centres = points[:k].copy() if start is None else start.astype(float).copy()
    for _ in range(GROUP_ITERATIONS):
        labels = _nearest(points, centres)
        kept = [g for g in range(len(centres)) if (labels == g).any()]
        moved = np.array([np.average(points[labels == g], axis=0, weights=weights[labels == g]) for g in kept])
        converged = len(kept) == len(centres) and bool(np.all(np.linalg.norm(moved - centres, axis=1) < CONVERGED))
        centres = moved
        if converged:
            break
    return _nearest(points, centres)


def _nearest(points: np.ndarray, centres: np.ndarray) -> np.ndarray:
    distances = ((points[:, None, :] - centres[None, :, :]) ** 2).sum(axis=2)
    return distances.argmin(axis=1)


def silhouette(points: np.ndarray, labels: np.ndarray) -> float:
    """Mean silhouette over the points; a point alone in its group scores 0."""
    distances = np.sqrt(((points[:, None, :] - points[None, :, :]) ** 2).sum(axis=2))
    groups = np.unique(labels)
    mean_to = np.stack([distances[:, labels == g].sum(axis=1) for g in groups], axis=1)
    sizes = np.array([(labels == g).sum() for g in groups], dtype=float)
    own = np.searchsorted(groups, labels)
    own_size = sizes[own]
    a = np.divide(mean_to[np.arange(len(points)), own], own_size - 1, out=np.zeros(len(points)),
                  where=own_size > 1)
    others = mean_to / sizes
    others[np.arange(len(points)), own] = np.inf
    b = others.min(axis=1)
    largest = np.maximum(a, b)
    scores = np.divide(b - a, largest, out=np.zeros(len(points)), where=(own_size > 1) & (largest > 0))
    return float(scores.mean())


def choose_k(scores: dict[int, float], previous: Mapping[str, object] | None) -> tuple[int, dict[str, int]]:
    """Pol.is's group-k smoother: a new best k is taken only once it has won K_BUFFER recomputes in a row.

    ``previous`` is the meta of the last result for the same conversation (or None for a fresh start).
    """
    this_k = max(scores, key=lambda k: (scores[k], -k))
    last = previous or {}
    streak_before = last.get("k_best_streak")
    same = last.get("k_best") == this_k and isinstance(streak_before, int)
    streak = streak_before + 1 if same and isinstance(streak_before, int) else 1
    kept = last.get("k")
    smoothed = this_k if streak >= K_BUFFER or not isinstance(kept, int) or kept not in scores else kept
    return smoothed, {"k_best": this_k, "k_best_streak": streak}


def previous_centres(coords: np.ndarray, previous_labels: np.ndarray | None) -> np.ndarray | None:
    """Where the previous result's groups are now: the mean of today's positions of each group's members
    (`previous_labels`: the previous group per participant, -1 for people it did not group). None when
    there is no previous result, fewer than two of its groups have members among today's clustered
    participants, or their ids are not 0, 1, ... without a gap (group 0 or a middle group emptied): the
    groups then start afresh. When only the last group emptied, the others are continued, and they are a
    start only for the clustering with that many groups."""
    if previous_labels is None:
        return None
    found = np.unique(previous_labels[previous_labels >= 0])
    if len(found) < 2 or not np.array_equal(found, np.arange(len(found))):
        return None
    return np.array([coords[previous_labels == g].mean(axis=0) for g in found])


def group_clusters(coords: np.ndarray, *, max_k: int, seed: int, previous: Mapping[str, object] | None = None,
                   previous_labels: np.ndarray | None = None) -> tuple[np.ndarray, dict[str, object]]:
    """Group label per participant (0..k-1) and what was measured on the way.

    `previous_labels` is the previous result's group per participant (-1 where it grouped nobody): the
    clustering with that many groups starts from where they are now (step 4 above)."""
    base_labels, centres = base_clusters(coords, seed)
    weights = np.bincount(base_labels, minlength=len(centres)).astype(float)
    top_k = min(max_k, 2 + len(centres) // 12, len(centres))
    warm = previous_centres(coords, previous_labels)
    groupings: dict[int, np.ndarray] = {}
    scores: dict[int, float] = {}
    for k in range(2, top_k + 1):
        start = warm if warm is not None and len(warm) == k else None
        grouping = weighted_kmeans(centres, weights, k, start)
        if len(np.unique(grouping)) >= 2:
            groupings[k] = np.unique(grouping, return_inverse=True)[1].reshape(-1)
            scores[k] = silhouette(centres, grouping)
    meta: dict[str, object] = {"base_clusters": len(centres), "silhouette": {k: round(v, 4) for k, v in scores.items()}}
    if not scores:
        return np.zeros(len(coords), dtype=int), {**meta, "k": 1, "continued_from_previous_groups": False}
    k, smoother = choose_k(scores, previous)
    continued = warm is not None and len(warm) == k  # the groups shown continue the previous ones
    return groupings[k][base_labels], {**meta, **smoother, "k": k, "continued_from_previous_groups": continued}
