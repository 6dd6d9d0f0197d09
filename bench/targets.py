"""Pages and endpoints that `make bench` measures: the foundation's here, each app's in `<app>/bench_targets.py`.

A target: name, path, and who asks (None for a visitor, or a demo username).
"""

import json
from dataclasses import dataclass
from importlib import import_module


@dataclass(frozen=True)
class Target:
    name: str
    path: str
    viewer: str | None = None
    method: str = "GET"
    html: bool = True
    body: bytes | None = None


BASELINE = Target("bare Django view", "/_bench/bare/", html=False)

# A vote through the API by a fresh voter each request (tokens seeded by bench.run); its path is filled in
# once the bench poll exists.
VOTE = Target("vote (API, fresh voter)", "/api/v1/polls/<bench>/vote/", method="POST", html=False)


def vote_target(voting: dict) -> Target:
    body = json.dumps({"choices": [voting["options"][0]]}).encode()
    return Target(VOTE.name, f"/api/v1/polls/{voting['poll']}/vote/", method="POST", html=False, body=body)


APP_TARGET_MODULES = [
    "associations.bench_targets",
    "cms.bench_targets",
    "votes.bench_targets",
    "events.bench_targets",
    "moderation.bench_targets",
    "indicators.bench_targets",
]


def _app_targets() -> list[Target]:
    found = []
    for name in APP_TARGET_MODULES:
        try:
            module = import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        found.extend(module.TARGETS)
    return found


TARGETS = [
    Target("home (visitor)", "/"),
    Target("home (youth)", "/", viewer="youth.bamako.01"),
    Target("login page", "/accounts/login/"),
    Target("API /me/", "/api/v1/me/", viewer="youth.bamako.01", html=False),
    *_app_targets(),
]
