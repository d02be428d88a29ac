"""Safe YAML reading: size and shape limits, duplicate keys, and file:line:column for any field path."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from components.findings import ERROR, CatalogueUnreadable, Finding

try:  # the C parser when libyaml is present; construction stays in Python either way
    _BaseLoader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _BaseLoader = yaml.SafeLoader

MAX_BYTES = 40 * 1024 * 1024
MAX_DEPTH = 40


class _StrictLoader(_BaseLoader):
    """SafeLoader that records duplicate keys instead of silently keeping the last one."""

    def __init__(self, stream):
        super().__init__(stream)
        self.duplicates: list[tuple[str, yaml.Node, yaml.MappingNode]] = []

    def construct_mapping(self, node, deep=False):
        seen: set = set()
        for key_node, _ in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                continue  # a list or mapping as key: the constructor below refuses it with its line
            key = key_node.value
            if key in seen:
                self.duplicates.append((key, key_node, node))
            seen.add(key)
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_timestamp(self, node):
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError as exc:  # e.g. 2024-02-30: the date pattern matched but there is no such day
            raise yaml.constructor.ConstructorError(
                None, None, f"{node.value!r} is not a real date ({exc})", node.start_mark) from exc


_StrictLoader.add_constructor("tag:yaml.org,2002:map", _StrictLoader.construct_yaml_map)
_StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", _StrictLoader.construct_yaml_timestamp)


@dataclass
class YamlDocument:
    """Parsed data plus the node tree, kept to point at the line of any field."""

    path: Path
    data: Any
    root: yaml.Node | None

    def position(self, field_path: tuple) -> tuple[int | None, int | None]:
        node = self.root
        best = node
        for part in field_path:
            node = _child(node, part)
            if node is None:
                break
            best = node
        if best is None:
            return None, None
        return best.start_mark.line + 1, best.start_mark.column + 1


def _child(node, part):
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == part:
                return value_node
        return None
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        return node.value[part]
    return None


def display_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def read_yaml(path: Path) -> tuple[YamlDocument | None, list[Finding]]:
    """Read one YAML file. Unreadable files raise CatalogueUnreadable; bad YAML returns findings."""
    name = display_path(path)
    text = _read_text(path, name)
    loader = _StrictLoader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            return None, [Finding(ERROR, "the file is empty (or only comments): it needs the catalogue's "
                                  "top-level keys", name, 1, 1)]
        problems = _shape_problems(root, name)
        if problems:
            return None, problems
        data = loader.construct_document(root)
    except yaml.MarkedYAMLError as exc:
        return None, [_yaml_error_finding(exc, name)]
    except yaml.YAMLError as exc:
        return None, [Finding(ERROR, f"not valid YAML: {exc}", name)]
    except RecursionError:
        return None, [Finding(ERROR, f"nesting deeper than {MAX_DEPTH} levels", name, 1, 1)]
    finally:
        loader.dispose()
    paths = _node_paths(root) if loader.duplicates else {}
    findings = [
        Finding(ERROR, f"duplicate key '{key}' in the same mapping: remove or rename one (YAML would "
                "otherwise keep only the last)", name, key_node.start_mark.line + 1,
                key_node.start_mark.column + 1, dotted(paths.get(id(mapping), ()) + (key,)))
        for key, key_node, mapping in loader.duplicates
    ]
    return YamlDocument(path, data, root), findings


def _node_paths(root: yaml.Node) -> dict[int, tuple]:
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


def _read_text(path: Path, name: str) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise CatalogueUnreadable(Finding(
                ERROR, f"the file is {size / 1024 / 1024:.0f} MB, over the {MAX_BYTES // 1024 // 1024} MB "
                "limit: split it or remove what does not belong", name))
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise CatalogueUnreadable(Finding(ERROR, "file not found", name)) from exc
    except IsADirectoryError as exc:
        raise CatalogueUnreadable(Finding(ERROR, "this is a folder, not a YAML file", name)) from exc
    except OSError as exc:
        raise CatalogueUnreadable(Finding(ERROR, f"cannot be read: {exc.strerror}", name)) from exc
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise CatalogueUnreadable(Finding(
            ERROR, f"not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start}): save the file "
            "as UTF-8", name, line)) from exc


def _shape_problems(root: yaml.Node, name: str) -> list[Finding]:
    """Refuse anchors/aliases (expansion bombs) and absurd nesting before anything is built."""
    seen: set[int] = set()
    stack = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if id(node) in seen:
            mark = node.start_mark
            return [Finding(ERROR, "YAML anchors and aliases (&name / *name) are not allowed in the "
                            "catalogue: write each value out", name, mark.line + 1, mark.column + 1)]
        seen.add(id(node))
        if depth > MAX_DEPTH:
            mark = node.start_mark
            return [Finding(ERROR, f"nesting deeper than {MAX_DEPTH} levels: the catalogue is never that "
                            "deep", name, mark.line + 1, mark.column + 1)]
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                stack.append((key_node, depth + 1))
                stack.append((value_node, depth + 1))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((child, depth + 1) for child in node.value)
    return []


def _yaml_error_finding(exc: yaml.MarkedYAMLError, name: str) -> Finding:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or "not valid YAML"
    if "found character '\\t'" in problem or "\t" in problem:
        problem = "a tab character: YAML indents with spaces only"
    elif exc.problem and "could not determine a constructor" in (exc.problem or ""):
        problem = f"unsupported tag {exc.problem.split('tag ')[-1]}: the catalogue allows plain data only"
    elif exc.context:
        problem = f"{exc.context}, {problem}"
    line = mark.line + 1 if mark else None
    column = mark.column + 1 if mark else None
    return Finding(ERROR, f"YAML syntax: {problem}", name, line, column)
