"""One poll with its options, its sections and whether the viewer has voted, in one SQL query.

The poll page and the vote (page and API) read one poll per request; with `prefetch_related` that is three
queries (poll, sections, options) and a fourth for "has the viewer voted". Here the options and sections
come back as JSON arrays from correlated subqueries and are put where `prefetch_related` would have put
them, so `poll.options.all()` and `poll.sections.all()` read no more queries, exactly as before.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Exists, OuterRef, Subquery
from django.db.models.functions import Coalesce, JSONObject

from associations.models import Section
from votes.models import Option, Participation, Poll


class _JSONArrayAgg(models.Aggregate):
    """Rows of a JSON object, aggregated into one JSON array (PostgreSQL and SQLite)."""

    function = "JSONB_AGG"
    output_field = models.JSONField()

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection, function="JSON_GROUP_ARRAY", **extra)


def _fields(model) -> list[str]:
    return [field.attname for field in model._meta.concrete_fields]


def _rows_json(queryset, model, prefix: str = "") -> Coalesce:
    """A correlated subquery: the rows of `model` reached through `queryset` (grouped to one row per poll)
    as a JSON array of {attname: value}; [] for none."""
    row = JSONObject(**{name: f"{prefix}{name}" for name in _fields(model)})
    aggregated = queryset.annotate(_row=_JSONArrayAgg(row)).values("_row")
    return Coalesce(Subquery(aggregated), models.Value([], output_field=models.JSONField()))


def _options_json() -> Coalesce:
    # Grouped by poll so the aggregate is one row per poll; the order is restored in Python (Meta.ordering).
    return _rows_json(Option.objects.filter(poll=OuterRef("pk")).order_by().values("poll"), Option)


def _sections_json() -> Coalesce:
    through = Poll.sections.through.objects.filter(poll=OuterRef("pk")).order_by().values("poll")
    return _rows_json(through, Section, prefix="section__")


def _instances(model, rows) -> list:
    names = _fields(model)
    return [model.from_db("default", names, [row.get(name) for name in names]) for row in rows or []]


def _as_prefetched(poll: Poll, name: str, objects: list) -> None:
    """Store `objects` as the prefetched result of `poll.<name>` (what `prefetch_related` does)."""
    queryset = getattr(poll, name).get_queryset()
    queryset._result_cache = objects
    queryset._prefetch_done = True
    if not hasattr(poll, "_prefetched_objects_cache"):
        poll._prefetched_objects_cache = {}
    poll._prefetched_objects_cache[name] = queryset


def poll_in_one_query(poll_id: int, viewer=None) -> Poll | None:
    """The poll (with its association), options (display order), sections and, for a logged-in viewer,
    `viewer_voted` (and `viewer_voted_by`, the viewer's id); None when there is no such poll."""
    polls = Poll.objects.select_related("association").filter(pk=poll_id)
    polls = polls.annotate(options_json=_options_json(), sections_json=_sections_json())
    viewer_id = viewer.pk if getattr(viewer, "is_authenticated", False) else None
    if viewer_id is not None:
        polls = polls.annotate(viewer_voted=Exists(Participation.objects.filter(poll=OuterRef("pk"), member=viewer)))
    poll = polls.first()
    if poll is None:
        return None
    # Whose vote `viewer_voted` is about, so `selectors.has_voted` never answers for another user.
    poll.viewer_voted_by = viewer_id
    options = sorted(_instances(Option, poll.options_json), key=lambda option: (option.position, option.pk))
    sections = sorted(_instances(Section, poll.sections_json), key=lambda section: (section.name, section.pk))
    del poll.options_json, poll.sections_json
    _as_prefetched(poll, "options", options)
    _as_prefetched(poll, "sections", sections)
    return poll
