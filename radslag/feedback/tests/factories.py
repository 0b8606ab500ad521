import factory

from radslag.feedback.models import Answer, AnswerStatus
from radslag.themes.tests.factories import ThemeFactory


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Answer

    theme = factory.SubFactory(ThemeFactory)
    process = factory.SelfAttribute("theme.process")
    organisation = factory.SelfAttribute("theme.organisation")
    status = AnswerStatus.INVESTIGATING
    text = "Kommunen utreder hur fler mötesplatser kan öppna på kvällarna."
