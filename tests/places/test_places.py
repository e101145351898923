"""Place recognition and resolution on sentences written for these tests, against the default gazetteer."""

from typing import Any

import pytest

from sitrep.places.stage import find_places
from sitrep.places.tiers import gazetteer_for


@pytest.fixture(scope="module")
def gazetteer():
    return gazetteer_for("default")


def places(text: str, gazetteer) -> list[dict[str, Any]]:
    return find_places(text, gazetteer)


def only(text: str, gazetteer, kind: str | None = None) -> dict[str, Any]:
    found = [p for p in places(text, gazetteer) if p["kind"] != "country" and (kind is None or p["kind"] == kind)]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(("sentence", "name", "admin1"), [
    ("Russian missiles hit Kharkov overnight, the city's mayor said.", "Kharkiv", "UA-63"),
    ("Shelling continued in Lugansk on Tuesday.", "Luhansk", "UA-09"),
    ("Drones struck energy facilities in Zaporozhzhie, officials said.", "Zaporizhzhia", "UA-23"),
    ("The ministry said its troops had liberated the village of Kondratovka in the Sumy region.", "Kindrativka",
     "UA-59"),
    ("Russian forces claimed Kondrativka, a village in Sumy region.", "Kindrativka", "UA-59"),
    ("Fierce fighting was reported near Artemovsk.", "Bakhmut", "UA-14"),
    ("A missile hit an industrial site in Dnepropetrovsk.", None, "UA-12"),  # the city, or the oblast
    ("Assault groups entered Volchansk from the north.", "Vovchansk", "UA-63"),
    ("Artillery duels went on near Gulyaipole.", "Huliaipole", "UA-23"),
    ("Units advanced south of Kleshcheyevka, the ministry said.", "Klishchiivka", "UA-14"),
    ("Moscow's forces took Ugledar after a two-year siege.", "Vuhledar", "UA-14"),
    ("Russian troops are pressing on Krasnoarmeysk in the Donetsk People's Republic.", "Pokrovsk", "UA-14"),
    ("Russian forces liberated Dzerzhinsk, the ministry said.", "Toretsk", "UA-14"),
    ("Russia said it had taken Selidovo.", "Selydove", "UA-14"),
    ("Russian drones struck Konstantinovka overnight.", "Kostiantynivka", "UA-14"),
    ("Russian shelling killed two in Kherson on Monday.", "Kherson", "UA-65"),  # the seat, not its oblast
])
def test_spellings_and_former_names_resolve_to_the_place(sentence: str, name: str | None, admin1: str, gazetteer):
    place = next(p for p in places(sentence, gazetteer) if p["kind"] in ("settlement", "admin1"))
    assert place["admin1"] == admin1
    if name:
        assert place["name"] == name


def test_namesakes_are_told_apart_by_the_division_named_beside_them(gazetteer):
    kharkiv = only("Russian troops entered Novoselivka in the Kharkiv region on Monday.", gazetteer, "settlement")
    donetsk = only("Russian troops entered Novoselivka in the Donetsk region on Monday.", gazetteer, "settlement")
    assert (kharkiv["admin1"], donetsk["admin1"]) == ("UA-63", "UA-14")


def test_two_namesakes_in_one_oblast_give_the_oblast_only(gazetteer):
    zoria = only("Soldiers raised a flag over the village of Zoria in Ukraine's Donetsk region.", gazetteer,
                 "settlement")
    assert (zoria["admin1"], zoria["precision"]) == ("UA-14", "admin1")


def test_a_village_the_gazetteer_lacks_comes_back_as_its_oblast(gazetteer):
    place = only("Russia said it had captured the village of Khvostyarivka in Ukraine's Zaporizhzhia region.",
                 gazetteer, "settlement")
    assert place == place | {"name": "Khvostyarivka", "admin1": "UA-23", "precision": "admin1", "geonameid": None}
    oblast = gazetteer.admin1("UA-23")
    assert (place["lat"], place["lon"]) == (round(oblast.lat, 5), round(oblast.lon, 5))


def test_a_nearby_town_places_an_ambiguous_village(gazetteer):
    found = {p["name"]: p for p in places("The ministry announced the capture of Petropavlivka, a village just east "
                                          "of the city of Kupiansk.", gazetteer)}
    assert found["Kupiansk"]["admin1"] == "UA-63"
    assert found["Petropavlivka"]["admin1"] == "UA-63"


def test_divisions_in_lists_and_their_names(gazetteer):
    found = places("Strikes hit energy sites in the Zaporozhzhie and Kherson regions and in the Donetsk People's "
                   "Republic.", gazetteer)
    assert {(p["kind"], p["admin1"]) for p in found} == {("admin1", "UA-23"), ("admin1", "UA-65"), ("admin1", "UA-14")}
    enumerated = places("Moscow claims the regions—Donetsk, Kherson, Luhansk and Zaporizhzhia—as its own.", gazetteer)
    assert {p["admin1"] for p in enumerated if p["kind"] == "admin1"} == {"UA-14", "UA-65", "UA-09", "UA-23"}


