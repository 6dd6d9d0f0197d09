"""What `make bench` measures for moderation: the staff queue on a phone (on the demo data)."""

from bench.targets import Target

TARGETS = [
    Target("moderation queue (staff)", "/moderation/", viewer="staff.bamako"),
    Target("moderation items API (staff)", "/api/v1/moderation/items/", viewer="staff.bamako", html=False),
]


def seed(scale: int, log) -> None:
    """Nothing beyond seed_demo and the cms bench comments."""
