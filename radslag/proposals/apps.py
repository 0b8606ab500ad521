from django.apps import AppConfig


class ProposalsConfig(AppConfig):
    name = "radslag.proposals"
    label = "proposals"

    def ready(self) -> None:
        from radslag.audit.personal_data import register
        from radslag.messaging import topics
        from radslag.messaging.models import Topic
        from radslag.proposals.focus_areas import register_kind
        from radslag.proposals.personal_data import PROPOSALS, SUPPORTS
        from radslag.proposals.queries import proposal_topics
        from radslag.proposals.what_happened import register as register_what_happened

        register(PROPOSALS)
        register(SUPPORTS)
        topics.register(Topic.PROPOSAL, proposal_topics)
        register_kind()
        register_what_happened()
