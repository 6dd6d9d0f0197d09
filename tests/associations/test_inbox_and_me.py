import pytest
from django.db import transaction

from associations.models import Membership, Notification, Role
from associations.services.notifications import notify

pytestmark = pytest.mark.django_db


def test_unread_count_in_header_and_mark_read(client, youth, other_youth, site_tree):
    notify([youth], kind="test", message="Bienvenue", url="/")
    notify([youth], kind="test", message="Deuxième")
    client.force_login(youth)
    html = client.get("/").content.decode()
    assert 'class="badge"' in html and ">2<" in html
    inbox = client.get("/notifications/").content.decode()
    assert "Bienvenue" in inbox and "Deuxième" in inbox
    first = Notification.objects.get(text="Bienvenue")
    assert client.post(f"/notifications/{first.pk}/lu/").status_code == 302
    assert Notification.objects.get(pk=first.pk).read_at is not None
    client.post("/notifications/tout-lu/")
    assert not Notification.objects.filter(recipient=youth, read_at__isnull=True).exists()
    assert 'class="badge"' not in client.get("/").content.decode()


def test_nobody_reads_or_marks_another_members_notifications(client, api_client, youth, other_youth):
    (secret,) = notify([youth], kind="test", message="Pour Awa seulement")
    client.force_login(other_youth)
    assert "Pour Awa" not in client.get("/notifications/").content.decode()
    client.post(f"/notifications/{secret.pk}/lu/")
    assert Notification.objects.get(pk=secret.pk).read_at is None
    api_client.force_authenticate(other_youth)
    assert api_client.get("/api/v1/notifications/").json()["results"] == []
    assert api_client.post(f"/api/v1/notifications/{secret.pk}/read/").status_code == 404


def test_notifications_api(api_client, youth):
    notify([youth], kind="test", message="Un")
    api_client.force_authenticate(youth)
    rows = api_client.get("/api/v1/notifications/").json()["results"]
    assert [(r["text"], r["read"]) for r in rows] == [("Un", False)]
    assert api_client.post(f"/api/v1/notifications/{rows[0]['id']}/read/").json() == {"marked": 1}
    assert api_client.post("/api/v1/notifications/read-all/").json() == {"marked": 0}


def test_notification_text_in_the_recipients_language(youth, other_youth):
    from django.utils.translation import gettext_lazy as _

    other_youth.language = "en"
    other_youth.save()
    notify([youth, other_youth], kind="test", message=_("Your account is active again."))
    texts = dict(Notification.objects.values_list("recipient__username", "text"))
    assert texts == {"youth": "Ton compte est de nouveau actif.", "youth2": "Your account is active again."}


def test_notify_pushes_only_after_commit(youth, monkeypatch, django_capture_on_commit_callbacks):
    pushed = []
    monkeypatch.setattr("associations.services.notifications._deliver", lambda items: pushed.extend(items))
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            notify([youth], kind="test", message="x")
        assert pushed == []
    assert [n.text for n in pushed] == ["x"]


def test_email_copy_is_queued_after_commit_never_sent_in_the_request(
    youth, other_youth, settings, mailoutbox, django_capture_on_commit_callbacks
):
    from django_tasks import task_backends

    youth.email = "awa@example.org"
    youth.save()
    # With a queue backend (production: the database queue) the request only enqueues; a worker sends.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        notify([youth, other_youth], kind="test", message="Atelier demain")
        assert task_backends["default"].results == []  # nothing before the commit
    (queued,) = task_backends["default"].results
    assert mailoutbox == [] and queued.task.name == "notifications_email"
    # What the worker runs: one e-mail, to the member who has an address.
    assert queued.task.call(*queued.args, **queued.kwargs) == 1
    assert [(m.to, m.subject) for m in mailoutbox] == [(["awa@example.org"], "Atelier demain")]
    assert "Atelier demain" in mailoutbox[0].body


def test_profile_change_and_language_cookie(client, youth):
    client.force_login(youth)
    response = client.post("/mon-espace/", {"display_name": "  Awa   Keita ", "language": "en"})
    assert response.status_code == 302
    assert response.cookies["ton_language"].value == "en"
    youth.refresh_from_db()
    assert (youth.display_name, youth.language) == ("Awa Keita", "en")
    bad = client.post("/mon-espace/", {"display_name": "", "language": "xx"})
    assert bad.status_code == 400


def test_data_export_contains_own_data_only(client, youth, other_youth):
    youth.phone = "+22376000000"
    youth.save()
    notify([other_youth], kind="test", message="pas pour toi")
    client.force_login(youth)
    data = client.get("/mon-espace/donnees.json").json()
    assert data["phone"] == "+22376000000"
    assert data["memberships"][0]["section"] == "Bamako"
    assert "pas pour toi" not in str(data)


def test_me_patch_ignores_forbidden_fields(api_client, youth):
    api_client.force_authenticate(youth)
    response = api_client.patch(
        "/api/v1/me/",
        {"display_name": "Awa K", "is_staff": True, "is_superuser": True, "username": "root", "role": "staff"},
        format="json",
    )
    assert response.status_code == 200
    youth.refresh_from_db()
    assert (youth.display_name, youth.is_staff, youth.is_superuser, youth.username) == ("Awa K", False, False, "youth")
    assert Membership.objects.get(user=youth).role == Role.YOUTH
    assert api_client.patch("/api/v1/me/", {"language": "de"}, format="json").status_code == 400
    assert api_client.put("/api/v1/me/", {"display_name": "x"}, format="json").status_code == 405


def test_warning_reaches_each_member_in_their_own_language(staff, other_youth):
    from django.utils import translation

    from associations.services.members import member_warn

    other_youth.language = "en"
    other_youth.save()
    with translation.override("fr"):  # the staff member works in French
        member_warn(actor=staff, membership=Membership.objects.get(user=other_youth), reason="Sois poli")
    assert Notification.objects.get(recipient=other_youth).text == "Warning from the staff: Sois poli"


def test_the_header_switch_is_the_language_of_my_space(client, youth):
    client.force_login(youth)
    assert client.post("/i18n/setlang/", {"language": "en", "next": "/mon-espace/"}).status_code == 302
    youth.refresh_from_db()
    assert youth.language == "en"
    page = client.get("/mon-espace/").content.decode()
    assert '<option value="en" selected>' in page
    client.post("/i18n/setlang/", {"language": "xx", "next": "/"})
    youth.refresh_from_db()
    assert youth.language == "en"
