"""Onboarding pages over HTTP: who may open them, the import flow, the sheet, the first login."""

import re

import pytest
from django.test import Client
from wagtail.models import ModelLogEntry

from associations.models import Membership, OneTimeCode, User
from associations.services import onboarding
from bench.budgets import PAGE_BUDGET_BYTES, external_urls, page_weight
from tests.associations.test_onboarding_import import HEADER, upload

pytestmark = pytest.mark.django_db

ROLES = ["visitor", "youth", "leader", "member", "staff", "kita_staff", "foreign_staff", "admin"]
CODE = re.compile(r'class="card-code">([0-9A-Z]{4}-[0-9A-Z]{4})<')


def client_for(request, role: str) -> Client:
    client = Client()
    if role != "visitor":
        client.force_login(request.getfixturevalue(role))
    return client


@pytest.fixture
def staff_client(staff, bamako, kita):
    client = Client()
    client.force_login(staff)
    return client


STAFF_PAGE_STATUS = {
    "visitor": 302,
    "youth": 403,
    "leader": 403,
    "member": 403,
    "staff": 200,
    "kita_staff": 200,
    "foreign_staff": 200,  # their own association's page
    "admin": 200,
}


@pytest.mark.parametrize("url", ["/membres/importer/", "/membres/nouveau/"])
@pytest.mark.parametrize("role", ROLES)
def test_staff_pages_by_role(request, association, bamako, role, url):
    response = client_for(request, role).get(url)
    assert response.status_code == STAFF_PAGE_STATUS[role]
    if role == "visitor":
        assert response["Location"].startswith("/accounts/login/?next=")


NEW_CODE_STATUS = {
    "visitor": 302,
    "youth": 403,
    "leader": 403,
    "member": 404,
    "staff": 302,
    "kita_staff": 403,
    "foreign_staff": 404,
    "admin": 302,
}


@pytest.mark.parametrize("role", ROLES)
def test_new_code_by_role(request, other_youth, role):
    membership = Membership.objects.get(user=other_youth)
    before = OneTimeCode.objects.filter(user=other_youth).count()
    response = client_for(request, role).post(f"/membres/{membership.pk}/nouveau-code/")
    assert response.status_code == NEW_CODE_STATUS[role]
    issued = OneTimeCode.objects.filter(user=other_youth).count() - before
    if role in {"staff", "admin"}:
        assert issued == 1 and response["Location"].startswith("/membres/fiches/")
    else:
        assert issued == 0
        other_youth.refresh_from_db()
        assert other_youth.has_usable_password()


def test_new_code_is_post_only_and_shows_one_card(staff_client, other_youth):
    membership = Membership.objects.get(user=other_youth)
    assert staff_client.get(f"/membres/{membership.pk}/nouveau-code/").status_code == 405
    assert staff_client.post("/membres/999999/nouveau-code/").status_code == 404
    response = staff_client.post(f"/membres/{membership.pk}/nouveau-code/", follow=True)
    html = response.content.decode()
    assert len(CODE.findall(html)) == 1 and "youth2" in html


def test_import_flow_preview_then_confirm(staff_client, staff, association, bamako):
    text = HEADER + "Awa Koné,Bamako,2008,F,,\nMoussa Diarra,Bamako,2006,M,76123456,leader\n,Bamako,2008,F,,\n"
    response = staff_client.post("/membres/importer/", {"file": upload(text)})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Awa Koné" in html and "Moussa Diarra" in html
    assert "Le nom manque." in html  # the refused row, with its reason, in French
    assert not User.objects.filter(display_name="Awa Koné").exists()
    token = re.search(r'name="token" value="([^"]+)"', html).group(1)

    # Rows re-posted by the browser are ignored: only the preview kept in the session is saved.
    response = staff_client.post("/membres/importer/confirmer/", {"token": token, "display_name": "Intrus"})
    assert response.status_code == 302 and response["Location"].startswith("/membres/fiches/")
    assert set(User.objects.filter(memberships__section=bamako, memberships__role__in=["youth", "leader"])
               .values_list("display_name", flat=True)) == {"Awa Koné", "Moussa Diarra"}  # fmt: skip
    sheet = staff_client.get(response["Location"]).content.decode()
    codes = CODE.findall(sheet)
    assert len(codes) == 2 and "awa.k" in sheet and "moussa.d" in sheet
    assert "http://testserver" in sheet or "127.0.0.1:8000" in sheet  # settings.SITE_URL
    assert ModelLogEntry.objects.filter(action="ton.member.import", user=staff).count() == 2

    # The preview is spent: confirming again saves nothing.
    response = staff_client.post("/membres/importer/confirmer/", {"token": token}, follow=True)
    assert "no longer available" in response.content.decode() or "plus disponible" in response.content.decode()
    assert User.objects.filter(display_name="Awa Koné").count() == 1


