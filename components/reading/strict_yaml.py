"""The strict YAML loader both readers build on, and the limits they hold a file to: PyYAML's safe loader with
the C parser, refusing what would silently change a value (duplicate keys, octal or base-60 numbers, impossible
dates)."""

from __future__ import annotations

import re
import unicodedata

import yaml

from components.words.i18n import Phrase, phrase

try:  # the C parser when libyaml is present; construction stays in Python either way
    BaseLoader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    BaseLoader = yaml.SafeLoader

MAX_BYTES = 40 * 1024 * 1024
MAX_DEPTH = 40
# Parser events (values and collections): room for some 150,000 figures, while a file of tiny values within
# MAX_BYTES would exhaust the memory before the size limit stops it (bench/RESULTS.md, code comments).
MAX_VALUES = 3_000_000


class StrictLoader(BaseLoader):
    """SafeLoader that records duplicate keys (instead of silently keeping the last one) and invisible characters
    in keys (a bidi override or a zero-width space makes a field name look right and fail)."""

    def __init__(self, stream):
        super().__init__(stream)
        self.duplicates: list[tuple[str, yaml.Node, yaml.MappingNode]] = []
        self.invisible_keys: list[tuple[str, yaml.Node, yaml.MappingNode]] = []

    def construct_mapping(self, node, deep=False):
        seen: set = set()
        for key_node, _ in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                continue  # a list or mapping as key: the constructor below refuses it with its line
            key = key_node.value
            if key in seen:
                self.duplicates.append((key, key_node, node))
            if isinstance(key, str) and any(unicodedata.category(c) in ("Cc", "Cf") for c in key):
                self.invisible_keys.append((key, key_node, node))
            seen.add(key)
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_int(self, node):
        text = str(node.value).replace("_", "").lstrip("+-")
        if ":" in text or re.fullmatch(r"0[0-7]+|0[xX][0-9a-fA-F]+|0[bB][01]+", text):
            # YAML 1.1 would silently read 0150 as octal 104, 0x1F as 31 and 1:30 as 90 (base 60)
            base = ("finding_base_60" if ":" in text else "finding_base_16" if text[1:2] in "xX" else
                    "finding_base_2" if text[1:2] in "bB" else "finding_base_8")
            raise Refused(phrase("finding_number_not_plain", text=repr(node.value), base=phrase(base),
                                  read=super().construct_yaml_int(node)), node.start_mark)
        try:
            return super().construct_yaml_int(node)
        except ValueError as exc:  # over Python's 4,300-digit limit for reading integers
            raise Refused(phrase("finding_number_too_long", digits=len(text)), node.start_mark) from exc

    def construct_yaml_timestamp(self, node):
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError as exc:  # e.g. 2024-02-30: the date pattern matched but there is no such day
            raise Refused(phrase("finding_not_a_real_date", text=repr(node.value)), node.start_mark) from exc


class Refused(yaml.constructor.ConstructorError):
    """A value the catalogue refuses, with the words to say so."""

    def __init__(self, said: Phrase, mark):
        super().__init__(None, None, said.text("en"), mark)
        self.said = said


StrictLoader.add_constructor("tag:yaml.org,2002:map", StrictLoader.construct_yaml_map)
StrictLoader.add_constructor("tag:yaml.org,2002:int", StrictLoader.construct_yaml_int)
StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", StrictLoader.construct_yaml_timestamp)


def compose(text: str) -> yaml.Node:
    loader = StrictLoader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()

