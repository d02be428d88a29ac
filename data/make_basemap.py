"""Writes data/basemap.csv: the centre points of Vietnam's 2025 wards and communes, rounded, from the official
catalogue in the `vietnamadminunits` package. The map draws them as a faint outline of the country, so it
needs no map tiles and no internet. Run: .venv/bin/python data/make_basemap.py"""

import csv
import sqlite3
from pathlib import Path

import vietnamadminunits

DB = Path(vietnamadminunits.__file__).parent / "data" / "dataset.db"
OUT = Path(__file__).with_name("basemap.csv")


def main() -> None:
    with sqlite3.connect(DB) as db:
        rows = db.execute("SELECT wardLat, wardLon FROM admin_units WHERE wardLat IS NOT NULL").fetchall()
    points = sorted({(round(lat, 2), round(lon, 2)) for lat, lon in rows})
    with OUT.open("w", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["lat", "lon"])
        writer.writerows(points)
    print(f"wrote {len(points)} points to {OUT}")


if __name__ == "__main__":
    main()
