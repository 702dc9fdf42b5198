"""Template helpers: dictionary look-up, money in 元, findings at a cell, labels of review categories."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django import template
from django.utils import translation
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, gettext_lazy, gettext_noop

from jixiao.domain.amounts import format_amount
from jixiao.i18n import Text
from jixiao.importers import format_label
from jixiao.review.model import category_labels
from jixiao.review.registry import load_rules
from jixiao_web.bilingual import english as english_page
from jixiao_web.bilingual import grade_name, local
from jixiao_web.services.audit import action_name

register = template.Library()

# The labels printed on the standard table (`jixiao.domain.paper`), listed here for makemessages:
# the template takes them from the grid and translates them line by line (`label`). A test checks
# that every label of the grid is listed.
PAPER_LABELS = (
    gettext_noop("项目名称"),
    gettext_noop("项目类别"),
    gettext_noop("主管部门"),
    gettext_noop("实施单位"),
    gettext_noop("计划开始日期"),
    gettext_noop("计划完成日期"),
    gettext_noop("项目资金"),
    gettext_noop("项目资金总额"),
    gettext_noop("其中：财政资金"),
    gettext_noop("其他资金"),
    gettext_noop("年度资金申请总额"),
    gettext_noop("其中：当年财政拨款"),
    gettext_noop("上年结转资金"),
    gettext_noop("项目绩效目标"),
    gettext_noop("项目总目标"),
    gettext_noop("年度总目标"),
    gettext_noop("绩效指标"),
    gettext_noop("年度绩效指标"),
    gettext_noop("长期绩效指标"),
    gettext_noop("一级指标"),
    gettext_noop("二级指标"),
    gettext_noop("三级指标"),
    gettext_noop("年度指标值"),
    gettext_noop("长期指标值"),
    gettext_noop("中期指标值"),
    gettext_noop("绩效标准"),
    gettext_noop("指标性质"),
    gettext_noop("度量单位"),
    gettext_noop("分值"),
    gettext_noop("备注"),
    gettext_noop("指标值说明"),
    # the unit line of the funds heading (`项目资金\n（元）`), and the units of an amount
    # the editor's funds fields (`FUNDS_LABELS`) and the headings of the taxonomy it offers
    gettext_noop("财政资金"),
    gettext_noop("其他资金（项目）"),
    gettext_noop("当年财政拨款"),
    gettext_noop("其他资金（年度）"),
    gettext_noop("产出指标"),
    gettext_noop("效益指标"),
    gettext_noop("满意度指标"),
    gettext_noop("成本指标"),
    gettext_noop("数量指标"),
    gettext_noop("质量指标"),
    gettext_noop("时效指标"),
    gettext_noop("经济效益指标"),
    gettext_noop("社会效益指标"),
    gettext_noop("生态效益指标"),
    gettext_noop("可持续影响指标"),
    gettext_noop("服务对象满意度指标"),
    gettext_noop("经济成本指标"),
    gettext_noop("社会成本指标"),
    gettext_noop("生态环境成本指标"),
    gettext_noop("（元）"),
    gettext_noop("（万元）"),
    gettext_noop("元"),
    gettext_noop("万元"),
)


YEAR_LINE = re.compile(r"（(\d+)年度）")


@register.filter
def label(text: str) -> str:
    """A label of the standard table in the page's language, line by line. A line with no
    translation is the form's own text (a goal's period, `（2021 年- 2021年）`), kept as written
    and marked so (`translate="no"`); the year line is said in the page's language."""
    return mark_safe("\n".join(_label_line(line) for line in text.split("\n")))


def _label_line(line: str) -> str:
    year = YEAR_LINE.fullmatch(line)
    if year:
        return escape(gettext("（%(year)s年度）") % {"year": year.group(1)})
    said = gettext(line)
    if said == line and english_page():
        return format_html('<span translate="no">{}</span>', line)
    return escape(said)


@register.filter(name="grade")
def grade_filter(grade: str | None) -> str:
    return grade_name(grade)


@register.filter
def note(item: Any) -> str:
    """An import note's message in the page's language (`Note.en`, where the core gave one)."""
    english = item.get("message_en") if english_page() else None
    return english or item.get("message", "")


