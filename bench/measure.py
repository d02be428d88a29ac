"""The app against its floors: page script times (AppTest) vs the bundled catalogue, browser time to charts vs a
bare Streamlit page of the same figures, export per chart vs kaleido's own batch, and the server's memory.

Load + validate vs the C-loader parse is common.validation_ratio. Every function here takes the metrics.yaml of a
catalogue and measures the two sides in the same process run, taking turns, so that noise hits both alike.
"""

from __future__ import annotations

import asyncio
import pickle
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (  # noqa: E402
    BROWSER_ARGS,
    IDLE,
    ROOT,
    free_port,
    metrics_env,
    rss_mb,
    start_server,
    stop_server,
)

from components.app import navigation  # noqa: E402

BUNDLED = ROOT / "metrics.yaml"
PAGES = {page.url_path: page.file for page in navigation.PAGES}  # the app's page registry, by URL path
# A page is drawn when the script is idle and every chart's div has been plotted (Plotly sets _fullLayout and
# draws its .main-svg layers; a chart has several of them, so counting .main-svg alone would stop early).
CHARTS_DRAWN = ("n => { const plots = [...document.querySelectorAll('.js-plotly-plot')];"
                " return plots.length >= n && plots.every(p => p._fullLayout && p.querySelector('.main-svg'))"
                " && document.querySelector('" + IDLE.replace("'", "\\'") + "') !== null; }")


def index_of(path: Path):
    """The index the app serves for this catalogue (components.table.index_from_file, read in this process)."""
    from components.table.index_from_file import prepare_here

    return prepare_here(path).index


def heaviest_places(index) -> dict[str, str]:
    """The province with the most figures in its subtree and the ward with the most figures of its own: the
    heaviest page of each kind."""
    places = index.places
    wards = [p for p in index.rows_of if places[p].level == "ward"]
    provinces = [p for p in places if places[p].level == "province"]
    return {"ward": max(wards, key=lambda p: (len(index.rows_of[p]), p)),
            "province": max(provinces, key=lambda p: (len(index.subtree_positions(p)), p))}


def ward_like(index, figures: int) -> str:
    """A ward with as many figures of its own as `figures` (the closest count; the larger on a tie): its page
    shows as much as the other's, so the two times differ by what the catalogue's size costs."""
    wards = [p for p in index.rows_of if index.places[p].level == "ward"]
    return min(wards, key=lambda p: (abs(len(index.rows_of[p]) - figures), -len(index.rows_of[p]), p))


# ---- page script time --------------------------------------------------------------------------------------


def page_seconds(path: Path, base: Path = BUNDLED, repeats: int = 5) -> dict[str, dict[str, float]]:
    """Median script time of each page (AppTest, reruns after the first run has loaded and cached the
    catalogue) on `path` and on `base`, the two catalogues taking turns: the rerun's wall time ("ours", "base")
    and the process's CPU time during the rerun ("ours_cpu", "base_cpu": the page script's thread and what AppTest
    does around it, not time spent waiting for a core). The province and ward pages show the heaviest province
    and ward of each catalogue."""
    from streamlit.testing.v1 import AppTest

    found = {}
    sides = {"ours": path, "base": base}
    indexes = {side: index_of(file) for side, file in sides.items()}
    chosen = {side: heaviest_places(index) for side, index in indexes.items()}
    # the ward page: a ward with as many figures as the bundled catalogue's heaviest ward (the target), and the
    # heaviest ward of this catalogue (more figures shown: more tiles, rows and bars)
    chosen["ours"]["ward-heaviest"] = chosen["ours"]["ward"]
    chosen["base"]["ward-heaviest"] = chosen["base"]["ward"]
    chosen["ours"]["ward"] = ward_like(indexes["ours"], len(indexes["base"].rows_of[chosen["base"]["ward"]]))
    del indexes
    pages = {**PAGES, "ward-heaviest": PAGES["ward"]}
    for name, page in pages.items():
        apps = {}
        for side, file in sides.items():
            with metrics_env(file):
                app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=900)
                if name in ("province", "ward", "ward-heaviest"):
                    app.query_params[name.split("-")[0]] = chosen[side][name]
                app.run()
                app.switch_page(page).run()
                if app.exception:
                    raise RuntimeError(f"{name} page failed on {file}: {app.exception[0].value}")
                apps[side] = app
        times: dict[str, list[float]] = {side: [] for side in sides}
        cpu: dict[str, list[float]] = {side: [] for side in sides}
        for turn in range(repeats):
            for side in (sides if turn % 2 == 0 else reversed(list(sides))):
                with metrics_env(sides[side]):
                    started, cpu_started = time.perf_counter(), time.process_time()
                    apps[side].run()
                    times[side].append(time.perf_counter() - started)
                    cpu[side].append(time.process_time() - cpu_started)
                if apps[side].exception:
                    raise RuntimeError(f"{name} page failed on {sides[side]}: {apps[side].exception[0].value}")
        found[name] = {**{side: statistics.median(values) for side, values in times.items()},
                       **{f"{side}_cpu": statistics.median(values) for side, values in cpu.items()}}
    return found


