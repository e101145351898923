"""The cleaner on pages written for these tests: each rule, and the offsets it keeps."""

from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.clean import clean
from sitrep.document import Document
from sitrep.options import Options
from tests.conftest import analyze_text

P1 = "Russian forces launched a new assault near Pokrovsk on Monday, Ukraine's General Staff said in its update."
P2 = "The defenders repelled 23 attacks over the past day, the statement said, without giving details of losses."
P3 = "Kyiv has asked its partners for more air defence systems as the attacks continue, officials said."


def cleaned(text: str) -> Document:
    return analyze_text(text)


def paras(doc: Document) -> list[str]:
    return [p for p in doc.text.split("\n") if p]


def test_article_without_chrome_is_kept_whole():
    doc = cleaned(f"{P1}\n\n{P2}\n\n{P3}\n")
    assert doc.text == f"{P1}\n\n{P2}\n\n{P3}"
    assert doc.removed == []


def test_vocabulary_chrome_goes_everywhere_in_the_page():
    page = (f"Skip to main content\nHome | World | Ukraine | Opinion\n{P1}\n- Advertisement -\n{P2}\n"
            f"Share on Facebook\nTweet\n{P3}\nSubscribe to our newsletter\n• Love It 3\n")
    doc = cleaned(page)
    assert paras(doc) == [P1, P2, P3]
    assert {r.rule for r in doc.removed} >= {"chrome:nav", "chrome:ad", "chrome:share", "chrome:signup"}


def test_words_of_chrome_inside_sentences_are_kept():
    posted = "Russian forces posted gains near Kurakhove, and the share of the region they hold grew, analysts said."
    cookies = "Volunteers sent 3,000 parcels with socks and home-made cookies to the front, the organisers said."
    doc = cleaned(f"{posted}\n{cookies}\n{P1}\n")
    assert posted in doc.text and cookies in doc.text


def test_cookie_notice_is_removed_wherever_it_is():
    notice = "We and our partners use cookies to personalise content and ads and to analyse our traffic."
    doc = cleaned(f"{P1}\n{notice}\nAccept all\n{P2}\n")
    assert notice not in doc.text and doc.text.split("\n\n") == [P1, P2]


def test_forum_replies_after_the_article_are_dropped():
    page = (f"Recommended Posts\nPosted\nimage.png\nA headline about the front line today\n{P1}\n{P2}\n"
            "• Like 4\nQuote\nsome_user\nPosted 2 hours ago\nThis is a reply with an opinion about the war, not news.\n"
            "6 minutes ago, some_user said:\nThis is a quoted reply.\nAnd an answer to it that is long enough.\n")
    doc = cleaned(page)
    assert paras(doc) == ["A headline about the front line today", P1, P2]
    assert doc.title == "A headline about the front line today"
    assert "reply" not in doc.text


def test_quoted_reply_marker_cuts_even_after_one_paragraph():
    doc = cleaned(f"{P1}\n3 hours ago, kyiv_reader said:\n{P2}\n")
    assert doc.text == P1


def test_related_links_in_the_middle_of_the_article_go():
    links = ["Western embassies close in Kyiv amid fears of a missile attack",
             "Ukraine uses long-range missiles against targets in Russia for the first time",
             "Museum of the Gulag closes in Moscow as criticism is silenced"]
    doc = cleaned("\n".join([P1, *links, P2]))
    assert paras(doc) == [P1, P2]
    assert all(r.rule == "related:list" for r in doc.removed)


def test_a_single_subheading_stays():
    doc = cleaned(f"{P1}\nWhat happens next\n{P2}\n")
    assert "What happens next" in doc.text


def test_inline_read_also_is_cut_from_the_paragraph():
    doc = cleaned(f"{P1} Read also: Drones hit a fuel depot in the Bryansk region\n{P2}\n")
    assert paras(doc) == [P1, P2]
    doc = cleaned(f"{P1} Read also:\nDrones hit a fuel depot in the Bryansk region\n{P2}\n")
    assert paras(doc) == [P1, P2]


def test_repeated_caption_and_truncated_teaser_go():
    teaser = P1[:70]
    doc = cleaned(f"{teaser}\n{P1}\n{P2}\n{P2}\n")
    assert doc.text == f"{P1}\n{P2}"
    assert {r.rule for r in doc.removed} == {"duplicate", "duplicate:teaser"}


