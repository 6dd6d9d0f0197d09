"""config.html_errors: one translation of domain errors for every HTML view (the API's is config.api.exceptions)."""

import json
from datetime import timedelta

import pytest
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.test import RequestFactory
from django.utils import timezone

from config.errors import Conflict, DomainError, Forbidden, NotFound
from config.html_errors import domain_errors, form_errors
from events.models import Event, EventStatus


def _request(method="post", path="/x/", data=None, **headers):
    request = getattr(RequestFactory(), method)(path, data or {}, **headers)
    request.session = SessionStore()
    request.user = AnonymousUser()
    request._messages = FallbackStorage(request)
    return request


def _raising(error):
    def view(request, pk):
        raise error

    return view


def test_not_found_is_the_404_page_and_forbidden_the_403_page_with_the_reason():
    with pytest.raises(Http404):
        domain_errors(_raising(NotFound()))(_request(), pk=1)
    with pytest.raises(PermissionDenied) as refused:
        domain_errors(_raising(Forbidden("Réservé au staff.")))(_request(), pk=1)
    assert str(refused.value) == "Réservé au staff."


def test_a_refused_button_is_a_message_and_a_redirect_back():
    view = domain_errors(_raising(Conflict("Déjà fait.")), back="events:detail")
    request = _request()
    response = view(request, pk=7)
    assert (response.status_code, response["Location"]) == (302, "/evenements/7/")
    assert [str(m) for m in get_messages(request)] == ["Déjà fait."]
    # A same-site `next` wins; another site's does not.
    assert view(_request(data={"next": "/moderation/?page=2"}), pk=7)["Location"] == "/moderation/?page=2"
    assert view(_request(data={"next": "https://evil.example/"}), pk=7)["Location"] == "/evenements/7/"


def test_a_refused_read_is_a_page_with_the_reason_and_the_errors_status(db):
    response = domain_errors(_raising(DomainError("Période inconnue.")))(_request("get"), pk=1)
    assert response.status_code == 400 and "Période inconnue." in response.content.decode()


def test_a_client_asking_for_json_gets_the_api_error_shape():
    view = domain_errors(_raising(NotFound("Introuvable.")))
    response = view(_request(HTTP_ACCEPT="application/json"), pk=1)
    assert response.status_code == 404
    assert json.loads(response.content) == {"error": {"status": 404, "code": "not_found", "message": "Introuvable."}}


class _Form(forms.Form):
    name = forms.CharField()
    code = forms.CharField()


def test_form_errors_keeps_what_was_typed_and_puts_the_refusal_on_the_form():
    form = _Form({"name": "Awa", "code": "ABC"})
    assert form.is_valid()
    with form_errors(form) as refused:
        raise Conflict("Complet.")
    assert refused.status == 409 and form.non_field_errors() == ["Complet."]
    assert form["name"].value() == "Awa"  # shown again as typed


def test_form_errors_puts_per_field_messages_on_their_fields_and_lets_404_403_through():
    class RowRefused(DomainError):
        def __init__(self):
            super().__init__("invalide")
            self.errors = [("code", "Code inconnu."), ("unknown", "Autre chose.")]

    form = _Form({"name": "Awa", "code": "ABC"})
    form.is_valid()
    with form_errors(form):
        raise RowRefused()
    assert form.errors["code"] == ["Code inconnu."] and form.non_field_errors() == ["Autre chose."]
    for error, page in ((NotFound(), Http404), (Forbidden("non"), PermissionDenied)):
        with pytest.raises(page), form_errors(_Form({})):
            raise error


def test_form_errors_lets_the_block_finish_when_nothing_is_refused():
    with form_errors(_Form({})) as refused:
        HttpResponse("ok")
    assert refused.error is None and refused.status == 200


def test_event_form_refused_by_the_service_keeps_the_input(client, site_tree, leader):
    """The form accepts the dates; the service refuses a registration window closing after the event."""
    client.force_login(leader)
    starts = timezone.localtime() + timedelta(days=3)
    fmt = "%Y-%m-%dT%H:%M"
    response = client.post(
        "/evenements/nouveau/",
        {
            "title": "Tournoi de dames",
            "kind": "workshop",
            "starts_at": starts.strftime(fmt),
            "ends_at": (starts + timedelta(hours=2)).strftime(fmt),
            "registration_closes_at": (starts + timedelta(days=1)).strftime(fmt),
        },
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Tournoi de dames" in html  # what the member typed is still there
    assert "Les inscriptions doivent fermer avant la fin de l&#x27;événement." in html
    assert not Event.objects.exists()


def test_api_maps_a_domain_not_found_to_404(api_client, youth, make_event_elsewhere):
    api_client.force_authenticate(youth)
    response = api_client.get(f"/api/v1/events/{make_event_elsewhere.pk}/")
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"


@pytest.fixture
def make_event_elsewhere(elsewhere, foreign_staff):
    starts = timezone.now() + timedelta(days=2)
    return Event.objects.create(
        association=elsewhere.association,
        section=elsewhere,
        title="Ailleurs",
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
        status=EventStatus.PUBLISHED,
        created_by=foreign_staff,
    )
