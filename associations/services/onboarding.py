"""Onboarding without e-mail: staff create members from a CSV file or one by one; each new member gets a
generated username and a one-time code, printed on a sheet and handed out at the site; with that code the
member chooses a password (first login, or after forgetting it).

Codes are never stored in clear (keyed HMAC-SHA256: fast enough for a 1,000-row import, useless without
the server's secret key), are single-use and expire after seven days.
"""

import csv
import io
import logging
import re
import secrets
import unicodedata
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext_lazy as _

from associations.audit import audit
from associations.models import Association, Gender, Membership, OneTimeCode, Role, Section, User
from associations.rules import is_staff_of
from config.errors import Conflict, DomainError, Forbidden

logger = logging.getLogger("ton.security")

MAX_FILE_BYTES = 1_000_000
MAX_ROWS = 1_000
BIRTH_YEARS = (1990, 2015)
# No 0/O, 1/I/L: easy to read from paper and to type on a phone.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 8
CODE_LIFETIME = timezone.timedelta(days=7)
# A youth centre shares one connection: lock per username *and* IP, plus a looser per-IP ceiling.
IP_FAILURE_LIMIT = 30

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


@dataclass
class RowProblem:
    """A bad row of the file: its line number, what it held, and every reason it was refused."""

    line: int
    values: dict
    reasons: list = field(default_factory=list)


@dataclass
class ImportPreview:
    """What an import would create. `rows` are clean and JSON-serialisable (kept in the session)."""

    association_id: int
    rows: list[dict]
    problems: list[RowProblem]


@dataclass(frozen=True)
class IssuedCode:
    """One card of the printed sheet: the only moment the code exists in clear."""

    membership_id: int
    display_name: str
    username: str
    section: str
    code: str

    def as_card(self) -> dict:
        return {
            "membership": self.membership_id,
            "name": self.display_name,
            "username": self.username,
            "section": self.section,
            "code": self.code,
        }


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
        if not raw.isdigit() or not low <= int(raw) <= high:
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


# ---------------------------------------------------------------------------------------------- import


def _decode(data: bytes) -> str:
    if data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise DomainError(
            _("This is a spreadsheet file, not CSV. In Excel: File → Save as → “CSV UTF-8”."), code="not_csv"
        )
    utf16 = data.startswith((b"\xff\xfe", b"\xfe\xff"))  # Excel's "Unicode text"
    try:
        text = data.decode("utf-16") if utf16 else data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DomainError(
            _("The file is not in UTF-8. In Excel: File → Save as → “CSV UTF-8”, then try again."), code="encoding"
        ) from None
    if "\x00" in text:
        raise DomainError(_("The file is not a text (CSV) file."), code="not_csv")
    return text


def _read_table(text: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max(";,\t", key=first.count) if first else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader, [])
        rows = []
        for cells in reader:
            if any(cell.strip() for cell in cells):
                rows.append((reader.line_num, cells))
                if len(rows) > MAX_ROWS:
                    raise DomainError(
                        _("The file has more than %(max)s members: split it into several files.") % {"max": MAX_ROWS},
                        code="too_many_rows",
                    )
    except csv.Error:
        raise DomainError(_("The file could not be read as CSV."), code="not_csv") from None
    return header, rows


