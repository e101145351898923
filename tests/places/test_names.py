import pytest

from sitrep.places.names import fold, latin_forms, loose_key, russian_forms


@pytest.mark.parametrize(("a", "b"), [
    ("Huliaipole", "Gulyaipole"), ("Hatyshche", "Gatishche"), ("Kleshchiivka", "Kleshcheyevka"),
    ("Kupiansk", "Kup'yansk"), ("Vilcha", "Vil’cha"), ("Kolisnykivka", "Kolisnikivka"), ("Oleynikovo", "Oliinykovo"),
    ("Sviatoshynskyi", "Svyatoshinskiy"), ("Zaporizhzhia", "Zaporizhzhya"),
])
def test_spellings_of_one_name_share_a_key(a: str, b: str):
    assert loose_key(a) == loose_key(b)


@pytest.mark.parametrize(("a", "b"), [("Sumy", "Shumy"), ("Kherson", "Kharkiv"), ("Lyman", "Lysychansk")])
def test_different_names_keep_different_keys(a: str, b: str):
    assert loose_key(a) != loose_key(b)


def test_fold_drops_case_accents_apostrophes_and_hyphens():
    assert fold("Kup’yans’k") == "kupyansk"
    assert fold("Nikolayevo-Daryino") == "nikolayevo daryino"
    assert fold("Çırağan") == "ciragan"


def test_cyrillic_names_get_several_romanizations():
    assert {"Kharkiv", "Kharkov"} <= latin_forms("Харків") | latin_forms("Харьков")
    assert "Zaporizhzhia" in latin_forms("Запоріжжя")
    assert latin_forms("Pokrovsk") == {"Pokrovsk"}


@pytest.mark.parametrize(("ukrainian", "russian"), [
    ("Кондратівка", "Кондратовка"), ("Дегтярне", "Дегтярное"), ("Сокіл", "Сокол"), ("Вовкове", "Волково"),
])
def test_russian_forms_of_ukrainian_names(ukrainian: str, russian: str):
    assert russian in russian_forms(ukrainian)
