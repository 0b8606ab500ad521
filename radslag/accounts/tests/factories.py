import factory

from radslag.accounts.models import Membership, Role, User
from radslag.organisations.tests.factories import OrganisationFactory


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.se")
    display_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.PostGenerationMethodCall("set_password", "lösenord-123")

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.RESIDENT


def user_with_role(organisation, role: str, **kwargs) -> User:
    user = UserFactory.create(**kwargs)
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user
