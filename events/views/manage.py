"""Organiser pages: create / edit / publish / cancel an event, registrants and check-in, activity report."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from associations.selectors import primary_membership, user_memberships
from config.errors import DomainError
from config.forms import form_status
from config.parsing import parse_id
from events import selectors, services
from events.forms import CancelEventForm, CheckInCodeForm, EventForm
from events.rules import can_create_event


def _managed_event(request, pk: int):
    event = selectors.event_detail(request.user, pk)
    if event is None:
        raise Http404
    if not request.user.has_perm("events.manage_event", event):
        raise PermissionDenied
    return event


def _association_exists(association_id: int) -> bool:
    from associations.models import Association

    return Association.objects.filter(pk=association_id).exists()


def _creator_association_id(request) -> int:
    wanted = request.GET.get("association") or request.POST.get("association")
    memberships = user_memberships(request.user)
    wanted_id = parse_id(wanted)
    if wanted_id in memberships or (wanted_id and request.user.is_superuser and _association_exists(wanted_id)):
        return wanted_id
    membership = primary_membership(request.user)
    if membership is None:
        raise PermissionDenied
    return membership.association_id


@login_required
def event_create(request):
    association_id = _creator_association_id(request)
    if not can_create_event(request.user, association_id):
        raise PermissionDenied
    form = EventForm(request.POST or None, association_id=association_id)
    if request.method == "POST" and form.is_valid():
        from associations.models import Association

        try:
            event = services.event_create(
                actor=request.user,
                association=Association.objects.get(pk=association_id),
                section=form.cleaned_data["section"],
                data=form.service_data(),
                audience_sections=form.cleaned_data["audience_sections"],
                organisers=form.cleaned_data["organisers"],
                draft=form.cleaned_data["draft"],
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _status_message(event.status))
            return redirect(event.get_absolute_url())
    return render(request, "events/event_form.html", {"form": form, "event": None}, status=form_status(form))


@login_required
def event_edit(request, pk: int):
    event = _managed_event(request, pk)
    initial = {
        **{f: getattr(event, f) for f in ("title", "kind", "section", "place", "starts_at", "ends_at", "capacity")},
        **{f: getattr(event, f) for f in ("description", "registration_opens_at", "registration_closes_at")},
        "audience_roles": event.audience_roles,
        "audience_sections": list(event.audience_sections.all()),
        "min_age": event.min_age,
        "max_age": event.max_age,
        "organisers": list(event.organisers.all()),
        "draft": event.status == "draft",
    }
    form = EventForm(request.POST or None, initial=initial, association_id=event.association_id)
    form.fields["section"].disabled = True  # moving an event to another section would change who manages it
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_update(
                actor=request.user,
                event_id=event.pk,
                data=form.service_data(),
                audience_sections=form.cleaned_data["audience_sections"],
                organisers=form.cleaned_data["organisers"],
                submit=not form.cleaned_data["draft"],
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Event saved."))
            return redirect(event.get_absolute_url())
    return render(request, "events/event_form.html", {"form": form, "event": event}, status=form_status(form))


def _status_message(status: str) -> str:
    if status == "pending":
        return _("Event created: staff will publish it after review.")
    if status == "draft":
        return _("Draft saved: members do not see it yet.")
    return _("Event published.")


@login_required
@require_POST
def event_publish(request, pk: int):
    if selectors.event_detail(request.user, pk) is None:
        raise Http404
    try:
        services.event_publish(actor=request.user, event_id=pk)
    except DomainError as error:
        if error.status == 403:
            raise PermissionDenied from error
        messages.error(request, error.message)
    else:
        messages.success(request, _("Event published."))
    return redirect("events:detail", pk=pk)


@login_required
def event_cancel(request, pk: int):
    event = _managed_event(request, pk)
    form = CancelEventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.event_cancel(actor=request.user, event_id=pk, reason=form.cleaned_data["reason"])
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Event cancelled: everyone registered has been told."))
            return redirect(event.get_absolute_url())
    return render(request, "events/event_cancel.html", {"form": form, "event": event}, status=form_status(form))


@login_required
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
def check_in(request, pk: int):
    """One POST per tick (or per code typed): idempotent, so a retried request on a bad connection is harmless."""
    _managed_event(request, pk)
    user_id = request.POST.get("user", "")
    code = request.POST.get("code", "").strip()
    wants_json = "application/json" in request.headers.get("Accept", "")
    try:
        member_id = parse_id(user_id)
        if member_id is None and not code:
            raise DomainError(_("Give a member or a code."), code="required")
        registration, _new = services.registration_check_in(
            actor=request.user, event_id=pk, user_id=member_id, code=code or None
        )
    except DomainError as error:
        if wants_json:
            return JsonResponse({"error": error.message}, status=error.status)
        messages.error(request, error.message)
    else:
        name = registration.member.public_name
        if wants_json:
            return JsonResponse({"user": registration.member_id, "checked_in": True})
        messages.success(request, _("%(name)s is checked in.") % {"name": name})
    return redirect("events:registrants", pk=pk)


@login_required
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
