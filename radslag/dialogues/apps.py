from django.apps import AppConfig


class DialoguesConfig(AppConfig):
    name = "radslag.dialogues"
    label = "dialogues"

    def ready(self) -> None:
        from radslag.audit.personal_data import register
        from radslag.dialogues.personal_data import HOSTED_TABLES, REGISTRATIONS

        register(REGISTRATIONS)
        register(HOSTED_TABLES)

        from radslag.dialogues.topics import process_topics
        from radslag.messaging.models import Topic
        from radslag.messaging.topics import register as register_topic

        register_topic(Topic.PROCESS, process_topics)
        from radslag.dialogues.newsletter_lists import process_lists
        from radslag.messaging.newsletter_lists import register as register_newsletter_lists

        register_newsletter_lists(process_lists)
