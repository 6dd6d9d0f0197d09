"""Approvals from the phone queue, at 360 px, by tapping from the home page (the tests open only the home
and login pages, and the Wagtail history page named below):

(a) a youth tells an activity; staff open the queue from the menu and approve it; the Wagtail history of
    the page shows the approval; the report is published and the youth reads it;
(b) a leader creates a ranked poll with four options without JavaScript; staff publish it from the queue;
    a youth is told in-app and by e-mail, votes (ranked ballot, review step); after closing, staff record
    the outcome.

Screenshots go to var/artefacts/journey-approvals/ (git-ignored)."""

import io
import re
from pathlib import Path

import pytest
from django.core import mail
from PIL import Image
from playwright.sync_api import expect

from associations.models import Role
from cms.models import ActivityPage
from cms.services.workflow import ensure_association_pages, ensure_workflow
from tests.browser.conftest import PHONE, assert_fits_phone, open_menu
from tests.factories import PASSWORD, AssociationFactory, SectionFactory, member_of
from tests.votes.conftest import close_now
from votes.models import Kind, Participation, Poll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTEFACTS = Path(__file__).resolve().parents[2] / "var" / "artefacts" / "journey-approvals"


@pytest.fixture
def world(asgi_live_server, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    association = AssociationFactory(slug="imaj", name="IMAJ")
    bamako = SectionFactory(association=association, slug="bamako", name="Bamako")
    ensure_workflow(association)
    ensure_association_pages(association)
    return {
        "association": association,
        "awa": member_of(
            bamako, Role.YOUTH, username="awa", display_name="Awa", birth_year=2008, email="awa@example.org"
        ),
        "seydou": member_of(bamako, Role.LEADER, username="seydou", display_name="Seydou", birth_year=2004),
        "educ": member_of(bamako, Role.STAFF, username="educ", display_name="Éducatrice", birth_year=1985),
    }


@pytest.fixture
def phones(browser, asgi_live_server, request):
    """`phone(name, js=True)`: a 360 px phone of its own (cookies apart), screenshots numbered per test."""
    folder = ARTEFACTS / request.node.name
    folder.mkdir(parents=True, exist_ok=True)
    steps = iter(range(1, 100))
    contexts = []

    def phone(name: str, *, js: bool = True):
        context = browser.new_context(viewport=PHONE, locale="fr-FR", java_script_enabled=js)
        contexts.append(context)
        page = context.new_page()
        page.base = asgi_live_server.url
        page.shoot = lambda step: page.screenshot(
            path=str(folder / f"{next(steps):02d}-{name}-{step}.png"), full_page=True
        )
        return page

    yield phone
    for context in contexts:
        context.close()


def log_in(page, username):
    page.goto(page.base + "/accounts/login/")
    page.get_by_label("Nom d'utilisateur").fill(username)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    expect(page.locator(".who")).to_have_count(1)  # logged in (the name sits in the closed menu)


def tap_menu(page, name):
    open_menu(page)
    page.locator("header").get_by_role("link", name=name).first.click()


def jpeg(path: Path) -> str:
    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), (30, 120, 60)).save(buffer, "JPEG")
    path.write_bytes(buffer.getvalue())
    return str(path)


def test_a_youths_report_is_approved_from_the_queue_and_the_wagtail_history_shows_it(world, phones, tmp_path):
    youth = phones("awa")
    log_in(youth, "awa")
    tap_menu(youth, "Activités")
    youth.get_by_role("link", name="Raconter une activité").first.click()
    expect(youth).to_have_url(re.compile(r"/activites/raconter/$"))
    youth.get_by_label("Titre").fill("Nettoyage du marché")
    youth.get_by_label("Date").fill("2026-11-20")
    youth.get_by_label("Thème").select_option("environment")
    youth.get_by_label("Que s'est-il passé ?").fill("Nous étions vingt.\n\nLe marché est propre.")
    youth.get_by_label("Photo 1", exact=True).set_input_files(jpeg(tmp_path / "groupe.jpg"))
    youth.get_by_label("Légende de la photo 1").fill("Le groupe")
    youth.get_by_role("button", name="Envoyer à l'équipe").click()
    expect(youth).to_have_url(re.compile(r"/activites/mes-recits/$"))
    youth.shoot("submitted")
    report = ActivityPage.objects.get()
    assert not report.live

    staff = phones("educ")
    log_in(staff, "educ")
    tap_menu(staff, "Modération")
    card = staff.locator(f"#cmsactivitypage{report.pk}")
    expect(card).to_contain_text("Nettoyage du marché")
    expect(card).to_contain_text("Le marché est propre.")
    expect(card).to_contain_text("personnes visibles, consentement non enregistré")
    thumbnail = card.locator(".thumbs img").first
    thumbnail.scroll_into_view_if_needed()
    expect(thumbnail).to_have_js_property("complete", True)
    assert thumbnail.evaluate("img => img.naturalWidth") > 0  # the rendition is served to staff
    assert_fits_phone(staff)
    staff.shoot("queue")
    card.get_by_role("button", name="Approuver").click()  # one tap
    expect(staff.locator(".messages")).to_contain_text("Le récit est publié.")
    expect(staff.locator(f"#cmsactivitypage{report.pk}")).to_have_count(0)
    staff.shoot("approved")
    report.refresh_from_db()
    assert report.live

    # The Wagtail admin, reached from the staff menu; the page's history is opened by its address (the
    # admin's own navigation is not what this journey tests).
    tap_menu(staff, "Admin Wagtail")
    expect(staff).to_have_url(re.compile(r"/admin/$"))
    staff.goto(f"{staff.base}/admin/pages/{report.pk}/history/")
    staff.shoot("wagtail-history")
    history = staff.locator("body")
    expect(history).to_contain_text(re.compile("Approuvé|Approved"))
    expect(history).to_contain_text(re.compile("Publié|Published"))
    expect(history).to_contain_text(re.compile("Éducatrice|educ"))  # who approved

    # The author is told, and the report is published for the association's members.
    youth.reload()
    tap_menu(youth, "Notifications")
    youth.get_by_role("link", name=re.compile("Nettoyage du marché")).first.click()
    expect(youth.get_by_role("heading", level=1)).to_have_text("Nettoyage du marché")
    assert_fits_phone(youth)
    youth.shoot("published")