def _columns(header: list[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, title in enumerate(header):
        name = HEADERS.get(_plain(title))
        if name and name not in columns:
            columns[name] = index
    missing = [column for column in REQUIRED_COLUMNS if column not in columns]
    if missing:
        raise DomainError(
            _("The first line must name the columns: name, section, birth year, gender, phone, role.")
            + " "
            + _("Missing: %(columns)s.") % {"columns": ", ".join(missing)},
            code="missing_columns",
        )
    return columns


def members_preview(*, actor: User, association: Association, upload) -> ImportPreview:
    """Read an uploaded CSV and sort its rows into valid ones and refused ones. Saves nothing."""
    if not is_staff_of(actor, association):
        raise Forbidden(_("Only staff may import members."))
    if getattr(upload, "size", 0) > MAX_FILE_BYTES:
        raise DomainError(_("The file is too big (1 MB at most)."), code="too_big")
    data = upload.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise DomainError(_("The file is too big (1 MB at most)."), code="too_big")
    header, table = _read_table(_decode(data))
    if not table:
        raise DomainError(_("The file holds no member."), code="empty")
    columns = _columns(header)
    checker = _RowChecker(actor=actor, association=association)
    preview = ImportPreview(association_id=association.pk, rows=[], problems=[])
    for line, cells in table:
        values = {name: (cells[i].strip() if i < len(cells) else "") for name, i in columns.items()}
        clean, errors = checker.check(values)
        if clean is None:
            preview.problems.append(RowProblem(line=line, values=values, reasons=[m for _f, m in errors]))
        else:
            preview.rows.append({"line": line, **clean})
    return preview


# -------------------------------------------------------------------------------------------- creation


def _username_base(name: str) -> str:
    words = re.findall(r"[a-z0-9]+", unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower())
    if not words:
        return "membre"
    return f"{words[0][:20]}.{words[-1][0]}" if len(words) > 1 else words[0][:20]


def _unique_username(base: str, taken: dict[str, set[str]]) -> str:
    if base not in taken:
        existing = User.objects.filter(username__istartswith=base).values_list("username", flat=True)
        taken[base] = {name.lower() for name in existing}
    names, candidate, number = taken[base], base, 1
    while candidate in names:
        number += 1
        candidate = f"{base}{number}"
    names.add(candidate)
    return candidate


def generate_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return f"{raw[:4]}-{raw[4:]}"


def _normalise_code(code: str) -> str:
    return re.sub(r"[^0-9A-Z]", "", code.upper())


def _hash_code(user_id: int, code: str) -> str:
    return salted_hmac("ton.onetimecode", f"{user_id}:{_normalise_code(code)}", algorithm="sha256").hexdigest()


def _new_code(*, user: User, actor: User | None) -> str:
    code = generate_code()
    now = timezone.now()
    OneTimeCode.objects.create(
        user=user, code_hash=_hash_code(user.pk, code), created_at=now, expires_at=now + CODE_LIFETIME, created_by=actor
    )
    return code


def _create_member(*, actor: User, association: Association, row: dict, section: Section, username: str, action: str):
    user = User(
        username=username,
        display_name=row["display_name"],
        birth_year=row["birth_year"],
        gender=row["gender"],
        phone=row["phone"],
        language=association.default_language,
        must_set_password=True,
    )
    user.set_unusable_password()
    user.save()
    membership = Membership.objects.create(user=user, association=association, section=section, role=row["role"])
    code = _new_code(user=user, actor=actor)
    audit(membership, action, user=actor, username=username, section=section.slug, role=row["role"])
    return IssuedCode(membership.pk, user.display_name, username, section.name, code)


@transaction.atomic
def members_create(
    *, actor: User, association: Association, rows: list[dict], source: str = "import"
) -> list[IssuedCode]:
    """Create every row (User + Membership + one-time code) in one transaction, or none.

    Rows are checked again: the database may have changed since the preview.
    """
    if not is_staff_of(actor, association):
        raise Forbidden(_("Only staff may create members."))
    if not rows:
        raise DomainError(_("There is no member to save."), code="empty")
    checker = _RowChecker(actor=actor, association=association)
    sections = {s.slug: s for s in association.sections.all()}
    clean_rows = []
    for row in rows:
        clean, errors = checker.check(row)
        if clean is None:
            raise DomainError(
                _("Line %(line)s is no longer valid (%(reason)s). Upload the file again.")
                % {"line": row.get("line", "?"), "reason": "; ".join(str(m) for _f, m in errors)},
                code="stale_preview",
            )
        clean_rows.append(clean)
    action = "ton.member.import" if source == "import" else "ton.member.create"
    taken: dict[str, set[str]] = {}
    issued = []
    try:
        with transaction.atomic():
            for row in clean_rows:
                username = _unique_username(_username_base(row["display_name"]), taken)
                section = sections[row["section"]]
                issued.append(
                    _create_member(
                        actor=actor, association=association, row=row, section=section, username=username, action=action
                    )
                )
    except IntegrityError:
        raise Conflict(_("Someone saved members at the same moment: try again.")) from None
    return issued


def member_create(*, actor: User, association: Association, values: dict) -> IssuedCode:
    """The one-member form: the same checks and the same creation as an import."""
    if not is_staff_of(actor, association):
        raise Forbidden(_("Only staff may create members."))
    clean, errors = _RowChecker(actor=actor, association=association).check(values)
    if clean is None:
        raise RowInvalid(errors)
    return members_create(actor=actor, association=association, rows=[clean], source="form")[0]


# ----------------------------------------------------------------------------------------------- codes


@transaction.atomic
def code_issue(*, actor: User, membership: Membership) -> IssuedCode:
    """A new code for a member who forgot the password: previous codes and the password stop working."""
    if not is_staff_of(actor, membership.association, membership.section_id):
        raise Forbidden(_("Only the staff of this member's section may do this."))
    if membership.role == Role.STAFF and not actor.is_superuser:
        raise Forbidden(_("Only a platform administrator gives codes to staff."))
    user = User.objects.select_for_update().get(pk=membership.user_id)
    if user.erased_at is not None or not user.is_active:
        raise DomainError(_("This account is closed."), code="closed")
    now = timezone.now()
    OneTimeCode.objects.filter(user=user, used_at__isnull=True, expires_at__gt=now).update(expires_at=now)
    user.set_unusable_password()
    user.must_set_password = True
    user.save(update_fields=["password", "must_set_password"])
    code = _new_code(user=user, actor=actor)
    audit(membership, "ton.member.code", user=actor, username=user.username)
    return IssuedCode(membership.pk, user.public_name, user.username, membership.section.name, code)


def _throttle_keys(username: str, ip: str) -> list[tuple[str, int]]:
    return [
        (f"ton:first-login:{_plain(username)}:{ip}", getattr(settings, "AXES_FAILURE_LIMIT", 5)),
        (f"ton:first-login-ip:{ip}", IP_FAILURE_LIMIT),
    ]


def _cooloff_seconds() -> int:
    return int(getattr(settings, "AXES_COOLOFF_TIME", timezone.timedelta(minutes=15)).total_seconds())


def _failed(username: str, ip: str, user: User | None) -> None:
    for key, limit in _throttle_keys(username, ip):
        cache.add(key, 0, timeout=_cooloff_seconds())
        if cache.incr(key) == limit:
            logger.warning("first login locked out: username=%r ip=%s", username, ip)
            if user is not None:
                audit(user, "ton.member.lockout", user=None, ip_address=ip, via="code")


def code_check(*, username: str, code: str, ip: str) -> OneTimeCode:
    """Check a username and code typed on the first-login page. Throttled per username and IP."""
    username = username.strip()
    if any(cache.get(key, 0) >= limit for key, limit in _throttle_keys(username, ip)):
        raise DomainError(
            _("Too many wrong codes. Wait %(minutes)s minutes, or ask an educator of your site.")
            % {"minutes": _cooloff_seconds() // 60},
            code="locked",
            status=429,
        )
    user = User.objects.filter(username__iexact=username, is_active=True, erased_at__isnull=True).first()
    found = None
    if user is not None:
        digest = _hash_code(user.pk, code)
        for candidate in OneTimeCode.objects.filter(user=user).order_by("-created_at")[:20]:
            if constant_time_compare(candidate.code_hash, digest):
                found = candidate
                break
    if found is None:
        _failed(username, ip, user)
        raise DomainError(_("Wrong username or code. Check the card you were given."), code="wrong_code")
    _raise_if_spent(found)
    cache.delete(_throttle_keys(username, ip)[0][0])
    return found


def _raise_if_spent(code: OneTimeCode) -> None:
    if code.used_at is not None:
        raise DomainError(
            _("This code has already been used. Log in with your password, or ask an educator for a new code."),
            code="code_used",
        )
    if code.expires_at <= timezone.now():
        raise DomainError(
            _("This code is no longer valid (expired or replaced by a newer one). Ask an educator for a new code."),
            code="code_expired",
        )


@transaction.atomic
def code_redeem(*, code_id: int, user_id: int, password: str) -> User:
    """Use a checked code: set the chosen password, spend the code. The caller then logs the member in."""
    code = OneTimeCode.objects.select_for_update().filter(pk=code_id, user_id=user_id).select_related("user").first()
    if code is None or code.user.erased_at is not None or not code.user.is_active:
        raise DomainError(_("Wrong username or code. Check the card you were given."), code="wrong_code")
    _raise_if_spent(code)
    user = code.user
    try:
        password_validation.validate_password(password, user)
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages), code="weak_password") from None
    user.set_password(password)
    user.must_set_password = False
    user.save(update_fields=["password", "must_set_password"])
    code.used_at = timezone.now()
    code.save(update_fields=["used_at"])
    return user