# ---- browser: time to charts, and the server's memory --------------------------------------------------

# A Streamlit page that shows the figures (pickled, argv[1]) and nothing else. With a URL path (argv[2]) it is
# that page of a multipage app, its navigation hidden: opened by its address, a page that is not an app's main
# page costs Streamlit a failed first connection (its frontend first tries the address's path as the app's base
# path, and only after that health check fails the root: streamlit/frontend UriUtil.getPossibleBaseUris, which
# says so). The app's province page pays that whatever it shows; that floor pays it too.
BARE_PAGE = '''
import pickle, sys
import streamlit as st
st.set_page_config(layout="wide")
figures = pickle.load(open(sys.argv[1], "rb"))
def charts():
    for i, figure in enumerate(figures):
        st.plotly_chart(figure, key=f"bare-{i}", width="stretch", theme="streamlit")
def main_page():
    pass
if len(sys.argv) > 2:
    st.navigation([st.Page(main_page, title="Main", default=True),
                   st.Page(charts, title="Charts", url_path=sys.argv[2])], position="hidden").run()
else:
    charts()
'''


async def _load_time(browser, url: str, charts: int) -> tuple[float, float]:
    """Seconds from navigation until every chart is drawn and the script is idle, in a fresh browser context (an
    empty cache, as a first visit), and the seconds the page's main thread was busy meanwhile (DevTools'
    `TaskDuration`: the browser's work, without the waits for a core)."""
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = await context.new_page()
        devtools = await context.new_cdp_session(page)
        await devtools.send("Performance.enable")
        started = time.perf_counter()
        await page.goto(url, wait_until="commit")
        await page.wait_for_function(CHARTS_DRAWN, arg=charts, timeout=300_000, polling=50)
        seconds = time.perf_counter() - started
        metrics = (await devtools.send("Performance.getMetrics"))["metrics"]
        drawn = await page.evaluate("document.querySelectorAll('.js-plotly-plot').length")
        if drawn != charts:
            raise RuntimeError(f"{url} drew {drawn} charts, expected {charts}")
        return seconds, next(m["value"] for m in metrics if m["name"] == "TaskDuration")
    finally:
        await context.close()


async def _loads_in_turns(urls: dict[str, str], charts: int, turns: int) -> dict[str, list[tuple[float, float]]]:
    """One browser; each page loaded once to warm its server, then `turns` turns of one timed load of each page,
    in a rotating order. Returns each page's (wall, busy) seconds by turn."""
    from playwright.async_api import async_playwright

    from components.report.rendering import find_browser

    sides = list(urls)
    times: dict[str, list[tuple[float, float]]] = {side: [] for side in sides}
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=find_browser(), args=BROWSER_ARGS)
        try:
            for side in sides:
                await _load_time(browser, urls[side], charts)
            for turn in range(turns):
                for side in sides[turn % len(sides):] + sides[:turn % len(sides)]:
                    times[side].append(await _load_time(browser, urls[side], charts))
        finally:
            await browser.close()
    return times


