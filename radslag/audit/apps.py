from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "radslag.audit"
    label = "audit"
