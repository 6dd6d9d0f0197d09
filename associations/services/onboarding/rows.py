"""Checks on one member's data, shared by the CSV import and the one-member form."""

import re
import unicodedata

from django.utils.translation import gettext_lazy as _

from associations.models import Association, Gender, Membership, Role, Section, User
from associations.predicates import is_staff_of
from config.errors import DomainError

MAX_ROWS = 1_000
BIRTH_YEARS = (1990, 2015)
FIELDS = ("display_name", "section", "birth_year", "gender", "phone", "role")
REQUIRED_COLUMNS = ("display_name", "birth_year")
# Normalised header (lowercase ascii letters and digits only) -> field. French and English names.
_HEADER_NAMES = {
    "display_name": "displayname name fullname nom nomaffiche nomdaffichage nomcomplet prenometnom prenomnom membre",
    "section": "section site antenne centre",
    "birth_year": "birthyear yearofbirth anneedenaissance anneenaissance naissance annee",
    "gender": "gender sex sexe genre",
    "phone": "phone phonenumber telephone tel mobile portable numero",
    "role": "role fonction statut",
}
HEADERS = {header: name for name, headers in _HEADER_NAMES.items() for header in headers.split()}
GENDERS = {
    **dict.fromkeys(["female", "f", "woman", "girl", "femme", "fille", "feminin"], Gender.FEMALE),
    **dict.fromkeys(["male", "m", "man", "boy", "homme", "garcon", "masculin", "h", "g"], Gender.MALE),
    **dict.fromkeys(["other", "autre", "o", "a"], Gender.OTHER),
    **dict.fromkeys(["", "undisclosed", "nondit", "nonprecise", "nonrenseigne", "nd"], Gender.UNDISCLOSED),
}
ROLES = {
    **dict.fromkeys(["", "youth", "jeune", "j", "membre", "member"], Role.YOUTH),
    **dict.fromkeys(["leader", "responsable", "elu", "elue", "dirigeant", "dirigeante"], Role.LEADER),
    **dict.fromkeys(["staff", "personnel", "educateur", "educatrice", "encadrant", "encadrante"], Role.STAFF),
}
PHONE = re.compile(r"(?:\+223|00223)?([25-9]\d{7})")


def _plain(text: str) -> str:
    """Lowercase ascii letters and digits only: 'Année de naissance' -> 'anneedenaissance'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", ascii_text.lower())


def _name_key(name: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return " ".join(ascii_text.lower().split())


class RowInvalid(DomainError):
    """A member's data does not pass the checks; `errors` lists (field, message) pairs."""

    def __init__(self, errors: list[tuple[str, str]]):
        super().__init__("; ".join(str(message) for _field, message in errors), code="invalid_member")
        self.errors = errors


def manageable_sections(*, actor: User, association: Association) -> list[Section]:
    """Sections of `association` where `actor` may create members (their own; every one for admins)."""
    return [s for s in association.sections.all() if is_staff_of(actor, association, s.pk)]


class _RowChecker:
    """Checks rows against the association's sections and existing members (two queries in all)."""

    def __init__(self, *, actor: User, association: Association):
        self.actor, self.association = actor, association
        self.sections: dict[str, Section] = {}
        for section in association.sections.all():
            self.sections[_plain(section.slug)] = section
            self.sections[_plain(section.name)] = section
        self.managed = [s for s in {s.pk: s for s in self.sections.values()}.values() if self._manages(s)]
        self.existing = {
            (_name_key(name or ""), year, section_id)
            for name, year, section_id in Membership.objects.filter(
                association=association, user__erased_at__isnull=True
            ).values_list("user__display_name", "user__birth_year", "section_id")
        }
        self.seen: set = set()

    def _manages(self, section: Section) -> bool:
        return is_staff_of(self.actor, self.association, section.pk)

    def check(self, values: dict) -> tuple[dict | None, list[tuple[str, str]]]:
        errors: list[tuple[str, str]] = []
        name = " ".join(str(values.get("display_name") or "").split())
        if not name:
            errors.append(("display_name", _("The name is missing.")))
        elif len(name) > 80:
            errors.append(("display_name", _("The name is longer than 80 characters.")))
        section = self._section(str(values.get("section") or ""), errors)
        year = self._birth_year(str(values.get("birth_year") or "").strip(), errors)
        gender = GENDERS.get(_plain(str(values.get("gender") or "")))
        if gender is None:
            message = _("Unknown gender “%(value)s” (female, male, other or empty).")
            errors.append(("gender", message % {"value": values.get("gender")}))
        phone = self._phone(str(values.get("phone") or ""), errors)
        role = ROLES.get(_plain(str(values.get("role") or "")))
        if role is None:
            errors.append(("role", _("Unknown role “%(value)s” (youth or leader).") % {"value": values.get("role")}))
        elif role == Role.STAFF:
            errors.append(("role", _("Staff accounts are created by a platform administrator, not here.")))
        if name and section and year:
            key = (_name_key(name), year, section.pk)
            if key in self.existing:
                errors.append(("display_name", _("Already a member: same name, birth year and section.")))
            elif key in self.seen:
                errors.append(("display_name", _("Duplicate: the same person appears earlier in the file.")))
            self.seen.add(key)
        if errors:
            return None, errors
        return {
            "display_name": name,
            "section": section.slug,
            "section_name": section.name,
            "birth_year": year,
            "gender": gender,
            "phone": phone,
            "role": role,
        }, []

    def _section(self, raw: str, errors: list) -> Section | None:
        if not raw.strip() and len(self.managed) == 1:
            return self.managed[0]  # staff of one section may leave the column out
        section = self.sections.get(_plain(raw))
        if section is None:
            errors.append(("section", _("Unknown section “%(value)s”.") % {"value": raw}))
        elif not self._manages(section):
            errors.append(("section", _("You do not manage the section “%(value)s”.") % {"value": section.name}))
            return None
        return section

    def _birth_year(self, raw: str, errors: list) -> int | None:
        low, high = BIRTH_YEARS
        if not (raw.isascii() and raw.isdigit()) or not low <= int(raw) <= high:
            message = _("Birth year “%(value)s” must be between %(low)s and %(high)s.")
            errors.append(("birth_year", message % {"value": raw, "low": low, "high": high}))
            return None
        return int(raw)

    def _phone(self, raw: str, errors: list) -> str:
        compact = re.sub(r"[\s.\-]", "", raw)
        if not compact:
            return ""
        match = PHONE.fullmatch(compact)
        if match is None:
            errors.append(("phone", _("Bad phone number “%(value)s” (8 digits, e.g. 76 12 34 56).") % {"value": raw}))
            return ""
        return "+223" + match.group(1)
