"""Run the commands of platform/schedule, each every N seconds, one at a time, forever.

A cron or systemd timer would do the same; one small loop keeps a single definition for the laptop, CI and
the server, and logs one JSON line per run. Each command runs in its own process, so a crash, a missing
command (one that lands from another branch) or a leak never stops the others.
"""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
running = True


def read_schedule(path: Path) -> list[tuple[int, list[str]]]:
    entries = []
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            seconds, *command = line.split()
            entries.append((int(seconds), command))
    return entries


def log(**fields) -> None:
    fields = {"time": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "logger": "ton.periodic", **fields}
    print(json.dumps(fields, ensure_ascii=False), flush=True)


def run_once(command: list[str], timeout: int) -> None:
    python = os.environ.get("TON_PYTHON", str(ROOT / ".venv" / "bin" / "python"))
    started = time.monotonic()
    try:
        done = subprocess.run(  # noqa: S603 (the command comes from our own schedule file)
            [python, "manage.py", *command], cwd=ROOT, capture_output=True, text=True, timeout=timeout
        )
    except subprocess.TimeoutExpired:
        log(level="ERROR", command=command, message=f"still running after {timeout} s, stopped")
        return
    duration = round(time.monotonic() - started, 2)
    if done.returncode == 0:
        log(level="INFO", command=command, status=0, duration_s=duration)
    else:
        lines = done.stderr.strip().splitlines() or ["(no output)"]
        last = next((line for line in lines if "Unknown command" in line), lines[-1])[:300]
        log(level="ERROR", command=command, status=done.returncode, duration_s=duration, message=last)


def stop(*_args) -> None:
    global running
    running = False


def main(path: str) -> None:
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    entries = read_schedule(Path(path))
    due = [time.monotonic()] * len(entries)
    log(level="INFO", message="periodic runner started", schedule=[" ".join(c) for _s, c in entries])
    while running:
        for index, (seconds, command) in enumerate(entries):
            if running and time.monotonic() >= due[index]:
                due[index] = time.monotonic() + seconds
                run_once(command, timeout=max(seconds, 60))
        time.sleep(1)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else str(ROOT / "platform" / "schedule"))
