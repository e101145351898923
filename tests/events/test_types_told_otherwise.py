"""Event types told in other words than the usual ones, on passages written for these tests: a build-up as troops
concentrated, a strike as drones that targeted a city or through its toll, sabotage as a verb, an exchange as
soldiers released; and what only sounds like one: sabotage groups at work are fighting, talks that might happen
are no meeting."""

from __future__ import annotations

import pytest

from tests.conftest import analyze_text


def kinds(text: str) -> list[tuple[str, str | None]]:
    record = analyze_text(f"published: 2025-07-03\n\n{text}\n").record()
    return [(e["type"], e["actor"]) for e in record["events"]]


@pytest.mark.parametrize("text, expected", [
    ("Some 50,000 Russian troops have concentrated near the Sumy region, Ukraine's army said on Monday.",
     [("buildup", "RU")]),
    ("Over 300 Ukrainian drones targeted Moscow overnight, the city's mayor said on Tuesday.", [("strike", "UA")]),
    ("A Russian missile hit a residential building in Dnipro on Saturday, killing 12 people, officials said.",
     [("strike", "RU")]),
    ("The partisan group sabotaged a railway line in the Bryansk region on Monday, the group said.",
     [("sabotage", "UA")]),
    ("On Monday, 116 Ukrainian soldiers had been released from captivity, Ukraine's presidential office said.",
     [("prisoner_exchange", None)]),
    ("Russian sabotage groups are active in the Sumy region, the Ukrainian border guard service said on Monday.",
     [("ground_fighting", "RU")]),
    ("In the Donetsk region, prosecutors said a Russian attack killed two people in Kostiantynivka on Sunday.",
     [("strike", "RU")]),
    ("Ukrainian gunners fire a self-propelled howitzer toward Russian positions near Bakhmut.", [("strike", "UA")]),
    ("Officials in the Ukrainian capital said it came under attack from more than a dozen Russian drones.",
     [("strike", "RU")]),
    ("Local media said the Novokuibyshevsk refinery had been hit by Ukrainian drones for the third time.",
     [("strike", "UA")]),
    ("Moscow's missile attacks have crippled Ukraine's energy grid, officials said on Monday.", [("strike", "RU")]),
    ("Columns of Russian troops were moving west of Novovasylivka toward Solone on Monday, a blogger said.",
     [("advance", "RU")]),
    ("The Russian army shelled positions near Novotroitske and forced Ukrainian units to pull back, a blogger said.",
     [("advance", "RU"), ("strike", "RU")]),
    ("Russian forces gained ground near Kupiansk, capturing over 40 square kilometres in a week, AFP said.",
     [("advance", "RU")]),
    ("Talks between Russia and Ukraine might take place in Istanbul next month, an official said.", []),
    ("Russian and Ukrainian delegations met in Istanbul on Friday for their first direct talks since 2022.",
     [("negotiation", None)]),
])
def test_types_told_in_other_words(text: str, expected: list[tuple[str, str | None]]):
    assert kinds(text) == expected


