"""The strict loader both readers build on."""

from __future__ import annotations

import yaml

from components.reading.strict_yaml import StrictLoader


def test_uses_a_safe_loader_and_the_c_parser_when_present():
    loader = StrictLoader
    assert issubclass(loader, yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader)
    assert not issubclass(loader, (yaml.Loader, yaml.UnsafeLoader, yaml.FullLoader))
