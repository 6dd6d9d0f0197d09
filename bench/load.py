"""A small keep-alive HTTP/1.1 load generator on asyncio: bounded in time, loopback only."""

import asyncio
import itertools
import time


async def _read_response(reader: asyncio.StreamReader) -> int:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ")[1])
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            key, value = line.split(":", 1)
            headers[key.strip().lower()] = value.strip()
    if "content-length" in headers:
        await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding") == "chunked":
        while True:
            size = int((await reader.readuntil(b"\r\n")).strip(), 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    return status


async def _worker(host, port, requests, deadline: float, counts: dict, latencies: list) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    try:
        while time.monotonic() < deadline:
            request = next(requests, None)
            if request is None:
                break
            sent = time.monotonic()
            writer.write(request)
            await writer.drain()
            status = await _read_response(reader)
            latencies.append(time.monotonic() - sent)
            counts[status] = counts.get(status, 0) + 1
    finally:
        writer.close()


def percentile(values: list[float], share: float) -> float:
    """The value below which `share` of the sorted values fall (nearest rank), in milliseconds."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(share * len(ordered)) - 1))
    return ordered[rank] * 1000


def _requests(host, path, method, headers: dict, body: bytes | None, tokens: list[str] | None):
    """Yields raw requests; with tokens, each request carries the next one (a fresh voter each time)."""
    head = f"{method} {path} HTTP/1.1\r\nHost: {host}\r\nAccept-Encoding: identity\r\n"
    head += "".join(f"{key}: {value}\r\n" for key, value in headers.items())
    if body is not None:
        head += f"Content-Length: {len(body)}\r\n"
    for token in tokens if tokens is not None else itertools.repeat(None):
        extra = f"Authorization: Token {token}\r\n" if token else ""
        yield (head + extra + "\r\n").encode() + (body or b"")


async def _run(host, port, path, method, headers, body, tokens, concurrency, seconds):
    if host not in {"127.0.0.1", "localhost", "::1"}:
        raise ValueError("the bench only loads this machine")
    requests = _requests(host, path, method, headers, body, tokens)
    counts: dict = {}
    latencies: list[float] = []
    start = time.monotonic()
    deadline = start + seconds
    workers = [_worker(host, port, requests, deadline, counts, latencies) for _ in range(concurrency)]
    await asyncio.gather(*workers)
    elapsed = time.monotonic() - start
    return {
        "requests": sum(counts.values()),
        "seconds": elapsed,
        "statuses": counts,
        "p50_ms": percentile(latencies, 0.50),
        "p99_ms": percentile(latencies, 0.99),
    }


def load(
    host: str,
    port: int,
    path: str,
    *,
    method="GET",
    cookie=None,
    headers: dict | None = None,
    body: bytes | None = None,
    tokens: list[str] | None = None,
    concurrency=8,
    seconds=3.0,
) -> dict:
    """Python fallback for wrk: the same figures, but the client shares the CPU with the server."""
    headers = dict(headers or {})
    if cookie:
        headers["Cookie"] = cookie
    result = asyncio.run(_run(host, port, path, method, headers, body, tokens, concurrency, seconds))
    result["rps"] = result["requests"] / result["seconds"] if result["seconds"] else 0.0
    result["tool"] = "python"
    return result
