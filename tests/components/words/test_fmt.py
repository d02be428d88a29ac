"""Numbers, dates and qualifiers as readers of English and Vietnamese expect them; catalogue text made inert."""

from __future__ import annotations

import datetime as dt
import math
import re

import pytest

from components.words import fmt


@pytest.mark.parametrize(("value", "decimals", "lang", "text"), [
    (1707, 0, "en", "1,707"),
    (1707, 0, "vi", "1.707"),
    (200000000, 0, "en", "200,000,000"),
    (200000000, 0, "vi", "200.000.000"),
    (89.1849, 1, "en", "89.2"),
    (89.1849, 1, "vi", "89,2"),
    (0, 0, "en", "0"),
    (3, 2, "en", "3.00"),
    (1707, 0, "xx", "1,707"),  # an unknown language reads as English
])
def test_number_in_the_readers_language(value, decimals, lang, text):
    assert fmt.number(value, decimals, lang) == text


@pytest.mark.parametrize("missing", [None, math.nan])
def test_a_missing_number_is_a_dash_not_nan(missing):
    assert fmt.number(missing) == "–"
    assert fmt.percent(missing) == "–"


def test_percent_keeps_one_decimal_and_a_space_that_never_breaks():
    """'(reported: 89.1 %)' never ends a line before its '%'."""
    assert fmt.percent(100 * 1707 / 1914) == "89.2\u00a0%"
    assert fmt.percent(100 * 1707 / 1914, "vi") == "89,2\u00a0%"
    assert fmt.percent(100.0) == "100.0\u00a0%"


@pytest.mark.parametrize(("qualifier", "sign"), [("about", "≈"), ("more_than", ">"), ("less_than", "<"),
                                                 ("at_least", "≥"), ("at_most", "≤")])
def test_quantity_shows_the_qualifier_sign_first(qualifier, sign):
    assert fmt.quantity(53000, "people", 0, qualifier) == f"{sign}\u00a053,000\u00a0people"
    assert fmt.quantity(53000, "người", 0, qualifier, "vi") == f"{sign}\u00a053.000\u00a0người"


def test_quantity_without_qualifier_or_unit():
    assert fmt.quantity(190) == "190"
    assert fmt.quantity(190, "", 0, None) == "190"
    assert fmt.quantity(100, "%") == "100\u00a0%"
    assert fmt.quantity(95, "%", 0, "about") == "≈\u00a095\u00a0%"


def test_a_unit_never_stands_on_a_line_of_its_own():
    """The spaces around the number are ones a line does not break at."""
    assert fmt.quantity(3135, "sites", 0, "more_than") == ">\u00a03,135\u00a0sites"
    assert fmt.quantity(120, "AI cameras") == "120\u00a0AI cameras", "a unit reads as the catalogue writes it"


@pytest.mark.parametrize(("value", "decimals", "lang", "text"), [
    (12, 0, "en", "+12"), (-380, 0, "en", "\u2212380"), (-28.2, 1, "vi", "\u221228,2"), (1500, 0, "vi", "+1.500"),
    (0, 0, "en", "0"), (-0.04, 1, "en", "0.0"),
])
def test_a_change_is_written_with_its_sign_and_a_real_minus(value, decimals, lang, text):
    assert fmt.signed(value, decimals, lang) == text
    assert "-" not in fmt.quantity(value, "cases", decimals, "", lang, with_sign=True)


def test_a_signed_quantity_keeps_its_hedge_and_unit():
    assert fmt.quantity(-380, "cases", 0, "about", with_sign=True) == "≈\u00a0\u2212380\u00a0cases"
    assert fmt.quantity(-28.2, "%", 1, "", "vi", with_sign=True) == "\u221228,2\u00a0%"


@pytest.mark.parametrize(("value", "lang", "text"), [
    ("2024-07-17", "en", "17 Jul 2024"),
    ("2024-07-17", "vi", "17/07/2024"),
    (dt.date(2025, 1, 5), "vi", "05/01/2025"),
    (dt.date(2025, 1, 5), "en", "5 Jan 2025"),
    ("", "en", ""),
    (None, "vi", ""),
])
def test_date_in_the_readers_language(value, lang, text):
    assert fmt.date(value, lang) == text


# ---- inert text ---------------------------------------------------------------------------------------


HOSTILE = ["<b>bold</b>", "<script>alert(1)</script>", "**strong** _em_", "[click](https://example.org)",
           "# heading", "a | b", "$x^2$", "`code`", "Tom & Jerry", "line\nbreak", "a\u202eevil"]


@pytest.mark.parametrize("text", HOSTILE)
def test_md_text_escapes_every_markup_character(text):
    escaped = fmt.md_text(text)
    unescaped = re.sub(r"\\(.)", "", escaped)
    assert not re.search(r"[<>*_\[\]()#|$`&]", unescaped), escaped
    assert "\n" not in escaped
    assert "\u202e" not in escaped and "202E" in fmt.md_text("a\u202eevil")


