"""Every journey of a youth on a 360 × 740 phone, by tapping only (the test opens only the home page and the
login page), with JavaScript on and off: report a comment, vote with one mistake and keep the choices,
confirm, check the receipt; join a full event's waiting list and leave it; export one's data; a suspended
youth reads why an action is refused; a youth who follows a link to a staff page gets the site's 403 page.

Screenshots of each step go to var/artefacts/journeys-tap/<js-on|js-off>/ (git-ignored). Every page shot is
also checked: its HTML and stylesheets within the byte budget (bench/budgets.py), no axe-core violation
(target-size included; with JavaScript on, since axe runs as a script), a header shorter than a quarter of
the screen; and where the issue asks it, the page's main action starts above the fold (top < 740 px)."""

import json
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from associations.models import Membership, MembershipStatus, Role
from bench.budgets import PAGE_BUDGET_BYTES, page_weight
from cms.models import Comment, Visibility
from cms.services.workflow import ensure_association_pages, ensure_workflow
from events.models import Event, EventStatus, Registration
from events.services.registrations import registration_register
from moderation.content import ModerationStatus
from moderation.models import Report
from tests.browser.axe import axe_violations
from tests.browser.conftest import PHONE, assert_fits_phone, open_menu
from tests.cms.conftest import publish_as_staff
from tests.factories import PASSWORD, AssociationFactory, SectionFactory, member_of
from tests.votes.conftest import build_poll, close_now
from votes.models import Kind, Participation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTEFACTS = Path(__file__).resolve().parents[2] / "var" / "artefacts" / "journeys-tap"


