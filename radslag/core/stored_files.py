"""A record's files leave storage when the record is deleted.

Django deletes a row but leaves the files its `FileField`s name in storage: a meeting's materials, a
council's attachments and minutes, a compilation's PDF and a decision basis's kept files would stay on
disk after the process, council or meeting they belong to was deleted, where nobody can reach or
destroy them through the interface (and a deletion for data protection would not be one). Every model
with a file field is therefore watched (`watch_every_file_field`, from the core app's `ready`): once a
deletion is committed, each file the deleted row named is removed from storage, unless another row
still names it. A deletion that is rolled back removes nothing, so a failed request never leaves a row
without its file. Deletions by `QuerySet.delete()` and cascades are covered (Django sends the signal
for every row it deletes once anyone listens); raw SQL `DELETE`s are not.
"""

from __future__ import annotations

import logging
from functools import partial
from typing import Any

from django.apps import apps
from django.core.files.storage import Storage
from django.db import models, transaction
from django.db.models.signals import post_delete

logger = logging.getLogger(__name__)


def file_fields(model: type[models.Model]) -> list[models.FileField]:
    return [field for field in model._meta.concrete_fields if isinstance(field, models.FileField)]


def watch_every_file_field() -> None:
    for model in apps.get_models():
        if file_fields(model):
            post_delete.connect(_remove_after_commit, sender=model, weak=False,
                                dispatch_uid=f"radslag-stored-files-{model._meta.label}")


def _remove_after_commit(sender: type[models.Model], instance: models.Model, using: str, **kwargs: Any) -> None:
    for field in file_fields(sender):
        name = getattr(instance, field.attname).name
        if name:
            transaction.on_commit(partial(_remove, sender, field, field.storage, name, using), using=using)


def _remove(model: type[models.Model], field: models.FileField, storage: Storage, name: str, using: str) -> None:
    if model._base_manager.using(using).filter(**{field.attname: name}).exists():
        return  # another row names the same file
    try:
        storage.delete(name)
    except OSError:
        logger.exception("Could not remove %s from storage after its %s was deleted.", name, model._meta.label)
