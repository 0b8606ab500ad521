from django.apps import AppConfig


class DecisionBasisConfig(AppConfig):
    name = "radslag.decisionbasis"
    label = "decisionbasis"

    def ready(self) -> None:
        from radslag.decisionbasis import builtin_parts, links

        builtin_parts.register()
        links.register()
