"""What `make bench` measures for events, and its data at a scale factor (on top of seed_demo): many events
and registrations, and one bench event with a fixed id that the targets name before the database exists."""

from datetime import timedelta

from django.utils import timezone

from associations.models import Association, Section, User
from bench.targets import Target
from events.models import Event, EventStatus, Registration, RegistrationStatus

BENCH_EVENT_ID = 900_001
EVENTS_PER_SCALE = 40
REGISTRANTS_PER_EVENT = 25

TARGETS = [
    Target("event list (youth)", "/evenements/", viewer="youth.bamako.01"),
    Target("event page (youth)", f"/evenements/{BENCH_EVENT_ID}/", viewer="youth.bamako.01"),
    Target("event registrants (leader)", f"/evenements/{BENCH_EVENT_ID}/inscrits/", viewer="leader.bamako"),
    # The registration endpoint: reading one's own registration (the load generator sends no CSRF token,
    # so the POST cannot be replayed by it; the POST's cost is the same lock + count, measured in tests).
    Target(
        "API event registration (youth)",
        f"/api/v1/events/{BENCH_EVENT_ID}/registration/",
        viewer="youth.bamako.01",
        html=False,
    ),
]


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
