"""Command line: `python -m components validate|figures|schema|export|trace|draft` on a catalogue."""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
from pathlib import Path

from components.catalogue.load import load_catalogue, metrics_path
from components.findings import CatalogueUnreadable
from components.words.fmt import number
from components.words.i18n import DEFAULT_LANG, LANGUAGES, Phrase, phrase, t

EXIT_OK, EXIT_INVALID, EXIT_UNREADABLE, EXIT_EXPORT_FAILED = 0, 1, 2, 3


def _address(value: str) -> str:
    """--url: the dashboard's address, refused with the reason when it is not one."""
    from components.views.address import address_problem

    if address_problem(value):
        raise argparse.ArgumentTypeError(address_problem(value))
    return value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m components",
                                     description="Check and export the curated catalogue.")
    sub = parser.add_subparsers(dest="command", required=True)
    validate = sub.add_parser("validate", help="check the catalogue and list every problem")
    validate.add_argument("--metrics", help="catalogue file (default: $METRICS_FILE or metrics.yaml)")
    validate.add_argument("--format", choices=["text", "json"], default="text")
    validate.add_argument("--lang", choices=list(LANGUAGES), default=DEFAULT_LANG,
                          help="language of the messages (default en; vi for Tiếng Việt)")
    figures = sub.add_parser("figures", help="write the figures as CSV to standard output")
    figures.add_argument("--metrics", help="catalogue file (default: $METRICS_FILE or metrics.yaml)")
    figures.add_argument("--lang", choices=list(LANGUAGES), default=DEFAULT_LANG,
                         help="language of the labels, units, times, titles and notes (default en)")
    figures.add_argument("--excel", action="store_true",
                         help="UTF-8 with a byte-order mark and CRLF lines, as Excel on Windows reads it")
    sub.add_parser("schema", help="regenerate the JSON Schema files under schema/")
    export = sub.add_parser("export", help="draw every page's charts and figures to images, with index.html and "
                            "report.pdf")
    export.add_argument("--out", required=True, help="directory to write (replaced whole by a rerun)")
    export.add_argument("--metrics", help="catalogue file (default: $METRICS_FILE or metrics.yaml)")
    export.add_argument("--format", choices=["png", "svg"], default="png")
    export.add_argument("--scale", type=float, default=2.0, help="pixel density of PNGs (default 2)")
    export.add_argument("--lang", choices=list(LANGUAGES), default=DEFAULT_LANG,
                        help="language of the charts and index.html (default en; vi for Tiếng Việt)")
    export.add_argument("--url", type=_address,
                        help="the dashboard's public address, ending every image's footer with its page's link "
                        "(default: $DASHBOARD_URL, else DASHBOARD_URL in .streamlit/secrets.toml; without it the "
                        "footer names the dashboard only)")
    trace = sub.add_parser("trace", help="find every figure's numbers in its source's documents")
    trace.add_argument("--metrics", help="catalogue file (default: $METRICS_FILE or metrics.yaml)")
    trace.add_argument("--documents", help="folder of the documents (default: the catalogue's 'documents:')")
    trace.add_argument("--format", choices=["text", "json"], default="text")
    trace.add_argument("--lang", choices=list(LANGUAGES), default=DEFAULT_LANG,
                       help="language of the messages (default en; vi for Tiếng Việt)")
    draft = sub.add_parser("draft", help="list a document's numbers and write a YAML skeleton of its figures")
    draft.add_argument("document", help="the document (a text file)")
    draft.add_argument("--source", required=True, help="id of the source the figures will cite")
    draft.add_argument("--metrics", help="catalogue file (default: $METRICS_FILE or metrics.yaml)")
    draft.add_argument("--language", help="ISO 639 code of the document (default: as the source lists it, "
                       "else guessed from its script)")
    draft.add_argument("--out", help="write the YAML skeleton here (default: standard output)")
    return parser


def _load(path):
    try:
        return load_catalogue(path), None
    except CatalogueUnreadable as exc:
        return None, exc.finding


def _sound_catalogue(path, lang: str, not_done: Phrase):
    """The catalogue at `path` when it is read and valid: (catalogue, None); else its findings are printed with
    `not_done` (what was not done), and (None, the exit code)."""
    catalogue, unreadable = _load(path)
    if unreadable or catalogue.errors:
        for finding in [unreadable] if unreadable else catalogue.errors:
            print(finding.as_text(lang), file=sys.stderr)
        print(not_done.text(lang), file=sys.stderr)
        return None, EXIT_UNREADABLE if unreadable else EXIT_INVALID
    return catalogue, None


def cmd_validate(args) -> int:
    path = metrics_path(args.metrics)
    catalogue, unreadable = _load(path)
    findings = [unreadable] if unreadable else catalogue.findings
    if args.format == "json":
        print(json.dumps([f.as_dict(args.lang) for f in findings], indent=2, ensure_ascii=False))
    else:
        for finding in findings:
            print(finding.as_text(args.lang))
        if catalogue is not None:
            errors, warnings = len(catalogue.errors), len(catalogue.warnings)
            counts = {name: number(count, 0, args.lang) for name, count in
                      (("figures", len(catalogue.figures)), ("errors", errors), ("warnings", warnings))}
            verdict = t("cli_invalid", args.lang, file=path, **counts) if errors else \
                t("cli_valid", args.lang, file=path, **counts)
            print(verdict, file=sys.stderr)
    if unreadable:
        return EXIT_UNREADABLE
    return EXIT_INVALID if catalogue.errors else EXIT_OK


