"""Leak tests: a pending, a rejected and a members-only activity must not show through any channel."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser

from associations.models import Notification
from cms.models import ActivityPage
from cms.rules import can_view_activity

pytestmark = pytest.mark.django_db

HIDDEN_FROM_VISITORS = ["members", "pending", "rejected"]
NEVER_SHOWN = ["pending", "rejected"]


def viewers(youth, foreign_staff, member):
    return {"visitor": None, "member of nothing": member, "other association": foreign_staff, "member": youth}


def _login(client, user):
    client.logout()
    if user is not None:
        client.force_login(user)


def _photo_urls(html: str) -> list[str]:
    return re.findall(r'(/activites/photo/[^" ]+)', html)


def test_page_url(client, activities, youth, other_youth, foreign_staff, member, staff):
    expectations = {
        None: {"public"},
        member: {"public"},
        foreign_staff: {"public"},
        other_youth: {"public", "members"},
        staff: {"public", "members"},
    }
    for user, allowed in expectations.items():
        _login(client, user)
        for name, page in activities.items():
            response = client.get(f"/home/imaj/activites/{page.slug}/".replace("/home", ""))
            if name in allowed:
                assert response.status_code == 200, (user, name)
                assert page.title in response.content.decode()
            else:
                assert response.status_code in {302, 404}, (user, name, response.status_code)
                assert page.title not in response.content.decode()
    # A visitor asked to log in for a members' page does not learn its title.
    _login(client, None)
    response = client.get(activities["members"].url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_index_home_and_search(client, activities, youth, foreign_staff, member):
    for user in (None, member, foreign_staff, youth):
        _login(client, user)
        allowed = {"public", "members"} if user == youth else {"public"}
        for url in [
            "/imaj/activites/",
            "/",
            "/imaj/activites/?q=Récit",
            "/imaj/activites/?q=fête",
            "/imaj/activites/?q=Réunion",
        ]:
            html = client.get(url).content.decode()
            for name, page in activities.items():
                if name in allowed and "q=" not in url:
                    assert page.title in html, (user, url, name)
                elif name not in allowed:
                    assert page.title not in html, (user, url, name)


def test_search_finds_visible_activities(client, activities, youth):
    assert "Public fête" in client.get("/imaj/activites/?q=fête").content.decode()
    client.force_login(youth)
    assert "Réunion interne" in client.get("/imaj/activites/?q=Réunion").content.decode()


def test_api_list_and_detail(api_client, activities, youth, foreign_staff, member):
    for user in (None, member, foreign_staff, youth):
        api_client.force_authenticate(user)
        allowed = {"public", "members"} if user == youth else {"public"}
        listed = {item["id"] for item in api_client.get("/api/v1/activities/").json()["results"]}
        for name, page in activities.items():
            detail = api_client.get(f"/api/v1/activities/{page.pk}/")
            comments = api_client.get(f"/api/v1/activities/{page.pk}/comments/")
            if name in allowed:
                assert page.pk in listed and detail.status_code == 200 and comments.status_code == 200
                assert "/media/" not in detail.content.decode()  # photos only through the checked URL
            else:
                assert page.pk not in listed, (user, name)
                assert detail.status_code == 404 and comments.status_code == 404, (user, name)


def test_photo_urls(client, activities, other_youth, staff, foreign_staff):
    # Collect each activity's photo URL as someone who may see it.
    urls = {}
    client.force_login(staff)
    for name in ("public", "members"):
        urls[name] = _photo_urls(client.get(activities[name].url).content.decode())
    for name in NEVER_SHOWN:
        urls[name] = _photo_urls(client.get(f"/activites/mes-recits/{activities[name].pk}/").content.decode())
    assert all(urls.values()), urls
    html = client.get(activities["public"].url).content.decode()
    assert "/media/" not in html  # no direct rendition file URL is ever printed
    for user, allowed in [(None, {"public"}), (foreign_staff, {"public"}), (other_youth, {"public", "members"})]:
        _login(client, user)
        for name, found in urls.items():
            status = client.get(found[0]).status_code
            assert status == (200 if name in allowed else 404), (user, name, status)


def test_photo_without_consent_stays_inside_the_association(client, activities, youth, foreign_staff):
    page = activities["public"]
    page.photos.update(consent_recorded=False)
    client.force_login(youth)
    url = _photo_urls(client.get(page.url).content.decode())[0]
    assert client.get(url).status_code == 200
    assert client.get(url)["Cache-Control"].startswith("private")
    for user in (None, foreign_staff):
        _login(client, user)
        assert _photo_urls(client.get(page.url).content.decode()) == []
        assert client.get(url).status_code == 404
        assert api_photos(client, page) == []


def api_photos(client, page):
    return client.get(f"/api/v1/activities/{page.pk}/").json()["photos"]


def test_preview_only_for_author_and_staff(client, activities, youth, other_youth, staff, kita_staff, foreign_staff):
    for name in NEVER_SHOWN:
        url = f"/activites/mes-recits/{activities[name].pk}/"
        for user, status in [(youth, 200), (staff, 200), (kita_staff, 200), (other_youth, 404), (foreign_staff, 404)]:
            client.force_login(user)
            assert client.get(url).status_code == status, (name, user)
        client.logout()
        assert client.get(url).status_code == 302
    # Wagtail's own preview and draft views need admin rights on the page.
    for user in (youth, other_youth, foreign_staff):
        client.force_login(user)
        page = activities["pending"]
        assert client.get(f"/admin/pages/{page.pk}/view_draft/").status_code in {302, 403}


def test_notifications_reach_only_author_and_staff(activities, youth, staff):
    recipients = set(Notification.objects.values_list("recipient__username", flat=True))
    assert recipients <= {youth.username, staff.username}
    titles = {"Récit en attente", "Récit refusé", "Réunion interne"}
    for note in Notification.objects.exclude(recipient__in=[youth, staff]):
        assert not any(title in note.text for title in titles)


def test_sitemap_lists_only_public_activities(activities):
    assert activities["public"].get_sitemap_urls()
    for name in HIDDEN_FROM_VISITORS:
        assert activities[name].get_sitemap_urls() == []


def test_association_without_public_activities_hides_everything(client, activities, association):
    association.public_activities = False
    association.save()
    assert not can_view_activity(AnonymousUser(), ActivityPage.objects.get(pk=activities["public"].pk))
    assert client.get(activities["public"].url).status_code == 302
    assert "Public fête" not in client.get("/imaj/activites/").content.decode()
    assert "Public fête" not in client.get("/imaj/activites/?q=fête").content.decode()
