from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "radslag.feedback"
    label = "feedback"

    def ready(self) -> None:
        from radslag.feedback import link_kinds, tracking

        link_kinds.register_all()
        tracking.register()
