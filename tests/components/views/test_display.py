"""Figures made display-ready, on the small test catalogue: values as reported, citations, notes, names.

Expected values come from the catalogue (load_catalogue / figures_frame); only the words are checked by shape.
"""

from __future__ import annotations

import os
import re

import pandas as pd
import pytest
from dashboard_helpers import BUNDLED, SMALL, catalogue_of, frame_of, unplot

from components.catalogue import kinds
from components.catalogue.schema import Document
from components.table.index import build_index
from components.views import address, display, page_views, registry
from components.words import fmt
from components.words.i18n import t, written_decimals
from components.words.periods import reader_words, time_words

SIGNS = {"about": "≈", "more_than": ">", "less_than": "<", "at_least": "≥", "at_most": "≤"}


# ---- display words ---------------------------------------------------------------------------------------


def test_display_rows_value_as_reported(shown):
    catalogue = catalogue_of(SMALL)
    for row in shown.itertuples():
        metric = catalogue.metrics[row.metric_id]
        sign = SIGNS.get(row.qualifier)
        assert row.value_text.startswith(f"{sign}\u00a0") if sign else row.value_text[0].isdigit(), row.value_text
        assert re.sub(r"\D", "", row.value_text.split("\u00a0", 1 if sign else 0)[-1]) == f"{row.value:.0f}"
        assert row.value_text.endswith("%" if metric.kind == "percent" else metric.short_unit)
        assert row.metric_name == metric.label and row.unit_name == metric.unit


def test_display_rows_cite_source_and_time(shown):
    catalogue = catalogue_of(SMALL)
    for row in shown.itertuples():
        source = catalogue.sources[row.source_id]
        assert source.title in row.source_text
        assert (source.publisher or "publisher not named") in row.source_text
        assert fmt.date(row.time_sort) in row.time_text
        if row.period_start:
            assert fmt.date(row.period_start) in row.time_text


def test_fraction_text_gives_part_whole_and_both_rates(shown):
    fractions = shown[shown["denominator"].notna()]
    assert len(fractions)
    for row in fractions.itertuples():
        assert f"{row.value:,.0f}" in row.fraction_text and f"{row.denominator:,.0f}" in row.fraction_text
        assert f"(computed: {fmt.percent(100 * row.value / row.denominator)})" in row.fraction_text, \
            "a rate the product computes is never shown as reported"
        if not pd.isna(row.stated_rate):
            assert fmt.percent(row.stated_rate) in row.fraction_text
    assert (shown.loc[shown["denominator"].isna(), "fraction_text"] == "").all()


def test_former_places_are_labelled_as_such(shown):
    places = catalogue_of(SMALL).places
    for row in shown.itertuples():
        place = places[row.place_id]
        assert row.place_label.startswith(place.short_name)
        assert ("(former)" in row.place_label) == (place.status == "former")


def test_display_rows_in_vietnamese_use_translations_and_mark_the_rest(index):
    catalogue = index.catalogue
    rows = display.display_rows(index.frame, catalogue, "vi")
    for row in rows.itertuples():
        metric = catalogue.metrics[row.metric_id]
        if metric.label_vi:
            assert row.metric_name == metric.label_vi
        else:
            assert metric.label in row.metric_name
    bounded = rows[rows["date_is_bound"]]
    assert re.search(r"\d{2}/\d{2}/\d{4}", bounded["time_text"].iloc[0])


def test_display_rows_of_nothing_still_have_the_columns(index):
    empty = display.display_rows(index.frame.iloc[0:0], index.catalogue, "en")
    assert empty.empty and {"place_label", "value_text", "source_text", "time_text"} <= set(empty.columns)


def test_theme_colours_are_the_catalogues_or_one_per_theme(index):
    colours = display.theme_colors(index.catalogue)
    assert set(colours) == set(index.catalogue.themes)
    for theme_id, theme in index.catalogue.themes.items():
        if theme.color:
            assert colours[theme_id] == theme.color
    assert len(set(colours.values())) == len(colours)


# ---- notes and English names (issue 14) ------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_every_figure_note_reaches_its_display_row_in_the_readers_language(lang):
    catalogue = catalogue_of(BUNDLED)
    rows = display.display_rows(frame_of(BUNDLED), catalogue, lang).set_index("figure_id")
    noted = [f for f in catalogue.figures if f.note]
    assert len(noted) >= 14
    for figure in noted:
        expected = figure.note if lang == "en" else figure.note_vi
        assert rows.loc[figure.id, "note_text"] == expected, figure.id
    assert (rows["note_text"] == "").sum() == len(catalogue.figures) - len(noted)


def test_a_note_without_its_vietnamese_is_shown_in_english_marked_as_such():
    assert display.note_text("Paid by residents.", "", "vi") == "Paid by residents. (tiếng Anh)"
    assert display.note_text("Paid by residents.", None, "en") == "Paid by residents."
    assert display.note_text("", "x", "vi") == "" and display.note_text(float("nan"), None, "vi") == ""


