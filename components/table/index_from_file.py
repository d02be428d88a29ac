"""A catalogue file to what the app serves: its index when valid, else its findings; a large file is read in a
child process, so the memory its parse passes through goes back to the system when the child exits.

The child imports neither pandas nor numpy (with pyarrow, much of its memory before it reads anything): it parses and
checks the file and hands back the catalogue without its figures and the figures' rows in the compact form of
components.table.rows; the server makes the frame and the index from them.
"""

from __future__ import annotations

import dataclasses
import gc
import os
import pickle
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from components.catalogue.load import Catalogue, load_catalogue
from components.findings import CatalogueUnreadable, Finding
from components.table.rows import EncodedRows, encode_rows

if TYPE_CHECKING:
    from components.table.index import CatalogueIndex

ROOT = Path(__file__).resolve().parents[2]
# From this size (about 25,000 figures) the file is read in a child process: Python keeps most of the memory a
# parse passes through, and from here the child's start costs little next to the read (bench/RESULTS.md).
CHILD_FROM_BYTES = 4 * 1024 * 1024
CHILD_TIMEOUT_S = 900


@dataclass(frozen=True)
class IndexOrFindings:
    """What the app serves of a catalogue file: its index when valid (else None) and its findings."""

    index: CatalogueIndex | None
    findings: tuple[Finding, ...]
    places_path: Path | None


@dataclass(frozen=True)
class CheckedFile:
    """A catalogue file read and checked, before pandas: the catalogue without its figures and the figures' rows
    (both None when it has errors), and its findings. This is what the child process hands back."""

    catalogue: Catalogue | None
    rows: EncodedRows | None
    findings: tuple[Finding, ...]
    places_path: Path | None


def read_here(path: Path) -> CheckedFile:
    """Parse and check the catalogue in this process, and encode its figures' rows."""
    try:
        catalogue = load_catalogue(path)
    except CatalogueUnreadable as exc:
        return CheckedFile(None, None, (exc.finding,), None)
    if catalogue.errors:
        return CheckedFile(None, None, tuple(catalogue.findings), catalogue.places_path)
    rows = encode_rows(catalogue)
    # The pages read figures from the index's frame: the figure records are not kept.
    return CheckedFile(dataclasses.replace(catalogue, figures=[]), rows, tuple(catalogue.findings),
                       catalogue.places_path)


def prepared_of(read: CheckedFile) -> IndexOrFindings:
    """The frame and the index of a catalogue read here or in the child."""
    if read.rows is None:
        return IndexOrFindings(None, read.findings, read.places_path)
    from components.table.index import build_index
    from components.table.tidy import frame_of

    return IndexOrFindings(build_index(read.catalogue, frame_of(read.rows)), read.findings, read.places_path)


def prepare_here(path: Path) -> IndexOrFindings:
    """Parse, check and index the catalogue in this process."""
    return prepared_of(read_here(path))


class ChildFailed(Exception):
    """The child process did not hand back a prepared catalogue (crashed, killed, timed out)."""


def prepare_in_child(path: Path) -> IndexOrFindings:
    """`read_here` in a child process, its result handed back through a private temporary file; the frame and
    the index are made here."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    with tempfile.TemporaryDirectory(prefix="catalogue-") as folder:
        out = Path(folder) / "read.pickle"
        try:
            done = subprocess.run([sys.executable, "-m", "components.table.index_from_file", str(path), str(out)],
                                  env=env, capture_output=True, text=True, errors="replace", timeout=CHILD_TIMEOUT_S)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise ChildFailed(str(exc)) from exc
        if done.returncode != 0 or not out.is_file():
            raise ChildFailed(f"exit {done.returncode}: {done.stderr.strip()[-500:]}")
        with out.open("rb") as handle:
            read = pickle.load(handle)  # written just now by our own child, in a folder only we can read
    return prepared_of(read)


def prepare(path: Path, in_child: bool | None = None) -> IndexOrFindings:
    """The catalogue prepared in a child process when it is large (or `in_child`), else here; here too when
    the child fails, so a reader never depends on it."""
    if in_child is None:
        try:
            in_child = path.stat().st_size >= CHILD_FROM_BYTES
        except OSError:
            in_child = False
    prepared = None
    if in_child:
        try:
            prepared = prepare_in_child(path)
        except ChildFailed as exc:
            print(f"{path}: reading in a child process failed ({exc}); reading it here", file=sys.stderr)
    prepared = prepared or prepare_here(path)
    gc.collect()  # what making the frame passed through (and the parse's, when it was read here)
    return prepared


def child_main(argv: list[str]) -> int:
    """The child process: `read_here(argv[0])` pickled into the file argv[1]."""
    from components.table.index_from_file import read_here as read_named  # pickled by module name, not __main__

    read = read_named(Path(argv[0]))
    gc.collect()  # the figure records and the parse's leftovers, before pickling needs memory of its own
    with open(argv[1], "wb") as handle:
        pickle.dump(read, handle, protocol=pickle.HIGHEST_PROTOCOL)
    return 0


if __name__ == "__main__":
    sys.exit(child_main(sys.argv[1:]))
