"""The whole stack of `make serve` (platform/serve, platform/Procfile), started for the platform tests:
nginx in front of two "boxes" of uvicorn workers, the task worker and the periodic runner, on PostgreSQL
and Redis. Names and ports come from the environment so parallel runs do not collide."""

import os
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
PG = os.environ.get("TON_PLATFORM_PG", "postgres://postgres@127.0.0.1:5432")
DB = os.environ.get("TON_PLATFORM_DB", "ton_platform")
REDIS_URL = os.environ.get("TON_PLATFORM_REDIS_URL", "redis://127.0.0.1:6379/5")
PORT = int(os.environ.get("TON_PLATFORM_PORT", "8090"))
PASSWORD = "ton-demo-2026"


def psql(database: str, sql: str) -> str:
    return subprocess.run(
        ["psql", f"{PG}/{database}", "-v", "ON_ERROR_STOP=1", "-tAc", sql],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


def recreate_database(name: str) -> None:
    psql("postgres", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    psql("postgres", f'CREATE DATABASE "{name}"')


class Stack:
    def __init__(self, var: Path):
        self.var = var
        self.url = f"http://127.0.0.1:{PORT}"
        self.box_a, self.box_b = f"http://127.0.0.1:{PORT + 3}", f"http://127.0.0.1:{PORT + 4}"
        self.worker_a = f"http://127.0.0.1:{PORT + 1}"
        self.tls = f"https://127.0.0.1:{PORT + 5}"
        self.media = var / "srv" / "media"
        self.process: subprocess.Popen | None = None
        self.env = {
            **os.environ,
            "TON_VAR": str(var),
            "TON_PORT": str(PORT),
            "TON_PORT_A": str(PORT + 1),
            "TON_PORT_B": str(PORT + 2),
            "TON_BOXES": "2",
            "TON_TLS": "1",
            "WEB_CONCURRENCY": "1",
            "DATABASE_URL": f"{PG}/{DB}",
            "REDIS_URL": REDIS_URL,
            "MEDIA_ROOT": str(var / "srv" / "media"),
            "DEMO_PASSWORD": PASSWORD,
            "API_THROTTLE_AUTH": "10/minute",
        }

    def run(self, *args: str, env: dict | None = None, timeout: int = 600) -> str:
        done = subprocess.run(
            args, cwd=ROOT, env=env or self.env, capture_output=True, text=True, timeout=timeout, check=False
        )
        assert done.returncode == 0, f"{args} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
        return done.stdout

    def prepare(self) -> None:
        shutil.rmtree(self.var, ignore_errors=True)
        recreate_database(DB)
        subprocess.run(["redis-cli", "-u", REDIS_URL, "flushdb"], check=True, capture_output=True)
        self.run("platform/serve", "prepare")
        self.run("platform/serve", "manage", "seed_demo")

    def start(self) -> None:
        log = open(self.var / "stack.log", "ab")  # noqa: SIM115 (closed when the stack stops)
        self.process = subprocess.Popen(
            ["platform/serve", "start"],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self._log = log
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.tail()
            if all(self._ready(url) for url in (self.box_a, self.box_b)):
                return
            time.sleep(1)
        raise AssertionError("the stack did not become ready:\n" + self.tail())

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)  # honcho passes it on to every process it started
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.process = None
        self._log.close()

    def tail(self) -> str:
        return (self.var / "stack.log").read_text(errors="replace")[-4000:]

    @staticmethod
    def _ready(url: str) -> bool:
        try:
            return httpx.get(url + "/readyz/", timeout=2).status_code == 200
        except httpx.HTTPError:
            return False


def csrf_token(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def login(base: str, username: str, password: str = PASSWORD) -> httpx.Client:
    """A browser-like client logged in through nginx: CSRF cookie, form token and the proxy's Origin."""
    client = httpx.Client(base_url=base, headers={"Origin": base}, timeout=30)
    page = client.get("/accounts/login/")
    response = client.post(
        "/accounts/login/",
        data={"username": username, "password": password, "csrfmiddlewaretoken": csrf_token(page.text)},
        headers={"Referer": base + "/accounts/login/"},
    )
    assert response.status_code == 302, (response.status_code, response.text[:500])
    return client


def is_logged_in(client: httpx.Client, base: str) -> bool:
    # The login page sends signed-in members away (redirect_authenticated_user).
    return client.get(base + "/accounts/login/").status_code == 302
