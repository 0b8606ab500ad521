from django.apps import AppConfig


class DialoguesConfig(AppConfig):
    name = "radslag.dialogues"
    label = "dialogues"
