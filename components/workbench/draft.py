"""Drafting figures from a new document: every number with its place and metric proposals, and a YAML skeleton."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from components.catalogue.load import Catalogue, load_catalogue
from components.catalogue.schema import ROOT, Place
from components.findings import CatalogueUnreadable
from components.workbench.numbers import DocumentText, Mention, nfc

LEXICON = ROOT / "data" / "lexicon.yaml"
SCRIPT_LANGUAGES = {"DEVANAGARI": "hi", "ARABIC": "fa", "CYRILLIC": "ru"}
VIETNAMESE_LETTERS = set("ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ")
SENTENCE_END = re.compile(r"(?<!\d)[.!?](?!\d)|\n")
CLAUSE_END = re.compile(r"(?<!\d)[.,;:!?()«»\"“”](?!\d)|\n|\|")
UNIT_LEVELS = {"phường": "ward", "xã": "ward", "thị trấn": "ward", "quận": "district", "huyện": "district",
               "thị xã": "district", "thành phố": "district"}
CONTEXT = 45  # characters of the document shown each side of a number on the terminal


class DraftError(Exception):
    """The document or the catalogue cannot be read: said in one line."""


def fold(text: str) -> str:
    """Lower case without Latin diacritics, one character for one ('Cẩm Thịnh' -> 'cam thinh'), so that
    offsets in the folded text are offsets in the text."""
    out = []
    for char in text.lower():
        base = unicodedata.normalize("NFD", char)[0]
        out.append("d" if char == "đ" else base if base.isascii() and base.isalpha() else char)
    return "".join(out)


def _word_regex(words: list[str]) -> re.Pattern | None:
    """One pattern for whole words or phrases (a trailing '*' makes a stem), longest first, on folded text."""
    parts = []
    for word in sorted({fold(nfc(w)) for w in words if w}, key=len, reverse=True):
        stem = word.endswith("*")
        body = r"\s+".join(re.escape(piece) for piece in word.rstrip("*").split())
        parts.append(body + (r"\w*" if stem else ""))
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)") if parts else None


@dataclass(frozen=True)
class Lexicon:
    metric_words: dict[str, list[tuple[str, str]]]  # language -> [(word, metric id)]
    levels: dict[str, dict[str, list[str]]]         # level -> language -> words
    dates_before: dict[str, list[str]]
    dates_after: dict[str, list[str]]
    labels: dict[str, list[str]]
    of_which: dict[str, list[str]]
    qualifiers: dict[str, dict[str, list[str]]]     # language -> qualifier -> the words that hedge a number so


@functools.cache
def load_lexicon(path: Path = LEXICON) -> Lexicon:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    metric_words: dict[str, list[tuple[str, str]]] = {}
    for metric_id, by_lang in data["metrics"].items():
        for lang, words in by_lang.items():
            metric_words.setdefault(lang, []).extend((str(w), metric_id) for w in words)
    return Lexicon(metric_words, data["levels"], data["dates"]["before"], data["dates"]["after"],
                   data["labels"], data["of_which"], data["qualifiers"])


@dataclass(frozen=True)
class Unit:
    """A unit of `vietnamadminunits` that the catalogue does not hold."""

    name: str
    province: str
    code: str
    level: str
    era: str  # "2025" (since 1 July 2025) or "before 2025"

    def label(self) -> str:
        return f"{self.name}, {self.province} (code {self.code}, {self.era})"


@functools.cache
def official_units() -> dict[str, tuple[Unit, ...]]:
    """vietnamadminunits' units by folded short name ({} when the package is not installed: it is a development
    dependency), read with the package's own `database.get_data`."""
    try:
        from vietnamadminunits.database import get_data
    except ImportError:
        return {}
    units: dict[str, set[Unit]] = {}
    for row in get_data(["province", "provinceShort", "ward", "wardShort", "wardCode"], "admin_units"):
        province, code = row["province"], row["wardCode"]
        units.setdefault(fold(row["provinceShort"]), set()).add(
            Unit(province, province, code[:2] if code else "", "province", "2025"))
        units.setdefault(fold(row["wardShort"]), set()).add(Unit(row["ward"], province, code, "ward", "2025"))
    for row in get_data(["province", "district", "districtShort", "districtCode", "ward", "wardShort", "wardCode"],
                        "admin_units_legacy"):
        province = row["province"]
        units.setdefault(fold(row["districtShort"]), set()).add(
            Unit(row["district"], province, row["districtCode"], "district", "before 2025"))
        if row["wardShort"]:
            units.setdefault(fold(row["wardShort"]), set()).add(
                Unit(row["ward"], province, row["wardCode"], "ward", "before 2025"))
    return {name: tuple(sorted(found, key=lambda u: (u.era != "2025", u.code))) for name, found in units.items()}