@pytest.mark.parametrize("kind, text", [
    ("control_claim","Russian troops have liberated Novoielyzavetivka in the Donetsk People's Republic, the ministry said."),
    ("control_claim","Ukrainian forces regained control of Stepove in the Zaporizhzhia region, the army said on Friday."),
    ("control_claim","Moscow's forces now control most of Chasiv Yar, according to Russian military bloggers."),
    ("control_claim","The village of Torske came under full Russian control on Tuesday, the defence ministry said."),
    ("control_claim","Ukraine's army said it had cleared Russian troops from the village of Zolota Nyva."),
    ("control_claim","Russian soldiers hoisted their flag over the centre of Toretsk, a video released by the ministry showed."),
    ("advance","Russian units crossed the Oskil river near Kupiansk and established a bridgehead, DeepState said."),
    ("advance","Ukrainian troops pushed deeper into the Kursk region on Thursday, capturing several villages."),
    ("advance","Russian forces are closing in on Pokrovsk from the south and east, analysts said."),
    ("advance","Russian forces are now less than 5 km from Kostiantynivka, the think tank said."),
    ("advance","Moscow's troops made gains near Siversk over the weekend, according to the ISW."),
    ("ground_fighting","Heavy fighting raged around Toretsk on Sunday, Ukraine's military said."),
    ("ground_fighting","Ukrainian defenders beat back 12 Russian assaults near Pokrovsk over the past day, the General Staff said."),
    ("ground_fighting","Russian troops stormed Ukrainian positions near Kurakhove 30 times on Monday, the General Staff reported."),
    ("ground_fighting","Street battles continue in Vovchansk, the regional governor said."),
    ("ground_fighting","Ukrainian units are holding the line near Chasiv Yar despite constant assaults, a commander said."),
    ("strike","A Russian glide bomb struck an apartment block in Zaporizhzhia on Tuesday, killing three people, the governor said."),
    ("strike","Ukrainian drones set fire to an oil depot in Russia's Bryansk region overnight, the governor said."),
    ("strike","Russia pounded Kharkiv with missiles and drones overnight, wounding 15 people, officials said."),
    ("strike","An Iskander missile destroyed a Ukrainian air defence system near Odesa, the Russian ministry said."),
    ("strike","Explosions rocked Kyiv early on Thursday as air defences repelled a Russian attack, the mayor said."),
    ("strike","A drone attack sparked a fire at the Novoshakhtinsk refinery in the Rostov region, the governor said."),
    ("strike","Russian artillery pounded Nikopol overnight, damaging houses and a gas pipeline, the governor said."),
    ("sabotage","Partisans derailed a freight train carrying fuel near Kursk, the group said on Telegram."),
    ("sabotage","An explosion damaged a railway bridge in the Bryansk region, Ukrainian intelligence said."),
    ("sabotage","Saboteurs set fire to a relay cabinet on the railway near Belgorod, the HUR said."),
    ("buildup","Russia has massed more than 100,000 troops near Pokrovsk, Ukraine's commander-in-chief said."),
    ("buildup","Moscow has moved reinforcements to the Zaporizhzhia front, Ukrainian officials said."),
    ("buildup","Russia is pulling troops from Kherson to reinforce its positions near Bakhmut, the UK ministry said."),
    ("buildup","Belarus has stationed thousands of troops along the border with Ukraine's Volyn region, Kyiv said."),
    ("negotiation","Russian and Ukrainian negotiators met in Istanbul on Wednesday for a second round of talks."),
    ("negotiation","Putin and Trump spoke by phone for two hours on Tuesday, the Kremlin said."),
    ("negotiation","US and Ukrainian officials held talks in Jeddah on Tuesday and agreed on a 30-day ceasefire proposal."),
    ("negotiation","Zelensky met Trump at the White House on Friday to discuss security guarantees."),
    ("prisoner_exchange","Russia and Ukraine swapped 84 prisoners each on Saturday, the UAE said after mediating."),
    ("prisoner_exchange","Ukraine brought home 150 defenders from Russian captivity on Thursday, Zelensky said."),
    ("prisoner_exchange","Moscow handed over the bodies of 909 Ukrainian soldiers, Kyiv said."),
    ("control_claim", "Units of the Southern group of forces took full control of the settlement of Dachne, the Russian "
                      "Defence Ministry said on Sunday."),
    ("advance", "Russian forces have broken through Ukrainian defences north of Pokrovsk, Deep State said."),
    ("advance", "Moscow's troops are inching towards Kramatorsk, the last big city in Donetsk under Kyiv's control."),
    ("advance", "Russian troops have gained a foothold in the Dnipropetrovsk region, the first time since the invasion."),
    ("ground_fighting", "The two sides have been locked in combat around Vovchansk since May."),
    ("ground_fighting", "Russian infantry tried to infiltrate Ukrainian positions near Sumy in small groups."),
    ("strike", "Russian air defences downed 40 Ukrainian drones over the Belgorod region, the ministry said."),
    ("buildup", "Russia is building up forces near the border with the Sumy region, the army said."),
    ("prisoner_exchange", "Russia and Ukraine carried out a prisoner swap on Friday, returning 390 people each."),
    # the wording of the warring sides' daily bulletins and of the war's analysts
    ("control_claim", "Units of the Battlegroup Center liberated the settlement of Novoekonomichne in the Donetsk "
                      "People's Republic."),
    ("advance", "Russian forces improved their tactical position near Chasiv Yar, the ministry said."),
    ("ground_fighting", "Over the past day, 128 combat engagements were recorded along the front line, including 41 on "
                        "the Pokrovsk axis."),
    ("ground_fighting", "On the Kupiansk axis, the enemy attacked five times near Petropavlivka and Stepova Novoselivka."),
    ("ground_fighting", "Russian forces continued offensive operations near Kupiansk on March 2 but did not advance."),
    ("ground_fighting", "Ukrainian defenders stopped 22 enemy offensive actions near Toretsk and Druzhba."),
    ("strike", "Ukrainian Defense Forces hit a Russian command post near Oleshky, the General Staff reported."),
    ("buildup", "Russia has been moving troops and equipment towards the Zaporizhzhia front for weeks, Ukraine's "
                "military said."),
    ("control_claim", "Russian forces took Chasiv Yar, the ministry said."),
    ("control_claim", "The village of Novomykhailivka is now under Russian control, DeepState said."),
    ("advance", "Russian forces pushed toward Kramatorsk after the fall of Chasiv Yar."),
    ("strike", "Russian glide bombs have devastated the town of Kostiantynivka in recent weeks."),
    ("strike", "Russian troops fired 40 shells at Nikopol overnight, the governor said."),
])
def test_the_everyday_wordings_of_each_type(kind: str, text: str):
    """Wire-style sentences written for this test, one or more per type, none from the dev articles."""
    assert kind in [k for k, _actor in kinds(text)]


