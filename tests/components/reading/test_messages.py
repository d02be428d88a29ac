"""The parser's complaints in the validator's words, whatever slip a curator makes."""

from __future__ import annotations

from pathlib import Path

from components.catalogue.load import load_catalogue
from components.findings import CatalogueUnreadable

CHECKS_DIR = Path(__file__).resolve().parents[2] / "data" / "checks"


def _keys(said) -> set[str]:
    return {said.key} | {key for _, value in said.params if hasattr(value, "params") for key in _keys(value)}


def test_typing_slips_are_explained_in_the_validators_own_words(tmp_path):
    """A curator's slip (a character of YAML's syntax typed, deleted or replaced anywhere in a catalogue) gets
    a message of the validator's own, which every language has, never the YAML parser's or pydantic's English
    quoted as it is. 400 slips drawn with a fixed seed, so a failure reproduces."""
    import random

    text = (CHECKS_DIR / "valid.yaml").read_text(encoding="utf-8")
    (tmp_path / "places.yaml").write_bytes((CHECKS_DIR / "places.yaml").read_bytes())
    path = tmp_path / "catalogue.yaml"
    draw = random.Random(20261124)
    typed = list(":-[]{}'\"\t#&*!|>%@`,? \n")
    quoted = {"finding_yaml_parser_says", "finding_schema_says"}
    explained = 0
    for _ in range(400):
        chars = list(text)
        for _ in range(draw.randint(1, 3)):
            at, slip = draw.randrange(len(chars)), draw.random()
            if slip < 0.4:
                chars.insert(at, draw.choice(typed))
            elif slip < 0.7:
                del chars[at]
            else:
                chars[at] = draw.choice(typed)
        path.write_text("".join(chars), encoding="utf-8")
        try:
            findings = load_catalogue(path).findings
        except CatalogueUnreadable as exc:
            findings = [exc.finding]
        for finding in findings:
            assert not _keys(finding.said) & quoted, f"{finding.as_text()}\n--- after the slips:\n{''.join(chars)}"
        explained += bool(findings)
    assert explained > 200, "most slips break the catalogue: the edits no longer reach the syntax"
