import factory

from radslag.organisations.models import Body, Locality, Organisation


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Kommun {n}")
    slug = factory.Sequence(lambda n: f"kommun-{n}")
    hostname = factory.Sequence(lambda n: f"kommun{n}.example.se")
    privacy_notice = "Kommunen behandlar uppgifterna för att utföra en uppgift av allmänt intresse."


class LocalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Locality

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Ort {n}")


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Nämnd {n}")
    kind = Body.Kind.COMMITTEE