def test_confirm_needs_the_right_token_and_session(staff_client, staff, bamako):
    response = staff_client.post("/membres/importer/", {"file": upload(HEADER + "Awa,Bamako,2008,F,,\n")})
    token = re.search(r'name="token" value="([^"]+)"', response.content.decode()).group(1)
    staff_client.post("/membres/importer/confirmer/", {"token": "forged"})
    other = Client()
    other.force_login(staff)
    other.post("/membres/importer/confirmer/", {"token": token})
    assert not User.objects.filter(display_name="Awa").exists()
    assert staff_client.get("/membres/importer/confirmer/").status_code == 405


@pytest.mark.parametrize(
    ("data", "message"),
    [(b"PK\x03\x04zip", "CSV UTF-8"), ("nom,année\nKoné,2008\n".encode("latin-1"), "UTF-8"), (b"", "")],
)
def test_bad_files_give_a_message_not_a_500(staff_client, data, message):
    response = staff_client.post("/membres/importer/", {"file": upload(data)})
    assert response.status_code == 200
    assert 'class="errorlist' in response.content.decode()
    assert message in response.content.decode()


def test_sheet_is_only_in_its_creators_session(staff_client, staff, other_youth):
    membership = Membership.objects.get(user=other_youth)
    location = staff_client.post(f"/membres/{membership.pk}/nouveau-code/")["Location"]
    assert staff_client.get(location).status_code == 200
    other = Client()
    other.force_login(staff)
    assert other.get(location).status_code == 404
    assert staff_client.get("/membres/fiches/unknown/").status_code == 404


def test_one_member_form(staff_client, staff, bamako):
    form = {"display_name": "Awa Koné", "section": "bamako", "birth_year": "2008", "gender": "female", "role": "youth"}
    response = staff_client.post("/membres/nouveau/", {**form, "phone": "12"})
    assert response.status_code == 400 and "Bad phone number" not in response.content.decode()
    assert "Numéro de téléphone incorrect" in response.content.decode()
    response = staff_client.post("/membres/nouveau/", {**form, "section": "kita"})
    assert response.status_code == 400 and not User.objects.filter(display_name="Awa Koné").exists()
    response = staff_client.post("/membres/nouveau/", {**form, "role": "staff"})
    assert response.status_code == 400 and not User.objects.filter(display_name="Awa Koné").exists()
    response = staff_client.post("/membres/nouveau/", form, follow=True)
    assert len(CODE.findall(response.content.decode())) == 1
    assert ModelLogEntry.objects.filter(action="ton.member.create", user=staff).count() == 1


def test_admin_chooses_the_association(request, admin, association, bamako, kita):
    client = client_for(request, "admin")
    response = client.post(
        "/membres/importer/", {"association": association.pk, "file": upload(HEADER + "A,Kita,2008,F,,\n")}
    )
    assert "Kita" in response.content.decode() and 'name="token"' in response.content.decode()


def first_code(staff, association):
    values = {"display_name": "Fanta Traoré", "section": "bamako", "birth_year": 2009, "gender": "female"}
    return onboarding.member_create(actor=staff, association=association, values=values)


