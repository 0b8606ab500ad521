from django.apps import AppConfig
from django.db.models.signals import post_save


class ThemesConfig(AppConfig):
    name = "radslag.themes"
    label = "themes"

    def ready(self) -> None:
        from radslag.contributions.models import Contribution
        from radslag.themes.signals import queue_vector

        post_save.connect(queue_vector, sender=Contribution, dispatch_uid="themes.queue_vector")
