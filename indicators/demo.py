"""Demo pathways (called by `manage.py seed_demo`): graduates on every site seeking work, most of them
placed in a training or an internship within a few months, so /indicateurs/ tells a story out of the box.
One staff member (staff.bamako.2) coordinates the whole association.

Idempotent: pathways are created only when the association has none; dates follow today's date.
"""

import datetime
import random

from django.utils import timezone

from associations.models import Association, Membership, Role
from indicators.models import Pathway, PathwayStatus, Sector
from votes.models import Poll, Topic

COORDINATOR = "staff.bamako.2"
SECTORS = [Sector.AGRICULTURE, Sector.CRAFTS, Sector.HOSPITALITY, Sector.DIGITAL, Sector.MECHANICS, Sector.FASHION]


def seed(log) -> None:
    association = Association.objects.filter(slug="imaj-mali").first()
    if association is None:
        return
    Membership.objects.filter(association=association, user__username=COORDINATOR, role=Role.STAFF).update(
        is_coordinator=True
    )
    if Pathway.objects.filter(association=association).exists():
        return
    today = timezone.localdate()
    polls = {
        p.topic: p
        for p in Poll.objects.filter(
            association=association, topic__in=[Topic.TRAINING, Topic.INTERNSHIPS], closes_at__lte=timezone.now()
        )
    }
    staff = {
        m.section_id: m.user_id
        for m in Membership.objects.filter(association=association, role=Role.STAFF).order_by("-pk")
    }
    graduates = Membership.objects.filter(
        association=association, role=Role.YOUTH, user__birth_year__lte=today.year - 19
    ).order_by("user__username")
    rng = random.Random(2026)
    rows = []
    for membership in graduates:
        if rng.random() > 0.6:
            continue
        rows.extend(_steps(membership, staff.get(membership.section_id), today, rng, polls))
    Pathway.objects.bulk_create(rows)
    log(f"indicators: {len(rows)} demo pathway steps for {graduates.count()} graduates; {COORDINATOR} coordinates")


def _steps(membership, staff_id, today, rng, polls) -> list[Pathway]:
    def step(status, day, sector="", partner="", poll=None):
        return Pathway(
            member_id=membership.user_id,
            association_id=membership.association_id,
            section_id=membership.section_id,
            status=status,
            sector=sector,
            partner=partner,
            started_on=day,
            poll=poll,
            recorded_by_id=staff_id,
        )

    sought = today - datetime.timedelta(days=rng.randint(20, 400))
    steps = [step(PathwayStatus.SCHOOL, sought - datetime.timedelta(days=365)), step(PathwayStatus.SEEKING, sought)]
    roll = rng.random()
    if roll < 0.85:  # placed: the programme's target is every graduate
        placed = sought + datetime.timedelta(days=rng.randint(10, 85) if roll < 0.6 else rng.randint(95, 175))
        if placed <= today:
            status = PathwayStatus.TRAINING if rng.random() < 0.55 else PathwayStatus.INTERNSHIP
            topic = Topic.TRAINING if status == PathwayStatus.TRAINING else Topic.INTERNSHIPS
            partner = (
                "" if status == PathwayStatus.TRAINING else rng.choice(["Garage Keita", "Hôtel Djoliba", "Ferme Sanou"])
            )
            steps.append(
                step(status, placed, rng.choice(SECTORS), partner, polls.get(topic) if rng.random() < 0.4 else None)
            )
            if placed + datetime.timedelta(days=200) <= today and rng.random() < 0.5:
                steps.append(
                    step(
                        rng.choice([PathwayStatus.EMPLOYED, PathwayStatus.SELF_EMPLOYED]),
                        placed + datetime.timedelta(days=200),
                    )
                )
    return steps
