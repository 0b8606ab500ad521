from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "radslag.core"
    label = "core"

    def ready(self) -> None:
        from radslag.core.stored_files import watch_every_file_field

        watch_every_file_field()
