"""Each page declared once, as data: its title, notices, links, cards, charts and table, built by one function per
page kind and rendered by the page script (components/app/render.py) and by the export alike."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import pandas as pd

from components.catalogue import kinds
from components.table.index import CatalogueIndex
from components.table.memo import once
from components.views import comparison, display, measure_charts, overview_charts, place_charts, registry, selections
from components.views.charts import IMAGE_WIDTH
from components.views.named_chart import NamedChart
from components.words import fmt
from components.words.i18n import localized, t, t_count, written_decimals

CHARTS_PER_PAGE = 10  # a page shows this many charts at a time; the report and the page's zip have them all
CARDS_PER_SECTION = 60  # a national province has thousands of figures: the table below has all of them
# Long lists are shown a page at a time, so that a page's work follows what it shows, not the catalogue's size
FINDINGS_PER_PAGE = 5
SOURCES_PER_PAGE = 10
TABLE_OPEN = 100  # a source or a page with more figures than this shows their table when the reader asks for it
_serials = itertools.count()


@dataclass(frozen=True)
class Notice:
    kind: str  # 'info', 'warning' or 'success'
    text: str


@dataclass(frozen=True)
class PlaceLink:
    place_id: str
    label: str


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Caption:
    text: str


@dataclass(frozen=True)
class Card:
    """One cited figure: what it measures, its value as reported, and the lines that qualify it."""

    label: str
    value: str
    lines: tuple[str, ...]
    help: str = ""
    unit: str = ""  # written after the value, on its line: a unit never stands on a line of its own
    figure_id: str = ""  # the catalogue's id of the figure: the report checks that every card is on an image


@dataclass(frozen=True)
class CardGroup:
    """Cards from one source: the citation is written once, above them."""

    citation: str
    url: str | None
    cards: tuple[Card, ...]
    period: str = ""  # the period all its cards share ('' when they differ: each card says its own)
    # names this group and no other made in this process: the app keeps its HTML by it (app/render.py)
    serial: int = field(default_factory=lambda: next(_serials), init=False, compare=False, repr=False)


@dataclass(frozen=True)
class ChartBlock:
    chart: NamedChart


@dataclass(frozen=True)
class Boxed:
    """A bordered part of the page, with its own heading (a group of provinces)."""

    heading: str
    blocks: tuple


@dataclass(frozen=True)
class Paged:
    """Blocks shown a page at a time, under a selector of the pages kept in the address (?key=2): a place of a
    national catalogue can have dozens of charts, and a page costs what it shows."""

    key: str
    label: str
    help: str
    blocks: tuple  # one item each: all of them, the page shows a slice
    per_page: int


@dataclass(frozen=True)
class PageView:
    slug: str  # 'province-<id>': names its images and widget keys
    title: str
    blocks: tuple
    table: Callable[[int | None], pd.DataFrame] | None = None  # the view's figures (the first n, when given)
    table_total: int = 0
    address: str = ""
    table_shown: bool = True  # False: the figures only as a CSV (the overview's are the whole catalogue)
    csv_name: str = ""  # the CSV's file name without '.csv' ('' for the slug)
    charts_zip: bool = True  # the page offers its charts as a zip (the overview's are about the whole catalogue)
    # names this view and no other made in this process: the app keeps its table's HTML by it (app/render.py)
    serial: int = field(default_factory=lambda: next(_serials), init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "blocks", _unique_slugs(self.blocks, set()))

    @property
    def charts(self) -> list[NamedChart]:
        return list(_charts_in(self.blocks))


def _unique_slugs(blocks: tuple, seen: set[str]) -> tuple:
    """The blocks with each chart's slug made unique on the page ('-2', '-3', …): a slug keys the chart's widget
    and names its image, and two charts of one metric and whole for two periods would otherwise share one."""
    out = []
    for block in blocks:
        if isinstance(block, ChartBlock):
            slug, number = block.chart.slug, 2
            while slug in seen:
                slug, number = f"{block.chart.slug}-{number}", number + 1
            if slug != block.chart.slug:
                block = ChartBlock(replace(block.chart, slug=slug))
            seen.add(slug)
        elif isinstance(block, Boxed):
            block = Boxed(block.heading, _unique_slugs(block.blocks, seen))
        elif isinstance(block, Paged):
            block = replace(block, blocks=_unique_slugs(block.blocks, seen))
        out.append(block)
    return tuple(out)


def _charts_in(blocks):
    for block in blocks:
        if isinstance(block, ChartBlock):
            yield block.chart
        elif isinstance(block, Boxed | Paged):
            yield from _charts_in(block.blocks)


def chart_blocks(charts, lang: str) -> list:
    """The charts' blocks, CHARTS_PER_PAGE at a time under a pager when there are more."""
    blocks = [ChartBlock(chart) for chart in charts]
    if len(blocks) <= CHARTS_PER_PAGE:
        return blocks
    return [Paged("charts", t("charts_pager", lang), t("charts_pager_help", lang, per_page=CHARTS_PER_PAGE),
                  tuple(blocks), CHARTS_PER_PAGE)]


