"""Onboarding journey on a phone: staff import three youths from a CSV and print their cards; one youth
logs in with the code, chooses a password, and a notification reaches the page live over the websocket.

The inbox page and header badge are built separately; this journey opens /ws/notifications/ from the page
itself (page.evaluate) so it does not depend on them.
"""

import re
import threading

import pytest
from django.db import connection
from playwright.sync_api import expect

from associations.models import OneTimeCode, Role, User
from associations.services.notifications import notify
from tests.browser.conftest import assert_fits_phone, open_menu
from tests.factories import PASSWORD, SectionFactory, member_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CSV = (
    "\ufeffNom;Site;Année de naissance;Sexe;Téléphone;Rôle\r\n"
    "Awa Koné;Bamako;2008;F;76 12 34 56;jeune\r\n"
    "Moussa Diarra;Bamako;2006;M;;responsable\r\n"
    "Fanta Traoré;Bamako;2010;F;+223 66 00 11 22;\r\n"
)
OPEN_SOCKET = """() => new Promise((resolve, reject) => {
  window.tonMessages = [];
  const socket = new WebSocket(location.origin.replace(/^http/, "ws") + "/ws/notifications/");
  socket.onmessage = (event) => window.tonMessages.push(JSON.parse(event.data));
  socket.onopen = () => resolve(true);
  socket.onerror = () => reject(new Error("websocket refused"));
  window.tonSocket = socket;
})"""
# wait_for_function would eval a string, which the pages' CSP forbids: wait with a promise instead.
FIRST_MESSAGE = """() => new Promise((resolve, reject) => {
  if (window.tonMessages.length) return resolve(window.tonMessages);
  window.tonSocket.addEventListener("message", () => resolve(window.tonMessages));
  setTimeout(() => reject(new Error("no notification within 5 s")), 5000);
})"""


def notify_from_another_thread(user: User, text: str) -> None:
    # Playwright's loop lives on this thread; a service call from a plain thread is what a web worker does.
    def run():
        try:
            notify([user], kind="test.journey", message=text, url="/")
        finally:
            connection.close()

    worker = threading.Thread(target=run)
    worker.start()
    worker.join(timeout=10)


def test_import_print_first_login_and_live_notification(page, asgi_live_server, shoot):
    bamako = SectionFactory(association__slug="imaj-mali", association__name="IMAJ Mali", slug="bamako", name="Bamako")
    member_of(bamako, Role.STAFF, username="staff.bamako", display_name="Éducatrice Bamako")
    base = asgi_live_server.url
    page.set_default_timeout(10_000)

    # Staff log in and upload the spreadsheet.
    page.goto(base + "/accounts/login/?next=/membres/importer/")
    page.get_by_label("Nom d'utilisateur").fill("staff.bamako")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Inscrire des membres")
    page.get_by_label("Fichier CSV").set_input_files(
        files=[{"name": "membres.csv", "mimeType": "text/csv", "buffer": CSV.encode("utf-8")}]
    )
    page.get_by_role("button", name="Aperçu").click()
    expect(page.get_by_text("Membres prêts à être enregistrés : 3")).to_be_visible()
    assert User.objects.filter(display_name="Awa Koné").count() == 0  # nothing saved before confirming
    assert_fits_phone(page)
    shoot(page, "onboarding-preview")

    page.get_by_role("button", name="Enregistrer ces membres (3)").click()
    expect(page).to_have_url(re.compile(r"/membres/fiches/[\w-]+/$"))
    cards = page.locator(".member-card")
    expect(cards).to_have_count(3)
    expect(cards.first).to_contain_text("Awa Koné")
    expect(cards.first).to_contain_text("awa.k")
    expect(cards.first).to_contain_text("127.0.0.1")  # settings.SITE_URL
    code = cards.first.locator(".card-code").inner_text()
    assert re.fullmatch(r"[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}", code)
    assert_fits_phone(page)
    shoot(page, "onboarding-sheet")

    # The printed sheet: no header, no instructions, cut-out cards two by two.
    page.emulate_media(media="print")
    expect(page.locator("header.top")).to_be_hidden()
    expect(page.locator(".noprint")).to_be_hidden()
    first, second, third = (cards.nth(i).bounding_box() for i in range(3))
    assert abs(first["y"] - second["y"]) < 1 and second["x"] > first["x"] + first["width"] - 1
    assert third["y"] >= first["y"] + first["height"] - 1
    assert cards.first.evaluate("card => getComputedStyle(card).borderTopStyle") == "dashed"
    shoot(page, "onboarding-sheet-print")
    page.emulate_media(media="screen")

    # Awa logs in with her card on her own phone.
    open_menu(page)
    page.get_by_role("button", name="Déconnexion").click()
    page.goto(base + "/accounts/login/")
    page.get_by_role("link", name="J'ai un code / première connexion").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Première connexion")
    page.get_by_label("Nom d'utilisateur").fill("awa.k")
    page.get_by_label("Code").fill(code.lower().replace("-", " "))
    assert_fits_phone(page)
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Choisis ton mot de passe")
    expect(page.locator(".who")).to_have_count(0)  # not logged in before the password is chosen

    page.get_by_label(re.compile(r"^Nouveau mot de passe")).fill("awa")
    page.get_by_label("Confirmation du nouveau mot de passe").fill("awa")
    page.get_by_role("button", name="Enregistrer mon mot de passe").click()
    expect(page.locator(".errorlist").first).to_be_visible()
    page.get_by_label(re.compile(r"^Nouveau mot de passe")).fill("tambour-bleu-2026")
    page.get_by_label("Confirmation du nouveau mot de passe").fill("tambour-bleu-2026")
    page.get_by_role("button", name="Enregistrer mon mot de passe").click()
    expect(page.locator(".who")).to_have_text("Awa Koné")
    assert_fits_phone(page)
    shoot(page, "onboarding-first-login-done")
    awa = User.objects.get(username="awa.k")
    assert not awa.must_set_password and OneTimeCode.objects.get(user=awa).used_at is not None

    # A notification reaches her open page live.
    assert page.evaluate(OPEN_SOCKET) is True
    notify_from_another_thread(awa, "Bienvenue dans l'association, Awa !")
    received = page.evaluate(FIRST_MESSAGE)
    assert [(m["kind"], m["text"]) for m in received] == [("test.journey", "Bienvenue dans l'association, Awa !")]
