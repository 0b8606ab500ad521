from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "radslag.organisations"
    label = "organisations"
