"""The monitoring lights in templates: a light's name in the page's language, and the form
page's latest monitoring light (a small include, `monitoring/_form_light.html`)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from jixiao.evaluation.lights import Light
from jixiao_web.accounts import permissions as perm
from jixiao_web.monitoring.models import Entry

register = template.Library()

# The core's names of the lights (`Light.label`), listed for makemessages.
LIGHT_NAMES = (
    gettext_noop("红灯"),
    gettext_noop("黄灯"),
    gettext_noop("绿灯"),
    gettext_noop("蓝灯"),
)
# The core's choices of likelihood and reason (`LIKELIHOODS`, `REASONS`): posted as written,
# shown in the page's language.
CHOICES = (
    gettext_noop("确定能"),
    gettext_noop("有可能"),
    gettext_noop("完全不可能"),
    gettext_noop("人员"),
    gettext_noop("制度"),
    gettext_noop("经费"),
    gettext_noop("硬件条件"),
    gettext_noop("其他"),
)


@register.filter
def light_name(value: Any) -> str:
    """`red` (or a `Light`) → 红灯 / red light; nothing → 未填报."""
    text = getattr(value, "value", value) or ""
    return _(Light(text).label) if text in Light._value2member_map_ else _("未填报")


@register.inclusion_tag("monitoring/_form_light.html", takes_context=True)
def form_light(context: dict[str, Any], form: Any) -> dict[str, Any]:
    """The form's light in its latest monitoring round, for those who see monitoring."""
    user = context.get("user")
    if not perm.sees_monitoring(user):
        return {"entry": None}
    latest = (
        Entry.objects.filter(form_id=form.pk)
        .select_related("round")
        .order_by("-round__budget_year_id", "-round__month", "-round__created_at")
        .first()
    )
    return {"entry": latest}
