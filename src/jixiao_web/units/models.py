"""Budget years and units: 主管部门 (department) over 实施单位 (implementing unit).

A unit is found by the key of its name (`jixiao.names.name_key`), so that spellings that differ
only in white space, brackets, width or case are one unit; the names a unit had before it was
merged into another are kept as aliases and still find it (docs/units.md).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from jixiao.names import clean_name, name_key


class BudgetYear(models.Model):
    year = models.PositiveIntegerField(_("预算年度"), unique=True)
    scheme = models.CharField(_("指标体系"), max_length=20, default="classic")
    # whether the year's forms pass an expert round (专家评审) before finance approves them
    expert_review = models.BooleanField(_("需专家评审"), default=False)

    class Meta:
        ordering = ["-year"]

    def __str__(self) -> str:
        return str(self.year)


class Unit(models.Model):
    """A budget unit. A unit without parent is a department (or a unit whose department is unknown)."""

    name = models.TextField(_("名称"), unique=True)
    key = models.CharField(_("匹配键"), max_length=200, unique=True, editable=False)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("主管部门"),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("单位")
        verbose_name_plural = _("单位")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        """What Django's admin checks: a real name, not the same as another unit's."""
        name = clean_name(self.name)
        if name is None:
            raise ValidationError({"name": _("这不是单位名称（只有标点、占位词或过长）。")})
        self.name = name
        same = Unit.objects.filter(key=name_key(name)).exclude(pk=self.pk).first()
        alias = UnitAlias.objects.filter(key=name_key(name)).exclude(unit_id=self.pk).first()
        if same or alias:
            other = same or alias.unit  # type: ignore[union-attr]
            raise ValidationError({"name": _("与已有单位“%(u)s”相同。") % {"u": other.name}})

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.key = name_key(self.name)
        fields = kwargs.get("update_fields")
        if fields is not None and "name" in fields:
            kwargs["update_fields"] = {*fields, "key"}
        super().save(*args, **kwargs)

    def family_ids(self) -> list[int]:
        """This unit and every unit under it (departments have one level of units)."""
        return Unit.family_of(self.pk)

    @staticmethod
    def family_of(pk: int) -> list[int]:
        """The unit `pk` and every unit under it, without loading the unit itself."""
        return [pk, *Unit.objects.filter(parent_id=pk).values_list("pk", flat=True)]


class UnitAlias(models.Model):
    """A name a unit was known by before another unit was merged into it."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="aliases")
    name = models.TextField(_("原名称"))
    key = models.CharField(max_length=200, unique=True)
    merged_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.name} → {self.unit}"
