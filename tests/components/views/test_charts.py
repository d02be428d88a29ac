"""Chart builders: pure functions from display rows to a figure that explains itself in a screenshot."""

from __future__ import annotations

import ast
import re
from dataclasses import replace
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest
from dashboard_helpers import hover_texts, unplot

from components.views import charts

ROOT = Path(__file__).resolve().parents[3]
TEXT = charts.ChartText(title="Cameras <b>by</b> place", subtitle="as of 30 Jun 2024", value_axis="cameras")


def rows(**columns) -> pd.DataFrame:
    base = {
        "bar_label": ["Ward A", "Ward B", "Ward C"],
        "value": [120.0, 900.0, 85.0],
        "value_text": ["120", "900", "≈ 85"],
        "time_text": ["as of 30 Jun 2024"] * 3,
        "source_text": ["Test Gazette, “Cameras”, published 15 Jul 2024"] * 3,
        "color": ["#16a085"] * 3,
        "figure_id": ["a", "b", "c"],
    }
    base.update(columns)
    return pd.DataFrame(base)


def footer_of(figure: go.Figure) -> go.layout.Annotation:
    notes = [a for a in figure.layout.annotations if a.name == "source-footer"]
    assert len(notes) == 1
    return notes[0]


def plain(text: str) -> str:
    return text.replace("<br>", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


# ---- purity --------------------------------------------------------------------------------------------


def test_builders_use_no_streamlit():
    tree = ast.parse((ROOT / "components" / "views" / "charts.py").read_text(encoding="utf-8"))
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    assert not any(name.split(".")[0] == "streamlit" for name in imported), imported


@pytest.mark.parametrize("build", [charts.bars, lambda r, t: charts.shares(r.assign(share=[50.0, 20.0, 90.0],
                                                                                     bar_text=["x"] * 3), t)])
def test_builders_return_a_figure_and_leave_their_input_alone(build):
    data = rows()
    before = data.copy()
    first, second = build(data, TEXT), build(data, TEXT)
    assert isinstance(first, go.Figure)
    pd.testing.assert_frame_equal(data, before)
    assert first.to_json() == second.to_json(), "the same rows give the same figure"


# ---- bars ----------------------------------------------------------------------------------------------


def labels_of(figure: go.Figure) -> list[str]:
    return [plain(a.text) for a in figure.layout.annotations if a.name == "bar-label"]


def test_bars_sorted_largest_on_top_each_labelled_above_with_its_value_and_id():
    figure = charts.bars(rows(), TEXT)
    (bar,) = figure.data
    assert bar.orientation == "h"
    assert list(bar.x) == [900.0, 120.0, 85.0]
    assert list(bar.ids) == ["b", "a", "c"]
    assert list(bar.y) == sorted(bar.y), "the first row on top (the y axis runs downwards)"
    assert labels_of(figure) == ["Ward B: 900", "Ward A: 120", "Ward C: ≈ 85"]
    assert list(figure.layout.yaxis.range)[0] > list(figure.layout.yaxis.range)[1]


def test_bars_explain_themselves_title_axis_footer_credit():
    text = charts.ChartText(title=TEXT.title, subtitle=TEXT.subtitle, value_axis="cameras", credit="Dashboard · /x")
    figure = charts.bars(rows(), text)
    assert plain(figure.layout.title.text) == "<b>Cameras <b>by</b> place</b>"
    assert figure.layout.title.text == "<b>Cameras &lt;b&gt;by&lt;/b&gt; place</b>"
    assert figure.layout.title.subtitle.text == "as of 30 Jun 2024"
    assert figure.layout.title.pad.t >= charts.TOOLBAR_PX, "the toolbar has a strip of its own above the title"
    assert figure.layout.xaxis.title.text == "cameras"
    footer = footer_of(figure)
    assert plain(footer.text) == ("Source: Test Gazette, “Cameras”, published 15 Jul 2024 · Period: as of 30 Jun "
                                  "2024 Dashboard · /x")
    assert footer.yref == "paper" and footer.y == 0 and footer.yshift < 0, "below the plot, inside the figure"
    assert figure.layout.margin.b >= -footer.yshift + 14 * len(footer.text.split("<br>"))
    assert figure.layout.template.layout.font.family == charts.FONT, "the one template"


def test_footer_names_every_source_and_period_once():
    data = rows(source_text=["Gazette A", "Gazette B", "Gazette A"],
                time_text=["2024", "as of 30 Jun 2024", "2024"])
    assert charts.footer_text(data, TEXT) == "Sources: Gazette A; Gazette B · Periods: 2024; as of 30 Jun 2024"


@pytest.mark.parametrize("width", charts.TEXT_WIDTHS)
@pytest.mark.parametrize("build", ["bars", "shares", "timeline"])
def test_every_text_is_wrapped_to_the_charts_width_and_fills_it(build, width):
    long = " ".join(["Households and units given the hotline key ring in Trì Quang"] * 3)
    data = rows(source_text=[long] * 3, bar_label=[long, "B", "C"], share=[1.0, 2.0, 3.0], bar_text=["1"] * 3,
                start=["2024-01-01"] * 3, end=["2024-06-30"] * 3)
    figure = getattr(charts, build)(data, charts.ChartText(title=long, subtitle=long, credit=long, width=width))
    texts = [(figure.layout.title.text, charts.TITLE_SIZE), (figure.layout.title.subtitle.text, charts.SUBTITLE_SIZE),
             *[(a.text, a.font.size or figure.layout.template.layout.annotationdefaults.font.size)
               for a in figure.layout.annotations]]  # a bar's label takes its size from the template
    room = width - 2 * charts.MARGIN_PX
    for text, size in texts:
        lines = text.replace("<b>", "").replace("</b>", "").split("<br>")
        widths = [charts.text_px(plain(line), size, bold=size == charts.TITLE_SIZE) for line in lines]
        assert max(widths) <= room, lines
        if len(lines) > 1:  # a wrapped text fills the width: its first line is not a narrower screen's
            assert widths[0] > room - 80, lines
    assert len(footer_of(figure).text.split("<br>")) > (3 if width == charts.NARROWEST_PX else 1)


def test_wrap_px_never_breaks_at_a_no_break_space():
    text = "1,707 of 1,914 cases (computed:\u00a089.2\u00a0%) (reported:\u00a089.1\u00a0%)"
    widest = max(charts.text_px(word, charts.LABEL_SIZE) for word in text.split(" "))  # '(reported: 89.1 %)'
    for width in range(int(widest) + 1, 400, 7):
        lines = charts.wrap_px(text, width, charts.LABEL_SIZE)
        assert not any(line.startswith("%") for line in lines), (width, lines)
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_wrap_px_keeps_words_whole_and_cuts_only_what_cannot_fit():
    lines = charts.wrap_px("a " * 50 + "https://example.org/" + "x" * 120, 200, 11)
    assert all(charts.text_px(line, 11) <= 200 for line in lines)
    assert "".join(lines).replace(" ", "") == ("a" * 50 + "https://example.org/" + "x" * 120)


@pytest.mark.parametrize("hostile", ["<b>x</b>", "<script>alert(1)</script>", "a & b <br> c"])
def test_catalogue_text_is_inert_everywhere_in_the_figure(hostile):
    data = rows(bar_label=[hostile, "B", "C"], value_text=[hostile, "1", "2"], time_text=[hostile] * 3,
                source_text=[hostile] * 3, bar_text=[hostile, "1", "2"])
    text = charts.ChartText(title=hostile, subtitle=hostile, value_axis=hostile)
    for figure in (charts.bars(data, text), charts.shares(data.assign(share=[1.0, 2.0, 3.0]), text)):
        spec = figure.to_plotly_json()
        strings = [figure.layout.title.text.removeprefix("<b>").removesuffix("</b>"),
                   figure.layout.title.subtitle.text, figure.layout.xaxis.title.text,
                   footer_of(figure).text.replace("<br>", ""),
                   *[a.text.replace("<br>", "") for a in figure.layout.annotations]]
        # the hover as shown, but for the template's own markup
        strings += [re.sub(r"</?(b|i|br)>", " ", hover) for hover in hover_texts(spec["data"][0])]
        for shown in strings:
            assert "<" not in shown and ">" not in shown, shown
        assert "&lt;" in figure.layout.title.text


def test_hover_shows_value_period_and_source():
    figure = charts.bars(rows(), TEXT)
    by_id = dict(zip(figure.data[0].ids, hover_texts(figure.data[0]), strict=True))
    assert by_id["c"] == ("<b>Ward C</b><br>≈ 85<br>Period: as of 30 Jun 2024<br>"
                          "Source: Test Gazette, “Cameras”, published 15 Jul 2024")
    assert by_id["b"].startswith("<b>Ward B</b><br>900<br>")


def test_what_every_bar_shares_is_sent_once_and_what_differs_with_each_bar():
    """A chart's JSON goes to the browser at every rerun: a shared period and source are in the hover's template,
    not repeated for each of a comparison's bars."""
    sent = charts.bars(rows(), TEXT).data[0].to_plotly_json()
    assert str(sent).count("as of 30 Jun 2024") == 1 and str(sent).count("Test Gazette") == 1
    assert [list(point) for point in sent["customdata"]] == [["Ward B", "900"], ["Ward A", "120"], ["Ward C", "≈ 85"]]
    differing = charts.bars(rows(time_text=["2023", "2024", "2025"], source_text=["Gazette A", "B", "C"]), TEXT)
    by_id = dict(zip(differing.data[0].ids, hover_texts(differing.data[0]), strict=True))
    assert "Period: 2023<br>Source: Gazette A" in by_id["a"] and "Period: 2025<br>Source: C" in by_id["c"]


def test_a_shared_text_that_looks_like_a_hover_variable_is_shown_as_typed():
    source = "Report %{x} of the bureau"
    figure = charts.bars(rows(source_text=[source] * 3), TEXT)
    assert all(f"Source: {source}" in hover for hover in hover_texts(figure.data[0]))
    assert source not in figure.data[0].hovertemplate, "Plotly would put the bar's x in its place"


def test_hover_shows_the_figures_note_under_its_source_as_text():
    note = "Paid by residents <b>and</b> some local donors, " * 3
    figure = charts.bars(rows(note_text=["", "", note]), TEXT)
    by_id = dict(zip(figure.data[0].ids, hover_texts(figure.data[0]), strict=True))
    shown = by_id["c"].partition("published 15 Jul 2024")[2]
    assert shown.startswith("<br><i>") and "&lt;b&gt;and&lt;/b&gt;" in shown and "<b>" not in shown
    assert shown.count("<br>") > 1, "a long note is wrapped"
    assert by_id["a"].endswith("published 15 Jul 2024")



def test_a_hover_fits_its_chart_with_a_long_source_and_note_wrapped_whole():
    """Plotly never wraps a hover: a source's long title ran off a phone's screen. Every line of every hover
    fits the chart's text width (a phone's, an image's), and the source and note read whole."""
    title = "Residents' self-management of security helps Hạ Long build a civilised city, " * 2
    source, note = f"Báo Quảng Ninh, “{title.strip()}”, published 1 Aug 2025", "Counted by the ward's police. " * 8
    for width in charts.TEXT_WIDTHS:
        figure = charts.bars(rows(source_text=[source] * 3, note_text=["", "", note]), replace(TEXT, width=width))
        hovers = dict(zip(figure.data[0].ids, hover_texts(figure.data[0]), strict=True))
        for hover in hovers.values():
            for line in hover.split("<br>")[1:]:  # the place's name, in bold, is short
                shown = unplot(re.sub(r"</?i>", "", line))
                assert charts.text_px(shown, charts.HOVER_SIZE) <= width - charts.HOVER_PAD_PX, (width, shown)
        lines = [unplot(line) for line in hovers["c"].split("<br>")]
        start = next(i for i, line in enumerate(lines) if line.startswith("Source: "))
        notes = [i for i, line in enumerate(lines) if line.startswith("<i>")]
        assert " ".join(lines[start:notes[0]]) == f"Source: {source}", width
        assert " ".join(re.sub(r"</?i>", "", lines[i]) for i in notes) == note.strip(), width
        assert len(notes) > 1 and notes[-1] == len(lines) - 1

# ---- shares --------------------------------------------------------------------------------------------


def test_shares_on_a_0_to_100_axis_with_the_rest_in_grey():
    data = rows(share=[89.2, 100.0, 48.4], bar_text=["1,707 of 1,914", "11 of 11", "1,650 of 3,410"])
    figure = charts.shares(data, TEXT)
    part, rest = figure.data
    assert list(figure.layout.xaxis.range) == [0, 100]
    assert figure.layout.xaxis.ticksuffix == " %"
    assert figure.layout.barmode == "stack"
    assert list(part.x) == [100.0, 89.2, 48.4]
    assert [p + r for p, r in zip(part.x, rest.x, strict=True)] == [pytest.approx(100)] * 3
    assert list(part.ids) == ["b", "a", "c"] and rest.ids is None
    assert labels_of(figure) == ["Ward B: 11 of 11", "Ward A: 1,707 of 1,914", "Ward C: 1,650 of 3,410"]
    assert rest.hoverinfo == "skip"


def test_a_share_above_100_leaves_no_negative_rest():
    figure = charts.shares(rows(share=[120.0, 50.0, 0.0], bar_text=["a", "b", "c"]), TEXT)
    assert min(figure.data[1].x) == 0


# ---- map and timeline ------------------------------------------------------------------------------------


def test_timeline_one_line_per_row_from_start_to_end():
    data = rows(start=["2024-01-01", "2025-07-01", "2021-01-01"], end=["2024-06-30", "2025-08-01", "2025-06-30"])
    figure = charts.timeline(data, TEXT)
    assert [list(trace.x) for trace in figure.data] == [["2024-01-01", "2024-06-30"], ["2021-01-01", "2025-06-30"],
                                                        ["2025-07-01", "2025-08-01"]]
    assert figure.layout.xaxis.type == "date"
    assert figure.layout.xaxis.title.text == "cameras"
    assert plain(footer_of(figure).text).startswith("Source: Test Gazette")


def test_over_time_draws_overlapping_periods_of_nearly_equal_values_each_on_its_own_labelled_row():
    """A six-month and a twelve-month figure of nearly the same value, and a figure at a date: each on a row of
    its own, labelled with its period and value, none joined to another."""
    data = rows(value=[-26.94, -27.0, 12.0], value_text=["−26.94 %", "−27 %", "12"],
                time_text=["1 Jan 2025 – 30 Jun 2025", "1 Jan 2025 – 31 Dec 2025", "as of 9 Sept 2025"],
                start=["2025-01-01", "2025-01-01", ""], end=["2025-06-30", "2025-12-31", "2025-09-09"])
    figure = charts.over_time(data, TEXT)
    *lines, points = figure.data
    assert list(points.ids) == ["a", "c", "b"] and "lines" not in points.mode, "in time order, never joined"
    assert len(set(points.y)) == 3, "each figure on its own row"
    assert [(list(line.x), line.y[0]) for line in lines] == [
        (["2025-01-01", "2025-06-30"], points.y[0]), (["2025-01-01", "2025-12-31"], points.y[2])]
    assert all(line.y[0] == line.y[1] for line in lines)
    assert labels_of(figure) == ["1 Jan 2025 – 30 Jun 2025: −26.94 %", "as of 9 Sept 2025: 12",
                                 "1 Jan 2025 – 31 Dec 2025: −27 %"]
    label_rows = [a.y for a in figure.layout.annotations if a.name == "bar-label"]
    assert all(label < point for label, point in zip(label_rows, points.y, strict=True)), "each label above its row"
    assert all(point < label for point, label in zip(points.y, label_rows[1:], strict=False)), (
        "a row's label below the row before it")
