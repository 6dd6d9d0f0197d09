"""CSV import: every bad row with its reason, file-level errors, one transaction on confirm."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import ModelLogEntry

from associations.models import Membership, OneTimeCode, Role, User
from associations.services import onboarding
from associations.services.onboarding import imports
from config.errors import DomainError, Forbidden
from tests.factories import member_of

pytestmark = pytest.mark.django_db

HEADER = "display name,section,birth year,gender,phone,role\n"


def upload(text: str | bytes, name: str = "members.csv") -> SimpleUploadedFile:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return SimpleUploadedFile(name, data, content_type="text/csv")


def preview(actor, association, text):
    return onboarding.members_preview(actor=actor, association=association, upload=upload(text))


def test_valid_rows_are_cleaned_and_nothing_is_saved(staff, association, bamako):
    users_before = User.objects.count()
    result = preview(
        staff,
        association,
        HEADER + "Awa Koné,Bamako,2008,F,76 12 34 56,\n"
        "  Moussa   Diarra ,bamako,2006,garçon,+223 66.12.34.56,leader\n"
        "Fanta Traoré,BAMAKO,2010,,0022320123456,jeune\n",
    )
    assert result.problems == []
    assert [(r["display_name"], r["birth_year"], r["gender"], r["phone"], r["role"]) for r in result.rows] == [
        ("Awa Koné", 2008, "female", "+22376123456", "youth"),
        ("Moussa Diarra", 2006, "male", "+22366123456", "leader"),
        ("Fanta Traoré", 2010, "undisclosed", "+22320123456", "youth"),
    ]
    assert {r["section"] for r in result.rows} == {"bamako"}
    assert User.objects.count() == users_before


def test_every_bad_row_has_its_reason(staff, association, bamako, kita):
    member_of(bamako, Role.YOUTH, display_name="Déjà Là", birth_year=2007)
    text = HEADER + "\n".join(
        [
            "Ok Person,Bamako,2008,F,,",  # line 2: valid
            ",Bamako,2008,F,,",  # 3: missing name
            "Nowhere,Tombouctou,2008,F,,",  # 4: unknown section
            "Other Site,Kita,2008,F,,",  # 5: a section this staff member does not manage
            "Too Old,Bamako,1989,M,,",  # 6: birth year out of range
            "Too Young,Bamako,2016,M,,",  # 7
            "No Year,Bamako,deux mille,M,,",  # 8
            "Ok Person,Bamako,2008,F,,",  # 9: duplicate in file
            "deja la,Bamako,2007,F,,",  # 10: already in the database (case and accents ignored)
            "Bad Phone,Bamako,2008,F,12345,",  # 11: bad phone
            "Bad Phone Two,Bamako,2008,F,+33 6 12 34 56 78,",  # 12
            "Odd Gender,Bamako,2008,X,,",  # 13: unknown gender
            "Odd Role,Bamako,2008,F,,president",  # 14: unknown role
            "Wants Staff,Bamako,1985,F,,staff",  # 15: staff cannot create staff
            "Many Faults,Atlantis,1900,Z,999,boss",  # 16: several reasons at once
        ]
    )
    with translation.override("en"):
        result = preview(staff, association, text)
        reasons = {p.line: " | ".join(str(r) for r in p.reasons) for p in result.problems}
    assert [r["line"] for r in result.rows] == [2]
    assert sorted(reasons) == list(range(3, 17))
    assert "name is missing" in reasons[3]
    assert "Unknown section" in reasons[4] and "Tombouctou" in reasons[4]
    assert "do not manage" in reasons[5] and "Kita" in reasons[5]
    assert "between 1990 and 2015" in reasons[6] and "1989" in reasons[6]
    assert "between 1990 and 2015" in reasons[7]
    assert "between 1990 and 2015" in reasons[8]
    assert "Duplicate" in reasons[9]
    assert "Already a member" in reasons[10]
    assert "Bad phone number" in reasons[11] and "Bad phone number" in reasons[12]
    assert "Unknown gender" in reasons[13]
    assert "Unknown role" in reasons[14]
    assert "platform administrator" in reasons[15]
    assert len(result.problems[-1].reasons) == 5


def test_admin_may_import_into_any_section(admin, association, bamako, kita):
    result = preview(admin, association, HEADER + "A One,Bamako,2008,F,,\nB Two,Kita,2009,M,,\n")
    assert result.problems == [] and len(result.rows) == 2


def test_reasons_are_translated(staff, association, bamako):
    result = preview(staff, association, HEADER + ",Bamako,1980,F,,\n")
    with translation.override("fr"):
        assert "Le nom manque." in [str(r) for r in result.problems[0].reasons]


def test_french_headers_bom_and_semicolons(staff, association, bamako):
    text = "\ufeffNom;Site;Année de naissance;Sexe;Téléphone;Rôle\r\nAwa Koné;Bamako;2008;F;76-12-34-56;Responsable\r\n"
    result = preview(staff, association, text.encode("utf-8"))
    assert result.problems == []
    assert result.rows[0]["display_name"] == "Awa Koné"
    assert result.rows[0]["role"] == "leader" and result.rows[0]["phone"] == "+22376123456"


def test_section_column_may_be_left_out_by_staff_of_one_section(staff, association, bamako, kita):
    result = preview(staff, association, "name,birth year\nAwa,2008\n")
    assert result.rows[0]["section"] == "bamako"


def test_quoted_fields_with_the_delimiter(staff, association, bamako):
    result = preview(staff, association, 'nom;site;année\n"Koné; Awa";Bamako;2008\n')
    assert result.rows[0]["display_name"] == "Koné; Awa"


@pytest.mark.parametrize(
    ("data", "code"),
    [
        ("Awa Koné,Bamako,2008\n".encode("cp1252"), "encoding"),
        (b"PK\x03\x04 an xlsx file", "not_csv"),
        (b"name\x00,x\n", "not_csv"),
        (HEADER.encode(), "empty"),
        (b"", "empty"),
        (b"first,second\nAwa,Bamako\n", "missing_columns"),
    ],
    ids=["cp1252", "xlsx", "binary", "header-only", "empty", "unknown-headers"],
)
def test_file_errors_are_clear(staff, association, bamako, data, code):
    with pytest.raises(DomainError) as caught:
        preview(staff, association, data)
    assert caught.value.code == code


def test_wrong_encoding_message(staff, association, bamako):
    with pytest.raises(DomainError, match="UTF-8"):
        preview(staff, association, "nom,année\nAwa Koné,2008\n".encode("latin-1"))


def test_too_big_file(staff, association, bamako):
    big = HEADER + ("x" * 1000 + ",Bamako,2008,F,,\n") * 1000
    with pytest.raises(DomainError) as caught:
        preview(staff, association, big)
    assert caught.value.code == "too_big"


def test_too_many_rows(staff, association, bamako):
    rows = "".join(f"Membre {i},Bamako,2008,F,,\n" for i in range(onboarding.MAX_ROWS + 1))
    with pytest.raises(DomainError) as caught:
        preview(staff, association, HEADER + rows)
    assert caught.value.code == "too_many_rows"
    assert "1000" in caught.value.message


def test_non_staff_cannot_preview(youth, leader, association, bamako):
    for user in (youth, leader):
        with pytest.raises(Forbidden):
            preview(user, association, HEADER + "A,Bamako,2008,F,,\n")


def test_foreign_staff_cannot_preview(foreign_staff, association, bamako):
    with pytest.raises(Forbidden):
        preview(foreign_staff, association, HEADER + "A,Bamako,2008,F,,\n")


def test_preview_queries_do_not_grow_with_rows(staff, association, bamako):
    def count(rows: int) -> int:
        text = HEADER + "".join(f"Membre {i},Bamako,2008,F,,\n" for i in range(rows))
        with CaptureQueriesContext(connection) as queries:
            preview(staff, association, text)
        return len(queries)

    count(1)  # the staff member's memberships are loaded once per request
    assert count(5) == count(50) == 2  # sections, existing members


def test_confirm_saves_every_row_with_username_and_code(staff, association, bamako):
    member_of(bamako, Role.YOUTH, username="awa.k", display_name="Autre Awa", birth_year=2001)
    result = preview(
        staff, association, HEADER + "Awa Koné,Bamako,2008,F,,\nAwa Kouyaté,Bamako,2009,F,,\nÉlodie,,2007,,,\n"
    )
    issued = onboarding.members_create(actor=staff, association=association, rows=result.rows)
    assert [i.username for i in issued] == ["awa.k2", "awa.k3", "elodie"]
    for item in issued:
        assert len(item.code) == 9 and item.code[4] == "-"
        assert set(item.code.replace("-", "")) <= set(onboarding.CODE_ALPHABET)
        user = User.objects.get(username=item.username)
        assert user.must_set_password and not user.has_usable_password()
        stored = OneTimeCode.objects.get(user=user)
        assert item.code not in stored.code_hash and item.code.replace("-", "") not in stored.code_hash
        assert stored.created_by == staff
        membership = Membership.objects.get(user=user)
        assert (membership.section, membership.role) == (bamako, Role.YOUTH)
        entry = ModelLogEntry.objects.get(object_id=str(membership.pk), action="ton.member.import")
        assert entry.user == staff


def test_confirm_is_all_or_nothing(staff, association, bamako, monkeypatch):
    result = preview(staff, association, HEADER + "".join(f"Membre {i},Bamako,2008,F,,\n" for i in range(5)))
    original = imports._create_member
    calls = []

    def failing(**kwargs):
        calls.append(kwargs["row"]["display_name"])
        if len(calls) == 3:
            raise RuntimeError("database went away")
        return original(**kwargs)

    monkeypatch.setattr(imports, "_create_member", failing)
    users, codes, entries = User.objects.count(), OneTimeCode.objects.count(), ModelLogEntry.objects.count()
    with pytest.raises(RuntimeError):
        onboarding.members_create(actor=staff, association=association, rows=result.rows)
    assert len(calls) == 3
    assert (User.objects.count(), OneTimeCode.objects.count(), ModelLogEntry.objects.count()) == (users, codes, entries)


def test_confirm_checks_rows_again(staff, association, bamako):
    result = preview(staff, association, HEADER + "Awa Koné,Bamako,2008,F,,\n")
    member_of(bamako, Role.YOUTH, display_name="Awa Koné", birth_year=2008)  # saved meanwhile
    with pytest.raises(DomainError) as caught:
        onboarding.members_create(actor=staff, association=association, rows=result.rows)
    assert caught.value.code == "stale_preview"


def test_confirm_refuses_rows_forged_for_another_section(staff, association, bamako, kita):
    row = {"display_name": "Forged", "section": "kita", "birth_year": 2008, "gender": "female", "role": "youth"}
    with pytest.raises(DomainError):
        onboarding.members_create(actor=staff, association=association, rows=[row])
    assert not User.objects.filter(display_name="Forged").exists()


def test_one_member_form_uses_the_same_checks(staff, association, bamako):
    values = {"display_name": "Awa", "section": "bamako", "birth_year": 1980, "gender": "female", "phone": "12"}
    with pytest.raises(onboarding.RowInvalid) as caught:
        onboarding.member_create(actor=staff, association=association, values=values)
    assert {field for field, _message in caught.value.errors} == {"birth_year", "phone"}
    issued = onboarding.member_create(
        actor=staff, association=association, values={**values, "birth_year": 2008, "phone": ""}
    )
    membership = Membership.objects.get(pk=issued.membership_id)
    assert ModelLogEntry.objects.filter(object_id=str(membership.pk), action="ton.member.create", user=staff).exists()
