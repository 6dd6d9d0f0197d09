"""`make bench BENCH_ARGS="--profile 'poll page (youth)'"`: where one target spends its time.

Runs N requests in-process (Django's test client, production settings from bench.run) under cProfile and
writes the functions with the most cumulative time to bench/results/profile-<target>.txt, with the SQL
query count per request, so a change can cite the profile that explains it.
"""

import argparse
import cProfile
import io
import os
import pstats
import re
import sys
from pathlib import Path

import django

RESULTS = Path(__file__).resolve().parent / "results"


def find_target(name: str):
    from bench.apps import TARGETS
    from bench.targets import BASELINE, VOTE, vote_target

    everything = [BASELINE, *TARGETS, VOTE]
    matches = [t for t in everything if t.name == name] or [t for t in everything if name.lower() in t.name.lower()]
    if len(matches) != 1:
        names = "\n  ".join(t.name for t in everything)
        raise SystemExit(f"no single target matches {name!r}; targets:\n  {names}")
    target = matches[0]
    if target is VOTE:
        poll, option = int(os.environ["BENCH_VOTE_POLL"]), int(os.environ["BENCH_VOTE_OPTION"])
        target = vote_target({"poll": poll, "options": [option]})
    return target


def requests_for(target, count: int) -> tuple:
    """One client (its middleware loads once) and the extra headers of each request: a fresh voter each
    time for the vote, the logged-in viewer otherwise."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1", secure=True)
    if target.method == "POST" and "/vote/" in target.path:
        tokens = os.environ["BENCH_VOTE_TOKENS"].split(",")
        if len(tokens) < count + 1:
            raise SystemExit("not enough fresh voters for this many requests")
        return client, [{"HTTP_AUTHORIZATION": f"Token {token}"} for token in tokens[: count + 1]]
    if target.viewer:
        client.force_login(get_user_model().objects.get(username=target.viewer))
    return client, [{}] * (count + 1)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("target")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--top", type=int, default=40)
    options = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    target = find_target(options.target)
    client, extras = requests_for(target, options.requests)

    def send(extra):
        kwargs = {"content_type": "application/json"} if target.body is not None else {}
        return client.generic(target.method, target.path, target.body or b"", **kwargs, **extra)

    first = send(extras[0])  # warm caches, as the load test does
    profiler = cProfile.Profile()
    with CaptureQueriesContext(connection) as queries:
        profiler.enable()
        statuses = [send(extra).status_code for extra in extras[1:]]
        profiler.disable()
    text = io.StringIO()
    stats = pstats.Stats(profiler, stream=text).strip_dirs().sort_stats("cumulative")
    stats.print_stats(options.top)
    RESULTS.mkdir(exist_ok=True)
    slug = re.sub(r"[^a-z0-9]+", "-", target.name.lower()).strip("-")
    out = RESULTS / f"profile-{slug}.txt"
    header = (
        f"target: {target.name} {target.method} {target.path}\n"
        f"requests: {options.requests}, first status {first.status_code}, statuses {sorted(set(statuses))}, "
        f"SQL queries per request {len(queries) / options.requests:.1f}\n\n"
    )
    out.write_text(header + text.getvalue())
    sys.stdout.write(header + "\n".join(text.getvalue().splitlines()[: options.top + 12]) + f"\n\nwritten to {out}\n")


if __name__ == "__main__":
    main()
