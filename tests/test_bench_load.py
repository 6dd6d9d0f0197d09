"""The bench's load generators: every request of the vote target carries a voter of its own, and the
figures they report are read from real traffic (a tiny local server records what it received)."""

import shutil
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bench.load import load, percentile
from bench.wrk import wrk_load


class _Recorder(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def _answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        self.server.seen.append((self.command, self.path, self.headers.get("Authorization"), body))
        status = 404 if self.path.startswith("/_bench/exhausted/") else 201
        self.send_response(status)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    do_GET = do_POST = _answer

    def log_message(self, *args):
        pass


@pytest.fixture
def recorder():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    server.daemon_threads = True
    server.seen = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_percentile_nearest_rank():
    values = [i / 1000 for i in range(1, 101)]  # 1..100 ms
    assert percentile(values, 0.50) == pytest.approx(50)
    assert percentile(values, 0.99) == pytest.approx(99)
    assert percentile([], 0.5) == 0


def test_python_client_gives_each_request_its_own_token(recorder):
    tokens = [f"t{n}" for n in range(300)]
    port = recorder.server_address[1]
    result = load("127.0.0.1", port, "/vote/", method="POST", body=b"{}", tokens=tokens, concurrency=4, seconds=5)
    sent = [auth for _method, _path, auth, _body in recorder.seen]
    assert result["requests"] == len(sent) == 300  # stops when voters run out
    assert len(set(sent)) == 300
    assert result["statuses"] == {201: 300}
    assert result["p99_ms"] >= result["p50_ms"] > 0


@pytest.mark.skipif(not shutil.which("wrk"), reason="Debian's wrk is not installed (make bench installs it)")
def test_wrk_gives_each_request_its_own_token(recorder):
    tokens = [f"voter-{n}" for n in range(100_000)]
    port = recorder.server_address[1]
    result = wrk_load(
        "127.0.0.1", port, "/vote/", method="POST", body=b'{"choices": [1]}', tokens=tokens, concurrency=4, seconds=1
    )
    seen = list(recorder.seen)
    auths = [auth for _method, _path, auth, _body in seen]
    assert result["requests"] > 0
    assert len(seen) >= result["requests"]
    assert len(set(auths)) == len(auths), "two requests shared a voter"
    assert all(method == "POST" and path == "/vote/" and body == b'{"choices": [1]}' for method, path, _a, body in seen)
    assert result["non_2xx_3xx"] == 0
    assert result["p99_ms"] >= result["p50_ms"] > 0


@pytest.mark.skipif(not shutil.which("wrk"), reason="Debian's wrk is not installed (make bench installs it)")
def test_wrk_counts_refusals(recorder):
    port = recorder.server_address[1]
    result = wrk_load("127.0.0.1", port, "/_bench/exhausted/", concurrency=2, seconds=1)
    assert result["requests"] > 0
    assert result["non_2xx_3xx"] == result["requests"]


def test_load_refuses_other_hosts():
    with pytest.raises(ValueError):
        load("10.0.0.1", 80, "/", seconds=0.1)
    with pytest.raises(ValueError):
        wrk_load("10.0.0.1", 80, "/", seconds=1)


@pytest.mark.parametrize(
    "tool", ["python", pytest.param("wrk", marks=pytest.mark.skipif(not shutil.which("wrk"), reason="no wrk"))]
)
def test_measure_load_sends_the_targets_method_and_body_with_either_tool(recorder, tool):
    from bench.run import measure_load
    from bench.targets import vote_target

    target = vote_target({"poll": 7, "options": [3]})
    tokens = [f"v{n}" for n in range(100_000)]
    result = measure_load(tool, recorder.server_address[1], target, tokens=tokens, concurrency=2, seconds=1)
    assert result["tool"] == tool and result["requests"] > 0
    method, path, auth, body = recorder.seen[0]
    assert (method, path, body) == ("POST", "/api/v1/polls/7/vote/", b'{"choices": [3]}')
    assert auth.startswith("Token v")
