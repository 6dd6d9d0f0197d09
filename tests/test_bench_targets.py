"""The bench must keep working as pages change: every target answers, and the load generator counts."""

import pytest
from django.core.management import call_command

from bench.apps import TARGETS
from bench.load import load

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("target", TARGETS, ids=lambda t: t.name)
def test_every_bench_target_answers(client, target):
    call_command("seed_demo", verbosity=0)
    call_command("seed_bench", scale=1, verbosity=0)
    if target.viewer:
        from django.contrib.auth import get_user_model

        client.force_login(get_user_model().objects.get(username=target.viewer))
    assert client.generic(target.method, target.path).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_load_generator_counts_responses(asgi_live_server):
    result = load("127.0.0.1", asgi_live_server.port, "/", concurrency=2, seconds=0.5)
    assert result["requests"] > 0
    assert set(result["statuses"]) == {200}


def test_load_generator_refuses_other_hosts():
    with pytest.raises(ValueError):
        load("10.0.0.1", 80, "/", seconds=0.1)


def test_vote_target_casts_a_real_vote_with_a_fresh_voter():
    from bench.targets import vote_target
    from bench.votes_bench import seed, vote_queries
    from votes.models import Participation

    seeded = seed(3, 0)
    target = vote_target(seeded)
    assert target.method == "POST" and target.path == f"/api/v1/polls/{seeded['poll']}/vote/"
    queries, status = vote_queries(seeded)
    assert status == 201
    assert queries > 0
    assert Participation.objects.filter(poll_id=seeded["poll"]).count() == 1
