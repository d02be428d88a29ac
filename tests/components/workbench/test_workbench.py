"""The curator's workbench on articles written for these tests: `draft` proposes every figure, `trace` finds it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from components.__main__ import main
from components.catalogue.load import load_catalogue
from components.catalogue.schema import ROOT
from components.workbench.draft import draft_document, draft_text, load_lexicon

ARTICLES = ROOT / "tests" / "data" / "workbench"
EXPECTED = yaml.safe_load((ARTICLES / "EXPECTED.yaml").read_text(encoding="utf-8"))
BUNDLED = ROOT / "metrics.yaml"


@pytest.fixture(scope="module")
def bundled():
    return load_catalogue(BUNDLED)


def _draft(name: str, catalogue):
    return draft_text((ARTICLES / name).read_text(encoding="utf-8"), EXPECTED[name]["language"], catalogue,
                      "test-source", name)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_draft_proposes_every_figure_a_curator_takes_at_its_place_in_the_article(name, bundled):
    draft = _draft(name, bundled)
    for line, column, value, denominator, _place, _metric in EXPECTED[name]["figures"]:
        proposal = draft.proposal_at(line, column)
        assert proposal is not None, f"{name}:{line}:{column}: no number proposed there"
        assert proposal.value == value, f"{name}:{line}:{column}: proposed {proposal.value}, not {value}"
        if EXPECTED[name]["language"] == "vi":
            assert proposal.denominator == denominator, f"{name}:{line}:{column}: whole {proposal.denominator}"


def _right_share(name: str, catalogue) -> float:
    draft = _draft(name, catalogue)
    right = [(draft.proposal_at(line, column).place, draft.proposal_at(line, column).metric) == (place, metric)
             for line, column, _v, _d, place, metric in EXPECTED[name]["figures"]]
    return sum(right) / len(right)


@pytest.mark.parametrize(("name", "floor"), [("vi_quang_ninh.txt", 1.0), ("fr_cam_pha.txt", 0.8),
                                             ("ru_tri_quang.txt", 0.8), ("fa_ha_long.txt", 0.8),
                                             ("hi_cluster.txt", 0.5)])
def test_share_of_right_place_and_metric_proposals(name, floor, bundled, capsys):
    share = _right_share(name, bundled)
    with capsys.disabled():
        print(f"\n{name}: place and metric both right for {share:.0%} of the curator's figures")
    assert share >= floor


def test_a_number_that_cannot_be_placed_gets_no_guess(bundled):
    draft = _draft("vi_quang_ninh.txt", bundled)
    unplaced = draft.proposal_at(11, 40)  # an award to nine collectives, with no place named
    assert unplaced.value == 9 and unplaced.place is None and unplaced.metric is None


def test_a_unit_the_catalogue_lacks_is_named_from_vietnamadminunits_not_guessed(bundled):
    draft = _draft("vi_quang_ninh.txt", bundled)
    proposal = draft.proposal_at(10, 35)
    assert proposal.value == 25 and proposal.place is None
    assert "Phường Hồng Gai" in proposal.place_note and "data/places.yaml" in proposal.place_note


def test_dates_labels_addresses_and_counters_are_not_proposed(bundled):
    draft = _draft("vi_quang_ninh.txt", bundled)
    values = [p.value for p in draft.proposals]
    assert 2025 not in values and 15 not in values and 6 not in values  # 15/3/2025; '6 months of 2025'
    assert 3 not in values and 20250316 not in values  # the comment counter and the address
    assert {m.written: reason for m, reason in draft.skipped}["89,4"].startswith("the stated rate")
    assert draft.proposal_at(6, 45).stated_rate == 89.4
    hindi = _draft("hi_cluster.txt", bundled)
    assert ("4", "label") in {(m.written, reason) for m, reason in hindi.skipped}  # Cluster No. 4


def test_the_skeleton_is_yaml_with_value_locator_and_commented_proposals_and_no_sentence(bundled):
    draft = _draft("vi_quang_ninh.txt", bundled)
    skeleton = draft.skeleton()
    entries = yaml.safe_load(skeleton)["figures"]
    assert len(entries) == len(draft.proposals)
    first = entries[0]
    assert first["value"] == 214 and first["locator"] == {"document": "vi_quang_ninh.txt", "line": 3, "column": 49}
    assert first["place"] is None and first["metric"] is None  # proposals are comments, for the curator to take
    assert "# proposed: cam-thinh-ward" in skeleton and "# proposed: security-cameras" in skeleton
    assert "người dân tự góp tiền" not in skeleton  # the article's words stay on the terminal
    assert "người dân tự góp tiền" in draft.listing()


def test_lexicon_names_only_metrics_of_the_catalogue(bundled):
    lexicon = load_lexicon()
    named = {metric for words in lexicon.metric_words.values() for _word, metric in words}
    assert named <= set(bundled.metrics), sorted(named - set(bundled.metrics))
    assert {metric for word, metric in lexicon.metric_words["vi"]} == named, "Vietnamese first: every metric"


def test_draft_command_writes_the_skeleton_and_lists_numbers(tmp_path, capsys):
    out = tmp_path / "draft.yaml"
    code = main(["draft", str(ARTICLES / "fr_cam_pha.txt"), "--source", "test-source", "--out", str(out)])
    assert code == 0
    assert len(yaml.safe_load(out.read_text(encoding="utf-8"))["figures"]) == 7
    assert "1 204" in capsys.readouterr().err


def test_draft_command_says_in_one_line_when_the_document_is_missing(tmp_path, capsys):
    assert main(["draft", str(tmp_path / "absent.txt"), "--source", "x"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("draft: cannot read") and "Traceback" not in err


def _test_catalogue(tmp_path: Path, shift: dict | None = None, articles: Path = ARTICLES) -> Path:
    """The bundled themes and metrics, one source per test article, and the curator's figures with locators."""
    bundled = yaml.safe_load(BUNDLED.read_text(encoding="utf-8"))
    sources, figures = [], []
    for number, (name, spec) in enumerate(sorted(EXPECTED.items())):
        source_id = f"test-{name.split('.')[0].replace('_', '-')}"
        sources.append({"id": source_id, "publisher": "Test", "title": "An article written for the tests",
                        "url": None, "published": f"2025-0{number + 1}-01", "accessed": "2025-12-01",
                        "documents": [{"file": name, "language": spec["language"]}]})
        for line, column, value, denominator, place, metric in spec["figures"]:
            figure = {"id": f"{source_id}-{line}-{column}", "place": place, "metric": metric, "value": value,
                      "as_of": "publication", "source": source_id,
                      "locator": {"document": name, "line": line, "column": column}}
            if denominator is not None:
                figure["denominator"] = denominator
            figure.update((shift or {}).get(figure["id"], {}))
            figures.append(figure)
    catalogue = {"version": 1, "places": str(ROOT / "data" / "places.yaml"), "documents": str(articles),
                 "themes": bundled["themes"], "metrics": bundled["metrics"], "sources": sources, "figures": figures}
    path = tmp_path / "metrics.yaml"
    path.write_text(yaml.safe_dump(catalogue, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _trace(path: Path, capsys) -> tuple[int, list[dict]]:
    code = main(["trace", "--metrics", str(path), "--format", "json"])
    return code, json.loads(capsys.readouterr().out)


def test_trace_finds_every_curated_figure_at_its_locator(tmp_path, capsys):
    path = _test_catalogue(tmp_path)
    assert main(["validate", "--metrics", str(path)]) == 0, capsys.readouterr()
    capsys.readouterr()
    code, traced = _trace(path, capsys)
    values = [r for r in traced if r["field"] == "value"]
    assert code == 0 and len(values) == sum(len(s["figures"]) for s in EXPECTED.values())
    assert {r["status"] for r in values} == {"at_locator"}
    assert {r["status"] for r in traced if r["field"] == "denominator"} == {"found"}


def test_trace_reports_a_drifted_locator_a_wrong_number_and_a_number_said_in_words(tmp_path, capsys):
    path = _test_catalogue(tmp_path, shift={
        "test-vi-quang-ninh-3-49": {"locator": {"document": "vi_quang_ninh.txt", "line": 4, "column": 27}},
        "test-fr-cam-pha-2-58": {"value": 177},
        "test-ru-tri-quang-2-33": {"locator": {"document": "ru_tri_quang.txt", "line": 1, "column": 1}, "value": 0},
    })
    code, traced = _trace(path, capsys)
    by_figure = {r["figure"]: r for r in traced if r["field"] == "value"}
    assert code == 1
    drifted = by_figure["test-vi-quang-ninh-3-49"]
    assert drifted["status"] == "drifted" and (drifted["document_line"], drifted["document_column"]) == (3, 49)
    assert "(there: 1.245)" in drifted["message"] and "3:49" in drifted["message"]
    assert by_figure["test-fr-cam-pha-2-58"]["status"] == "mismatch"
    assert by_figure["test-ru-tri-quang-2-33"]["status"] == "unread"
    assert by_figure["test-ru-tri-quang-2-33"]["severity"] == "warning"


def test_trace_without_a_documents_folder_says_how_to_give_one(tmp_path, capsys):
    path = _test_catalogue(tmp_path)
    text = path.read_text(encoding="utf-8").replace(f"documents: {ARTICLES}\n", "")
    path.write_text(text, encoding="utf-8")
    assert main(["trace", "--metrics", str(path)]) == 2
    assert "--documents" in capsys.readouterr().err
    assert main(["trace", "--metrics", str(path), "--documents", str(tmp_path / "nowhere")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_draft_on_a_2000_word_article_proposes_its_figures(tmp_path, bundled):
    """A long article (its time is bench/workbench_typing.py's) gives a proposal for each figure it repeats."""
    article = (ARTICLES / "vi_quang_ninh.txt").read_text(encoding="utf-8")
    long_article = tmp_path / "long.txt"
    long_article.write_text("\n".join([article] * (2000 // len(article.split()) + 1)), encoding="utf-8")
    assert len(long_article.read_text(encoding="utf-8").split()) >= 2000
    once = draft_document(ARTICLES / "vi_quang_ninh.txt", "test-source", BUNDLED, "vi")
    draft = draft_document(long_article, "test-source", BUNDLED, "vi")
    assert len(draft.proposals) > 100
    assert len(draft.proposals) == len(once.proposals) * (2000 // len(article.split()) + 1)


def test_a_zero_said_in_unknown_words_at_its_locator_is_left_to_the_eye_not_moved_to_another_none(tmp_path,
                                                                                                  capsys):
    """'no more addicts' is not read as a number; an 'aucun' (none) of another sentence must not make trace call
    the zero's locator drifted there."""
    article = tmp_path / "articles"
    shutil.copytree(ARTICLES, article)
    french = article / "fr_cam_pha.txt"
    french.write_text(french.read_text(encoding="utf-8") + "Aucun incident grave.\n", encoding="utf-8")
    path = _test_catalogue(tmp_path, shift={
        "test-fr-cam-pha-2-58": {"locator": {"document": "fr_cam_pha.txt", "line": 1, "column": 1}, "value": 0},
    }, articles=article)
    code, traced = _trace(path, capsys)
    (zero,) = [r for r in traced if r["figure"] == "test-fr-cam-pha-2-58" and r["field"] == "value"]
    assert zero["status"] == "unread" and zero["severity"] == "warning", zero["message"]
    assert "1:1" in zero["message"] and code == 0
