"""Demo polls (called by `manage.py seed_demo` after associations.demo): open, upcoming and closed ones.

Idempotent: a poll is created (with its ballots) only when no poll of that title exists yet. Ballots go
through `ballot_cast`, like real votes; a poll meant to be closed is voted while open and then moved back.
"""

import datetime
import random

from django.db.models import Q
from django.utils import timezone

from associations.models import Association, Role, User
from votes.models import Kind, Poll, Visibility
from votes.services import ballot_cast, outcome_record, poll_create, poll_publish
from votes.services.mixing import ballots_mix

DAY = datetime.timedelta(days=1)

POLLS = [
    {
        "title": "Filières de formation 2027",
        "question": "Quelles filières l'association doit-elle soutenir en priorité l'an prochain ?",
        "description": "Classez les filières : 1 pour votre premier choix. Le décompte se fait par tours.",
        "topic": "training",
        "kind": Kind.RANKED,
        "options": ["Couture et stylisme", "Mécanique auto", "Informatique", "Agriculture et élevage", "Coiffure"],
        "window": (-2, 5),
        "visibility": Visibility.LIVE,
        "voters": 40,
    },
    {
        "title": "Budget de la fête de fin d'année",
        "question": "Utiliser 200 000 FCFA du budget pour la fête de fin d'année ?",
        "topic": "budget",
        "kind": Kind.YES_NO,
        "window": (-1, 3),
        "visibility": Visibility.AFTER_CLOSE,
        "quorum": 30,
        "voters": 12,
    },
    {
        "title": "Partenaire de stage pour la mécanique",
        "question": "Avec quel garage faire la convention de stage ?",
        "topic": "internships",
        "kind": Kind.SINGLE,
        "options": ["Garage Diallo (Bamako)", "Atelier Traoré (Kati)", "Garage Moderne (Sébénikoro)"],
        "window": (-10, -3),
        "visibility": Visibility.AFTER_CLOSE,
        "voters": 35,
        "outcome": (
            "La convention est signée avec le Garage Diallo : 6 places de stage à partir de janvier. "
            "Les inscriptions se font auprès de l'éducateur de votre site."
        ),
    },
    {
        "title": "Projets de l'association pour 2027",
        "question": "Quels projets mener cette année ? (trois au plus)",
        "topic": "projects",
        "kind": Kind.MULTIPLE,
        "options": ["Jardin maraîcher", "Tournoi de football", "Atelier de couture solidaire", "Cours d'informatique"],
        "window": (4, 11),
        "visibility": Visibility.LIVE,
        "max_choices": 3,
        "proposals": True,
        "voters": 0,
    },
]


def seed(log) -> None:
    association = Association.objects.filter(slug="imaj-mali").first()
    staff = User.objects.filter(username="staff.bamako").first()
    if association is None or staff is None:
        log("votes: no demo association, no demo polls")
        return
    created = 0
    for spec in POLLS:
        if Poll.objects.filter(association=association, title=spec["title"]).exists():
            continue
        _create(association, staff, spec)
        created += 1
    log(f"votes: {created} demo polls created")


def _voters(association, count: int, seed: int) -> list[User]:
    # youth.<site>.01 stays free to vote (it is the login shown in the README and the bench viewer).
    users = list(
        User.objects.filter(memberships__association=association, memberships__role__in=[Role.YOUTH, Role.LEADER])
        .exclude(Q(username__endswith=".01"))
        .order_by("username")
    )
    return random.Random(seed).sample(users, min(count, len(users)))


def _create(association, staff, spec) -> Poll:
    now = timezone.now()
    opens, closes = spec["window"]
    open_for_votes = spec["voters"] and closes < 0
    poll = poll_create(
        user=staff,
        association=association,
        title=spec["title"],
        question=spec["question"],
        description=spec.get("description", ""),
        topic=spec["topic"],
        kind=spec["kind"],
        options=spec.get("options"),
        opens_at=now - DAY if open_for_votes else now + opens * DAY,
        closes_at=now + DAY if open_for_votes else now + closes * DAY,
        results_visibility=spec["visibility"],
        quorum_percent=spec.get("quorum", 0),
        max_choices=spec.get("max_choices"),
        accepts_proposals=spec.get("proposals", False),
    )
    poll_publish(poll=poll, user=staff)
    rng = random.Random(poll.title)
    option_ids = [option.pk for option in poll.options.all()]
    for voter in _voters(association, spec["voters"], len(poll.title)):
        if spec["kind"] == Kind.RANKED:
            ballot_cast(poll=poll, user=voter, ranking=rng.sample(option_ids, rng.randint(1, len(option_ids))))
        else:
            weights = list(range(len(option_ids), 0, -1))
            ballot_cast(poll=poll, user=voter, choices=[rng.choices(option_ids, weights=weights)[0]])
    if open_for_votes:
        Poll.objects.filter(pk=poll.pk).update(opens_at=now + opens * DAY, closes_at=now + closes * DAY)
        poll.refresh_from_db()
    # What each vote's after-commit task does; seeding may run inside one transaction, where it waits.
    ballots_mix(poll_id=poll.pk)
    if spec.get("outcome"):
        outcome_record(poll=poll, user=staff, outcome=spec["outcome"])
    return poll
