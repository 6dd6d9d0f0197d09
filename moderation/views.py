"""HTML pages: the staff queue (phone first), decisions, member actions, the audit log, the report form.

Thin: forms validate, services decide, `config.html_errors` turns their refusals into pages or messages.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from config.forms import form_status
from config.html_errors import domain_errors, form_errors, redirect_back
from moderation import selectors
from moderation.approvals import approval_decide, pending_approvals
from moderation.forms import ApprovalForm, BulkApproveForm, DecisionForm, ReportForm, SuspendForm, WarnForm
from moderation.log import audit_entries
from moderation.registry import parse_item_id
from moderation.services.decisions import author_suspend, author_warn, item_decide, items_bulk_approve
from moderation.services.reports import report_create

QUEUE_PAGE_SIZE = 20
QUEUE = "/moderation/"


def _require_staff(request) -> None:
    if not request.user.has_perm("moderation.view_queue"):
        raise PermissionDenied


def _back(request, default: str = QUEUE) -> HttpResponseRedirect:
    return redirect_back(request, default)


def queue_context(request, *, state: str, with_approvals: bool = True) -> dict:
    """What the queue pages (front end and Wagtail admin) show: one page of rows (`selectors.queue_rows`).

    `with_approvals`: the items other apps' workflows hold too (the admin lists those in its own dashboard)."""
    entries = selectors.queue_entries(request.user, state=state)
    page = Paginator(entries, QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    rows = selectors.queue_rows(request.user, page.object_list)
    # Items approved in their own app's workflow (activity reports, poll drafts) head the first page.
    first_open = with_approvals and state == selectors.OPEN and page.number == 1
    approvals = pending_approvals(request.user) if first_open else []
    return {
        "rows": rows,
        "page": page,
        "state": state,
        # The tab counts the queue's own entries (the live socket recounts those); approvals show theirs.
        "count": page.paginator.count,
        "approvals": approvals,
        "approvals_count": sum(group.count for group in approvals),
    }


@login_required
def queue(request):
    _require_staff(request)
    state = selectors.CLOSED if request.GET.get("state") == selectors.CLOSED else selectors.OPEN
    context = queue_context(request, state=state)
    if state == selectors.OPEN and context["page"].number == 1:
        # The header badge counts everything awaiting the viewer, as moderation/navigation.py does.
        request.moderation_queue_count = context["count"] + context["approvals_count"]
    return render(request, "moderation/queue.html", context)


def _refused(request, message: str) -> HttpResponseRedirect:
    messages.error(request, message)
    return _back(request)


@login_required
@require_POST
@domain_errors(back=QUEUE)
def decide(request):
    _require_staff(request)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return _refused(request, _("This action is not valid."))
    data = form.cleaned_data
    item_decide(actor=request.user, item_id=data["item"], action=data["action"], reason=data["reason"])
    messages.success(request, _("Decision recorded."))
    return _back(request)


@login_required
@require_POST
@domain_errors(back=QUEUE)
def approval(request):
    """One tap on an activity report or a poll draft: the item's own app decides (moderation.approvals)."""
    _require_staff(request)
    form = ApprovalForm(request.POST)
    if not form.is_valid():
        return _refused(request, _("This action is not valid."))
    data = form.cleaned_data
    message = approval_decide(actor=request.user, item_id=data["item"], action=data["action"], comment=data["comment"])
    messages.success(request, message)
    return _back(request)


@login_required
@require_POST
@domain_errors(back=QUEUE)
def bulk_approve(request):
    _require_staff(request)
    form = BulkApproveForm(request.POST)
    form.is_valid()
    count = items_bulk_approve(actor=request.user, item_ids=form.cleaned_data.get("items") or [])
    messages.success(
        request, ngettext("%(count)d item approved.", "%(count)d items approved.", count) % {"count": count}
    )
    return _back(request)


@login_required
@require_POST
@domain_errors(back=QUEUE)
def warn_author(request):
    _require_staff(request)
    form = WarnForm(request.POST)
    if not form.is_valid():
        return _refused(request, _("Write the warning for the author."))
    author_warn(actor=request.user, item_id=form.cleaned_data["item"], reason=form.cleaned_data["reason"])
    messages.success(request, _("The author was warned."))
    return _back(request)


@login_required
@require_POST
@domain_errors(back=QUEUE)
def suspend_author(request):
    _require_staff(request)
    form = SuspendForm(request.POST)
    if not form.is_valid():
        return _refused(request, _("Give an end date and a reason for the suspension."))
    author_suspend(
        actor=request.user,
        item_id=form.cleaned_data["item"],
        until=form.until_datetime(),
        reason=form.cleaned_data["reason"],
    )
    messages.success(request, _("The author is suspended."))
    return _back(request)


@login_required
def audit_log(request):
    _require_staff(request)
    member = request.GET.get("member", "").strip()
    item = request.GET.get("item", "").strip()
    entries = audit_entries(request.user, member=member, item=item)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "moderation/log.html", {"page": page, "member": member, "item": item})


def item(request, item_id: str):
    """Where a link to an item (notification, queue) lands: the item on its page, or a page saying it is
    no longer visible to this member (hidden, removed, or on a page that does not show it)."""
    parsed = parse_item_id(item_id)
    found = selectors.visible_item(*parsed, request.user) if parsed else None
    target = selectors.item_url(found)
    if target:
        return HttpResponseRedirect(target)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return render(request, "moderation/gone.html", status=404)


@login_required
@domain_errors
def report(request, item_id: str):
    """Report one item: a small form reachable from any page that shows member content."""
    parsed = parse_item_id(item_id)
    if parsed is None:
        raise Http404
    model, pk = parsed
    item = selectors.visible_item(model, pk, request.user)
    if item is None:
        raise Http404
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with form_errors(form):
            report_create(
                reporter=request.user,
                content_type=model._meta.label_lower,
                object_id=pk,
                reason=form.cleaned_data["reason"],
                comment=form.cleaned_data["comment"],
            )
            messages.success(request, _("Thank you. The staff will look at it; nobody will know you reported it."))
            return _back(request, default="/")
    return render(
        request,
        "moderation/report.html",
        {"form": form, "item": item, "item_id": item_id, "next": request.GET.get("next", "")},
        status=form_status(form),
    )