def test_a_group_is_called_by_its_english_name_in_the_english_view_and_units_keep_theirs():
    catalogue = catalogue_of(BUNDLED)
    group = catalogue.places["emulation-cluster-4"]
    assert display.place_label(catalogue, group.id, "en") == group.name_en
    assert display.place_label(catalogue, group.id, "vi") == group.short_name
    assert display.place_label(catalogue, "quang-ninh", "en") == "Quảng Ninh"
    index = build_index(catalogue, frame_of(BUNDLED))
    (box,) = [b for b in page_views.province_page(index, "quang-ninh", "en").blocks if isinstance(b, page_views.Boxed)]
    assert group.name_en in box.heading and group.name not in box.heading


def test_page_bounds_cover_every_item_once_a_page_at_a_time():
    assert page_views.page_bounds(0, 5) == [(0, 0)]
    assert page_views.page_bounds(3, 5) == [(0, 3)]
    assert page_views.page_bounds(10, 5) == [(0, 5), (5, 10)]
    assert page_views.page_bounds(11, 5) == [(0, 5), (5, 10), (10, 11)]
    for count in range(0, 40):
        shown = [i for start, stop in page_views.page_bounds(count, 7) for i in range(start, stop)]
        assert shown == list(range(count))


def test_richest_is_the_first_of_the_most_figures():
    counts = {"a": 2, "b": 5, "c": 5, "d": 1}
    assert page_views.richest(list(counts), counts.__getitem__) == "b"
    assert page_views.richest([], counts.__getitem__) is None
    many = [f"w{i}" for i in range(5000)]  # a national catalogue's wards: linear, not quadratic
    assert page_views.richest(many, lambda w: int(w[1:]) % 7) == "w6"


def test_rows_of_gives_the_rows_itertuples_gives():
    """display rows are read row by row as named tuples; rows_of takes them column by column instead of through
    pandas' per-column .iloc, and must give the same tuples, field names and values."""
    frame = pd.DataFrame({"place_id": pd.array(["a", "b", None], dtype="string"), "value": [1.5, float("nan"), 3.0],
                          "count": [1, 2, 3], "when": pd.to_datetime(["2024-01-01", "2024-06-30", "2025-01-01"]),
                          "class": ["x", "y", "z"]}, index=[10, 11, 12])
    got, expected = display.rows_of(frame), list(frame.itertuples())
    assert [r._fields for r in got] == [r._fields for r in expected]
    assert repr(got) == repr(expected)
    assert display.rows_of(frame.iloc[:0]) == []
    twice = pd.DataFrame([[1, 2]], columns=["a", "a"])
    assert display.rows_of(twice) == list(twice.itertuples())


# ---- changes, other sources, documents, the dashboard's address (issue 35) -----------------------------------


def _changes():
    """The bundled catalogue's change figures (kind 'change' or 'change-percent') with the statement they come
    from."""
    catalogue = catalogue_of(BUNDLED)
    return [f for f in catalogue.figures if kinds.is_signed(catalogue.metrics[f.metric].kind)]


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_a_change_shows_its_sign_with_a_real_minus_and_what_it_is_compared_with(lang):
    catalogue = catalogue_of(BUNDLED)
    rows = display.display_rows(frame_of(BUNDLED), catalogue, lang).set_index("figure_id")
    changes = _changes()
    assert any(f.value < 0 for f in changes), "the catalogue holds falls (a rise: tests/components/words/test_fmt)"
    for figure in changes:
        row = rows.loc[figure.id]
        assert "-" not in row.value_text, row.value_text
        number = fmt.signed(figure.value, written_decimals(figure.value), lang)  # as printed
        assert number[:1] == ("\u2212" if figure.value < 0 else "+") and number in row.value_text, row.value_text
        compared = figure.change.compared_with
        period = time_words("", compared.start.isoformat(), compared.end.isoformat(), False, reader_words(lang))
        assert row.compared_text == t("compared_with", lang, period=period)
        assert row.time_text.endswith(row.compared_text), "its time says what it is measured against"
    others = rows[~rows.index.isin([f.id for f in changes])]
    assert (others["compared_text"] == "").all()
    assert not others["value_text"].str.startswith(("+", "\u2212")).any(), "a count has no sign"


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_a_figure_names_every_other_source_that_reports_it(lang):
    catalogue = catalogue_of(BUNDLED)
    rows = display.display_rows(frame_of(BUNDLED), catalogue, lang).set_index("figure_id")
    reported = [f for f in catalogue.figures if f.also_in]
    assert reported
    for figure in reported:
        text = rows.loc[figure.id, "also_in_text"]
        for other in figure.also_in:
            assert display.short_source(catalogue.sources[other.source], lang) in text, figure.id
        assert catalogue.sources[figure.source].title not in text, "the source it is cited from is not repeated"
    assert (rows.loc[~rows.index.isin([f.id for f in reported]), "also_in_text"] == "").all()