def test_photo_credits_and_bylines_go():
    page = (f"By Jane Roe and John Doe\nSoldiers at a firing position near the front. Picture: Nordwire\n{P1}\n"
            f"A destroyed house in the village, March 3, 2025. Vistula Wire/Anna Kovalenko\n{P2}\n"
            "Reporting by Jane Roe in Kyiv; Editing by John Doe\n")
    doc = cleaned(page)
    assert paras(doc) == [P1, P2]


def test_widget_leftovers_and_bare_urls_go():
    doc = cleaned(f"+ ↺ − 16 px\n403\nhttps://paper.example/news/1\n{P1}\n×\n{P2}\nbanner\n")
    assert paras(doc) == [P1, P2]


def test_truncated_last_paragraph_of_a_scrape_is_kept():
    doc = cleaned(f"{P1}\n{P2}\nThe head of the city's military a")
    assert doc.text.endswith("The head of the city's military a")


def test_offsets_point_back_into_the_raw_input():
    raw = f"Jump to content\n\n{P1}\n- Advertisement -\n  {P2} Read also: A related story\n\nShare\n{P3}\n"
    doc = cleaned(raw)
    for t, r, n in doc.offsets.segments:
        assert doc.text[t:t + n] == raw[r:r + n]
    start = doc.text.index("repelled 23")
    assert raw[doc.offsets.to_raw(start):].startswith("repelled 23")
    assert doc.offsets.span_to_raw(start, start + 11) == (raw.index("repelled 23"), raw.index("repelled 23") + 11)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=600))
def test_cleaning_never_invents_text(raw: str):
    doc = Document(doc_id="x", source="x", raw=raw)
    clean(doc, Options())
    covered = 0
    for t, r, n in doc.offsets.segments:
        assert doc.text[t:t + n] == raw[r:r + n]
        covered += n
    separators = len(doc.text) - covered
    assert separators == doc.text.count("\n") - sum(raw[r:r + n].count("\n") for _, r, n in doc.offsets.segments)


def test_a_byline_with_its_date_and_read_time_goes():
    page = (f"by Jane Roe March 3, 2025 10:15 AM 3 min read\n{P1}\n"
            f"by The Example Post news desk March 3, 2025 8:01 PM 2 min read\n{P2}\n")
    assert paras(cleaned(page)) == [P1, P2]


def test_notices_about_the_article_rather_than_its_story_go():
    developing = "Officials said the situation was still developing and that more strikes were expected overnight."
    page = (f"This audio is created with AI assistance\n{P1}\n{developing}\n"
            "This is a developing story and will be updated.\n"
            "(Note: The article has been translated from Ukrainian to English and edited for length.)\n")
    assert paras(cleaned(page)) == [P1, developing]
    assert {r.rule for r in cleaned(page).removed} == {"chrome:notice"}


def test_footer_cookie_donation_and_promo_lines_go():
    policy = "The ministry said the app's privacy policy had been changed without notice to its users in March."
    page = (f"The Example Review: our first print magazine. Be among the first to get it.\n{P1}\nAdvertisement:\n"
            f"{policy}\nSupport the Daily Example or become our patron!\n{P2}\n"
            "Would love your thoughts, please comment.x\nEditor in chief — Jane Roe. Terms of use. Privacy policy.\n"
            "We use cookies.\nPrivacy policy.\nWe use cookies. By clicking \"OK\" or any con")
    assert paras(cleaned(page)) == [P1, policy, P2]


def test_an_ad_label_or_a_read_more_link_glued_to_a_paragraph_is_cut():
    doc = cleaned(f"{P1} Advertisement\n{P2} (Read more Russia-Ukraine war stories.)\n{P3}\n")
    assert paras(doc) == [P1, P2, P3]
    assert {r.rule for r in doc.removed} == {"chrome:ad", "related:inline"}


