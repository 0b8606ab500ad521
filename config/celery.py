"""Celery application. Tasks run eagerly when no broker is configured (embedded default)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")

app = Celery("radslag")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
if app.conf.task_always_eager and not app.conf.broker_url:
    # An eager task still takes a producer from the broker's pool; with no broker named, kombu would warn
    # that it guesses "localhost" each time a process first queues a task. Nothing is ever sent there.
    app.conf.broker_url = "memory://localhost/"
