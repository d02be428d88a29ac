"""Fixtures of the views' tests: the small test catalogue's index, and its figures as a reader sees them."""

from __future__ import annotations

import pytest
from dashboard_helpers import SMALL, catalogue_of, frame_of

from components.table.index import build_index
from components.views import display


@pytest.fixture(scope="module")
def index():
    return build_index(catalogue_of(SMALL), frame_of(SMALL))


@pytest.fixture(scope="module")
def shown(index):
    return display.display_rows(index.frame, index.catalogue, "en").set_index("figure_id", drop=False)
