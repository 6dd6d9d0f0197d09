"""Pages and endpoints that `make bench` measures: the foundation's here, each app's in `bench/apps/<app>.py`
(all of them together: `bench.apps.TARGETS`).

A target: name, path, and who asks (None for a visitor, or a demo username). This module does not need
Django, so the bench driver can name the baseline before any server runs.
"""

import json
from dataclasses import dataclass


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


FOUNDATION = [
    Target("home (visitor)", "/"),
    Target("home (youth)", "/", viewer="youth.bamako.01"),
    Target("login page", "/accounts/login/"),
    Target("API /me/", "/api/v1/me/", viewer="youth.bamako.01", html=False),
]