@dataclass(frozen=True)
class NamedPlace:
    """A place name found in the document: the catalogue's places it may be, or official units it may be."""

    start: int
    end: int
    places: tuple[str, ...] = ()
    units: tuple[Unit, ...] = ()


@dataclass
class Proposal:
    """One figure the document may give: its number (and whole, and stated rate), with place and metric."""

    mention: Mention
    value: float
    denominator: float | None = None
    whole: Mention | None = None      # the whole written right after it ('1.802/2.015')
    stated_rate: float | None = None
    place: str | None = None          # a catalogue place id, when one is proposed
    place_note: str = ""              # why, or why not
    metric: str | None = None
    metric_note: str = ""

    @property
    def placed(self) -> bool:
        return self.place is not None


@dataclass
class Draft:
    document: str
    language: str
    source: str
    text: DocumentText
    proposals: list[Proposal] = field(default_factory=list)
    skipped: list[tuple[Mention, str]] = field(default_factory=list)

    def proposal_at(self, line: int, column: int) -> Proposal | None:
        return next((p for p in self.proposals if p.mention.covers(line, column)), None)

    def listing(self) -> str:
        """Every number with its line, column, the words around it and the proposals (terminal only: the
        catalogue never copies the document's sentences)."""
        rows = [f"{self.document} ({self.language}): {len(self.proposals)} possible figures, "
                f"{len(self.skipped)} numbers skipped"]
        entries = [(p.mention, _proposal_summary(p)) for p in self.proposals]
        entries += [(m, f"skipped: {reason}") for m, reason in self.skipped]
        for mention, summary in sorted(entries, key=lambda e: e[0].start):
            rows.append(f"{mention.line:>4}:{mention.column:<5} {mention.written:<14} {summary}")
            rows.append(f"{'':11}…{self._around(mention)}…")
        return "\n".join(rows)

    def _around(self, mention: Mention) -> str:
        line = self.text.line(mention.line)
        start = mention.start - self.text.line_starts[mention.line - 1]
        return line[max(0, start - CONTEXT):start + len(mention.written) + CONTEXT]

    def skeleton(self) -> str:
        """YAML figure entries with value, locator and the proposals as comments, to complete and validate."""
        out = [f"# Drafted by `python -m components draft {self.document} --source {self.source}` "
               f"({self.language}).",
               "# Complete each entry (place, metric, as_of or period, a note in your own words), delete those",
               "# that are not figures, paste them under `figures:` and run `python -m components validate`",
               "# then `python -m components trace`.",
               "figures:"]
        for p in self.proposals:
            m = p.mention
            out.append(f"  - id: {self.source}-{m.line}-{m.column}")
            out.append(f"    place:      # {'proposed: ' + p.place if p.place else 'no guess'}"
                       f"{' (' + p.place_note + ')' if p.place_note else ''}")
            out.append(f"    metric:     # {'proposed: ' + p.metric if p.metric else 'no guess'}"
                       f"{' (' + p.metric_note + ')' if p.metric_note else ''}")
            out.append(f"    value: {_number_text(p.value)}")
            if p.denominator is not None:
                out.append(f"    denominator: {_number_text(p.denominator)}")
            if p.stated_rate is not None:
                out.append(f"    stated_rate: {_number_text(p.stated_rate)}")
            out.append("    as_of:      # a date, or 'publication'; or replace with period: {start: …, end: …}")
            out.append(f"    source: {self.source}")
            out.append(f"    locator: {{document: {self.document}, line: {m.line}, column: {m.column}}}")
        return "\n".join(out) + "\n"


def _number_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _proposal_summary(p: Proposal) -> str:
    number = _number_text(p.value) + (f" of {_number_text(p.denominator)}" if p.denominator is not None else "")
    number += f" ({_number_text(p.stated_rate)} %)" if p.stated_rate is not None else ""
    place = p.place or "no guess"
    metric = p.metric or "no guess"
    return f"{number}  place: {place}{' (' + p.place_note + ')' if p.place_note else ''}  metric: {metric}" \
           f"{' (' + p.metric_note + ')' if p.metric_note else ''}"