# ---- cards ---------------------------------------------------------------------------------------------


def _note(row) -> str:
    return str(getattr(row, "note_text", "") or "")


def _text(row, column: str) -> str:
    value = getattr(row, column, "")
    return value if isinstance(value, str) else ""


def card(row, lang: str, *, with_place: bool = False, time: str = "", extra: str = "") -> Card:
    """A figure as a card: metric, value as reported with its unit, then its fraction, what a change is
    compared with, place, `time` (none when its group says it once), note and the other sources reporting it.

    The unit goes after the value: a count's ('38 model types'), a change's short one ('−380 cases', what it is
    compared with below). A percent carries its sign ('94.2 %': its label says of what); a fraction's line
    ('1,650 of 3,410 reports (48.4 %)') says its unit."""
    sign, is_change = kinds.unit_sign(row.metric_kind), kinds.is_signed(row.metric_kind)
    value = fmt.quantity(row.value, sign, written_decimals(row.value), row.qualifier, lang, with_sign=is_change)
    extra = extra or str(getattr(row, "card_extra", "") or "")
    lines = [extra] if extra else []
    if with_place:
        lines.append(_text(row, "place_full_label") or row.place_label)
    unit = ""
    if row.fraction_text:
        lines.append(row.fraction_text)
    elif is_change:
        unit = "" if sign else row.short_unit_name
        lines.append(_text(row, "compared_text"))
    elif not sign:
        unit = row.unit_name
    if time:
        lines.append(time)
    if _note(row):
        lines.append(_note(row))
    if _text(row, "also_in_text"):
        lines.append(t("also_in_line", lang, sources=_text(row, "also_in_text")))
    place = _text(row, "place_full_label") or row.place_label
    return Card(row.metric_name, value, tuple(line for line in lines if line),
                f"{row.metric_name} — {place}. {row.metric_description}", unit, str(row.figure_id))


def card_groups(rows: pd.DataFrame, index: CatalogueIndex, lang: str, *, with_place: bool = False,
                extra: str = "", limit: int = CARDS_PER_SECTION) -> list[CardGroup]:
    """Cards grouped by source, in the order the rows come; a period shared by a group's cards is said once."""
    groups = []
    for source_id, group in rows.head(limit).groupby("source_id", sort=False):
        source = index.catalogue.sources[source_id]
        items = display.rows_of(group)
        times = [display.time_text(r, lang, publication_dates=False) for r in items]
        shared = times[0] if len(set(times)) == 1 else ""
        cards = tuple(card(r, lang, with_place=with_place, time="" if shared else when, extra=extra)
                      for r, when in zip(items, times, strict=True))
        groups.append(CardGroup(display.source_text(source, lang), source.url, cards, shared))
    return groups


def _links(index: CatalogueIndex, ids, label, lang: str) -> list[PlaceLink]:
    """Links to places, each worded by `label(name)`."""
    return [PlaceLink(p, label(display.full_place_label(index.catalogue, p, lang))) for p in ids]


# ---- province ------------------------------------------------------------------------------------------


def figures_in_view(index: CatalogueIndex, province_id: str) -> int:
    """How many figures a province page shows: its subtree's and its groups'."""
    own = len(index.subtree_positions(province_id))
    return own + sum(index.place_count(g) for g in index.groups_of.get(province_id, []))


