"""Pages `make bench` measures for votes. The poll has a fixed id, created by votes/bench_data.py."""

from bench.targets import Target
from votes.bench_ids import BENCH_POLL_ID

TARGETS = [
    Target("poll list (youth)", "/sondages/", viewer="youth.bamako.01"),
    Target("poll page (youth)", f"/sondages/{BENCH_POLL_ID}/", viewer="youth.bamako.01"),
    Target("API poll results", f"/api/v1/polls/{BENCH_POLL_ID}/results/", viewer="youth.bamako.01", html=False),
]