def test_captions_that_end_with_their_credit_go():
    page = (f"Rescuers search the rubble of a house in Sumy (Ivan Petrenko/AP)\n{P1}\n"
            "Smoke rises over the port after the strike, on March 3. (Telegram)\n"
            "A soldier loads a mortar near Bakhmut, Ukraine, on May 2, 2024.   (AP Photo/Olena Shevchenko\n"
            "Soldiers rest in a trench near the front line (Contributor/Getty Images)\n"
            "The mayor speaks to reporters in Odesa on Monday. Photo courtesy of City Council/UPI | License Photo\n"
            f"{P2}\nThe ministry building in central Moscow. - Example News, 1920, 25.03.2025\n{P3} (Xinhua)\n")
    assert paras(cleaned(page)) == [P1, P2, f"{P3} (Xinhua)"]


def test_a_caption_over_its_credit_line_and_its_alt_text_go():
    page = ("Russian drones hit power plant in Kharkiv region\n"
            "Ukrainian tanks move along a road near Izium, where the front has stalled\nJANE ROE/AP\n"
            f"{P1}\nRescuers carry a wounded man out of a building in Kharkiv\n"
            f"Rescuers carry a wounded man out of a building in Kharkiv (Ivan Petrenko/AP)\n{P2}\n")
    assert paras(cleaned(page)) == ["Russian drones hit power plant in Kharkiv region", P1, P2]


def test_a_lone_agency_credit_and_a_date_with_a_view_counter_go():
    doc = cleaned(f"12 March 2024    Read: 1,204\n{P1}\n{P2}\nAFP\n")
    assert paras(doc) == [P1, P2]


def test_a_kicker_in_capitals_is_not_the_title_but_a_dateline_after_the_title_stays():
    doc = cleaned(f"WAR IN UKRAINE\nRussian drones hit power plant in Kharkiv region\nGENEVA\n{P1}\n{P2}\n")
    assert doc.title == "Russian drones hit power plant in Kharkiv region"
    assert paras(doc) == ["Russian drones hit power plant in Kharkiv region", "GENEVA", P1, P2]


def test_a_story_card_after_a_more_stories_label_goes():
    page = (f"{P1}\nMore stories\nThe quiet front\n"
            f"Why the war in the east has settled into attrition and what that means for Kyiv\n{P2}\n{P3}\n")
    assert paras(cleaned(page)) == [P1, P2, P3]


def test_links_to_other_stories_go_but_subheadings_stay():
    teaser = ("Two fuel tanks caught fire after a drone attack on a depot in the Bryansk region overnight, "
              "the regional governor said on Telegram.")
    page = (f"Drones strike oil depot in Russia's Oryol region, governor says\n{P1}\n"
            f"Ukraine war latest: Russian troops push toward Kostiantynivka as shelling intensifies\n{P2}\n"
            f"New offensive\nKey points from the statement:\n{P3}\n"
            f"Russia says fuel depot in Bryansk region hit by Ukrainian drones, governor says\n{teaser}\n")
    doc = cleaned(page)
    assert paras(doc) == ["Drones strike oil depot in Russia's Oryol region, governor says", P1, P2,
                          "New offensive", "Key points from the statement:", P3]
    assert {r.rule for r in doc.removed} == {"related:card"}


def test_a_box_before_the_headline_the_url_names_goes():
    blurb = ("On February 24, 2022 the war began with strikes on cities across the country, and it has gone on "
             "ever since.")
    title = "Drones Strike Energy Sites in Krasnodar Region"
    doc = cleaned(f"url: https://news.example/2025/03/25/drones-strike-energy-sites-in-krasnodar-region-12345.html\n\n"
                  f"The Conflict in Ukraine\n{blurb}\n\n{title}\n\n{P1}\n{P2}\n")
    assert doc.title == title and paras(doc) == [title, P1, P2]


def test_lines_before_the_headline_the_url_names_stay_when_no_paragraph_comes_before_it():
    standfirst = "The front has barely moved this year, and that may serve Moscow better"
    doc = cleaned(f"url: https://news.example/story/1/the-front-has-barely-moved.html\n\n"
                  f"A Deep Look at the Front Line\n{standfirst}\nThe Front Has Barely Moved\n{P1}\n{P2}\n")
    assert doc.title == "A Deep Look at the Front Line" and standfirst in doc.text


def test_a_source_line_naming_who_said_the_news_stays_and_a_picture_source_goes():
    said = "Source: Oleh Syniehubov, Head of Kharkiv Oblast Military Administration, on Telegram"
    doc = cleaned(f"{P1}\nSource: Reuters\n{said}\n{P2}\n")
    assert paras(doc) == [P1, said, P2]
