"""Reference data bundled under data/ besides the places: the outline points the map is drawn on."""

from __future__ import annotations

import functools

import pandas as pd

from components.catalogue.schema import ROOT

BASEMAP = ROOT / "data" / "basemap.csv"


@functools.cache
def load_basemap() -> pd.DataFrame:
    """lat/lon points outlining the country (empty when the file is missing: the map then shows places only)."""
    if not BASEMAP.is_file():
        return pd.DataFrame({"lat": pd.Series(dtype=float), "lon": pd.Series(dtype=float)})
    return pd.read_csv(BASEMAP, dtype={"lat": float, "lon": float})
