"""Chart text measured in the fonts that may draw it (components.views.fonts)."""

from __future__ import annotations

import unicodedata

import pytest
from PIL import ImageFont, features

from components.catalogue.load import BUNDLED_METRICS, load_catalogue
from components.views import charts, fonts

SAMPLES = ("Hạ Long mmmm WWWW", "Quảng Ninh, Đồng Nai: 1,707 cameras", "AVATAR Tự quản “an ninh” trật tự · 2024",
           "Sources: Báo Quảng Ninh; Công an nhân dân · Periods: 1 Jan 2024")


def test_a_text_is_as_wide_as_the_widest_face_draws_it():
    for text in SAMPLES:
        for bold in (False, True):
            noto, dejavu = fonts.widths(text, bold)
            assert dejavu > noto  # the fallback is the wider: a wrap that fits it fits Noto
            assert fonts.text_px(text, 12, bold) == pytest.approx(dejavu * 12 / fonts.UNITS)
        assert fonts.text_px(text, 15, bold=True) > fonts.text_px(text, 15)


def test_a_vietnamese_text_measures_the_same_composed_or_decomposed():
    text = SAMPLES[1]
    assert fonts.widths(unicodedata.normalize("NFD", text)) == fonts.widths(text)


def test_widths_add_up_so_a_line_is_measured_word_by_word():
    assert fonts.wider(fonts.widths("Hạ"), fonts.widths(" "), fonts.widths("Long")) == fonts.widths("Hạ Long")


@pytest.mark.skipif(not features.check("raqm"), reason="Pillow without libraqm cannot shape text")
def test_the_sum_of_advances_is_never_narrower_than_the_shaped_text():
    """The measure sums advances; a browser shapes the text (kerning, ligatures). Shaping only tightens these
    faces' Latin and Vietnamese text, so every title, label and citation of the catalogue fits as measured."""
    catalogue = load_catalogue(BUNDLED_METRICS)
    texts = [*SAMPLES, *(s.title for s in catalogue.sources.values()), *(p.name for p in catalogue.places.values())]
    for bold in (False, True):
        for number, name in enumerate(fonts.FACES[bold]):
            shaped = ImageFont.truetype(str(fonts.FONT_DIR / name), fonts.UNITS, layout_engine=ImageFont.Layout.RAQM)
            for text in texts:
                text = unicodedata.normalize("NFC", text)
                # each advance is read rounded to a whole unit: half a unit per character either way
                assert fonts.widths(text, bold)[number] >= shaped.getlength(text) - len(text) / 2, (name, text)


def test_wrapped_lines_fit_in_either_face():
    lines = charts.wrap_px(" ".join(SAMPLES * 4), 304, charts.FOOTER_SIZE)
    assert len(lines) > 3
    for line in lines:
        assert max(fonts.widths(line)) * charts.FOOTER_SIZE / fonts.UNITS <= 304
