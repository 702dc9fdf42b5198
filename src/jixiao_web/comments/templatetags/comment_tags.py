"""Comments (审核意见) at their places on the paper table of the form page: the threads of a
place and a small form to add one there (a `<details>`: it opens without JavaScript)."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from jixiao.domain.paper import FORM_PLACE
from jixiao_web.accounts.models import Role

register = template.Library()


def place_fields(place: str, row_keys: dict[str, str]) -> dict[str, str]:
    """What a comment at `place` posts: the indicator row's key (`row_keys`: by the row's
    place), the field, or neither (the whole form)."""
    if place in row_keys:
        return {"indicator_key": row_keys[place]}
    return {} if place == FORM_PLACE else {"field": place}


@register.simple_tag(takes_context=True)
def comments_at(context: Any, place: str | None) -> str:
    """The threads at `place` and the form to add one there; nothing where the page shows no
    comments (the public portal)."""
    groups = context.get("threads_by_place")
    if groups is None or place is None:
        return ""
    found = groups.get(place) or []
    shown = render_to_string("comments/_threads.html", _ctx(context, found)) if found else ""
    return mark_safe(shown + add_form(context, place_fields(place, context["row_keys"])))


def _ctx(context: Any, threads: list[Any]) -> dict[str, Any]:
    names = ("form", "csrf_token", "comment_url")
    return {"threads": threads, **{name: context.get(name) for name in names}}


@register.filter
def role_label(code: str) -> str:
    """The name of a role (`accounts.models.Role`) in the page's language."""
    return str(dict(Role.choices).get(code, code))


def add_form(context: Any, fields: dict[str, str], label: str = "") -> str:
    """A `<details>` holding the form that posts a comment with `fields` (its place, or the
    thread it replies to)."""
    hidden = "".join(
        format_html('<input type="hidden" name="{}" value="{}">', k, v) for k, v in fields.items()
    )
    return format_html(
        '<details class="comment-add"><summary>{}</summary>'
        '<form method="post" action="{}"><input type="hidden" name="csrfmiddlewaretoken" value="{}">'
        '{}<textarea name="text" rows="2" maxlength="2000" required aria-label="{}"></textarea>'
        '<button class="primary">{}</button></form></details>',
        label or gettext("＋意见"),
        context["comment_url"],
        context.get("csrf_token") or "",
        mark_safe(hidden),
        gettext("意见"),
        gettext("保存意见"),
    )


@register.simple_tag(takes_context=True)
def form_comment(context: Any) -> str:
    """The form to add a comment on the whole form."""
    return add_form(context, {}, gettext("＋整表意见"))


@register.simple_tag(takes_context=True)
def reply_form(context: Any, thread: Any) -> str:
    return add_form(context, {"parent": str(thread.root.pk)}, gettext("回复"))
