from django.apps import AppConfig


class OpinionsConfig(AppConfig):
    name = "radslag.opinions"
    label = "opinions"
