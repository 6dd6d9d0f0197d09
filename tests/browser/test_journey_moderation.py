"""Moderation journey on a 360 px phone: three youths report a comment, it disappears, an educator finds it
in the queue and rejects it with a reason, the author is notified.

There is no comment UI nor inbox page on this branch yet: the comment is reached through its report page
(which shows its text), and the author's notification is checked in the header badge and in the database.
"""

import re

import pytest
from playwright.sync_api import expect

from associations.models import Notification, Role
from cms.models import Comment
from moderation.content import ModerationStatus
from tests.browser.conftest import assert_fits_phone, open_menu
from tests.factories import PASSWORD, AssociationFactory, SectionFactory, member_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXT = "Vous êtes tous nuls, personne ne viendra à votre fête."


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


def test_three_reports_hide_a_comment_and_staff_reject_it(page, asgi_live_server, site_tree, shoot):
    base = asgi_live_server.url
    bamako = SectionFactory(association=AssociationFactory(slug="imaj", name="IMAJ"), slug="bamako", name="Bamako")
    author = member_of(bamako, Role.YOUTH, username="auteur", display_name="Auteur")
    youths = [member_of(bamako, Role.YOUTH, username=f"jeune{n}", display_name=f"Jeune {n}") for n in range(1, 5)]
    member_of(bamako, Role.STAFF, username="educatrice", display_name="Éducatrice", birth_year=1985)
    comment = Comment.objects.create(
        page=site_tree, author=author, association=bamako.association, section=bamako, text=TEXT, status="published"
    )
    report_url = f"{base}/report/cms.comment:{comment.pk}/?next=/"

    for number, youth in enumerate(youths[:3], start=1):
        log_in(page, base, youth.username)
        page.goto(report_url)
        expect(page.locator("blockquote")).to_have_text(TEXT)
        page.get_by_label("insulte ou harcèlement").check()
        if number == 1:
            page.get_by_label("Quelque chose à ajouter ? (facultatif)").fill("Il insulte tout le monde.")
            assert_fits_phone(page)
            shoot(page, "moderation-report")
        page.get_by_role("button", name="Envoyer le signalement").click()
        expect(page.locator(".messages")).to_contain_text("personne ne saura")
        log_out(page)

    # Gone for everyone but its author and the staff: a fourth youth cannot open it any more.
    log_in(page, base, youths[3].username)
    response = page.goto(report_url)
    assert response.status == 404
    expect(page.get_by_text(TEXT)).to_have_count(0)
    comment.refresh_from_db()
    assert comment.status == ModerationStatus.HIDDEN
    log_out(page)

    log_in(page, base, "educatrice")
    open_menu(page)
    page.get_by_role("link", name=re.compile("Modération")).first.click()
    expect(page).to_have_url(re.compile(r"/moderation/$"))
    card = page.locator(".queue-item").filter(has_text=TEXT)
    expect(card).to_contain_text("insulte ou harcèlement × 3")
    expect(card).to_contain_text("Il insulte tout le monde.")
    expect(card).to_contain_text("masqué")
    assert_fits_phone(page)
    shoot(page, "moderation-queue")
    card.get_by_text("Rejeter avec un motif").click()
    card.get_by_label("Motif envoyé à l'auteur").fill("Les insultes ne sont pas acceptées ici.")
    assert_fits_phone(page)
    card.get_by_role("button", name="Rejeter", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("Décision enregistrée")
    expect(page.get_by_text("Rien à examiner. Merci !")).to_be_visible()
    shoot(page, "moderation-queue-empty")
    log_out(page)

    # The author: an unread notification in the header, with the reason.
    log_in(page, base, "auteur")
    open_menu(page)
    expect(page.get_by_role("link", name=re.compile("Notifications"))).to_contain_text("1")
    shoot(page, "moderation-author")
    note = Notification.objects.get(recipient=author)
    assert note.text == "L'équipe a refusé ton contenu (commentaire) : Les insultes ne sont pas acceptées ici."
    assert not any(youth.display_name in note.text for youth in youths)
    comment.refresh_from_db()
    assert (comment.status, comment.moderation_reason) == (
        ModerationStatus.REJECTED,
        "Les insultes ne sont pas acceptées ici.",
    )
