"""The page registry: each page of the app once, as plain data (its script, URL path, query parameter, title, view
and whether the exported report holds it), and the one function that writes a page's address. Plain data, so
that the views (for the address under every chart), the app and the report all read it without Streamlit."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from components.views.address import dashboard_url
from components.words.i18n import DEFAULT_LANG


@dataclass(frozen=True)
class PageSpec:
    url_path: str
    file: str  # the page script, relative to the repository root, where dashboard.py is
    title_key: str
    icon: str
    param: str = ""  # the query parameter naming what the page shows ('province', 'ward', 'metric'; the overview's
    #                  names its map's metric), '' for none. A page of choices keeps the reader's choice under its
    #                  own key, 'select-<url_path>': the map's metric and the page by measure's are not one choice
    view: str = ""  # the function of components.views.page_views that builds its view: (index, chosen, lang, width)
    choices: str = ""  # the function of page_views listing the choices the report holds a page of: the page is one
    #                    per choice (and the tab names it); '' for a single page
    choice_key: str = ""  # the message labelling the page's selector of `param`
    none_key: str = ""  # the message the page shows when there is nothing to choose
    reported: bool = False  # the exported report holds this page (one report page per choice, when it has a param)
    default: bool = False


PAGES = (
    PageSpec("overview", "components/app/pages/overview.py", "page_overview", ":material/dashboard:",
             param="metric", view="overview_view", reported=True, default=True),
    PageSpec("province", "components/app/pages/province.py", "page_province", ":material/map:", param="province",
             view="province_page", choices="province_ids", choice_key="province", none_key="no_provinces",
             reported=True),
    PageSpec("ward", "components/app/pages/ward.py", "page_ward", ":material/location_city:", param="ward",
             view="ward_page", choices="ward_ids", choice_key="ward", none_key="no_wards", reported=True),
    PageSpec("measure", "components/app/pages/measure.py", "page_measure", ":material/bar_chart:", param="metric",
             view="measure_page", choices="compared_metric_ids", choice_key="measure_metric",
             none_key="no_metrics", reported=True),
    PageSpec("sources", "components/app/pages/sources.py", "page_sources", ":material/menu_book:"),
    PageSpec("data-quality", "components/app/pages/quality.py", "page_quality", ":material/fact_check:"),
)
BY_PATH = {spec.url_path: spec for spec in PAGES}
# the pages that show one place, by the level of the places they show
PLACE_PAGES = {spec.param: spec for spec in PAGES if spec.param in ("province", "ward")}
MEASURE = BY_PATH["measure"]

def page_address(lang: str, url_path: str, value: str = "") -> str:
    """The full address of a page view as a reader would type it ('https://…/province?province=<id>&lang=vi'): the
    value given to the page's own query parameter, the language added when it is not English; '' when the
    dashboard's address is not set (components/views/address.py), as a bare path leads nowhere from an image."""
    spec = BY_PATH[url_path]
    base = dashboard_url()
    if not base:
        return ""
    query = [f"{spec.param}={quote(value, safe='')}"] if spec.param and value else []
    if lang != DEFAULT_LANG:
        query.append(f"lang={lang}")
    path = "" if spec.default else url_path  # Streamlit serves the default page at the root, not at its path
    return f"{base}/{path}" + (f"?{'&'.join(query)}" if query else "")