@pytest.fixture(params=[True, False], ids=["js-on", "js-off"])
def phone(request, browser, asgi_live_server, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    context = browser.new_context(
        viewport=PHONE, locale="fr-FR", java_script_enabled=request.param, accept_downloads=True, bypass_csp=True
    )
    page = context.new_page()
    page.base = asgi_live_server.url
    folder = ARTEFACTS / request.node.name.replace("/", "_")
    folder.mkdir(parents=True, exist_ok=True)
    steps = iter(range(1, 100))
    documents = []
    page.on("response", lambda response: documents.append(response) if _is_html_page(response) else None)

    weights = {}

    def shoot(name):
        page.screenshot(path=str(folder / f"{next(steps):02d}-{name}.png"), full_page=True)
        weights[name] = check_page(page, name, documents[-1], axe=request.param)

    page.shoot = shoot
    yield page
    (folder / "weights.json").write_text(json.dumps(weights, indent=1))
    context.close()


def _is_html_page(response) -> bool:
    # Error pages (the site's 403) are pages of the journey too.
    return response.request.resource_type == "document" and response.headers.get("content-type", "").startswith(
        "text/html"
    )


def check_page(page, name, document, *, axe: bool):
    """What every page of a journey must hold on a phone (see the module docstring)."""
    try:
        html = document.body()  # the bytes the server sent
    except Exception:  # a download since then took the response's place in the browser: read the page itself
        html = page.content().encode()
    weight = page_weight(html)
    assert weight["total"] <= PAGE_BUDGET_BYTES, f"{name} ({document.url}): {weight}"
    header = page.locator("header.top").bounding_box()
    assert header is None or header["height"] <= PHONE["height"] / 4, f"{name}: header {header}"
    if axe:
        assert axe_violations(page) == [], f"{name} ({page.url})"
    return weight


def assert_above_the_fold(locator):
    """The page's main action starts on the first screen (the page is shown from its top)."""
    box = locator.bounding_box()
    assert box is not None and box["y"] < PHONE["height"], box


@pytest.fixture
def world(asgi_live_server):
    association = AssociationFactory(slug="imaj", name="IMAJ")
    bamako = SectionFactory(association=association, slug="bamako", name="Bamako")
    ensure_workflow(association)
    ensure_association_pages(association)
    people = {
        "awa": member_of(bamako, Role.YOUTH, username="awa", display_name="Awa", birth_year=2010),
        "moussa": member_of(bamako, Role.YOUTH, username="moussa", display_name="Moussa", birth_year=2008),
        "bintou": member_of(bamako, Role.YOUTH, username="bintou", display_name="Bintou", birth_year=2009),
        "educ": member_of(bamako, Role.STAFF, username="educ", display_name="Éducatrice", birth_year=1985),
    }
    Membership.objects.filter(user=people["bintou"]).update(
        status=MembershipStatus.SUSPENDED, suspended_until=timezone.now() + timedelta(days=7)
    )
    return {"association": association, "bamako": bamako, **people}


def log_in(page, username, *, next_url=""):
    page.goto(page.base + "/accounts/login/" + (f"?next={next_url}" if next_url else ""))
    page.get_by_label("Nom d'utilisateur").fill(username)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Connexion").click()


def tap_menu(page, name):
    """A header link, opening the collapsed menu first when the header has one."""
    link = page.locator("header").get_by_role("link", name=name).first
    if not link.is_visible():
        page.locator("header summary").first.click()
    link.click()


def test_a_youth_reports_a_comment_and_exports_their_data(phone, world):
    page, awa = phone, world["awa"]
    activity = publish_as_staff(world["educ"], world["bamako"], visibility=Visibility.MEMBERS, title="Salubrité")
    comment = Comment.objects.create(
        page=activity,
        author=world["moussa"],
        association=world["association"],
        section=world["bamako"],
        text="Donne-moi ton numéro, viens seule ce soir.",
        status=ModerationStatus.PUBLISHED,
    )
    log_in(page, "awa")
    expect(page.locator(".who")).to_have_text("Awa")
    tap_menu(page, "Activités")
    page.get_by_role("link", name="Salubrité").first.click()
    item = page.locator(f"#comment-{comment.pk}")
    expect(item).to_contain_text("viens seule ce soir")
    page.shoot("comment")
    report = item.get_by_role("link", name="Signaler")
    box = report.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44  # a large tap target
    report.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Signaler un contenu")
    page.shoot("report-form")
    page.get_by_label("insulte ou harcèlement").check()
    page.get_by_role("button", name="Envoyer le signalement").click()
    expect(page).to_have_url(re.compile(rf"{re.escape(activity.url)}#comment-{comment.pk}$"))
    expect(page.locator(f"#comment-{comment.pk}")).to_be_visible()
    expect(page.locator(".messages")).to_contain_text("Merci")
    assert_fits_phone(page)
    page.shoot("back-on-the-comment")
    assert Report.objects.filter(reporter=awa, object_id=comment.pk).exists()

    tap_menu(page, "Mon espace")
    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger mes données").click()
    data = json.loads(Path(download.value.path()).read_text())
    assert data["username"] == "awa" and len(data["reports_filed"]) == 1
    assert "comments" in data and "event_registrations" in data and "poll_participations" in data
    page.shoot("my-space")


def test_a_youth_votes_with_a_mistake_confirms_and_checks_the_receipt(phone, world):
    page = phone
    poll = build_poll(world["association"], kind=Kind.MULTIPLE, max_choices=2, title="Ateliers de l'année")
    log_in(page, "awa")
    page.get_by_role("link", name="À toi de voter").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ateliers de l'année")
    page.shoot("poll")
    assert_above_the_fold(page.get_by_role("button", name="Vérifier mon vote"))
    for label in ("Couture", "Mécanique", "Informatique"):
        page.get_by_label(label).check()
    page.shoot("ballot-three-ticks")
    page.get_by_role("button", name="Vérifier mon vote").click()
    expect(page.get_by_role("alert")).to_be_visible()
    for label in ("Couture", "Mécanique", "Informatique"):
        expect(page.get_by_label(label)).to_be_checked()  # the mistake kept every choice
    page.shoot("ballot-error-kept")
    page.get_by_label("Mécanique").uncheck()
    page.get_by_role("button", name="Vérifier mon vote").click()
    expect(page.locator("#review li")).to_have_text(["Couture", "Informatique"])
    page.shoot("review")
    page.get_by_role("button", name="Modifier").click()
    expect(page.get_by_label("Couture")).to_be_checked()
    expect(page.get_by_label("Mécanique")).not_to_be_checked()
    page.get_by_role("button", name="Vérifier mon vote").click()
    page.get_by_role("button", name="Confirmer mon vote").click()
    receipt = page.locator("#receipt").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-9]{5}-[A-Z2-9]{5}", receipt)
    assert_fits_phone(page)
    page.shoot("receipt")
    assert Participation.objects.filter(poll=poll, member=world["awa"]).count() == 1

    close_now(poll)  # the clock moves on: the poll has closed
    page.get_by_role("link", name="Retour au sondage").click()
    expect(page.locator("#results")).to_be_visible()
    page.get_by_role("link", name="Reçus de tous les bulletins comptés").click()
    page.get_by_label("Vérifier ton reçu").fill(receipt.lower())
    page.get_by_role("button", name="Vérifier").click()
    expect(page.locator("#check")).to_contain_text("compté")
    page.shoot("receipt-checked")


