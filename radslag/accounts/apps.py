from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "radslag.accounts"
    label = "accounts"
