import factory

from radslag.dialogues.tests.factories import ProcessFactory
from radslag.themes.models import Coding, Theme


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    process = factory.SubFactory(ProcessFactory)
    organisation = factory.SelfAttribute("process.organisation")
    label = factory.Sequence(lambda n: f"Tema {n}")
    keywords = factory.LazyFunction(lambda: ["skola", "buss"])


class CodingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Coding

    theme = factory.SubFactory(ThemeFactory)
    contribution = factory.SubFactory(
        "radslag.contributions.tests.factories.ContributionFactory", process=factory.SelfAttribute("..theme.process")
    )
    source = Coding.Source.MACHINE
    strength = 0.8
