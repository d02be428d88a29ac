"""The message catalogues: the same keys in every language, each key used by the code, the same placeholders,
nothing left untranslated; and catalogue texts falling back to English visibly."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
import yaml

from components.words import i18n
from components.words.i18n import LANGUAGES, localized, messages, t, t_count

ROOT = Path(__file__).resolve().parents[3]
CODE = [ROOT / "dashboard.py", *sorted((ROOT / "components").rglob("*.py"))]


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def words(text: str) -> str:
    """The text without its placeholders: what a reader reads whatever the values."""
    return re.sub(r"\{[^{}]*\}", "", text)


def code_text() -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in CODE)


def test_every_language_has_a_catalogue_with_the_same_keys():
    english = set(messages("en"))
    assert english, "en.yaml is empty"
    for lang in LANGUAGES:
        assert (i18n.LOCALES_DIR / f"{lang}.yaml").is_file(), f"no message catalogue for {lang}"
        keys = set(messages(lang))
        assert not english - keys, f"{lang}.yaml lacks {sorted(english - keys)}"
        assert not keys - english, f"{lang}.yaml has keys en.yaml lacks: {sorted(keys - english)}"


def test_catalogues_are_flat_strings():
    for lang in LANGUAGES:
        with (i18n.LOCALES_DIR / f"{lang}.yaml").open(encoding="utf-8") as handle:
            raw = yaml.safe_load(handle)
        bad = {key: value for key, value in raw.items() if not isinstance(value, str) or not value.strip()}
        assert not bad, f"{lang}.yaml: every message is a non-empty string: {bad}"


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "en"])
def test_placeholders_are_the_same_in_every_language(lang):
    differ = {key: (sorted(placeholders(text)), sorted(placeholders(messages(lang).get(key, ""))))
              for key, text in messages("en").items()
              if placeholders(text) != placeholders(messages(lang).get(key, ""))}
    assert not differ, f"placeholders differ between en and {lang} (en, {lang}): {differ}"


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "en"])
def test_nothing_is_left_untranslated(lang):
    """A message may read the same as its English only when it has no words of its own ('{start} – {end}')."""
    same = [key for key, text in messages("en").items()
            if messages(lang).get(key) == text and re.search(r"[^\W\d_]", words(text))]
    assert not same, f"{lang}.yaml copies the English of {same}"


def test_vietnamese_is_written_with_diacritics():
    """Vietnamese without its tone marks reads wrongly; every message with three or more words has some."""
    marked = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]", re.I)
    bare = [key for key, text in messages("vi").items() if len(words(text).split()) >= 3 and not marked.search(text)]
    assert not bare, f"messages without diacritics: {bare}"


def keys_asked_for() -> set[str]:
    """The keys the code looks up: t("key", …) calls, t_count("key", …) calls (which also use 'key_one' where
    the language has it), the pages' title, selector and empty-selector keys, Plotly's own words
    (i18n.PLOTLY_KEYS), phrase("key", …) calls
    and the validator's messages named in tables ("finding_…")."""
    from components.app.navigation import PAGES
    from components.words.i18n import PLOTLY_KEYS

    text = code_text()
    asked = set(re.findall(r"""\bt\(\s*["']([a-z0-9_]+)["']""", text))
    assert len(asked) > 20, "few t(...) calls found: the pattern no longer matches the code"
    counted = set(re.findall(r"""\bt_count\(\s*["']([a-z0-9_]+)["']""", text))
    pages = {key for spec in PAGES for key in (spec.title_key, spec.choice_key, spec.none_key) if key}
    said = set(re.findall(r"""\bphrase\(\s*["']([a-z0-9_]+)["']""", text))  # messages given as phrases
    # the validator's messages chosen from a table (checks.KIND_KEYS, schema.PATTERN_HINTS, …)
    findings = set(re.findall(r"""["'](finding_[a-z0-9_]+)["']""", text))
    return asked | counted | {f"{key}_one" for key in counted} | pages | set(PLOTLY_KEYS) | said | findings