def figures_about(index: CatalogueIndex, place_id: str) -> int:
    """How many figures are about a place: its own and those of the places inside it (not the figures of the
    places above it or of the groups it belongs to, which its page shows too, labelled as theirs). What a
    selector's '(N figures)' counts, on every page."""
    return len(index.subtree_positions(place_id))


def richest(ids: list[str], count: Callable[[str], int]) -> str | None:
    """The id with the most figures in its view (the first on a tie); None without ids."""
    if not ids:
        return None
    return ids[max(range(len(ids)), key=lambda k: (count(ids[k]), -k))]


def _counts(index: CatalogueIndex, level: str) -> dict[str, int]:
    """How many figures are about each place of `level` ('province' or 'ward'): figures_about."""
    def build() -> dict[str, int]:
        ids = selections.province_ids(index) if level == "province" else selections.ward_ids(index)
        return {p: figures_about(index, p) for p in ids}
    return once(index.content_id, ("figure-counts", level), build, "small")


def place_choices(index: CatalogueIndex, level: str, lang: str) -> dict[str, str]:
    """The selector of a province or ward page: each place's option text, with how many figures are about it
    (figures_about: 'Quảng Ninh (22 figures)'; a ward's names its province too), its direction controls already
    made visible (a national ward selector has thousands of options, worded once per content, not on every
    rerun)."""
    def build() -> dict[str, str]:
        counts = _counts(index, level)
        name = ((lambda p: display.place_label(index.catalogue, p, lang)) if level == "province"
                else (lambda w: selections.ward_option_label(index, w, lang)))
        return {p: fmt.visible_controls(selections.option_label(name(p), count, lang)) for p, count in counts.items()}
    return once(index.content_id, ("place-choices", level, lang), build, "small")


def default_place(index: CatalogueIndex, level: str) -> str | None:
    """The place a province or ward page opens on: the one with the most figures to show (chosen once per
    catalogue content)."""
    def build() -> str | None:
        counts = _counts(index, level)
        return richest(list(counts), counts.__getitem__)
    return once(index.content_id, ("default-place", level), build, "small")


def ward_groups(index: CatalogueIndex) -> dict[str, list[str]]:
    """The ward page's wards by the province they lie in (a valid catalogue's every ward lies in one), provinces
    in the province selector's order: the ward page picks a province first, and its ward selector lists that
    province's wards, not the nation's thousands (every option is sent again at every rerun)."""
    def build() -> dict[str, list[str]]:
        by_province: dict[str, list[str]] = {}
        for ward in selections.ward_ids(index):
            by_province.setdefault(index.province_of(ward), []).append(ward)
        return {p: by_province[p] for p in selections.province_ids(index) if p in by_province}
    return once(index.content_id, ("ward-groups",), build, "small")


def ward_group_of(index: CatalogueIndex) -> dict[str, str]:
    """Each ward's group in ward_groups."""
    return once(index.content_id, ("ward-group-of",),
                lambda: {ward: group for group, wards in ward_groups(index).items() for ward in wards}, "small")


def ward_group_choices(index: CatalogueIndex, lang: str) -> dict[str, str]:
    """The ward page's province selector: each province's option text as the province page's selector words it
    ('Quảng Ninh (22 figures)': the same count, figures_about, on both pages)."""
    def build() -> dict[str, str]:
        options = place_choices(index, "province", lang)
        return {province: options[province] for province in ward_groups(index)}
    return once(index.content_id, ("ward-group-choices", lang), build, "small")


def default_ward_in(index: CatalogueIndex, group: str) -> str | None:
    """The ward the ward page opens on when the reader picks province `group`: its ward with most figures."""
    counts = _counts(index, "ward")
    return once(index.content_id, ("default-ward", group),
                lambda: richest(ward_groups(index).get(group, []), counts.__getitem__), "small")


