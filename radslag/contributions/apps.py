from django.apps import AppConfig


class ContributionsConfig(AppConfig):
    name = "radslag.contributions"
    label = "contributions"
