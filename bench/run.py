"""`make bench`: seed, serve with the production-like ASGI setup, and measure each target.

    python -m bench.run [--scale N] [--seconds S] [--concurrency C] [--workers W]

Prints a table (requests/s as a ratio of the bare Django view measured in the same run, SQL queries
per request, HTML+CSS gzip bytes) and writes bench/results/latest.json.
"""

import argparse
import contextlib
import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

from bench.load import load
from bench.targets import BASELINE, VOTE, Target, vote_target
from bench.wrk import ensure_wrk, wrk_load

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"


def bench_env(workdir: Path) -> dict:
    env = dict(os.environ)
    env.update(
        DJANGO_ENV="production",
        SECRET_KEY=secrets.token_urlsafe(64),
        BALLOT_KEY=secrets.token_urlsafe(48),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        SECURE_COOKIES="0",
        BENCH_ENDPOINTS="1",
        STATIC_ROOT=str(workdir / "static"),
        MEDIA_ROOT=str(workdir / "media"),
        API_THROTTLE_ANON="1000000/minute",
        API_THROTTLE_USER="1000000/minute",
        LOG_LEVEL="WARNING",
        # As in production (platform/env.example): the mix is queued, not run in the voter's request.
        TASKS_BACKEND="django_tasks_db.DatabaseBackend",
    )
    if not env.get("DATABASE_URL"):
        env["SQLITE_PATH"] = str(workdir / "bench.sqlite3")
    return env


@contextlib.contextmanager
def fresh_database(url: str | None):
    """With DATABASE_URL (PostgreSQL), a new empty database beside it for this run, dropped afterwards: every
    run seeds the same data, and the database named in DATABASE_URL is never written to."""
    if not url:
        yield None
        return
    import psycopg
    from psycopg import sql

    parts = urllib.parse.urlsplit(url)
    name = f"{parts.path.lstrip('/') or 'ton'}_bench_{os.getpid()}"
    admin = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(env, port: int, workers: int) -> subprocess.Popen:
    command = [sys.executable, "-m", "uvicorn", "config.asgi:application", "--host", "127.0.0.1"]
    command += ["--port", str(port), "--workers", str(workers), "--log-level", "warning", "--no-access-log"]
    server = subprocess.Popen(command, cwd=ROOT, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}{BASELINE.path}", timeout=2)
            return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    raise RuntimeError("the bench server did not start")


def seed_voters(env, voters: int) -> dict:
    """A poll open to `voters` fresh members with API tokens (one vote each), and one vote's query count."""
    command = [sys.executable, "-m", "bench.votes_bench", "--seed-only", "--voters", str(voters), "--ballots", "0"]
    output = subprocess.run(command, cwd=ROOT, env=env, check=True, stdout=subprocess.PIPE, text=True).stdout
    return json.loads(output)


def measure_load(tool: str, port: int, target: Target, *, cookie=None, tokens=None, concurrency=8, seconds=3.0):
    """One target under load with wrk (or the Python client): req/s, p50/p99 and statuses."""
    headers = {"Accept-Encoding": "identity"}
    if cookie:
        headers["Cookie"] = cookie
    if target.body is not None:
        headers["Content-Type"] = "application/json"
    run = wrk_load if tool == "wrk" else load
    return run(
        "127.0.0.1",
        port,
        target.path,
        method=target.method,
        headers=headers,
        body=target.body,
        tokens=tokens,
        concurrency=concurrency,
        seconds=seconds,
    )


def parse_options(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=1, help="data scale factor for seeding")
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--tool", choices=["auto", "wrk", "python"], default="auto", help="load generator")
    parser.add_argument("--voters", type=int, default=0, help="fresh voters for the vote target (0: enough)")
    parser.add_argument("--only", default="", help="measure only targets whose name contains this text")
    parser.add_argument("--profile", metavar="TARGET", help="profile one target in-process instead of loading")
    parser.add_argument("--requests", type=int, default=200, help="requests per profile")
    return parser.parse_args(argv)