def test_documents_read_as_the_article_or_its_translation_in_a_named_language():
    catalogue = catalogue_of(BUNDLED)
    seed = next(s for s in catalogue.sources.values() if {d.language for d in s.documents} >= {"hi", "fr"})
    hindi, french = (next(d for d in seed.documents if d.language == code) for code in ("hi", "fr"))
    assert display.document_text(seed, hindi, "en") == "Hindi translation of the article"
    assert display.document_text(seed, french, "vi") == "bản dịch tiếng Pháp của bài báo"
    original = Document(file="x.txt", language=seed.language)
    assert display.document_text(seed, original, "en") == "the article in Vietnamese"
    assert display.document_text(seed, original, "vi") == "bài báo gốc bằng tiếng Việt"


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_an_unnamed_publisher_is_said_once(lang):
    catalogue = catalogue_of(BUNDLED)
    unnamed = next(s for s in catalogue.sources.values() if not s.publisher)
    named = next(s for s in catalogue.sources.values() if s.publisher)
    line = display.publisher_line(unnamed, lang)
    assert line == {"en": "Publisher: not named", "vi": "Cơ quan báo chí: không rõ"}[lang]
    assert display.publisher_line(named, lang) == f"{t('publisher', lang)}: {named.publisher}"


@pytest.fixture
def no_address(monkeypatch, tmp_path):
    """No address set: none in the environment, and no secrets file where Streamlit looks for one."""
    monkeypatch.delenv(address.ADDRESS_SETTING, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(address, "ROOT", tmp_path)
    return tmp_path


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_without_the_dashboards_address_a_footer_names_the_dashboard_only(no_address, lang):
    assert registry.page_address(lang, "province", "phu-tho") == ""
    assert display.credit_line(lang, registry.page_address(lang, "province", "phu-tho")) == t("app_title",
                                                                                                      lang)


def test_the_address_set_in_the_environment_makes_every_page_address_full(no_address, monkeypatch):
    monkeypatch.setenv(address.ADDRESS_SETTING, "https://antq.example.org/")
    assert registry.page_address("en", "province", "phu-tho") == \
        "https://antq.example.org/province?province=phu-tho"
    assert registry.page_address("vi", "overview") == "https://antq.example.org/?lang=vi", \
        "the default page is served at the root: /overview says 'Page not found'"
    assert display.credit_line("vi", registry.page_address("vi", "ward", "cam-thinh")) == (
        f"{t('app_title', 'vi')} · https://antq.example.org/ward?ward=cam-thinh&lang=vi")


def test_the_address_is_read_from_streamlits_secrets_file_when_the_environment_has_none(no_address):
    secrets = no_address / ".streamlit" / "secrets.toml"
    secrets.parent.mkdir()
    secrets.write_text('DASHBOARD_URL = "https://antq.example.org"\n', encoding="utf-8")
    assert address.dashboard_url() == "https://antq.example.org"
    secrets.write_text('DASHBOARD_URL = "https://other.example.org"\nX = 1\n', encoding="utf-8")
    os.utime(secrets, ns=(1, 1))  # a new modification time, as an edit gives it
    assert address.dashboard_url() == "https://other.example.org", "an edit is read again"
    secrets.write_text("not toml [", encoding="utf-8")
    os.utime(secrets, ns=(2, 2))
    assert address.dashboard_url() == "", "a broken secrets file gives no address, not an error"


@pytest.mark.parametrize("value", ["antq.streamlit.app", "ftp://antq.example.org", "https://", "https://a.org/?x=1"])
def test_a_setting_that_is_not_an_address_is_explained_and_left_out(no_address, monkeypatch, value):
    monkeypatch.setenv(address.ADDRESS_SETTING, value)
    assert address.dashboard_url() == "" and registry.page_address("en", "overview") == ""
    problem = address.address_problem(value)
    assert address.ADDRESS_SETTING in problem and value in problem and "https://" in problem
    assert address.address_problem(value, "vi") != problem


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_every_chart_footer_of_a_province_ends_with_its_full_address(no_address, monkeypatch, lang):
    monkeypatch.setenv(address.ADDRESS_SETTING, "https://antq.example.org")
    index = build_index(catalogue_of(BUNDLED), frame_of(BUNDLED))
    province = "phu-tho"
    page = page_views.province_page(index, province, lang)
    assert page.charts
    query = f"province={province}" + ("" if lang == "en" else f"&lang={lang}")
    for chart in page.charts:
        (footer,) = [unplot(a.text) for a in chart.figure.layout.annotations if a.name == "source-footer"]
        assert footer.endswith(f"https://antq.example.org/province?{query}"), footer
