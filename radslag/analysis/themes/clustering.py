"""Grouping vectors into themes and choosing how many themes there are.

The vectors are centred (embeddings share a large common direction that says nothing about
topic), reduced with PCA to at most 20 dimensions and normalised again. On that space:

- ``kmeans``: spherical k-means (k-means on unit vectors), used for the lexical backend.
- ``spectral``: a 15-nearest-neighbour graph, its spectral embedding, then k-means on the first k
  eigenvectors; used for sentence-embedding backends, where it follows topics better.

Both fit on a deterministic sample of at most `SAMPLE_SIZE` texts; the rest go to the nearest
centroid, so 100,000 texts cost little more than 3,000.

Choosing k (when not given): for every k in `K_RANGE` the sample is clustered with three seeds.
Stability is the mean adjusted Rand index between those three runs; quality is the silhouette
(cosine) of the first run. The chosen k has the highest silhouette among the stable ones
(stability >= `MIN_STABILITY`); when none is stable, the highest silhouette overall.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

import numpy as np
from scipy.sparse.csgraph import connected_components
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
from sklearn.manifold import spectral_embedding
from sklearn.metrics import adjusted_rand_score, silhouette_score
from sklearn.neighbors import kneighbors_graph
from threadpoolctl import threadpool_limits

from radslag.analysis.embeddings import ProgressCallback, normalise_rows

SAMPLE_SIZE = 3000
REDUCED_DIMENSIONS = 20
NEIGHBOURS = 15
K_RANGE = (3, 15)
MIN_STABILITY = 0.6
STABILITY_SEEDS = 3


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
        k, selection = _choose_k(features, spectral, space[sample], seed, progress)
    else:
        k = max(1, min(k, len(sample)))
        selection = {"rule": "given", "k": k}
    selection["method"] = "spectral" if spectral else "kmeans"
    sample_labels = _kmeans(features, spectral, k, seed)
    centroids = centroids_of(space[sample], sample_labels, k)
    labels = np.argmax(space @ centroids.T, axis=1)
    labels[sample] = sample_labels
    return Clustering(labels=labels, centroids=centroids_of(space, labels, k), space=space, k=k, selection=selection)


def _sample(count: int, seed: int) -> np.ndarray:
    if count <= SAMPLE_SIZE:
        return np.arange(count)
    return np.sort(np.random.default_rng(seed).choice(count, SAMPLE_SIZE, replace=False))


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
    features: np.ndarray, spectral: bool, space: np.ndarray, seed: int, progress: ProgressCallback | None
) -> tuple[int, dict[str, object]]:
    low, high = K_RANGE
    high = min(high, max(low, len(space) // 4))
    if len(space) < 2 * low:
        return 1, {"rule": "too few texts to split", "k": 1}
    silhouettes: dict[int, float] = {}
    stabilities: dict[int, float] = {}
    for k in range(low, high + 1):
        runs = [_kmeans(features, spectral, k, seed + offset, n_init=2) for offset in range(STABILITY_SEEDS)]
        stabilities[k] = float(np.mean([adjusted_rand_score(a, b) for a, b in combinations(runs, 2)]))
        silhouettes[k] = float(silhouette_score(space, runs[0], metric="cosine")) if len(set(runs[0])) > 1 else -1.0
        if progress:
            progress((k - low + 1) / (high - low + 1), "choosing the number of themes")
    stable = [k for k in silhouettes if stabilities[k] >= MIN_STABILITY] or list(silhouettes)
    chosen = max(stable, key=lambda k: (round(silhouettes[k], 4), -k))
    return chosen, {
        "rule": f"highest silhouette among k in {low}..{high} with stability >= {MIN_STABILITY} "
        f"(mean ARI across {STABILITY_SEEDS} seeds); highest silhouette if none is stable",
        "k": chosen,
        "silhouette": {str(k): round(v, 4) for k, v in silhouettes.items()},
        "stability": {str(k): round(v, 4) for k, v in stabilities.items()},
    }
