"""Fixtures of the events suite: an event factory relative to now (no frozen clock needed)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from events.models import Event, EventStatus


@pytest.fixture
def make_event(association, bamako, leader):
    def make(**fields):
        now = timezone.now()
        starts = fields.pop("starts_at", now + timedelta(days=3))
        values = {
            "association": association,
            "section": bamako,
            "title": "Atelier CV",
            "kind": "workshop",
            "place": "Centre des jeunes",
            "starts_at": starts,
            "ends_at": starts + timedelta(hours=2),
            "status": EventStatus.PUBLISHED,
            "created_by": leader,
        }
        values.update(fields)
        organisers = values.pop("organisers", [leader])
        sections = values.pop("audience_sections", [])
        event = Event.objects.create(**values)
        event.organisers.set(organisers)
        event.audience_sections.set(sections)
        return event

    return make


@pytest.fixture
def event(make_event):
    return make_event(capacity=2)
