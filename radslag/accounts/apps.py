from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "radslag.accounts"
    label = "accounts"

    def ready(self) -> None:
        from allauth.mfa.signals import authenticator_added

        from radslag.accounts import checks  # noqa: F401  (registers the system checks)
        from radslag.accounts.personal_data import ACCOUNT, ROLES
        from radslag.accounts.second_factor import record_activation_as_second_factor
        from radslag.audit.personal_data import register

        authenticator_added.connect(record_activation_as_second_factor, dispatch_uid="radslag-totp-activated")
        register(ACCOUNT)
        register(ROLES)
