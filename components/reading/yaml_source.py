"""Safe YAML reading: size and shape limits, duplicate keys, and file:line:column for any field path.

A file is read by the fast reader (reading/fast.py) when it holds plain data, else by the full reader here, which
builds the node tree and reports every problem with its line (reading/messages.py words the parser's)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import yaml

from components.findings import ERROR, CatalogueUnreadable, Finding
from components.reading.fast import Fallback, fast_read
from components.reading.messages import parser_depth_limit, reader_error_finding, yaml_error_finding
from components.reading.positions import YamlDocument, dotted, node_paths
from components.reading.strict_yaml import MAX_BYTES, MAX_DEPTH, MAX_VALUES, StrictLoader
from components.reading.strict_yaml import BaseLoader as _BaseLoader  # a name of its own here: tests swap the parser
from components.words.i18n import Number, phrase


def display_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def read_yaml(path: Path) -> tuple[YamlDocument | None, list[Finding]]:
    """Read one YAML file. Unreadable files raise CatalogueUnreadable; bad YAML returns findings."""
    name = display_path(path)
    text = _read_text(path, name)
    try:
        return fast_read(path, text), []
    except Fallback:
        pass  # something the fast reader leaves to the full one, which reports it as it always did
    except MemoryError:
        return None, [Finding(ERROR, phrase("finding_out_of_memory"), name, 1, 1)]
    too_deep = _too_deep(text, name)
    if too_deep:
        return None, [too_deep]
    loader = StrictLoader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            return None, [Finding(ERROR, phrase("finding_empty_file"), name, 1, 1)]
        problems = _shape_problems(root, name)
        if problems:
            return None, problems
        data = loader.construct_document(root)
    except yaml.MarkedYAMLError as exc:
        return None, [yaml_error_finding(exc, name, text)]
    except yaml.reader.ReaderError as exc:
        return None, [reader_error_finding(exc, name, text)]
    except yaml.YAMLError as exc:
        return None, [Finding(ERROR, phrase("finding_not_yaml", detail=str(exc)), name)]
    except MemoryError:
        return None, [Finding(ERROR, phrase("finding_out_of_memory"), name, 1, 1)]
    except RecursionError:
        return None, [Finding(ERROR, phrase("finding_too_deep", depth=MAX_DEPTH), name, 1, 1)]
    finally:
        loader.dispose()
    paths = node_paths(root) if loader.duplicates or loader.invisible_keys else {}
    findings = [
        Finding(ERROR, phrase("finding_duplicate_key", key=key), name, key_node.start_mark.line + 1,
                key_node.start_mark.column + 1, dotted(paths.get(id(mapping), ()) + (key,)))
        for key, key_node, mapping in loader.duplicates
    ] + [
        Finding(ERROR, phrase("finding_invisible_in_key", key=repr(key), codes=_invisible_codes(key)), name,
                key_node.start_mark.line + 1, key_node.start_mark.column + 1, dotted(paths.get(id(mapping), ())))
        for key, key_node, mapping in loader.invisible_keys
    ]
    return YamlDocument(path, data, root), findings


def _invisible_codes(key: str) -> str:
    return ", ".join(f"U+{ord(c):04X}" for c in key if unicodedata.category(c) in ("Cc", "Cf"))


def _read_text(path: Path, name: str) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise CatalogueUnreadable(Finding(ERROR, phrase(
                "finding_file_too_large", size=Number(size / 1024 / 1024), limit=MAX_BYTES // 1024 // 1024), name))
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise CatalogueUnreadable(Finding(ERROR, phrase("finding_file_not_found"), name)) from exc
    except IsADirectoryError as exc:
        raise CatalogueUnreadable(Finding(ERROR, phrase("finding_is_a_folder"), name)) from exc
    except OSError as exc:
        said = phrase("finding_cannot_read", reason=str(exc.strerror))
        raise CatalogueUnreadable(Finding(ERROR, said, name)) from exc
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        byte = raw[exc.start]
        if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
            said = phrase("finding_utf16")
        else:  # name the character it most likely is, as an editor set to Windows-1252 / Latin-1 shows it
            shown = bytes([byte]).decode("cp1252", errors="replace")
            said = (phrase("finding_not_utf8_latin1", byte=f"0x{byte:02x}", char=shown) if shown.isprintable()
                    else phrase("finding_not_utf8", byte=f"0x{byte:02x}"))
        raise CatalogueUnreadable(Finding(ERROR, said, name, line)) from exc


def _too_deep(text: str, name: str) -> Finding | None:
    """Refuse absurd nesting or count of values from the parser's events, before the (recursive, C) composer can
    overflow the stack or the memory.

    Thousands of '[' or '- ' crash the interpreter in the composer, so this runs first; it stops at the first
    syntax error, which the real parse then reports."""
    loader = _BaseLoader(text)
    starts, ends = (yaml.SequenceStartEvent, yaml.MappingStartEvent), (yaml.SequenceEndEvent, yaml.MappingEndEvent)
    depth = count = 0
    try:
        while (event := loader.get_event()) is not None:
            count += 1
            if count > MAX_VALUES:
                mark = event.start_mark
                return Finding(ERROR, phrase("finding_too_many_values", count=MAX_VALUES), name,
                               mark.line + 1, mark.column + 1)
            if isinstance(event, starts):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    return Finding(ERROR, phrase("finding_too_deep_unclosed", depth=MAX_DEPTH), name,
                                   mark.line + 1, mark.column + 1)
            elif isinstance(event, ends):
                depth -= 1
    except yaml.YAMLError as exc:
        return parser_depth_limit(exc, name)
    finally:
        loader.dispose()
    return None


def _shape_problems(root: yaml.Node, name: str) -> list[Finding]:
    """Refuse anchors/aliases (expansion bombs) and absurd nesting before anything is built."""
    seen: set[int] = set()
    stack = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if id(node) in seen:
            mark = node.start_mark
            return [Finding(ERROR, phrase("finding_aliases"), name, mark.line + 1, mark.column + 1)]
        seen.add(id(node))
        if depth > MAX_DEPTH:
            mark = node.start_mark
            return [Finding(ERROR, phrase("finding_too_deep", depth=MAX_DEPTH), name, mark.line + 1,
                            mark.column + 1)]
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                stack.append((key_node, depth + 1))
                stack.append((value_node, depth + 1))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((child, depth + 1) for child in node.value)
    return []
