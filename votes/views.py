"""Poll pages, server-rendered and complete without JavaScript (the live script only refreshes turnout)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from config.errors import DomainError
from votes import rules, selectors, services
from votes.forms import EDIT, REVIEW, BallotForm
from votes.models import Kind, Poll
from votes.services.receipts import display


def _visible(request, poll_id: int) -> Poll:
    try:
        poll = selectors.poll_detail(poll_id)
    except Poll.DoesNotExist as error:
        raise Http404 from error
    if not rules.can_view(request.user, poll):
        raise Http404
    return poll


@login_required
def poll_list(request):
    return render(request, "votes/poll_list.html", {"lists": selectors.poll_lists(request.user)})


def _detail_context(
    request, poll: Poll, *, error: str = "", ballot: BallotForm | None = None, proposal_error: str = ""
) -> dict:
    user = request.user
    results = selectors.poll_results(poll)
    voted = selectors.has_voted(user, poll)
    hidden_reason = rules.results_hidden_reason(user, poll, results["ballots"], voted=voted)
    visible = hidden_reason is None
    staff = rules.is_poll_staff(user, poll)
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
        "is_staff": staff,
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
def poll_detail(request, poll_id: int):
    poll = _visible(request, poll_id)
    return render(request, "votes/poll_detail.html", _detail_context(request, poll))


@login_required
@require_POST
def poll_vote(request, poll_id: int):
    """Review the ballot ("Check my vote"), change it, or cast it and show the receipt in this very response.

    No redirect: the receipt must not go through the session or a message cookie, where it would sit next
    to the member's identity. A refused ballot comes back with every choice kept.
    """
    poll = _visible(request, poll_id)
    ballot = BallotForm(poll, request.POST)
    try:
        if ballot.step == EDIT:
            return render(request, "votes/poll_detail.html", _detail_context(request, poll, ballot=ballot))
        if ballot.step == REVIEW:
            content = services.ballot_check(poll=poll, user=request.user, **ballot.ballot())
            context = {"poll": poll, "hidden_fields": ballot.hidden_fields(), "choices": ballot.labels(content)}
            return render(request, "votes/ballot_review.html", context)
        receipt = services.ballot_cast(poll=poll, user=request.user, **ballot.ballot())
    except DomainError as error:
        context = _detail_context(request, poll, error=error.message, ballot=ballot)
        return render(request, "votes/poll_detail.html", context, status=error.status)
    return render(
        request, "votes/receipt.html", {"poll": poll, "receipt": receipt, "choices": ballot.labels(receipt.choices)}
    )


@login_required
def poll_receipts(request, poll_id: int):
    poll = _visible(request, poll_id)
    if not poll.is_closed:
        messages.info(request, _("Receipts are listed once the poll has closed."))
        return redirect(poll.get_absolute_url())
    try:
        page = max(int(request.GET.get("page", 1)), 1)
    except ValueError:
        page = 1
    codes, total = selectors.receipts_page(poll, page=page)
    code = request.GET.get("code", "").strip()
    return render(
        request,
        "votes/receipts.html",
        {
            "poll": poll,
            "codes": [display(c) for c in codes],
            "total": total,
            "page": page,
            "has_next": page * 200 < total,
            "code": code,
            "counted": selectors.receipt_counted(poll, code) if code else None,
        },
    )


@login_required
@require_POST
def poll_outcome(request, poll_id: int):
    poll = _visible(request, poll_id)
    try:
        services.outcome_record(poll=poll, user=request.user, outcome=request.POST.get("outcome", ""))
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The outcome is recorded and the members are told."))
    return redirect(poll.get_absolute_url())


@login_required
@require_POST
def poll_propose(request, poll_id: int):
    poll = _visible(request, poll_id)
    try:
        proposal = services.proposal_create(poll=poll, user=request.user, text=request.POST.get("text", ""))
    except DomainError as error:
        if not poll.in_proposal_phase:  # too late: the page has no proposal form to fill again
            messages.error(request, error.message)
            return redirect(poll.get_absolute_url() + "#proposals")
        # The proposal comes back as typed, with the reason.
        context = _detail_context(request, poll, proposal_error=error.message)
        context["proposal_draft"] = request.POST.get("text", "")
        return render(request, "votes/poll_detail.html", context, status=error.status)
    else:
        if proposal.is_published:
            messages.success(request, _("Thank you! Your proposal is listed."))
        else:
            messages.success(request, _("Thank you! Staff will review your proposal."))
    return redirect(poll.get_absolute_url() + "#proposals")
