"""One definition, two ways to run it: honcho's Procfile and the systemd units both start `platform/run`;
nginx's body limits match what the application accepts; the periodic runner survives a missing command."""

import importlib.util
import json
import re

from associations.services.onboarding import MAX_FILE_BYTES
from cms.images import MAX_BYTES
from cms.services.activities import MAX_PHOTOS
from tests.platform.stack import ROOT

PLATFORM = ROOT / "platform"
PROCESSES = {"web", "tasks", "periodic", "nginx"}


def _megabytes(text: str) -> int:
    return int(text.rstrip("m")) * 1024 * 1024


def test_procfile_and_systemd_run_the_same_definitions():
    known = set(re.findall(r"^  (\w+)\)", (PLATFORM / "run").read_text(), re.M))
    assert known == PROCESSES
    procfile = [
        line.split(":", 1)[1].split()
        for line in (PLATFORM / "Procfile").read_text().splitlines()
        if line and not line.startswith("#")
    ]
    assert procfile and all(cmd[0] == "platform/run" and cmd[1] in known for cmd in procfile)
    units = {path.name: path.read_text() for path in (PLATFORM / "systemd").glob("ton-*.service")}
    started = [re.search(r"^ExecStart=\S+/platform/(\S+)(?: (\S+))?", text, re.M).groups() for text in units.values()]
    assert {process for script, process in started if script == "run"} == {"web", "tasks", "periodic"}
    assert ("backup", None) in started


def test_nginx_body_limits_match_the_upload_limits():
    conf = (PLATFORM / "nginx" / "ton-locations.conf").read_text()
    default = _megabytes(re.search(r"^client_max_body_size (\d+m);", conf, re.M).group(1))
    stories = re.search(r"location ~ \^/activites/\(raconter.*?client_max_body_size (\d+m);", conf, re.S).group(1)
    assert MAX_FILE_BYTES < default < _megabytes(stories)
    # Six full-size photos and the text fields fit; nothing much bigger does.
    assert MAX_PHOTOS * MAX_BYTES < _megabytes(stories) <= MAX_PHOTOS * MAX_BYTES + 2 * 1024 * 1024
    assert re.search(r"location /media/ \{\s*return 404;", conf)


def _periodic():
    spec = importlib.util.spec_from_file_location("ton_periodic", PLATFORM / "periodic.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_schedule_runs_ballot_mixing_and_event_reminders():
    entries = _periodic().read_schedule(PLATFORM / "schedule")
    assert (60, ["mix_ballots"]) in entries and (3600, ["send_event_reminders"]) in entries
    assert (300, ["send_poll_notices"]) in entries


def test_periodic_runner_logs_a_missing_command_and_carries_on(capsys):
    periodic = _periodic()
    periodic.run_once(["no_such_command_here"], timeout=120)
    periodic.run_once(["check", "--fail-level", "ERROR"], timeout=120)
    missing, ok = (json.loads(line) for line in capsys.readouterr().out.splitlines())
    assert missing["level"] == "ERROR" and "Unknown command" in missing["message"]
    assert ok["level"] == "INFO" and ok["status"] == 0
