"""French that agrees: counts in the singular or plural, a comment "publié" (masculine)."""

import pytest
from django.utils import translation

from moderation.content import ModerationStatus
from tests.moderation.conftest import item_id

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("count", "words"), [(1, "1 contenu approuvé."), (2, "2 contenus approuvés.")])
def test_bulk_approval_counts_in_the_right_number(client, make_comment, youth, staff, count, words):
    items = [make_comment(youth, status=ModerationStatus.PENDING) for _ in range(count)]
    client.force_login(staff)
    response = client.post("/moderation/approve/", {"items": [item_id(i) for i in items]}, follow=True)
    assert words in response.content.decode()


def test_a_published_comment_is_publie():
    # The badge of a comment (un commentaire) and of a récit (un récit): masculine, whichever app's catalogue
    # Django reads first.
    with translation.override("fr"):
        assert str(ModerationStatus.PUBLISHED.label) == "publié"
        assert translation.gettext("published") == "publié"
