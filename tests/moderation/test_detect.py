"""Personal-information flags on a corpus: what must be found, and harmless numbers that must not be."""

import pytest

from moderation.detect import personal_info_found

PHONES = [
    "Appelle-moi au +223 76 12 34 56",
    "mon numéro 76123456",
    "0022376123456 c'est moi",
    "76-12-34-56",
    "76.12.34.56 le soir",
    "+22376123456",
    "00 223 76 12 34 56",
    "+223 76123456",
    "(+223) 66 12 34 56",
    "fixe : 20 22 33 44",
    "Orange 7612 3456",
    "numéro:76123456.",
    "écris sur whatsapp 91234567!",
]
EMAILS = [
    "awa.keita@gmail.com",
    "écris-moi : moussa_d+imaj@yahoo.fr.",
    "awa arobase gmail point com",
    "awa [at] gmail [dot] com",
]
ADDRESSES = [
    "J'habite rue 380 porte 45 à Hamdallaye",
    "Hamdallaye ACI 2000, Rue 305, Porte n° 12",
    "BP 1234 Bamako",
    "au 12 rue des Martyrs",
    "avenue 5, immeuble 3",
    "boîte postale 2587",
]
HARMLESS = [
    "La réunion est le 12/03/2025 à 14h30.",
    "Rendez-vous le 2025-03-12.",
    "En 2025 nous avons eu 300 jeunes.",
    "Année scolaire 2024-2025, puis 2025 2026.",
    "Les années 2024 2025 ont été bonnes.",
    "Score final 3-2, puis 12-10 !",
    "Le kit coûte 15 000 FCFA, le repas 2500F, la moto 1.500.000 FCFA.",
    "Total 25 000 000 FCFA pour le projet.",
    "Départ à 14h30, retour à 18h.",
    "75% de réussite, 12,5 % d'abandons.",
    "Code 7612345 (trop court) et 761234567 (trop long).",
    "Série 76 12 34 56 78 90 du carnet.",
    "Le 25122025 est Noël.",
    "Nous étions 12 sur 30 au stage de 3 mois.",
    "La route est longue, rendez-vous à la porte de l'école.",
    "Suivez @imaj_mali sur le site !",
    "Tél. du centre : voir l'affiche.",
    "Chapitre 7, page 123, exercice 4.",
    "Version 2.5.1 de l'application.",
]


@pytest.mark.parametrize("text", PHONES)
def test_phone_numbers_are_found(text):
    assert "phone" in personal_info_found(text)


@pytest.mark.parametrize("text", EMAILS)
def test_emails_are_found(text):
    assert "email" in personal_info_found(text)


@pytest.mark.parametrize("text", ADDRESSES)
def test_addresses_are_found(text):
    assert "address" in personal_info_found(text)


@pytest.mark.parametrize("text", HARMLESS)
def test_harmless_numbers_are_not_flagged(text):
    assert personal_info_found(text) == []


def test_several_kinds_in_one_text():
    found = personal_info_found("Écris à awa@gmail.com ou appelle le 76 12 34 56, rue 380 porte 45")
    assert found == ["phone", "email", "address"]
