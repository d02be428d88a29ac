"""Safe YAML reading: size and shape limits, duplicate keys, and file:line:column for any field path."""

from __future__ import annotations

import re
import unicodedata
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from components.findings import ERROR, CatalogueUnreadable, Finding
from components.words.i18n import Number, Phrase, phrase

try:  # the C parser when libyaml is present; construction stays in Python either way
    _BaseLoader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _BaseLoader = yaml.SafeLoader

MAX_BYTES = 40 * 1024 * 1024
MAX_DEPTH = 40
# Parser events (values and collections): about 19 per figure, so some 150,000 figures (the largest bench catalogue,
# 100,000 figures, has 1.9 million and needs about 1 GB); 40 MB of "1," would be 20 million and exhaust the memory.
MAX_VALUES = 3_000_000


class _StrictLoader(_BaseLoader):
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
            raise _Refused(phrase("finding_number_not_plain", text=repr(node.value), base=phrase(base),
                                  read=super().construct_yaml_int(node)), node.start_mark)
        try:
            return super().construct_yaml_int(node)
        except ValueError as exc:  # over Python's 4,300-digit limit for reading integers
            raise _Refused(phrase("finding_number_too_long", digits=len(text)), node.start_mark) from exc

    def construct_yaml_timestamp(self, node):
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError as exc:  # e.g. 2024-02-30: the date pattern matched but there is no such day
            raise _Refused(phrase("finding_not_a_real_date", text=repr(node.value)), node.start_mark) from exc


class _Refused(yaml.constructor.ConstructorError):
    """A value the catalogue refuses, with the words to say so."""

    def __init__(self, said: Phrase, mark):
        super().__init__(None, None, said.text("en"), mark)
        self.said = said


_StrictLoader.add_constructor("tag:yaml.org,2002:map", _StrictLoader.construct_yaml_map)
_StrictLoader.add_constructor("tag:yaml.org,2002:int", _StrictLoader.construct_yaml_int)
_StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", _StrictLoader.construct_yaml_timestamp)


@dataclass
class YamlDocument:
    """Parsed data plus what it takes to point at the line of any field.

    The full reader keeps the node tree (`root`). The fast reader keeps no tree (for 100,000 figures it would
    hold some 2 million nodes, most of the reading's time and memory): it keeps `marks`, the positions of the
    top level and of every entry of its lists, and finds a deeper field by reading that one entry's lines again.
    """

    path: Path
    data: Any
    root: yaml.Node | None
    marks: _Marks | None = None
    text: str | None = None

    def position(self, field_path: tuple) -> tuple[int | None, int | None]:
        if self.root is None and self.marks is not None:
            found = self.marks.position(self.text, field_path)
            if found is not None:
                return found
            self.root = _compose(self.text)  # a shape the marks do not cover: the whole tree, once
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


def _compose(text: str) -> yaml.Node:
    loader = _StrictLoader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


_ENTRY_PREFIX = re.compile(r" *- +")


class _Marks:
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
            node = _child(node, part)
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
            root = _compose(text[line_start:stop])
        except yaml.YAMLError:
            return None
        if not isinstance(root, yaml.SequenceNode) or len(root.value) != 1:
            return None
        return root.value[0], text.count("\n", 0, line_start)


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
    try:
        return _fast_read(path, text), []
    except _Fallback:
        pass  # something the fast reader leaves to the full one, which reports it as it always did
    except MemoryError:
        return None, [Finding(ERROR, phrase("finding_out_of_memory"), name, 1, 1)]
    too_deep = _too_deep(text, name)
    if too_deep:
        return None, [too_deep]
    loader = _StrictLoader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            return None, [Finding(ERROR, phrase("finding_empty_file"), name, 1, 1)]
        problems = _shape_problems(root, name)
        if problems:
            return None, problems
        data = loader.construct_document(root)
    except yaml.MarkedYAMLError as exc:
        return None, [_yaml_error_finding(exc, name, text)]
    except yaml.reader.ReaderError as exc:
        return None, [_reader_error_finding(exc, name, text)]
    except yaml.YAMLError as exc:
        return None, [Finding(ERROR, phrase("finding_not_yaml", detail=str(exc)), name)]
    except MemoryError:
        return None, [Finding(ERROR, phrase("finding_out_of_memory"), name, 1, 1)]
    except RecursionError:
        return None, [Finding(ERROR, phrase("finding_too_deep", depth=MAX_DEPTH), name, 1, 1)]
    finally:
        loader.dispose()
    paths = _node_paths(root) if loader.duplicates or loader.invisible_keys else {}
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


