"""The dashboard in AppTest: every page of both catalogues runs, and what it plots and tiles is the catalogue's.

Two catalogues: the bundled metrics.yaml and tests/data/small (other places, synthetic values). Every expected
value is read from the catalogue (load_catalogue / figures_frame), never written here.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
from dashboard_helpers import (
    BUNDLED,
    CATALOGUES,
    MEASURE,
    OVERVIEW,
    PROVINCE,
    QUALITY,
    SMALL,
    SOURCES,
    WARD,
    Chart,
    catalogue_of,
    chart_named,
    charts,
    figure_tables,
    fixed_sample,
    frame_of,
    hover_texts,
    ids_of_level,
    no_problem,
    run_page,
    sampled_ids_of_level,
    texts,
    tiles,
    unmd,
)

from components.views import charts as charts_module
from components.views import display, page_views
from components.words import fmt
from components.words.i18n import LANGUAGES, localized, t, written_decimals

SIGNS = {"about": "≈", "more_than": ">", "less_than": "<", "at_least": "≥", "at_most": "≤"}
MAX_BARS = 25  # more places than this in one comparison and only the largest are drawn
LABELS = {"province": "province", "ward": "ward", "metric": "map_metric"}  # query parameter -> its selectbox
LINKED = [(PROVINCE, "province", "select-province", "province"), (WARD, "ward", "select-ward", "ward"),
          (OVERVIEW, "metric", "select-metric", "map_metric"), (MEASURE, "metric", "select-measure", "measure_metric")]


@pytest.fixture(params=sorted(CATALOGUES))
def catalogue_path(request, monkeypatch) -> Path:
    """Each catalogue in turn: the bundled one as a first-time user gets it (no METRICS_FILE), the small one
    through METRICS_FILE."""
    path = CATALOGUES[request.param]
    if path == BUNDLED:
        monkeypatch.delenv("METRICS_FILE", raising=False)
    else:
        monkeypatch.setenv("METRICS_FILE", str(path))
    return path


def use(monkeypatch, path: Path) -> Path:
    monkeypatch.setenv("METRICS_FILE", str(path))
    return path


def place_pages(level: str) -> list:
    return [pytest.param(path, place_id, id=f"{name}-{place_id}")
            for name, path in sorted(CATALOGUES.items()) for place_id in sampled_ids_of_level(path, level)]


# ---- what the catalogue says a page must show ----------------------------------------------------------


def rows_of(path: Path, place_ids) -> pd.DataFrame:
    frame = frame_of(path)
    return frame[frame["place_id"].isin(list(place_ids))]


def subtree(path: Path, place_id: str) -> list[str]:
    places = catalogue_of(path).places
    found, changed = {place_id}, True
    while changed:
        changed = False
        for place in places.values():
            if place.parent in found and place.id not in found:
                found.add(place.id)
                changed = True
    return sorted(found)


def ancestors(path: Path, place_id: str) -> list[str]:
    places, chain = catalogue_of(path).places, []
    parent = places[place_id].parent
    while parent:
        chain.append(parent)
        parent = places[parent].parent
    return chain


def province_of(path: Path, place_id: str) -> str | None:
    places = catalogue_of(path).places
    return next((p for p in ancestors(path, place_id) if places[p].level == "province"), None)


def groups_of(path: Path, province_id: str) -> list[str]:
    return [p.id for p in catalogue_of(path).places.values() if p.level == "group" and province_id in p.members]


def rate(row) -> float:
    return 100.0 * row.value / row.denominator


def is_population(path: Path, metric_id: str) -> bool:
    return catalogue_of(path).metrics[metric_id].population


def fraction_rows(rows: pd.DataFrame) -> pd.DataFrame:
    return rows[rows["denominator"].notna() & (rows["denominator"] > 0) & ~rows["metric_coverage"]]


def coverage_share(row) -> float | None:
    if row.metric_kind == "percent":
        return row.value
    return rate(row) if not pd.isna(row.denominator) and row.denominator else None


def expected_shares(path: Path, ward_id: str) -> dict[str, list[float]]:
    """Ward figure id -> its share (%) of the same metric and period at each place above it."""
    found: dict[str, list[float]] = {}
    for row in rows_of(path, [ward_id]).itertuples():
        if row.metric_kind == "percent":
            continue
        for above in ancestors(path, ward_id):
            same = rows_of(path, [above])
            same = same[(same["metric_id"] == row.metric_id) & (same["time_key"] == row.time_key)]
            if len(same) and same.iloc[0]["value"]:
                found.setdefault(row.figure_id, []).append(100.0 * row.value / same.iloc[0]["value"])
    return found


def expected_per_thousand(path: Path, ward_id: str) -> dict[str, float]:
    rows = rows_of(path, [ward_id])
    found = {}
    for people in rows[[is_population(path, m) for m in rows["metric_id"]]].itertuples():
        for row in rows[(rows["time_key"] == people.time_key) & (rows["metric_kind"] == "count")].itertuples():
            if not is_population(path, row.metric_id) and people.value:
                found[row.figure_id] = 1000.0 * row.value / people.value
    return found


# ---- checks shared by the page tests -------------------------------------------------------------------


def assert_cites(chart: Chart, path: Path, figure_ids) -> None:
    """The footer inside the figure names the publisher and title of every figure's source, the period of each
    figure is said in the title, subtitle or its bar's label, and every bar's hover carries its value, period
    and source."""
    catalogue, frame = catalogue_of(path), frame_of(path)
    said = " ".join([chart.title, chart.subtitle, *chart.bar_labels, chart.footer])
    for figure_id in figure_ids:
        row = frame[frame["figure_id"] == figure_id].iloc[0]
        source = catalogue.sources[row.source_id]
        if source.title not in chart.footer:  # past the first few sources the footer counts the rest
            cited = {frame[frame["figure_id"] == f].iloc[0].source_id for f in figure_ids}
            unnamed = len(cited) - display.MAX_NAMED_SOURCES
            assert unnamed > 0 and fmt.number(unnamed, 0) + " more" in chart.footer, (chart.title, source.title)
            continue
        assert (source.publisher or "publisher not named") in chart.footer, (chart.title, source.publisher)
        assert fmt.date(row.time_sort) in said, (chart.title, row.time_sort)
    for trace in chart.traces_with_ids():
        for hover in hover_texts(trace):
            label, value, period, source = hover.split("<br>")[:4]  # then the figure's note, if any
            assert label.strip("<b/>") and value and period.partition(": ")[2] and source.partition(": ")[2], hover


def assert_self_explaining(chart: Chart, page_slug: str, *, axis: bool = True) -> None:
    """Title, value axis title, footer, and a modebar PNG named after page and chart at twice the size."""
    assert chart.title.strip(), chart.spec["layout"].get("title")
    if axis:
        assert chart.layout["xaxis"]["title"]["text"].strip(), f"'{chart.title}' has no axis title"
    assert chart.footer.strip()
    options = chart.config["toImageButtonOptions"]
    assert options["scale"] == 2 and options["format"] == "png"
    assert chart.filename.startswith(f"{page_slug}-") and len(chart.filename) > len(page_slug) + 1


def chart_slug(chart: Chart, page_slug: str) -> str:
    return chart.filename.removeprefix(f"{page_slug}-")


def assert_tiles_are_figures(page_tiles, path: Path, candidates: pd.DataFrame, at=None) -> None:
    """Each tile shows one figure of `candidates` as reported (sign, digits) with its period, under its source
    (named once above the tiles it heads, in `at`'s text when given)."""
    catalogue = catalogue_of(path)
    shown = " ".join(texts(at.markdown) + texts(at.caption)) if at is not None else ""
    for tile in page_tiles:
        matches = []
        for row in candidates[candidates["metric_label"] == tile.label].itertuples():
            place = catalogue.places[row.place_id]
            named = english_name(place) in tile.help or english_name(place, short=False) in tile.help
            if named and shows_value(tile.value, row):
                matches.append(row)
        assert matches, f"tile {tile} shows no figure of the catalogue"
        if at is not None:  # one of them (two sources may report the same value of one place) as cited
            assert any(catalogue.sources[row.source_id].title in tile.source + shown
                       and fmt.date(row.time_sort) in tile.caption + tile.source + shown for row in matches), tile


def english_name(place, short: bool = True) -> str:
    """What the English view calls a place: its English name where it has one (a group), else its own."""
    return place.name_en or (place.short_name if short else place.name)


def shows_value(text: str, row) -> bool:
    """'≈ 53,000' for 53000 'about'; '100 %' for a percent; digits as reported, the qualifier's sign first."""
    sign = SIGNS.get(row.qualifier or "")
    if sign and not text.startswith(f"{sign}\u00a0"):  # a space a line never breaks at
        return False
    if not sign and text[:1] in SIGNS.values():
        return False
    digits = f"{abs(row.value):.{written_decimals(row.value)}f}".replace(".", "")
    negative = "-" in text or "\u2212" in text  # a fall, as a change states it
    return re.sub(r"\D", "", text) == digits and negative == (row.value < 0)


# ---- every page of every catalogue runs ----------------------------------------------------------------


@pytest.mark.parametrize("page", [OVERVIEW, SOURCES, QUALITY])
def test_catalogue_pages_run(catalogue_path, page):
    at = run_page(page)
    no_problem(at)
    assert at.title, "the page has no title"


@pytest.mark.parametrize("page", [OVERVIEW, PROVINCE, WARD, SOURCES, QUALITY])
def test_pages_run_in_vietnamese(catalogue_path, page):
    """?lang=vi: every page runs, dates read dd/mm/yyyy in the tiles and the chart footers."""
    at = run_page(page, lang="vi")
    no_problem(at)
    assert at.query_params["lang"] == "vi"
    for tile in tiles(at):
        if not re.search(r"\d{2}/\d{2}/\d{4}", tile.caption):
            assert not re.search(r"[A-Z][a-z]{2} \d{4}", tile.caption), tile.caption
    for chart in charts(at):
        assert re.search(r"\d{2}/\d{2}/\d{4}", chart.footer), chart.footer


def title_of(path: Path, place_id: str) -> str:
    place = catalogue_of(path).places[place_id]
    return f"{place.name} (former)" if place.status == "former" else place.name


def assert_over_time(chart: Chart, path: Path, page_slug: str) -> dict[str, list[float]]:
    """One place's figures of one metric for two or more times, each drawn alone: a point per figure (at a
    stock's date or a period's end), a line per period at its value, and no line from one figure to another."""
    frame = frame_of(path).set_index("figure_id")
    assert_self_explaining(chart, page_slug, axis=False)
    (points,) = chart.traces_with_ids()
    assert "lines" not in points["mode"], "figures of different times are never joined"
    chosen = frame.loc[list(points["ids"])]
    assert chosen["place_id"].nunique() == 1 and chosen["metric_id"].nunique() == 1, chart.title
    assert chosen["time_key"].nunique() >= 2, chart.title
    lines = [trace for trace in chart.spec["data"] if not trace.get("ids")]
    assert len(lines) == int((chosen["period_start"] != "").sum())
    assert all(len(line["x"]) == 2 and line["y"][0] == line["y"][1] for line in lines)
    catalogue = catalogue_of(path)
    for source_id in dict.fromkeys(chosen["source_id"]):
        source = catalogue.sources[source_id]
        assert (source.publisher or "publisher not named") in chart.footer, (chart.title, source.publisher)
    return {figure_id: [value] for figure_id, value in zip(points["ids"], points["y"], strict=True)}


def assert_honest(chart: Chart, path: Path, page_slug: str) -> dict[str, list[float]]:
    """A chart compares peers (one metric, one level, none inside another, one period unless it says they
    differ) or draws parts inside their whole; it has at least two values; it explains itself."""
    frame = frame_of(path).set_index("figure_id")
    slug = chart_slug(chart, page_slug)
    if slug.startswith("over-time-"):
        return assert_over_time(chart, path, page_slug)
    assert_self_explaining(chart, page_slug)
    drawn = chart.bar_values()
    assert len(drawn) >= 2, f"'{chart.title}' draws {len(drawn)} value: a lone figure is a card"
    assert_cites(chart, path, drawn)
    chosen = frame.loc[list(drawn)]
    assert chosen["metric_id"].nunique() == 1, chart.title
    places = list(chosen["place_id"])
    if slug.startswith("compare-"):
        assert chosen["place_level"].nunique() == 1, chart.title
        for place in places:
            assert not set(ancestors(path, place)) & set(places), f"'{chart.title}' puts a place beside its own"
        if chosen["time_key"].nunique() > 1:
            assert "periods differ" in chart.subtitle
    else:
        assert slug.startswith("within-"), slug
        assert chosen["time_key"].nunique() == 1, chart.title
        whole = [p for p in places if all(p in ancestors(path, q) for q in places if q != p)]
        assert len(whole) == 1, f"'{chart.title}' is not parts inside one whole"
        assert catalogue_of(path).places[whole[0]].name in chart.title
    return drawn


@pytest.mark.parametrize(("path", "province_id"), place_pages("province"))
def test_every_province_page(monkeypatch, path, province_id):
    use(monkeypatch, path)
    at = run_page(PROVINCE, province=province_id)
    no_problem(at)
    place = catalogue_of(path).places[province_id]
    assert at.selectbox(key="select-province").value == province_id
    assert at.query_params["province"] == province_id
    assert unmd(at.title[0].value) == title_of(path, province_id)
    links = [link.proto.query_string for link in at.get("page_link")]
    if place.status == "former":
        assert at.warning, "a former province says so"
        if place.successor:
            assert f"province={place.successor}" in links
    page_slug = f"province-{province_id}"
    rows = rows_of(path, subtree(path, province_id))
    groups = groups_of(path, province_id)
    charted: set[str] = set()
    for chart in charts(at):
        charted |= set(assert_honest(chart, path, page_slug))
    assert charted <= set(rows["figure_id"])
    page_tiles = tiles(at)
    everything = rows_of(path, [*subtree(path, province_id), *groups])
    assert_tiles_are_figures(page_tiles, path, everything, at)
    assert len(page_tiles) + len(charted - set(rows_of(path, [province_id])["figure_id"])) >= len(everything), \
        "every figure of the view is cited on a card or drawn"
    if rows.empty and not groups:
        predecessors = [p.id for p in catalogue_of(path).places.values() if p.successor == province_id]
        assert at.info or any(f"province={p}" in links for p in predecessors)


@pytest.mark.parametrize(("path", "ward_id"), place_pages("ward"))
def test_every_ward_page(monkeypatch, path, ward_id):
    use(monkeypatch, path)
    at = run_page(WARD, ward=ward_id)
    no_problem(at)
    place = catalogue_of(path).places[ward_id]
    assert at.selectbox(key="select-ward").value == ward_id
    assert at.query_params["ward"] == ward_id
    assert unmd(at.title[0].value) == title_of(path, ward_id)
    links = [link.proto.query_string for link in at.get("page_link")]
    if place.status == "former":
        assert at.warning, "a former ward says so"
        assert f"ward={place.successor}" in links, "a former ward links to its successor"
    for predecessor in [p for p in catalogue_of(path).places.values() if p.successor == ward_id]:
        assert f"ward={predecessor.id}" in links, "a ward links to the units it was formed from"
    page_slug = f"ward-{ward_id}"
    rows = rows_of(path, [ward_id])
    for chart in charts(at):
        drawn = assert_honest(chart, path, page_slug)
        assert set(drawn) & set(rows["figure_id"]), "a ward's chart shows the ward"
    # the ward's own cards stand outside the boxes that show the figures of the places above it, as theirs
    page_tiles = [tile for tile in tiles(at) if "per 1,000" not in tile.label and not tile.headers]
    assert len(page_tiles) == len(rows), "one card per figure of the ward"
    assert_tiles_are_figures(page_tiles, path, rows, at)
    above = ancestors(path, ward_id)
    above_tiles = [tile for tile in tiles(at) if tile.headers]
    assert len(above_tiles) == len(rows_of(path, above)), "one card per figure of the places above it"
    assert_tiles_are_figures(above_tiles, path, rows_of(path, above), at)
    per_resident = [tile for tile in tiles(at) if "per 1,000" in tile.label]
    for tile in per_resident:
        assert "population" in tile.caption, "a per-resident value names its base"


def test_overview_counts_and_charts(catalogue_path):
    at = run_page(OVERVIEW)
    no_problem(at)
    catalogue, frame = catalogue_of(catalogue_path), frame_of(catalogue_path)
    places = catalogue.places  # a former province counts as the current one that took it over
    provinces = {places[p].successor or p for p in frame["province_id"] if p}
    # one line says what the catalogue holds, before the map's controls
    (holds,) = [text for text in texts(at.markdown) if "The catalogue holds" in text]
    for said in (f"{len(frame):,} figure", f"{len(catalogue.sources):,} source", f"{len(provinces)} province",
                 f"{frame['place_id'].nunique()} place"):
        assert said in holds, (said, holds)

    latest = [tile for tile in tiles(at) if not tile.headers]
    assert len(latest) == frame["metric_theme"].nunique(), "one latest figure per theme"
    assert_tiles_are_figures(latest, catalogue_path, frame)
    for theme_id in frame["metric_theme"].unique():
        newest = frame.loc[frame["metric_theme"] == theme_id, "time_sort"].max()
        # on the card, or in its source's citation above it ("published between … and …")
        assert any(fmt.date(newest) in tile.caption + tile.source for tile in latest) or fmt.date(newest) in " ".join(
            texts(at.caption) + texts(at.markdown))

    # coverage, not a count of catalogue entries: how many provinces have figures on each theme
    coverage = chart_named(at, "overview-coverage-by-theme")
    assert_self_explaining(coverage, "overview")
    by_theme = frame.assign(province=[places[p].successor or p if p else "" for p in frame["province_id"]])
    by_theme = by_theme[by_theme["province"] != ""]
    per_theme = by_theme.groupby("metric_theme")["province"].nunique().to_dict()
    assert {k: v[0] for k, v in coverage.bar_values().items()} == per_theme
    assert "Coverage" in coverage.title and "not how often" in coverage.subtitle
    named = [catalogue.sources[s].title for s in frame["source_id"].unique()]
    assert named[0] in coverage.footer

    timeline = chart_named(at, "overview-reporting-periods")
    assert_self_explaining(timeline, "overview", axis=False)  # dates need no "date" title
    assert not timeline.layout["xaxis"].get("title", {}).get("text")
    lines = [trace for trace in timeline.spec["data"] if trace.get("type") == "scatter"]
    assert len(lines) == frame["source_id"].nunique()
    for source_id in frame["source_id"].unique():
        assert any(catalogue.sources[source_id].title in label for label in timeline.bar_labels)
    assert fmt.date(frame["time_sort"].max()) in timeline.subtitle


def map_metrics(path: Path) -> list[str]:
    """Metrics with figures at places with coordinates whose values are never below zero (a change is not an
    area)."""
    frame = frame_of(path)
    located = frame[frame["lat"].notna() & ~frame["metric_kind"].str.startswith("change")]
    return list(dict.fromkeys(located["metric_id"]))


@pytest.mark.parametrize(("path", "metric_id"), [
    pytest.param(path, metric_id, id=f"{name}-{metric_id}")
    for name, path in sorted(CATALOGUES.items()) for metric_id in map_metrics(path)[:4]])
def test_metric_in_link_sizes_the_map(monkeypatch, path, metric_id):
    use(monkeypatch, path)
    at = run_page(OVERVIEW, metric=metric_id)
    no_problem(at)
    assert at.selectbox(key="select-metric").value == metric_id
    chart = chart_named(at, "overview-map")
    assert_self_explaining(chart, "overview", axis=False)
    assert catalogue_of(path).metrics[metric_id].label in chart.title
    frame = frame_of(path)
    located = frame[frame["lat"].notna() & (frame["metric_id"] == metric_id)]
    latest = located.sort_values("time_sort", kind="stable").drop_duplicates("place_id", keep="last")
    # one level at a time: the largest level with three places or more opens the map, else the one with most
    per_level = latest["place_level"].value_counts()
    order = ["province", "district", "ward"]
    enough = [lv for lv in order if per_level.get(lv, 0) >= 3]
    level = enough[0] if enough else min(per_level.index, key=lambda lv: (-per_level[lv], order.index(lv)))
    latest = latest[latest["place_level"] == level]
    assert at.selectbox(key="select-level").value == level
    (sized,) = chart.traces_with_ids()
    drawn = dict(zip(sized["ids"], sized["marker"]["size"], strict=True))
    assert set(drawn) == set(latest["figure_id"])
    # circle area follows the value: the biggest figure has the biggest circle, the order is the same
    by_value = latest.sort_values("value", kind="stable")["figure_id"].tolist()
    assert [drawn[f] for f in by_value] == sorted(drawn[f] for f in by_value)
    assert_cites(chart, path, latest["figure_id"])


def test_choosing_the_map_metric_updates_the_link(monkeypatch):
    use(monkeypatch, SMALL)
    at = run_page(OVERVIEW)
    first, second = map_metrics(SMALL)[:2]
    assert at.query_params.get("metric") in (None, first)
    at.selectbox(key="select-metric").set_value(second).run()
    no_problem(at)
    assert at.query_params["metric"] == second
    assert catalogue_of(SMALL).metrics[second].label in chart_named(at, "overview-map").title


# ---- selections live in the URL -------------------------------------------------------------------------


@pytest.mark.parametrize(("page", "param", "level"), [(PROVINCE, "province", "province"), (WARD, "ward", "ward")])
def test_choosing_a_place_updates_link_and_charts(monkeypatch, page, param, level):
    use(monkeypatch, SMALL)
    with_figures = [p for p in ids_of_level(SMALL, level) if len(rows_of(SMALL, subtree(SMALL, p)))]
    if level == "ward":  # the ward selector lists the wards of one province: two of the same one
        province = {w: province_of(SMALL, w) for w in with_figures}
        with_figures = [w for w in with_figures if list(province.values()).count(province[w]) > 1]
    first, second = with_figures[:2]
    at = run_page(page, **{param: first})
    before = tiles(at)
    at.selectbox(key=f"select-{param}").set_value(second).run()
    no_problem(at)
    assert at.query_params[param] == second
    assert unmd(at.title[0].value) == title_of(SMALL, second)
    after = tiles(at)
    assert after and after != before
    assert all(c.filename.startswith(f"{param}-{second}-") for c in charts(at))
    shown = {t.help.split(" — ")[1].split(". ")[0] for t in after}
    names = {catalogue_of(SMALL).places[p].name for p in subtree(SMALL, second)}  # as chart titles name them
    assert shown & {n for name in names for n in (name, f"{name} (former)")}, "the cards show the chosen place's"


@pytest.mark.parametrize("path", [BUNDLED, SMALL], ids=["bundled", "small"])
def test_the_ward_page_picks_a_province_then_one_of_its_wards(monkeypatch, path):
    """A nation has thousands of wards: the ward selector lists the wards of the province chosen beside it.
    Picking another province opens its ward with most figures (in the link too); a link to a ward of another
    province moves the province selector with it."""
    from components.table.index import build_index
    from components.views import selections

    use(monkeypatch, path)
    index = build_index(catalogue_of(path), frame_of(path))
    wards = selections.ward_ids(index)  # the selector's order (the first of equals opens)
    assert sorted(wards) == sorted(ids_of_level(path, "ward"))
    figures = {w: len(rows_of(path, [w])) for w in wards}
    in_province = lambda province: [w for w in wards if province_of(path, w) == province]  # noqa: E731
    provinces = list(dict.fromkeys(province_of(path, w) for w in wards))
    assert len(provinces) > 1, "the catalogue has wards in more than one province"
    at = run_page(WARD)
    no_problem(at)
    shown, province = at.selectbox(key="select-ward").value, at.selectbox(key="ward-province").value
    assert province == province_of(path, shown)
    options = page_views.place_choices(index, "ward", "en")
    assert at.selectbox(key="select-ward").options == [options[w] for w in in_province(province)]
    other = next(p for p in provinces if p != province)
    at.selectbox(key="ward-province").set_value(other).run()
    no_problem(at)
    richest = max(in_province(other), key=lambda w: (figures[w], -wards.index(w)))
    assert at.selectbox(key="select-ward").value == richest
    assert at.query_params["ward"] == richest
    assert unmd(at.title[0].value) == title_of(path, richest)
    at.query_params["ward"] = shown  # a link back to the first ward
    at.run()
    no_problem(at)
    assert (at.selectbox(key="ward-province").value, at.selectbox(key="select-ward").value) == (province, shown)
    assert unmd(at.title[0].value) == title_of(path, shown)


@pytest.mark.parametrize(("page", "param", "key", "label"), LINKED, ids=[row[2] for row in LINKED])
@pytest.mark.parametrize("wanted", ["no-such-place", "[click](https://example.org) **<b>x</b>**"])
def test_unknown_id_in_link_gives_notice_and_default(catalogue_path, page, param, key, label, wanted):
    at = run_page(page, **{param: wanted})
    no_problem(at)
    notices = [notice.value for notice in at.info]
    quoted = t("unknown_in_link", "en", value=fmt.md_text(fmt.shortened(wanted)), what=t(label, "en"))
    assert quoted in notices, "the id is quoted as typed (its first 40 characters), never as markup, by the page"
    chosen = at.selectbox(key=key).value
    assert chosen != wanted
    assert at.query_params[param] == chosen, "the link now names what is shown"
    if param != "metric":
        shown = subtree(catalogue_path, chosen) + (groups_of(catalogue_path, chosen) if param == "province" else [])
        assert len(rows_of(catalogue_path, shown)), "the default view has figures"
        assert tiles(at), "the default view shows them"
        level = "province" if param == "province" else "ward"
        richest = max(len(rows_of(catalogue_path, subtree(catalogue_path, p))) for p in ids_of_level(catalogue_path,
                                                                                                       level))
        assert len(rows_of(catalogue_path, subtree(catalogue_path, chosen))) == richest or param == "province", \
            "the default is the richest view"


@pytest.mark.parametrize("lang", list(LANGUAGES))
@pytest.mark.parametrize(("page", "param", "key", "label"), LINKED, ids=[row[2] for row in LINKED])
def test_a_very_long_unknown_id_is_quoted_short(monkeypatch, page, param, key, label, lang):
    """A 5,000-character id in a link is quoted by its first characters and an ellipsis, not whole."""
    use(monkeypatch, BUNDLED)
    wanted = "x" * 5000
    at = run_page(page, lang=lang, **{param: wanted})
    no_problem(at)
    notices = [notice.value for notice in at.info if "xxx" in notice.value]
    assert len(notices) == 1
    expected = t("unknown_in_link", lang, value=fmt.md_text("x" * 39 + "…"), what=t(label, lang))
    assert notices[0] == expected
    assert len(notices[0]) < len(t("unknown_in_link", lang, value="", what=t(label, lang))) + 41


def test_a_ward_id_on_the_province_page_is_unknown_there(monkeypatch):
    use(monkeypatch, SMALL)
    ward_id = ids_of_level(SMALL, "ward")[0]
    at = run_page(PROVINCE, province=ward_id)
    no_problem(at)
    assert any(ward_id in notice for notice in texts(at.info))
    assert at.selectbox(key="select-province").value in ids_of_level(SMALL, "province")


# ---- KPI tiles --------------------------------------------------------------------------------------------


def qualified_figures() -> list:
    found = []
    for name, path in sorted(CATALOGUES.items()):
        places = catalogue_of(path).places
        rows = [row for row in frame_of(path).itertuples()
                if row.qualifier and row.place_level in ("ward", "province", "group")]
        assert all(places[row.place_id].members for row in rows if row.place_level == "group")
        found += [pytest.param(path, figure_id, id=f"{name}-{figure_id}")
                  for figure_id in fixed_sample(row.figure_id for row in rows)]
    return found


@pytest.mark.parametrize(("path", "figure_id"), qualified_figures())
def test_tiles_show_approximate_values_as_such(monkeypatch, path, figure_id):
    use(monkeypatch, path)
    row = frame_of(path).set_index("figure_id").loc[figure_id]
    place = catalogue_of(path).places[row.place_id]
    if place.level == "ward":
        at = run_page(WARD, ward=place.id)
    else:
        at = run_page(PROVINCE, province=place.members[0] if place.level == "group" else place.id)
    no_problem(at)
    shown = [t for t in tiles(at) if t.label == row.metric_label
             and (english_name(place) in t.help or english_name(place, short=False) in t.help)]
    digits = f"{row.value:.{written_decimals(row.value)}f}".replace(".", "")
    shown = [t for t in shown if re.sub(r"\D", "", t.value) == digits]  # the place may have several of the metric
    assert shown, f"no tile for {figure_id}"
    sign = "nearly" if row.qualifier == "nearly" else SIGNS[row.qualifier]  # just under: said in words
    assert shown[0].value.startswith((f"{sign} ", f"{sign}\u00a0")), shown[0].value


def test_tiles_in_vietnamese_group_digits_with_dots(monkeypatch):
    use(monkeypatch, SMALL)
    frame = frame_of(SMALL)
    row = frame[(frame["place_level"] == "ward") & (frame["value"] >= 1000)].iloc[0]
    at = run_page(WARD, ward=row.place_id, lang="vi")
    no_problem(at)
    grouped = f"{int(row.value):,}".replace(",", ".")
    assert any(grouped in t.value for t in tiles(at)), [t.value for t in tiles(at)]
    assert at.query_params["lang"] == "vi"


# ---- groups of provinces ----------------------------------------------------------------------------------


def group_members() -> list:
    return [pytest.param(path, group.id, member, id=f"{name}-{group.id}-{member}")
            for name, path in sorted(CATALOGUES.items())
            for group in catalogue_of(path).places.values() if group.level == "group"
            for member in group.members[:2]]


@pytest.mark.parametrize(("path", "group_id", "province_id"), group_members())
def test_group_figures_are_the_groups_not_the_provinces(monkeypatch, path, group_id, province_id):
    use(monkeypatch, path)
    at = run_page(PROVINCE, province=province_id)
    no_problem(at)
    group, province = catalogue_of(path).places[group_id], catalogue_of(path).places[province_id]
    group_rows = rows_of(path, [group_id])
    in_box = [t for t in tiles(at) if any(english_name(group, short=False) in header for header in t.headers)]
    elsewhere = [t for t in tiles(at) if not t.headers]
    assert sorted((t.label, t.value) for t in in_box) == sorted(
        (t.label, t.value) for t in tiles(at) if english_name(group, short=False) in t.help)  # as titles name it
    assert len(in_box) == len(group_rows), "every figure of the group is shown in the group's box"
    assert_tiles_are_figures(in_box, path, group_rows)
    for tile in in_box:
        assert english_name(group, short=False) in tile.caption and province.short_name not in tile.help
    assert_tiles_are_figures(elsewhere, path, rows_of(path, subtree(path, province_id)))

    for chart in charts(at):  # a group's totals are never drawn beside a province's own figures
        assert not set(chart.bar_values()) & set(group_rows["figure_id"]), chart.title


# ---- sources and data quality -----------------------------------------------------------------------------


def test_sources_page_lists_every_source_with_its_link_and_figures(catalogue_path):
    at = run_page(SOURCES)
    no_problem(at)
    catalogue, frame = catalogue_of(catalogue_path), frame_of(catalogue_path)
    shown = list(catalogue.sources.values())[:page_views.SOURCES_PER_PAGE]  # the first page of the pager
    assert texts(at.header) == [source.title for source in shown]
    markdown = " ".join(m.value for m in at.markdown)
    targets = re.findall(r"\]\((\S+?)\)", markdown)
    urls = [s.url for s in shown if s.url]
    assert targets == urls
    assert all(re.match(r"https?://[^/\s]+", url) for url in targets)
    for source in shown:
        if source.publisher:
            assert source.publisher in unmd(markdown)
    tables = [len(table) for table in figure_tables(at)]
    per_source = [int((frame["source_id"] == source.id).sum()) for source in shown]
    assert tables == [count for count in per_source if count], "each source's table lists its figures"


def link_target(path: Path, place_id: str) -> str:
    places = catalogue_of(path).places
    place = places[place_id]
    if place.level == "ward":
        return f"ward={place_id}"
    if place.level == "group":
        return f"province={place.members[0]}"
    province = next(p for p in [place_id, *ancestors(path, place_id)] if places[p].level == "province")
    return f"province={province}"


def test_data_quality_lists_findings_with_links_to_figures(catalogue_path):
    at = run_page(QUALITY)
    no_problem(at)
    catalogue, frame = catalogue_of(catalogue_path), frame_of(catalogue_path)
    warnings = [f for f in catalogue.findings if not f.is_error]
    assert warnings, "both catalogues hold a rate that disagrees with its fraction"
    # readers get what the finding means for them; curators the validator's message and where it points
    assert texts(at.warning) == [f.for_readers("en") for f in warnings]
    assert all(f.message in texts(at.expander[i].markdown) for i, f in enumerate(warnings))
    places = dict(zip(frame["figure_id"], frame["place_id"], strict=True))
    expected = [link_target(catalogue_path, places[fid]) for f in warnings for fid in f.figures]
    links = at.get("page_link")
    assert [link.proto.query_string for link in links] == expected
    figures = frame.set_index("figure_id")
    labels = [catalogue.metrics[figures.loc[fid, "metric_id"]].label for f in warnings for fid in f.figures]
    assert all(label in link.proto.label for label, link in zip(labels, links, strict=True)), "links name the measure"
    assert not any(fid in link.proto.label for f in warnings for fid in f.figures for link in links), "not its id"
    for finding in warnings:
        assert any(str(finding.line) in caption for caption in texts(at.caption))


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:
    """bench/make_catalogue.py's catalogue of 1,000 figures: 16 sources of some 60 figures each, 2 warnings."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    import make_catalogue

    folder = tmp_path_factory.mktemp("synthetic")
    make_catalogue.make_catalogue(1000, folder)
    return folder / "metrics.yaml"


def pager_lines(label: str, count: int, per_page: int, lang: str) -> list[str]:
    """The line under a pager for each of its pages ('Sources shown: 11–20 of 111')."""
    return [f"{label}: " + t("pager_option", lang, first=fmt.number(start + 1, 0, lang),
                                           last=fmt.number(stop, 0, lang), count=fmt.number(count, 0, lang))
            for start, stop in page_views.page_bounds(count, per_page)]


def pager_of(at, key: str):
    """The pager kept in the address as ?key=, and the line saying which part it shows."""
    (pager,) = [p for p in at.get("pagination") if p.key == key]
    labels = tuple(f"{t(f'{key}_pager', lang)}: " for lang in LANGUAGES)
    return pager, next(line for line in texts(at.caption) if line.startswith(labels))


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_data_quality_shows_its_findings_a_page_at_a_time(monkeypatch, synthetic, lang):
    use(monkeypatch, synthetic)
    monkeypatch.setattr(page_views, "FINDINGS_PER_PAGE", 1)
    findings = catalogue_of(synthetic).findings
    assert len(findings) >= 2
    at = run_page(QUALITY, lang=lang)
    no_problem(at)
    lines = pager_lines(t("findings_pager", lang), len(findings), 1, lang)
    pager, line = pager_of(at, "findings")
    assert (pager.num_pages, pager.value, line) == (len(findings), 1, lines[0])
    assert texts(at.warning) == [findings[0].for_readers(lang)]
    pager.set_value(2).run()
    no_problem(at)
    assert pager_of(at, "findings")[1] == lines[1]
    assert texts(at.warning) == [findings[1].for_readers(lang)]
    assert pager.proto.query_param_key == "findings", "the browser keeps the page shown in the address"
    reopened = run_page(QUALITY, lang=lang, findings="2")
    no_problem(reopened)
    assert texts(reopened.warning) == [findings[1].for_readers(lang)], "a copied link reopens the same findings"


def test_data_quality_has_no_pager_when_its_findings_fit(catalogue_path):
    at = run_page(QUALITY)
    no_problem(at)
    assert not at.get("pagination")


def test_a_province_with_many_charts_shows_them_a_page_at_a_time(monkeypatch, synthetic):
    from components.report.chart_words import words_html
    from components.table.index import build_index
    from components.views import selections

    use(monkeypatch, synthetic)
    index = build_index(catalogue_of(synthetic), frame_of(synthetic))
    counts = {p: len(page_views.province_page(index, p, "en").charts) for p in selections.province_ids(index)}
    many = max(counts, key=counts.get)
    few = next(p for p, n in counts.items() if 0 < n <= page_views.CHARTS_PER_PAGE)
    charts = page_views.province_page(index, many, "en").charts
    per_page = page_views.CHARTS_PER_PAGE
    assert len(charts) > per_page

    def words(at) -> list[str]:
        """Each chart's words; the next chart's hidden heading travels in the same element, after them."""
        return [e.proto.body.split('<h3 class="antq-chart-heading">')[0] for e in at.get("html")
                if e.proto.body.startswith('<details class="antq-words">')]

    at = run_page(PROVINCE, province=many)
    no_problem(at)
    pager, line = pager_of(at, "charts")
    assert (pager.num_pages, line) == (len(page_views.page_bounds(len(charts), per_page)),
                                       pager_lines(t("charts_pager", "en"), len(charts), per_page, "en")[0])
    assert len(at.get("plotly_chart")) == per_page and words(at) == [words_html(c, "en") for c in charts[:per_page]]
    labels = [b.proto.help for b in at.get("download_button")]
    assert any(f"{len(charts)}" in label for label in labels), "the page's zip holds every chart"
    pager.set_value(2).run()
    no_problem(at)
    assert words(at) == [words_html(c, "en") for c in charts[per_page:2 * per_page]]
    assert pager.proto.query_param_key == "charts", "the browser keeps the page shown in the address"
    reopened = run_page(PROVINCE, province=many, charts="2")
    no_problem(reopened)
    assert words(reopened) == words(at), "a copied link reopens the same charts"
    at.selectbox(key="select-province").set_value(few).run()  # a place with one page of charts: all of them
    no_problem(at)
    assert len(at.get("plotly_chart")) == counts[few]


def test_sources_page_shows_sources_a_page_at_a_time_and_a_large_sources_table_on_request(monkeypatch, synthetic):
    use(monkeypatch, synthetic)
    monkeypatch.setattr(page_views, "SOURCES_PER_PAGE", 10)
    monkeypatch.setattr(page_views, "TABLE_OPEN", 10)
    catalogue, frame = catalogue_of(synthetic), frame_of(synthetic)
    titles = [source.title for source in catalogue.sources.values()]
    assert len(titles) > 10
    at = run_page(SOURCES)
    no_problem(at)
    pager, line = pager_of(at, "sources")
    assert (pager.num_pages, line) == (len(page_views.page_bounds(len(titles), 10)),
                                       pager_lines(t("sources_pager", "en"), len(titles), 10, "en")[0])
    assert texts(at.header) == titles[:10]
    assert not figure_tables(at), "every source has more than 10 figures: its table is shown on request"
    first = next(iter(catalogue.sources))
    at.toggle(key=f"show-source-{first}").set_value(True).run()
    no_problem(at)
    assert [len(table) for table in figure_tables(at)] == [min(int((frame["source_id"] == first).sum()),
                                                                display.TABLE_ROWS)]
    pager_of(at, "sources")[0].set_value(2).run()
    no_problem(at)
    assert texts(at.header) == titles[10:20]
    assert pager_of(at, "sources")[0].proto.query_param_key == "sources"
    assert texts(run_page(SOURCES, sources="2").header) == titles[10:20], "a copied link reopens the same sources"


@pytest.mark.parametrize("wanted", ["99", "0", "two", "[x](https://example.org)"])
def test_a_page_of_sources_that_is_not_one_gives_a_notice_and_the_first(monkeypatch, synthetic, wanted):
    use(monkeypatch, synthetic)
    monkeypatch.setattr(page_views, "SOURCES_PER_PAGE", 10)
    titles = [source.title for source in catalogue_of(synthetic).sources.values()]
    at = run_page(SOURCES, sources=wanted)
    no_problem(at)
    pages = len(page_views.page_bounds(len(titles), 10))
    assert texts(at.info) == [unmd(t("unknown_page_in_link", "en", value=fmt.md_text(wanted), count=str(pages)))]
    assert texts(at.header) == titles[:10]
    at.run()
    assert not at.info, "said once, when the link is opened"


# ---- edits take effect --------------------------------------------------------------------------------------


def replace_line(path: Path, line: int, old: str, new: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    assert old in lines[line - 1], (line, lines[line - 1])
    lines[line - 1] = lines[line - 1].replace(old, new)
    path.write_text("".join(lines), encoding="utf-8")


def test_edits_take_effect_and_broken_edits_show_messages(tmp_path, monkeypatch, entry_line):
    for name in ("metrics.yaml", "places.yaml"):
        shutil.copy(SMALL.parent / name, tmp_path / name)
    metrics = use(monkeypatch, tmp_path / "metrics.yaml")
    frame = frame_of(SMALL)
    row = frame[(frame["place_level"] == "ward") & frame["qualifier"].eq("") & frame["denominator"].isna()].iloc[0]
    at = run_page(WARD, ward=row.place_id)
    no_problem(at)
    tile = next(t for t in tiles(at) if t.label == row.metric_label)
    assert re.sub(r"\D", "", tile.value) == f"{row.value:.0f}"

    new_value = int(row.value) + 7
    value_line = entry_line(metrics, row.figure_id, "value")
    replace_line(metrics, value_line, f"value: {row.value:.0f}", f"value: {new_value}")
    at.run()
    no_problem(at)
    tile = next(t for t in tiles(at) if t.label == row.metric_label)
    assert re.sub(r"\D", "", tile.value) == str(new_value), "the edited value shows on the next run"
    drawn = [x for c in charts(at) for fid, xs in c.bar_values().items() if fid == row.figure_id for x in xs]
    assert drawn, "the edited figure is drawn"

    replace_line(metrics, value_line, f"value: {new_value}", "value: many")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    errors = texts(at.error)
    assert any(f"metrics.yaml:{value_line}" in e and "value" in e for e in errors), errors
    assert not charts(at) and not tiles(at), "no page is drawn from a broken catalogue"

    replace_line(metrics, value_line, "value: many", f"value: {new_value}")
    at.run()
    no_problem(at)
    assert any(re.sub(r"\D", "", t.value) == str(new_value) for t in tiles(at)), "fixing the file recovers"

    places = tmp_path / "places.yaml"
    place = catalogue_of(SMALL).places[row.place_id]
    replace_line(places, entry_line(places, place.id, "name"), place.name, place.name + " (renamed)")
    at.run()
    no_problem(at)
    assert unmd(at.title[0].value).startswith(place.name + " (renamed)"), "an edit of the places file shows too"


def test_unreadable_catalogue_shows_a_message(tmp_path, monkeypatch):
    use(monkeypatch, tmp_path / "missing.yaml")
    at = run_page(OVERVIEW)
    assert not at.exception, [e.value for e in at.exception]
    assert any("missing.yaml" in e for e in texts(at.error))


@pytest.mark.parametrize("page", [SOURCES, PROVINCE])
def test_a_view_with_more_figures_than_its_table_shows_says_so_and_its_csv_has_all(tmp_path, monkeypatch, page):
    """A national source or province can hold thousands of figures: the table, shown on request, has the first
    ones, not all."""
    for name in ("metrics.yaml", "places.yaml"):
        shutil.copy(SMALL.parent / name, tmp_path / name)
    catalogue, frame = catalogue_of(SMALL), frame_of(SMALL)
    first = frame[frame["province_id"].notna()].iloc[0]
    extra = display.TABLE_ROWS + 20
    start = pd.Timestamp("2000-01-01")
    added = "".join(
        f"  - id: many-{i}\n    place: {first.place_id}\n    metric: {first.metric_id}\n    value: {i % 7}\n"
        f"    as_of: {(start + pd.Timedelta(days=i)).date()}\n    source: {first.source_id}\n"
        for i in range(extra))
    path = tmp_path / "metrics.yaml"
    path.write_text(path.read_text(encoding="utf-8") + added, encoding="utf-8")
    monkeypatch.setenv("METRICS_FILE", str(path))
    if page == SOURCES:
        at = run_page(SOURCES)
        assert len(figure_tables(at)) == sum(1 for s in catalogue.sources if (frame["source_id"] == s).any()) - 1, \
            "a source with more figures than page_views.TABLE_OPEN shows its table when asked"
        at.toggle(key=f"show-source-{first.source_id}").set_value(True).run()
        position = [s for s in catalogue.sources if (frame["source_id"] == s).any()].index(first.source_id)
        total = int((frame["source_id"] == first.source_id).sum()) + extra
    else:
        at = run_page(PROVINCE, province=first.province_id)
        assert not figure_tables(at), "a page with more figures than page_views.TABLE_OPEN shows its table when asked"
        toggle = at.toggle(key=f"show-table-province-{first.province_id}")
        assert toggle.label == "Show the table of its figures" and f"{display.TABLE_ROWS:,}" in toggle.help
        toggle.set_value(True).run()
        position = -1  # the page's figures table comes last
        groups = [g.id for g in catalogue.places.values() if g.level == "group" and first.province_id in g.members]
        total = int((frame["province_id"] == first.province_id).sum() + frame["place_id"].isin(groups).sum()) + extra
    no_problem(at)
    assert len(figure_tables(at)[position]) == display.TABLE_ROWS
    assert any(f"{display.TABLE_ROWS:,}" in c and f"{total:,}" in c for c in texts(at.caption))
    labels = [b.proto.label for b in at.get("download_button")]
    assert any(f"{total:,}" in label for label in labels), labels


@pytest.mark.parametrize("page", [OVERVIEW, PROVINCE, SOURCES, QUALITY])
def test_a_catalogue_read_in_a_child_process_shows_the_same_page(tmp_path, monkeypatch, page):
    """A large catalogue is read in a child process (components/table/index_from_file.py): its pages are the same
    as when the server reads it. The bundled catalogue, copied (a new path: a fresh load) and read in a child."""
    from dashboard_helpers import shown_texts

    from components.table import index_from_file

    (tmp_path / "data").mkdir()
    documents = BUNDLED.parent.parent / "shared" / "sources"  # the copy reads the same documents, if here
    text = BUNDLED.read_text(encoding="utf-8").replace("documents: ../shared/sources", f"documents: {documents}")
    (tmp_path / "metrics.yaml").write_text(text, encoding="utf-8")
    shutil.copy(BUNDLED.parent / "data" / "places.yaml", tmp_path / "data" / "places.yaml")
    monkeypatch.setenv("METRICS_FILE", str(BUNDLED))
    here = run_page(page)
    no_problem(here)
    children = []  # the paths a child process read (it raises instead when it fails: then the server reads)

    def read_in_child(path, read=index_from_file.prepare_in_child):
        prepared = read(path)
        children.append(path)
        return prepared

    monkeypatch.setattr(index_from_file, "CHILD_FROM_BYTES", 0)
    monkeypatch.setattr(index_from_file, "prepare_in_child", read_in_child)
    monkeypatch.setenv("METRICS_FILE", str(tmp_path / "metrics.yaml"))
    child = run_page(page)
    no_problem(child)
    assert children == [tmp_path / "metrics.yaml"]

    def page_text(at) -> list[str]:  # without Streamlit's random element ids, and the copy named as the original
        bundled_name = str(BUNDLED.relative_to(Path.cwd())) if BUNDLED.is_relative_to(Path.cwd()) else str(BUNDLED)
        return [text.replace(str(tmp_path / "metrics.yaml"), bundled_name) for text in shown_texts(at)
                if not re.fullmatch(r"[0-9a-f]{32}", text)]

    assert page_text(child) == page_text(here)
    assert [c.spec for c in charts(child)] == [c.spec for c in charts(here)]


@pytest.mark.parametrize("path", CATALOGUES.values(), ids=CATALOGUES.keys())
def test_the_app_its_camera_the_page_zip_and_the_export_draw_each_chart_alike(monkeypatch, path):
    """One look everywhere: the layout the app draws (its template included) is the layout the export and the
    page zip render, at the same image size as the camera button's PNG."""
    import json

    from components.report.pages import build_page, report_pages
    from components.report.rendering import image_options
    from components.table.index import build_index
    from components.views import page_views

    use(monkeypatch, path)
    catalogue, frame = catalogue_of(path), frame_of(path)
    index = build_index(catalogue, frame)
    report = {page.slug: page for page in report_pages(catalogue, frame, "png", "en")}
    compared = 0
    for kind, page_path, level in [("province", PROVINCE, "province"), ("ward", WARD, "ward")]:
        build = page_views.province_page if kind == "province" else page_views.ward_page
        with_charts = [place_id for place_id in ids_of_level(path, level) if build(index, place_id, "en").charts]
        for place_id in fixed_sample(with_charts):
            at = run_page(page_path, **{kind: place_id})
            shown = charts(at)
            zipped = build_page(f"{kind}-{place_id}", "", build(index, place_id, "en").charts, "png").charts
            exported = report[f"{kind}-{place_id}"].charts
            for app_chart, zip_chart, export_chart in zip(shown, zipped, exported, strict=True):
                export_layout = json.loads(export_chart.chart.figure.to_json())["layout"]
                assert app_chart.layout == export_layout, app_chart.title
                assert json.loads(zip_chart.chart.figure.to_json())["layout"] == export_layout
                assert app_chart.layout["template"]["layout"]["font"]["family"] == charts_module.FONT
                camera = app_chart.config["toImageButtonOptions"]
                size = image_options(export_chart.chart.figure, "png", 2)
                assert (camera["width"], camera["height"]) == (size["width"], size["height"]), app_chart.title
                compared += 1
    assert compared >= 2, "the catalogue has charts to compare"


# ---- the page by measure ----------------------------------------------------------------------------------


def _measure_metrics(path: Path) -> list[str]:
    """The metrics most places report (the page's default first), from the catalogue."""
    counts = frame_of(path).groupby("metric_id", sort=False)["place_id"].nunique()
    return [str(m) for m in counts.sort_values(ascending=False, kind="stable").index]


@pytest.mark.parametrize("lang", list(LANGUAGES))
@pytest.mark.parametrize(("path", "metric_id"), [
    pytest.param(path, _measure_metrics(path)[rank], id=f"{name}-{rank}")
    for name, path in sorted(CATALOGUES.items()) for rank in (0, 1)])
def test_the_page_by_measure_shows_every_place_reporting_the_metric_compared_honestly(monkeypatch, path,
                                                                                    metric_id, lang):
    use(monkeypatch, path)
    at = run_page(MEASURE, metric=metric_id, lang=lang)
    no_problem(at)
    metric = catalogue_of(path).metrics[metric_id]
    assert at.selectbox(key="select-measure").value == metric_id
    assert at.query_params["metric"] == metric_id
    assert unmd(at.title[0].value) == localized(metric, "label", lang)
    frame = frame_of(path)
    figures = frame[frame["metric_id"] == metric_id]
    compared: set[str] = set()
    for chart in charts(at):
        if chart_slug(chart, f"measure-{metric_id}") == "map":
            continue
        drawn = assert_honest(chart, path, f"measure-{metric_id}") if lang == "en" else chart.bar_values()
        assert set(drawn) <= set(figures["figure_id"])
        assert not compared & set(drawn), "a figure in two comparisons"
        compared |= set(drawn)
        assert t("app_title", lang) in chart.footer, "the image names the dashboard (its address when set)"
    shown_tiles = tiles(at)
    assert len(shown_tiles) == min(len(figures) - len(compared), page_views.CARDS_PER_SECTION)
    (table,) = figure_tables(at)
    assert len(table) == len(figures), "the table holds every figure of the metric"


def test_the_page_by_measure_offers_every_metric_and_replaces_an_unknown_one(monkeypatch):
    use(monkeypatch, BUNDLED)
    at = run_page(MEASURE, metric="no-such-metric")
    no_problem(at)
    assert texts(at.info) == [unmd(t("unknown_in_link", "en", value="no-such-metric", what=t("measure_metric", "en")))]
    counts = frame_of(BUNDLED).groupby("metric_id")["place_id"].nunique()
    assert counts[at.selectbox(key="select-measure").value] == counts.max(), "it opens on the most reported metric"
    assert at.query_params["metric"] == at.selectbox(key="select-measure").value
    assert len(at.selectbox(key="select-measure").options) == frame_of(BUNDLED)["metric_id"].nunique()


def test_the_map_metric_and_the_page_by_measure_keep_their_own_choices(monkeypatch):
    """The overview's map metric and the page by measure's metric share the parameter's name, not the choice:
    each page's link opens what it names, and a metric picked on one page does not change the other's."""
    use(monkeypatch, BUNDLED)
    at = run_page(MEASURE)
    mapped = at.session_state["select-metric"]  # the overview's first run chose its map's metric
    other = next(m for m in dict.fromkeys(frame_of(BUNDLED)["metric_id"])
                 if m not in (mapped, at.selectbox(key="select-measure").value))
    at.selectbox(key="select-measure").set_value(other).run()
    no_problem(at)
    assert at.query_params["metric"] == other
    for key in list(at.query_params):  # the sidebar's link to another page leaves the address's query behind
        del at.query_params[key]
    at.switch_page(OVERVIEW).run()
    no_problem(at)
    assert at.selectbox(key="select-metric").value == mapped
