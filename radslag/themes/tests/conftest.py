"""Fixtures for the themes tests: a process with contributions on three topics (schools, buses, parks), and a
fixed-model backend stand-in whose vectors follow those topics, so that tests of the app's logic do not depend
on how the engine's own backends are tuned."""

import hashlib

import numpy as np
import pytest

from radslag.analysis import embeddings
from radslag.contributions.tests.factories import ContributionFactory
from radslag.dialogues.tests.factories import ProcessFactory
from radslag.themes.tests.corpus import BUS, PARK, SCHOOL

TOPIC_STEMS = (
    ("skol", "lär", "elev", "klass"),
    ("buss", "kollektivtrafik", "tåg", "pendel", "avgång", "resenär", "hållplats"),
    ("park", "lekplats", "grönsk", "träd", "natur", "bänk", "skog", "plantering", "gräs", "grönområd"),
)


class TopicBackend:
    """A stable backend: one dimension per topic (stem counts) plus a little text-specific noise.
    Records every text it embeds, so tests can see what was embedded again."""

    name = "topics"
    stable = True

    def __init__(self):
        self.embedded = []

    def embed(self, texts, languages, progress=None):
        self.embedded.extend(texts)
        return embeddings.normalise_rows(np.array([self._vector(text) for text in texts], dtype=np.float32))

    @staticmethod
    def _vector(text):
        words = text.lower().split()
        topics = [sum(any(stem in word for stem in stems) for word in words) for stems in TOPIC_STEMS]
        digest = hashlib.sha256(text.encode()).digest()
        noise = [byte / 255 * 0.3 for byte in digest[:5]]
        return [*topics, *noise]


@pytest.fixture
def topic_backend(monkeypatch, settings):
    backend = TopicBackend()
    monkeypatch.setitem(embeddings._BACKENDS, "topics", backend)
    monkeypatch.setattr("radslag.themes.vectors.available_backends", lambda: ["lexical", "topics"])
    settings.RADSLAG_THEMES_BACKEND = "topics"
    return backend


@pytest.fixture
def process(org):
    return ProcessFactory(organisation=org, slug="ale-framtid", title="Ale i framtiden")


@pytest.fixture
def corpus(process):
    """24 published contributions, eight per topic, returned by topic."""
    return {
        name: [ContributionFactory(process=process, body=text) for text in texts]
        for name, texts in (("school", SCHOOL), ("bus", BUS), ("park", PARK))
    }
