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