def app_targets() -> list[Target]:
    """Every target but the vote: the apps' bench modules import their models, so Django is set up here."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from bench.apps import TARGETS

    return TARGETS


def main(argv=None) -> None:
    options = parse_options(argv)
    tool = options.tool
    if tool in {"auto", "wrk"}:
        tool = "wrk" if ensure_wrk() else "python"
        if options.tool == "wrk" and tool != "wrk":
            raise SystemExit("wrk is not installed and could not be installed")

    with (
        tempfile.TemporaryDirectory(prefix="ton-bench-") as tmp,
        fresh_database(os.environ.get("DATABASE_URL")) as database_url,
    ):
        env = bench_env(Path(tmp))
        if database_url:
            env["DATABASE_URL"] = database_url
        manage(env, "migrate", "--noinput")
        manage(env, "collectstatic", "--noinput")
        manage(env, "seed_demo")
        manage(env, "seed_bench", "--scale", str(options.scale))
        # wrk is fast: a vote target run needs one fresh voter per request it can send.
        voters = options.voters or int(400 * options.seconds * max(1, options.workers))
        voting = seed_voters(env, voters)
        env["BENCH_VOTE_POLL"] = str(voting["poll"])
        env["BENCH_VOTE_OPTION"] = str(voting["options"][0])
        if options.profile:
            profile_env = {**env, "BENCH_VOTE_TOKENS": ",".join(voting["tokens"][: options.requests + 1])}
            command = [sys.executable, "-m", "bench.profile", options.profile, "--requests", str(options.requests)]
            subprocess.run(command, cwd=ROOT, env=profile_env, check=True)
            return
        measured = json.loads(
            subprocess.run(
                [sys.executable, "-m", "bench.measure"],
                cwd=ROOT,
                env=env,
                check=True,
                stdout=subprocess.PIPE,
                text=True,
            ).stdout
        )
        measured["measures"][VOTE.name] = {"status": voting["vote_status"], "queries": voting["vote_queries"]}
        targets = [t for t in [*app_targets(), VOTE] if options.only.lower() in t.name.lower()]
        port = free_port()
        server = start_server(env, port, options.workers)
        try:
            rows = []
            tokens = voting["tokens"]
            for target in [BASELINE, *targets]:
                cookie = None
                if target.viewer:
                    cookie = f"sessionid={measured['cookies'][target.viewer]}"
                if target is VOTE:
                    target = vote_target(voting)
                    result = measure_load(
                        tool, port, target, tokens=tokens, concurrency=options.concurrency, seconds=options.seconds
                    )
                else:
                    measure_load(tool, port, target, cookie=cookie, seconds=1)  # warm up
                    result = measure_load(
                        tool, port, target, cookie=cookie, concurrency=options.concurrency, seconds=options.seconds
                    )
                rows.append({"target": target.name, "path": target.path, **result, **measured["measures"][target.name]})
        finally:
            server.terminate()
            server.wait(timeout=30)

    baseline = rows[0]["rps"] or 1.0
    for row in rows:
        row["ratio"] = row["rps"] / baseline
    report(rows, options, tool)


def report(rows, options, tool) -> None:
    print(
        f"\nTon bench — scale {options.scale}, {options.workers} uvicorn workers, "
        f"{options.concurrency} connections, {options.seconds:.0f} s per target, load by {tool}"
    )
    print(f"{'target':<28} {'req/s':>7} {'ratio':>6} {'p50 ms':>7} {'p99 ms':>7} {'queries':>7} {'bytes gz':>8}  bad")
    for row in rows:
        size = row.get("bytes", "")
        bad = row.get("non_2xx_3xx", sum(n for status, n in row.get("statuses", {}).items() if int(status) >= 400))
        figures = f"{row['rps']:>7.0f} {row['ratio']:>6.2f} {row['p50_ms']:>7.1f} {row['p99_ms']:>7.1f}"
        print(f"{row['target']:<28} {figures} {row['queries']!s:>7} {size!s:>8}  {bad}")
    RESULTS.mkdir(exist_ok=True)
    payload = {
        "scale": options.scale,
        "workers": options.workers,
        "concurrency": options.concurrency,
        "tool": tool,
        "rows": rows,
    }
    (RESULTS / "latest.json").write_text(json.dumps(payload, indent=2))
    print(f"\nwritten to {(RESULTS / 'latest.json').relative_to(ROOT)}")


if __name__ == "__main__":
    main()
