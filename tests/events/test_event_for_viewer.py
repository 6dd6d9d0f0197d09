"""events.selectors.event_for_viewer / require_event_visible: one read of an event for page, API and
services; EDITABLE, the one list of fields an organiser writes."""

import pytest

from config.errors import NotFound
from events import selectors
from events.api.serializers import EventCreateSerializer, EventPatchSerializer, EventWriteSerializer
from events.forms import EventForm
from events.models import EventStatus
from events.services.events import EDITABLE


def test_visible_event_comes_with_its_counts(event, youth):
    got = selectors.event_for_viewer(youth, event.pk)
    assert got == event and got.confirmed_count == 0 and got.places_left == 2
    selectors.require_event_visible(youth, event.pk)  # no error


@pytest.mark.parametrize(
    "who, status",
    [
        ("youth", EventStatus.DRAFT),  # a leader's draft
        ("youth", EventStatus.PENDING),  # awaiting approval
        ("foreign_staff", EventStatus.PUBLISHED),  # another association
        ("member", EventStatus.PUBLISHED),  # no association at all
    ],
)
def test_invisible_event_is_not_found(request, make_event, who, status):
    event = make_event(status=status)
    viewer = request.getfixturevalue(who)
    with pytest.raises(NotFound):
        selectors.event_for_viewer(viewer, event.pk)
    with pytest.raises(NotFound):
        selectors.require_event_visible(viewer, event.pk)


def test_missing_event_is_not_found(youth):
    with pytest.raises(NotFound):
        selectors.event_for_viewer(youth, 999999)


@pytest.mark.parametrize("case", ["missing", "draft", "other_association"])
def test_page_and_api_answer_the_same_for_the_same_event(
    client, api_client, site_tree, make_event, elsewhere, foreign_staff, youth, case
):
    event_id = {
        "missing": lambda: 999999,
        "draft": lambda: make_event(status=EventStatus.DRAFT).pk,
        "other_association": lambda: (
            make_event(
                association=elsewhere.association,
                section=elsewhere,
                created_by=foreign_staff,
                organisers=[foreign_staff],
            ).pk
        ),
    }[case]()
    client.force_login(youth)
    api_client.force_authenticate(youth)
    pairs = [
        (client.get(f"/evenements/{event_id}/"), api_client.get(f"/api/v1/events/{event_id}/")),
        (
            client.post(f"/evenements/{event_id}/inscription/"),
            api_client.post(f"/api/v1/events/{event_id}/registration/"),
        ),
        (
            client.post(f"/evenements/{event_id}/desinscription/"),
            api_client.delete(f"/api/v1/events/{event_id}/registration/"),
        ),
    ]
    for page, api in pairs:
        assert page.status_code == api.status_code == 404


def test_the_form_and_the_serializer_write_exactly_the_services_fields(association, event):
    relations = {"audience_sections", "organisers"}
    assert set(EventWriteSerializer().fields) == set(EDITABLE) | relations
    assert set(EventCreateSerializer().fields) == set(EDITABLE) | relations | {"association", "section", "draft"}
    assert set(EventPatchSerializer().fields) == set(EDITABLE) | relations | {"status", "cancel_reason"}
    form = EventForm(data={}, initial=EventForm.initial_for(event), association_id=association.pk)
    assert set(EDITABLE) <= set(form.fields)
    assert set(EDITABLE) <= set(EventForm.initial_for(event))
    form.cleaned_data = {"title": "x", "audience_roles": None}
    assert tuple(form.service_data()) == EDITABLE and form.service_data()["audience_roles"] == []
