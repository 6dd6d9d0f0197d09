"""Background tasks (django-tasks) of events: the announcement of a published event to its audience.

Queued after the publishing transaction commits; the immediate backend (development, tests) runs it then,
the database backend in production (`manage.py db_worker`) runs it off the request.
"""

from django_tasks import task


@task()
def announce_event(event_id: int, by_id: int | None = None) -> int:
    from events.services.announcements import event_announce

    return event_announce(event_id=event_id, by_id=by_id)
