"""Poll pages, server-rendered and complete without JavaScript (the live script only refreshes turnout)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from associations.predicates import is_active_staff
from associations.selectors import acting_association, user_memberships
from config.errors import DomainError, Forbidden, NotFound
from config.forms import form_status
from config.html_errors import domain_errors, form_errors
from config.parsing import parse_id
from votes import rules, selectors, services
from votes.ballot_form import EDIT, REVIEW, BallotForm
from votes.forms import PollForm, initial_from, option_rows, wants_more_rows
from votes.models import Kind, Poll, State


@login_required
def poll_list(request):
    can_create = any(rules.can_create_in(request.user, pk) for pk in user_memberships(request.user))
    context = {"lists": selectors.poll_lists(request.user), "can_create": can_create}
    return render(request, "votes/poll_list.html", context)


def _detail_context(
    request, poll: Poll, *, error: str = "", ballot: BallotForm | None = None, proposal_error: str = ""
) -> dict:
    user = request.user
    results = selectors.poll_results(poll)
    voted = selectors.has_voted(user, poll)
    hidden_reason = rules.results_hidden_reason(user, poll, results["ballots"], voted=voted)
    visible = hidden_reason is None
    reason = rules.ineligibility(user, poll)
    return {
        "poll": poll,
        "state": poll.state,
        "options": list(poll.options.all()),
        "turnout": results["turnout"],
        "results": results if visible else None,
        "rounds": selectors.round_table(poll, results) if visible and poll.kind == Kind.RANKED else [],
        "public_votes": selectors.public_votes(poll) if visible else [],
        "can_vote": poll.is_open and reason is None and not voted,
        "ineligible": reason,
        "has_voted": voted,
        "can_publish": user.has_perm("votes.publish_poll", poll),
        "can_change": user.has_perm("votes.change_poll", poll),
        "can_create": rules.can_create_in(user, poll.association_id),
        "can_record_outcome": user.has_perm("votes.record_outcome", poll),
        "can_export": user.has_perm("votes.export_results", poll),
        "can_propose": user.has_perm("votes.propose_option", poll),
        "proposals": list(selectors.proposals_visible_to(user, poll)) if poll.in_proposal_phase else [],
        "rank_choices": range(1, len(poll.options.all()) + 1),
        "results_hidden_reason": hidden_reason,
        "proposal_error": proposal_error,
        "error": error,
        "ballot_rows": (ballot or BallotForm(poll)).rows(),
        "live": poll.is_open,
    }


@login_required
@domain_errors
def poll_detail(request, poll_id: int):
    poll = selectors.poll_for_viewer(request.user, poll_id)
    return render(request, "votes/poll_detail.html", _detail_context(request, poll))


@login_required
@require_POST
@domain_errors
def poll_vote(request, poll_id: int):
    """Review the ballot ("Check my vote"), change it, or cast it and show the receipt in this very response.

    No redirect: the receipt must not go through the session or a message cookie, where it would sit next
    to the member's identity. A refused ballot comes back with every choice kept.
    """
    poll = selectors.poll_for_viewer(request.user, poll_id, to_vote=True)
    ballot = BallotForm(poll, request.POST)
    with form_errors() as refused:
        if ballot.step == EDIT:
            return render(request, "votes/poll_detail.html", _detail_context(request, poll, ballot=ballot))
        if ballot.step == REVIEW:
            content = services.ballot_check(poll=poll, user=request.user, **ballot.ballot())
            context = {"poll": poll, "hidden_fields": ballot.hidden_fields(), "choices": ballot.labels(content)}
            return render(request, "votes/ballot_review.html", context)
        receipt = services.ballot_cast(poll=poll, user=request.user, **ballot.ballot())
        context = {"poll": poll, "receipt": receipt, "choices": ballot.labels(receipt.choices)}
        return render(request, "votes/receipt.html", context)
    if not request.user.has_perm("votes.view_poll", poll):
        raise PermissionDenied(refused.error.message)  # outside the poll's scope: told why, not shown the poll
    context = _detail_context(request, poll, error=refused.error.message, ballot=ballot)
    return render(request, "votes/poll_detail.html", context, status=refused.status)


@login_required
@domain_errors
def poll_receipts(request, poll_id: int):
    poll = selectors.poll_for_viewer(request.user, poll_id)
    if not poll.is_closed:
        messages.info(request, _("Receipts are listed once the poll has closed."))
        return redirect(poll.get_absolute_url())
    listing = selectors.receipt_listing(poll, page=request.GET.get("page"))
    code = request.GET.get("code", "").strip()
    return render(
        request,
        "votes/receipts.html",
        {
            "poll": poll,
            "codes": listing.codes,
            "total": listing.total,
            "page": listing.page,
            "has_next": listing.has_next,
            "code": code,
            "counted": selectors.receipt_counted(poll, code) if code else None,
        },
    )


@login_required
@require_POST
@domain_errors(back="votes:detail")
def poll_outcome(request, poll_id: int):
    poll = selectors.poll_for_viewer(request.user, poll_id)
    services.outcome_record(poll=poll, user=request.user, outcome=request.POST.get("outcome", ""))
    messages.success(request, _("The outcome is recorded and the members are told."))
    return redirect(poll.get_absolute_url())


@login_required
@require_POST
@domain_errors(back=lambda request, poll_id: reverse("votes:detail", args=[poll_id]) + "#proposals")
def poll_propose(request, poll_id: int):
    poll = selectors.poll_for_viewer(request.user, poll_id)
    try:
        proposal = services.proposal_create(poll=poll, user=request.user, text=request.POST.get("text", ""))
    except DomainError as error:
        if isinstance(error, (NotFound, Forbidden)) or not poll.in_proposal_phase:
            raise  # the site's 404/403 page, or (too late: no form to fill again) a message and back
        # The proposal comes back as typed, with the reason.
        context = _detail_context(request, poll, proposal_error=error.message)
        context["proposal_draft"] = request.POST.get("text", "")
        return render(request, "votes/poll_detail.html", context, status=error.status)
    if proposal.is_published:
        messages.success(request, _("Thank you! Your proposal is listed."))
    else:
        messages.success(request, _("Thank you! Staff will review your proposal."))
    return redirect(poll.get_absolute_url() + "#proposals")


def _creating_association(request) -> int:
    """The association a new poll belongs to (the one the member acts for), if they lead or staff it."""
    association = acting_association(request.user, request.GET.get("association") or None)
    if not rules.can_create_in(request.user, association.pk):
        raise PermissionDenied(_("Only leaders and staff of the association create polls."))
    return association.pk


def _form_page(request, form, rows: list[str], *, poll=None, source=None, status=None):
    context = {
        "form": form,
        "rows": rows,
        "poll": poll,
        "source": source,
        "options_locked": poll is not None and poll.state not in {State.DRAFT, State.SCHEDULED},
    }
    return render(request, "votes/poll_form.html", context, status=status or form_status(form))


@login_required
@domain_errors
def poll_new(request):
    """A new poll; `?depuis=<id>` starts from a poll the member may change (a past one, say)."""
    association_id = _creating_association(request)
    source, initial, labels = None, {}, []
    source_id = parse_id(request.GET.get("depuis"))
    if source_id is not None:
        source = selectors.poll_for_viewer(request.user, source_id)
        may = request.user.has_perm("votes.change_poll", source) or request.user.has_perm("votes.publish_poll", source)
        if not may:
            raise PermissionDenied
        initial = {**initial_from(source), "opens_at": None, "closes_at": None}
        initial = {key: value for key, value in initial.items() if value is not None}
        labels = [] if source.kind == Kind.YES_NO else [option.label for option in source.options.all()]
    data = request.POST if request.method == "POST" else None
    staff = is_active_staff(request.user, association_id)
    form = PollForm(data, association_id=association_id, initial=initial, quiet=wants_more_rows(data), staff=staff)
    rows = option_rows(data, initial=labels)
    if data is not None and not wants_more_rows(data) and form.is_valid():
        with form_errors(form):
            poll = services.poll_create(
                user=request.user,
                association=association_id,
                options=[row.strip() for row in rows if row.strip()],
                sections=list(form.cleaned_data["sections"]),
                secret=form.secret,
                publish=form.cleaned_data.get("publish", False),
                **form.service_data(),
            )
            if poll.published:
                messages.success(request, _("The poll is published."))
            else:
                messages.success(request, _("The poll is saved as a draft; staff will publish it."))
            return redirect(poll.get_absolute_url())
    return _form_page(request, form, rows, source=source)


@login_required
@domain_errors
def poll_edit(request, poll_id: int):
    """Change a poll while it is a draft or upcoming; once open, only its description."""
    poll = selectors.poll_for_viewer(request.user, poll_id)
    if not request.user.has_perm("votes.change_poll", poll):
        raise PermissionDenied(_("You may not change this poll."))
    locked = poll.state not in {State.DRAFT, State.SCHEDULED}
    data = request.POST if request.method == "POST" else None
    form = PollForm(
        data,
        association_id=poll.association_id,
        initial=initial_from(poll),
        locked=locked,
        secret_fixed=True,
        quiet=wants_more_rows(data),
    )
    labels = [] if poll.kind == Kind.YES_NO else [option.label for option in poll.options.all()]
    rows = labels if locked else option_rows(data, initial=labels)
    if data is not None and not wants_more_rows(data) and form.is_valid():
        with form_errors(form):
            services.poll_update(
                poll=poll,
                user=request.user,
                options=None if locked else [row.strip() for row in rows if row.strip()],
                sections=None if locked else list(form.cleaned_data["sections"]),
                **({"description": form.cleaned_data["description"] or ""} if locked else form.service_data()),
            )
            messages.success(request, _("The poll is saved."))
            return redirect(poll.get_absolute_url())
    return _form_page(request, form, rows, poll=poll)


@login_required
@require_POST
@domain_errors(back="votes:detail")
def poll_publish(request, poll_id: int):
    poll = selectors.poll_for_viewer(request.user, poll_id)
    services.poll_publish(poll=poll, user=request.user, published=request.POST.get("published", "1") == "1")
    messages.success(request, _("The poll is published.") if poll.published else _("The poll is back to draft."))
    return redirect(poll.get_absolute_url())
