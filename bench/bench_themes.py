"""Theme engine benchmark: quality on SIB-200 (ARI, NMI) and speed/memory at scale.

Run alone with `.venv/bin/python bench/bench_themes.py`; `bench/run_all.py` calls `run()`.
"""

from __future__ import annotations

import csv
import random
import resource
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sklearn.cluster import KMeans  # noqa: E402
from sklearn.decomposition import LatentDirichletAllocation  # noqa: E402
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer  # noqa: E402
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score  # noqa: E402

from radslag.analysis.embeddings import available_backends, get_backend  # noqa: E402
from radslag.analysis.themes import TextItem, find_themes  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "themes" / "sib200"
SEED = 20261124


def _load(name: str) -> list[dict[str, str]]:
    with (DATA / f"{name}.tsv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def _mixed() -> list[dict[str, str]]:
    files = sorted(path.stem for path in DATA.glob("*.tsv"))
    by_language = {name: {row["index_id"]: row for row in _load(name)} for name in files}
    rng = random.Random(SEED)
    return [by_language[rng.choice(files)][row["index_id"]] for row in _load("swe_Latn")]


def _scores(truth: list[str], predicted: list[str]) -> str:
    return f"{adjusted_rand_score(truth, predicted):.3f} | {normalized_mutual_info_score(truth, predicted):.3f}"


def _engine(rows: list[dict[str, str]], backend: str, k: int | None) -> str:
    items = [TextItem(id=row["index_id"], text=row["text"]) for row in rows]
    result = find_themes(items, k=k, backend=backend, seed=0)
    labels = {member: theme.key for theme in result.themes for member in theme.members}
    return _scores([row["category"] for row in rows], [labels.get(row["index_id"], "outlier") for row in rows])


def _baselines(rows: list[dict[str, str]]) -> list[tuple[str, str]]:
    texts = [row["text"] for row in rows]
    truth = [row["category"] for row in rows]
    tfidf = TfidfVectorizer(sublinear_tf=True, min_df=2).fit_transform(texts)
    kmeans = KMeans(7, n_init=10, random_state=0).fit_predict(tfidf)
    counts = CountVectorizer(min_df=2).fit_transform(texts)
    lda = LatentDirichletAllocation(7, random_state=0).fit_transform(counts).argmax(axis=1)
    return [("baseline TF-IDF + k-means (k=7)", _scores(truth, list(map(str, kmeans)))),
            ("baseline LDA (k=7)", _scores(truth, list(map(str, lda))))]  # fmt: skip


def _quality() -> list[str]:
    lines = ["| set | method | ARI | NMI |", "| --- | --- | --- | --- |"]
    for set_name, rows in (("Swedish", _load("swe_Latn")), ("mixed, 15 languages", _mixed())):
        for backend in available_backends():
            for k in (7, None):
                lines.append(f"| {set_name} | {backend}, k={k or 'auto'} | {_engine(rows, backend, k)} |")
        lines.extend(f"| {set_name} | {name} | {scores} |" for name, scores in _baselines(rows))
    return lines


def _speed() -> list[str]:
    rows = _load("swe_Latn")
    lines = ["| texts | backend | stored vectors | seconds | peak RSS MiB |", "| --- | --- | --- | --- | --- |"]
    base = get_backend("lexical").embed([r["text"] for r in rows], ["sv"] * len(rows))
    rng = np.random.default_rng(0)
    for size in (1_000, 10_000, 100_000):
        picks = rng.integers(0, len(rows), size)
        items = [TextItem(id=str(n), text=rows[i]["text"], language="sv") for n, i in enumerate(picks)]
        noise = 0.01 * rng.normal(size=(size, base.shape[1]))
        stored = {item.id: base[i] + noise[n] for n, (item, i) in enumerate(zip(items, picks, strict=True))}
        runs = [("lexical", None), ("lexical", stored)] if size <= 10_000 else [("lexical", stored)]
        for backend, precomputed in runs:
            started = time.perf_counter()
            find_themes(items, k=None, backend=backend, seed=0, precomputed=precomputed)
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            lines.append(f"| {size:,} | {backend} | {'yes' if precomputed else 'no'} | "
                         f"{time.perf_counter() - started:.1f} | {peak:.0f} |")  # fmt: skip
    return lines


def run() -> str:
    """The benchmark's Markdown section."""
    if not DATA.is_dir():
        return "## Themes\n\nSkipped: SIB-200 data not found at ../shared/data/themes/sib200.\n"
    parts = ["## Themes", "", "Quality on SIB-200 (702 ids, 7 topics), outliers counted as their own group:", ""]
    parts += _quality()
    parts += ["", "Speed and memory (resampled SIB-200 sentences; peak RSS is the process's high-water mark):", ""]
    parts += _speed()
    return "\n".join(parts) + "\n"


if __name__ == "__main__":
    print(run())
