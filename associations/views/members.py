"""Member directory and staff actions on members (thin: rules in services, rights in rules.py)."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from associations import directory
from associations.directory import DirectoryQuery
from associations.forms.members import RoleForm, SuspendForm, WarnForm
from associations.member_history import member_history
from associations.models import Membership
from associations.presenters import member_data, visible_member_fields
from associations.services import members as services
from config.html_errors import domain_errors

PAGE_SIZE = 50


@login_required
def member_list(request):
    query = DirectoryQuery.from_params(request.user, request.GET, default_own_site=True)
    page = Paginator(directory.search(request.user, query), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "rows": directory.rows(request.user, page.object_list),
        "query": query,
        "all_sites": directory.ALL_SITES,
        **directory.filter_choices(request.user),
    }
    return render(request, "associations/members/list.html", context)


def _visible_membership(request, pk: int) -> Membership:
    membership = get_object_or_404(Membership.objects.select_related("user", "section", "association"), pk=pk)
    if not request.user.has_perm("associations.view_membership", membership):
        raise Http404  # members of other associations are not even confirmed to exist
    return membership


@login_required
def member_detail(request, pk: int):
    return _render_detail(request, _visible_membership(request, pk))


def _render_detail(request, membership: Membership, *, status: int = 200, **bound_forms):
    """The member page; a form that failed validation is shown again with its errors and input."""
    forms = {
        "suspend_form": SuspendForm(prefix="suspend"),
        "warn_form": WarnForm(prefix="warn"),
        "role_form": RoleForm(prefix="role", initial={"role": membership.role}),
        **bound_forms,
    }
    context = {
        "membership": membership,
        "member": member_data(request.user, membership),
        "fields": visible_member_fields(request.user, membership),
        "can_manage": request.user.has_perm("associations.manage_membership", membership),
        "history": member_history(request.user, membership)
        if request.user.has_perm("associations.view_member_history", membership)
        else None,
        **forms,
    }
    return render(request, "associations/members/detail.html", context, status=status)


def _managed(request, pk: int) -> Membership:
    membership = _visible_membership(request, pk)
    if not request.user.has_perm("associations.manage_membership", membership):
        raise PermissionDenied
    return membership


def _run(request, membership, action, success: str):
    """A staff action from a button: refusals become a message on the member page (`domain_errors`)."""
    action()
    messages.success(request, success)
    return redirect("member-detail", pk=membership.pk)


def _form_action(request, pk: int, form_class, prefix: str, action, success: str):
    """A staff action driven by a small form: 400 with the form's errors, or the service's outcome."""
    membership = _managed(request, pk)
    form = form_class(request.POST, prefix=prefix)
    if not form.is_valid():
        return _render_detail(request, membership, status=400, **{f"{prefix}_form": form})
    return _run(request, membership, lambda: action(membership, form.cleaned_data), success)


def _end_of_day(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.max))


@login_required
@require_POST
@domain_errors(back="member-detail")
def member_suspend(request, pk: int):
    return _form_action(
        request,
        pk,
        SuspendForm,
        "suspend",
        lambda membership, data: services.member_suspend(
            actor=request.user, membership=membership, until=_end_of_day(data["until"]), reason=data["reason"]
        ),
        _("Member suspended."),
    )


@login_required
@require_POST
@domain_errors(back="member-detail")
def member_warn(request, pk: int):
    return _form_action(
        request,
        pk,
        WarnForm,
        "warn",
        lambda membership, data: services.member_warn(actor=request.user, membership=membership, reason=data["reason"]),
        _("Warning sent."),
    )


@login_required
@require_POST
@domain_errors(back="member-detail")
def member_role(request, pk: int):
    return _form_action(
        request,
        pk,
        RoleForm,
        "role",
        lambda membership, data: services.member_change_role(
            actor=request.user, membership=membership, role=data["role"]
        ),
        _("Role changed."),
    )


@login_required
@require_POST
@domain_errors(back="member-detail")
def member_reactivate(request, pk: int):
    membership = _managed(request, pk)
    return _run(
        request,
        membership,
        lambda: services.member_reactivate(actor=request.user, membership=membership),
        _("Member reactivated."),
    )


@login_required
@require_POST
@domain_errors(back="member-detail")
def member_erase(request, pk: int):
    membership = _managed(request, pk)
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Tick the box to confirm the erasure."))
        return redirect("member-detail", pk=membership.pk)
    return _run(
        request,
        membership,
        lambda: services.member_erase(actor=request.user, membership=membership),
        _("Personal data erased. Contributions stay, shown as “former member”."),
    )


@login_required
@require_POST
@domain_errors(back="member-detail")
def member_consent(request, pk: int):
    membership = _managed(request, pk)
    return _run(
        request,
        membership,
        lambda: services.guardian_consent_record(actor=request.user, membership=membership),
        _("Guardian consent recorded."),
    )