@pytest.mark.parametrize("text", [
    "Analysts say Russia could try to capture Pokrovsk before winter.",
    "The Kremlin wants Ukraine to withdraw from the Donetsk region before any ceasefire.",
    "Military experts believe an offensive on Zaporizhzhia is likely this summer.",
    "Ukraine needs more air defence systems to protect Kharkiv, Zelensky said.",
    "The fighting has displaced millions of people since 2022.",
    "The mayor of Odesa urged residents to stay in shelters during air raid alerts.",
    "Western officials warn that Russia is preparing a new offensive near Kupiansk.",
    "Kyiv fears that Russian troops could reach the border of Dnipropetrovsk region within weeks.",
    "The European Union approved a new package of sanctions against Russia on Friday.",
    "A monument to fallen soldiers was unveiled in Lviv on Sunday.",
    "Analysts said on Monday that the capture of Avdiivka would give Moscow a symbolic victory.",
    "Russia has said it will respond to any attack on Crimea.",
    "Putin and Zelensky have not met since 2019.",
    "No fighting was reported near Kupiansk on Tuesday.",
    "Russia has not captured a single city since Avdiivka.",
    "Did Russian troops really capture Toretsk?",
    "Ukraine has vowed to retake all territory occupied by Russia, including Crimea.",
    "Ukrainian officials fear a Russian summer offensive in the Sumy region.",
    "Military experts said a Russian breakthrough near Pokrovsk was unlikely in the coming weeks.",
    "Zelensky called on allies to help Ukraine strike military targets deep inside Russia.",
    "A ceasefire could be agreed within weeks, the US envoy said.",
    "The meeting in Istanbul took Zelensky by surprise.",
    "Men of fighting age are not allowed to leave Ukraine, border guards in Lviv said.",
    "Firefighters spent hours fighting the blaze at a warehouse in Odesa.",
    "The mayor of Kharkiv is locked in a legal battle with the government.",
    "Ukraine faces an uphill battle to win more Western aid, officials in Kyiv say.",
    "Ukraine's state railway came under a cyber attack on Sunday, officials in Kyiv said.",
    "The war in Ukraine has killed tens of thousands of people on both sides.",
])
def test_demands_fears_plans_and_life_behind_the_lines_are_no_events(text: str):
    """Sentences written for this test that name places and war words but report nothing that happened."""
    assert kinds(text) == []


@pytest.mark.parametrize("text, expected", [
    ("Russia captured 450 square kilometres of Ukrainian territory in November, according to an AFP analysis.",
     ("advance", "RU", "Ukraine")),
    ("Zelensky said the army has liberated over 1,000 square kilometres of Ukrainian land since September.",
     ("advance", "UA", "Ukraine")),
    ("The Russian army now controls about a fifth of Ukraine's territory.", ("control_claim", "RU", "Ukraine")),
    ("Russian forces control a fifth of Ukraine.", ("control_claim", "RU", "Ukraine")),
])
def test_ground_gained_in_a_country_named_as_land(text: str, expected: tuple[str, str, str]):
    """An area or a share of a country named as land is ground gained there, with no front place named; an area
    liberated is an advance, not the capture of a settlement."""
    record = analyze_text(f"published: 2025-07-03\n\n{text}\n").record()
    assert [(e["type"], e["actor"], e["places"][0]["name"]) for e in record["events"]] == [expected]


@pytest.mark.parametrize("text", [
    "Russian forces have advanced in Ukraine for months, the ministry said.",
    "Analysts expect more advances in the coming weeks as Russia pushes deeper into Ukrainian territory.",
])
def test_a_country_by_name_or_land_unmeasured_is_no_ground_gained(text: str):
    assert kinds(text) == []


def test_a_warring_side_saying_a_gain_did_not_happen_refutes_the_other_sides_claim():
    record = analyze_text("published: 2025-07-03\n\nUkraine's General Staff said on Monday that Russian troops had not "
                          "captured Toretsk.\n").record()
    assert [(e["type"], e["actor"], e["certainty"]) for e in record["events"]] == [("control_claim", "RU", "denied")]


@pytest.mark.parametrize("text, actor", [
    ("Air defence forces shot down 25 Ukrainian drones over the Bryansk region overnight.", "UA"),
    ("Russian air defences shot down 25 drones over the Bryansk region overnight.", "UA"),
    ("Ukraine's air force said it downed 40 Russian drones over the Kyiv region.", "RU"),
])
def test_the_side_whose_drones_are_downed_is_the_side_that_struck(text: str, actor: str):
    assert kinds(text) == [("strike", actor)]


def test_moving_troops_toward_a_front_is_a_build_up_not_an_advance():
    assert kinds("Russia has been moving troops and equipment towards the Zaporizhzhia front, Kyiv said.") == [
        ("buildup", "RU")]
    assert kinds("Drones attacked energy facilities near Kyiv overnight, the mayor said.") == [("strike", "RU")]