def test_waiting_list_suspension_and_staff_pages(phone, world):
    page = phone
    starts = timezone.now() + timedelta(days=3)
    event = Event.objects.create(
        association=world["association"],
        section=world["bamako"],
        title="Atelier CV",
        kind="workshop",
        place="Centre des jeunes",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        status=EventStatus.PUBLISHED,
        created_by=world["educ"],
        capacity=1,
    )
    registration_register(user=world["moussa"], event_id=event.pk)
    log_in(page, "awa")
    tap_menu(page, "Événements")
    page.get_by_role("link", name="Atelier CV").first.click()
    page.shoot("event")
    assert_above_the_fold(page.get_by_role("button", name="Rejoindre la liste d'attente"))
    page.get_by_role("button", name="Rejoindre la liste d'attente").click()
    expect(page.locator("main")).to_contain_text("liste d'attente")
    page.shoot("waitlisted")
    page.get_by_role("button", name=re.compile("Quitter la liste d'attente|Annuler mon inscription")).click()
    confirm = page.get_by_role("button", name=re.compile("^(Oui|Confirmer)"))
    if confirm.count():
        confirm.first.click()
    expect(page.get_by_role("button", name="Rejoindre la liste d'attente")).to_be_visible()
    assert not Registration.objects.filter(event=event, member=world["awa"], status="waitlisted").exists()
    page.shoot("left-the-list")
    open_menu(page)
    page.get_by_role("button", name="Déconnexion").click()

    # A suspended youth sees why, on every page, and is offered no ballot.
    build_poll(world["association"], title="Sortie de fin d'année")
    log_in(page, "bintou")
    expect(page.locator(".banner")).to_contain_text("suspendu")
    tap_menu(page, "Sondages")
    page.get_by_role("link", name="Sortie de fin d'année").first.click()
    expect(page.locator("form.ballot")).to_have_count(0)
    expect(page.locator(".banner")).to_contain_text("suspendu")
    page.shoot("suspended-poll")
    open_menu(page)
    page.get_by_role("button", name="Déconnexion").click()

    # A link to a staff page (the login page sends there after logging in) ends on the site's 403 page.
    for number, (name, path) in enumerate(staff_pages(event)):
        if number:
            open_menu(page)
            page.get_by_role("button", name="Déconnexion").click()
        log_in(page, "awa", next_url=path)
        expect(page.get_by_role("heading", level=1)).to_have_text("Tu ne peux pas ouvrir cette page", ignore_case=True)
        page.shoot(f"staff-page-403-{name}")
    page.locator("main").get_by_role("link", name="Retour à l'accueil").click()
    expect(page).to_have_url(page.base + "/")


def staff_pages(event):
    return [
        ("moderation", "/moderation/"),
        ("import", "/membres/importer/"),
        ("new-event", "/evenements/nouveau/"),
        ("registrants", f"/evenements/{event.pk}/inscrits/"),
    ]


def test_a_youth_tells_an_activity(phone, world):
    page = phone
    log_in(page, "awa")
    tap_menu(page, "Activités")
    page.get_by_role("link", name="Raconter une activité").click()
    page.shoot("tell-form")
    assert_above_the_fold(page.get_by_label("Titre"))
    page.get_by_label("Titre").fill("Nettoyage du marché")
    page.get_by_label("Date").fill(timezone.localdate().isoformat())
    page.get_by_label("Que s'est-il passé\u00a0?").fill("Nous étions vingt.\n\nLe marché est propre.")
    page.get_by_role("button", name="Envoyer à l'équipe").click()
    expect(page).to_have_url(re.compile(r"/activites/mes-recits/$"))
    expect(page.locator(".state-pending")).to_have_text("en attente")
    assert_fits_phone(page)
    page.shoot("told-awaiting-approval")
