"""“Mon espace”: a member's own profile, language, password and data export."""

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from associations.forms.members import ProfileForm
from associations.models import NoticeTopic
from associations.notice_channels import CHANNELS, preferences_of, preferences_save
from associations.personal_data import providers
from associations.selectors import user_memberships
from associations.services.profile import own_data_export


@login_required
def my_space(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        messages.success(request, _("Your profile is saved."))
        response = redirect("my-space")
        # The site follows the member's chosen language from now on.
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, user.language, samesite="Lax", max_age=365 * 86400)
        return response
    memberships = list(user_memberships(request.user).values())
    status = 400 if request.method == "POST" else 200
    pages = [p.page for p in providers() if p.page]
    context = {"form": form, "memberships": memberships, "extra_pages": pages}
    return render(request, "associations/me/space.html", context, status=status)


@login_required
def my_data(request):
    payload = json.dumps(own_data_export(request.user), ensure_ascii=False, indent=2)
    response = HttpResponse(payload, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="mes-donnees-ton.json"'
    return response


@login_required
def my_channels(request):
    """How the member is told, per topic, besides the inbox: e-mail, text message."""
    if request.method == "POST":
        chosen = {
            topic: {channel: f"{topic}-{channel}" in request.POST for channel in CHANNELS}
            for topic in NoticeTopic.values
        }
        preferences_save(request.user, chosen)
        messages.success(request, _("Your choices are saved."))
        return redirect("my-channels")
    preferences = preferences_of(request.user)
    topics = [(topic, label, preferences[topic]) for topic, label in NoticeTopic.choices]
    context = {"topics": topics, "has_email": bool(request.user.email), "has_phone": bool(request.user.phone)}
    return render(request, "associations/me/channels.html", context)
