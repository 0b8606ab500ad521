from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "radslag.governance"
    label = "governance"
