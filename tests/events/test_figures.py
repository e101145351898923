"""Figures read from passages written for these tests: units, rates, losses, prisoners, pairs, suppositions."""

from sitrep.quantities import find as find_quantities


def figures(text: str) -> list[tuple[str, float, float | None, str]]:
    return [(q.measure, q.value, q.value_max, q.unit) for q in find_quantities(text)]


def test_square_miles_and_hectares_become_square_kilometres():
    assert figures("The brigade recaptured 10 square miles of farmland.") == [("area_gained", 25.9, None, "km2")]
    assert figures("Engineers said the army took 450 hectares east of the river.") == [("area_gained", 4.5, None, "km2")]


def test_miles_and_metres_become_kilometres():
    assert figures("The column advanced 20 miles overnight.") == [("advance_distance", 32.187, None, "km")]
    assert figures("Assault groups pushed 800 metres deep into the tree line.") == [
        ("advance_distance", 0.8, None, "km")]


def test_a_figure_restated_in_brackets_is_one_figure():
    assert figures("Troops have gained 2,590 square kilometres (1,000 square miles) since spring.") == [
        ("area_gained", 2590, None, "km2")]
    assert figures("They gained 518 square kilometres (200 square miles) in May and 300 in June.") == [
        ("area_gained", 518, None, "km2"), ("area_gained", 300, None, "km2")]
    assert figures("They advanced 16 kilometres (10 miles) toward the city.") == [("advance_distance", 16, None, "km")]


def test_an_area_or_distance_per_day_is_a_rate():
    assert figures("The offensive was gaining 12 square kilometres a day.") == [("advance_rate", 12, None, "km2/day")]
    assert figures("Units were advancing 150-250 meters per day near the ridge.") == [
        ("advance_rate", 0.15, 0.25, "km/day")]
    assert figures("Columns moved forward about 5 km daily.") == [("advance_rate", 5, None, "km/day")]


def test_soldiers_killed_or_wounded_are_losses_not_troops():
    assert figures("Officials said 14 soldiers were killed in the ambush.") == [("killed", 14, None, "count")]
    assert [f[0] for f in figures("Some 300 servicemen were killed or wounded that week.")] == ["killed"]
    assert figures("Forty troops were wounded by the blast.") == [("injured", 40, None, "count")]


def test_lives_lost_are_the_dead():
    assert figures("The shelling led to the loss of 6 lives in the suburb.") == [("killed", 6, None, "count")]
    assert figures("The raid claimed 17 lives, the governor said.") == [("killed", 17, None, "count")]


def test_an_aside_between_commas_keeps_the_dead_with_their_verb():
    assert figures("Twelve people, including a 9-year-old girl, were killed by the rockets.") == [
        ("killed", 12, None, "count")]


def test_a_toll_named_far_before_its_number():
    assert figures("The death toll after the drone attack on the market square in the old town has climbed to 21.") == [
        ("killed", 21, None, "count")]
    assert figures("Prices rose to 40 hryvnias.") == []


def test_people_released_returned_or_swapped_are_prisoners():
    assert figures("The ombudsman said 95 Ukrainian soldiers had been released.") == [("prisoners", 95, None, "count")]
    assert figures("Moscow said 80 servicemen were returned under the deal.") == [("prisoners", 80, None, "count")]
    assert figures("The swap brought home 52 defenders.") == [("prisoners", 52, None, "count")]
    assert figures("It was a swap involving 230 people.") == [("prisoners", 230, None, "count")]
    assert figures("It was an exchange of 900 bodies.") == []


def test_soldiers_listed_within_a_released_group_are_prisoners():
    assert figures("Officials said 70 soldiers were freed, including marines and three personnel of the guard.") == [
        ("prisoners", 70, None, "count"), ("prisoners", 3, None, "count")]


def test_population_centres_are_settlements():
    assert figures("The army claims to have seized 12 population centres this month.") == [
        ("settlements_captured", 12, None, "count")]


def test_two_figures_joined_by_and_are_two_figures():
    assert figures("In spring and summer the army took 310 and 295 square kilometres, respectively.") == [
        ("area_gained", 310, None, "km2"), ("area_gained", 295, None, "km2")]
    assert figures("Troops advanced between 3 and 4 km.") == [("advance_distance", 3, 4, "km")]


def test_a_supposed_advance_is_no_figure():
    assert figures("A modern army would hope to advance 30 km in a day.") == []
    assert figures("Planners expected to capture 20 villages by winter.") == []
    assert figures("The army advanced 30 km in a day.") == [("advance_rate", 30, None, "km/day")]
