"""Where a field is in its file: a read document keeps what it takes to point at the line and column of any
field path (the node tree, or the fast reader's marks), and field paths are written as 'figures[3].value'."""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from components.reading.strict_yaml import compose


@dataclass
class YamlDocument:
    """Parsed data plus what it takes to point at the line of any field.

    The full reader keeps the node tree (`root`). The fast reader keeps no tree (a node per value of a large
    catalogue would be most of the reading's time and memory): it keeps `marks`, the positions of the top level
    and of every entry of its lists, and finds a deeper field by reading that one entry's lines again.
    """

    path: Path
    data: Any
    root: yaml.Node | None
    marks: Marks | None = None
    text: str | None = None

    def position(self, field_path: tuple) -> tuple[int | None, int | None]:
        if self.root is None and self.marks is not None:
            found = self.marks.position(self.text, field_path)
            if found is not None:
                return found
            self.root = compose(self.text)  # a shape the marks do not cover: the whole tree, once
        node = self.root
        best = node
        for part in field_path:
            node = child_node(node, part)
            if node is None:
                break
            best = node
        if best is None:
            return None, None
        return best.start_mark.line + 1, best.start_mark.column + 1


_ENTRY_PREFIX = re.compile(r" *- +")


class Marks:
    """Positions (0-based line, column; index in the text) kept by the fast reader: the root, each top-level
    value and each entry of a top-level list. A field inside an entry is found by composing the entry's own
    lines (a block-list entry read alone is the same YAML)."""

    def __init__(self, root: tuple[int, int, int]):
        self.root = root
        self.top: dict[str, tuple[int, int, int]] = {}
        self.entries: dict[str, tuple[array, array, array, list]] = {}  # key -> lines, columns, indexes, [end]
        self._sliced: dict[tuple[str, int], tuple[yaml.Node, int] | None] = {}

    def position(self, text: str, field_path: tuple) -> tuple[int, int] | None:
        """(line, column), 1-based, of the deepest node along the path; None when the marks cannot tell."""
        if not field_path or field_path[0] not in self.top:
            return (self.root[0] + 1, self.root[1] + 1) if not field_path or isinstance(field_path[0], str) \
                else None
        key = field_path[0]
        line, column, _ = self.top[key]
        if len(field_path) == 1:
            return line + 1, column + 1
        if key not in self.entries:
            return None
        lines, columns, indexes, end = self.entries[key]
        number = field_path[1]
        if not isinstance(number, int) or isinstance(number, bool):
            return None
        if not 0 <= number < len(lines):
            return line + 1, column + 1
        if len(field_path) == 2:
            return lines[number] + 1, columns[number] + 1
        sliced = self._entry_node(text, key, number, indexes, end[0])
        if sliced is None:
            return None
        node, first_line = sliced
        best = node
        for part in field_path[2:]:
            node = child_node(node, part)
            if node is None:
                break
            best = node
        return best.start_mark.line + first_line + 1, best.start_mark.column + 1

    def _entry_node(self, text: str, key: str, number: int, indexes: array, end: int):
        cache_key = (key, number)
        if cache_key not in self._sliced:
            if len(self._sliced) > 256:
                self._sliced.clear()
            self._sliced[cache_key] = self._compose_entry(text, number, indexes, end)
        return self._sliced[cache_key]

    @staticmethod
    def _compose_entry(text: str, number: int, indexes: array, end: int):
        start = indexes[number]
        line_start = text.rfind("\n", 0, start) + 1
        if not _ENTRY_PREFIX.fullmatch(text, line_start, start):
            return None  # not a block-list entry starting its own line (a flow list, '- - '): use the tree
        stop = end
        if number + 1 < len(indexes):
            stop = text.rfind("\n", 0, indexes[number + 1]) + 1
        try:
            root = compose(text[line_start:stop])
        except yaml.YAMLError:
            return None
        if not isinstance(root, yaml.SequenceNode) or len(root.value) != 1:
            return None
        return root.value[0], text.count("\n", 0, line_start)


def child_node(node, part):
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == part:
                return value_node
        return None
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        return node.value[part]
    return None


def node_paths(root: yaml.Node) -> dict[int, tuple]:
    """The field path of every mapping and list node, e.g. ('figures', 3)."""
    paths: dict[int, tuple] = {}
    stack = [(root, ())]
    while stack:
        node, path = stack.pop()
        paths[id(node)] = path
        if isinstance(node, yaml.MappingNode):
            stack.extend((value, path + (key.value,)) for key, value in node.value
                         if isinstance(key, yaml.ScalarNode))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((child, path + (index,)) for index, child in enumerate(node.value))
    return paths


def dotted(path: tuple) -> str:
    """('figures', 3, 'value') -> 'figures[3].value'."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
