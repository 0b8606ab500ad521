from django.apps import AppConfig


class MessagingConfig(AppConfig):
    name = "radslag.messaging"
    label = "messaging"
