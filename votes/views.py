"""Poll pages, server-rendered and complete without JavaScript (the live script only refreshes turnout)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from config.errors import DomainError
from votes import rules, selectors, services
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


def _as_int(value: str):
    try:
        return int(value)
    except (TypeError, ValueError):
        return value  # left as text: the tally refuses it with a clear message


def ballot_from_post(poll: Poll, data) -> dict:
    """choices / ranking from the form: radios or checkboxes, or one rank <select> per option."""
    if poll.kind != Kind.RANKED:
        return {"choices": [_as_int(value) for value in data.getlist("choices")]}
    ranks = []
    for option in poll.options.all():
        rank = data.get(f"rank-{option.pk}", "")
        if rank:
            ranks.append((_as_int(rank), option.pk))
    if any(not isinstance(rank, int) for rank, _ in ranks):
        raise DomainError(_("A rank must be a number."), code="ballot_invalid")
    if len({rank for rank, _ in ranks}) != len(ranks):
        raise DomainError(_("Give each rank to one option only."), code="ballot_duplicate_rank")
    return {"ranking": [option_id for _rank, option_id in sorted(ranks)]}


def _detail_context(request, poll: Poll, *, error: str = "", posted=None) -> dict:
    user = request.user
    results = selectors.poll_results(poll)
    visible = rules.results_visible(user, poll, results["ballots"])
    reason = rules.ineligibility(user, poll)
    voted = selectors.has_voted(user, poll)
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
        "can_record_outcome": user.has_perm("votes.record_outcome", poll),
        "can_export": user.has_perm("votes.export_results", poll),
        "can_propose": user.has_perm("votes.propose_option", poll),
        "proposals": list(selectors.proposals_visible_to(user, poll)) if poll.in_proposal_phase else [],
        "rank_choices": range(1, len(poll.options.all()) + 1),
        "error": error,
        "posted": posted or {},
        "live": poll.is_open,
    }


@login_required
def poll_detail(request, poll_id: int):
    poll = _visible(request, poll_id)
    return render(request, "votes/poll_detail.html", _detail_context(request, poll))


@login_required
@require_POST
def poll_vote(request, poll_id: int):
    """Cast the vote and show the receipt in this very response.

    No redirect: the receipt must not go through the session or a message cookie, where it would sit next
    to the member's identity.
    """
    poll = _visible(request, poll_id)
    try:
        ballot = ballot_from_post(poll, request.POST)
        receipt = services.ballot_cast(poll=poll, user=request.user, **ballot)
    except DomainError as error:
        context = _detail_context(request, poll, error=error.message, posted=request.POST)
        return render(request, "votes/poll_detail.html", context, status=error.status)
    labels = {option.pk: option.label for option in poll.options.all()}
    return render(
        request,
        "votes/receipt.html",
        {"poll": poll, "receipt": receipt, "choices": [labels[option_id] for option_id in receipt.choices]},
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
        messages.error(request, error.message)
    else:
        if proposal.is_published:
            messages.success(request, _("Thank you! Your proposal is listed."))
        else:
            messages.success(request, _("Thank you! Staff will review your proposal."))
    return redirect(poll.get_absolute_url() + "#proposals")
