"""Keeps the vector index current: a contribution's vector is computed after it is saved.

Vectors are an index, like a search index, so a signal is the right place (see ../shared/STYLE.md).
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.db import transaction

from radslag.contributions.models import Contribution
from radslag.themes.vectors import index_backend_name

logger = logging.getLogger(__name__)
TEXT_FIELDS = {"body", "published_body", "language"}  # what `Contribution.public_text` and its vector read


def queue_vector(sender: type[Contribution], instance: Contribution, raw: bool = False, **kwargs: Any) -> None:
    """After commit, store the contribution's vector when a fixed-model backend is configured.

    Only with a task queue: inline (the embedded default) the model would run inside the resident's
    request, and an analysis run embeds whatever is missing anyway.
    """
    if raw or (settings.CELERY_TASK_ALWAYS_EAGER and not settings.RADSLAG_THEMES_INDEX_INLINE):
        return
    update_fields = kwargs.get("update_fields")
    if update_fields is not None and not set(update_fields) & TEXT_FIELDS:
        return  # a status or moderation save: the text the vector is made from did not change
    if index_backend_name() == "lexical":
        return
    contribution_id = instance.pk
    transaction.on_commit(lambda: _queue(contribution_id))


def _queue(contribution_id: int) -> None:
    """A failing index (model, broker) must never fail the save that triggered it; a run embeds what is missing."""
    from radslag.themes.tasks import embed_contribution

    try:
        embed_contribution.delay(contribution_id)
    except Exception:  # the index is rebuilt by the next analysis run anyway
        logger.exception("Could not store the vector of contribution %s", contribution_id)
