"""Creating members: a CSV preview that saves nothing, then every valid row in one transaction."""

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from associations.audit import audit
from associations.models import Association, Membership, Section, User
from associations.predicates import is_staff_of
from associations.services.onboarding.codes import IssuedCode, _new_code
from associations.services.onboarding.rows import HEADERS, MAX_ROWS, REQUIRED_COLUMNS, RowInvalid, _plain, _RowChecker
from config.errors import Conflict, DomainError, Forbidden

MAX_FILE_BYTES = 1_000_000


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
    # Locking the sections serialises imports into them, so two staff members confirming the same file
    # at once cannot both pass the duplicate check.
    sections = {s.slug: s for s in Section.objects.select_for_update().filter(association=association).order_by("pk")}
    checker = _RowChecker(actor=actor, association=association)
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
