"""The poll page's "decision → places obtained": what the pathways linked to a closed poll add up to."""

from django import template
from django.db.models import Count

from indicators.models import Pathway
from indicators.suppression import suppress_count

register = template.Library()


@register.inclusion_tag("indicators/includes/poll_places_body.html")
def poll_places(poll):
    """Nothing (and no query) while the poll is open; suppressed counts by status and sector once closed."""
    if poll is None or not poll.is_closed:
        return {"rows": []}
    rows = (
        Pathway.objects.filter(poll=poll)
        .values("status", "sector")
        .annotate(n=Count("id"))
        .order_by("status", "sector")
    )
    rows = [{**row, "shown": suppress_count(row["n"])} for row in rows]
    from indicators.models import PathwayStatus, Sector

    statuses, sectors = dict(PathwayStatus.choices), dict(Sector.choices)
    for row in rows:
        row["label"] = statuses.get(row["status"], row["status"])
        row["sector_label"] = sectors.get(row["sector"], "")
    total = sum(row["n"] for row in rows)
    return {"rows": rows, "total": suppress_count(total)}
