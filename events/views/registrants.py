"""Registrants of an event beyond the list itself: CSV export, print view, undoing a check-in."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from config.html_errors import domain_errors
from config.parsing import parse_id
from events import selectors, services
from events.export import registrants_csv
from events.views.manage import _managed_event


@login_required
@domain_errors
def registrants_export(request, pk: int):
    event = _managed_event(request, pk)
    response = HttpResponse(registrants_csv(selectors.registrants(event)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="inscrits-{event.pk}.csv"'
    response["Cache-Control"] = "private, no-store"  # names of minors: never kept by a shared cache
    return response


@login_required
@domain_errors
def registrants_print(request, pk: int):
    """A sheet for the door: no header, menu or buttons, just the event and the names with a box to tick."""
    event = _managed_event(request, pk)
    rows = list(selectors.registrants(event))
    return render(request, "events/registrants_print.html", {"event": event, "rows": rows})


@login_required
@require_POST
@domain_errors(back="events:registrants")
def check_in_undo(request, pk: int):
    _managed_event(request, pk)
    registration = services.registration_check_in_undo(
        actor=request.user, event_id=pk, user_id=parse_id(request.POST.get("user", ""))
    )
    messages.success(request, _("Check-in of %(name)s taken back.") % {"name": registration.member.public_name})
    return redirect("events:registrants", pk=pk)