def turn_ratios(ours: list[float], floor: list[float]) -> list[float]:
    """Each turn's ratio of our load to the floor's, smallest first."""
    return sorted(a / b for a, b in zip(ours, floor, strict=True))


def paired_ratio(ours: list[float], floor: list[float]) -> float:
    """The median of the turns' ratios: each turn's two loads ran within seconds of each other, so a change in
    the machine's load from one minute to the next (other tenants of a shared machine) moves both alike."""
    return statistics.median(turn_ratios(ours, floor))


async def _visit(urls: list[str]) -> None:
    from playwright.async_api import async_playwright

    from components.report.rendering import find_browser

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=find_browser(), args=BROWSER_ARGS)
        page = await browser.new_page()
        for url in urls:
            await page.goto(url)
            await page.wait_for_selector(IDLE, timeout=300_000)
            await page.wait_for_timeout(500)
            await page.wait_for_selector(IDLE, timeout=300_000)
        await browser.close()


def browser_ratio(path: Path, turns: int = 15) -> dict:
    """Time until every chart the heaviest province page opens with is drawn (its first page of charts, when
    it has more than page_views.CHARTS_PER_PAGE): the app vs a bare Streamlit page that shows the same Plotly
    figures (nothing else) at the same kind of address, and vs the bare page at an app's root (BARE_PAGE, with and
    without a URL path). The three pages are loaded in turns (15: a load takes 2 to 7 s, and a shared machine
    makes one in five or so slow); each side's medians, the medians of the turns' ratios, and the main thread's
    busy time beside. Then every page of the app is visited once and the server's memory read: its peak (VmHWM)
    and current RSS."""
    from components.views import page_views, place_charts

    index = index_of(path)
    province = heaviest_places(index)["province"]
    ward = heaviest_places(index)["ward"]
    charts = place_charts.province_charts(index, province)
    shown = charts if len(charts) <= page_views.CHARTS_PER_PAGE else charts[:page_views.CHARTS_PER_PAGE]
    figures = [chart.figure for chart in shown]
    del index
    page_path = "province"
    address = f"{page_path}?province={province}"
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "figures.pkl").write_bytes(pickle.dumps(figures))
        (tmp / "bare.py").write_text(BARE_PAGE)
        ports = {side: free_port() for side in ("app", "bare", "root_bare")}
        servers = {"app": start_server(ROOT / "dashboard.py", ports["app"], {"METRICS_FILE": str(path)}, timeout=300),
                   "bare": start_server(tmp / "bare.py", ports["bare"], {}, [str(tmp / "figures.pkl"), page_path]),
                   "root_bare": start_server(tmp / "bare.py", ports["root_bare"], {}, [str(tmp / "figures.pkl")])}
        try:
            urls = {"app": f"http://127.0.0.1:{ports['app']}/{address}",
                    "bare": f"http://127.0.0.1:{ports['bare']}/{address}",
                    "root_bare": f"http://127.0.0.1:{ports['root_bare']}/"}
            times = asyncio.run(_loads_in_turns(urls, len(figures), turns))
            base = f"http://127.0.0.1:{ports['app']}"
            asyncio.run(_visit([f"{base}/", f"{base}/{address}", f"{base}/ward?ward={ward}",
                                f"{base}/sources", f"{base}/data-quality"]))
            peak, now = rss_mb(servers["app"].pid, "VmHWM"), rss_mb(servers["app"].pid)
        finally:
            for server in servers.values():
                stop_server(server)
    found = {"charts": len(figures), "turns": turns, "rss_peak_mb": peak, "rss_mb": now}
    walls = {side: [wall for wall, _ in loads] for side, loads in times.items()}
    busy = {side: [task for _, task in loads] for side, loads in times.items()}
    for side in times:
        found[f"{side}_seconds"] = statistics.median(walls[side])
        found[f"{side}_task_seconds"] = statistics.median(busy[side])
    found["ratio"] = paired_ratio(walls["app"], walls["bare"])
    found["root_ratio"] = paired_ratio(walls["app"], walls["root_bare"])
    found["task_ratio"] = paired_ratio(busy["app"], busy["bare"])
    found["ratios"] = turn_ratios(walls["app"], walls["bare"])
    return found


