"""Templates for the tests of the review that follows the template: made from the seed's file
as data (`templates.from_data`), and made known for one test (`known`)."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

from jixiao import templates
from jixiao.domain.form import Form, TemplateMatch

__all__ = ["ABSENT", "known_as", "read_as", "template_data", "without_fields"]

SHANGHAI = Path(templates.__file__).parent.parent / "data" / "templates" / "shanghai-district.toml"
# What a form of a template without dates, category or overall goal leaves empty (as the
# 2021 central template and several provinces print no 计划开始日期 and no 项目类别).
ABSENT = ("planned_start", "planned_end", "project_category", "overall_goal")


def template_data(**changes: Any) -> dict[str, Any]:
    """The seed's template as data, with `changes` (None removes a key)."""
    data = tomllib.loads(SHANGHAI.read_text(encoding="utf-8"))
    data.update(id="test-region", name="测试模板", region="测试")
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def without_fields(*names: str, **changes: Any) -> templates.Template:
    """A template like the seed's that has no `names` at all (labels and [required])."""
    data = template_data(**changes)
    data["fields"] = {k: v for k, v in data["fields"].items() if k not in names}
    data["goals"] = {k: v for k, v in data["goals"].items() if k not in names}
    data["required"] = {
        k: [n for n in v if n not in names] for k, v in data.get("required", {}).items()
    }
    return templates.from_data(data, "test-region.toml")


def read_as(form: Form, template: templates.Template) -> Form:
    """The form as read through `template`."""
    return form.with_changes(template=TemplateMatch(template.id, Decimal("0.9")))


@contextmanager
def known_as(template: templates.Template) -> Iterator[None]:
    """`template` known beside the bundled ones, within the block (for tests that hypothesis
    runs many times, where a function's fixture would serve every example at once)."""
    saved = list(templates._LOADED)
    templates._LOADED[:] = [{**templates.templates(), template.id: template}]
    try:
        yield
    finally:
        templates._LOADED[:] = saved