def test_every_key_is_used_by_the_code():
    asked = keys_asked_for()
    readers = {f"reader_{key}" for key in asked}  # Finding.for_readers: a message's wording for readers
    unused = sorted(set(messages("en")) - asked - readers)
    assert not unused, f"keys no code uses: {unused}"


def test_every_key_the_code_asks_for_exists():
    """Each t("key", …) in the code names a key of the catalogues (a typo would fail only at run time)."""
    missing = sorted(keys_asked_for() - set(messages("en")))
    assert not missing, missing


def test_t_fills_placeholders_and_falls_back_to_english(monkeypatch):
    assert t("n_figures", "vi", count="3") == messages("vi")["n_figures"].format(count="3")
    assert t("n_figures", "xx", count="3") == messages("en")["n_figures"].format(count="3")
    monkeypatch.delitem(messages("vi"), "n_figures")
    assert t("n_figures", "vi", count="3") == messages("en")["n_figures"].format(count="3")


def test_counts_take_the_singular_where_the_language_has_one():
    assert t_count("n_figures", "en", 1) == messages("en")["n_figures_one"].format(count="1")
    assert t_count("n_figures", "en", 1707) == messages("en")["n_figures"].format(count="1,707")
    assert t_count("n_figures", "vi", 1707) == messages("vi")["n_figures"].format(count="1.707")
    assert t_count("n_figures", "vi", 1) == messages("vi")["n_figures"].format(count="1")


class Item:
    def __init__(self, label: str, label_vi: str | None):
        self.label, self.label_vi = label, label_vi


def test_catalogue_text_without_vietnamese_is_visibly_marked_as_english():
    assert localized(Item("Cameras", "Camera"), "label", "vi") == "Camera"
    assert localized(Item("Cameras", "Camera"), "label", "en") == "Cameras"
    fallback = localized(Item("Cameras", None), "label", "vi")
    assert "Cameras" in fallback and fallback != "Cameras", "the English fallback must say it is English"
    assert re.search(r"tiếng Anh", fallback), fallback


def test_plotly_gets_its_words_numbers_and_dates_in_the_language():
    from components.words import fmt
    from components.words.i18n import PLOTLY_KEYS, plotly_config

    assert plotly_config("en") == {}, "English is Plotly's own"
    config = plotly_config("vi")
    assert config["locale"] == "vi"
    locale = config["locales"]["vi"]
    assert locale["dictionary"] == {messages("en")[key]: messages("vi")[key] for key in PLOTLY_KEYS}
    assert locale["dictionary"]["Download plot as a PNG"] == messages("vi")["plotly_download_png"]
    assert (locale["format"]["decimal"], locale["format"]["thousands"]) == (",", ".")
    assert fmt.plotly_separators("vi") == locale["format"]["decimal"] + locale["format"]["thousands"]
    assert len(locale["format"]["months"]) == 12 and locale["format"]["months"][0] != "January"


def test_a_finding_reads_in_english_as_the_command_line_prints_it_and_in_vietnamese_with_its_numbers():
    """The rate warning: English as `validate` prints it, Vietnamese from vi.yaml with the numbers grouped the
    Vietnamese way, and the JSON output keeps its fields."""
    from components.catalogue.load import BUNDLED_METRICS, load_catalogue
    from components.words import fmt

    warnings = [f for f in load_catalogue(BUNDLED_METRICS).findings if f.said.key == "finding_rate_disagrees"]
    assert warnings, "the bundled catalogue has a rate warning"
    for finding in warnings:
        numbers = dict(finding.said.params)
        assert finding.text("en") == finding.message == t("finding_rate_disagrees", "en", **{
            name: fmt.number(number.value, number.decimals, "en") for name, number in numbers.items()})
        assert finding.text("vi") == t("finding_rate_disagrees", "vi", **{
            name: fmt.number(number.value, number.decimals, "vi") for name, number in numbers.items()})
        assert finding.text("vi") != finding.message
        assert set(finding.as_dict()) == {"severity", "message", "file", "line", "column", "field", "figures"}
        assert finding.as_text("vi").startswith(f"{finding.location()}: {t('finding_severity_warning', 'vi')} ")


