from django.apps import AppConfig


class VotingConfig(AppConfig):
    name = "radslag.voting"
    label = "voting"

    def ready(self) -> None:
        from radslag.audit.personal_data import register
        from radslag.voting.personal_data import BALLOTS_CAST

        register(BALLOTS_CAST)
