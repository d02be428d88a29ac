"""The fast reader: the same data and positions as the full reader, without building the node tree."""

from __future__ import annotations

from pathlib import Path

import pytest

from components.reading import yaml_source
from components.reading.fast import Fallback
from components.reading.yaml_source import read_yaml


@pytest.mark.parametrize("name", ["metrics.yaml", "data/places.yaml", "tests/data/checks/valid.yaml"])
def test_the_fast_reader_gives_the_full_readers_data_and_positions(name, monkeypatch):
    path = Path(__file__).resolve().parents[3] / name
    fast, findings = read_yaml(path)
    assert findings == [] and fast.root is None and fast.marks is not None, "a clean file takes the fast way"

    def refuse(*_):
        raise Fallback

    monkeypatch.setattr(yaml_source, "fast_read", refuse)
    full, _ = read_yaml(path)
    assert full.root is not None and repr(fast.data) == repr(full.data)

    def paths(data, prefix=()):
        yield prefix
        if isinstance(data, dict):
            for key, value in data.items():
                yield from paths(value, prefix + (key,))
            yield prefix + ("not-there",)
        elif isinstance(data, list):
            for number, value in enumerate(data):
                yield from paths(value, prefix + (number,))
            yield prefix + (len(data) + 3,)

    for field_path in paths(full.data):
        assert fast.position(field_path) == full.position(field_path), field_path
    assert fast.root is None, "every position came from the marks, without composing the whole tree"