def test_phrases_show_text_as_written_numbers_and_dates_for_the_language_and_nested_phrases_translated():
    import datetime as dt

    from components.words.i18n import Number, phrase

    said = phrase("finding_period_reversed", end=dt.date(2024, 1, 31), start=dt.date(2024, 6, 30))
    assert said.text("en") == t("finding_period_reversed", "en", end="2024-01-31", start="2024-06-30")
    assert said.text("vi") == t("finding_period_reversed", "vi", end="31/01/2024", start="30/06/2024")
    said = phrase("finding_negative", value=-1707, kind=phrase("finding_kind_count"))
    assert said.text("vi") == t("finding_negative", "vi", value="-1.707", kind=t("finding_kind_count", "vi"))
    assert phrase("finding_rate_out_of_range", rate=120.5).text("vi") == t("finding_rate_out_of_range", "vi",
                                                                            rate="120,5")
    assert phrase("finding_part_larger_than_whole", part=Number(2500.0), whole="1.707").text("en") == t(
        "finding_part_larger_than_whole", "en", part="2,500", whole="1.707")


def test_every_broken_catalogue_of_the_corpus_is_explained_in_the_validators_own_words():
    """No finding on the corpus of broken catalogues (tests/data/bad) falls back to quoting the YAML parser or
    pydantic in English: each has a message of its own, translated in every language."""
    from bad_corpus import case_paths

    from components.catalogue.load import load_catalogue
    from components.findings import CatalogueUnreadable

    quoting = {"finding_yaml_parser_says", "finding_schema_says", "finding_not_yaml", "finding_cannot_read"}

    def keys(said) -> set[str]:
        return {said.key} | {key for _, value in said.params if isinstance(value, i18n.Phrase) for key in keys(value)}

    used: set[str] = set()
    for path in case_paths():
        try:
            findings = load_catalogue(path).findings
        except CatalogueUnreadable as exc:
            findings = [exc.finding]
        assert findings, path.name
        for finding in findings:
            assert not keys(finding.said) & quoting, f"{path.name}: {finding.message}"
            assert finding.text("vi") != finding.text("en")
            used |= keys(finding.said)
    assert len(used) > 40, sorted(used)


def test_a_finding_tells_readers_what_it_means_and_curators_what_to_fix():
    from components.findings import WARNING, Finding
    from components.words.i18n import Number, phrase

    said = phrase("finding_rate_disagrees", stated=Number(89.1, 1), part=1707, whole=1914, rate=Number(89.2, 1))
    finding = Finding(WARNING, said, "metrics.yaml", 12, 5, "figures[3].stated_rate", ("f",))
    assert "keep the source's number" in finding.text("en")
    for lang in ("en", "vi"):
        reader = finding.for_readers(lang)
        assert reader[0].isupper() and ("89,1" if lang == "vi" else "89.1") in reader
        assert "metrics.yaml" not in reader and reader != finding.text(lang)
    other = Finding(WARNING, phrase("finding_member_twice", id="x"), "places.yaml", 3)
    assert other.for_readers("en") == "Member 'x' is listed twice"


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_no_message_is_defined_twice_in_a_locale_file(lang):
    """YAML keeps the last of two equal keys without a word: the first wording would be dead text."""
    from components.words.i18n import LOCALES_DIR

    keys = re.findall(r"^([a-z0-9_]+):", (LOCALES_DIR / f"{lang}.yaml").read_text(encoding="utf-8"), re.M)
    assert len(keys) > 100 and not sorted(k for k in set(keys) if keys.count(k) > 1)