# ---- cold start: from `streamlit run` to the first page drawn ---------------------------------------------


async def _cold(command_env: tuple[Path, dict, list[str]], path_url: str, charts: int) -> float:
    """Seconds from starting `streamlit run` until the first page has every chart drawn and its script is idle
    (the browser is launched before the clock starts: it is the visitor's, not the server's)."""
    from playwright.async_api import async_playwright

    from components.report.rendering import find_browser

    script, env, args = command_env
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=find_browser(), args=BROWSER_ARGS)
        context = await browser.new_context(viewport={"width": 1280, "height": 900})
        page = await context.new_page()
        port = free_port()
        started = time.perf_counter()
        server = start_server(script, port, env, args, timeout=300)
        try:
            await page.goto(f"http://127.0.0.1:{port}{path_url}", wait_until="commit")
            await page.wait_for_function(CHARTS_DRAWN, arg=charts, timeout=300_000, polling=50)
            seconds = time.perf_counter() - started
        finally:
            stop_server(server)
            await browser.close()
    return seconds


def cold_start(path: Path, repeats: int = 3) -> dict[str, float]:
    """Cold start of the app on `path` (its overview, every chart drawn) against a bare Streamlit page that
    shows the same figures with `st.plotly_chart` and nothing else, taking turns; medians."""
    from components.views import overview_charts

    index = index_of(path)
    figures = [chart.figure for chart in overview_charts.overview_charts(index, "en")]
    del index
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "figures.pkl").write_bytes(pickle.dumps(figures))
        (tmp / "bare.py").write_text(BARE_PAGE)
        sides = {"app": (ROOT / "dashboard.py", {"METRICS_FILE": str(path)}, []),
                 "bare": (tmp / "bare.py", {}, [str(tmp / "figures.pkl")])}
        times: dict[str, list[float]] = {side: [] for side in sides}
        for turn in range(repeats):
            for side in (list(sides) if turn % 2 == 0 else list(sides)[::-1]):
                times[side].append(asyncio.run(_cold(sides[side], "/", len(figures))))
    return {"app_seconds": statistics.median(times["app"]), "bare_seconds": statistics.median(times["bare"]),
            "charts": len(figures)}


# ---- memory: the whole app through a load, and the server after every page -------------------------------


def app_memory(path: Path, interval: float = 0.02) -> dict[str, float]:
    """A fresh server on `path`; from its start until every page has been viewed once, the resident memory of
    the server and of any child it runs (the child that reads a large catalogue) is read every `interval`
    seconds and summed, as a container's memory limit counts it. The pages are viewed over Streamlit's
    protocol (bench/protocol_load.py: no browser): the overview, the heaviest province and ward, sources and
    data quality, in English then in Vietnamese. Returns the peak of that sum, the peak of the children alone,
    the server's RSS after every page, and its own peak (VmHWM)."""
    import threading

    from common import tree_rss_mb
    from protocol_load import Viewer

    index = index_of(path)
    heaviest = heaviest_places(index)
    del index
    views = [("", ""), ("province", f"province={heaviest['province']}"), ("ward", f"ward={heaviest['ward']}"),
             ("sources", ""), ("data-quality", "")]
    port = free_port()
    server = start_server(ROOT / "dashboard.py", port, {"METRICS_FILE": str(path)}, timeout=300)
    peaks = {"total": 0.0, "children": 0.0}
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            total, alone = tree_rss_mb(server.pid), rss_mb(server.pid)
            peaks["total"] = max(peaks["total"], total)
            peaks["children"] = max(peaks["children"], total - alone)
            time.sleep(interval)

    async def visit() -> None:
        for lang in ("", "lang=vi"):  # a fresh session per language, as a new visitor
            viewer = Viewer(f"ws://127.0.0.1:{port}/_stcore/stream", f"http://127.0.0.1:{port}")
            await viewer.open()
            for page, query in views:
                await viewer.view(page, "&".join(part for part in (query, lang) if part))
            await viewer.close()
            if viewer.errors:
                raise RuntimeError(f"pages failed on {path}: {viewer.errors[:3]}")

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        asyncio.run(visit())
        time.sleep(1)
        after, peak = rss_mb(server.pid), rss_mb(server.pid, "VmHWM")
    finally:
        done.set()
        sampler.join()
        stop_server(server)
    return {"app_peak_mb": peaks["total"], "child_peak_mb": peaks["children"], "server_after_mb": after,
            "server_peak_mb": peak}