# ---- the fast reader ----------------------------------------------------------------------------------------

_STR, _MAP, _SEQ = "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
_INT, _TIMESTAMP, _MERGE = "tag:yaml.org,2002:int", "tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:merge"
_PLAIN_INT = re.compile(r"-?(?:0|[1-9][0-9]{0,17})")
_FLOAT, _PLAIN_FLOAT = "tag:yaml.org,2002:float", re.compile(r"-?[0-9]+\.[0-9]+")
_PLAIN_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _invisible_codes(key: str) -> str:
    return ", ".join(f"U+{ord(c):04X}" for c in key if unicodedata.category(c) in ("Cc", "Cf"))


class _Fallback(Exception):
    """The fast reader met something it leaves to the full reader: an anchor or alias, an explicit tag, a merge
    key, a duplicate or invisible key, a collection as key, deep nesting, very many values, bad YAML."""


def _fast_read(path: Path, text: str) -> YamlDocument:
    """Read plain data straight from the C parser's events, without building the node tree.

    Raises _Fallback for anything but plain data (then read_yaml reads the file the full way, with its checks and
    findings); a clean file gives the same data as the full reader, and `position` the same lines and columns.
    """
    import datetime as dt

    if any(c in text for c in ("\x85", "\u2028", "\u2029")) or ("\r" in text and "\r" in text.replace("\r\n", "")):
        raise _Fallback  # line breaks other than \n and \r\n: the marks count lines by \n
    loader = _StrictLoader(text)
    get_event = loader.get_event
    implicit_resolvers = {key: tuple(value) for key, value in loader.yaml_implicit_resolvers.items()}
    if None in implicit_resolvers or loader.yaml_path_resolvers:
        raise _Fallback  # pragma: no cover - SafeLoader has neither
    constructors = loader.yaml_constructors
    scalar_event, mapping_start, sequence_start = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
    ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    clean_keys: dict[str, str] = {}  # keys seen and found free of invisible characters
    fromisoformat = dt.date.fromisoformat

    def scalar(event) -> tuple[Any, str]:
        value = event.value
        tag = event.tag
        if tag is not None and tag != "!":
            raise _Fallback
        if event.implicit[0]:
            tag = _STR
            for candidate, pattern in implicit_resolvers.get(value[:1], ()):
                if pattern.match(value):
                    tag = candidate
                    break
        else:
            tag = _STR
        if tag == _STR:
            return value, tag
        if tag == _INT and _PLAIN_INT.fullmatch(value):
            return int(value), tag
        if tag == _FLOAT and _PLAIN_FLOAT.fullmatch(value):
            return float(value), tag
        if tag == _TIMESTAMP and _PLAIN_DATE.fullmatch(value):
            try:
                return fromisoformat(value), tag
            except ValueError:
                raise _Fallback from None
        if tag == _MERGE or tag not in constructors:
            raise _Fallback
        try:
            return constructors[tag](loader, yaml.ScalarNode(tag, value, event.start_mark, event.end_mark,
                                                             style=event.style)), tag
        except Exception:
            raise _Fallback from None

    try:
        if not isinstance(get_event(), yaml.StreamStartEvent) or not isinstance(get_event(), yaml.DocumentStartEvent):
            raise _Fallback
        first = get_event()
        if not isinstance(first, (mapping_start, sequence_start)) or first.anchor is not None \
                or first.tag not in (None, "!"):
            raise _Fallback  # a scalar or empty document: the full reader has the words for it
        marks = _Marks((first.start_mark.line, first.start_mark.column, first.start_mark.index))
        root: Any = {} if isinstance(first, mapping_start) else []
        # one frame per open collection: [container, is_mapping, pending key (or _NO_KEY), the marks of its
        # entries (a top-level list) or None, the raw pending key (the top level)]
        stack: list[list] = [[root, isinstance(first, mapping_start), _NO_KEY, None, None]]
        count = 1
        limit_depth, limit_count = MAX_DEPTH - 2, MAX_VALUES
        while stack:
            event = get_event()
            count += 1
            frame = stack[-1]
            if isinstance(event, ends):
                stack.pop()
                if frame[3] is not None:  # a top-level list: where its last entry ends
                    frame[3][3].append(event.start_mark.index)
                continue
            if isinstance(event, yaml.AliasEvent) or event.anchor is not None or count > limit_count:
                raise _Fallback
            container, is_mapping, key, entry_marks, top_key = frame
            if is_mapping and key is _NO_KEY:  # a key
                if not isinstance(event, scalar_event):
                    raise _Fallback
                raw = clean_keys.get(event.value)
                if raw is None:
                    raw = event.value
                    if any(unicodedata.category(c) in ("Cc", "Cf") for c in raw):
                        raise _Fallback
                    clean_keys[raw] = raw
                key, tag = scalar(event)
                if tag == _STR:
                    key = raw  # one string object per distinct key, not one per entry (a tenth of the data)
                if tag == _MERGE or key in container:
                    raise _Fallback
                frame[2] = key
                frame[4] = raw  # the key as written, for the top-level marks
                continue
            mark = event.start_mark
            if len(stack) == 1 and is_mapping:
                marks.top.setdefault(top_key, (mark.line, mark.column, mark.index))
            elif entry_marks is not None:
                lines, columns, indexes, _ = entry_marks
                lines.append(mark.line)
                columns.append(mark.column)
                indexes.append(mark.index)
            if isinstance(event, scalar_event):
                value = scalar(event)[0]
                child = None
            elif isinstance(event, (mapping_start, sequence_start)):
                if event.tag not in (None, "!") or len(stack) > limit_depth:
                    raise _Fallback
                value = {} if isinstance(event, mapping_start) else []
                child_marks = None
                if len(stack) == 1 and is_mapping and isinstance(event, sequence_start):
                    child_marks = (array("q"), array("q"), array("q"), [])
                    marks.entries.setdefault(top_key, child_marks)
                child = [value, isinstance(event, mapping_start), _NO_KEY, child_marks, None]
            else:
                raise _Fallback
            if is_mapping:
                container[key] = value
                frame[2] = _NO_KEY
            else:
                container.append(value)
            if child is not None:
                stack.append(child)
        if not isinstance(get_event(), yaml.DocumentEndEvent) or not isinstance(get_event(), yaml.StreamEndEvent):
            raise _Fallback  # a second document: the full reader says so
    except yaml.YAMLError:
        raise _Fallback from None
    finally:
        loader.dispose()
    return YamlDocument(path, root, None, marks, text)


