"""Pathway records: recorded by the staff of the youth's site, audited, shown to the youth read-only,
exported and erased with the member; the poll page shows what a decision led to."""

import datetime
import json

import pytest
from django.contrib.contenttypes.models import ContentType
from wagtail.models import ModelLogEntry

from associations.models import Membership
from associations.services.members import member_erase
from indicators.models import Pathway
from tests.votes.conftest import build_poll

pytestmark = pytest.mark.django_db


def _log(action):
    return ModelLogEntry.objects.filter(content_type=ContentType.objects.get_for_model(Pathway), action=action)


def _form(youth, **values):
    data = {
        "member": Membership.objects.get(user=youth).pk,
        "status": "internship",
        "sector": "mechanics",
        "partner": "Garage Keita",
        "started_on": "2026-03-01",
        "poll": "",
    }
    data.update(values)
    return data


def test_staff_record_a_step_and_the_youth_reads_who_recorded_it(client, staff, youth):
    client.force_login(staff)
    response = client.post("/parcours/", _form(youth))
    assert response.status_code == 302
    step = Pathway.objects.get(member=youth)
    assert (step.status, step.sector, step.recorded_by) == ("internship", "mechanics", staff)
    entry = _log("ton.pathway.create").get()
    assert entry.user == staff and entry.data["member"] == youth.pk
    client.force_login(youth)
    assert "/mon-espace/parcours/" in client.get("/mon-espace/").content.decode()
    page = client.get("/mon-espace/parcours/").content.decode()
    assert "Garage Keita" in page and "Éducatrice B." in page  # the name every member sees


def test_a_training_needs_its_sector_and_other_sites_cannot_record(client, staff, kita_staff, youth):
    client.force_login(staff)
    assert client.post("/parcours/", _form(youth, status="training", sector="")).status_code == 400
    client.force_login(kita_staff)
    assert client.post("/parcours/", _form(youth)).status_code == 400  # not one of Kita's youths
    assert not Pathway.objects.exists()


def test_api_create_correct_delete_each_audited(api_client, staff, kita_staff, youth):
    api_client.force_authenticate(staff)
    created = api_client.post(
        "/api/v1/pathways/", {"member": youth.pk, "status": "seeking", "started_on": "2026-01-10"}, format="json"
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    patched = api_client.patch(f"/api/v1/pathways/{pk}/", {"started_on": "2026-01-12"}, format="json")
    assert patched.json()["started_on"] == "2026-01-12"
    bad = api_client.patch(f"/api/v1/pathways/{pk}/", {"status": "training"}, format="json")
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "sector_required"
    api_client.force_authenticate(kita_staff)
    assert (
        api_client.post(
            "/api/v1/pathways/", {"member": youth.pk, "status": "seeking", "started_on": "2026-01-10"}, format="json"
        ).status_code
        == 403
    )
    assert api_client.delete(f"/api/v1/pathways/{pk}/").status_code == 404
    api_client.force_authenticate(staff)
    assert api_client.delete(f"/api/v1/pathways/{pk}/").status_code == 204
    assert [_log(a).count() for a in ("ton.pathway.create", "ton.pathway.update", "ton.pathway.delete")] == [1, 1, 1]


def test_export_and_erasure_carry_the_pathway(client, staff, youth, association, bamako):
    Pathway.objects.create(
        member=youth,
        association=association,
        section=bamako,
        status="training",
        sector="digital",
        started_on=datetime.date(2026, 2, 1),
        recorded_by=staff,
    )
    client.force_login(youth)
    data = json.loads(client.get("/mon-espace/donnees.json").content)
    assert data["insertion_pathways"][0]["status"] == "training"
    assert data["insertion_pathways"][0]["recorded_by"] == "Éducatrice B."
    member_erase(actor=staff, membership=Membership.objects.get(user=youth))
    assert not Pathway.objects.filter(member=youth).exists()


def test_erasure_strips_the_audited_details(api_client, staff, youth):
    api_client.force_authenticate(staff)
    api_client.post(
        "/api/v1/pathways/",
        {
            "member": youth.pk,
            "status": "internship",
            "sector": "crafts",
            "partner": "Atelier Traoré",
            "started_on": "2026-01-10",
        },
        format="json",
    )
    member_erase(actor=staff, membership=Membership.objects.get(user=youth))
    assert "Atelier Traoré" not in json.dumps(list(_log("ton.pathway.create").values_list("data", flat=True)))
    assert set(_log("ton.pathway.create").values_list("label", flat=True)) == {"—"}


def test_poll_page_shows_places_obtained_once_closed(client, association, bamako, staff, youth):
    poll = build_poll(association, state="closed", topic="training", title="Filières")
    members = [youth]
    from tests.factories import member_of

    members += [member_of(bamako) for _ in range(5)]
    for person in members:
        Pathway.objects.create(
            member=person,
            association=association,
            section=bamako,
            status="training",
            sector="digital",
            started_on=datetime.date(2026, 2, 1),
            poll=poll,
        )
    client.force_login(youth)
    page = client.get(f"/sondages/{poll.pk}/").content.decode()
    assert 'id="places"' in page and "6" in page
    Pathway.objects.filter(poll=poll).exclude(member=youth).delete()
    page = client.get(f"/sondages/{poll.pk}/").content.decode()
    assert "Fewer than 5" in page or "Moins de 5" in page
    open_poll = build_poll(association, state="open", topic="training", title="Ouvert")
    Pathway.objects.filter(poll=poll).update(poll=open_poll)
    assert 'id="places"' not in client.get(f"/sondages/{open_poll.pk}/").content.decode()
