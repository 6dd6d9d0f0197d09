"""Votes bench: the vote endpoint against the bare Django view, results over 100,000 ballots, and a
1,000-socket live fan-out next to a plain broadcast baseline, all in one run.

    python -m bench.votes_bench [--voters 3000] [--sockets 1000] [--ballots 100000] [--seconds 3] [--workers 1]

Uses DATABASE_URL / REDIS_URL when set (a temporary SQLite file and the in-memory layer otherwise). Without
Redis the server runs one worker (the in-memory channel layer does not cross processes) and the plain
broadcast baseline is skipped: it needs a layer shared with this process. Prints one JSON document.
"""

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.load import load
from bench.run import ROOT, bench_env, free_port, manage, start_server


def seed(voters: int, ballots: int) -> dict:
    """Runs inside Django (subprocess): members with API tokens, an open poll, a big closed poll."""
    import datetime
    import random

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils import timezone
    from rest_framework.authtoken.models import Token

    from associations.models import Association, Membership, Role, Section, User
    from votes import selectors
    from votes.models import Ballot, Kind, Option, Participation, Poll, Visibility
    from votes.services.receipts import receipt_for

    association = Association.objects.create(slug="bench-votes", name="Bench votes")
    section = Section.objects.create(association=association, slug="bench", name="Bench")
    users = User.objects.bulk_create(
        User(username=f"bench.voter.{n}", password="!", birth_year=2006) for n in range(voters + 1)
    )
    users = list(User.objects.filter(username__startswith="bench.voter.").order_by("pk"))
    Membership.objects.bulk_create(
        Membership(user=u, association=association, section=section, role=Role.YOUTH) for u in users
    )
    tokens = Token.objects.bulk_create(Token(user=u, key=Token.generate_key()) for u in users[1:])
    now = timezone.now()
    poll = Poll.objects.create(
        association=association,
        title="Bench live",
        question="?",
        kind=Kind.SINGLE,
        opens_at=now - datetime.timedelta(hours=1),
        closes_at=now + datetime.timedelta(days=1),
        published=True,
        results_visibility=Visibility.LIVE,
    )
    options = Option.objects.bulk_create(Option(poll=poll, label=f"Option {n}", position=n) for n in range(5))
    watcher = users[0]
    session = SessionStore()
    session[SESSION_KEY] = str(watcher.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = watcher.get_session_auth_hash()
    session.create()

    big = Poll.objects.create(
        association=association,
        title="Bench big",
        question="?",
        kind=Kind.RANKED,
        opens_at=now - datetime.timedelta(days=2),
        closes_at=now - datetime.timedelta(days=1),
        published=True,
    )
    created = Option.objects.bulk_create(Option(poll=big, label=f"F{n}", position=n) for n in range(6))
    big_options = [option.pk for option in created]
    rng = random.Random(6)
    rows = []
    for _ in range(ballots):
        ballot = Ballot(poll=big, content=rng.sample(big_options, rng.randint(1, 6)))
        ballot.receipt = receipt_for(ballot.id)
        rows.append(ballot)
    Ballot.objects.bulk_create(rows, batch_size=5000)
    Participation.objects.bulk_create(Participation(poll=big, member=u) for u in users)  # turnout figure only
    big = Poll.objects.prefetch_related("options", "sections").get(pk=big.pk)
    start = time.perf_counter()
    counted = selectors.poll_results(big)
    cold = time.perf_counter() - start
    start = time.perf_counter()
    selectors.poll_results(big)
    warm = time.perf_counter() - start
    return {
        "poll": poll.pk,
        "options": [o.pk for o in options],
        "tokens": [t.key for t in tokens],
        "session": session.session_key,
        "results": {
            "ballots": counted["ballots"],
            "rounds": len(counted["rounds"]),
            "cold_seconds": round(cold, 3),
            "cached_seconds": round(warm, 5),
        },
    }


def vote_queries(seeded: dict) -> tuple[int, int]:
    """SQL queries of one vote by a fresh voter, through the API (the voter is then spent)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    token = seeded["tokens"].pop()
    client = Client(HTTP_HOST="127.0.0.1", secure=True, HTTP_AUTHORIZATION=f"Token {token}")
    body = json.dumps({"choices": [seeded["options"][0]]})
    with CaptureQueriesContext(connection) as queries:
        response = client.post(f"/api/v1/polls/{seeded['poll']}/vote/", body, content_type="application/json")
    return len(queries), response.status_code


async def _vote_load(port, poll_id, option_ids, tokens, concurrency, seconds) -> dict:
    queue = list(reversed(tokens))
    counts: dict = {}
    body = json.dumps({"choices": [option_ids[0]]}).encode()
    deadline = time.monotonic() + seconds

    async def worker():
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            while queue and time.monotonic() < deadline:
                token = queue.pop()
                head = (
                    f"POST /api/v1/polls/{poll_id}/vote/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    f"Authorization: Token {token}\r\nContent-Type: application/json\r\n"
                    f"Content-Length: {len(body)}\r\n\r\n"
                ).encode()
                writer.write(head + body)
                await writer.drain()
                from bench.load import _read_response

                status = await _read_response(reader)
                counts[status] = counts.get(status, 0) + 1
        finally:
            writer.close()

    start = time.monotonic()
    await asyncio.gather(*[worker() for _ in range(concurrency)])
    elapsed = time.monotonic() - start
    total = sum(counts.values())
    rps = total / elapsed if elapsed else 0
    return {"requests": total, "seconds": round(elapsed, 3), "rps": rps, "statuses": counts}


async def _fan_out(port, poll_id, option_ids, session, token, sockets, redis_env) -> dict:
    from websockets.asyncio.client import connect

    url = f"ws://127.0.0.1:{port}/ws/polls/{poll_id}/"
    headers = {"Cookie": f"sessionid={session}", "Origin": f"http://127.0.0.1:{port}"}
    connections = []
    start = time.monotonic()
    for batch in range(0, sockets, 100):
        opened = await asyncio.gather(
            *[connect(url, additional_headers=headers, open_timeout=30) for _ in range(min(100, sockets - batch))]
        )
        connections.extend(opened)
    first = await asyncio.gather(*[ws.recv() for ws in connections])
    voted = json.loads(first[0])["voted"]
    result = {"sockets": len(connections), "connect_seconds": round(time.monotonic() - start, 3)}

    async def wait_all(predicate):
        async def one(ws):
            while True:
                if predicate(json.loads(await ws.recv())):
                    return time.monotonic()

        return await asyncio.wait_for(asyncio.gather(*[one(ws) for ws in connections]), timeout=30)

    if redis_env:
        from channels.layers import get_channel_layer

        layer = get_channel_layer()
        sent = time.monotonic()
        waiting = asyncio.ensure_future(wait_all(lambda m: m.get("type") == "baseline"))
        await layer.group_send(f"poll-{poll_id}", {"type": "poll.update", "payload": {"type": "baseline"}})
        result["baseline_last_delivery_seconds"] = round(max(await waiting) - sent, 3)
    # An isolated vote: wait out the coalescing window of earlier votes so the update goes out at once
    # (during a burst, later votes ride on the trailing update, about one window later).
    await asyncio.sleep(1.5)
    waiting = asyncio.ensure_future(wait_all(lambda m: m.get("voted", 0) > voted))
    sent = time.monotonic()
    _reader, writer = await asyncio.open_connection("127.0.0.1", port)
    body = json.dumps({"choices": [option_ids[1]]}).encode()
    writer.write(
        (
            f"POST /api/v1/polls/{poll_id}/vote/ HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Token {token}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n"
        ).encode()
        + body
    )
    await writer.drain()
    from bench.load import _read_response

    result["vote_status"] = await _read_response(_reader)
    result["vote_response_seconds"] = round(time.monotonic() - sent, 3)
    result["vote_to_last_delivery_seconds"] = round(max(await waiting) - sent, 3)
    writer.close()
    await asyncio.gather(*[ws.close() for ws in connections])
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--voters", type=int, default=3000)
    parser.add_argument("--sockets", type=int, default=1000)
    parser.add_argument("--ballots", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--seed-only", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.seed_only:
        seeded = seed(options.voters, options.ballots)
        seeded["vote_queries"], seeded["vote_status"] = vote_queries(seeded)
        print(json.dumps(seeded))
        return

    with tempfile.TemporaryDirectory(prefix="ton-votes-bench-") as tmp:
        env = bench_env(Path(tmp))
        redis = bool(env.get("REDIS_URL"))
        workers = options.workers if redis else 1
        manage(env, "migrate", "--noinput")
        manage(env, "collectstatic", "--noinput")
        seeded = json.loads(
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "bench.votes_bench",
                    "--seed-only",
                    *("--voters", str(options.voters)),
                    "--ballots",
                    str(options.ballots),
                ],
                cwd=ROOT,
                env=env,
                check=True,
                stdout=subprocess.PIPE,
                text=True,
            ).stdout
        )
        port = free_port()
        server = start_server(env, port, workers)
        try:
            baseline = load(
                "127.0.0.1", port, "/_bench/bare/", concurrency=options.concurrency, seconds=options.seconds
            )
            tokens = seeded["tokens"]
            fan_token, tokens = tokens[0], tokens[1:]
            votes = asyncio.run(
                _vote_load(port, seeded["poll"], seeded["options"], tokens, options.concurrency, options.seconds)
            )
            if redis:
                os.environ.update({k: v for k, v in env.items() if k in {"REDIS_URL", "REDIS_PREFIX", "SECRET_KEY"}})
                os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
                os.environ.update({"DJANGO_ENV": "development"})
                import django

                django.setup()
            fan_out = asyncio.run(
                _fan_out(port, seeded["poll"], seeded["options"], seeded["session"], fan_token, options.sockets, redis)
            )
        finally:
            server.terminate()
            server.wait(timeout=30)
    report = {
        "workers": workers,
        "database": "postgresql" if env.get("DATABASE_URL") else "sqlite",
        "channel_layer": "redis" if redis else "in-memory",
        "bare_view_rps": round(baseline["rps"], 1),
        "vote": {
            **votes,
            "rps": round(votes["rps"], 1),
            "ratio_to_bare": round(votes["rps"] / (baseline["rps"] or 1), 3),
        },
        "results_over_ballots": seeded["results"],
        "fan_out": fan_out,
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
