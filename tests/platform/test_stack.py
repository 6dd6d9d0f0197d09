"""The production stack, end to end through nginx: two application boxes, PostgreSQL, Redis.

Run with `make test-platform` (needs nginx, PostgreSQL and Redis; .ci/run installs and starts them).
The tests share one stack and run in file order: the last ones back up, restore and restart it.
"""

import asyncio
import json
import re
import shutil
import socket
import subprocess

import httpx
import pytest
import websockets

from tests.platform.stack import DB, PG, ROOT, Stack, csrf_token, is_logged_in, login, psql, recreate_database

pytestmark = pytest.mark.platform

UPLOAD_LIMIT = 61 * 1024 * 1024  # platform/nginx/ton-locations.conf, activity stories
STATE_SQL = {
    # Whole rows, hashed in a fixed order: "same results" means the same ballots, not just as many.
    "ballots": "SELECT md5(string_agg(b::text, ',' ORDER BY b.id)) FROM votes_ballot b",
    "participations": "SELECT md5(string_agg(p::text, ',' ORDER BY p.id)) FROM votes_participation p",
    "registrations": "SELECT md5(string_agg(r::text, ',' ORDER BY r.id)) FROM events_registration r",
    "members": "SELECT md5(string_agg(m::text, ',' ORDER BY m.id)) FROM associations_membership m",
    "counts": "SELECT (SELECT count(*) FROM votes_ballot) || '/' || (SELECT count(*) FROM events_registration)",
}


def state(database: str) -> dict:
    return {name: psql(database, sql) for name, sql in STATE_SQL.items()}


@pytest.fixture(scope="module")
def stack():
    missing = [tool for tool in ("nginx", "psql", "pg_dump", "redis-cli") if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"the platform tests need {', '.join(missing)} (installed by .ci/run)")
    running = Stack(ROOT / "var" / f"platform-{DB}")
    running.prepare()
    running.start()
    yield running
    running.stop()


@pytest.fixture(scope="module")
def voter(stack):
    """A youth who can still vote in an open poll with plain choices (and has not voted), logged in on box A."""
    rows = psql(
        DB,
        "SELECT u.username, p.id FROM votes_poll p JOIN associations_membership m ON m.association_id = "
        "p.association_id JOIN associations_user u ON u.id = m.user_id WHERE p.published AND p.kind <> 'ranked' "
        "AND p.opens_at < now() AND p.closes_at > now() AND m.role = 'youth' AND NOT EXISTS (SELECT 1 FROM "
        "votes_participation v WHERE v.poll_id = p.id AND v.member_id = u.id) ORDER BY u.username, p.id LIMIT 20",
    ).splitlines()
    for row in rows:
        username, poll_id = row.split("|")
        client = login(stack.box_a, username)
        page = client.get(f"/sondages/{poll_id}/")
        if f'action="/sondages/{poll_id}/voter/"' in page.text:
            return client, int(poll_id), page.text
        client.close()
    pytest.fail("the demo has no open poll a youth can vote in")


def test_home_and_api_through_nginx_gzip_csp_and_no_hsts_on_http(stack):
    home = httpx.get(stack.url + "/", headers={"Accept-Encoding": "gzip", "X-Forwarded-Proto": "https"})
    assert home.status_code == 200 and home.headers["content-encoding"] == "gzip"
    assert "default-src 'self'" in home.headers["content-security-policy"]
    # Plain http: no HSTS, even when the client claims https (nginx sets X-Forwarded-Proto itself).
    assert "strict-transport-security" not in home.headers
    api = httpx.get(stack.url + "/api/v1/activities/", headers={"Accept-Encoding": "gzip"})
    assert api.status_code == 200 and api.headers["content-encoding"] == "gzip" and api.json()["count"] > 0
    assert re.fullmatch(r"[0-9a-f]{32}", api.headers["x-request-id"])  # nginx's $request_id, echoed by Django
    # The same page over TLS (nginx with a self-signed certificate): HSTS, from Django.
    tls = httpx.get(stack.tls + "/", verify=False, headers={"Accept-Encoding": "gzip"})
    assert tls.status_code == 200 and tls.headers["strict-transport-security"].startswith("max-age=31536000")
    assert "default-src 'self'" in tls.headers["content-security-policy"]


