"""metrics.yaml against its documents: each cited file exists, is cited once, and states each number it gives."""

from __future__ import annotations

import contextlib
import io
import json
import unicodedata
from pathlib import Path

import pytest
import yaml

from components.__main__ import main
from components.workbench.numbers import states

ROOT = Path(__file__).resolve().parents[2]
SOURCES_DIR = ROOT.parent / "shared" / "sources"
CATALOGUE = yaml.safe_load((ROOT / "metrics.yaml").read_text(encoding="utf-8"))
SOURCES = {source["id"]: source for source in CATALOGUE["sources"]}

needs_documents = pytest.mark.skipif(not SOURCES_DIR.is_dir(), reason=f"the source documents are not here: "
                                     f"{SOURCES_DIR} is absent (they live next to the repository)")

# ---- reading numbers the way the documents write them (components/workbench/numbers.py) -----------------------------


@pytest.mark.parametrize(("text", "number"), [
    ("1707", 1707), ("1,707", 1707), ("1.707", 1707), ("1 707", 1707), ("1\u00a0707", 1707), ("1\u202f707", 1707),
    ("89,1 %", 89.1), ("89.1%", 89.1), ("۵۳۰۰۰ نفر", 53000), ("۱۰۰٪", 100), ("٣٤١٠", 3410), ("१,६५०", 1650),
    ("200 मिलियन से अधिक", 200_000_000), ("plus de 200 millions de VND", 200_000_000), ("3 लाख", 300_000),
    ("5 हज़ार", 5000), ("5 \u0939\u091c\u093c\u093e\u0930", 5000), ("5 \u0939\u095b\u093e\u0930", 5000),
    ("2 миллиона", 2_000_000), ("12 тысяч", 12000), ("Quatre formations", 4),
    ("уже три года подряд", 3), ("1,707/1,914", 1914), ("11/11", 11),
    ("С 2022 года не было инцидентов", 0), ("aucun incident", 0),
])
def test_numbers_are_read_in_their_usual_writings(text, number):
    assert states(text, number)


@pytest.mark.parametrize(("text", "number"), [
    ("1707", 170), ("17 07", 1707), ("1,7070", 17070), ("2024", 202), ("Комментарий (0)", 0),
    ("[विज्ञापन_2]", 2), ("https://example.org/a-215571.htm", 215571), ("un dos", 1),
    ("Trong năm 2024 không có vụ nào", 5), ("Trong năm 2024 không có vụ nào", 0), ("ده کوچک", 10),
])
def test_parts_of_numbers_page_furniture_and_look_alikes_are_not_read(text, number):
    assert not states(text, number)


# ---- the catalogue against its documents -------------------------------------------------------------------

@needs_documents
@pytest.mark.parametrize("source_id", sorted(s for s in SOURCES if SOURCES[s].get("documents")))
def test_every_document_a_source_cites_exists(source_id):
    missing = [d["file"] for d in SOURCES[source_id].get("documents", []) if not (SOURCES_DIR / d["file"]).is_file()]
    assert missing == [], f"{source_id} cites documents that are not in {SOURCES_DIR}"


def test_no_document_is_cited_by_two_sources():
    cited: dict[str, list[str]] = {}
    for source in CATALOGUE["sources"]:
        for document in source.get("documents", []):
            cited.setdefault(document["file"], []).append(source["id"])
    assert {f: s for f, s in cited.items() if len(s) > 1} == {}


SCRIPTS = {"hi": "DEVANAGARI", "fa": "ARABIC", "ar": "ARABIC", "ru": "CYRILLIC", "fr": "LATIN", "en": "LATIN",
           "vi": "LATIN"}


@needs_documents
@pytest.mark.parametrize("document", [d for s in CATALOGUE["sources"] for d in s.get("documents", [])],
                         ids=lambda d: d["file"])
def test_each_document_is_in_the_language_it_is_said_to_be(document):
    if document["language"] not in SCRIPTS:
        pytest.fail(f"add the script of language {document['language']!r} to SCRIPTS")
    text = (SOURCES_DIR / document["file"]).read_text(encoding="utf-8")
    letters = [unicodedata.name(c, "").split(" ")[0] for c in text if c.isalpha()]
    dominant = max(set(letters), key=letters.count)
    assert dominant == SCRIPTS[document["language"]]


# Figures whose number the documents say only in words the reader does not know ("no more drug addicts"): with a
# locator on those words trace lists them by name (as unread at their locator, a warning for the curator's eye)
# instead of finding them. A zero of another figure said in words it knows ("не было") does not count as theirs.
SAID_IN_WORDS_THE_READER_DOES_NOT_KNOW = {"tri-quang-drug-addicts", "tri-quang-complex-order-hotspots",
                                          "tri-quang-new-social-evils"}


@pytest.fixture(scope="module")
def traced():
    """`python -m components trace` on the bundled catalogue and the real documents: (exit code, results)."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = main(["trace", "--metrics", str(ROOT / "metrics.yaml"), "--documents", str(SOURCES_DIR),
                     "--format", "json"])
    return code, json.loads(out.getvalue())


@needs_documents
def test_trace_finds_every_number_of_every_figure_in_a_document_of_its_source(traced):
    code, results = traced
    problems = [r["message"] for r in results if r["severity"] == "error"]
    assert code == 0 and problems == [], problems


@needs_documents
@pytest.mark.parametrize("figure", CATALOGUE["figures"], ids=lambda f: f["id"])
def test_every_number_of_a_figure_is_stated_in_a_document_of_its_source(figure, traced):
    _code, results = traced
    mine = {r["field"]: r for r in results if r["figure"] == figure["id"]}
    for key in ("value", "denominator", "stated_rate"):
        if figure.get(key) is None:
            continue
        if figure["id"] in SAID_IN_WORDS_THE_READER_DOES_NOT_KNOW and key == "value":
            assert "locator" in figure and mine[key]["status"] == "unread", mine[key]["message"]
            assert mine[key]["severity"] == "warning"
            continue
        assert mine[key]["status"] in ("at_locator", "found", "in_quote"), (
            f"figure {figure['id']}: {mine[key]['message']}; if the document writes it in words the reader "
            "does not know, tell the lead with the exact phrase")


@needs_documents
@pytest.mark.parametrize("figure", [f for f in CATALOGUE["figures"]
                                    if f["id"] not in SAID_IN_WORDS_THE_READER_DOES_NOT_KNOW],
                         ids=lambda f: f["id"])
def test_every_figure_the_reader_can_find_stands_at_its_locator(figure, traced):
    """A number stated several times ("10", "2", "100 %") is checked where the figure was taken from, not where
    it first stands."""
    _code, results = traced
    # its own value and the change it states (a figure of its own, figure~change), in each source that reports it
    values = [r for r in results if r["figure"].partition("~")[0] == figure["id"] and r["field"] == "value"]
    assert "locator" in figure and values
    for value in values:
        assert value["status"] in ("at_locator", "in_quote"), value["message"]


@needs_documents
def test_every_document_is_cited_by_a_figure(traced):
    _code, results = traced
    assert [r["message"] for r in results if r["status"] == "uncited"] == []
