from django.apps import AppConfig


class ThemesConfig(AppConfig):
    name = "radslag.themes"
    label = "themes"
