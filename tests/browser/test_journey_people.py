"""People journey at 360 px without JavaScript needs: staff find a member by name in the directory, read their
history, follow it to the moderation log in words; an organiser undoes a check-in and opens the print view."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from associations.models import Membership
from associations.services.members import member_suspend
from events.models import Event, Registration
from tests.browser.conftest import assert_fits_phone
from tests.browser.test_journey_members import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_directory_history_and_log(page, asgi_live_server, youth, other_youth, staff, kita_youth, shoot):
    member_suspend(
        actor=staff,
        membership=Membership.objects.get(user=youth),
        until=timezone.now() + datetime.timedelta(days=7),
        reason="Insultes",
    )
    log_in(page, asgi_live_server.url, staff.username)
    page.goto(asgi_live_server.url + "/membres/")
    expect(page.get_by_role("link", name="Hawa T.")).to_have_count(0)  # own site by default
    page.get_by_label("Nom ou identifiant").fill("awa k")
    page.get_by_label("Statut").select_option("suspended")
    page.get_by_role("button", name="Chercher").click()
    assert_fits_phone(page)
    shoot(page, "people-directory")
    page.get_by_role("link", name="Awa K.").click()
    expect(page.get_by_text("Insultes").first).to_be_visible()
    assert_fits_phone(page)
    page.get_by_role("link", name="Dans le journal de modération").click()
    expect(page.get_by_text("a suspendu Awa K. jusqu'au")).to_be_visible()
    assert_fits_phone(page)
    shoot(page, "people-journal")


def test_organiser_undoes_a_check_in(page, asgi_live_server, association, bamako, leader, youth):
    starts = timezone.now() + datetime.timedelta(days=2)
    event = Event.objects.create(
        association=association,
        section=bamako,
        title="Atelier couture",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        status="published",
        created_by=leader,
    )
    event.organisers.set([leader])
    Registration.objects.create(event=event, member=youth, status="confirmed", code="ABC234", checked_in_at=starts)
    log_in(page, asgi_live_server.url, leader.username)
    page.goto(asgi_live_server.url + "/evenements/")
    page.get_by_role("link", name="Atelier couture").click()
    page.get_by_role("link", name="Inscrits et pointage").click()
    page.get_by_role("button", name="Annuler le pointage de Awa K.").click()
    expect(page.get_by_text("Pointage de Awa K. annulé.")).to_be_visible()
    assert_fits_phone(page)
    page.get_by_role("link", name="Imprimer la liste").click()
    expect(page.get_by_role("heading", name="Atelier couture")).to_be_visible()
    expect(page.locator("nav")).to_have_count(0)
