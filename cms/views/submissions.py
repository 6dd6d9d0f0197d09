"""“Raconter une activité”, “Mes récits”, reworking a report, and the author's own preview."""

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from associations.selectors import acting_association, membership_in
from cms.forms import ActivityForm, prefill
from cms.kept_photos import forget, stash
from cms.models import ActivityPage, Visibility
from cms.sanitize import html_to_text
from cms.selectors import my_submissions, submission_state
from cms.services.activities import MAX_PHOTOS, activity_resubmit, activity_submit
from config.forms import form_status
from config.html_errors import domain_errors, form_errors


def _association_or_403(user):
    membership = membership_in(user, acting_association(user))
    if not rules.has_perm("cms.submit_activity", user, membership.association):
        raise PermissionDenied(_("Only members of an association can tell its activities."))
    return membership


def _keep(request, form) -> None:
    """Stash the photos accepted in a form sent back, so the member need not choose them again."""
    fresh = {n: photo for n, photo in form.clean_photos.items() if n not in form.kept_tokens}
    form.kept_tokens.update(stash(request, fresh))


@login_required
@domain_errors
def submit(request):
    membership = _association_or_403(request.user)
    association = membership.association
    staff = rules.has_perm("cms.moderate_activity", request.user, association)
    kwargs = {"association": association, "can_choose_visibility": staff, "request": request}
    if request.method == "POST":
        form = ActivityForm(request.POST, request.FILES, **kwargs)
        if form.is_valid():
            with form_errors(form):
                page = activity_submit(
                    author=request.user, association=association, data=form.to_input(), photos=form.photos()
                )
                forget(request, form.kept_tokens.values())
                if page.live:
                    messages.success(request, _("Your activity report is published."))
                else:
                    messages.success(request, _("Thank you! Staff will read your report before it is published."))
                return redirect("cms:mine")
    else:
        initial = {"section": membership.section.slug, **prefill(request.GET, association=association)}
        form = ActivityForm(initial=initial, **kwargs)
    if request.method == "POST":
        _keep(request, form)
    return render(request, "cms/submit.html", {"form": form, "editing": None}, status=form_status(form))


@never_cache
@login_required
def mine(request):
    return render(request, "cms/mine.html", {"submissions": my_submissions(request.user)})


@login_required
def edit(request, pk: int):
    page = get_object_or_404(ActivityPage.objects.select_related("association"), pk=pk, author=request.user)
    if submission_state(page) != "changes":
        messages.info(request, _("This report cannot be changed now."))
        return redirect("cms:mine")
    draft = page.get_latest_revision_as_object()
    existing = list(draft.photos.all())
    kwargs = {
        "association": page.association,
        "can_choose_visibility": rules.has_perm("cms.moderate_activity", request.user, page.association),
        "photo_slots": max(0, MAX_PHOTOS - len(existing)),
        "request": request,
    }
    if request.method == "POST":
        form = ActivityForm(request.POST, request.FILES, **kwargs)
        if form.is_valid():
            remove = {photo.pk for photo in existing if request.POST.get(f"remove_{photo.pk}")}
            captions = {photo.pk: request.POST.get(f"caption_existing_{photo.pk}", photo.caption) for photo in existing}
            with form_errors(form):
                activity_resubmit(
                    author=request.user,
                    page=page,
                    data=form.to_input(captions=captions),
                    photos=form.photos(),
                    remove=remove,
                )
                forget(request, form.kept_tokens.values())
                messages.success(request, _("Your report was sent again to staff."))
                return redirect("cms:mine")
    else:
        initial = {
            "title": draft.title,
            "date": draft.date,
            "section": draft.section.slug,
            "theme": draft.theme,
            "text": "\n\n".join(
                html_to_text(block.value.source) for block in draft.body if block.block_type == "paragraph"
            ),
            "participants": draft.participants,
            "event": draft.event_id,
            "visibility": draft.visibility or Visibility.MEMBERS,
        }
        form = ActivityForm(initial=initial, **kwargs)
    if request.method == "POST":
        _keep(request, form)
    return render(
        request, "cms/submit.html", {"form": form, "editing": page, "existing": existing}, status=form_status(form)
    )


@never_cache
@login_required
def preview(request, pk: int):
    """The author's (or staff's) view of a report that is not published yet."""
    page = get_object_or_404(ActivityPage.objects.select_related("association"), pk=pk)
    if not rules.has_perm("cms.preview_activity", request.user, page):
        raise Http404
    draft = page.get_latest_revision_as_object()
    return render(
        request,
        "cms/preview.html",
        {"page": draft, "photos": draft.visible_photos(request.user), "state": submission_state(page)},
    )
