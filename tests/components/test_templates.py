"""components.templates: HTML from template files, every value inert, a template's layout not in its markup."""

from __future__ import annotations

import pytest
from jinja2 import UndefinedError

from components.templates import render


def test_a_value_cannot_add_markup_or_end_its_attribute_and_its_direction_controls_show():
    markup = render("table.html", classes='x" onclick="alert(1)', label="\u202eevil", caption="<b>c</b>",
                    header=["<i>h</i>"], rows=[["<script>alert(1)</script>"]], row_headers=False)
    assert 'class="x&#34; onclick=&#34;alert(1)"' in markup
    assert "<b>" not in markup and "<i>" not in markup and "<script>" not in markup
    assert "\u202e" not in markup and 'aria-label="⟨U+202E⟩evil"' in markup


def test_markup_made_by_a_template_goes_into_another_as_it_is():
    table = render("table.html", classes="t", label="l", caption="", header=["a & b"], rows=[], row_headers=False)
    words = render("chart_words.html", words_class="w", summary="s", alt="", table=table, cut="")
    assert table in words and "a &amp; b" in words and "&amp;amp;" not in words


def test_a_templates_line_breaks_and_indentation_are_left_out():
    markup = render("card_group.html", citation="Source: x", period="2024", about="About",
                    cards=[(type("Card", (), {"label": "L", "value": "1", "lines": ("a", "b"), "help": ""}), "")])
    assert "\n" not in markup and "  " not in markup
    assert markup == ('<p class="antq-cite">Source: x</p><p class="antq-card-meta">2024</p><ul><li>'
                      '<p class="antq-card-label">L</p><p class="antq-card-value">1</p>'
                      '<p class="antq-card-meta">a<br>b</p></li></ul>')


def test_a_value_the_template_names_but_is_not_given_fails_loudly():
    with pytest.raises(UndefinedError):
        render("heading.html", level=2, heading_class="h")
