"""Refusals and dead ends in the site's layout, in the member's language, saying why and where to go."""

import datetime

import pytest
from django.test import RequestFactory
from django.utils import timezone
from django.utils.html import escape

from associations.models import Membership
from associations.services.members import member_suspend
from cms.demo import ASSOCIATION_NAME

pytestmark = pytest.mark.django_db

STAFF_PAGES = ["/moderation/", "/membres/importer/", "/evenements/nouveau/"]


@pytest.fixture
def suspended(youth, staff):
    until = timezone.now() + datetime.timedelta(days=7)
    member_suspend(actor=staff, membership=Membership.objects.get(user=youth), until=until, reason="insultes")
    return youth, until


@pytest.mark.parametrize("path", STAFF_PAGES)
def test_youth_on_a_staff_page_gets_the_sites_403_in_french(client, site_tree, youth, path):
    client.force_login(youth)
    response = client.get(path)
    assert response.status_code == 403
    body = response.content.decode()
    assert "Tu ne peux pas ouvrir cette page" in body
    assert escape(ASSOCIATION_NAME) in body  # the site's header, not a bare page
    assert 'href="/"' in body


def test_the_403_page_follows_the_members_language(client, site_tree, youth):
    client.force_login(youth)
    client.cookies["ton_language"] = "en"
    body = client.get("/moderation/").content.decode()
    assert "You can't open this page" in body
    assert "Tu ne peux pas" not in body


def test_a_refusal_with_its_own_reason_shows_it(client, site_tree, member):
    client.force_login(member)  # a user without any membership
    response = client.get("/activites/raconter/")
    assert response.status_code == 403
    assert "Seuls les membres" in response.content.decode()


def test_a_suspended_member_reads_why_and_until_when(client, site_tree, suspended):
    youth, until = suspended
    client.force_login(youth)
    response = client.get("/activites/raconter/")
    assert response.status_code == 403
    body = response.content.decode()
    day = timezone.localtime(until).day
    assert "suspendue jusqu’au" in body
    assert f"{day} " in body
    assert "Seuls les membres" not in body


def test_a_suspended_member_sees_the_banner_on_every_page(client, site_tree, suspended):
    youth, _until = suspended
    client.force_login(youth)
    for path in ["/", "/mon-espace/", "/notifications/"]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert 'class="banner"' in response.content.decode(), path


def test_an_active_member_sees_no_banner(client, site_tree, youth):
    client.force_login(youth)
    assert 'class="banner"' not in client.get("/").content.decode()


def test_a_visitor_on_a_members_page_is_offered_the_login(client, site_tree):
    response = client.get("/moderation/")
    # Some member pages redirect visitors to the login page; a 403 must then offer it.
    if response.status_code == 403:
        assert "/accounts/login/" in response.content.decode()
    else:
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_404_in_layout(client, site_tree):
    response = client.get("/ceci-n-existe-pas/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Page introuvable" in body and escape(ASSOCIATION_NAME) in body


def test_400_in_layout_for_a_bad_host(client, site_tree):
    response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    body = response.content.decode()
    assert "<header" in body
    assert "Demande incomprise" in body


def test_500_page_renders_without_the_database():
    from config.views import server_error

    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    body = response.content.decode()
    assert "Une erreur s'est produite" in body and "Something went wrong" in body
    assert "ton.css" in body


def test_favicon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert "max-age" in response["Cache-Control"]
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"  # ICO header


def test_activites_leads_to_the_associations_activity_list(client):
    from django.core.management import call_command

    call_command("seed_demo", verbosity=0)
    response = client.get("/activites/")
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    assert "/activites/" in response["Location"] and response["Location"] != "/activites/"


def test_activites_without_an_activity_list_is_a_404(client, site_tree):
    assert client.get("/activites/").status_code == 404


def test_login_page_header_names_the_association_not_the_host(client, site_tree):
    body = client.get("/accounts/login/", HTTP_HOST="127.0.0.1:8000").content.decode()
    assert escape(ASSOCIATION_NAME) in body
    assert "127.0.0.1:8000" not in body