def cmd_figures(args) -> int:
    from components.table.tidy import csv_bytes, csv_frame, figures_frame
    from components.views.display import display_rows

    path = metrics_path(args.metrics)
    catalogue, unreadable = _load(path)
    if unreadable:
        print(unreadable.as_text(), file=sys.stderr)
        return EXIT_UNREADABLE
    if catalogue.errors:
        for finding in catalogue.errors:
            print(finding.as_text(), file=sys.stderr)
        print(t("cli_not_exported", DEFAULT_LANG, file=path), file=sys.stderr)
        return EXIT_INVALID
    rows = display_rows(figures_frame(catalogue), catalogue, args.lang)
    sys.stdout.flush()
    sys.stdout.buffer.write(csv_bytes(csv_frame(rows, args.lang), excel=args.excel))
    sys.stdout.buffer.flush()
    return EXIT_OK


def cmd_schema(_args) -> int:
    from components.catalogue.schema import write_json_schemas

    for path in write_json_schemas():
        print(f"wrote {path}")
    return EXIT_OK


def cmd_export(args) -> int:
    from components.report.export import ExportError, export_catalogue
    from components.views import address

    path = metrics_path(args.metrics)
    catalogue, failed = _sound_catalogue(path, args.lang, phrase("cli_not_exported", file=str(path)))
    if catalogue is None:
        return failed
    if args.url is not None:  # the one setting every page view reads its address from
        os.environ[address.ADDRESS_SETTING] = args.url
    setting = address.address_setting()
    if setting and address.address_problem(setting, args.lang):  # from the environment or secrets: said, not fatal
        print(f"export: {address.address_problem(setting, args.lang)}", file=sys.stderr)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # clean up like Ctrl+C does
    try:
        result = export_catalogue(catalogue, args.out, image_format=args.format, scale=args.scale, lang=args.lang)
    except ExportError as exc:
        print(f"export: {exc}; nothing was written", file=sys.stderr)
        return EXIT_EXPORT_FAILED
    except KeyboardInterrupt:
        print(f"\nexport: interrupted; {args.out} was left as it was", file=sys.stderr)
        return 130
    print(f"wrote {result.charts} charts and {result.sheets} figure sheets of {result.pages} pages, index.html and "
          f"report.pdf to {result.out} in {result.seconds:.1f} s ({result.seconds_per_chart:.2f} s per chart once "
          f"the browser is up; sheets {result.sheet_seconds:.1f} s, PDF {result.pdf_seconds:.1f} s)", file=sys.stderr)
    return EXIT_OK


def _catalogue_positions(path):
    """Where each figure's and source's fields are in the catalogue file, for messages."""
    from components.reading.yaml_source import display_path, read_yaml

    doc, _ = read_yaml(path)
    name = display_path(path)
    index = {}
    for section in ("figures", "sources"):
        entries = doc.data.get(section) if doc is not None and isinstance(doc.data, dict) else None
        for i, entry in enumerate(entries if isinstance(entries, list) else ()):
            if isinstance(entry, dict):
                index.setdefault((section, entry.get("id")), i)

    def where(section: str, item_id: str, key: str):
        i = index.get((section, item_id))
        return (name, *doc.position((section, i, key))) if i is not None else (name, None, None)
    return where


def cmd_trace(args) -> int:
    from components.workbench.trace import documents_folder, trace_catalogue

    path = metrics_path(args.metrics)
    catalogue, failed = _sound_catalogue(path, args.lang, phrase("cli_not_traced", file=str(path)))
    if catalogue is None:
        return failed
    folder = documents_folder(catalogue, args.documents)
    if folder is None or not folder.is_dir():
        print(t("trace_no_folder", args.lang, file=path) if folder is None else
              t("trace_folder_absent", args.lang, folder=folder), file=sys.stderr)
        return EXIT_UNREADABLE
    report = trace_catalogue(catalogue, folder, _catalogue_positions(path))
    if args.format == "json":
        print(json.dumps([r.as_dict(args.lang) for r in report.traced], indent=2, ensure_ascii=False))
    else:
        for result in report.traced:
            print(result.as_text(args.lang))
    found = sum(r.severity == "ok" for r in report.traced)
    counts = {name: number(count, 0, args.lang) for name, count in
              (("figures", len(catalogue.figures)), ("found", found), ("errors", len(report.errors)),
               ("warnings", len(report.warnings)))}
    print(t("cli_traced", args.lang, file=path, folder=folder, **counts), file=sys.stderr)
    return EXIT_INVALID if report.errors else EXIT_OK


def cmd_draft(args) -> int:
    from components.workbench.draft import DraftError, draft_document

    try:
        result = draft_document(args.document, args.source, metrics_path(args.metrics), args.language)
    except DraftError as exc:
        print(f"draft: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    print(result.listing(), file=sys.stderr)
    if args.out:
        Path(args.out).write_text(result.skeleton(), encoding="utf-8")
        print(f"draft: wrote {len(result.proposals)} figure entries to {args.out}", file=sys.stderr)
    else:
        sys.stdout.write(result.skeleton())
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    handlers = {"validate": cmd_validate, "figures": cmd_figures, "schema": cmd_schema, "export": cmd_export,
                "trace": cmd_trace, "draft": cmd_draft}
    try:
        return handlers[args.command](args)
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
