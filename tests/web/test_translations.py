"""The English catalogue: one source (django.po), compiled (django.mo), complete.

Translations are written in `src/jixiao_web/locale/en/LC_MESSAGES/django.po` and nowhere else
(docs/translations.md); `msgfmt` compiles them. These tests read the catalogue as gettext does.
"""

from __future__ import annotations

import ast
import gettext
import re
from pathlib import Path

WEB = Path(__file__).resolve().parents[2] / "src" / "jixiao_web"
MESSAGES = WEB / "locale" / "en" / "LC_MESSAGES"
# {% translate "…" %} in templates; _("…"), gettext("…"), gettext_lazy("…") in the app's code.
TEMPLATE_TEXT = re.compile(r'\{%\s*(?:translate|trans)\s+("(?:[^"\\]|\\.)*")')
CODE_TEXT = re.compile(r'\b(?:_|gettext|gettext_lazy)\(\s*("(?:[^"\\]|\\.)*")\s*[,)]')


def _entries() -> dict[str, tuple[dict[str, str], bool]]:
    """Each msgid of django.po: its fields (msgstr, msgstr[0] …) and whether it is fuzzy."""
    found = {}
    for block in (MESSAGES / "django.po").read_text(encoding="utf-8").split("\n\n"):
        fields: dict[str, str] = {}
        key = None
        for line in block.strip().splitlines():
            field = re.match(r'(msgid|msgid_plural|msgstr(?:\[\d\])?) (".*")$', line)
            if field:
                key = field.group(1)
                fields[key] = ast.literal_eval(field.group(2))
            elif line.startswith('"') and key:
                fields[key] += ast.literal_eval(line)
        if fields.get("msgid"):
            fuzzy = any(x.startswith("#,") and "fuzzy" in x for x in block.splitlines())
            found[fields["msgid"]] = (fields, fuzzy)
    return found


def _used() -> set[str]:
    used = set()
    for path in WEB.rglob("*.html"):
        used |= {ast.literal_eval(m) for m in TEMPLATE_TEXT.findall(path.read_text("utf-8"))}
    for path in WEB.rglob("*.py"):
        if "migrations" not in path.parts:
            used |= {ast.literal_eval(m) for m in CODE_TEXT.findall(path.read_text("utf-8"))}
    return used


ENTRIES = _entries()


def test_every_message_has_an_english_translation_that_is_not_a_guess():
    assert len(ENTRIES) > 100
    for msgid, (fields, fuzzy) in ENTRIES.items():
        texts = [v for k, v in fields.items() if k.startswith("msgstr")]
        assert texts and all(texts), f"no English for {msgid!r}"
        assert not fuzzy, f"msgmerge's guess for {msgid!r} is not checked (fuzzy)"


def test_the_compiled_catalogue_is_the_written_one():
    with (MESSAGES / "django.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for msgid, (fields, _) in ENTRIES.items():
        if "msgid_plural" in fields:
            assert compiled.ngettext(msgid, fields["msgid_plural"], 1) == fields["msgstr[0]"]
        else:
            assert compiled.gettext(msgid) == fields["msgstr"], f"django.mo is stale: {msgid!r}"


def test_every_text_the_app_translates_is_in_the_catalogue():
    used = _used()
    assert len(used) > 100
    assert sorted(used - ENTRIES.keys()) == [], "add these to django.po with their English"


def test_no_translation_function_hides_under_another_name():
    """makemessages collects `_`, `gettext`, `gettext_lazy` … by name: one imported as another
    name (`gettext_lazy as _lazy`) leaves its texts out of the catalogue, never translated."""
    alias = re.compile(r"\b(n?p?gettext(?:_lazy|_noop)?) as (\w+)")
    hidden = [
        (path.relative_to(WEB).as_posix(), name, as_)
        for path in WEB.rglob("*.py")
        if "migrations" not in path.parts
        for name, as_ in alias.findall(path.read_text(encoding="utf-8"))
        if as_ != "_"
    ]
    assert hidden == []
