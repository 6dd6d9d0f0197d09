"""What `make bench` measures for votes, and a ranked poll with a fixed id: every demo youth and leader but
one has voted.

The vote endpoint itself and the live fan-out are measured by bench/votes_bench.py.
"""

import datetime
import random

from django.utils import timezone

from associations.models import Association, Role, User
from bench.targets import Target
from votes.models import Ballot, Kind, Option, Participation, Poll, Visibility
from votes.services.receipts import receipt_for

BENCH_POLL_ID = 900_001

TARGETS = [
    Target("poll list (youth)", "/sondages/", viewer="youth.bamako.01"),
    Target("poll page (youth)", f"/sondages/{BENCH_POLL_ID}/", viewer="youth.bamako.01"),
    Target("API poll results", f"/api/v1/polls/{BENCH_POLL_ID}/results/", viewer="youth.bamako.01", html=False),
]


def seed(scale: int, log) -> None:
    association = Association.objects.filter(slug="imaj-mali").first()
    if association is None or Poll.objects.filter(pk=BENCH_POLL_ID).exists():
        return
    now = timezone.now()
    poll = Poll.objects.create(
        pk=BENCH_POLL_ID,
        association=association,
        title="Sondage de mesure",
        question="Quelle filière ?",
        kind=Kind.RANKED,
        opens_at=now - datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=365),
        published=True,
        results_visibility=Visibility.LIVE,
        # The bench reads live results as any member would: shown to all, not held back until they vote.
        results_after_voting=False,
    )
    options = Option.objects.bulk_create(Option(poll=poll, label=f"Filière {n}", position=n) for n in range(6))
    ids = [option.pk for option in options]
    voters = list(
        User.objects.filter(memberships__association=association, memberships__role__in=[Role.YOUTH, Role.LEADER])
        .exclude(username="youth.bamako.01")
        .values_list("pk", flat=True)
    )
    rng = random.Random(scale)
    Participation.objects.bulk_create(Participation(poll=poll, member_id=pk) for pk in voters)
    ballots = []
    for _ in voters:
        ballot = Ballot(poll=poll, content=rng.sample(ids, rng.randint(1, len(ids))))
        ballot.receipt = receipt_for(ballot.id)
        ballots.append(ballot)
    Ballot.objects.bulk_create(ballots)
    log(f"votes: bench poll {BENCH_POLL_ID} with {len(ballots)} ballots")
