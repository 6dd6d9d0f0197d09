"""axe-core finds no WCAG 2.2 AA violation on the key pages (at phone width)."""

import pytest

from associations.models import Membership
from tests.browser.axe import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VISITOR_PAGES = ["/", "/accounts/login/", "/accounts/code/"]
MEMBER_PAGES = ["/", "/notifications/", "/mon-espace/", "/membres/", "/membres/importer/", "/membres/nouveau/"]


@pytest.fixture
def phone_context(browser):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="fr-FR", bypass_csp=True)
    yield context
    context.close()


def login(context, base_url, user):
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": base_url,
            }
        ]
    )


@pytest.mark.parametrize("path", VISITOR_PAGES)
def test_visitor_pages(phone_context, asgi_live_server, path):
    page = phone_context.new_page()
    assert page.goto(asgi_live_server.url + path).ok
    assert axe_violations(page) == []


def test_member_and_staff_pages(phone_context, asgi_live_server, staff, other_youth):
    from associations.services.notifications import notify

    notify([staff], kind="info", message="Bienvenue", url="/")  # its "mark as read" button must be readable
    login(phone_context, asgi_live_server.url, staff)
    page = phone_context.new_page()
    detail = f"/membres/{Membership.objects.get(user=other_youth).pk}/"
    for path in [*MEMBER_PAGES, detail]:
        assert page.goto(asgi_live_server.url + path).ok, path
        assert axe_violations(page) == [], path
    # axe leaves white-on-white text "incomplete" rather than failing it: check the button's colour itself.
    page.goto(asgi_live_server.url + "/notifications/")
    mark = page.locator("#inbox button.link").first
    assert mark.evaluate("e => getComputedStyle(e).color") != "rgb(255, 255, 255)"


def test_the_check_can_fail(phone_context):
    page = phone_context.new_page()
    page.set_content('<html lang="fr"><body><main><img src="data:,"><a href="/"></a></main></body></html>')
    assert {v["id"] for v in axe_violations(page)} >= {"image-alt", "link-name"}


def test_the_target_size_check_is_on(phone_context):
    page = phone_context.new_page()
    page.set_content(
        '<html lang="fr"><body><main><button style="width:10px;height:10px;padding:0">a</button>'
        '<button style="width:10px;height:10px;padding:0;margin:0">b</button></main></body></html>'
    )
    assert "target-size" in {v["id"] for v in axe_violations(page)}


def test_demo_pages_of_every_app(phone_context, asgi_live_server):
    """Activities, events, polls and the moderation queue, on the demo association's real content."""
    from django.core.management import call_command

    from associations.models import User
    from cms.models import ActivityIndexPage, ActivityPage
    from events.models import Event
    from votes.models import Poll

    call_command("seed_demo", verbosity=0)
    youth = User.objects.get(username="youth.bamako.01")
    staff = User.objects.get(username="staff.bamako")
    activity = ActivityPage.objects.live().filter(association__slug="imaj-mali").first()
    pages = [
        ActivityIndexPage.objects.live().first().url,
        activity.url,
        "/activites/raconter/",
        "/activites/mes-recits/",
        "/evenements/",
        f"/evenements/{Event.objects.filter(status='published').first().pk}/",
        "/sondages/",
        f"/sondages/{Poll.objects.filter(published=True).first().pk}/",
    ]
    login(phone_context, asgi_live_server.url, youth)
    page = phone_context.new_page()
    for path in pages:
        assert page.goto(asgi_live_server.url + path).ok, path
        assert axe_violations(page) == [], path
    phone_context.clear_cookies()
    login(phone_context, asgi_live_server.url, staff)
    for path in ["/moderation/", "/moderation/log/", "/membres/importer/"]:
        assert page.goto(asgi_live_server.url + path).ok, path
        assert axe_violations(page) == [], path


def test_refusal_pages_and_the_suspension_banner(phone_context, asgi_live_server, youth, staff):
    """A youth on a staff page gets the site's 403; a suspended youth sees the banner: both pass axe."""
    import datetime

    from django.utils import timezone

    from associations.services.members import member_suspend

    login(phone_context, asgi_live_server.url, youth)
    page = phone_context.new_page()
    response = page.goto(asgi_live_server.url + "/moderation/")
    assert response.status == 403
    assert page.get_by_role("heading", level=1).inner_text() == "Tu ne peux pas ouvrir cette page"
    assert axe_violations(page) == []
    until = timezone.now() + datetime.timedelta(days=7)
    member_suspend(actor=staff, membership=Membership.objects.get(user=youth), until=until, reason="test")
    assert page.goto(asgi_live_server.url + "/").ok
    assert page.locator(".banner").is_visible()
    assert axe_violations(page) == []
    page.goto(asgi_live_server.url + "/ceci-n-existe-pas/")
    assert axe_violations(page) == []
