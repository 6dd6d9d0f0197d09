"""Background tasks (django-tasks): the same reminders as the `send_event_reminders` command.

With the default immediate backend, enqueuing runs it at once; with the database backend a worker runs it.
"""

from django_tasks import task

from events.services import event_reminders_send


@task()
def send_event_reminders() -> int:
    return event_reminders_send()
