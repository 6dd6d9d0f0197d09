"""Load with wrk (a C program, so the load tool does not take the CPU the server needs), loopback only.

The bench installs Debian's `wrk` when it is missing and it runs as root; otherwise it falls back to the
Python client in bench/load.py.
"""

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent / "lua" / "report.lua"
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def ensure_wrk() -> str | None:
    found = shutil.which("wrk")
    if found or os.geteuid() != 0 or not shutil.which("apt-get"):
        return found
    apt = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], env=apt, check=False, capture_output=True)
    if not shutil.which("wrk"):
        subprocess.run(["apt-get", "update", "-qq"], env=apt, check=False, capture_output=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], env=apt, check=False, capture_output=True)
    return shutil.which("wrk")


def wrk_load(
    host: str,
    port: int,
    path: str,
    *,
    method: str = "GET",
    headers: dict | None = None,
    body: bytes | None = None,
    tokens: list[str] | None = None,
    concurrency: int = 8,
    seconds: float = 3.0,
    threads: int = 2,
) -> dict:
    """Runs wrk against one path; `tokens` gives each request its own `Authorization: Token …`."""
    if host not in LOOPBACK:
        raise ValueError("the bench only loads this machine")
    threads = max(1, min(threads, concurrency))
    with tempfile.TemporaryDirectory(prefix="ton-wrk-") as tmp:
        tokens_file = ""
        if tokens:
            tokens_file = str(Path(tmp) / "tokens.txt")
            Path(tokens_file).write_text("\n".join(tokens) + "\n")
        wrapper = Path(tmp) / "run.lua"
        lines = [f'wrk.method = "{method}"']
        if body is not None:
            wrapper_body = Path(tmp) / "body"
            wrapper_body.write_bytes(body)
            lines.append(f'wrk.body = io.open("{wrapper_body}", "rb"):read("*a")')
        for key, value in (headers or {}).items():
            lines.append(f'wrk.headers["{key}"] = "{value}"')
        lines.append(f'dofile("{SCRIPT}")')
        wrapper.write_text("\n".join(lines) + "\n")
        # A 10 s timeout (wrk: 2 s): on a loaded machine slow answers are measured, not dropped as 0.0 ms.
        command = [
            "wrk",
            "-t",
            str(threads),
            "-c",
            str(concurrency),
            "-d",
            f"{max(1, round(seconds))}s",
            "--timeout",
            "10s",
        ]
        command += ["--latency", "-s", str(wrapper), f"http://{host}:{port}{path}", "--", tokens_file, str(threads)]
        output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    summary = json.loads(output.strip().splitlines()[-1])
    summary["rps"] = summary["requests"] / summary["seconds"] if summary["seconds"] else 0.0
    summary["tool"] = "wrk"
    return summary
