from django.apps import AppConfig


class VotingConfig(AppConfig):
    name = "radslag.voting"
    label = "voting"
