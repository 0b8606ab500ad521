from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "radslag.audit"
    label = "audit"

    def ready(self) -> None:
        from radslag.audit.personal_data import register
        from radslag.audit.personal_data_kinds import AUDIT_EVENTS, ERASURE_REQUESTS

        register(AUDIT_EVENTS)
        register(ERASURE_REQUESTS)
