"""The fonts that draw the charts' text, and how wide a text is when drawn by the widest of them.

Three renderers draw a chart: the reader's browser (the app serves Noto Sans, .streamlit/config.toml), the
export's Chromium (given the bundled fonts through fontconfig, components.report.rendering) and the chart's
camera button, which draws the chart as an SVG image on a canvas: an image cannot load the page's web fonts,
so it uses whatever the reader has installed. Text is therefore wrapped to fit in each font that may draw it:
Noto Sans, the font the charts name, and DejaVu Sans, the widest common fallback (Linux's default sans; Arial,
Helvetica and Roboto are narrower). Widths are sums of the fonts' own advance widths, read with Pillow from the
files in static/fonts/: kerning only ever tightens these fonts' Latin and Vietnamese text, so the sum is at
least what a browser draws (tests/browser/test_fonts_drawn.py holds it against Chromium).
"""

from __future__ import annotations

import functools
import unicodedata
from pathlib import Path

FONT_DIR = Path(__file__).resolve().parents[2] / "static" / "fonts"
# the faces that may draw a chart's text, regular and bold: the font the charts name first, then the fallback
FACES = {False: ("NotoSans-Regular.ttf", "DejaVuSans.ttf"), True: ("NotoSans-Bold.ttf", "DejaVuSans-Bold.ttf")}
UNITS = 10_000  # the size fonts are read at: advances in 1/10,000 em, so rounding them to whole pixels costs nothing


class _Face:
    """One font file's advance widths, read per character on first use."""

    def __init__(self, path: Path):
        from PIL import ImageFont

        self._font = ImageFont.truetype(str(path), UNITS, layout_engine=ImageFont.Layout.BASIC)
        self._advances: dict[str, float] = {}

    def advance(self, char: str) -> float:
        found = self._advances.get(char)
        if found is None:
            found = self._advances[char] = self._font.getlength(char)
        return found

    def width(self, text: str) -> float:
        advances, advance = self._advances, self.advance
        return sum(advances[c] if c in advances else advance(c) for c in text)


@functools.cache
def _faces(bold: bool) -> tuple[_Face, ...]:
    return tuple(_Face(FONT_DIR / name) for name in FACES[bold])


@functools.lru_cache(maxsize=1 << 16)  # a catalogue's words and labels recur across its charts and pages
def widths(text: str, bold: bool = False) -> tuple[float, ...]:
    """`text`'s width in each face that may draw it, in UNITS per em (widths add up: see `wider`)."""
    text = unicodedata.normalize("NFC", text)  # the browser draws a letter and its marks as one glyph
    return tuple(face.width(text) for face in _faces(bold))


def wider(*parts: tuple[float, ...]) -> tuple[float, ...]:
    """The widths of texts drawn one after the other, face by face."""
    return tuple(map(sum, zip(*parts, strict=True)))


def to_px(measured: tuple[float, ...], size: float) -> float:
    """Measured widths as px at font `size`: the widest face's."""
    return max(measured) * size / UNITS


def text_px(text: str, size: float, bold: bool = False) -> float:
    """How wide `text` is at `size` px in the widest font that may draw it."""
    return to_px(widths(text, bold), size)
