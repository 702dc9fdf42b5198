"""One registration scheme (jixiao.plugins.Registry) for formats, exporters, rules and commands."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from jixiao.plugins import Registry


@pytest.fixture
def package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A throw-away package `plug_<n>` whose modules `b_first` and `a_second` register `one`
    and `two` in a registry kept by its `__init__`."""
    name = f"plug_{tmp_path.name.replace('-', '_')}"
    root = tmp_path / name
    root.mkdir()
    (root / "__init__.py").write_text(
        "from jixiao.plugins import Registry\n"
        f"LISTED = Registry('thing', modules=('{name}.b_first', '{name}.a_second'))\n"
        f"WALKED = Registry('thing', package='{name}')\n"
    )
    for module, key in (("b_first", "one"), ("a_second", "two")):
        (root / f"{module}.py").write_text(
            f"from {name} import LISTED, WALKED\n"
            f"@LISTED.register('{key}')\n@WALKED.register('{key}')\n"
            f"def {key}(): return '{key}'\n"
        )
    monkeypatch.syspath_prepend(str(tmp_path))
    return name


def test_entries_come_in_the_order_of_their_modules_whoever_imported_first(package: str) -> None:
    import importlib

    importlib.import_module(f"{package}.a_second")  # the later module imported first
    registry = importlib.import_module(package).LISTED
    assert list(registry.all()) == ["one", "two"]
    assert registry.get("two")() == "two"
    assert registry.get("three") is None


def test_a_registry_answers_in_and_refuses_an_unknown_key_naming_the_known(package: str) -> None:
    import importlib

    from jixiao.errors import InputError
    from jixiao.i18n import Text

    registry = importlib.import_module(package).LISTED
    assert "one" in registry and "three" not in registry and 1 not in registry
    assert registry.require("two", Text("{f}", "{f}"))() == "two"
    with pytest.raises(InputError) as refused:
        registry.require("three", Text("未知：{f}（可用：{all}）", "unknown {f}"), "a.txt")
    assert str(refused.value) == "a.txt: 未知：three（可用：one、two）"


def test_a_package_registry_loads_every_module_of_it(package: str) -> None:
    import importlib

    registry = importlib.import_module(package).WALKED
    assert registry.modules() == (f"{package}.a_second", f"{package}.b_first")
    assert list(registry.all()) == ["two", "one"]


def test_a_key_registered_twice_is_refused() -> None:
    registry: Registry[int] = Registry("thing", modules=("json",))
    registry.add("x", 1, "json")
    with pytest.raises(RuntimeError, match="thing registered twice: x"):
        registry.add("x", 2, "json")


def test_a_registry_lists_modules_or_names_a_package() -> None:
    with pytest.raises(ValueError):
        Registry("thing")
    with pytest.raises(ValueError):
        Registry("thing", modules=("json",), package="email")


def test_the_four_kinds_share_the_scheme_and_keep_their_order_in_a_fresh_process() -> None:
    """The text reader (the fallback) is sniffed last even when it was imported first."""
    script = textwrap.dedent(
        """
        import jixiao.importers.text_reader, jixiao.exporters.html_export
        from jixiao.cli import COMMANDS
        from jixiao.exporters import EXPORTERS
        from jixiao.exporters.reports import REPORTS
        from jixiao.importers import FORMATS
        from jixiao.review.registry import RULES
        print(list(FORMATS.all()))
        print(list(EXPORTERS.all())[:2])
        print(list(COMMANDS.all()))
        print(len(RULES.all()) > 40, all(k == v.id for k, v in RULES.all().items()))
        print(list(REPORTS.all()))
        """
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    formats, exporters, commands, rules, reports = out.stdout.splitlines()
    assert formats == "['json', 'docx', 'xlsx', 'html', 'pdf', 'seed-text']"
    assert exporters == "['json', 'csv']"
    assert commands == "['import', 'show', 'review', 'selfeval', 'export', 'template', 'templates']"
    assert rules == "True True"
    assert reports == "['text', 'json', 'html', 'xlsx']"


def test_the_review_command_offers_the_registered_report_formats(capsys) -> None:
    from jixiao.cli.main import main
    from jixiao.exporters.reports import REPORTS

    with pytest.raises(SystemExit):
        main(["review", "--help"])
    assert "{" + ",".join(REPORTS.all()) + "}" in capsys.readouterr().out
    with pytest.raises(SystemExit) as refused:
        main(["review", "x.txt", "--format", "pdf"])
    assert refused.value.code == 2
    assert "invalid choice: 'pdf'" in capsys.readouterr().err
