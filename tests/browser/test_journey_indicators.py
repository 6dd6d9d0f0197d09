"""Indicators journey at 360 px: staff log in, record a youth's pathway step by tapping from the home
page, open the quarter's indicators, then print them (print media, screenshot)."""

import pytest
from playwright.sync_api import expect

from indicators.models import Pathway
from tests.browser.conftest import assert_fits_phone, open_menu
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_record_a_pathway_and_print_the_quarter(page, asgi_live_server, staff, youth, kita_youth, shoot):
    base = asgi_live_server.url
    page.goto(base + "/accounts/login/")
    page.get_by_label("Nom d'utilisateur").fill(staff.username)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    page.goto(base + "/")

    open_menu(page)
    page.get_by_role("navigation").get_by_role("link", name="Indicateurs").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Indicateurs du programme")
    page.get_by_role("link", name="Enregistrer une étape de parcours").click()

    options = page.locator("#id_member option").all_inner_texts()
    assert any("Awa K." in o for o in options) and not any("Hawa T." in o for o in options)  # own site only
    page.locator("#id_member").select_option(label="Awa K. (Bamako)")
    page.locator("#id_status").select_option("internship")
    page.locator("#id_sector").select_option("mechanics")
    page.locator("#id_partner").fill("Garage Keita")
    page.locator("#id_started_on").fill("2026-11-20")
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(page.get_by_text("L'étape de parcours est enregistrée.")).to_be_visible()
    assert Pathway.objects.get(member=youth).partner == "Garage Keita"
    assert_fits_phone(page)

    open_menu(page)
    page.get_by_role("link", name="Indicateurs").first.click()
    page.locator("#id_period").select_option("quarter")
    page.get_by_role("button", name="Afficher").click()
    expect(page.locator("#period")).to_contain_text("T")
    expect(page.locator("#pathways")).to_contain_text("Parcours d'insertion")
    expect(page.locator("#t-pathway_statuses")).to_contain_text("< 5")  # one youth: a small cell
    assert_fits_phone(page)
    shoot(page, "indicators-quarter")

    page.emulate_media(media="print")
    expect(page.locator("header.top")).to_be_hidden()
    expect(page.locator("form.filters")).to_be_hidden()
    expect(page.locator("#decisions")).to_be_visible()
    shoot(page, "indicators-print")