def province_page(index: CatalogueIndex, province_id: str, lang: str, width: int = IMAGE_WIDTH) -> PageView:
    """`width`: the width its charts' text is wrapped to (charts.TEXT_WIDTHS)."""
    catalogue, places = index.catalogue, index.places
    province = places[province_id]
    name = display.full_place_label(catalogue, province_id, lang)
    address = registry.page_address(lang, "province", province_id)
    blocks: list = [Caption(display.place_note(province, lang))] if display.place_note(province, lang) else []
    if province.status == "former":
        blocks.append(Notice("warning", t("former_unit", lang, date=fmt.date(province.ended, lang)
                                         if province.ended else "–")))
        if province.successor:
            blocks += _links(index, [province.successor], lambda name: t("successor_link", lang, name=name), lang)
    predecessors = index.predecessors.get(province_id, [])
    subtree = once(index.content_id, ("subtree-rows", province_id, lang),
                   lambda: display.display_rows(index.subtree_rows(province_id), catalogue, lang))
    own = subtree[subtree["place_id"] == province_id]
    if own.empty:
        with_figures = [p for p in predecessors if index.has_figures(p) or index.groups_of.get(p)]
        if subtree.empty and with_figures:
            blocks.append(Notice("info", t("see_predecessors", lang, name=name)))
        elif subtree.empty:
            blocks.append(Notice("info", t("no_figures_place", lang)))
    blocks += _links(index, predecessors, lambda name: t("predecessor_link", lang, name=name), lang)

    charts = once(index.content_id, ("province-charts", province_id, lang, width),
                  lambda: place_charts.province_charts(index, province_id, lang, width))
    charted = {f for chart in charts for f in chart.figure_ids}
    if len(own):
        # the title names the province: its own figures' heading says what they are without naming it again
        blocks.append(Heading(t("province_own_figures", lang)))
        blocks += card_groups(own, index, lang)
    if charts:
        blocks.append(Heading(t("charts_header", lang)))
        blocks += chart_blocks(charts, lang)
    inside = subtree[(subtree["place_id"] != province_id) & ~subtree["figure_id"].isin(charted)]
    if len(inside):
        blocks.append(Heading(t("inside_figures", lang, name=province.short_name)))
        blocks += card_groups(inside, index, lang, with_place=True)
        if len(inside) > CARDS_PER_SECTION:
            blocks.append(Caption(t("cards_first", lang, shown=CARDS_PER_SECTION, count=len(inside))))

    frames = [subtree]
    for group_id in index.groups_of.get(province_id, []):
        group = places[group_id]
        rows = once(index.content_id, ("own-rows", group_id, lang),
                    lambda g=group_id: display.display_rows(index.place_rows(g), catalogue, lang))
        members = sorted((display.place_label(catalogue, m, lang) for m in group.members or [] if m in places),
                         key=fmt.sort_key_vi)
        inner: list = [Caption(display.place_note(group, lang))] if display.place_note(group, lang) else []
        inner.append(Caption(t("group_members", lang, members=", ".join(members), province=province.short_name)))
        group_name = display.full_place_label(catalogue, group_id, lang)
        inner += card_groups(rows, index, lang, extra=t("group_tile_note", lang, name=group_name)) if len(rows) \
            else [Notice("info", t("no_figures_place", lang))]
        blocks.append(Boxed(t("group_header", lang, name=group_name), tuple(inner)))
        frames.append(rows)
    frames = [f for f in frames if len(f)]
    total = sum(len(f) for f in frames)

    def table(first: int | None = None) -> pd.DataFrame:
        chosen = [f.head(first) if first else f for f in frames]
        joined = pd.concat(chosen) if chosen else subtree
        return joined.head(first) if first else joined

    return PageView(f"province-{province_id}", name, tuple(blocks), table, total, address)


# ---- ward ----------------------------------------------------------------------------------------------


