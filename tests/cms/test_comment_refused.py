"""A refused comment comes back on the activity page as it was typed, with the reason (nothing is lost)."""

import pytest

from cms.models import Comment

pytestmark = pytest.mark.django_db


def test_a_too_long_comment_comes_back_as_typed(client, activities, youth):
    page = activities["members"]
    client.force_login(youth)
    text = "Merci pour la journée ! " * 50  # over 1,000 characters
    response = client.post(f"/activites/{page.pk}/commenter/", {"text": text})
    html = response.content.decode()
    assert response.status_code == 400 and 'role="alert"' in html
    assert f">{text}</textarea>" in html.replace("&#x27;", "'").replace("&amp;", "&")
    assert not Comment.objects.exists()
    assert client.get(page.url).content.decode().count('role="alert"') == 0  # the draft is not kept afterwards


def test_an_outsider_still_gets_404_not_the_page(client, activities, foreign_staff):
    client.force_login(foreign_staff)
    assert client.post(f"/activites/{activities['members'].pk}/commenter/", {"text": "x" * 2000}).status_code == 404
