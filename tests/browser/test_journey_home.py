"""First journey: a visitor opens the site on a phone, switches language, logs in and out."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_fits_phone, open_menu
from tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_language_login_logout(page, asgi_live_server, shoot):
    member = UserFactory(username="awa", display_name="Awa")
    page.goto(asgi_live_server.url + "/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", level=1)).to_contain_text("SOS Villages")
    assert_fits_phone(page)
    shoot(page, "home-fr")

    open_menu(page)
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("link", name="Log in")).to_be_visible()
    shoot(page, "home-en")
    open_menu(page)
    page.get_by_role("button", name="Français").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")

    page.get_by_role("link", name="Connexion").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.get_by_label("Nom d'utilisateur").fill(member.username)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    assert_fits_phone(page)
    page.get_by_role("button", name="Connexion").click()
    expect(page.locator(".who")).to_have_text("Awa")
    shoot(page, "home-logged-in")

    open_menu(page)
    page.get_by_role("button", name="Déconnexion").click()
    expect(page.get_by_role("link", name="Connexion")).to_be_visible()
    expect(page.locator(".who")).to_have_count(0)


def test_wrong_password_shows_an_error(page, asgi_live_server):
    UserFactory(username="moussa")
    page.goto(asgi_live_server.url + "/accounts/login/")
    page.get_by_label("Nom d'utilisateur").fill("moussa")
    page.get_by_label("Mot de passe").fill("pas-le-bon")
    page.get_by_role("button", name="Connexion").click()
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.get_by_label("Nom d'utilisateur")).to_have_value("moussa")
