from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "radslag.core"
    label = "core"

    def ready(self) -> None:
        from radslag.core import lookups  # noqa: F401  (registers the integer `in` look-up)
        from radslag.core.stored_files import watch_every_file_field

        watch_every_file_field()