class _NoKey:
    __slots__ = ()


_NO_KEY = _NoKey()


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
        return _parser_depth_limit(exc, name)
    finally:
        loader.dispose()
    return None


_NESTING_LIMIT_WORDS = "exceeded maximum nesting depth"


def _parser_depth_limit(exc: yaml.YAMLError, name: str) -> Finding | None:
    """The validator's own 'nested too deep' finding where the parser stopped on a depth limit of its own.

    libyaml 0.2.5 as bundled with PyYAML 6.0.3+ stops at 1,000 levels ("while increasing flow level, exceeded
    maximum nesting depth"), and its scanner reads ahead far enough in a run of '[' to say so before the
    event that passes MAX_DEPTH reaches us; older builds have no limit and let the events through."""
    if not isinstance(exc, yaml.MarkedYAMLError) or _NESTING_LIMIT_WORDS not in f"{exc.context} {exc.problem}":
        return None
    return Finding(ERROR, phrase("finding_too_deep_unclosed", depth=MAX_DEPTH), name,
                   *_line_column(exc.problem_mark or exc.context_mark))


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


# The parser's words (in its context or its problem) for slips that need nothing from the text to explain
# them, and the key of the validator's words for each
_SYNTAX_WORDS = (
    ("mapping values are not allowed", "finding_yaml_colon"),
    ("found unexpected ':'", "finding_yaml_colon"),
    ("another document", "finding_yaml_second_document"),
    ("undefined alias", "finding_yaml_alias"),
    ("scanning an alias", "finding_yaml_alias"),
    ("scanning an anchor", "finding_yaml_anchor"),
    ("scanning a tag", "finding_yaml_tag_start"),
    ("scanning a directive", "finding_yaml_directive"),
    ("scanning a block scalar", "finding_yaml_block_text"),
    ("block sequence entries are not allowed", "finding_yaml_dash"),
    ("expected <document start>", "finding_yaml_outside_document"),
)


