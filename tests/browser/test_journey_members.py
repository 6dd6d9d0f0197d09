"""Members journey: a youth sees a staff warning arrive live; staff suspend a member from a phone."""

import pytest
from playwright.sync_api import expect

from associations.models import Membership
from tests.browser.conftest import assert_fits_phone
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, base_url, username):
    page.goto(base_url + "/accounts/login/")
    page.get_by_label("Nom d'utilisateur").fill(username)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Connexion").click()


def test_warning_arrives_live_and_suspension(browser, asgi_live_server, youth, staff, shoot):
    phone = {"viewport": {"width": 360, "height": 740}, "locale": "fr-FR"}
    youth_page = browser.new_context(**phone).new_page()
    staff_page = browser.new_context(**phone).new_page()

    log_in(youth_page, asgi_live_server.url, youth.username)
    youth_page.goto(asgi_live_server.url + "/notifications/")
    expect(youth_page.locator("html")).to_have_attribute("data-live", "on")

    log_in(staff_page, asgi_live_server.url, staff.username)
    staff_page.goto(asgi_live_server.url + "/membres/")
    staff_page.get_by_role("link", name=youth.display_name).click()
    assert_fits_phone(staff_page)
    staff_page.locator("#id_warn-reason").fill("Merci de rester poli dans les commentaires.")
    staff_page.get_by_role("button", name="Envoyer l'avertissement").click()
    expect(staff_page.get_by_text("Avertissement envoyé.")).to_be_visible()

    # No reload: the badge and the inbox update over the websocket.
    expect(youth_page.locator("#inbox li").first).to_contain_text("rester poli")
    expect(youth_page.locator(".badge")).to_have_text("1")
    shoot(youth_page, "members-live-warning")

    staff_page.get_by_label("Suspendu jusqu'au (inclus)").fill("2099-01-31")
    staff_page.locator("#id_suspend-reason").fill("Insultes répétées")
    staff_page.get_by_role("button", name="Suspendre").click()
    expect(staff_page.get_by_text("Membre suspendu.")).to_be_visible()
    shoot(staff_page, "members-suspended")
    assert Membership.objects.get(user=youth).is_suspended
    expect(youth_page.locator("#inbox li").first).to_contain_text("suspendu")
