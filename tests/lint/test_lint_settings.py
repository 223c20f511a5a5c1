"""``lint`` options: bad ones as file pairs in config/ (``<case>.yml`` ↔ ``<case>.error.txt``,
the exact message), and what good ones change."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from portavoz.scheduler.base.options import ConfigError
from portavoz.scheduler.base.problems import Severity
from portavoz.scheduler.lint import RULES, LintSettings, lint_settings

CONFIG = Path(__file__).resolve().parent / "config"
CASES = Path(__file__).resolve().parent / "cases"


@pytest.mark.parametrize("case", sorted(CONFIG.glob("*.yml")), ids=lambda p: p.stem)
def test_bad_option_is_named(case: Path) -> None:
    options = yaml.safe_load(case.read_text(encoding="utf-8"))
    expected = case.with_suffix(".error.txt").read_text(encoding="utf-8").strip()

    with pytest.raises(ConfigError) as raised:
        lint_settings(options, CASES)

    assert str(raised.value) == expected


def test_defaults_follow_the_rule_table() -> None:
    settings = lint_settings({}, CASES)

    assert {r: settings.severity(r) for r in RULES} == {r: RULES[r].severity for r in RULES}
    assert settings == LintSettings(dictionary_path=settings.dictionary_path)
    assert settings.hashtag_max == {"instagram": 5, "threads": 1}


def test_severity_can_be_raised_lowered_or_turned_off() -> None:
    rules = {"spelling": {"severity": "error"}, "banned": {"severity": "off"}}

    settings = lint_settings({"lint": {"rules": rules}}, CASES)

    assert settings.severity("spelling") is Severity.ERROR
    assert settings.severity("banned") is None


def test_dictionary_words_fold_case_and_hyphens_and_capitals_are_acronyms() -> None:
    settings = lint_settings({"lint": {"dictionary": "dictionary.txt"}}, CASES)

    assert {"e-brisa", "ebrisa", "ruedalibre"} <= settings.dictionary
    assert "PEDALEA-ABRIL" in settings.acronyms


def test_site_network_limit_and_lint_max_take_the_lowest() -> None:
    options = {
        "networks": {"instagram": {"hashtag_limit": 30}},
        "lint": {"rules": {"hashtags": {"max": 4}}},
    }

    settings = lint_settings(options, CASES)

    assert settings.hashtag_max["instagram"] == 4
    assert settings.hashtag_max["x"] == 4


def test_neutrality_terms_extend_the_shipped_lists() -> None:
    options = {"lint": {"rules": {"neutrality": {"terms": {"es": {"deporte": ["fútbol"]}}}}}}

    terms = lint_settings(options, CASES).neutrality["es"]

    assert terms["deporte"] == ("fútbol",)
    assert "religi*" in terms["religión"]


def test_shipped_neutrality_lists_read_as_the_pure_python_parser_reads_them() -> None:
    # The shipped file is read with libyaml's parser where installed; PyYAML's own
    # parser is the reference for its values.
    from importlib.resources import files

    from portavoz.scheduler.lint.settings import default_neutrality

    assert hasattr(yaml, "CSafeLoader"), "the lock installs PyYAML with libyaml"
    text = files("portavoz.scheduler.lint").joinpath("data/neutrality.yml").read_text("utf-8")
    reference = yaml.load(text, Loader=yaml.SafeLoader)  # PyYAML's own parser, safe
    shipped = default_neutrality()

    assert set(shipped) == set(reference)
    for lang, topics in reference.items():
        assert {topic: set(words) for topic, words in shipped[lang].items()} == {
            topic: set(words) for topic, words in topics.items()
        }