def _yaml_error_finding(exc: yaml.MarkedYAMLError, name: str, text: str) -> Finding:
    """The parser's complaint in plain words, at the line to fix."""
    problem, context = exc.problem or "", exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    opened = exc.context_mark or mark
    char = text[mark.index] if mark and 0 <= mark.index < len(text) else ""
    if isinstance(exc, yaml.constructor.ConstructorError):
        if isinstance(exc, _Refused):
            said = exc.said
        elif "could not determine a constructor" in problem:
            said = phrase("finding_yaml_tag", tag=problem.split("tag ")[-1].replace("tag:yaml.org,2002:", "!!"))
        elif "unhashable key" in problem:
            said = phrase("finding_yaml_key_not_plain")
        else:
            said = _parser_words(context, problem)
        return Finding(ERROR, phrase("finding_yaml_syntax", detail=said), name, *_line_column(mark))
    if "tab" in problem or char == "\t" or _line_at(text, mark).startswith("\t"):
        said = phrase("finding_yaml_tab")
    elif "end of stream" in problem and "quoted scalar" in context:
        mark, said = opened, phrase("finding_yaml_quote_unclosed")
    elif problem.startswith("did not find expected ','"):
        said = phrase("finding_yaml_bracket_unclosed", opened="[" if "]" in problem else "{",
                      line=str(opened.line + 1), closing=problem[-2])
    elif "could not find expected ':'" in problem:
        mark, said = opened, phrase("finding_yaml_key_without_colon")
    elif "expected '-' indicator" in problem:
        said = phrase("finding_yaml_list_misaligned", line=str(opened.line + 1))
    elif "did not find expected key" in problem:
        said = phrase("finding_yaml_block_misfit", line=str(opened.line + 1))
    elif "cannot start any token" in problem or "expected node content" in problem:
        said = phrase("finding_yaml_bad_start_char", char=repr(char)) if char.strip() else \
            phrase("finding_yaml_bad_start")
    else:
        key = next((key for words, key in _SYNTAX_WORDS if words in f"{context}: {problem}"), None)
        said = phrase(key) if key else _parser_words(context, problem)
    quote = None if said.key == "finding_yaml_quote_unclosed" or mark is None else _open_quote_line(text, mark.line)
    if quote:
        said = phrase("finding_yaml_open_quote_before", detail=said, line=str(quote))
    return Finding(ERROR, phrase("finding_yaml_syntax", detail=said), name, *_line_column(mark))


def _parser_words(context: str, problem: str) -> Phrase:
    """A complaint of the YAML parser this module has no words of its own for, quoted as the parser says it."""
    if not (context or problem):
        return phrase("finding_yaml_invalid")
    return phrase("finding_yaml_parser_says", detail=f"{context}, {problem}" if context and problem
                  else problem or context)


def _line_column(mark) -> tuple[int | None, int | None]:
    return (mark.line + 1, mark.column + 1) if mark else (None, None)


def _line_at(text: str, mark) -> str:
    lines = text.splitlines()
    return lines[mark.line] if mark and mark.line < len(lines) else ""


def _open_quote_line(text: str, before: int) -> int | None:
    """The line of the last quoted text before line `before` that runs over several lines (a forgotten quote)."""
    loader, found = _BaseLoader(text), None
    try:
        while (token := loader.get_token()) is not None and token.start_mark.line <= before:
            if isinstance(token, yaml.ScalarToken) and token.style in ('"', "'") \
                    and token.end_mark.line > token.start_mark.line:
                found = token.start_mark.line + 1
    except yaml.YAMLError:
        pass
    finally:
        loader.dispose()
    return found


_FORBIDDEN = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _reader_error_finding(exc: yaml.reader.ReaderError, name: str, text: str) -> Finding:
    """A character YAML does not allow (NUL, other control characters), with its line."""
    found = _FORBIDDEN.search(text)
    if found is None:
        return Finding(ERROR, phrase("finding_not_yaml", detail=str(exc.reason)), name)
    start = found.start()
    line = text.count("\n", 0, start) + 1
    column = start - text.rfind("\n", 0, start)
    return Finding(ERROR, phrase("finding_control_character", code=f"U+{ord(found.group()):04X}"), name, line,
                   column)
