"""Cost of open websockets: RSS of one worker process and Redis memory per 1,000 sockets.

    python -m bench.sockets --url http://127.0.0.1:8081 --pid WORKER_PID --redis redis://… --count 1000

Logs in as a demo youth, opens COUNT sockets on the live-results route of one poll, holds them, and
reports the differences before/after. Run against one worker process (WEB_CONCURRENCY=1), not through
nginx (whose own connection limit would be measured instead).
"""

import argparse
import asyncio
import json
import re
import subprocess

import httpx
import websockets


def rss_kib(pid: int) -> int:
    total = 0
    for child in [pid, *_children(pid)]:
        status = open(f"/proc/{child}/status").read()  # noqa: SIM115
        total += int(re.search(r"VmRSS:\s+(\d+)", status).group(1))
    return total


def _children(pid: int) -> list[int]:
    try:
        return [int(p) for p in open(f"/proc/{pid}/task/{pid}/children").read().split()]
    except FileNotFoundError:
        return []


def redis_used(url: str) -> int:
    out = subprocess.run(["redis-cli", "-u", url, "info", "memory"], capture_output=True, text=True).stdout
    return int(re.search(r"used_memory:(\d+)", out).group(1))


def session(url: str, username: str, password: str) -> str:
    client = httpx.Client(base_url=url, headers={"Origin": url})
    page = client.get("/accounts/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    client.post("/accounts/login/", data={"username": username, "password": password, "csrfmiddlewaretoken": token})
    return client.cookies["sessionid"]


async def hold(url: str, poll: int, cookie: str, count: int, pid: int, redis: str) -> dict:
    rss0, redis0 = rss_kib(pid), redis_used(redis)
    uri = url.replace("http", "ws") + f"/ws/polls/{poll}/"
    headers = {"Cookie": f"sessionid={cookie}", "Origin": url}
    sockets = []
    for start in range(0, count, 50):
        batch = [websockets.connect(uri, additional_headers=headers) for _ in range(start, min(start + 50, count))]
        sockets += await asyncio.gather(*batch)
        await asyncio.gather(*(s.recv() for s in sockets[start:]))
    await asyncio.sleep(2)
    result = {
        "sockets": len(sockets),
        "worker_rss_kib_delta": rss_kib(pid) - rss0,
        "redis_bytes_delta": redis_used(redis) - redis0,
    }
    await asyncio.gather(*(s.close() for s in sockets))
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--pid", type=int, required=True)
    parser.add_argument("--redis", required=True)
    parser.add_argument("--poll", type=int, required=True)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--username", default="youth.bamako.01")
    parser.add_argument("--password", default="ton-demo-2026")
    args = parser.parse_args()
    cookie = session(args.url, args.username, args.password)
    print(json.dumps(asyncio.run(hold(args.url, args.poll, cookie, args.count, args.pid, args.redis))))


if __name__ == "__main__":
    main()
