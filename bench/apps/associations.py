"""What `make bench` measures for members and the inbox (the demo data is enough: no seed of its own)."""

from bench.targets import Target

TARGETS = [
    Target("members list (staff)", "/membres/", viewer="staff.bamako"),
    Target("inbox (youth)", "/notifications/", viewer="youth.bamako.01"),
    Target("API members (staff)", "/api/v1/members/", viewer="staff.bamako", html=False),
]


def seed(scale: int, log) -> None:
    """Nothing beyond seed_demo: the members pages are measured on the demo association."""