def guess_language(text: str) -> str:
    letters = [unicodedata.name(c, "").split(" ")[0] for c in text if c.isalpha()]
    if not letters:
        return "en"
    script = max(set(letters), key=letters.count)
    if script in SCRIPT_LANGUAGES:
        return SCRIPT_LANGUAGES[script]
    lowered = text.lower()
    if sum(c in VIETNAMESE_LETTERS for c in lowered) > 3:
        return "vi"
    return "fr" if sum(c in "éèêàçù" for c in lowered) > 3 else "en"


def draft_document(document: str | Path, source_id: str, metrics: Path, language: str | None = None) -> Draft:
    path = Path(document)
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DraftError(f"cannot read {path}: {exc.strerror if isinstance(exc, OSError) else 'not UTF-8'}") \
            from None
    try:
        catalogue = load_catalogue(metrics)
    except CatalogueUnreadable as exc:
        raise DraftError(exc.finding.as_text()) from None
    source = catalogue.sources.get(source_id)
    listed = {d.file: d.language for d in source.documents} if source else {}
    lang = language or listed.get(path.name) or guess_language(raw)
    return draft_text(raw, lang, catalogue, source_id, path.name)


def draft_text(raw: str, lang: str, catalogue: Catalogue, source_id: str, name: str) -> Draft:
    lexicon = load_lexicon()
    text = DocumentText(raw, lang, name)
    draft = Draft(name, lang, source_id, text)
    folded = fold(text.read)
    names = _place_names(folded, text.visible, lang, catalogue.places, lexicon)
    metric_hits = _metric_hits(folded, lang, lexicon, set(catalogue.metrics))
    _collect(draft, folded, lexicon, metric_hits)
    in_names = [p for p in draft.proposals if any(n.start <= p.mention.start < n.end for n in names)]
    draft.proposals = [p for p in draft.proposals if p not in in_names]
    draft.skipped += [(p.mention, "part of a place name") for p in in_names]
    claimed: set[int] = set()  # metric words already proposed for a number before them
    for proposal in draft.proposals:
        _propose_place(proposal, folded, names, catalogue.places, lexicon, lang)
        _propose_metric(proposal, folded, metric_hits, draft.text.mentions, claimed)
    return draft


# ---- which numbers are figures ---------------------------------------------------------------------------

def _just_before(folded: str, start: int, words: list[str]) -> bool:
    pattern = _word_regex(words)
    if pattern is None:
        return False
    before = folded[max(0, start - 30):start].rstrip()
    return any(m.end() == len(before) for m in pattern.finditer(before))


def _just_after(folded: str, end: int, words: list[str]) -> bool:
    pattern = _word_regex(words)
    return bool(pattern and pattern.match(folded[end:end + 40].lstrip()))


def _is_year(mention: Mention) -> bool:
    """Four digits without separators from 1900 to 2100: a year, in any digit script."""
    return len(mention.written) == 4 and mention.written.isdecimal() and 1900 <= mention.value <= 2100


def _collect(draft: Draft, folded: str, lexicon: Lexicon, metric_hits: list) -> None:
    mentions = draft.text.mentions
    lang = draft.language
    read = draft.text.read
    i = 0
    while i < len(mentions):
        m = mentions[i]
        following = mentions[i + 1] if i + 1 < len(mentions) else None
        slash = following is not None and read[m.end:following.start] == "/"
        date_words = _just_before(folded, m.start, lexicon.dates_before.get(lang, []))
        unit_after = any(start == _skip_spaces(folded, m.end) for start, _, _ in metric_hits)
        if slash and (date_words or (i + 2 < len(mentions) and read[following.end:mentions[i + 2].start] == "/")):
            dates = [m, following] + ([mentions[i + 2]] if read[following.end:following.end + 1] == "/" else [])
            draft.skipped += [(d, "date") for d in dates]
            i += len(dates)
            continue
        if slash and _is_year(following):
            draft.skipped += [(m, "date"), (following, "date")]
            i += 2
            continue
        if _is_year(m) or date_words or (not unit_after and _just_after(folded, m.end,
                                                                         lexicon.dates_after.get(lang, []))):
            draft.skipped.append((m, "date"))
            i += 1
            continue
        if _just_before(folded, m.start, lexicon.labels.get(lang, [])):
            draft.skipped.append((m, "label"))
            i += 1
            continue
        if slash:
            draft.proposals.append(Proposal(m, m.value, denominator=following.value, whole=following))
            i += 2
            continue
        previous = draft.proposals[-1] if draft.proposals else None
        if m.percent and previous and previous.denominator is not None and previous.stated_rate is None \
                and _same_clause_run(read, previous.mention.end, m.start):
            previous.stated_rate = m.value
            draft.skipped.append((m, "the stated rate of the fraction before it"))
            i += 1
            continue
        proposal = Proposal(m, m.value)
        if previous and _just_before(folded, m.start, lexicon.of_which.get(lang, [])) \
                and not SENTENCE_END.search(read, previous.mention.end, m.start):
            proposal.denominator = previous.value
        draft.proposals.append(proposal)
        i += 1


