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

from associations.forms.members import RoleForm, SuspendForm, WarnForm
from associations.models import Membership
from associations.presenters import member_data, visible_member_fields
from associations.selectors import memberships_visible_to, user_memberships
from associations.services import members as services
from config.errors import DomainError

PAGE_SIZE = 50


@login_required
def member_list(request):
    memberships = memberships_visible_to(request.user)
    own = user_memberships(request.user)
    may_filter = request.user.is_superuser or any(m.is_leader_or_staff for m in own.values())
    section = request.GET.get("section", "")
    if may_filter and section.isdigit():
        memberships = memberships.filter(section_id=int(section))
    page = Paginator(memberships, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(m, member_data(request.user, m)) for m in page.object_list]
    sections = sorted({m.section for m, _data in rows}, key=lambda s: s.name) if may_filter else []
    return render(
        request,
        "associations/members/list.html",
        {"page": page, "rows": rows, "may_filter": may_filter, "sections": sections, "section": section},
    )


def _visible_membership(request, pk: int) -> Membership:
    membership = get_object_or_404(Membership.objects.select_related("user", "section", "association"), pk=pk)
    if not request.user.has_perm("associations.view_membership", membership):
        raise Http404  # members of other associations are not even confirmed to exist
    return membership


@login_required
def member_detail(request, pk: int):
    membership = _visible_membership(request, pk)
    can_manage = request.user.has_perm("associations.manage_membership", membership)
    context = {
        "membership": membership,
        "member": member_data(request.user, membership),
        "fields": visible_member_fields(request.user, membership),
        "can_manage": can_manage,
        "suspend_form": SuspendForm(prefix="suspend"),
        "warn_form": WarnForm(prefix="warn"),
        "role_form": RoleForm(prefix="role", initial={"role": membership.role}),
    }
    return render(request, "associations/members/detail.html", context)


def _managed(request, pk: int) -> Membership:
    membership = _visible_membership(request, pk)
    if not request.user.has_perm("associations.manage_membership", membership):
        raise PermissionDenied
    return membership


def _run(request, membership, action, success: str):
    try:
        action()
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success)
    return redirect("member-detail", pk=membership.pk)


@login_required
@require_POST
def member_suspend(request, pk: int):
    membership = _managed(request, pk)
    form = SuspendForm(request.POST, prefix="suspend")
    if not form.is_valid():
        return render(
            request,
            "associations/members/detail.html",
            {
                "membership": membership,
                "member": member_data(request.user, membership),
                "fields": visible_member_fields(request.user, membership),
                "can_manage": True,
                "suspend_form": form,
                "warn_form": WarnForm(prefix="warn"),
                "role_form": RoleForm(prefix="role", initial={"role": membership.role}),
            },
            status=400,
        )
    end_of_day = datetime.datetime.combine(form.cleaned_data["until"], datetime.time.max)
    until = timezone.make_aware(end_of_day)
    return _run(
        request,
        membership,
        lambda: services.member_suspend(
            actor=request.user, membership=membership, until=until, reason=form.cleaned_data["reason"]
        ),
        _("Member suspended."),
    )


@login_required
@require_POST
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
def member_warn(request, pk: int):
    membership = _managed(request, pk)
    form = WarnForm(request.POST, prefix="warn")
    if not form.is_valid():
        messages.error(request, _("Give a reason for the warning."))
        return redirect("member-detail", pk=membership.pk)
    return _run(
        request,
        membership,
        lambda: services.member_warn(actor=request.user, membership=membership, reason=form.cleaned_data["reason"]),
        _("Warning sent."),
    )


@login_required
@require_POST
def member_role(request, pk: int):
    membership = _managed(request, pk)
    form = RoleForm(request.POST, prefix="role")
    if not form.is_valid():
        messages.error(request, _("Unknown role."))
        return redirect("member-detail", pk=membership.pk)
    return _run(
        request,
        membership,
        lambda: services.member_change_role(actor=request.user, membership=membership, role=form.cleaned_data["role"]),
        _("Role changed."),
    )


@login_required
@require_POST
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
def member_consent(request, pk: int):
    membership = _managed(request, pk)
    return _run(
        request,
        membership,
        lambda: services.guardian_consent_record(actor=request.user, membership=membership),
        _("Guardian consent recorded."),
    )
