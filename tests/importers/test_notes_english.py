"""Every note an importer writes says it in English too (`Note.en`, from `Text(zh, en)`), so the
English pages show none in Chinese; the canonical JSON keeps the Chinese message only."""

from __future__ import annotations

import re
from pathlib import Path

from jixiao.importers import read_path
from jixiao.interchange import dumps, loads

DATA = Path(__file__).parent.parent / "data"
DOCUMENTS = sorted(DATA.glob("*/*.txt"))
QUOTED = re.compile(r"“[^”]*”|（[^）]*）|\([^)]*\)|:.*$|\[[^\]]*\]")


def every_note(path: Path) -> list:
    batch = read_path(path)
    return list(batch.notes) + [n for form in batch.forms for n in form.notes]


def test_every_note_of_every_document_has_its_english():
    notes = [n for path in DOCUMENTS for n in every_note(path)]
    assert len({n.code for n in notes}) >= 5  # the test data makes notes of many kinds
    for note in notes:
        assert note.en and note.en != note.message, note
        said = QUOTED.sub("", note.en)  # what the note quotes of the document is as written
        assert not re.search(r"[\u4e00-\u9fff]", said), note.en


def test_the_english_is_said_not_kept_in_the_canonical_json():
    batch = read_path(DATA / "seed" / "000_5de6d4488e662275.txt")
    text = dumps(batch)
    assert "message_en" not in text and '"en"' not in text
    assert loads(text).forms == batch.forms  # a note is the same note without its English
