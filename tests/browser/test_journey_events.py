"""Events journey on a 360 px phone: a leader creates an event with 2 places; three youths register (the
third is waitlisted); one cancels; the third is promoted and notified; the leader checks two people in."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from associations.models import Notification, Role
from events.models import Event, Registration
from tests.browser.conftest import assert_fits_phone, open_menu
from tests.factories import PASSWORD, SectionFactory, member_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, base, username):
    page.goto(base + "/accounts/login/")
    page.get_by_label("Nom d'utilisateur").fill(username)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    open_menu(page)
    expect(page.locator(".who")).to_be_visible()
    page.locator("header.top summary").click()  # closed again: the open menu lies over the page


def log_out(page):
    open_menu(page)
    page.get_by_role("button", name="Déconnexion").click()
    expect(page.get_by_role("link", name="Connexion")).to_be_visible()


def open_event(page, base, title):
    page.goto(base + "/evenements/")
    page.get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)


def test_leader_event_registration_waitlist_promotion_check_in(page, asgi_live_server, shoot):
    base = asgi_live_server.url
    bamako = SectionFactory(slug="bamako", name="Bamako")
    member_of(bamako, Role.LEADER, username="leader", display_name="Seydou L.", birth_year=2004)
    youths = [
        member_of(bamako, Role.YOUTH, username=f"jeune{n}", display_name=name, birth_year=2008)
        for n, name in enumerate(["Awa K.", "Moussa D.", "Fatou S."], start=1)
    ]

    # The leader creates an event with 2 places.
    log_in(page, base, "leader")
    page.goto(base + "/evenements/")
    page.get_by_role("link", name="Créer un événement").click()
    starts = timezone.localtime() + timedelta(days=3)
    page.get_by_label("Titre").fill("Atelier CV")
    page.get_by_label("Type").select_option("workshop")
    page.get_by_label("Site", exact=True).select_option(label="Bamako")
    page.get_by_label("Lieu").fill("Centre des jeunes")
    page.get_by_label("Début").fill(starts.strftime("%Y-%m-%dT10:00"))
    page.get_by_label("Fin").fill(starts.strftime("%Y-%m-%dT12:00"))
    page.get_by_label("Places", exact=True).fill("2")
    assert_fits_phone(page)
    shoot(page, "events-create")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Atelier CV")
    expect(page.get_by_text("Places restantes : 2 sur 2")).to_be_visible()
    log_out(page)

    # Three youths register; the third lands on the waiting list.
    for youth in youths:
        log_in(page, base, youth.username)
        open_event(page, base, "Atelier CV")
        page.get_by_role("button", name=re.compile("S'inscrire|Rejoindre la liste d'attente")).click()
        if youth is youths[2]:
            expect(page.locator("#main section").get_by_text("Tu es numéro 1 sur la liste d'attente.")).to_be_visible()
            assert_fits_phone(page)
            shoot(page, "events-waitlisted")
        else:
            expect(page.locator("#main section").get_by_text("Ta place est réservée.", exact=True)).to_be_visible()
            code = Registration.objects.get(member=youth).code
            expect(page.locator(".code")).to_have_text(code)
        log_out(page)

    # The first one cancels: the third is promoted at once and notified.
    log_in(page, base, youths[0].username)
    open_event(page, base, "Atelier CV")
    page.get_by_role("button", name="Annuler mon inscription").click()
    # The event is full: giving up the place is asked once more, by a page (no script needed).
    expect(page.get_by_role("heading", level=1)).to_have_text("Laisser ta place ?")
    shoot(page, "events-give-up-place")
    page.get_by_role("button", name="Oui, je laisse ma place").click()
    # Full again at once (the third took the place): only the waiting list is offered now.
    expect(page.get_by_role("button", name="Rejoindre la liste d'attente")).to_be_visible()
    log_out(page)

    log_in(page, base, youths[2].username)
    # Two unread: the event's announcement to its site, and the free place.
    expect(page.locator("nav .badge")).to_have_text("2")
    note = Notification.objects.filter(recipient=youths[2]).latest("pk")
    assert "Atelier CV" in note.text and note.text.startswith("Une place s'est libérée")
    open_event(page, base, "Atelier CV")
    expect(page.locator("#main section").get_by_text("Ta place est réservée.", exact=True)).to_be_visible()
    shoot(page, "events-promoted")
    log_out(page)

    # The leader checks two people in: one tick (JS, no reload), one code typed at the door.
    log_in(page, base, "leader")
    open_event(page, base, "Atelier CV")
    page.get_by_role("link", name="Inscrits et pointage").click()
    expect(page.get_by_role("cell", name="Moussa D.", exact=True)).to_be_visible()
    assert_fits_phone(page)
    page.get_by_role("button", name="Pointer Moussa D.").click()
    expect(page.get_by_role("row", name=re.compile("Moussa D.")).locator(".checked")).to_be_visible()
    page.get_by_label("Pointer avec un code").fill(Registration.objects.get(member=youths[2]).code.lower())
    page.get_by_role("button", name="Pointer", exact=True).click()
    expect(page.get_by_text("Présence de Fatou S. enregistrée.")).to_be_visible()
    expect(page.get_by_text("Pointés : 2 sur 2")).to_be_visible()
    shoot(page, "events-checked-in")
    event = Event.objects.get()
    checked = set(event.registrations.filter(checked_in_at__isnull=False).values_list("member__username", flat=True))
    assert checked == {"jeune2", "jeune3"}
