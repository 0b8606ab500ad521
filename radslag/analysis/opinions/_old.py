"""Opinion groups from agree/disagree/pass votes, computed the way Pol.is describes its math.

Steps (each a function below):
1. Vote matrix: participants x statements, agree = 1, disagree = -1, pass = 0, not seen = missing.
2. Participants with fewer than ``min(min_votes, statements)`` votes are left out of the clustering
   (they are still counted in the per-statement figures).
3. PCA to two dimensions on the matrix with missing cells imputed by the statement's mean; each
   participant's projection is scaled by sqrt(statements / votes cast), so people who voted on few
   statements are not all pulled to the centre.
4. Many small base clusters (k-means, up to 100), then k-means on the base-cluster centres weighted
   by their sizes, with k in 2..max_k chosen by the highest silhouette of the participants.
5. Per group and statement: p(agree) with Laplace smoothing, a one-proportion z-test against 1/2 and
   a two-proportion z-test against everyone outside the group; representative statements pass both
   at 90 % (z > 1.2816) and are ranked by ratio x z x p x z, as Pol.is does.
6. Consensus: statements every group agrees with (or rejects); group-informed consensus is the
   product of the groups' smoothed agree probabilities.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
from sklearn.metrics import silhouette_score

Z_90 = 1.2816
MAX_BASE_CLUSTERS = 100


@dataclass(frozen=True)
class RepresentativeStatement:
    statement_id: str
    direction: str  # "agree" or "disagree"
    probability: float  # smoothed share of the group voting that way
    probability_rest: float
    z: float  # one-proportion test against 1/2
    z_rest: float  # two-proportion test against the rest
    metric: float


@dataclass(frozen=True)
class OpinionGroup:
    id: int
    participants: list[str]
    representative: list[RepresentativeStatement]


@dataclass(frozen=True)
class ConsensusStatement:
    statement_id: str
    direction: str
    group_informed: float  # product over groups of p(direction)
    probability: float  # overall smoothed share


@dataclass
class OpinionResult:
    groups: list[OpinionGroup]
    consensus: list[ConsensusStatement]
    positions: dict[str, tuple[float, float]]
    meta: dict[str, object] = field(default_factory=dict)

    def group_of(self) -> dict[str, int]:
        return {pid: g.id for g in self.groups for pid in g.participants}


@dataclass
class VoteMatrix:
    participants: list[str]
    statements: list[str]
    values: np.ndarray  # float32, NaN = not seen

    @classmethod
    def build(cls, votes: Sequence[tuple[str, str, int]], statements: Sequence[str] | None = None) -> VoteMatrix:
        statement_ids = list(statements) if statements is not None else sorted({v[1] for v in votes}, key=str)
        s_index = {s: i for i, s in enumerate(statement_ids)}
        participants: dict[str, int] = {}
        rows, cols, vals = [], [], []
        for pid, sid, value in votes:
            column = s_index.get(sid)
            if column is None:
                continue
            rows.append(participants.setdefault(pid, len(participants)))
            cols.append(column)
            vals.append(value)
        matrix = np.full((len(participants), len(statement_ids)), np.nan, dtype=np.float32)
        if rows:
            matrix[np.asarray(rows), np.asarray(cols)] = np.asarray(vals, dtype=np.float32)
        return cls(list(participants), statement_ids, matrix)


def project(matrix: np.ndarray, seed: int) -> np.ndarray:
    """Two-dimensional, sparsity-scaled PCA projection of the participants (rows)."""
    seen = ~np.isnan(matrix)
    counts = seen.sum(axis=0)
    means = np.divide(np.nansum(matrix, axis=0), counts, out=np.zeros(matrix.shape[1], dtype=np.float64),
                      where=counts > 0)
    filled = np.where(seen, matrix, means)
    components = min(2, *filled.shape)
    coords = PCA(n_components=components, random_state=seed).fit_transform(filled)
    if components < 2:
        coords = np.hstack([coords, np.zeros((coords.shape[0], 2 - components))])
    n_votes = np.maximum(seen.sum(axis=1), 1)
    return coords * np.sqrt(matrix.shape[1] / n_votes)[:, None]


def cluster(coords: np.ndarray, *, max_k: int, seed: int) -> tuple[np.ndarray, dict[str, object]]:
    """Base clusters, then groups of base clusters with k chosen by silhouette."""
    n = coords.shape[0]
    distinct = len(np.unique(np.round(coords, 9), axis=0))
    n_base = min(MAX_BASE_CLUSTERS, distinct)
    base = KMeans(n_clusters=n_base, n_init=1, random_state=seed).fit(coords)
    sizes = np.bincount(base.labels_, minlength=n_base).astype(float)
    best: tuple[float, int, np.ndarray] | None = None
    scores: dict[int, float] = {}
    for k in range(2, min(max_k, n_base - 1) + 1):
        grouping = KMeans(n_clusters=k, n_init=10, random_state=seed).fit(base.cluster_centers_, sample_weight=sizes)
        labels = grouping.labels_[base.labels_]
        if len(set(labels.tolist())) < 2:
            continue
        score = float(silhouette_score(coords, labels, sample_size=min(n, 3000), random_state=seed))
        scores[k] = round(score, 4)
        if best is None or score > best[0] + 1e-9:
            best = (score, k, labels)
    if best is None:
        return np.zeros(n, dtype=int), {"k": 1, "silhouette": scores}
    return _relabel_by_size(best[2]), {"k": best[1], "silhouette": scores}


def _relabel_by_size(labels: np.ndarray) -> np.ndarray:
    """Group 0 is the largest group, so ids are stable across runs with the same data."""
    order = [g for g, _ in sorted(enumerate(np.bincount(labels)), key=lambda item: (-item[1], item[0]))]
    mapping = np.empty(len(order), dtype=int)
    for new, old in enumerate(order):
        mapping[old] = new
    return mapping[labels]


def prop_test(successes: np.ndarray, n: np.ndarray) -> np.ndarray:
    return 2 * np.sqrt(n + 1) * ((successes + 1) / (n + 1) - 0.5)


def two_prop_test(s1: np.ndarray, n1: np.ndarray, s2: np.ndarray, n2: np.ndarray) -> np.ndarray:
    s1, n1, s2, n2 = s1 + 1, n1 + 1, s2 + 1, n2 + 1
    p1, p2 = s1 / n1, s2 / n2
    pooled = (s1 + s2) / (n1 + n2)
    denominator = np.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    return np.divide(p1 - p2, denominator, out=np.zeros_like(p1), where=denominator > 0)


def _counts(block: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Agrees, disagrees and seen per statement in a block of rows."""
    return (block == 1).sum(axis=0), (block == -1).sum(axis=0), (~np.isnan(block)).sum(axis=0)


