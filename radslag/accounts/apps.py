from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "radslag.accounts"
    label = "accounts"

    def ready(self) -> None:
        from radslag.accounts.personal_data import ACCOUNT, ROLES
        from radslag.audit.personal_data import register

        register(ACCOUNT)
        register(ROLES)
