"""Budget years and units: 主管部门 (department) over 实施单位 (implementing unit)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class BudgetYear(models.Model):
    year = models.PositiveIntegerField(_("预算年度"), unique=True)
    scheme = models.CharField(_("指标体系"), max_length=20, default="classic")

    class Meta:
        ordering = ["-year"]

    def __str__(self) -> str:
        return str(self.year)


class Unit(models.Model):
    """A budget unit. A unit without parent is a department (or a unit whose department is unknown)."""

    name = models.TextField(_("名称"), unique=True)
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

    def __str__(self) -> str:
        return self.name

    def family_ids(self) -> list[int]:
        """This unit and every unit under it (departments have one level of units)."""
        return [self.pk, *Unit.objects.filter(parent=self).values_list("pk", flat=True)]
