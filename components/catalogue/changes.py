"""Changes over a period as figures of their own: each change a source states ('down 28.2 %', 'down 380 cases
against 2024') becomes a figure of a derived metric of kind 'change', so no step adds it to a count or compares
it with one."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING

from components.catalogue.schema import Metric

if TYPE_CHECKING:
    from components.catalogue.load import FigureRecord

SEPARATOR = "~"  # between a figure's id and the change derived from it: never in a curator's id
BY, PERCENT = "change", "change-percent"
CHANGE_KINDS = (BY, PERCENT)  # the kinds of the derived metrics


def year_before(day: dt.date) -> dt.date:
    """The same day a year earlier (28 February for a 29 February)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def expected_comparison(figure: FigureRecord) -> tuple[dt.date | None, dt.date | None]:
    """The period a year before the figure's: its start and, when the figure's end is a date, its end."""
    period = figure.period
    start = year_before(period.start) if period and period.start else None
    end = year_before(period.end) if period and isinstance(period.end, dt.date) else None
    return start, end


def is_year_on_year(figure: FigureRecord) -> bool:
    start, end = expected_comparison(figure)
    compared = figure.change.compared_with
    return start == compared.start and (end is None or end == compared.end)


def derived_metric(metric: Metric, kind: str) -> Metric:
    """The metric of a change of `metric`: in its unit (kind 'change') or in percent ('change-percent')."""
    percent = kind == PERCENT
    first_en = metric.label[:1].lower() + metric.label[1:]
    first_vi = (metric.label_vi[:1].lower() + metric.label_vi[1:]) if metric.label_vi else None
    return Metric.model_construct(  # not validated: its id holds the separator no curator's id may hold
        id=f"{metric.id}{SEPARATOR}{kind}", kind=kind, theme=metric.theme,
        label=f"Change in {first_en}, against a year earlier",
        label_vi=f"Tăng, giảm {first_vi} so với cùng kỳ năm trước" if first_vi else None,
        unit=("percent change" if percent else f"{metric.unit}, change") + " against a year earlier",
        unit_vi=(("% tăng, giảm" if percent else f"{metric.unit_vi} tăng, giảm") + " so với cùng kỳ năm trước")
        if metric.unit_vi else None,
        short_unit="%" if percent else metric.short_unit,
        short_unit_vi="%" if percent else metric.short_unit_vi,
        decimals=1 if percent else metric.decimals,
        description=f"How {first_en} changed against the same period a year earlier, as the source states it "
                    f"(a fall is negative). {metric.description}",
        description_vi=(f"Mức tăng, giảm của {first_vi} so với cùng kỳ năm trước, đúng như nguồn ghi (giảm là số "
                        f"âm). {metric.description_vi}") if first_vi and metric.description_vi else None)


def expand(figures: list[FigureRecord], metrics: dict[str, Metric]) -> tuple[list[FigureRecord], dict[str, Metric]]:
    """The figures with each stated change as a figure of its own (the figure itself kept when it has a value),
    and the derived metrics they need. A change's figure keeps the statement it comes from (`change`), so that
    it can say what it is compared with; nothing expands a catalogue's figures twice."""
    out: list[FigureRecord] = []
    derived: dict[str, Metric] = {}
    for figure in figures:
        if figure.value is not None:
            out.append(figure)
        change = figure.change
        if change is None:
            continue
        for kind, number in ((BY, change.by), (PERCENT, change.percent)):
            if number is None:
                continue
            metric = metrics.get(figure.metric)
            metric_id = f"{figure.metric}{SEPARATOR}{kind}"
            if metric is not None and metric_id not in derived:
                derived[metric_id] = derived_metric(metric, kind)
            out.append(dataclasses.replace(figure, id=f"{figure.id}{SEPARATOR}{kind}", metric=metric_id, value=number,
                                           denominator=None, stated_rate=None, qualifier=change.qualifier,
                                           change=change, part_of=None))
    return out, derived
