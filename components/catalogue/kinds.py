"""What each kind of metric means, in one table: the schema, the checks, the views and the widgets ask it instead
of comparing kind names. A new kind is one row here (and its name in the locale files when it has one)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    description: str  # for the schema (and so the editors' JSON Schema)
    non_negative: bool = True  # a value below zero is an error
    value_range: tuple[float, float] | None = None  # the values it can take, when bounded
    whole_numbers: bool = False  # with 0 decimals, a value with decimals is an error (and '1.234' a thousands dot)
    summable: bool = False  # parts add up to their whole: a child's figure cannot exceed its parent's, and a
    #                         part can be drawn inside its whole
    is_percent: bool = False  # the value is itself a share in percent: shown with '%', compared as a rate
    name_key: str | None = None  # message naming the kind in a finding ('finding_negative')
    sign: str = ""  # written after the value on cards and tiles ('%')
    signed: bool = False  # a change: written with its sign ('+12', '−380') and what it is compared with


KINDS: dict[str, Kind] = {
    "count": Kind("whole things", whole_numbers=True, summable=True, name_key="finding_kind_count"),
    "money": Kind("an amount", summable=True, name_key="finding_kind_money"),
    "weight": Kind("an amount weighed, in the metric's unit (kilograms)", summable=True,
                   name_key="finding_kind_weight"),
    "percent": Kind("0-100", non_negative=False, value_range=(0, 100), is_percent=True, sign="%"),
    "years": Kind("years in a row", name_key="finding_kind_years"),
    # a change against a year earlier, as the source states it (components/catalogue/changes.py derives these
    # metrics): never summed, never drawn as a share, never compared with the counts it changes
    "change": Kind("a change against a year earlier, in the metric's unit", non_negative=False, signed=True),
    "change-percent": Kind("a change against a year earlier, in percent", non_negative=False, sign="%",
                           signed=True),
}


def kinds_where(attribute: str) -> tuple[str, ...]:
    """Names of the kinds whose `attribute` is true ('summable' -> ('count', 'money'))."""
    return tuple(name for name, kind in KINDS.items() if getattr(kind, attribute))


def unit_sign(name: str) -> str:
    """'%' for a kind whose value is in percent (cards and tiles write it after the value), else ''."""
    return KINDS[name].sign if name in KINDS else ""


def is_signed(name: str) -> bool:
    """True for a kind whose values are changes, written with their sign."""
    return name in KINDS and KINDS[name].signed


NAMES = tuple(KINDS)
PERCENT = kinds_where("is_percent")  # kinds whose value is itself a rate, for comparisons of frame rows
SUMMABLE = kinds_where("summable")
DESCRIPTION = "; ".join(f"{name}: {kind.description}" for name, kind in KINDS.items()) + "."
