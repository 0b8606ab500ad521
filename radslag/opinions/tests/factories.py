import factory

from radslag.dialogues.tests.factories import ProcessFactory
from radslag.opinions.models import Conversation, Participant, Statement


class ConversationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Conversation

    process = factory.SubFactory(ProcessFactory)
    organisation = factory.SelfAttribute("process.organisation")
    title = factory.Sequence(lambda n: f"Samtal om Nödinge centrum {n}")
    question = "Vad tycker du om mötesplatserna i Nödinge centrum?"
    min_votes = 3


class StatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Statement

    conversation = factory.SubFactory(ConversationFactory)
    text = factory.Sequence(lambda n: f"Biblioteket borde ha öppet längre på kvällarna ({n}).")
    is_seed = True
    status = Statement.Status.ACCEPTED


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    conversation = factory.SubFactory(ConversationFactory)
