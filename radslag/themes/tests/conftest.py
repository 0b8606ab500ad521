"""A process with contributions on three topics (schools, buses, parks) for the themes tests."""

import pytest

from radslag.contributions.tests.factories import ContributionFactory
from radslag.dialogues.tests.factories import ProcessFactory
from radslag.themes.tests.corpus import BUS, PARK, SCHOOL


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
