"""What the self-evaluation pages show of the core's JSON in the page's language: a finding, a
qualitative row's level."""

from __future__ import annotations

from typing import Any

from django import template

from jixiao_web.bilingual import english
from jixiao_web.services.selfeval import LEVEL_NAMES

register = template.Library()


@register.filter
def said(finding: dict[str, Any]) -> str:
    """A finding of `jixiao/selfeval@1` (the review's finding shape) as the page's language says it."""
    return str(finding["en"]["message"] if english() else finding["message"])


@register.filter
def level(value: str | None) -> str:
    """A qualitative row's level (达成, 部分达成, 未达成) in the page's language."""
    return str(LEVEL_NAMES.get(value or "", value or ""))
