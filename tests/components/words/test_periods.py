import datetime as dt
from types import SimpleNamespace

import pytest

from components.words.periods import ISO_WORDS, date_or_bounds, published_words, reader_words, time_words


def test_publication_date_known_within_bounds_reads_as_words():
    assert date_or_bounds("2024-01-01/2025-06-30", reader_words("en")) == "between 1 Jan 2024 and 30 Jun 2025"
    assert date_or_bounds("2024-01-01/2025-06-30", ISO_WORDS) == "between 2024-01-01 and 2025-06-30"
    assert date_or_bounds("2024-07-17", reader_words("vi")) == "17/07/2024"


def test_a_sources_publication_date_a_date_or_its_bounds():
    bounds = SimpleNamespace(not_before=dt.date(2024, 1, 1), not_after=dt.date(2025, 6, 30))
    assert published_words(dt.date(2024, 7, 17), ISO_WORDS) == "2024-07-17"
    assert published_words(dt.date(2024, 7, 17), reader_words("vi")) == "17/07/2024"
    assert published_words(bounds, ISO_WORDS) == "between 2024-01-01 and 2025-06-30"


@pytest.mark.parametrize(("time", "iso", "english"), [
    (("2024-07-17", "", "", False), "as of 2024-07-17", "as of 17 Jul 2024"),
    (("2024-01-01/2025-06-30", "", "", True), "as of publication (between 2024-01-01 and 2025-06-30)",
     "as of publication (between 1 Jan 2024 and 30 Jun 2025)"),
    (("", "2024-01-01", "2024-06-30", False), "2024-01-01 to 2024-06-30", "1 Jan 2024 – 30 Jun 2024"),
    (("", "", "2024-06-30", False), "an unstated start to 2024-06-30", "until 30 Jun 2024"),
    (("", "2024-01-01", "2024-01-01/2025-06-30", True),
     "2024-01-01 to publication (between 2024-01-01 and 2025-06-30)",
     "1 Jan 2024 – publication (between 1 Jan 2024 and 30 Jun 2025)"),
])
def test_one_rule_words_a_figures_time_for_the_frame_and_for_readers(time, iso, english):
    assert time_words(*time, ISO_WORDS) == iso
    assert time_words(*time, reader_words("en")) == english


def test_under_its_sources_citation_publication_is_not_followed_by_its_dates():
    cited = reader_words("en", publication_dates=False)
    assert "2025" not in time_words("2024-01-01/2025-06-30", "", "", True, cited)
    assert "2025" not in time_words("", "2024-01-01", "2024-01-01/2025-06-30", True, cited)