@register.filter(name="action_name")
def action_name_filter(action: str) -> str:
    return action_name(action)


@register.filter
def get(mapping: Any, key: Any) -> Any:
    if not mapping:
        return None
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.filter
def yuan(value: Any) -> str:
    """An amount (under a heading that names its unit) as every page shows one (`format_amount`)."""
    if value in (None, ""):
        return ""
    return format_amount(Decimal(str(value)))


def amount(value: Decimal, unit: str | None) -> str:
    """An amount with its unit (`元`, `万元`) in the page's language: `278,000.00 元`; an amount
    whose unit could not be told says so (docs/templates.md, *Money*): `1,125.00（单位不明）`."""
    if unit is None:
        return f"{format_amount(value)}{gettext('（单位不明）')}"
    return f"{format_amount(value)} {gettext(unit or '元')}"


@register.filter(name="local")
def local_text(text: Text) -> str:
    """A text of the core (`Text(zh, en)`) in the page's language."""
    return local(text)


@register.filter
def format_name(code: str) -> str:
    """The human name of an import format (`Word 文档`, not `docx`), from the importers' registry."""
    return local(format_label(code))


@register.filter
def rule_title(rule: str) -> str:
    """The title of a review rule (`Rule.title`) in the page's language; an unknown id, none."""
    known = load_rules().get(rule)
    return local(known.title) if known else ""


@register.filter
def category_label(code: str) -> str:
    return category_labels(translation.get_language() or "zh").get(code, code)


@register.simple_tag(takes_context=True)
def findings(context: Any, items: Any) -> str:
    """The findings placed at one cell of the paper table (built here: it runs for every cell)."""
    if not items:
        return ""
    english = translation.get_language() == "en"
    line_word = "line" if english else "行"
    parts = []
    for f in items:
        message = f.message_en if english and f.message_en else f.message
        hint = f.hint_en if english and f.hint_en else f.hint
        parts.append(
            format_html(
                '<li class="sev-{}" data-rule="{}"><b>{}</b> {}{}{}</li>',
                f.severity,
                f.rule,
                f.rule,
                message,
                format_html('<span class="hint">{}</span>', hint) if hint else "",
                format_html(' <span class="muted">{} {}</span>', line_word, f.line)
                if f.line
                else "",
            )
        )
    # every part was built by format_html, so the joined text is safe
    return format_html('<ul class="findings">{}</ul>', mark_safe("".join(parts)))


@register.simple_tag
def options(choices: Any, selected: Any, data: bool = False) -> str:
    """`<option>`s of (value, label) pairs, the one equal to `selected` chosen (built here: a
    select may hold hundreds of units); `data`: the labels are users' text (units' names),
    marked `translate="no"`."""
    chosen = "" if selected is None else str(selected)
    mark = mark_safe(' translate="no"') if data else ""
    return format_html_join(
        "",
        '<option value="{}"{}{}>{}</option>',
        (
            (v, mark_safe(" selected") if str(v) == chosen else "", mark, label)
            for v, label in choices
        ),
    )


_select_label = gettext_lazy("选择")


@register.simple_tag
def list_rows(forms: Any, detail_base: str, select: bool = False) -> str:
    """The rows of the form list (built here: fifty rows of eight cells on every page view);
    `select`: a first cell with the box that ticks the row for a batch action (its form is
    `#batch`, above the table)."""
    unfilled = gettext("（未填）")
    box = '<td><input type="checkbox" name="ids" value="{}" form="batch" aria-label="{}"></td>'
    return format_html_join(
        "\n",
        "<tr>" + (box if select else "{}{}") + '<td>{}</td><td><a href="{}{}/"{}>{}</a></td>'
        '<td translate="no">{}</td><td class="num">{}</td><td>{}</td><td class="num">{}</td>'
        '<td>{}</td><td class="num">{}</td></tr>',
        (
            (
                *((f.pk, _select_label) if select else ("", "")),
                f.budget_year_id or "",
                detail_base,
                f.pk,
                mark_safe(' translate="no"') if f.project_name else "",
                f.project_name or unfilled,
                f.unit.name,
                yuan(f.request_yuan),
                f.get_status_display(),
                "" if f.score is None else f.score,
                grade_name(f.grade),
                f.finding_count,
            )
            for f in forms
        ),
    )