def ward_page(index: CatalogueIndex, ward_id: str, lang: str, width: int = IMAGE_WIDTH) -> PageView:
    catalogue, places = index.catalogue, index.places
    ward = places[ward_id]
    name = display.full_place_label(catalogue, ward_id, lang)
    blocks: list = [Caption(display.place_note(ward, lang))] if display.place_note(ward, lang) else []
    chain = [display.full_place_label(catalogue, a, lang) for a in index.ancestors(ward_id)]
    if chain:
        blocks.append(Caption(" › ".join(chain)))
    if ward.status == "former":
        blocks.append(Notice("warning", t("former_unit", lang, date=fmt.date(ward.ended, lang) if ward.ended
                                         else "–")))
        if ward.successor:
            blocks += _links(index, [ward.successor], lambda name: t("successor_link", lang, name=name), lang)
    else:
        blocks.append(Notice("success", t("current_unit", lang)))
    blocks += _links(index, index.predecessors.get(ward_id, []),
                     lambda name: t("predecessor_link", lang, name=name), lang)
    blocks += _links(index, index.ancestors(ward_id), lambda name: t("parent_link", lang, name=name), lang)

    rows = once(index.content_id, ("own-rows", ward_id, lang),
                lambda: display.display_rows(index.place_rows(ward_id), catalogue, lang))
    if rows.empty:
        blocks.append(Notice("info", t("no_figures_place", lang)))
    else:
        blocks.append(Heading(t("own_figures", lang, name=ward.short_name)))
        blocks += card_groups(rows, index, lang)
    per_resident = place_charts.per_resident_rows(rows, catalogue, lang) if len(rows) else pd.DataFrame()
    if len(per_resident):
        blocks.append(Heading(t("per_resident_header", lang)))
        blocks += card_groups(per_resident.assign(metric_name=[t("per_thousand_label", lang, metric=m)
                                                               for m in per_resident["metric_name"]]),
                              index, lang)
    charts = once(index.content_id, ("ward-charts", ward_id, lang, width),
                  lambda: place_charts.ward_charts(index, ward_id, lang, width))
    if charts:
        blocks.append(Heading(t("charts_header", lang)))
        blocks += chart_blocks(charts, lang)
    above, frames = above_figures(index, ward_id, lang)
    blocks += above
    table = pd.concat([rows, *frames]) if frames else rows
    return PageView(f"ward-{ward_id}", name, tuple(blocks),
                    lambda first=None: table.head(first) if first else table, len(table),
                    registry.page_address(lang, "ward", ward_id))


def above_figures(index: CatalogueIndex, place_id: str, lang: str) -> tuple[list, list[pd.DataFrame]]:
    """The figures of the places above a place (its district, its province), each place's in a box of its own
    whose heading and first line say whose they are, so that none is read as the place's own; and their rows,
    for the page's table. Nothing for a place above without figures of its own."""
    catalogue, name = index.catalogue, index.places[place_id].short_name
    blocks: list = []
    frames = []
    for above_id in index.ancestors(place_id):
        if not index.place_count(above_id):
            continue
        rows = once(index.content_id, ("own-rows", above_id, lang),
                    lambda a=above_id: display.display_rows(index.place_rows(a), catalogue, lang))
        place = display.full_place_label(catalogue, above_id, lang)
        inner: list = [Caption(t("above_figures_lede", lang, place=place, name=name))]
        inner += card_groups(rows, index, lang, with_place=True)  # each card names its place as well
        if len(rows) > CARDS_PER_SECTION:
            inner.append(Caption(t("cards_first", lang, shown=CARDS_PER_SECTION, count=len(rows))))
        blocks.append(Boxed(t("above_figures", lang, place=place, name=name), tuple(inner)))
        frames.append(rows)
    return blocks, frames


# ---- overview ------------------------------------------------------------------------------------------


def overview_cards(index: CatalogueIndex, lang: str) -> list[CardGroup]:
    """The latest figure of each theme, as cards grouped by source, each saying its theme and place."""
    catalogue, rows = index.catalogue, index.frame
    latest = display.display_rows(selections.latest_by(rows, "metric_theme"), catalogue, lang)
    order = {theme_id: i for i, theme_id in enumerate(catalogue.themes)}
    themes = [localized(catalogue.themes[x], "label", lang) if x in catalogue.themes else x
              for x in latest["metric_theme"]]
    latest = latest.assign(order=[order.get(x, 0) for x in latest["metric_theme"]],
                           card_extra=[f"{theme} · {place}" for theme, place in zip(themes, latest["place_full_label"],
                                                                                   strict=True)])
    return card_groups(latest.sort_values("order", kind="stable"), index, lang)


def overview_page(index: CatalogueIndex, lang: str, map_metric: str | None, map_level: str | None = None,
                  width: int = IMAGE_WIDTH) -> PageView:
    charts = once(index.content_id, ("overview-charts", lang, map_metric, map_level, width),
                  lambda: overview_charts.overview_charts(index, lang, map_metric=map_metric,
                                                          map_level=map_level, width=width))
    blocks: list = [ChartBlock(chart) for chart in charts]
    blocks.append(Heading(t("latest_per_theme", lang)))
    blocks += once(index.content_id, ("overview-latest", lang), lambda: overview_cards(index, lang))
    frame = index.frame
    return PageView("overview", t("overview_title", lang), tuple(blocks),
                    lambda first=None: frame.head(first) if first else frame, len(frame),
                    registry.page_address(lang, "overview"), table_shown=False, csv_name="figures-all",
                    charts_zip=False)


