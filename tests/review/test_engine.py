"""The engine: registry, broken rules, per-rule settings, scores and grades, the contract."""

from decimal import Decimal

import pytest
from tests.review.conftest import CLEAN, clean_batch, clean_form, with_indicator

from jixiao.i18n import Text
from jixiao.review import CATEGORIES, load_settings, review_batch, review_form
from jixiao.review.model import Severity
from jixiao.review.registry import RULES, Rule, load_rules, register
from jixiao.review.scoring import grade_of


def test_every_category_of_the_design_has_a_rule():
    assert {cls.category for cls in load_rules().values()} == set(CATEGORIES)


def test_rule_ids_name_their_severity_letter():
    letters = {"E": Severity.ERROR, "W": Severity.WARNING, "I": Severity.INFO}
    assert {r: letters[r.split(".")[1][0]] for r in load_rules()} == {
        r: cls.severity for r, cls in load_rules().items()
    }


def test_a_duplicate_rule_id_fails_at_import():
    with pytest.raises(RuntimeError, match=r"registered twice: funds\.E001"):

        @register
        class Again(Rule):
            id = "funds.E001"
            category = "funds_inconsistent"
            severity = Severity.ERROR


def test_an_unknown_category_fails_at_import():
    with pytest.raises(RuntimeError, match="unknown category"):

        @register
        class Odd(Rule):
            id = "odd.W001"
            category = "odd"
            severity = Severity.WARNING


class Broken(Rule):
    id = "test.W999"
    category = "text_artifact"
    severity = Severity.WARNING
    title = message = hint = Text("坏", "broken")

    def check(self, ctx):
        yield from ()
        raise ZeroDivisionError("boom")


@pytest.fixture
def extra_rule():
    """Registers a rule for one test (`RULES.add`), and forgets it after."""
    added = []

    def add(cls):
        RULES.add(cls.id, cls, cls.__module__)
        added.append(cls.id)

    yield add
    for rule_id in added:
        RULES.discard(rule_id)


class BrokenBatch(Broken):
    id = "test.W998"
    scope = "batch"

    def emit(self):
        raise KeyError("boom")


def test_a_broken_rule_becomes_a_finding_not_a_crash(extra_rule):
    extra_rule(Broken)
    review = review_form(clean_form())
    assert [(f.rule, f.basis.setting) for f in review.findings] == [
        ("engine.E001", "rule test.W999")
    ]
    assert "ZeroDivisionError: boom" in review.findings[0].basis.text
    assert review.score == Decimal(100)  # the form is not to blame


def test_a_broken_batch_rule_is_reported_on_every_form(extra_rule):
    extra_rule(BrokenBatch)
    report = review_batch(clean_batch())
    assert [[f.rule for f in r.findings] for r in report.forms] == [["engine.E001"]] * len(CLEAN)


def test_the_settings_turn_a_rule_off_or_change_its_severity(tmp_path):
    form = with_indicator(clean_form(), 7, target="=100%")
    path = tmp_path / "s.toml"
    path.write_text('[rules."realism.W001"]\nseverity = "info"\n', encoding="utf-8")
    assert [f.severity for f in review_form(form, load_settings(str(path))).findings] == [
        Severity.INFO
    ]
    path.write_text('[rules."realism.W001"]\nenabled = false\n', encoding="utf-8")
    assert review_form(form, load_settings(str(path))).findings == ()


def test_a_clean_form_scores_full_marks():
    review = review_form(clean_form())
    assert (review.score, review.grade, review.findings) == (Decimal(100), "优", ())
    assert set(review.criteria_scores) == {"完整性", "相关性", "适当性", "可行性"}


def test_a_warning_takes_the_points_of_its_row_in_the_criteria_of_its_category():
    review = review_form(with_indicator(clean_form(), 7, target="=100%"))  # unrealistic
    [finding] = review.findings
    assert finding.category == "unrealistic_target"  # counts against 可行性 alone
    assert review.criteria_scores["可行性"] < 100
    assert {k: v for k, v in review.criteria_scores.items() if k != "可行性"} == {
        "完整性": 100,
        "相关性": 100,
        "适当性": 100,
    }


@pytest.mark.parametrize(
    ("score", "errors", "grade"),
    [
        ("90", False, "优"),
        ("89.9", False, "良"),
        ("80", False, "良"),
        ("79.9", False, "中"),
        ("60", False, "中"),
        ("59.9", False, "差"),
        ("95", True, "良"),
        ("50", True, "差"),
    ],
)
def test_grade_bands(score, errors, grade):
    assert grade_of(Decimal(score), errors, load_settings()) == grade


def test_review_form_and_review_batch_agree_on_per_form_rules():
    batch = clean_batch()
    spoiled = with_indicator(batch.forms[0], 7, target="=100")
    alone = review_form(spoiled)
    in_batch = review_batch(batch.__class__(batch.sources, (spoiled,), ())).forms[0]
    assert alone.findings == in_batch.findings


def test_review_forms_streams_and_keeps_no_form():
    import gc
    import weakref

    from tests.review.conftest import SEED

    from jixiao.importers import read_path
    from jixiao.review import review_forms

    batch = read_path(SEED)
    expected = review_batch(batch)
    refs = []

    def forms():
        for form in read_path(SEED).forms:
            refs.append(weakref.ref(form))
            yield form

    streamed = review_forms(forms(), sources=[str(SEED)])
    gc.collect()
    assert [r.findings for r in streamed.forms] == [r.findings for r in expected.forms]
    assert [ref() for ref in refs] == [None] * 15  # only the review is kept


def test_a_broken_row_rule_is_reported_at_the_row(extra_rule):
    from jixiao.review.registry import IndicatorRule

    class BrokenRow(IndicatorRule):
        id = "test.W997"
        category = "target_format"
        severity = Severity.WARNING
        title = message = hint = Text("坏", "broken")

        def check_row(self, view, ctx):
            if view.index == 2:
                raise ValueError("row")
            return iter(())

    extra_rule(BrokenRow)
    found = review_form(clean_form()).findings
    assert [(f.rule, f.location.indicator) for f in found] == [("engine.E001", 2)]


def test_every_rule_loads_even_when_one_rule_module_was_imported_first():
    import subprocess
    import sys

    code = (
        "import jixiao.review.rules.goal_gap\n"
        "from jixiao.review.registry import load_rules\n"
        "print(len(load_rules()))\n"
    )
    alone = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    from jixiao.review.registry import load_rules

    assert int(alone.stdout) == len(load_rules()) > 40


def test_the_grades_are_those_of_the_settings(tmp_path):
    from jixiao.review import grades

    assert grades() == ("优", "良", "中", "差")
    path = tmp_path / "bands.toml"
    path.write_text(
        '[grades]\nbands = [{ min = 85, grade = "A" }, { min = 0, grade = "B" }]\n',
        encoding="utf-8",
    )
    assert grades(load_settings(str(path))) == ("A", "B")
