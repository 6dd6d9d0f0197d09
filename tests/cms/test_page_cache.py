"""Visitors' pages cached whole (config/pagecache.py), members' lists cached per audience, both forgotten at
once when content changes; Cache-Control says which is which; query counts pinned (issue 16)."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from cms.models import Comment, Visibility
from moderation.services.decisions import item_decide
from tests.cms.conftest import publish_as_staff
from tests.cms.test_budgets import add_activities, add_comments, add_photos
from tests.events.conftest import make_event  # noqa: F401  (fixture)
from tests.test_redis_outage import redis_down  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

# Here (no poll, no event): session, user, memberships, home page, activities (cached per audience: 0),
# awaiting reports, events, notifications (cached: 0)... The bench's demo data: home 8, activity page 7.
HOME_YOUTH_QUERIES = 7
ACTIVITY_YOUTH_QUERIES = 8


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response


def test_a_visitor_gets_the_cached_page_without_a_query(tree, bamako, staff):
    publish_as_staff(staff, bamako, visibility=Visibility.PUBLIC, title="Fête publique")
    visitor = Client()
    first = get(visitor, "/")
    assert first["X-Page-Cache"] == "miss"
    assert first["Cache-Control"] == "public, max-age=0"
    assert "Cookie" in first["Vary"] and "Accept-Language" in first["Vary"]
    assert "csrfmiddlewaretoken" not in first.content.decode()
    with CaptureQueriesContext(connection) as queries:
        second = get(visitor, "/")
    assert second["X-Page-Cache"] == "hit" and len(queries) == 0
    assert second.content == first.content and "Fête publique" in second.content.decode()


def test_each_language_has_its_own_copy(tree):
    french = get(Client(HTTP_ACCEPT_LANGUAGE="fr"), "/").content.decode()
    english = get(Client(HTTP_ACCEPT_LANGUAGE="en"), "/").content.decode()
    assert 'lang="fr"' in french and 'lang="en"' in english


def test_a_member_never_gets_the_visitors_page(tree, youth):
    get(Client(), "/")
    assert get(Client(), "/")["X-Page-Cache"] == "hit"
    member = Client()
    member.force_login(youth)
    page = get(member, "/")
    assert "X-Page-Cache" not in page
    assert page["Cache-Control"] == "private, no-cache"
    assert youth.public_name in page.content.decode()


def test_pages_with_a_csrf_token_or_a_cookie_are_not_shared(tree):
    visitor = Client()
    login = get(visitor, "/accounts/login/")
    assert "csrfmiddlewaretoken" in login.content.decode()
    assert "public" not in login["Cache-Control"]
    again = get(visitor, "/accounts/login/")  # now with the CSRF cookie: the token still is this visitor's
    assert again.get("X-Page-Cache") != "hit" and "public" not in again["Cache-Control"]
    other = Client()
    assert other.get("/accounts/login/").get("X-Page-Cache") != "hit"


def test_the_visitors_language_switch_works_without_a_token(tree):
    visitor = Client(enforce_csrf_checks=True)
    response = visitor.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302 and visitor.cookies["ton_language"].value == "en"


def test_a_members_language_switch_still_needs_its_token(tree, youth):
    member = Client(enforce_csrf_checks=True)
    member.force_login(youth)
    assert member.post("/i18n/setlang/", {"language": "en", "next": "/"}).status_code == 403


def test_publish_hide_and_event_change_are_seen_at_once(
    tree,
    bamako,
    staff,
    youth,
    other_youth,
    leader,
    make_event,  # noqa: F811
):
    visitor, member = Client(), Client()
    member.force_login(youth)
    event = make_event(title="Atelier CV")
    first = publish_as_staff(staff, bamako, visibility=Visibility.PUBLIC, title="Première fête")
    for client in (visitor, member):
        get(client, "/")
        get(client, first.url)
    assert get(visitor, "/")["X-Page-Cache"] == "hit"

    # Publish: visitor and member see the new activity on the home page at once.
    publish_as_staff(staff, bamako, visibility=Visibility.PUBLIC, title="Nouvelle fête")
    assert "Nouvelle fête" in get(visitor, "/").content.decode()
    assert "Nouvelle fête" in get(member, "/").content.decode()

    # A moderation decision hides a comment: gone for both at once.
    Comment.objects.create(page=first, author=other_youth, association=first.association, text="Super fête !")
    comment = Comment.objects.get(text="Super fête !")
    comment.status = "published"
    comment.save()
    assert "Super fête" in get(visitor, first.url).content.decode()
    assert "Super fête" in get(member, first.url).content.decode()
    item_decide(actor=staff, item_id=f"cms.comment:{comment.pk}", action="hide", reason="Hors sujet")
    assert "Super fête" not in get(visitor, first.url).content.decode()
    assert "Super fête" not in get(member, first.url).content.decode()

    # An event changes: the member's home shows the new title at once.
    assert "Atelier CV" in get(member, "/").content.decode()
    event.title = "Atelier entretien"
    event.save()
    assert "Atelier entretien" in get(member, "/").content.decode()

    # Unpublish: the page is gone and the home page forgets it.
    first.unpublish()
    assert visitor.get(first.url).status_code in {302, 404}
    assert "Première fête" not in get(visitor, "/").content.decode()


def test_nothing_is_served_from_the_cache_while_redis_is_down(redis_down, tree):  # noqa: F811
    visitor = Client()
    responses = [visitor.get("/") for _ in range(3)]
    assert [r.status_code for r in responses] == [200, 200, 200]
    assert all(r.get("X-Page-Cache") != "hit" for r in responses)


def count(client, url):
    get(client, url)  # warm the per-process and audience caches, as a running server has them
    with CaptureQueriesContext(connection) as queries:
        get(client, url)
    return len(queries)


def test_member_pages_cost_a_fixed_small_number_of_queries(tree, bamako, youth, other_youth):
    member = Client()
    member.force_login(youth)
    add_activities(tree, bamako, youth, 2)
    page = tree.get_children().live().first().specific
    add_photos(page, youth, 1)
    add_comments(page, other_youth, 2)
    small = (count(member, "/"), count(member, page.url))
    add_activities(tree, bamako, youth, 18, start=2)
    add_photos(page, youth, 9)
    add_comments(page, other_youth, 18)
    large = (count(member, "/"), count(member, page.url))
    assert small == large == (HOME_YOUTH_QUERIES, ACTIVITY_YOUTH_QUERIES)


def test_nothing_is_cached_when_workers_share_no_cache(settings, tree):
    # Production without Redis: each worker's memory would miss the others' invalidations.
    settings.CACHE_IS_SHARED = False
    visitor = Client()
    responses = [get(visitor, "/") for _ in range(2)]
    assert all(r.get("X-Page-Cache") != "hit" for r in responses)
    assert responses[1]["Cache-Control"] == "public, max-age=0"
