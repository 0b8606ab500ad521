"""Celery application. Tasks run eagerly when no broker is configured (embedded default)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")

app = Celery("radslag")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
