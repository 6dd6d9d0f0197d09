import factory
from django.contrib.auth import get_user_model

from associations.models import Association, Membership, Role, Section

PASSWORD = "un-mot-de-passe-solide"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"member{n}")
    display_name = factory.Sequence(lambda n: f"Membre {n}")
    birth_year = 2008
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class AssociationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Association
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Association {n}")
    slug = factory.Sequence(lambda n: f"association-{n}")


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section
        django_get_or_create = ("association", "slug")

    association = factory.SubFactory(AssociationFactory)
    name = factory.Sequence(lambda n: f"Site {n}")
    slug = factory.Sequence(lambda n: f"site-{n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    section = factory.SubFactory(SectionFactory)
    association = factory.SelfAttribute("section.association")
    role = Role.YOUTH


def member_of(section: Section, role: str = Role.YOUTH, **user_fields):
    """A user with a membership of `role` in `section`'s association."""
    user = UserFactory(**user_fields)
    MembershipFactory(user=user, section=section, role=role)
    return user
