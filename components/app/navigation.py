"""The app's pages, as the page registry (components/views/registry.py) declares them, and which page shows a
given place."""

from __future__ import annotations

from components.table.index import CatalogueIndex
from components.views.registry import PAGES, PLACE_PAGES, PageSpec

__all__ = ["PAGES", "PageSpec", "page_for_place"]


def page_for_place(index: CatalogueIndex, place_id: str) -> tuple[str, str, str] | None:
    """(page file, query parameter, its value) of the page that shows `place_id`: wards on the ward page;
    provinces, the districts inside them and groups (on a member's page) on the province page."""
    place = index.places.get(place_id)
    if place is None:
        return None
    province_page, ward_page = PLACE_PAGES["province"], PLACE_PAGES["ward"]
    if place.level == "ward":
        return ward_page.file, ward_page.param, place_id
    if place.level == "group":
        members = [m for m in place.members or [] if m in index.places]
        return (province_page.file, province_page.param, members[0]) if members else None
    province = index.province_of(place_id)
    return (province_page.file, province_page.param, province) if province else None
