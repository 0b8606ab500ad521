from django.apps import AppConfig


class WorkgroupsConfig(AppConfig):
    name = "radslag.workgroups"
    label = "workgroups"

    def ready(self) -> None:
        from radslag.audit.personal_data import register
        from radslag.workgroups.personal_data import GROUP_MEMBERSHIPS, GROUP_NOTES

        register(GROUP_MEMBERSHIPS)
        register(GROUP_NOTES)
