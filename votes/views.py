"""Poll pages, server-rendered and complete without JavaScript (the live script only refreshes turnout)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from config.errors import DomainError
from config.html_errors import domain_errors, form_errors
from votes import rules, selectors, services
from votes.models import Kind, Poll


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
    staff = rules.is_poll_staff(user, poll)
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
        "is_staff": staff,
        "can_propose": user.has_perm("votes.propose_option", poll),
        "proposals": list(selectors.proposals_visible_to(user, poll)) if poll.in_proposal_phase else [],
        "rank_choices": range(1, len(poll.options.all()) + 1),
        "error": error,
        "posted": posted or {},
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
    """Cast the vote and show the receipt in this very response.

    No redirect: the receipt must not go through the session or a message cookie, where it would sit next
    to the member's identity.
    """
    poll = selectors.poll_for_viewer(request.user, poll_id, to_vote=True)
    with form_errors() as refused:
        ballot = ballot_from_post(poll, request.POST)
        receipt = services.ballot_cast(poll=poll, user=request.user, **ballot)
        labels = {option.pk: option.label for option in poll.options.all()}
        return render(
            request,
            "votes/receipt.html",
            {"poll": poll, "receipt": receipt, "choices": [labels[option_id] for option_id in receipt.choices]},
        )
    if not request.user.has_perm("votes.view_poll", poll):
        raise PermissionDenied(refused.error.message)  # outside the poll's scope: told why, not shown the poll
    context = _detail_context(request, poll, error=refused.error.message, posted=request.POST)
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
    proposal = services.proposal_create(poll=poll, user=request.user, text=request.POST.get("text", ""))
    if proposal.is_published:
        messages.success(request, _("Thank you! Your proposal is listed."))
    else:
        messages.success(request, _("Thank you! Staff will review your proposal."))
    return redirect(poll.get_absolute_url() + "#proposals")
