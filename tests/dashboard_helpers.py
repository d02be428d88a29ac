"""Shared by the dashboard tests: the two catalogues, running a page in AppTest, and reading what it shows."""

from __future__ import annotations

import functools
import json
import re
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from components.app.navigation import PAGES
from components.catalogue.load import Catalogue, load_catalogue
from components.report.chart_words import CITE_ROW_CLASS
from components.table.tidy import figures_frame

ROOT = Path(__file__).resolve().parents[1]
DASHBOARD = ROOT / "dashboard.py"
BUNDLED = ROOT / "metrics.yaml"
SMALL = ROOT / "tests" / "data" / "small" / "metrics.yaml"
CATALOGUES = {"bundled": BUNDLED, "small": SMALL}


def copy_bundled(folder: Path) -> tuple[Path, Path]:
    """A copy of the bundled catalogue in `folder`: its metrics.yaml and its places file, where it names it."""
    places_path = load_catalogue(BUNDLED).places_path
    metrics, places = folder / "metrics.yaml", folder / places_path.relative_to(BUNDLED.parent)
    places.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(BUNDLED, metrics)
    shutil.copyfile(places_path, places)
    return metrics, places


# the page scripts by URL path, from the app's page registry, so that a new page needs no edit here
PAGE_FILES = {page.url_path: page.file for page in PAGES}
OVERVIEW, PROVINCE, WARD = PAGE_FILES["overview"], PAGE_FILES["province"], PAGE_FILES["ward"]
SOURCES, QUALITY, MEASURE = PAGE_FILES["sources"], PAGE_FILES["data-quality"], PAGE_FILES["measure"]

_MD_ESCAPE = re.compile(r"\\(.)")


@functools.cache
def catalogue_of(path: Path) -> Catalogue:
    return load_catalogue(path)


@functools.cache
def frame_of(path: Path) -> pd.DataFrame:
    return figures_frame(catalogue_of(path))


def ids_of_level(path: Path, level: str) -> list[str]:
    return [p.id for p in catalogue_of(path).places.values() if p.level == level]


SAMPLE_SIZE = 4  # pages of one kind that a test visits one by one: the national catalogue has hundreds of places


@functools.cache
def ward_with_a_chart(path: Path = BUNDLED) -> str:
    """The first ward (in id order) whose page draws a chart."""
    from components.table.index_from_file import prepare_here
    from components.views import place_charts

    index = prepare_here(path).index
    return next(w for w in sorted(ids_of_level(path, "ward")) if place_charts.ward_charts(index, w))


def fixed_sample(ids, size: int = SAMPLE_SIZE) -> list:
    """All of `ids` when there are few, else `size` of them evenly spaced in sorted order (the first and the last
    included): the same sample on every run, so CI stays within its time as the catalogue grows."""
    ordered = sorted(ids)
    if len(ordered) <= size:
        return ordered
    return [ordered[round(i * (len(ordered) - 1) / (size - 1))] for i in range(size)]


def sampled_ids_of_level(path: Path, level: str) -> list[str]:
    return fixed_sample(ids_of_level(path, level))


def unmd(text: str) -> str:
    """Markdown text as a reader sees it: backslash escapes removed."""
    return _MD_ESCAPE.sub(r"\1", text)


