from django.apps import AppConfig


class HelpConfig(AppConfig):
    name = "radslag.help"
    label = "help"
    verbose_name = "Handbook"
