from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "radslag.core"
    label = "core"
