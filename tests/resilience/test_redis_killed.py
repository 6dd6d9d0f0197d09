"""Redis killed mid-run (a redis-server of this test's own): pages, login, votes, registrations and the API
keep answering (0 × 5xx) and nothing acknowledged is lost; once Redis is back, live updates resume by
themselves within 5 s for a client that reconnects like votes/static/votes/live.js."""

import asyncio
import json
import time
from datetime import timedelta

import httpx
import pytest
import websockets
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.utils import timezone

from events.models import Event, EventStatus, Registration
from tests.factories import member_of
from tests.resilience.conftest import session_cookie, token_for
from tests.votes.conftest import build_poll, option_ids
from votes.models import Participation, Visibility

pytestmark = [pytest.mark.resilience, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

PASSWORD = "mot-de-passe-solide-42"
PAGES = ["/", "/accounts/login/", "/evenements/", "/sondages/", "/activites/"]


def _world(association, bamako, leader):
    starts = timezone.now() + timedelta(days=3)
    event = Event.objects.create(
        association=association,
        section=bamako,
        title="Atelier",
        kind="workshop",
        place="Centre",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        status=EventStatus.PUBLISHED,
        created_by=leader,
        capacity=100,
    )
    poll = build_poll(association, results_visibility=Visibility.LIVE)
    youths = [member_of(bamako) for _ in range(12)]
    # The server runs with the production hashers (the test process uses a fast one).
    hasher = PBKDF2PasswordHasher()
    youths[0].password = hasher.encode(PASSWORD, hasher.salt())
    youths[0].save(update_fields=["password"])
    return event, poll, youths


def _use_the_site(url, event, poll, youths, round_no) -> tuple[list[int], list]:
    """Pages (visitor and member), a password login, a vote and a registration through the API and pages."""
    statuses, acknowledged = [], []
    with httpx.Client(base_url=url, timeout=30) as visitor:
        statuses += [visitor.get(path).status_code for path in PAGES]
        statuses.append(visitor.get("/api/v1/activities/").status_code)
        token = visitor.get("/accounts/login/").cookies.get("csrftoken", "")
        login = visitor.post(
            "/accounts/login/",
            data={"username": youths[0].username, "password": PASSWORD, "csrfmiddlewaretoken": token},
            headers={"Referer": f"{url}/accounts/login/"},
        )
        statuses.append(login.status_code)
        assert login.status_code == 302, "the password login must work without Redis"
        statuses += [visitor.get(path).status_code for path in PAGES]
    voter, registrant = youths[1 + 2 * round_no], youths[2 + 2 * round_no]
    with httpx.Client(base_url=url, timeout=30) as api:
        vote = api.post(
            f"/api/v1/polls/{poll.pk}/vote/", json={"choices": [option_ids(poll)[0]]}, headers=token_for(voter)
        )
        registration = api.post(f"/api/v1/events/{event.pk}/registration/", headers=token_for(registrant))
        statuses += [
            vote.status_code,
            registration.status_code,
            api.get("/api/v1/polls/", headers=token_for(voter)).status_code,
        ]
    if vote.status_code == 201:
        acknowledged.append(("vote", voter.pk))
    if registration.status_code == 201:
        acknowledged.append(("registration", registrant.pk))
    return statuses, acknowledged


async def _update_after_vote(server, poll, choice, cookie, vote_headers, deadline: float) -> float:
    """Reconnect (as live.js does) until a socket is in, then vote and wait for the update; seconds taken."""
    started = time.monotonic()
    headers = {"Cookie": cookie, "Origin": server.url}
    while time.monotonic() - started < deadline:
        try:
            async with websockets.connect(f"{server.ws_url}/ws/polls/{poll.pk}/", additional_headers=headers) as ws:
                first = json.loads(await asyncio.wait_for(ws.recv(), 2))
                async with httpx.AsyncClient(base_url=server.url, timeout=10) as api:
                    vote = await api.post(
                        f"/api/v1/polls/{poll.pk}/vote/",
                        json={"choices": [choice]},
                        headers=vote_headers,
                    )
                assert vote.status_code == 201
                while True:
                    message = json.loads(await asyncio.wait_for(ws.recv(), deadline))
                    if message.get("voted", 0) > first.get("voted", 0):
                        return time.monotonic() - started
        except (OSError, websockets.exceptions.WebSocketException, TimeoutError):
            await asyncio.sleep(0.25)
    raise AssertionError("live updates did not resume")


def test_redis_killed_mid_run(servers, redis_server, association, bamako, leader):
    server = servers(redis_url=redis_server.url)
    event, poll, youths = _world(association, bamako, leader)
    before, acknowledged = _use_the_site(server.url, event, poll, youths, 0)

    redis_server.stop()
    during, more = _use_the_site(server.url, event, poll, youths, 1)
    acknowledged += more
    during2, more = _use_the_site(server.url, event, poll, youths, 2)
    acknowledged += more

    redis_server.start()
    cookie, vote_headers = session_cookie(youths[-1]), token_for(youths[-2])
    seconds = asyncio.run(_update_after_vote(server, poll, option_ids(poll)[0], cookie, vote_headers, deadline=5))
    after, more = _use_the_site(server.url, event, poll, youths, 3)
    acknowledged += more

    statuses = before + during + during2 + after
    print(
        f"redis killed: {len(statuses)} requests, 5xx {sum(s >= 500 for s in statuses)}, "
        f"{len(acknowledged)} acknowledged writes, live again after {seconds:.1f} s"
    )
    assert [s for s in statuses if s >= 500] == []
    assert len(acknowledged) == 8  # every vote and registration of the 4 rounds was acknowledged...
    for kind, user_id in acknowledged:  # ...and is there
        model = Participation.objects.filter(poll=poll) if kind == "vote" else Registration.objects.filter(event=event)
        assert model.filter(member_id=user_id).exists(), (kind, user_id)
