"""The app's pages: their files, URL paths and titles, and which page shows a given place."""

from __future__ import annotations

from dataclasses import dataclass

from components.table.index import CatalogueIndex


@dataclass(frozen=True)
class PageSpec:
    file: str  # relative to the repository root, where dashboard.py is
    url_path: str
    title_key: str
    icon: str
    default: bool = False


PAGES = (
    PageSpec("components/app/pages/overview.py", "overview", "page_overview", ":material/dashboard:", True),
    PageSpec("components/app/pages/province.py", "province", "page_province", ":material/map:"),
    PageSpec("components/app/pages/ward.py", "ward", "page_ward", ":material/location_city:"),
    PageSpec("components/app/pages/sources.py", "sources", "page_sources", ":material/menu_book:"),
    PageSpec("components/app/pages/quality.py", "data-quality", "page_quality", ":material/fact_check:"),
)
PROVINCE_PAGE, WARD_PAGE = PAGES[1].file, PAGES[2].file


def page_for_place(index: CatalogueIndex, place_id: str) -> tuple[str, str, str] | None:
    """(page file, query parameter, its value) of the page that shows `place_id`: wards on the ward page;
    provinces, the districts inside them and groups (on a member's page) on the province page."""
    place = index.places.get(place_id)
    if place is None:
        return None
    if place.level == "ward":
        return WARD_PAGE, "ward", place_id
    if place.level == "group":
        members = [m for m in place.members or [] if m in index.places]
        return (PROVINCE_PAGE, "province", members[0]) if members else None
    province = index.province_of(place_id)
    return (PROVINCE_PAGE, "province", province) if province else None