def test_a_leaders_poll_is_published_from_the_queue_voted_and_decided(world, phones):
    # (b) without JavaScript: the leader's form adds a row with a submit button.
    leader = phones("seydou", js=False)
    log_in(leader, "seydou")
    tap_menu(leader, "Sondages")
    leader.get_by_role("link", name="Nouveau sondage").click()
    leader.get_by_label("Titre").fill("Filière 2027")
    leader.get_by_label("Question posée aux membres").fill("Quelle filière ouvrir l'an prochain ?")
    leader.get_by_label("classement").check()
    for number, label in enumerate(["Couture", "Mécanique", "Informatique"], start=1):
        leader.get_by_label(f"Option {number}", exact=True).fill(label)
    leader.get_by_role("button", name="Une ligne de plus").click()
    expect(leader.get_by_label("Titre")).to_have_value("Filière 2027")  # nothing typed is lost
    leader.get_by_label("Option 4", exact=True).fill("Agriculture")
    assert_fits_phone(leader)
    leader.shoot("form")
    leader.get_by_role("button", name="Créer le sondage").click()
    expect(leader.locator("main")).to_contain_text("brouillon")
    leader.shoot("draft")
    poll = Poll.objects.get()
    assert poll.kind == Kind.RANKED and not poll.published and poll.options.count() == 4

    staff = phones("educ")
    log_in(staff, "educ")
    tap_menu(staff, "Modération")
    card = staff.locator(f"#votespoll{poll.pk}")
    expect(card).to_contain_text("Couture · Mécanique · Informatique · Agriculture")
    staff.shoot("queue")
    card.get_by_role("button", name="Publier").click()
    expect(staff.locator(".messages")).to_contain_text("Le sondage est publié.")
    staff.shoot("published")
    assert Poll.objects.get(pk=poll.pk).published

    # The youth is told in the inbox (and by e-mail: the test outbox), then votes with the review step.
    assert any("Filière 2027" in message.body for message in mail.outbox if "awa@example.org" in message.to)
    youth = phones("awa")
    log_in(youth, "awa")
    tap_menu(youth, "Notifications")
    youth.shoot("inbox")
    youth.get_by_role("link", name=re.compile("Filière 2027")).first.click()
    youth.get_by_label("Rang de Informatique").select_option("1")
    youth.get_by_label("Rang de Couture").select_option("2")
    youth.get_by_role("button", name="Vérifier mon vote").click()
    expect(youth.locator("#review li")).to_have_text(["Informatique", "Couture"])
    youth.shoot("review")
    youth.get_by_role("button", name="Confirmer mon vote").click()
    expect(youth.locator("#receipt")).to_be_visible()
    assert Participation.objects.filter(poll=poll, member=world["awa"]).exists()

    # Time cannot pass in a test: the poll's window is moved into the past through the ORM (close_now).
    close_now(poll)
    tap_menu(staff, "Sondages")
    staff.get_by_role("link", name="Filière 2027").first.click()
    staff.get_by_label("Ce que nous avons décidé et la suite").fill("Nous ouvrons l'informatique en janvier.")
    staff.get_by_role("button", name="Enregistrer et prévenir les membres").click()
    expect(staff.locator(".messages")).to_contain_text("La décision est enregistrée")
    assert_fits_phone(staff)
    staff.shoot("outcome")
    youth.reload()
    expect(youth.locator("main")).to_be_visible()
    assert Poll.objects.get(pk=poll.pk).outcome.startswith("Nous ouvrons")