# ---- export --------------------------------------------------------------------------------------------


def export_pages(index, max_charts: int = 24) -> list:
    """Report pages as `python -m components export` builds them (components.report.pages.report_pages), for the
    overview, then the provinces and wards with the most figures, up to `max_charts` charts."""
    from components.report.pages import ReportPage, build_page, localized_frame, place_title
    from components.views import overview_charts, place_charts, selections
    from components.words.i18n import t

    catalogue = index.catalogue
    cited = localized_frame(catalogue, index.frame, "en")
    pages = [build_page("overview", t("page_overview", "en"),
                        overview_charts.overview_charts(index, lang="en"), "png", cited)]
    provinces = sorted(selections.province_ids(index), key=lambda p: -len(index.subtree_rows(p)))
    wards = sorted(selections.ward_ids(index), key=lambda p: -len(index.rows_of.get(p, ())))
    candidates = [("province", p, place_charts.province_charts) for p in provinces[:3]]
    candidates += [("ward", w, place_charts.ward_charts) for w in wards[:3]]
    for kind, place_id, charts_of in candidates:
        title, subtitle = place_title(catalogue, place_id, "en")
        pages.append(build_page(f"{kind}-{place_id}", title, charts_of(index, place_id, lang="en"), "png",
                                cited, subtitle))
    chosen, count = [], 0
    for page in pages:
        keep = page.charts[: max(max_charts - count, 0)]
        if keep:
            chosen.append(ReportPage(page.slug, page.title, page.subtitle, keep))
            count += len(keep)
    return chosen


def export_ratio(path: Path, max_charts: int = 24, repeats: int = 3) -> dict[str, float]:
    """Seconds per chart of our export (components.report.export.write_report: drawing in kaleido with 2 tabs, writing
    the PNGs, index.html and the marker) vs kaleido's own batch (Kaleido(n=2).calc_fig for the same figures
    with the same options, nothing written), both from their browser being up to it being closed, taking
    turns. Building the pages' figures is not in either (it is the pages' cost, measured above), nor is the
    report's PDF, printed by a browser of its own after the charts (kaleido's batch has nothing like it)."""
    import kaleido

    from components.report import export
    from components.report.rendering import find_browser, image_options

    pages = export_pages(index_of(path), max_charts)
    figures = [item.chart.figure for page in pages for item in page.charts]
    browser = find_browser()

    async def floor() -> float:  # from the browser being up to it being closed again, as write_report's time
        async with kaleido.Kaleido(n=2, path=browser, mathjax=False, timeout=120) as k:
            started = time.perf_counter()
            await asyncio.gather(*(k.calc_fig(f, opts=image_options(f, "png", 2)) for f in figures))
        return time.perf_counter() - started

    def ours() -> float:
        with tempfile.TemporaryDirectory() as tmp:
            result = export.write_report(pages, Path(tmp) / "out", image_format="png", scale=2, browser=browser, tabs=2,
                                         pdf=False)
        return result.seconds - result.browser_start_seconds

    ours_times, floor_times = [], []
    for turn in range(repeats):
        order = [(ours, ours_times), (lambda: asyncio.run(floor()), floor_times)]
        for action, times in (order if turn % 2 == 0 else order[::-1]):
            times.append(action())
    count = len(figures)
    return {"charts": count, "ours_per_chart": statistics.median(ours_times) / count,
            "floor_per_chart": statistics.median(floor_times) / count}
