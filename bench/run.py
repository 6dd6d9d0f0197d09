"""`make bench`: seed, serve with the production-like ASGI setup, and measure each target.

    python -m bench.run [--scale N] [--seconds S] [--concurrency C] [--workers W]

Prints a table (requests/s as a ratio of the bare Django view measured in the same run, SQL queries
per request, HTML+CSS gzip bytes) and writes bench/results/latest.json.
"""

import argparse
import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from bench.load import load
from bench.targets import BASELINE, TARGETS

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
    )
    if not env.get("DATABASE_URL"):
        env["SQLITE_PATH"] = str(workdir / "bench.sqlite3")
    return env


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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=1, help="data scale factor for seeding")
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    options = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="ton-bench-") as tmp:
        env = bench_env(Path(tmp))
        manage(env, "migrate", "--noinput")
        manage(env, "collectstatic", "--noinput")
        manage(env, "seed_demo")
        manage(env, "seed_bench", "--scale", str(options.scale))
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
        port = free_port()
        server = start_server(env, port, options.workers)
        try:
            rows = []
            for target in [BASELINE, *TARGETS]:
                cookie = None
                if target.viewer:
                    cookie = f"sessionid={measured['cookies'][target.viewer]}"
                load("127.0.0.1", port, target.path, method=target.method, cookie=cookie, seconds=0.5)  # warm up
                result = load(
                    "127.0.0.1",
                    port,
                    target.path,
                    method=target.method,
                    cookie=cookie,
                    concurrency=options.concurrency,
                    seconds=options.seconds,
                )
                rows.append({"target": target.name, "path": target.path, **result, **measured["measures"][target.name]})
        finally:
            server.terminate()
            server.wait(timeout=30)

    baseline = rows[0]["rps"] or 1.0
    for row in rows:
        row["ratio"] = row["rps"] / baseline
    report(rows, options)


def report(rows, options) -> None:
    print(
        f"\nTon bench — scale {options.scale}, {options.workers} uvicorn workers, "
        f"{options.concurrency} connections, {options.seconds:.0f} s per target"
    )
    print(f"{'target':<24} {'req/s':>8} {'ratio':>6} {'queries':>8} {'bytes gz':>9}  statuses")
    for row in rows:
        size = row.get("bytes", "")
        figures = f"{row['rps']:>8.0f} {row['ratio']:>6.2f} {row['queries']:>8} {size!s:>9}"
        print(f"{row['target']:<24} {figures}  {row['statuses']}")
    RESULTS.mkdir(exist_ok=True)
    payload = {"scale": options.scale, "workers": options.workers, "concurrency": options.concurrency, "rows": rows}
    (RESULTS / "latest.json").write_text(json.dumps(payload, indent=2))
    print(f"\nwritten to {(RESULTS / 'latest.json').relative_to(ROOT)}")


if __name__ == "__main__":
    main()
