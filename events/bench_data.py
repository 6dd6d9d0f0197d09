"""Benchmark data for events at a scale factor (on top of seed_demo): many events and registrations, and
one bench event with a fixed id that the bench targets name."""

from datetime import timedelta

from django.utils import timezone

from associations.models import Association, Section, User
from events.bench_ids import BENCH_EVENT_ID
from events.models import Event, EventStatus, Registration, RegistrationStatus

EVENTS_PER_SCALE = 40
REGISTRANTS_PER_EVENT = 25


def seed(scale: int, log) -> None:
    association = Association.objects.filter(slug="imaj-mali").first()
    bamako = Section.objects.filter(association=association, slug="bamako").first()
    if association is None or bamako is None:
        return
    leader = User.objects.filter(username="leader.bamako").first()
    youths = list(
        User.objects.filter(username__startswith="youth.bamako.").order_by("username")[:REGISTRANTS_PER_EVENT]
    )
    now = timezone.now()
    bench_event, _ = Event.objects.update_or_create(
        pk=BENCH_EVENT_ID,
        defaults={
            "association": association,
            "section": bamako,
            "title": "Événement du banc d'essai",
            "kind": "training",
            "place": "Centre des jeunes, Bamako",
            "description": "Formation de démonstration pour mesurer les pages.",
            "starts_at": now + timedelta(days=7),
            "ends_at": now + timedelta(days=7, hours=3),
            "capacity": 20,
            "status": EventStatus.PUBLISHED,
            "created_by": leader,
        },
    )
    if leader is not None:
        bench_event.organisers.add(leader)
    events = [bench_event]
    wanted = EVENTS_PER_SCALE * scale
    have = Event.objects.filter(association=association, title__startswith="Banc d'essai ").count()
    new = [
        Event(
            association=association,
            section=bamako,
            title=f"Banc d'essai {n}",
            kind="meeting",
            starts_at=now + timedelta(days=2 + n % 60, hours=n % 7),
            ends_at=now + timedelta(days=2 + n % 60, hours=n % 7 + 2),
            capacity=20,
            status=EventStatus.PUBLISHED,
            created_by=leader,
        )
        for n in range(have, wanted)
    ]
    events += Event.objects.bulk_create(new)
    rows = []
    for event in events:
        for index, youth in enumerate(youths):
            confirmed = index < 20
            rows.append(
                Registration(
                    event=event,
                    member=youth,
                    status=RegistrationStatus.CONFIRMED if confirmed else RegistrationStatus.WAITLISTED,
                    waitlist_number=None if confirmed else index - 19,
                    code=f"B{index:05d}",
                )
            )
    Registration.objects.bulk_create(rows, ignore_conflicts=True)
    log(f"events: bench event {BENCH_EVENT_ID}, {len(new)} more events, registrations for {len(youths)} youths")
