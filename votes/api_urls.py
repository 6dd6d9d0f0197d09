"""/api/v1/polls/…: polls, votes, results, receipts, outcome, proposals, CSV export."""

from django.urls import path

from votes.api import views

urlpatterns = [
    path("polls/", views.PollList.as_view(), name="poll-list"),
    path("polls/<int:poll_id>/", views.PollDetail.as_view(), name="poll-detail"),
    path("polls/<int:poll_id>/vote/", views.PollVote.as_view(), name="poll-vote"),
    path("polls/<int:poll_id>/results/", views.PollResults.as_view(), name="poll-results"),
    path("polls/<int:poll_id>/results.csv", views.PollExport.as_view(), name="poll-export"),
    path("polls/<int:poll_id>/receipts/", views.PollReceipts.as_view(), name="poll-receipts"),
    path("polls/<int:poll_id>/outcome/", views.PollOutcome.as_view(), name="poll-outcome"),
    path("polls/<int:poll_id>/proposals/", views.PollProposals.as_view(), name="poll-proposals"),
    path(
        "polls/<int:poll_id>/proposals/<int:proposal_id>/accept/",
        views.ProposalAccept.as_view(),
        name="poll-proposal-accept",
    ),
]