def test_md_text_keeps_the_words():
    assert re.sub(r"\\(.)", r"\1", fmt.md_text("Cẩm Phả (former) – 1,707 of 1,914")) == (
        "Cẩm Phả (former) – 1,707 of 1,914")


@pytest.mark.parametrize("text", HOSTILE)
def test_plot_text_is_never_markup_for_plotly(text):
    shown = fmt.plot_text(text)
    assert "<" not in shown and ">" not in shown
    assert shown.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&") == fmt.visible_controls(text)


def test_plot_text_escapes_an_ampersand_once():
    assert fmt.plot_text("A & B <i>") == "A &amp; B &lt;i&gt;"


def test_md_url_keeps_a_link_target_whole():
    url = "https://example.com/a b)c?x=1&y=(2)"
    quoted = fmt.md_url(url)
    assert " " not in quoted and ")" not in quoted.replace("%29", "")
    assert quoted.startswith("https://example.com/a%20b%29c?x=1&y=")


@pytest.mark.parametrize("url", ["https://baoquangninh.vn/tu-quan-antt-3372150.html",
                                 "http://www.example.org/a_b*c?x=1&y=[2]#top", "https://a.example/p:material/x:"])
def test_md_link_text_is_the_url_as_a_reader_copies_it(url):
    link = fmt.md_link(url)
    text, target = re.fullmatch(r"\[(.*)\]\((.*)\)", link).groups()
    shown = re.sub(r"\\(.)", r"\1", text)
    assert shown.replace(fmt.WORD_JOINER, "") == url and target == fmt.md_url(url)
    if ":material/" not in url:  # a Streamlit icon is still broken, as everywhere else
        assert fmt.WORD_JOINER not in shown, "nothing invisible inside a link a reader copies"
    assert not re.search(r"[<>*_\[\]()#|$`&]", re.sub(r"\\(.)", "", text)), "the text is inert Markdown"


def test_shortened_cuts_long_text_with_an_ellipsis():
    assert fmt.shortened("quang-ninh") == "quang-ninh"
    assert fmt.shortened("x" * 40) == "x" * 40
    cut = fmt.shortened("x" * 5000)
    assert len(cut) == 40 and cut == "x" * 39 + "…"


# ---- Vietnamese alphabetical order ---------------------------------------------------------------------


@pytest.mark.parametrize(("before", "after"), [
    ("Dương", "Đà Nẵng"),          # đ is a letter of its own, after d
    ("Anh", "Ăn"),                 # ă after a
    ("Ăn", "Ân"),                  # â after ă
    ("Bắc Ninh", "Cà Mau"),
    ("Ơn", "Pha"),                 # ơ after ô, before p
    ("Hà Giang", "Hải Dương"),     # a shorter word comes first: the space before any letter
    ("Hà Nội", "Hà Tĩnh"),
    ("Ba Vì", "Bạc Liêu"),
    ("Ha", "Hà"),                  # the same letters: no tone before a tone
    ("Hà", "Hả"),                  # tones in their order: grave, hook, tilde, acute, dot
    ("Hả", "Hã"), ("Hã", "Há"), ("Há", "Hạ"),
    ("Ut", "Ưa"),                  # ư after u
])
def test_vietnamese_sort_order(before, after):
    assert fmt.sort_key_vi(before) < fmt.sort_key_vi(after)
    assert sorted([after, before], key=fmt.sort_key_vi) == [before, after]


def test_vietnamese_sort_of_province_names():
    names = ["Hậu Giang", "Hải Phòng", "Hà Nội", "Đồng Nai", "Bắc Ninh", "Bà Rịa", "An Giang", "Điện Biên",
             "Hà Giang", "Cần Thơ", "Đà Nẵng", "Hải Dương"]
    assert sorted(names, key=fmt.sort_key_vi) == [
        "An Giang", "Bà Rịa", "Bắc Ninh", "Cần Thơ", "Đà Nẵng", "Điện Biên", "Đồng Nai", "Hà Giang", "Hà Nội",
        "Hải Dương", "Hải Phòng", "Hậu Giang"]


def test_vietnamese_sort_ignores_case():
    assert fmt.sort_key_vi("đà nẵng") == fmt.sort_key_vi("Đà Nẵng")


def test_nearly_is_said_in_words_not_as_about():
    """'nearly 53,000' is just under 53,000: '≈' (either side) would be another claim."""
    assert fmt.quantity(53000, "people", 0, "nearly") == "nearly 53,000\u00a0people"
    assert fmt.quantity(53000, "người", 0, "nearly", "vi") == "gần 53.000\u00a0người"
    assert fmt.quantity(98, "%", 0, "nearly") == "nearly 98\u00a0%"
