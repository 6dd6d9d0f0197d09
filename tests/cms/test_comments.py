"""Comments on activities: who may comment, pre-moderation, escaping, what others see."""

import pytest

from cms.models import Comment

pytestmark = pytest.mark.django_db


def post(client, page, text):
    return client.post(f"/activites/{page.pk}/commenter/", {"text": text})


def test_youth_comment_waits_and_only_author_and_staff_see_it(client, activities, youth, other_youth, staff):
    page = activities["members"]
    client.force_login(youth)
    assert post(client, page, "Bravo à tous").status_code == 302
    comment = Comment.objects.get()
    assert comment.status == "pending" and comment.association_id == page.association_id
    assert "Bravo à tous" in client.get(page.url).content.decode()
    client.force_login(staff)
    assert "Bravo à tous" in client.get(page.url).content.decode()
    client.force_login(other_youth)
    html = client.get(page.url).content.decode()
    assert "Bravo à tous" not in html and "Commentaires (0)" in html


def test_published_comments_are_counted_and_listed(client, activities, association, youth, other_youth):
    association.premoderate_youth = False
    association.save()
    page = activities["public"]
    client.force_login(youth)
    post(client, page, "Super journée")
    client.logout()
    html = client.get(page.url).content.decode()
    assert "Super journée" in html and "Commentaires (1)" in html
    assert "commentaires : 1" in client.get("/imaj/activites/").content.decode()


def test_text_is_escaped_and_links_not_clickable(client, activities, association, youth):
    association.premoderate_youth = False
    association.save()
    client.force_login(youth)
    post(client, activities["public"], '<script>alert(1)</script> voir https://exemple.org <a href="x">y</a>')
    html = client.get(activities["public"].url).content.decode()
    assert "&lt;script&gt;" in html and "<script>alert" not in html
    assert 'href="https://exemple.org"' not in html and 'href="x"' not in html


@pytest.mark.parametrize("who", ["visitor", "member", "foreign_staff"])
def test_outsiders_cannot_comment(client, activities, who, member, foreign_staff):
    user = {"visitor": None, "member": member, "foreign_staff": foreign_staff}[who]
    if user:
        client.force_login(user)
    for page in (activities["public"], activities["members"], activities["pending"]):
        response = post(client, page, "Hello")
        assert response.status_code in {302, 404}
    assert not Comment.objects.exists()


def test_too_long_or_empty_comment(client, activities, youth):
    client.force_login(youth)
    post(client, activities["members"], "x" * 1001)
    post(client, activities["members"], "   ")
    assert not Comment.objects.exists()


def test_comment_on_hidden_activity_is_refused(client, activities, youth):
    client.force_login(youth)
    assert post(client, activities["pending"], "Hello").status_code == 404
    assert not Comment.objects.exists()
