"""The fast reader: plain data read straight from the C parser's events, without the node tree, keeping only the
marks `position` needs. Anything but plain data falls back to the full reader, which has the checks and words."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from array import array
from pathlib import Path
from typing import Any

import yaml

from components.reading.positions import Marks, YamlDocument
from components.reading.strict_yaml import MAX_DEPTH, MAX_VALUES, StrictLoader

_STR, _MAP, _SEQ = "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
_INT, _TIMESTAMP, _MERGE = "tag:yaml.org,2002:int", "tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:merge"
_PLAIN_INT = re.compile(r"-?(?:0|[1-9][0-9]{0,17})")
_FLOAT, _PLAIN_FLOAT = "tag:yaml.org,2002:float", re.compile(r"-?[0-9]+\.[0-9]+")
_PLAIN_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class Fallback(Exception):
    """The fast reader met something it leaves to the full reader: an anchor or alias, an explicit tag, a merge
    key, a duplicate or invisible key, a collection as key, deep nesting, very many values, bad YAML."""


def fast_read(path: Path, text: str) -> YamlDocument:
    """Read plain data straight from the C parser's events, without building the node tree.

    Raises Fallback for anything but plain data (then read_yaml reads the file the full way, with its checks and
    findings); a clean file gives the same data as the full reader, and `position` the same lines and columns.
    """
    if any(c in text for c in ("\x85", "\u2028", "\u2029")) or ("\r" in text and "\r" in text.replace("\r\n", "")):
        raise Fallback  # line breaks other than \n and \r\n: the marks count lines by \n
    loader = StrictLoader(text)
    get_event = loader.get_event
    implicit_resolvers = {key: tuple(value) for key, value in loader.yaml_implicit_resolvers.items()}
    if None in implicit_resolvers or loader.yaml_path_resolvers:
        raise Fallback  # pragma: no cover - SafeLoader has neither
    constructors = loader.yaml_constructors
    scalar_event, mapping_start, sequence_start = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
    ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    clean_keys: dict[str, str] = {}  # keys seen and found free of invisible characters
    fromisoformat = dt.date.fromisoformat

    def scalar(event) -> tuple[Any, str]:
        value = event.value
        tag = event.tag
        if tag is not None and tag != "!":
            raise Fallback
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
                raise Fallback from None
        if tag == _MERGE or tag not in constructors:
            raise Fallback
        try:
            return constructors[tag](loader, yaml.ScalarNode(tag, value, event.start_mark, event.end_mark,
                                                             style=event.style)), tag
        except Exception:
            raise Fallback from None

    try:
        if not isinstance(get_event(), yaml.StreamStartEvent) or not isinstance(get_event(), yaml.DocumentStartEvent):
            raise Fallback
        first = get_event()
        if not isinstance(first, (mapping_start, sequence_start)) or first.anchor is not None \
                or first.tag not in (None, "!"):
            raise Fallback  # a scalar or empty document: the full reader has the words for it
        marks = Marks((first.start_mark.line, first.start_mark.column, first.start_mark.index))
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
                raise Fallback
            container, is_mapping, key, entry_marks, top_key = frame
            if is_mapping and key is _NO_KEY:  # a key
                if not isinstance(event, scalar_event):
                    raise Fallback
                raw = clean_keys.get(event.value)
                if raw is None:
                    raw = event.value
                    if any(unicodedata.category(c) in ("Cc", "Cf") for c in raw):
                        raise Fallback
                    clean_keys[raw] = raw
                key, tag = scalar(event)
                if tag == _STR:
                    key = raw  # one string object per distinct key, not one per entry (a tenth of the data)
                if tag == _MERGE or key in container:
                    raise Fallback
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
                    raise Fallback
                value = {} if isinstance(event, mapping_start) else []
                child_marks = None
                if len(stack) == 1 and is_mapping and isinstance(event, sequence_start):
                    child_marks = (array("q"), array("q"), array("q"), [])
                    marks.entries.setdefault(top_key, child_marks)
                child = [value, isinstance(event, mapping_start), _NO_KEY, child_marks, None]
            else:
                raise Fallback
            if is_mapping:
                container[key] = value
                frame[2] = _NO_KEY
            else:
                container.append(value)
            if child is not None:
                stack.append(child)
        if not isinstance(get_event(), yaml.DocumentEndEvent) or not isinstance(get_event(), yaml.StreamEndEvent):
            raise Fallback  # a second document: the full reader says so
    except yaml.YAMLError:
        raise Fallback from None
    finally:
        loader.dispose()
    return YamlDocument(path, root, None, marks, text)


class _NoKey:
    __slots__ = ()


_NO_KEY = _NoKey()