def test_first_login_sets_password_then_logs_in(client, staff, association, bamako):
    issued = first_code(staff, association)
    assert client.get("/accounts/code/").status_code == 200
    response = client.post("/accounts/code/", {"username": issued.username, "code": issued.code})
    assert response.status_code == 302 and response["Location"] == "/accounts/code/mot-de-passe/"
    assert "_auth_user_id" not in client.session  # not logged in before choosing a password

    response = client.post(
        "/accounts/code/mot-de-passe/", {"new_password1": "motdepasse", "new_password2": "motdepasse"}
    )
    assert response.status_code == 400 and "_auth_user_id" not in client.session
    assert OneTimeCode.objects.get(user__username=issued.username).used_at is None

    good = "tambour-bleu-2026"
    response = client.post("/accounts/code/mot-de-passe/", {"new_password1": good, "new_password2": good})
    assert response.status_code == 302
    user = User.objects.get(username=issued.username)
    assert client.session["_auth_user_id"] == str(user.pk)
    assert not user.must_set_password and user.check_password(good)
    assert OneTimeCode.objects.get(user=user).used_at is not None

    client.logout()
    response = client.post("/accounts/code/", {"username": issued.username, "code": issued.code})
    assert "déjà été utilisé" in response.content.decode()
    assert client.post("/accounts/login/", {"username": issued.username, "password": good}).status_code == 302


def test_password_step_needs_a_checked_code(client, staff, association, bamako):
    response = client.get("/accounts/code/mot-de-passe/")
    assert response.status_code == 302 and response["Location"] == "/accounts/code/"


def test_password_step_rechecks_the_code(client, staff, association, bamako):
    issued = first_code(staff, association)
    client.post("/accounts/code/", {"username": issued.username, "code": issued.code})
    onboarding.code_issue(actor=staff, membership=Membership.objects.get(pk=issued.membership_id))
    good = "tambour-bleu-2026"
    response = client.post("/accounts/code/mot-de-passe/", {"new_password1": good, "new_password2": good})
    assert response.status_code == 302 and response["Location"] == "/accounts/code/"
    assert "_auth_user_id" not in client.session
    assert not User.objects.get(username=issued.username).has_usable_password()


def test_wrong_code_and_lockout_pages(client, staff, association, bamako, settings):
    settings.AXES_FAILURE_LIMIT = 2
    issued = first_code(staff, association)
    response = client.post("/accounts/code/", {"username": issued.username, "code": "AAAA-AAAA"})
    assert response.status_code == 200 and 'role="alert"' in response.content.decode()
    client.post("/accounts/code/", {"username": issued.username, "code": "AAAA-AAAA"})
    response = client.post("/accounts/code/", {"username": issued.username, "code": issued.code})
    assert response.status_code == 429 and "_auth_user_id" not in client.session


def test_login_page_links_to_first_login(client, site_tree):
    html = client.get("/accounts/login/").content.decode()
    assert 'href="/accounts/code/"' in html and "J'ai un code / première connexion" in html


def test_first_login_pages_fit_the_budget(client, staff, association, bamako):
    issued = first_code(staff, association)
    page = client.get("/accounts/code/").content
    assert page_weight(page)["total"] <= PAGE_BUDGET_BYTES and external_urls(page.decode()) == []
    client.post("/accounts/code/", {"username": issued.username, "code": issued.code})
    page = client.get("/accounts/code/mot-de-passe/").content
    assert page_weight(page)["total"] <= PAGE_BUDGET_BYTES and external_urls(page.decode()) == []


def test_checked_code_is_forgotten_after_half_an_hour(client, staff, association, bamako, monkeypatch):
    from associations.views import onboarding as views

    issued = first_code(staff, association)
    client.post("/accounts/code/", {"username": issued.username, "code": issued.code})
    now = views.time.time()
    monkeypatch.setattr(views.time, "time", lambda: now + 31 * 60)
    good = "tambour-bleu-2026"
    response = client.post("/accounts/code/mot-de-passe/", {"new_password1": good, "new_password2": good})
    assert response.status_code == 302 and response["Location"] == "/accounts/code/"
    assert not User.objects.get(username=issued.username).has_usable_password()


def test_sheet_disappears_after_twelve_hours(staff_client, other_youth, monkeypatch):
    from associations.views import onboarding as views

    membership = Membership.objects.get(user=other_youth)
    location = staff_client.post(f"/membres/{membership.pk}/nouveau-code/")["Location"]
    now = views.time.time()
    monkeypatch.setattr(views.time, "time", lambda: now + 12 * 3600 + 1)
    response = staff_client.get(location)
    assert response.status_code == 404 and not CODE.findall(response.content.decode())
