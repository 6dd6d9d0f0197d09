"""Creating, changing, publishing polls and recording what was decided."""

from __future__ import annotations

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from associations.audit import audit
from associations.models import Association, Role, Section
from associations.selectors import acting_association
from associations.services.notifications import notify
from config.errors import Conflict, DomainError, Forbidden
from votes import rules
from votes.models import Kind, Option, Poll, State, Visibility
from votes.selectors import eligible_key, poll_staff

# Fields a creator sets; anything else sent is ignored by the API serializers.
SETTINGS_FIELDS = {
    "title",
    "question",
    "description",
    "topic",
    "kind",
    "opens_at",
    "closes_at",
    "accepts_proposals",
    "eligible_roles",
    "min_age",
    "max_age",
    "results_visibility",
    "results_after_voting",
    "quorum_percent",
    "min_choices",
    "max_choices",
}
# Once a poll is open, only wording that changes no vote may still change.
OPEN_FIELDS = {"description"}
VALID_ROLES = {Role.YOUTH, Role.LEADER, Role.STAFF}


def _check(poll: Poll, option_labels: list[str] | None) -> None:
    if poll.closes_at <= poll.opens_at:
        raise DomainError(_("The poll must close after it opens."), code="invalid_window")
    if not poll.eligible_roles or not set(poll.eligible_roles) <= VALID_ROLES:
        raise DomainError(_("Choose at least one role among youth, leader and staff."), code="invalid_roles")
    if poll.min_age is not None and poll.max_age is not None and poll.min_age > poll.max_age:
        raise DomainError(_("The minimum age is above the maximum age."), code="invalid_ages")
    if poll.quorum_percent > 100:
        raise DomainError(_("The quorum is a percentage between 0 and 100."), code="invalid_quorum")
    if poll.results_visibility not in Visibility.values or poll.kind not in Kind.values:
        raise DomainError(_("Unknown setting."), code="invalid")
    count = len(option_labels) if option_labels is not None else None
    if poll.kind == Kind.MULTIPLE:
        upper = poll.max_choices
        if poll.min_choices < 1 or (upper is not None and upper < poll.min_choices):
            raise DomainError(_("The minimum and maximum numbers of choices do not fit."), code="invalid_bounds")
        if count is not None and upper is not None and upper > count and not poll.accepts_proposals:
            raise DomainError(_("The maximum number of choices is above the number of options."), code="invalid_bounds")
    if count is not None and poll.kind != Kind.YES_NO:
        if any(not label.strip() for label in option_labels):
            raise DomainError(_("An option cannot be empty."), code="invalid_options")
        if len({label.strip().casefold() for label in option_labels}) != count:
            raise DomainError(_("Two options have the same label."), code="invalid_options")
        if count < 2 and not poll.accepts_proposals:
            raise DomainError(_("A poll needs at least two options."), code="invalid_options")


def _set_options(poll: Poll, labels: list[str] | None) -> None:
    if poll.kind == Kind.YES_NO:
        poll.options.all().delete()
        with translation.override(poll.association.default_language):
            labels = [
                pgettext("yes/no option", "For"),
                pgettext("yes/no option", "Against"),
                pgettext("yes/no option", "Abstain"),
            ]
    elif labels is None:
        return
    else:
        poll.options.all().delete()
    Option.objects.bulk_create(
        Option(poll=poll, label=label.strip()[:200], position=index) for index, label in enumerate(labels)
    )


def _set_sections(poll: Poll, sections: list[Section] | None) -> None:
    if sections is None:
        return
    if any(section.association_id != poll.association_id for section in sections):
        raise DomainError(_("A section in scope belongs to another association."), code="invalid_sections")
    poll.sections.set(sections)
    poll._section_ids = {section.pk for section in sections}


def poll_create(
    *,
    user,
    association: Association | int | None = None,
    options: list[str] | None = None,
    sections: list[Section] | None = None,
    secret: bool = True,
    publish: bool = False,
    **fields,
) -> Poll:
    """A poll by a leader or staff member of the association (or its id; by default the one the user acts
    for). A draft until staff publish it: staff may publish at once (`publish`); a leader's poll waits, and
    the staff who may publish it are told.
    """
    association = acting_association(user, association)
    if not rules.can_create_in(user, association.pk):
        raise Forbidden(_("Only leaders and staff of the association create polls."))
    poll = Poll(association=association, created_by=user, secret=bool(secret))
    for name, value in fields.items():
        if name in SETTINGS_FIELDS:
            setattr(poll, name, value)
    _check(poll, options if poll.kind != Kind.YES_NO else None)
    with transaction.atomic():
        poll.save()
        _set_sections(poll, sections)
        _set_options(poll, options or [])
        audit(poll, "ton.poll.create", user=user, title=poll.title)
        if publish and rules.is_poll_staff(user, poll):
            poll.published = True
            poll.save(update_fields=["published"])
            audit(poll, "ton.poll.publish", user=user, title=poll.title)
            _announce_after_commit(poll)
        elif not rules.is_poll_staff(user, poll):
            _tell_staff_a_poll_waits(poll, user)
    return poll