def unplot(text: str) -> str:
    """Plotly text as a reader sees it: line breaks as spaces, the three escaped characters restored."""
    text = re.sub(r"<br>", " ", text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def hover_texts(trace) -> list[str]:
    """Each point's hover as Plotly writes it (markup kept): the trace's hovertemplate with that point's customdata
    put in, from a trace as a dict (a spec) or a Plotly object. A timeline's line is one trace of two points with
    the same hover: one text per trace point."""
    trace = trace if isinstance(trace, dict) else trace.to_plotly_json()
    template = trace["hovertemplate"].replace("<extra></extra>", "")
    custom = trace.get("customdata")
    points = len(custom) if custom is not None else len(trace.get("x") or [None])
    texts = []
    for point in range(points):
        values = list(custom[point]) if custom is not None else []
        texts.append(re.sub(r"%\{customdata\[(\d+)\]\}", lambda m, v=values: str(v[int(m.group(1))]), template))
    return texts


class _Texts(HTMLParser):
    """The texts of an HTML fragment as a reader meets them: each run of text, and each aria-label (a style
    sheet or a script is not read)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        self._hidden += tag in ("style", "script")
        self.texts += [value for name, value in attrs if name == "aria-label" and value]

    def handle_endtag(self, tag):
        self._hidden -= tag in ("style", "script")

    def handle_data(self, data):
        if not self._hidden:
            self.texts.append(data)


def html_texts(markup: str) -> list[str]:
    parser = _Texts()
    parser.feed(markup)
    return parser.texts


class _TableCells(HTMLParser):
    """The rows of the HTML tables in a text, each a list of its cells' text; a row that cites the source of
    the rows under it (chart_words.CITE_ROW_CLASS) is kept apart, in `citations`, one list per table."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[str]]] = []
        self.citations: list[list[str]] = []
        self._cell: list[str] | None = None
        self._citing = False

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
            self.citations.append([])
        elif tag == "tr" and self.tables:
            self._citing = CITE_ROW_CLASS in (dict(attrs).get("class") or "").split()
            if not self._citing:
                self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None and self.tables and self.tables[-1]:
            text = "".join(self._cell)
            if self._citing:
                self.citations[-1].append(text)
            else:
                self.tables[-1][-1].append(text)
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def figure_tables(at: AppTest) -> list[pd.DataFrame]:
    """The figures tables the page shows (widgets.figures_table), in order, as frames with their header; each
    frame's attrs["citations"] are the citations written once above a source's rows, in order."""
    found = []
    for element in at.get("html"):
        if 'class="antq-scroll antq-figures"' in element.proto.body:
            parser = _TableCells()
            parser.feed(element.proto.body)
            for (header, *rows), citations in zip(parser.tables, parser.citations, strict=True):
                frame = pd.DataFrame(rows, columns=header)
                frame.attrs["citations"] = citations
                found.append(frame)
    return found


def run_page(page: str = OVERVIEW, timeout: float = 60, session: dict | None = None, **params: str) -> AppTest:
    """Open the app like a browser opening a link to `page` with `params` in its query string (and `session`
    in its session state, as widgets and components in the browser would have set it)."""
    at = AppTest.from_file(str(DASHBOARD), default_timeout=timeout)
    for key, value in (session or {}).items():
        at.session_state[key] = value
    # AppTest finds the pages st.navigation registers only after a first run, of the default page, which a
    # browser opening the link never runs: that run is given the language only, so the overview does not read
    # (and answer) a parameter meant for the page, such as the page by measure's ?metric=
    for key, value in (params if page == OVERVIEW else {k: v for k, v in params.items() if k == "lang"}).items():
        at.query_params[key] = value
    at.run()
    if page == OVERVIEW:
        return at
    for key in list(at.query_params):
        del at.query_params[key]
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page(page)
    return at.run()


@dataclass(frozen=True)
class Chart:
    spec: dict
    config: dict

    @property
    def layout(self) -> dict:
        return self.spec["layout"]

    @property
    def title(self) -> str:
        return unplot(self.layout["title"]["text"]).replace("<b>", "").replace("</b>", "")

    @property
    def subtitle(self) -> str:
        return unplot(self.layout["title"].get("subtitle", {}).get("text", ""))

    @property
    def bar_labels(self) -> list[str]:
        return [unplot(a["text"]) for a in self.layout.get("annotations", []) if a.get("name") == "bar-label"]

    @property
    def raw_title(self) -> str:
        return self.layout["title"]["text"]

    @property
    def filename(self) -> str:
        return self.config["toImageButtonOptions"]["filename"]

    @property
    def footer(self) -> str:
        notes = [a for a in self.layout.get("annotations", []) if a.get("name") == "source-footer"]
        assert len(notes) == 1, f"chart '{self.title}' has {len(notes)} source footers"
        return unplot(notes[0]["text"])

    @property
    def raw_footer(self) -> str:
        return next(a["text"] for a in self.layout["annotations"] if a.get("name") == "source-footer")

    def traces_with_ids(self) -> list[dict]:
        return [trace for trace in self.spec["data"] if trace.get("ids")]

    def bar_values(self) -> dict[str, list[float]]:
        """figure id -> the lengths of its bars (a figure may have several, e.g. shares of two places)."""
        found: dict[str, list[float]] = {}
        for trace in self.traces_with_ids():
            if trace.get("type") == "bar":
                for figure_id, x in zip(trace["ids"], trace["x"], strict=True):
                    found.setdefault(figure_id, []).append(x)
        return found


def charts(at: AppTest) -> list[Chart]:
    return [Chart(json.loads(el.proto.spec), json.loads(el.proto.config)) for el in at.get("plotly_chart")]


def chart_named(at: AppTest, filename: str) -> Chart:
    found = [c for c in charts(at) if c.filename == filename]
    assert len(found) == 1, f"expected one chart saved as '{filename}', found {[c.filename for c in charts(at)]}"
    return found[0]


@dataclass(frozen=True)
class Tile:
    label: str
    value: str
    help: str
    caption: str  # the lines under the value, one a line
    headers: tuple[str, ...]  # headers of the bordered containers around the tile (a group's, …)
    source: str = ""  # the citation above the tile's group, and the period its cards share


def _walk(node, ancestors=()):
    for child in getattr(node, "children", {}).values():
        yield child, ancestors
        yield from _walk(child, (*ancestors, child))


def _container_headers(ancestors) -> tuple[str, ...]:
    found = []
    for block in ancestors:
        for child in getattr(block, "children", {}).values():
            if getattr(child, "type", "") == "header":
                found.append(unmd(child.value))
    return tuple(found)


class _Cards(HTMLParser):
    """The cards of components.app.cards' HTML: per card its label, value, lines, folded help and the citation
    (with the shared period) of its group."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.cards: list[dict] = []
        self._source: list[str] = []
        self._field: str | None = None
        self._in_card = False

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if tag == "p" and "antq-cite" in classes:
            self._source, self._field = [], "source"
        elif tag == "p" and "antq-card-meta" in classes and not self._in_card:
            self._source.append("\n")
            self._field = "source"
        elif tag == "li":
            self._in_card = True
            self.cards.append({"label": "", "value": "", "lines": "", "help": "", "source": "".join(self._source)})
        elif self._in_card and tag == "p":
            self._field = {"antq-card-label": "label", "antq-card-value": "value",
                           "antq-card-meta": "lines"}.get(classes[0] if classes else "", "help")
        elif tag == "br" and self._field == "lines":
            self.cards[-1]["lines"] += "\n"
        elif tag == "summary":
            self._field = None

    def handle_endtag(self, tag):
        if tag == "li":
            self._in_card = False
        if tag in ("p", "li"):
            self._field = None

    def handle_data(self, data):
        if self._field == "source":
            self._source.append(data)
        elif self._field:
            self.cards[-1][self._field] += data


def tiles(at: AppTest) -> list[Tile]:
    """Every tile a reader sees: the overview's count tiles (a metric and its caption in a bordered box) and
    the cited-figure cards (components.app.cards), each with the headers of the boxes around it."""
    found = []
    for node, ancestors in _walk(at.main):
        kind = getattr(node, "type", "")
        if kind == "metric":
            box = ancestors[-1]
            captions = [c for c in box.children.values() if getattr(c, "type", "") == "caption"]
            assert len(captions) == 1, f"tile '{node.label}' has {len(captions)} captions"
            found.append(Tile(unmd(node.label), node.value, unmd(node.help or ""), unmd(captions[0].value),
                              _container_headers(ancestors[:-1])))
        elif kind == "html" and 'class="antq-cards"' in node.proto.body:
            parser = _Cards()
            parser.feed(node.proto.body)
            found += [Tile(card["label"], card["value"], card["help"], card["lines"],
                           _container_headers(ancestors), card["source"]) for card in parser.cards]
    return found


def texts(elements) -> list[str]:
    return [unmd(e.value) for e in elements]


def no_problem(at: AppTest) -> None:
    """The page ran without an exception and without an error box."""
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, texts(at.error)


# ---- every text a reader sees ----------------------------------------------------------------------------

_NOT_TEXT_FIELDS = {"id", "form_id", "spec", "config", "data", "url", "query_string", "page", "icon", "mime",
                    "file_name", "key", "theme", "deploy_params", "type", "value_type", "default_value",
                    "query_param_key"}  # a widget bound to the address: the parameter's name, not shown


def _proto_strings(message) -> list[str]:
    """Every string field of a protobuf message (labels, help, body, options, …), nested messages included."""
    found: list[str] = []
    for descriptor, value in message.ListFields():
        if descriptor.name in _NOT_TEXT_FIELDS:
            continue
        values = value if isinstance(value, Sequence) and not isinstance(value, str) else [value]
        for item in values:
            if isinstance(item, str):
                found.append(item)
            elif hasattr(item, "ListFields"):
                found.extend(_proto_strings(item))
    return found


_NOT_SHOWN_KEYS = {"ids", "name", "template", "type", "xref", "yref", "xanchor", "yanchor", "textposition",
                   "family", "color", "bgcolor", "marker", "line", "insidetextanchor", "sizemode", "mode"}


def _json_strings(value) -> list[str]:
    """The strings of a Plotly figure's JSON a reader can see (not its ids, names, colours or settings)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for key, item in value.items() if key not in _NOT_SHOWN_KEYS for text in _json_strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in _json_strings(item)]
    return []


_SCRIPT = re.compile(r"<script>.*?</script>", re.DOTALL)


def shown_texts(at: AppTest) -> list[str]:
    """Every text of the page as a reader sees it (Markdown and Plotly escapes undone): titles, captions,
    notices, tile labels and help, widget labels, options and help, button labels, links, table headers and
    cells, and the titles, axes, footers, bar texts and hovers of every chart."""
    found: list[str] = []
    for root in (at.main, at.sidebar):
        for node, _ in _walk(root):
            proto = getattr(node, "proto", None)
            if proto is None:
                continue
            if getattr(node, "type", "") == "plotly_chart":
                found += [unplot(text) for text in _json_strings(json.loads(proto.spec))]
                continue
            if getattr(node, "type", "") in ("dataframe", "arrow_data_frame"):
                table = node.value
                found += [str(column) for column in table.columns]
                found += [cell for column in table.columns for cell in table[column] if isinstance(cell, str)]
                continue
            if getattr(node, "type", "") == "bidi_component":  # a component's code is not shown; its HTML is
                found += html_texts(_SCRIPT.sub("", proto.html_content))
                continue
            if getattr(node, "type", "") == "html":  # st.html: its text as shown, and the names read aloud
                found += html_texts(_SCRIPT.sub("", proto.body))
                continue
            if getattr(node, "type", "") == "table":  # st.table: its cells and headers are Markdown
                table = node.value
                found += [unmd(str(column)) for column in table.columns]
                found += [unmd(cell) for column in table.columns for cell in table[column] if isinstance(cell, str)]
                continue
            found += [unmd(_SCRIPT.sub("", text)) for text in _proto_strings(proto)]  # a script is not shown
    return [text for text in found if text.strip()]
