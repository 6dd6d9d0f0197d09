"""What `make bench` measures for events. The bench event has a fixed id (see bench_data.py), so the
targets can name it before the database exists."""

from bench.targets import Target
from events.bench_ids import BENCH_EVENT_ID

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
