"""Stored vectors: computed once per contribution for fixed-model backends and reused by runs."""

import numpy as np
import pytest

from radslag.analysis import embeddings
from radslag.contributions.tests.factories import ContributionFactory
from radslag.themes.models import AnalysisRun, ContributionVector
from radslag.themes.runs import execute_run, start_analysis

pytestmark = pytest.mark.django_db


class CountingBackend:
    """A fixed-model backend stand-in: a vector from the words of the text, counting what it embeds."""

    name = "counting"
    stable = True

    def __init__(self):
        self.embedded = []

    def embed(self, texts, languages, progress=None):
        self.embedded.extend(texts)
        rows = []
        for text in texts:
            words = text.lower().split()
            rows.append([sum(w.startswith(stem) for w in words) + 0.01 for stem in ("skol", "buss", "park", "lär")])
        return embeddings.normalise_rows(np.array(rows, dtype=np.float32))


@pytest.fixture
def backend(monkeypatch, settings):
    fake = CountingBackend()
    monkeypatch.setitem(embeddings._BACKENDS, "counting", fake)
    monkeypatch.setattr("radslag.themes.vectors.available_backends", lambda: ["lexical", "counting"])
    settings.RADSLAG_THEMES_BACKEND = "counting"
    return fake


def test_a_new_contribution_gets_its_vector_after_commit(process, backend, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        contribution = ContributionFactory(process=process, body="Skolan behöver lärare")
    stored = ContributionVector.objects.get(contribution=contribution, backend="counting")
    assert stored.as_array().shape == (4,)
    assert backend.embedded == ["Skolan behöver lärare"]


def test_no_vector_is_stored_for_the_lexical_backend(process, settings, django_capture_on_commit_callbacks):
    settings.RADSLAG_THEMES_BACKEND = "lexical"
    with django_capture_on_commit_callbacks(execute=True):
        ContributionFactory(process=process)
    assert not ContributionVector.objects.exists()


def test_a_run_reuses_stored_vectors_and_stores_the_missing(process, staff, backend, corpus):
    first = corpus["school"][0]
    ContributionVector.objects.create(
        contribution=first, backend="counting", text_hash=embeddings.text_key(first.public_text), dimensions=4,
        vector=ContributionVector.pack(np.array([1, 0, 0, 0], dtype=np.float32)),
    )
    run = execute_run(start_analysis(process=process, user=staff, backend="counting", k=3).pk)
    assert run.status == AnalysisRun.Status.DONE
    assert len(backend.embedded) == 23
    assert ContributionVector.objects.filter(backend="counting").count() == 24
    backend.embedded.clear()
    execute_run(start_analysis(process=process, user=staff, backend="counting", k=3).pk)
    assert backend.embedded == []


def test_a_changed_text_is_embedded_again(process, staff, backend, corpus):
    execute_run(start_analysis(process=process, user=staff, backend="counting", k=3).pk)
    edited = corpus["park"][0]
    edited.published_body = "Parken behöver fler bänkar"
    edited.save()
    backend.embedded.clear()
    execute_run(start_analysis(process=process, user=staff, backend="counting", k=3).pk)
    assert backend.embedded == ["Parken behöver fler bänkar"]
