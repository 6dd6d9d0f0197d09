"""A youth votes in a ranked poll on a phone, keeps the receipt, watches turnout move live when another
member votes, and after closing finds the receipt in the list and reads what was decided."""

import re

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from associations.models import Role
from tests.browser.conftest import assert_fits_phone, open_menu
from tests.factories import AssociationFactory, SectionFactory, member_of
from tests.votes.conftest import build_poll, close_now
from votes.models import Kind, Visibility

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(context, base_url, user):
    client = Client()
    client.force_login(user)
    name = settings.SESSION_COOKIE_NAME
    context.add_cookies([{"name": name, "value": client.cookies[name].value, "url": base_url}])


def test_youth_votes_in_a_ranked_poll_and_checks_the_receipt(page, browser, asgi_live_server, shoot):
    base = asgi_live_server.url
    association = AssociationFactory(slug="imaj", name="IMAJ")
    bamako = SectionFactory(association=association, slug="bamako", name="Bamako")
    awa = member_of(bamako, Role.YOUTH, username="awa", display_name="Awa", birth_year=2009)
    moussa = member_of(bamako, Role.YOUTH, username="moussa", display_name="Moussa", birth_year=2007)
    staff = member_of(bamako, Role.STAFF, username="educ", display_name="Éducatrice", birth_year=1985)
    poll = build_poll(
        association,
        kind=Kind.RANKED,
        title="Filières de formation 2027",
        results_visibility=Visibility.AFTER_CLOSE,
    )

    log_in(page.context, base, awa)
    page.goto(base + "/")
    open_menu(page)
    page.get_by_role("link", name="Sondages").first.click()
    page.get_by_role("link", name="Filières de formation 2027").click()
    expect(page.locator("#turnout [data-voted]")).to_have_text("0")
    assert_fits_phone(page)
    page.get_by_label("Rang de Informatique").select_option("1")
    page.get_by_label("Rang de Couture").select_option("2")
    shoot(page, "votes-ranked-ballot")
    page.get_by_role("button", name="Vérifier mon vote").click()
    expect(page.locator("#review li")).to_have_text(["Informatique", "Couture"])
    page.get_by_role("button", name="Confirmer mon vote").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ton vote est enregistré")
    receipt = page.locator("#receipt").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-9]{5}-[A-Z2-9]{5}", receipt)
    expect(page.get_by_text("Informatique, Couture")).to_be_visible()
    assert_fits_phone(page)
    shoot(page, "votes-receipt")

    # Back on the poll page, the turnout moves live when Moussa votes from another phone.
    page.get_by_role("link", name="Retour au sondage").click()
    expect(page.locator("#turnout [data-voted]")).to_have_text("1")
    other = browser.new_context(viewport={"width": 360, "height": 740}, locale="fr-FR")
    log_in(other, base, moussa)
    other_page = other.new_page()
    other_page.goto(f"{base}/sondages/{poll.pk}/")
    other_page.get_by_label("Rang de Mécanique").select_option("1")
    other_page.get_by_role("button", name="Vérifier mon vote").click()
    other_page.get_by_role("button", name="Confirmer mon vote").click()
    expect(other_page.locator("#receipt")).to_be_visible()
    expect(page.locator("#turnout [data-voted]")).to_have_text("2", timeout=5000)  # no reload
    shoot(page, "votes-turnout-live")
    other.close()

    # The poll closes; staff record the decision from their phone.
    close_now(poll)
    staff_context = browser.new_context(viewport={"width": 360, "height": 740}, locale="fr-FR")
    log_in(staff_context, base, staff)
    staff_page = staff_context.new_page()
    staff_page.goto(f"{base}/sondages/{poll.pk}/")
    staff_page.get_by_label("Ce que nous avons décidé et la suite").fill(
        "Nous ouvrons une formation en informatique à Bamako en janvier."
    )
    staff_page.get_by_role("button", name="Enregistrer et prévenir les membres").click()
    expect(staff_page.locator(".messages")).to_contain_text("La décision est enregistrée")
    staff_context.close()

    page.reload()
    expect(page.locator("#outcome")).to_contain_text("formation en informatique")
    expect(page.locator("#results")).to_be_visible()
    expect(page.get_by_role("table")).to_be_visible()
    assert_fits_phone(page)
    shoot(page, "votes-closed-results")
    page.get_by_role("link", name="Reçus de tous les bulletins comptés").click()
    expect(page.locator(".codes")).to_contain_text(receipt)
    page.get_by_label("Vérifier ton reçu").fill(receipt.lower())
    page.get_by_role("button", name="Vérifier").click()
    expect(page.locator("#check")).to_contain_text("le bulletin a été compté")
    assert_fits_phone(page)
    shoot(page, "votes-receipt-checked")
