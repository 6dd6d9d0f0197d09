"""Demo members (called by `manage.py seed_demo`): the IMAJ association, four sites, ~300 youths.

Deterministic: the same run gives the same people; running it twice changes nothing.
"""

import os
import random

from django.contrib.auth.hashers import check_password, make_password

from associations.models import Gender, Membership, Role, Section, User
from associations.services.setup import association_ensure

DEFAULT_DEMO_PASSWORD = "ton-demo-2026"
ASSOCIATION = {"slug": "imaj-mali", "name": "Association des jeunes — SOS Villages d'Enfants Mali"}
SECTIONS = [("bamako", "Bamako", 90), ("kita", "Kita", 70), ("mopti", "Mopti", 70), ("sanankoroba", "Sanankoroba", 70)]
STAFF_PER_SECTION = 7
LEADERS_PER_SECTION = 2
FIRST_NAMES_F = ["Aminata", "Fatoumata", "Awa", "Mariam", "Kadiatou", "Oumou", "Djeneba", "Assitan", "Hawa", "Rokia"]
FIRST_NAMES_M = ["Moussa", "Mamadou", "Seydou", "Boubacar", "Ibrahim", "Adama", "Souleymane", "Bakary", "Drissa"]
INITIALS = "BCDKMSTD"


def demo_password() -> str:
    return os.environ.get("DEMO_PASSWORD", DEFAULT_DEMO_PASSWORD)


def demo_people():
    """(username, display name, section slug, role, birth year, gender, safeguarding lead) for everyone."""
    rng = random.Random(2026)
    for slug, name, youths in SECTIONS:
        for number in range(1, STAFF_PER_SECTION + 1):
            username = f"staff.{slug}" if number == 1 else f"staff.{slug}.{number}"
            yield username, f"Éducateur {name} {number}", slug, Role.STAFF, None, Gender.UNDISCLOSED, number == 1
        for number in range(1, LEADERS_PER_SECTION + 1):
            username = f"leader.{slug}" if number == 1 else f"leader.{slug}.{number}"
            girl = number == 1
            first = rng.choice(FIRST_NAMES_F if girl else FIRST_NAMES_M)
            gender = Gender.FEMALE if girl else Gender.MALE
            yield (
                username,
                f"{first} {rng.choice(INITIALS)}.",
                slug,
                Role.LEADER,
                rng.randint(2003, 2008),
                gender,
                False,
            )
        for number in range(1, youths + 1):
            girl = rng.random() < 0.4
            first = rng.choice(FIRST_NAMES_F if girl else FIRST_NAMES_M)
            gender = Gender.FEMALE if girl else Gender.MALE
            display = f"{first} {rng.choice(INITIALS)}."
            yield f"youth.{slug}.{number:02d}", display, slug, Role.YOUTH, rng.randint(2003, 2012), gender, False


def seed(log) -> None:
    password = demo_password()
    hashed = make_password(password)  # hashed once: 330 accounts share it
    association = association_ensure(
        slug=ASSOCIATION["slug"], name=ASSOCIATION["name"], sections=[(slug, name) for slug, name, _n in SECTIONS]
    )
    sections = {section.slug: section for section in Section.objects.filter(association=association)}

    _seed_admin(password, hashed)
    existing = set(User.objects.filter(username__in=[p[0] for p in demo_people()]).values_list("username", flat=True))
    new_users, roles = [], {}
    for username, display, slug, role, birth_year, gender, lead in demo_people():
        roles[username] = (slug, role, lead)
        if username not in existing:
            new_users.append(
                User(username=username, display_name=display, birth_year=birth_year, gender=gender, password=hashed)
            )
    User.objects.bulk_create(new_users)
    users = {u.username: u for u in User.objects.filter(username__in=roles)}
    with_membership = set(
        Membership.objects.filter(association=association, user__in=users.values()).values_list("user_id", flat=True)
    )
    Membership.objects.bulk_create(
        Membership(
            user=users[username], association=association, section=sections[slug], role=role, is_safeguarding_lead=lead
        )
        for username, (slug, role, lead) in roles.items()
        if users[username].pk not in with_membership
    )
    log(f"associations: {len(new_users)} demo members created, {len(users)} in all")


def _seed_admin(password: str, hashed: str) -> None:
    admin, created = User.objects.get_or_create(
        username="admin", defaults={"display_name": "Admin", "is_staff": True, "is_superuser": True, "password": hashed}
    )
    if not created and not check_password(password, admin.password):
        admin.password = hashed
        admin.save(update_fields=["password"])


def logins_summary() -> str:
    return (
        f"Demo logins (password: {demo_password()}):\n"
        "  admin                     platform administrator (/admin/)\n"
        "  staff.bamako              educator, safeguarding lead (also staff.bamako.2 … .7)\n"
        "  leader.bamako             elected leader (also leader.bamako.2)\n"
        "  youth.bamako.01 … .90     youths\n"
        "  the same for kita, mopti, sanankoroba (youths .01 … .70)"
    )
