"""Fixtures for the contributions tests: a published process of the test municipality."""

import pytest

from radslag.dialogues.tests.factories import ActivityFactory, ProcessFactory, TableFactory
from radslag.organisations.tests.factories import LocalityFactory


@pytest.fixture
def process(org):
    return ProcessFactory(organisation=org, slug="motesplatser", input_question="Vad gör en mötesplats bra?")


@pytest.fixture
def locality(org):
    return LocalityFactory(organisation=org, name="Nödinge")


@pytest.fixture
def activity(process):
    return ActivityFactory(process=process, title="Dialogkväll i Nödinge")


@pytest.fixture
def table(activity):
    return TableFactory(activity=activity, name="Bord 3")
