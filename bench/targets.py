"""Pages and endpoints that `make bench` measures. Each issue adds its own.

A target: name, method, path, and who asks (None for a visitor, or a demo username).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Target:
    name: str
    path: str
    viewer: str | None = None
    method: str = "GET"
    html: bool = True


BASELINE = Target("bare Django view", "/_bench/bare/", html=False)

TARGETS = [
    Target("home (visitor)", "/"),
    Target("home (member)", "/", viewer="admin"),
    Target("login page", "/accounts/login/"),
    Target("API /me/", "/api/v1/me/", viewer="admin", html=False),
]
