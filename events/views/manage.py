"""Organiser pages: create / edit / publish / cancel an event, registrants and check-in, activity report."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from associations.presenters import member_name
from associations.selectors import acting_association
from config.forms import form_status
from config.html_errors import domain_errors, form_errors, wants_json
from config.parsing import parse_id
from events import selectors, services
from events.forms import CancelEventForm, CheckInCodeForm, EventForm
from events.rules import can_create_event


def _managed_event(request, pk: int):
    event = selectors.event_for_viewer(request.user, pk)
    if not request.user.has_perm("events.manage_event", event):
        raise PermissionDenied
    return event


@login_required
@domain_errors
def event_create(request):
    wanted = request.GET.get("association") or request.POST.get("association")
    association = acting_association(request.user, wanted)
    if not can_create_event(request.user, association.pk):
        raise PermissionDenied
    own_section = selectors.own_section_id(request.user, association.pk)
    form = EventForm(request.POST or None, association_id=association.pk, initial={"section": own_section})
    if request.method == "POST" and form.is_valid():
        with form_errors(form):
            event = services.event_create(
                actor=request.user,
                association=association,
                section=form.cleaned_data["section"],
                data=form.service_data(),
                audience_sections=form.cleaned_data["audience_sections"],
                organisers=form.cleaned_data["organisers"],
                draft=form.cleaned_data["draft"],
            )
            messages.success(request, _status_message(event.status))
            return redirect(event.get_absolute_url())
    told = selectors.who_is_told(request.user, association, own_section)
    context = {"form": form, "event": None, "who_is_told": told}
    return render(request, "events/event_form.html", context, status=form_status(form))


@login_required
@domain_errors
def event_edit(request, pk: int):
    event = _managed_event(request, pk)
    form = EventForm(request.POST or None, initial=EventForm.initial_for(event), association_id=event.association_id)
    form.fields["section"].disabled = True  # moving an event to another section would change who manages it
    if request.method == "POST" and form.is_valid():
        with form_errors(form):
            event = services.event_update(
                actor=request.user,
                event_id=event.pk,
                data=form.service_data(),
                audience_sections=form.cleaned_data["audience_sections"],
                organisers=form.cleaned_data["organisers"],
                submit=not form.cleaned_data["draft"],
            )
            messages.success(request, _("Event saved."))
            return redirect(event.get_absolute_url())
    told = selectors.who_is_told(request.user, event.association, event.section_id) if event.status == "draft" else None
    context = {"form": form, "event": event, "who_is_told": told}
    return render(request, "events/event_form.html", context, status=form_status(form))


def _status_message(status: str) -> str:
    if status == "pending":
        return _("Event created: staff will publish it after review.")
    if status == "draft":
        return _("Draft saved: members do not see it yet.")
    return _("Event published.")


@login_required
@require_POST
@domain_errors(back="events:detail")
def event_publish(request, pk: int):
    selectors.require_event_visible(request.user, pk)
    services.event_publish(actor=request.user, event_id=pk)
    messages.success(request, _("Event published."))
    return redirect("events:detail", pk=pk)


@login_required
@domain_errors
def event_cancel(request, pk: int):
    event = _managed_event(request, pk)
    form = CancelEventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with form_errors(form):
            services.event_cancel(actor=request.user, event_id=pk, reason=form.cleaned_data["reason"])
            messages.success(request, _("Event cancelled: everyone registered has been told."))
            return redirect(event.get_absolute_url())
    return render(request, "events/event_cancel.html", {"form": form, "event": event}, status=form_status(form))


@login_required
@domain_errors
def registrants(request, pk: int):
    event = _managed_event(request, pk)
    rows = list(selectors.registrants(event))
    checked = sum(1 for r in rows if r.checked_in_at)
    return render(
        request,
        "events/registrants.html",
        {"event": event, "rows": rows, "checked": checked, "code_form": CheckInCodeForm()},
    )


@login_required
@require_POST
@domain_errors(back="events:registrants")
def check_in(request, pk: int):
    """One POST per tick (or per code typed): idempotent, so a retried request on a bad connection is harmless.
    The check-in script asks for JSON: refusals then come in the API's error shape."""
    _managed_event(request, pk)
    code = request.POST.get("code", "").strip()
    registration, _new = services.registration_check_in(
        actor=request.user, event_id=pk, user_id=parse_id(request.POST.get("user", "")), code=code or None
    )
    if wants_json(request):
        return JsonResponse({"user": registration.member_id, "checked_in": True})
    messages.success(request, _("%(name)s is checked in.") % {"name": member_name(request.user, registration.member)})
    return redirect("events:registrants", pk=pk)


@login_required
@domain_errors
def activity_report(request, pk: int):
    """Hand over to the activity report form (cms), prefilled with title, date, section and attendance."""
    event = _managed_event(request, pk)
    params = [
        ("event", event.pk),
        ("title", event.title),
        ("date", timezone.localtime(event.starts_at).date().isoformat()),
        ("section", event.section.slug if event.section_id else ""),
        ("participants", selectors.checked_in_count(event)),
    ]
    return redirect(f"/activites/raconter/?{urlencode(params)}")
