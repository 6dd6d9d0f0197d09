"""One rule for members' names: first name and initial to other members and visitors, the full name to the
member and the staff of their site only (members enrolled from a CSV are minors with full names)."""

import pytest

from associations.models import Role, short_name
from associations.presenters import member_name
from cms.models import Comment
from moderation.content import ModerationStatus
from tests.cms.conftest import _media, publish_as_staff, tree  # noqa: F401 (fixtures)
from tests.factories import member_of

pytestmark = pytest.mark.django_db

FULL, SHORT = "Fanta Sidibé", "Fanta S."


@pytest.fixture
def fanta(bamako):
    """As the CSV import enrols a youth: her full name in `display_name`."""
    return member_of(bamako, Role.YOUTH, username="fanta.sidibe", display_name=FULL, birth_year=2011)


def test_short_name():
    assert short_name("Fanta Sidibé") == "Fanta S."
    assert short_name("  Mamadou Lamine   diarra ") == "Mamadou D."
    assert short_name("Awa K.") == "Awa K." and short_name("Moussa") == "Moussa" and short_name("") == ""


def test_who_sees_the_full_name(fanta, other_youth, leader, staff, kita_staff, foreign_staff, admin):
    assert member_name(None, fanta) == SHORT
    for viewer in (other_youth, leader, kita_staff, foreign_staff):
        assert member_name(viewer, fanta) == SHORT
    for viewer in (fanta, staff, admin):
        assert member_name(viewer, fanta) == FULL


@pytest.mark.parametrize(("viewer", "expected"), [("other_youth", SHORT), ("staff", FULL), ("kita_staff", SHORT)])
def test_directory_and_api(client, api_client, request, fanta, viewer, expected):
    user = request.getfixturevalue(viewer)
    client.force_login(user)
    html = client.get("/membres/?section=all&page_size=100").content.decode()
    assert expected in html
    if expected == SHORT:
        assert FULL not in html
    api_client.force_authenticate(user)
    rows = api_client.get("/api/v1/members/?page_size=100").json()["results"]
    assert expected in [row["display_name"] for row in rows]
    assert FULL not in str(rows) if expected == SHORT else True


def test_header_shows_the_member_their_own_full_name(client, fanta):
    client.force_login(fanta)
    assert f'<span class="who">{FULL}</span>' in client.get("/mon-espace/").content.decode()


@pytest.mark.parametrize(("viewer", "expected"), [("other_youth", SHORT), ("staff", FULL), ("kita_staff", SHORT)])
def test_comments(client, request, tree, bamako, staff, fanta, viewer, expected):  # noqa: F811
    page = publish_as_staff(staff, bamako)
    Comment.objects.create(
        page=page,
        author=fanta,
        association=bamako.association,
        section=bamako,
        text="Bravo",
        status=ModerationStatus.PUBLISHED,
    )
    client.force_login(request.getfixturevalue(viewer))
    html = client.get(page.url).content.decode()
    assert "Bravo" in html and expected in html
    if expected == SHORT:
        assert FULL not in html
    client.logout()
    assert FULL not in client.get(page.url).content.decode()
