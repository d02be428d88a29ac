"""The app's and the report's HTML, made from the template files of this folder by one Jinja2 environment.

Autoescaping is on, and every value a template prints has its direction controls made visible first
(`fmt.visible_controls`), so a curator's text can neither add markup nor turn a line around. What `render`
returns is Markup, printed as it is where one template's output goes into another."""

from __future__ import annotations

import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from components.words.fmt import visible_controls

FOLDER = Path(__file__).parent
_BREAK = re.compile(r"\n[ \t]*")


class _Loader(FileSystemLoader):
    """An .html template's line breaks and the indentation after them are for its reader and are left out of
    the markup, so that no space appears between elements: a space the page shows is written on its line."""

    def get_source(self, environment, template):
        source, filename, uptodate = super().get_source(environment, template)
        return (_BREAK.sub("", source) if template.endswith(".html") else source), filename, uptodate


def _visible(value: object) -> object:
    """Each printed value, before autoescaping: a text's direction controls shown as ⟨U+202E⟩ (Markup, already
    made by a template, as it is)."""
    return value if hasattr(value, "__html__") else visible_controls(str(value))


# auto_reload off: each template is read and compiled once per process, never checked again on a rerun
_ENVIRONMENT = Environment(loader=_Loader(FOLDER), autoescape=True, finalize=_visible, undefined=StrictUndefined,
                           auto_reload=False, keep_trailing_newline=True)


def render(name: str, **values: object) -> Markup:
    """The template `name` of this folder filled in with `values`."""
    return Markup(_ENVIRONMENT.get_template(name).render(values))