def _skip_spaces(text: str, offset: int) -> int:
    while offset < len(text) and text[offset] in " \u00a0\u202f\u2009":
        offset += 1
    return offset


def _same_clause_run(read: str, start: int, end: int) -> bool:
    """Whether a stated rate at `end` belongs to the fraction ending at `start` (same sentence, close by)."""
    return end - start <= 60 and not SENTENCE_END.search(read, start, end)


# ---- places -----------------------------------------------------------------------------------------------

def _place_names(folded: str, visible: str, lang: str, places: dict[str, Place], lexicon: Lexicon
                 ) -> list[NamedPlace]:
    by_name: dict[str, set[str]] = {}
    for place in places.values():
        for name in [place.name, place.short_name, place.name_en, *(place.transliterations or [])]:
            if name:
                by_name.setdefault(fold(nfc(name)), set()).add(place.id)
    found: list[NamedPlace] = []
    pattern = _word_regex(list(by_name))
    taken: list[tuple[int, int]] = []
    for match in pattern.finditer(folded) if pattern else ():
        if any(s < match.end() and match.start() < e for s, e in taken):
            continue
        key = re.sub(r"\s+", " ", match.group())
        if not _diacritics_agree(visible[match.start():match.end()], places, by_name[key]):
            continue
        taken.append(match.span())
        found.append(NamedPlace(match.start(), match.end(), tuple(sorted(by_name[key]))))
    if lang == "vi":
        found += _official_names(folded, visible, taken)
    return sorted(found, key=lambda n: n.start)


def _diacritics_agree(written: str, places: dict[str, Place], ids: set[str]) -> bool:
    """A name written with diacritics must be written with the same ones ('Hà Long' is not 'Hạ Long')."""
    if fold(written) == written.lower():
        return True  # written without diacritics: any of them
    names = {nfc(n).lower() for i in ids for n in [places[i].name, places[i].short_name, places[i].name_en,
                                                   *(places[i].transliterations or [])] if n}
    return nfc(written).lower() in names or any(n.endswith(nfc(written).lower()) for n in names)


def _official_names(folded: str, visible: str, taken: list[tuple[int, int]]) -> list[NamedPlace]:
    """Vietnamese unit names right after a level word (xã, phường, huyện, tỉnh …) that the catalogue lacks."""
    units = official_units()
    if not units:
        return []
    level_words = sorted({fold(w) for w in UNIT_LEVELS} | {"tinh"}, key=len, reverse=True)
    found = []
    for level in re.finditer(r"(?<!\w)(" + "|".join(level_words) + r")\s+", folded):
        words = list(re.finditer(r"\w+", visible[level.end():level.end() + 60]))
        capitalised = []
        for w in words[:4]:
            if not w.group()[0].isupper():
                break
            capitalised.append(w)
        for count in range(len(capitalised), 0, -1):
            start, end = level.end(), level.end() + capitalised[count - 1].end()
            candidates = units.get(re.sub(r"\s+", " ", folded[start:end]))
            if candidates and not any(s < end and start < e for s, e in taken):
                wanted = {"tinh": "province"}.get(level.group(1), UNIT_LEVELS.get(_unfold_level(level.group(1))))
                fitting = tuple(u for u in candidates if u.level == wanted or
                                (level.group(1) == "thanh pho" and u.level == "province"))
                if fitting:
                    found.append(NamedPlace(start, end, (), fitting))
                break
    return found