def _tell_staff_a_poll_waits(poll: Poll, author) -> None:
    notify(
        poll_staff(poll).exclude(pk=author.pk),
        kind="votes.draft",
        message=gettext_lazy("A poll waits for your publication: “%(title)s”, by %(author)s."),
        params={"title": poll.title, "author": author.public_name},
        url=poll.get_absolute_url(),
    )


def poll_update(*, poll: Poll, user, options: list[str] | None = None, sections=None, **fields) -> Poll:
    """Change a poll's settings; the ballot secrecy never changes and an open poll keeps its rules."""
    if not rules.can_change(user, poll):
        raise Forbidden(_("You may not change this poll."))
    if "secret" in fields and bool(fields.pop("secret")) != poll.secret:
        raise DomainError(_("Secret or public ballot is chosen at creation and cannot change."), code="secret_fixed")
    state = poll.state
    allowed = SETTINGS_FIELDS if state in {State.DRAFT, State.SCHEDULED} else OPEN_FIELDS
    changed = {name for name, value in fields.items() if getattr(poll, name) != value}
    if changed - allowed or (
        state not in {State.DRAFT, State.SCHEDULED} and (options is not None or sections is not None)
    ):
        raise Conflict(_("Once a poll is open, only its description may change."), code="poll_locked")
    for name in changed:
        setattr(poll, name, fields[name])
    labels = options
    if labels is None and poll.kind != Kind.YES_NO and "kind" in changed:
        labels = [option.label for option in poll.options.all()]
    _check(poll, labels if poll.kind != Kind.YES_NO else None)
    with transaction.atomic():
        poll.save()
        _set_sections(poll, sections)
        if options is not None or "kind" in changed:
            _set_options(poll, labels)
        audit(poll, "ton.poll.update", user=user, fields=",".join(sorted(changed)))
    cache.delete(eligible_key(poll.pk))
    return poll


def poll_publish(*, poll: Poll, user, published: bool = True) -> Poll:
    """Staff publish a poll (or take back one that has not opened yet)."""
    if not rules.is_poll_staff(user, poll):
        raise Forbidden(_("Only staff publish polls."))
    if published == poll.published:
        return poll
    if not published and poll.state != State.SCHEDULED:
        raise Conflict(_("An open or closed poll cannot be unpublished."), code="poll_locked")
    if published and poll.options.count() < (1 if poll.kind == Kind.YES_NO else 2):
        raise DomainError(_("A poll needs at least two options."), code="invalid_options")
    poll.published = published
    poll.save(update_fields=["published"])
    audit(poll, "ton.poll.publish" if published else "ton.poll.unpublish", user=user, title=poll.title)
    if published:
        _announce_after_commit(poll)
    return poll


def _announce_after_commit(poll: Poll) -> None:
    """An open poll's members hear of it now, from the task queue, not in the publishing request."""
    from votes.tasks import send_poll_notices

    # robust: an unreachable queue is logged, never a failed request (the periodic run catches up).
    transaction.on_commit(lambda: send_poll_notices.enqueue(poll.pk), robust=True)


def _tell_outcome_after_commit(poll: Poll, *, first: bool) -> None:
    """Those who could vote hear of the decision from the task queue, not in the recording request."""
    from votes.tasks import tell_poll_outcome

    transaction.on_commit(lambda: tell_poll_outcome.enqueue(poll.pk, first), robust=True)


def outcome_record(*, poll: Poll, user, outcome: str) -> Poll:
    """Staff record what was decided after closing; the members concerned are told in their inbox."""
    if not rules.is_poll_staff(user, poll):
        raise Forbidden(_("Only staff record the outcome of a poll."))
    if poll.state != State.CLOSED:
        raise Conflict(_("The outcome is recorded after the poll closes."), code="poll_not_closed")
    outcome = (outcome or "").strip()
    if not outcome:
        raise DomainError(_("Write what was decided."), code="outcome_empty")
    first = poll.outcome_recorded_at is None
    with transaction.atomic():
        poll.outcome = outcome[:5000]
        poll.outcome_recorded_at = timezone.now()
        poll.outcome_recorded_by = user
        poll.save(update_fields=["outcome", "outcome_recorded_at", "outcome_recorded_by"])
        audit(poll, "ton.poll.outcome", user=user, title=poll.title)
        _tell_outcome_after_commit(poll, first=first)
    return poll
