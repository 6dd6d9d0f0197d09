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
    page.goto(asgi_live_server.url + path)
    assert axe_violations(page) == []


def test_member_and_staff_pages(phone_context, asgi_live_server, staff, other_youth):
    login(phone_context, asgi_live_server.url, staff)
    page = phone_context.new_page()
    detail = f"/membres/{Membership.objects.get(user=other_youth).pk}/"
    for path in [*MEMBER_PAGES, detail]:
        page.goto(asgi_live_server.url + path)
        assert axe_violations(page) == [], path


def test_the_check_can_fail(phone_context):
    page = phone_context.new_page()
    page.set_content('<html lang="fr"><body><main><img src="data:,"><a href="/"></a></main></body></html>')
    assert {v["id"] for v in axe_violations(page)} >= {"image-alt", "link-name"}
