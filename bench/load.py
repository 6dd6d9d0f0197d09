"""A small keep-alive HTTP/1.1 load generator on asyncio: bounded in time, loopback only."""

import asyncio
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


async def _worker(host, port, request: bytes, deadline: float, counts: dict) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    try:
        while time.monotonic() < deadline:
            writer.write(request)
            await writer.drain()
            status = await _read_response(reader)
            counts[status] = counts.get(status, 0) + 1
    finally:
        writer.close()


async def _run(host, port, path, method, cookie, concurrency, seconds):
    if host not in {"127.0.0.1", "localhost", "::1"}:
        raise ValueError("the bench only loads this machine")
    header = f"{method} {path} HTTP/1.1\r\nHost: {host}\r\nAccept-Encoding: identity\r\n"
    if cookie:
        header += f"Cookie: {cookie}\r\n"
    request = (header + "\r\n").encode()
    counts: dict = {}
    start = time.monotonic()
    deadline = start + seconds
    await asyncio.gather(*[_worker(host, port, request, deadline, counts) for _ in range(concurrency)])
    elapsed = time.monotonic() - start
    return {"requests": sum(counts.values()), "seconds": elapsed, "statuses": counts}


def load(host: str, port: int, path: str, *, method="GET", cookie=None, concurrency=8, seconds=3.0) -> dict:
    result = asyncio.run(_run(host, port, path, method, cookie, concurrency, seconds))
    result["rps"] = result["requests"] / result["seconds"] if result["seconds"] else 0.0
    return result