def test_directions_and_districts(gazetteer):
    sumy = only("Russia is massing troops in the Sumy direction, Kyiv's commander said.", gazetteer)
    assert (sumy["kind"], sumy["admin1"], sumy["name"]) == ("region", "UA-59", "Sumy direction")
    districts = places("Border guards reported breakthroughs in the Sudzhansky and Korenevsky districts.", gazetteer)
    assert [(p["name"], p["admin1"]) for p in districts] == [("Sudzhansky district", "RU-KRS"),
                                                             ("Korenevsky district", "RU-KRS")]


def test_capitals_and_countries_as_actors_are_not_places(gazetteer):
    assert places("Moscow said it would respond, and Kyiv rejected the offer.", gazetteer) == []
    assert places("Russia has demanded talks with Washington.", gazetteer) == []
    hit = places("Drones attacked Moscow overnight, and a fire broke out in Kyiv.", gazetteer)
    assert [p["name"] for p in hit] == ["Moscow", "Kyiv"]


def test_a_town_that_opens_its_sentence_is_a_place_but_a_capital_that_speaks_is_not(gazetteer):
    assert [p["name"] for p in places("Officials spoke on Tuesday. Pokrovsk was shelled on Monday.", gazetteer)] == [
        "Pokrovsk"]
    assert [p["name"] for p in places("Analysts agree. Kupiansk has been fought over since spring.", gazetteer)] == [
        "Kupiansk"]
    assert places("Officials spoke on Tuesday. Moscow has said it will respond.", gazetteer) == []
    assert places("Russia has rejected the plan, and Ukraine will not sign it.", gazetteer) == []


@pytest.mark.parametrize(("sentence", "name", "country"), [
    ("Officials in the Ukrainian capital said drones were shot down.", "Kyiv", "UA"),
    ("Drones flew toward the Russian capital overnight.", "Moscow", "RU"),
    ("Shelling hit Ukraine's second-largest city on Sunday.", "Kharkiv", "UA"),
])
def test_a_settlement_named_by_a_description(sentence: str, name: str, country: str, gazetteer):
    found = only(sentence, gazetteer)
    assert (found["name"], found["country"], found["precision"]) == (name, country, "settlement")


def test_a_list_after_a_settlement_word_names_settlements_even_those_the_gazetteer_lacks(gazetteer):
    text = ("Fighting went on in the Kursk region. Troops took four settlements in two days: Zhuravlyovo, "
            "Fictitovka, Plekhovo and Martynovka.")
    found = [p for p in places(text, gazetteer) if p["kind"] == "settlement"]
    assert [p["mention"] for p in found] == ["Zhuravlyovo", "Fictitovka", "Plekhovo", "Martynovka"]
    assert {p["admin1"] for p in found} == {"RU-KRS"}
    assert next(p for p in found if p["mention"] == "Fictitovka")["precision"] == "admin1"


def test_a_counted_plural_before_a_comma_names_a_list_of_settlements(gazetteer):
    found = places("Moscow said its troops took two more villages in eastern Ukraine, Novoolenivka and Pishchane.",
                   gazetteer)
    settlements = [p for p in found if p["kind"] == "settlement"]
    assert [p["mention"] for p in settlements] == ["Novoolenivka", "Pishchane"]
    # many villages are called Pishchane: one spelt as written, never a town known under a name only alike
    assert settlements[1]["name"] == "Pishchane"


@pytest.mark.parametrize(("sentence", "country"), [
    ("Russia has seized 450 square kilometres of Ukrainian territory since August.", "UA"),
    ("Drones violated Russian airspace overnight.", "RU"),
    ("No Ukrainian soldier has set foot on Russian soil, the ministry said.", "RU"),
    ("Moscow holds about 19% of Ukraine.", "UA"),
])
def test_a_demonym_before_a_land_noun_is_its_country_as_a_location(sentence: str, country: str, gazetteer):
    assert [(p["kind"], p["country"]) for p in places(sentence, gazetteer)] == [("country", country)]


def test_a_list_of_cities_is_no_chain_of_ties_and_a_city_beats_its_villages(gazetteer):
    found = places("Explosions were reported in the Ukrainian cities of Zhytomyr, Dnipro, Lviv, Ternopil and Kyiv.",
                   gazetteer)
    assert [(p["name"], p["admin1"]) for p in found] == [("Zhytomyr", "UA-18"), ("Dnipro", "UA-12"), ("Lviv", "UA-46"),
                                                          ("Ternopil", "UA-61"), ("Kyiv", "UA-30")]


def test_a_village_named_in_a_district_lies_in_the_districts_region(gazetteer):
    found = places("Russian forces liberated the village of Novoivanovka in the Sudzha district.", gazetteer)
    assert [(p["admin1"], p["kind"]) for p in found] == [("RU-KRS", "settlement"), ("RU-KRS", "region")]


def test_people_are_not_places(gazetteer):
    text = ("Russian President Vladimir Putin met governor Alexei Smirnov. Putin said the talks were over, "
            "according to Smirnov.")
    assert places(text, gazetteer) == []


def test_every_mention_points_into_the_text(gazetteer):
    text = "Drones hit Sumy. Later, officials in Sumy said three people were hurt near Sumy."
    [sumy] = places(text, gazetteer)
    starts = [i for i in range(len(text)) if text.startswith("Sumy", i)]
    assert sumy["mentions"] == [[s, s + 4] for s in starts]
    assert all(text[s:e] == "Sumy" for s, e in sumy["mentions"])
