import factory

from radslag.contributions.models import Channel, Contribution
from radslag.dialogues.tests.factories import ProcessFactory


class ContributionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contribution

    process = factory.SubFactory(ProcessFactory)
    organisation = factory.SelfAttribute("process.organisation")
    channel = Channel.WEB
    body = factory.Sequence(lambda n: f"Det behövs fler mötesplatser för unga i Nödinge ({n}).")
    status = Contribution.Status.PUBLISHED
