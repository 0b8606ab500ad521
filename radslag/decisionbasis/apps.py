from django.apps import AppConfig


class DecisionBasisConfig(AppConfig):
    name = "radslag.decisionbasis"
    label = "decisionbasis"

    def ready(self) -> None:
        from radslag.audit.personal_data import register
        from radslag.decisionbasis import builtin_parts, forum_parts, links, overview
        from radslag.decisionbasis.personal_data import DECISION_BASES

        builtin_parts.register()
        forum_parts.register()
        links.register()
        overview.register_overview_section()
        register(DECISION_BASES)
