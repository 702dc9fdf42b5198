"""The published self-evaluation tables of tests/fixtures/selfeval/, and copies of them edited by
a test (`edited`)."""

from __future__ import annotations

from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "selfeval"
PUTUO = FIXTURES / "putuo_settlement.txt"
PUTUO_2 = FIXTURES / "putuo_yuandian.txt"
CHIZHOU = FIXTURES / "chizhou_weituo.txt"
LANGFANG = FIXTURES / "langfang_hvac.txt"
LANGFANG_CELLS = FIXTURES / "langfang_hvac_paragraphs.txt"  # one cell per paragraph
PUTUO_DOCX = FIXTURES / "putuo_settlement.docx"
PUTUO_XLSX = FIXTURES / "putuo_settlement.xlsx"


def edited(tmp_path: Path, source: Path, old: str, new: str) -> Path:
    """A copy of `source` with its one line `old` made `new` (the published file stays as it is)."""
    lines = source.read_text(encoding="utf-8").split("\n")
    assert lines.count(old) == 1, old
    lines[lines.index(old)] = new
    copy = tmp_path / source.name
    copy.write_text("\n".join(lines), encoding="utf-8")
    return copy
