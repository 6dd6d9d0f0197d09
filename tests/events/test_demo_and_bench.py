"""Demo events (idempotent, per section, upcoming and past) and the bench data behind the bench targets."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from bench.apps.events import BENCH_EVENT_ID
from events.models import Event, Registration

pytestmark = pytest.mark.django_db


def test_demo_events_per_section_with_registrations_and_idempotent(client):
    call_command("seed_demo", verbosity=0)
    counts = (Event.objects.count(), Registration.objects.count())
    call_command("seed_demo", verbosity=0)
    assert (Event.objects.count(), Registration.objects.count()) == counts
    now = timezone.now()
    for slug in ("bamako", "kita", "mopti", "sanankoroba"):
        events = Event.objects.filter(section__slug=slug)
        assert events.filter(starts_at__gt=now).count() >= 2
        assert events.filter(ends_at__lte=now).count() >= 1
    assert Event.objects.filter(section__isnull=True).exists()
    assert Registration.objects.filter(status="waitlisted").exists()
    assert Registration.objects.filter(checked_in_at__isnull=False).exists()
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="youth.bamako.01"))
    html = client.get("/evenements/").content.decode()
    assert "Atelier CV" in html and "Journée culturelle" in html


def test_bench_data_is_idempotent_and_registers_the_bench_viewer(client):
    call_command("seed_demo", verbosity=0)
    call_command("seed_bench", scale=1, verbosity=0)
    counts = (Event.objects.count(), Registration.objects.count())
    call_command("seed_bench", scale=1, verbosity=0)
    assert (Event.objects.count(), Registration.objects.count()) == counts
    assert Registration.objects.filter(event_id=BENCH_EVENT_ID, member__username="youth.bamako.01").exists()
