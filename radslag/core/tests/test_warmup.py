"""The gunicorn master's warm-up: every URL and template loaded before the workers fork."""

import sys

from django.template import engines
from django.urls import get_resolver

from radslag.core.warmup import template_names, warm_up


def test_warming_up_compiles_every_template_and_loads_the_urls_without_the_database() -> None:
    # No database fixture: any query, or a connection opened in the master, would fail this test.
    loaded = warm_up()

    names = template_names()
    assert len(names) > 100
    assert "base.html" in names
    assert loaded["templates"] == len(names)  # each compiles on its own, so none waits for its first request
    assert get_resolver()._populated
    assert "radslag.proposals.views" in sys.modules  # the views come with the URLs
    cached_loader = engines["django"].engine.template_loaders[0]
    assert cached_loader.get_template_cache, "the compiled templates are kept, to be shared by the workers"
