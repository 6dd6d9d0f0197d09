"""Onboarding without e-mail: staff create members from a CSV file or one by one; each new member gets a
generated username and a one-time code, printed on a sheet and handed out at the site; with that code the
member chooses a password (first login, or after forgetting it).

`rows` checks one member's data, `imports` creates members, `codes` issues and redeems login codes.
"""

from associations.services.onboarding.codes import (
    CODE_LENGTH,
    CODE_LIFETIME,
    IP_FAILURE_LIMIT,
    IssuedCode,
    code_check,
    code_issue,
    code_redeem,
    generate_code,
)
from associations.services.onboarding.imports import (
    MAX_FILE_BYTES,
    ImportPreview,
    RowProblem,
    member_create,
    members_create,
    members_preview,
)
from associations.services.onboarding.rows import BIRTH_YEARS, MAX_ROWS, RowInvalid, manageable_sections
from config.codes import ALPHABET as CODE_ALPHABET

__all__ = [
    "BIRTH_YEARS",
    "CODE_ALPHABET",
    "CODE_LENGTH",
    "CODE_LIFETIME",
    "IP_FAILURE_LIMIT",
    "MAX_FILE_BYTES",
    "MAX_ROWS",
    "ImportPreview",
    "IssuedCode",
    "RowInvalid",
    "RowProblem",
    "code_check",
    "code_issue",
    "code_redeem",
    "generate_code",
    "manageable_sections",
    "member_create",
    "members_create",
    "members_preview",
]