def overview_view(index: CatalogueIndex, map_metric: str | None, lang: str, width: int = IMAGE_WIDTH) -> PageView:
    """The overview as the registry builds it (its map on `map_metric`, at the level with most places)."""
    return overview_page(index, lang, map_metric, None, width)


# ---- the page by measure --------------------------------------------------------------------------------


def measure_metric_ids(index: CatalogueIndex) -> list[str]:
    """The metrics the page by measure offers: every one with figures, in the catalogue's order."""
    return list(measure_charts.place_counts(index))


def compared_metric_ids(index: CatalogueIndex) -> list[str]:
    """The metrics whose page compares places in a chart, in the catalogue's order: the report holds their pages
    (a metric without a comparison is a map and cards, which the province and ward pages cite already)."""
    return once(index.content_id, ("compared-metrics",), lambda: [
        m for m in measure_metric_ids(index)
        if comparison.every_peer_set(index.frame[index.frame["metric_id"] == m], index.ancestors)], "small")


def measure_choices(index: CatalogueIndex, lang: str) -> dict[str, str]:
    """The page's selector: each metric's title in `lang` and how many places report it ('Guns handed in
    (25 places)'), in the reader's alphabetical order."""
    def build() -> dict[str, str]:
        counts = measure_charts.place_counts(index)
        names = {m: localized(index.catalogue.metrics[m], "label", lang) for m in counts}
        return {m: fmt.visible_controls(t("measure_option", lang, metric=names[m],
                                          places=t_count("n_places", lang, counts[m])))
                for m in sorted(counts, key=lambda m: fmt.sort_key_vi(names[m]))}
    return once(index.content_id, ("measure-choices", lang), build, "small")


def default_metric(index: CatalogueIndex) -> str | None:
    """The metric the page opens on: the one most places report (the first in the catalogue on a tie)."""
    counts = measure_charts.place_counts(index)
    return richest(list(counts), counts.__getitem__)


def measure_page(index: CatalogueIndex, metric_id: str, lang: str, width: int = IMAGE_WIDTH) -> PageView:
    """Every place that reports the metric: compared in charts where the rules allow, on the map, the figures no
    chart compares as cited cards, and all of them in the table."""
    catalogue = index.catalogue
    metric = catalogue.metrics[metric_id]
    name = localized(metric, "label", lang)
    rows = measure_charts.metric_rows(index, metric_id, lang)
    charts = once(index.content_id, ("measure-charts", metric_id, lang, width),
                  lambda: measure_charts.measure_charts(index, metric_id, lang, width))
    blocks: list = [Caption(localized(metric, "description", lang)),
                    Caption(t("measure_lede", lang, places=t_count("n_places", lang, rows["place_id"].nunique()),
                              sources=t_count("n_sources", lang, rows["source_id"].nunique()),
                              figures=t_count("n_figures", lang, len(rows))))]
    if metric.per_resident and not any(c.slug.startswith("per-resident-") for c in charts):
        blocks.append(Caption(t("measure_counts_only", lang)))
    if charts:
        blocks.append(Heading(t("charts_header", lang)))
        blocks += chart_blocks(charts, lang)
    compared = {f for chart in charts if chart.slug != "map" for f in chart.figure_ids}
    alone = rows[~rows["figure_id"].isin(compared)]
    if len(alone):
        blocks.append(Heading(t("measure_alone", lang)))
        blocks += card_groups(alone, index, lang, with_place=True)
        if len(alone) > CARDS_PER_SECTION:
            blocks.append(Caption(t("cards_first", lang, shown=CARDS_PER_SECTION, count=len(alone))))
    return PageView(f"measure-{metric_id}", name, tuple(blocks),
                    lambda first=None: rows.head(first) if first else rows, len(rows),
                    registry.page_address(lang, registry.MEASURE.url_path, metric_id))


