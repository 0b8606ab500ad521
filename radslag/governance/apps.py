from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "radslag.governance"
    label = "governance"

    def ready(self) -> None:
        from radslag.governance.topics import focus_area_topics
        from radslag.messaging.models import Topic
        from radslag.messaging.topics import register

        register(Topic.FOCUS_AREA, focus_area_topics)
