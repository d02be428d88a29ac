"""The YAML parser's complaints in the validator's words: a table from the parser's own wording to a message key,
and the line to fix (where a quote or bracket was opened, not where the parser gave up)."""

from __future__ import annotations

import re

import yaml

from components.findings import ERROR, Finding
from components.reading.strict_yaml import MAX_DEPTH, BaseLoader, Refused
from components.words.i18n import Phrase, phrase

_NESTING_LIMIT_WORDS = "exceeded maximum nesting depth"


def parser_depth_limit(exc: yaml.YAMLError, name: str) -> Finding | None:
    """The validator's own 'nested too deep' finding where the parser stopped on a depth limit of its own.

    libyaml 0.2.5 as bundled with PyYAML 6.0.3+ stops at 1,000 levels ("while increasing flow level, exceeded
    maximum nesting depth"), and its scanner reads ahead far enough in a run of '[' to say so before the
    event that passes MAX_DEPTH reaches us; older builds have no limit and let the events through."""
    if not isinstance(exc, yaml.MarkedYAMLError) or _NESTING_LIMIT_WORDS not in f"{exc.context} {exc.problem}":
        return None
    return Finding(ERROR, phrase("finding_too_deep_unclosed", depth=MAX_DEPTH), name,
                   *_line_column(exc.problem_mark or exc.context_mark))


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


def yaml_error_finding(exc: yaml.MarkedYAMLError, name: str, text: str) -> Finding:
    """The parser's complaint in plain words, at the line to fix."""
    problem, context = exc.problem or "", exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    opened = exc.context_mark or mark
    char = text[mark.index] if mark and 0 <= mark.index < len(text) else ""
    if isinstance(exc, yaml.constructor.ConstructorError):
        if isinstance(exc, Refused):
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
    loader, found = BaseLoader(text), None
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


def reader_error_finding(exc: yaml.reader.ReaderError, name: str, text: str) -> Finding:
    """A character YAML does not allow (NUL, other control characters), with its line."""
    found = _FORBIDDEN.search(text)
    if found is None:
        return Finding(ERROR, phrase("finding_not_yaml", detail=str(exc.reason)), name)
    start = found.start()
    line = text.count("\n", 0, start) + 1
    column = start - text.rfind("\n", 0, start)
    return Finding(ERROR, phrase("finding_control_character", code=f"U+{ord(found.group()):04X}"), name, line,
                   column)