# ---- the registry's pages -------------------------------------------------------------------------------

province_ids, ward_ids = selections.province_ids, selections.ward_ids  # the registry names them here


def build_view(spec: registry.PageSpec, index: CatalogueIndex, chosen: str | None, lang: str,
               width: int = IMAGE_WIDTH) -> PageView:
    """The view of a registered page (registry.PageSpec.view) on `chosen`, the value of its query parameter."""
    return globals()[spec.view](index, chosen, lang, width)


def choices_of(spec: registry.PageSpec, index: CatalogueIndex) -> list[str]:
    """What a registered page's parameter can name (registry.PageSpec.choices); [] for a single page."""
    return globals()[spec.choices](index) if spec.choices else []


def options_of(spec: registry.PageSpec, index: CatalogueIndex, lang: str) -> dict[str, str]:
    """The options of a registered page's selector, in the order shown, each with its text."""
    if spec.param in registry.PLACE_PAGES:
        return place_choices(index, spec.param, lang)
    return measure_choices(index, lang)


def default_of(spec: registry.PageSpec, index: CatalogueIndex) -> str | None:
    """The choice a registered page opens on: the place with the most figures, the metric most places report."""
    if spec.param in registry.PLACE_PAGES:
        return default_place(index, spec.param)
    return default_metric(index)


def choice_label(index: CatalogueIndex, spec: registry.PageSpec, chosen: str | None, lang: str) -> str | None:
    """How the tab and the report name a page's choice: a place's or a metric's name; None for a single page."""
    if not spec.choices or chosen is None:
        return None
    if chosen in index.places and spec.param in registry.PLACE_PAGES:
        return display.place_label(index.catalogue, chosen, lang)
    if chosen in index.catalogue.metrics and spec.param == registry.MEASURE.param:
        return localized(index.catalogue.metrics[chosen], "label", lang)
    return None


# ---- long lists: a page at a time ------------------------------------------------------------------------


def page_bounds(count: int, per_page: int) -> list[tuple[int, int]]:
    """(start, stop) of each page of `count` items shown `per_page` at a time; one page when they fit."""
    per_page = max(per_page, 1)
    return [(start, min(start + per_page, count)) for start in range(0, count, per_page)] or [(0, 0)]


# ---- data quality --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FindingView:
    """One finding as the data-quality page shows it: its text, where it is, and a link (or, for a figure
    the app does not show, a caption) per figure involved."""

    is_error: bool
    text: str  # what it means for a reader (Finding.for_readers)
    curators: str  # the validator's own message: what to fix
    where: str  # file:line, field and figure ids, for curators
    figures: tuple  # PlaceLink | Caption, one per figure


def finding_views(index: CatalogueIndex, findings, lang: str) -> tuple[FindingView, ...]:
    """Every finding worded in `lang`, made once per catalogue content and language: the page then shows a
    few of them at a time without looking at the figures again."""
    def build() -> tuple[FindingView, ...]:
        wanted = {figure_id for finding in findings for figure_id in finding.figures}
        frame = index.frame
        columns = ["figure_id", "place_id", "metric_id"]
        found = frame.loc[frame["figure_id"].isin(wanted), columns] if wanted else frame.iloc[0:0][columns]
        place_of = dict(zip(found["figure_id"], zip(found["place_id"], found["metric_id"], strict=True),
                            strict=True))
        views_ = []
        for finding in findings:
            where = f"{t('where', lang)}: {finding.location()}"
            if finding.field:
                where += f" · {t('field', lang)}: {finding.field}"
            if finding.figures:
                where += f" · {', '.join(finding.figures)}"
            figures = []
            for figure_id in finding.figures:
                if figure_id not in place_of:
                    figures.append(Caption(t("figure_not_shown", lang, figure=figure_id)))
                    continue
                place_id, metric_id = place_of[figure_id]
                measure = localized(index.catalogue.metrics[metric_id], "label", lang)
                figures.append(PlaceLink(place_id, t("figure_link", lang, figure=measure,
                                                     place=display.place_name(index.places[place_id], lang))))
            views_.append(FindingView(finding.is_error, finding.for_readers(lang), finding.text(lang), where,
                                      tuple(figures)))
        return tuple(views_)
    return once(index.content_id, ("findings", lang), build, "small")
