"""What the self-evaluation pages show of the core's JSON: a finding in the page's language."""

from __future__ import annotations

from typing import Any

from django import template

from jixiao_web.bilingual import english

register = template.Library()


@register.filter
def said(finding: dict[str, Any]) -> str:
    """A finding of `jixiao/selfeval@1` (the review's finding shape) as the page's language says it."""
    return str(finding["en"]["message"] if english() else finding["message"])
