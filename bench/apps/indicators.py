"""What `make bench` measures for indicators (demo data: pathways on every site)."""

from bench.targets import Target

TARGETS = [
    Target("indicators page (coordinator)", "/indicateurs/", viewer="staff.bamako.2"),
    Target("indicators page (site staff)", "/indicateurs/?period=year", viewer="staff.kita"),
    Target("API indicators (coordinator)", "/api/v1/indicators/", viewer="staff.bamako.2", html=False),
]


def seed(scale: int, log) -> None:
    """Nothing beyond seed_demo: the indicators read the demo activities, events and polls."""
