"""What `make bench` measures for moderation: the staff queue on a phone."""

from bench.targets import Target

TARGETS = [
    Target("moderation queue (staff)", "/moderation/", viewer="staff.bamako"),
    Target("moderation items API (staff)", "/api/v1/moderation/items/", viewer="staff.bamako", html=False),
]