def test_static_files_from_disk_with_far_future_caching(stack):
    css = next((stack.var / "srv" / "static").rglob("*.css.gz")).with_suffix("")
    path = "/static/" + str(css.relative_to(stack.var / "srv" / "static"))
    response = httpx.get(stack.url + path, headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200 and response.headers["content-encoding"] == "gzip"
    assert "immutable" in response.headers["cache-control"] and "x-request-id" not in response.headers
    assert response.content == css.read_bytes()  # httpx decoded the gzip nginx sent as is


def test_vote_on_box_a_reaches_a_socket_on_box_b(stack, voter):
    client, poll_id, page = voter
    choice = re.search(r'name="choices" value="(\d+)"', page).group(1)
    cookie = f"sessionid={client.cookies['sessionid']}"

    async def scenario():
        uri = stack.box_b.replace("http", "ws") + f"/ws/polls/{poll_id}/"
        headers = {"Cookie": cookie, "Origin": stack.box_b}
        async with websockets.connect(uri, additional_headers=headers) as socket_b:
            before = json.loads(await asyncio.wait_for(socket_b.recv(), 10))
            receipt = await asyncio.to_thread(
                client.post,
                f"/sondages/{poll_id}/voter/",
                data={"choices": choice, "csrfmiddlewaretoken": csrf_token(page)},
                headers={"Referer": stack.box_a + f"/sondages/{poll_id}/"},
            )
            assert receipt.status_code == 200, receipt.text[:500]
            while True:
                after = json.loads(await asyncio.wait_for(socket_b.recv(), 15))
                if after["voted"] > before["voted"]:
                    return before, after

    before, after = asyncio.run(scenario())
    assert after["voted"] == before["voted"] + 1 and after["poll"] == poll_id
    log = (stack.var / "nginx" / "logs" / "access.log").read_text()
    assert f'"upstream":"127.0.0.1:{stack.env["TON_PORT_A"]}"' in log
    assert f'"upstream":"127.0.0.1:{stack.env["TON_PORT_B"]}"' in log


def test_session_started_on_box_a_is_valid_on_box_b(stack):
    client = login(stack.box_a, "youth.kita.03")
    assert is_logged_in(client, stack.box_b)
    assert not is_logged_in(httpx.Client(), stack.box_b)


def test_event_registration_through_the_proxy(stack):
    username = "youth.mopti.04"
    client = login(stack.url, username)
    listing = client.get("/evenements/").text
    for event_id in dict.fromkeys(re.findall(r'href="/evenements/(\d+)/"', listing)):
        page = client.get(f"/evenements/{event_id}/").text
        if f'action="/evenements/{event_id}/inscription/"' in page:
            break
    else:
        pytest.fail("no event open for registration")
    response = client.post(
        f"/evenements/{event_id}/inscription/",
        data={"csrfmiddlewaretoken": csrf_token(page)},
        headers={"Referer": stack.url + f"/evenements/{event_id}/"},
    )
    assert response.status_code == 302
    rows = psql(
        DB,
        f"SELECT count(*) FROM events_registration r JOIN associations_user u ON u.id = r.member_id "
        f"WHERE r.event_id = {int(event_id)} AND u.username = '{username}'",
    )
    assert rows == "1"


def test_a_post_without_the_proxy_origin_is_refused(stack):
    client = login(stack.url, "youth.mopti.05")
    response = client.post(
        "/evenements/1/inscription/",
        data={"csrfmiddlewaretoken": client.cookies["csrftoken"]},
        headers={"Origin": "http://evil.example"},
    )
    assert response.status_code == 403


def _raw_post(port: int, path: str, length: int) -> bytes:
    """Only the headers: nginx decides on Content-Length before reading a byte of the body."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
        head = f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: {length}\r\n"
        conn.sendall((head + "Content-Type: application/octet-stream\r\nConnection: close\r\n\r\n").encode())
        return conn.recv(200)


def test_upload_limit_enforced_by_nginx(stack):
    at_limit = httpx.post(
        stack.url + "/activites/raconter/",
        content=b"x" * UPLOAD_LIMIT,
        headers={"Content-Type": "application/octet-stream"},
        timeout=60,
    )
    assert at_limit.status_code != 413 and "x-request-id" in at_limit.headers  # Django answered
    assert _raw_post(int(stack.env["TON_PORT"]), "/activites/raconter/", UPLOAD_LIMIT + 1).startswith(b"HTTP/1.1 413")
    assert _raw_post(int(stack.env["TON_PORT"]), "/accounts/login/", 3 * 1024 * 1024 + 1).startswith(b"HTTP/1.1 413")


def test_original_images_are_not_served_by_nginx(stack):
    original = next((stack.media / "original_images").iterdir())
    response = httpx.get(stack.url + f"/media/original_images/{original.name}")
    assert response.status_code == 404 and original.read_bytes()[:4] not in response.content


def test_throttles_and_lockout_see_the_real_address(stack):
    statuses = [
        httpx.post(
            stack.url + "/api/v1/auth/token/",
            json={"username": "nobody", "password": "wrong"},
            headers={"X-Forwarded-For": f"203.0.113.{n}"},
        ).status_code
        for n in range(12)
    ]
    assert 429 in statuses and statuses[:10].count(400) >= 1
    login_page = httpx.get(stack.url + "/accounts/login/")
    client = httpx.Client(base_url=stack.url, cookies=login_page.cookies, headers={"Origin": stack.url})
    for n in range(5):
        client.post(
            "/accounts/login/",
            data={
                "username": "youth.sanankoroba.07",
                "password": "wrong",
                "csrfmiddlewaretoken": csrf_token(login_page.text),
            },
            headers={"X-Forwarded-For": f"198.51.100.{n}"},
        )
    addresses = psql(DB, "SELECT ip_address FROM axes_accessattempt WHERE username = 'youth.sanankoroba.07'")
    assert addresses == "127.0.0.1"


def test_backup_then_restore_into_a_fresh_database_gives_the_same_data(stack):
    folder = stack.run("platform/backup", str(stack.var / "backups")).strip().splitlines()[-1]
    manifest = json.loads((stack.var / "backups" / folder.rsplit("/", 1)[-1] / "manifest.json").read_text())
    assert manifest["files"]["db.dump"]["bytes"] > 0
    restored = f"{DB}_restore"
    recreate_database(restored)
    restored_media = stack.var / "restored-media"
    env = {**stack.env, "DATABASE_URL": f"{PG}/{restored}", "MEDIA_ROOT": str(restored_media)}
    stack.run("platform/restore", folder, env=env)
    assert state(restored) == state(DB)
    assert sorted(p.name for p in restored_media.rglob("*")) == sorted(p.name for p in stack.media.rglob("*"))
    # Restoring twice into the same database is refused.
    again = subprocess.run(["platform/restore", folder], cwd=ROOT, env=env, capture_output=True)
    assert again.returncode != 0 and b"empty database" in again.stderr


def test_stop_and_start_loses_nothing(stack, voter):
    client, poll_id, _page = voter
    before = state(DB)
    stack.stop()
    stack.start()
    assert state(DB) == before
    assert is_logged_in(client, stack.url)  # sessions live in PostgreSQL
    page = client.get(f"/sondages/{poll_id}/").text
    assert f'action="/sondages/{poll_id}/voter/"' not in page  # the vote cast before the restart counts