def _unfold_level(folded_word: str) -> str:
    return next((w for w in UNIT_LEVELS if fold(w) == folded_word), folded_word)


def _level_near(folded: str, name: NamedPlace, lang: str, lexicon: Lexicon) -> str | None:
    """The level word right before or right after a name ('phường Hạ Long', 'कैम थिन्ह वार्ड')."""
    for level, by_lang in lexicon.levels.items():
        words = by_lang.get(lang, [])
        if _just_before(folded, name.start, words) or _just_after(folded, name.end, words):
            return level
    return None


def _propose_place(p: Proposal, folded: str, names: list[NamedPlace], places: dict[str, Place],
                   lexicon: Lexicon, lang: str) -> None:
    start = p.mention.start
    sentence_start = max((m.end() for m in SENTENCE_END.finditer(folded, 0, start)), default=0)
    sentence_end = next((m.start() for m in SENTENCE_END.finditer(folded, start)), len(folded))
    line_start = folded.rfind("\n", 0, start) + 1
    before = [n for n in names if sentence_start <= n.start and n.end <= start]
    after = [n for n in names if start < n.start and n.end <= sentence_end]
    earlier = [n for n in names if line_start <= n.start and n.end <= sentence_start]
    for group, note in ((before[::-1], "named before it in its sentence"), (after, "named after it in its sentence"),
                        (earlier[::-1], "named in an earlier sentence of its paragraph")):
        if group:
            _choose(p, group[0], note, folded, places, lexicon, lang)
            return
    p.place_note = "no place named in its sentence or paragraph"


def _choose(p: Proposal, name: NamedPlace, note: str, folded: str, places: dict[str, Place], lexicon: Lexicon,
            lang: str) -> None:
    if name.units:
        shown = "; ".join(u.label() for u in name.units[:3]) + ("; …" if len(name.units) > 3 else "")
        p.place_note = f"not in the catalogue: {shown}: add it to data/places.yaml"
        return
    ids = list(name.places)
    level = _level_near(folded, name, lang, lexicon)
    if len(ids) > 1 and level:
        ids = [i for i in ids if places[i].level == level] or ids
    if len(ids) > 1:
        current = [i for i in ids if places[i].status == "current"]
        p.place_note = f"{note}; could be {' or '.join(ids)}" + (f" (current: {current[0]})" if len(current) == 1
                                                                  else "")
        return
    p.place, p.place_note = ids[0], note


# ---- metrics ----------------------------------------------------------------------------------------------

def _metric_hits(folded: str, lang: str, lexicon: Lexicon, known: set[str]) -> list[tuple[int, int, str]]:
    hits = []
    for word, metric_id in lexicon.metric_words.get(lang, []):
        if metric_id not in known:
            continue
        pattern = _word_regex([word])
        hits += [(m.start(), m.end(), metric_id) for m in pattern.finditer(folded)] if pattern else []
    return sorted(hits)


def _propose_metric(p: Proposal, folded: str, hits: list[tuple[int, int, str]], mentions: list[Mention],
                    claimed: set[int]) -> None:
    m = p.mention
    end = p.whole.end if p.whole else m.end  # a fraction's words follow its whole
    later = [n.start for n in mentions if n.start >= end]
    clause_end = next((c.start() for c in CLAUSE_END.finditer(folded, end)), len(folded))
    stop = min([clause_end, *later])
    after = [h for h in hits if end <= h[0] < stop]
    if after:
        first = min(h[0] for h in after)
        start, finish, metric_id = max((h for h in after if h[0] == first), key=lambda h: h[1] - h[0])
        p.metric, p.metric_note = metric_id, f"the word '{folded[start:finish]}' after it"
        claimed.add(start)
        return
    clause_start = max((c.end() for c in CLAUSE_END.finditer(folded, 0, m.start)), default=0)
    earlier = [n.end for n in mentions if n.end <= m.start]
    begin = max([clause_start, *earlier])
    before = [h for h in hits if begin <= h[0] and h[1] <= m.start and h[0] not in claimed]
    if before:
        start, finish, metric_id = max(before, key=lambda h: (h[1], h[1] - h[0]))
        p.metric, p.metric_note = metric_id, f"the word '{folded[start:finish]}' before it"
        return
    p.metric_note = "no metric word next to it"
