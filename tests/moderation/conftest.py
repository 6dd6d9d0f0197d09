"""Fixtures of the moderation suites: comments on the home page, reporters, a safeguarding lead."""

import pytest

from associations.models import Membership, Role
from cms.models import Comment
from moderation.content import ModerationStatus
from tests.factories import member_of


@pytest.fixture
def make_comment(site_tree):
    def make(author, *, text="Super activité, merci à tous !", status=ModerationStatus.PUBLISHED, **fields):
        membership = Membership.objects.get(user=author)
        return Comment.objects.create(
            page=site_tree,
            author=author,
            association=membership.association,
            section=membership.section,
            text=text,
            status=status,
            **fields,
        )

    return make


@pytest.fixture
def comment(make_comment, youth):
    """A published comment by `youth` (Bamako)."""
    return make_comment(youth, text="Le stage de couture commence lundi.")


@pytest.fixture
def reporters(bamako):
    """Three more youths of Bamako, enough to reach the default threshold."""
    return [member_of(bamako, Role.YOUTH, username=f"reporter{n}", display_name=f"Témoin {n}") for n in range(1, 4)]


@pytest.fixture
def lead(bamako):
    """A Bamako educator who is the association's safeguarding lead."""
    user = member_of(bamako, Role.STAFF, username="lead", display_name="Référente protection", birth_year=1980)
    Membership.objects.filter(user=user).update(is_safeguarding_lead=True)
    return user


def item_id(item) -> str:
    return f"{item._meta.label_lower}:{item.pk}"