def representative(matrix: np.ndarray, labels: np.ndarray, group: int, statements: list[str],
                   limit: int = 5) -> list[RepresentativeStatement]:
    inside, outside = matrix[labels == group], matrix[labels != group]
    na, nd, ns = (x.astype(float) for x in _counts(inside))
    ra_, rd_, rs_ = (x.astype(float) for x in _counts(outside))
    candidates: list[RepresentativeStatement] = []
    for direction, s_in, s_out in (("agree", na, ra_), ("disagree", nd, rd_)):
        p_in, p_out = (s_in + 1) / (ns + 2), (s_out + 1) / (rs_ + 2)
        z_in, z_rest = prop_test(s_in, ns), two_prop_test(s_in, ns, s_out, rs_)
        metric = (p_in / p_out) * z_rest * p_in * z_in
        for i in np.flatnonzero((z_in > Z_90) & (z_rest > Z_90)):
            candidates.append(RepresentativeStatement(
                statements[i], direction, float(p_in[i]), float(p_out[i]), float(z_in[i]), float(z_rest[i]),
                float(metric[i]),
            ))
    candidates.sort(key=lambda r: (-r.metric, r.statement_id))
    return candidates[:limit]


def consensus(matrix: np.ndarray, labels: np.ndarray, statements: list[str], *, threshold: float = 0.6,
              limit: int = 10) -> list[ConsensusStatement]:
    groups = sorted(set(labels.tolist()))
    na, nd, ns = (x.astype(float) for x in _counts(matrix))
    found: list[ConsensusStatement] = []
    for direction, overall in (("agree", na), ("disagree", nd)):
        per_group = []
        for g in groups:
            ga, gd, gs = (x.astype(float) for x in _counts(matrix[labels == g]))
            per_group.append(((ga if direction == "agree" else gd) + 1) / (gs + 2))
        stacked = np.vstack(per_group) if per_group else np.zeros((1, len(statements)))
        informed = np.prod(stacked, axis=0)
        for i in np.flatnonzero(stacked.min(axis=0) >= threshold):
            found.append(ConsensusStatement(statements[i], direction, float(informed[i]),
                                            float((overall[i] + 1) / (ns[i] + 2))))
    found.sort(key=lambda c: (-c.group_informed, c.statement_id))
    return found[:limit]


def find_opinion_groups(
    votes: Sequence[tuple[str, str, int]], *, statements: Sequence[str] | None = None, min_votes: int = 7,
    max_k: int = 5, seed: int = 0,
) -> OpinionResult:
    """Votes are (participant id, statement id, value) with value 1 agree, -1 disagree, 0 pass."""
    vm = VoteMatrix.build(votes, statements)
    n_statements = len(vm.statements)
    needed = min(min_votes, n_statements)
    voted = (~np.isnan(vm.values)).sum(axis=1) if vm.values.size else np.zeros(0)
    in_conv = np.flatnonzero(voted >= max(needed, 1))
    meta: dict[str, object] = {
        "participants": len(vm.participants), "statements": n_statements, "votes": int(voted.sum()),
        "clustered_participants": len(in_conv), "min_votes": needed, "seed": seed,
    }
    if len(in_conv) < 4 or n_statements < 2:
        meta["reason"] = "too few participants or statements to form groups"
        return OpinionResult([], [], {}, meta)
    matrix = vm.values[in_conv]
    coords = project(matrix, seed)
    labels, cluster_meta = cluster(coords, max_k=max_k, seed=seed)
    meta.update(cluster_meta)
    ids = [vm.participants[i] for i in in_conv]
    groups = [
        OpinionGroup(int(g), [ids[i] for i in np.flatnonzero(labels == g)],
                     representative(matrix, labels, int(g), vm.statements))
        for g in sorted(set(labels.tolist()))
    ]
    positions = {pid: (float(x), float(y)) for pid, (x, y) in zip(ids, coords, strict=True)}
    return OpinionResult(groups, consensus(matrix, labels, vm.statements), positions, meta)


def adjusted_rand(a: Sequence[object], b: Sequence[object]) -> float:
    """Adjusted Rand index between two labelings of the same items."""
    from sklearn.metrics import adjusted_rand_score

    return float(adjusted_rand_score(list(map(str, a)), list(map(str, b))))
