"""Where a page's script time goes: cProfile over AppTest reruns of one page on one catalogue.

    .venv/bin/python bench/profile_page.py PAGE [--size 100000 | --metrics PATH] [--place ID] [--runs 5] [--top 25]

PAGE is one of overview, province, ward, sources, data-quality (bench/measure.PAGES). The first run loads and
caches the catalogue and is not profiled, as in bench/run.py's page timings; the reruns are (in the script
runner's own thread, where the page runs), and the functions with the most cumulative time are printed.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common  # noqa: E402
import measure  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", choices=sorted(measure.PAGES))
    parser.add_argument("--size", type=int, default=100000, help="a synthetic catalogue (bench/out/SIZE)")
    parser.add_argument("--metrics", help="any catalogue instead, e.g. metrics.yaml")
    parser.add_argument("--place", help="the province or ward shown (default: the heaviest)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--sort", default="cumulative")
    args = parser.parse_args()
    from streamlit.testing.v1 import AppTest

    path = Path(args.metrics).resolve() if args.metrics else common.catalogue_of(args.size)
    with common.metrics_env(path):
        app = AppTest.from_file(str(common.ROOT / "dashboard.py"), default_timeout=900)
        if args.page in ("province", "ward"):
            app.query_params[args.page] = args.place or measure.heaviest_places(measure.index_of(path))[args.page]
        app.run()
        app.switch_page(measure.PAGES[args.page]).run()
        app.run()
        profile = cProfile.Profile()
        with common.profiled_in_new_threads(profile):
            for _ in range(args.runs):
                app.run()
    if app.exception:
        raise SystemExit(f"{args.page} failed: {app.exception[0].value}")
    stats = pstats.Stats(profile).strip_dirs().sort_stats(args.sort)
    stats.print_stats(args.top)
    if os.environ.get("CALLEES"):
        stats.print_callees(os.environ["CALLEES"])
    if os.environ.get("CALLERS"):
        stats.print_callers(os.environ["CALLERS"])
    if os.environ.get("DUMP"):
        stats.dump_stats(os.environ["DUMP"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
