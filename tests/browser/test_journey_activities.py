"""Journey: a youth tells an activity with a photo from a phone; staff approve it in the Wagtail admin;
a visitor does not see it while it is members-only, and sees it once staff make it public."""

import io
import re

import pytest
from PIL import Image
from playwright.sync_api import expect

from associations.models import Role
from cms.models import ActivityPage
from cms.services.workflow import ensure_workflow
from tests.browser.conftest import assert_fits_phone
from tests.factories import PASSWORD, AssociationFactory, SectionFactory, member_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, base, username):
    page.goto(base + "/accounts/login/")
    page.get_by_label("Nom d'utilisateur").fill(username)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Connexion").click()


def test_youth_posts_staff_approve_visitor_sees_only_public(page, browser, asgi_live_server, shoot, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    association = AssociationFactory(slug="imaj", name="IMAJ")
    bamako = SectionFactory(association=association, slug="bamako", name="Bamako")
    member_of(bamako, Role.YOUTH, username="awa", display_name="Awa")
    member_of(bamako, Role.STAFF, username="edu", display_name="Éducatrice")
    ensure_workflow(association)
    base = asgi_live_server.url
    photo = tmp_path / "groupe.jpg"
    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), (30, 120, 60)).save(buffer, "JPEG")
    photo.write_bytes(buffer.getvalue())

    # The youth tells the activity on a phone.
    log_in(page, base, "awa")
    page.goto(base + "/activites/raconter/")
    assert_fits_phone(page)
    page.get_by_label("Titre").fill("Nettoyage du marché de Bamako")
    page.get_by_label("Date").fill("2026-11-20")
    page.get_by_label("Thème").select_option("environment")
    page.get_by_label("Que s'est-il passé ?").fill("Nous étions vingt.\n\nLe marché est propre.")
    page.get_by_label("Photo 1", exact=True).set_input_files(str(photo))
    page.get_by_label("Légende de la photo 1").fill("Le groupe")
    shoot(page, "activity-form")
    page.get_by_role("button", name="Envoyer à l'équipe").click()
    expect(page).to_have_url(re.compile(r"/activites/mes-recits/$"))
    expect(page.locator(".state-pending")).to_have_text("en attente")
    assert_fits_phone(page)
    shoot(page, "activity-mine")
    activity = ActivityPage.objects.get()
    assert not activity.live and activity.photos.count() == 1

    # Staff approve it in the Wagtail admin.
    staff = browser.new_page(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    log_in(staff, base, "edu")
    staff.goto(f"{base}/admin/pages/{activity.pk}/edit/")
    approve = staff.locator('button[data-workflow-action-name="approve"]').first
    if not approve.is_visible():
        staff.locator("footer [data-w-dropdown-target='toggle']").first.click()
    approve.click()
    expect(staff.locator(".messages")).to_be_visible()
    activity.refresh_from_db()
    assert activity.live and activity.visibility == "members"

    # A visitor does not see a members-only activity, neither the page nor the listing.
    visitor = browser.new_page(viewport={"width": 360, "height": 740}, locale="fr-FR")
    visitor.goto(base + activity.url)
    expect(visitor).to_have_url(re.compile(r"/accounts/login/"))
    visitor.goto(base + "/imaj/activites/")
    expect(visitor.get_by_text("Nettoyage du marché de Bamako")).to_have_count(0)

    # Staff make it public and record the photo consent; now the visitor sees it, with the photo.
    staff.goto(f"{base}/admin/pages/{activity.pk}/edit/")
    staff.locator("#id_visibility").select_option("public")
    staff.locator("input[name$='consent_recorded']").first.check()
    staff.locator("footer [data-w-dropdown-target='toggle']").first.click()
    staff.locator('button[name="action-publish"]').click()
    expect(staff.locator(".messages")).to_be_visible()
    visitor.goto(base + "/imaj/activites/")
    visitor.get_by_role("link", name="Nettoyage du marché de Bamako").click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Nettoyage du marché de Bamako")
    image = visitor.locator("figure img").first
    expect(image).to_have_attribute("loading", "lazy")
    image.scroll_into_view_if_needed()
    expect(image).to_have_js_property("complete", True)
    assert image.evaluate("img => img.naturalWidth") > 0
    assert_fits_phone(visitor)
    shoot(visitor, "activity-public")
