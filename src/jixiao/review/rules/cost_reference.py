"""cost.W003 / cost.W004: funds out of all proportion to the work the goal states, against the
reference costs per kind of work (`jixiao/data/review/reference_costs.toml`).

docs/review.md, cost_mismatch; 88号 适当性: funds and goals match in size. A kind of work is
recognised by its words in a clause of the goal, its quantity read from the same clause (30亩;
the accounts named in quotes, “松江科技”、“松江科普”公众号 → 2). The funds per unit are compared with
the kind's plausible range. Above it (cost.W003) is raised only when the goal states this work
alone, for the money may pay for other work the goal lists; below it (cost.W004) whatever else the
goal lists, for then the funds cannot pay for what is promised: the goal counts work that other
money pays for, or promises what cannot be delivered. Both are mismatches an expert asks about.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from importlib import resources

from jixiao.domain.amounts import rounded_yuan_text
from jixiao.i18n import Text
from jixiao.review.context import FormContext
from jixiao.review.goaltext import fold
from jixiao.review.model import Basis, Finding, Severity
from jixiao.review.registry import Rule, register

REFERENCE_FILE = "reference_costs.toml"
_SENTENCE = re.compile(r"[。；;！!？?\n]+")
_CLAUSE = re.compile(r"[，,。；;：:！!？?\n]+")
_QUOTED = re.compile(r"[“\"「『]([^”\"」』]{1,20})[”\"」』]")


@dataclass(frozen=True)
class Kind:
    """One kind of work with its plausible cost per unit."""

    name: str
    words: tuple[str, ...]
    unit: str
    count: str
    per_year: bool
    low: Decimal
    high: Decimal
    basis: str


def reference_costs() -> tuple[Kind, ...]:
    """The kinds of work of the bundled reference file, in its order."""
    text = resources.files("jixiao").joinpath("data", "review", REFERENCE_FILE).read_text("utf-8")
    return tuple(_kind(name, entry) for name, entry in tomllib.loads(text)["kinds"].items())


def _kind(name: str, entry: Mapping[str, object]) -> Kind:
    return Kind(
        name,
        tuple(entry["words"]),  # type: ignore[arg-type]
        str(entry["unit"]),
        str(entry.get("count", "number")),
        bool(entry.get("per_year", False)),
        Decimal(str(entry["low"])),
        Decimal(str(entry["high"])),
        str(entry["basis"]),
    )


@dataclass(frozen=True)
class Priced:
    """A kind of work found in a goal: its quantity and the funds per unit."""

    kind: Kind
    word: str
    quantity: Decimal
    funds: Decimal
    clause: str
    alone: bool  # the goal states this work and nothing else

    @property
    def per_unit(self) -> Decimal:
        return (self.funds / self.quantity).quantize(Decimal("0.01"))


def _quantity(kind: Kind, clause: str, at: int) -> Decimal | None:
    numbers = re.findall(rf"(\d+(?:\.\d+)?)(万)?{re.escape(kind.unit)}", clause)
    if numbers:
        value, ten_thousand = numbers[0]
        quantity = Decimal(value) * (10000 if ten_thousand else 1)
        return quantity.quantize(Decimal(1)) if quantity == quantity.to_integral() else quantity
    if kind.count == "quoted":
        names = set(_QUOTED.findall(clause[:at]))
        return Decimal(len(names)) if names else None
    return None


def _funds(ctx: FormContext, kind: Kind) -> Decimal | None:
    requested = ctx.requested_yuan
    if kind.per_year:
        return requested
    total = ctx.form.funds.in_yuan("project_total")
    return max((v for v in (requested, total) if v is not None), default=None)


def priced_work(ctx: FormContext) -> tuple[Priced, ...]:
    """Every kind of work of the reference file the goal names with a quantity (once per form)."""
    if "priced_work" not in ctx.shared:
        ctx.shared["priced_work"] = tuple(_priced_work(ctx))
    return ctx.shared["priced_work"]  # type: ignore[return-value]


def _priced_work(ctx: FormContext) -> Iterator[Priced]:
    goal = ctx.goal
    if not goal:
        return
    kinds = [
        (k, w)
        for k in ctx.memo.once(reference_costs, reference_costs)
        for w in k.words
        if w in goal
    ]
    if not kinds:
        return
    goal = fold(goal)
    sentences = [s for s in _SENTENCE.split(goal) if s.strip()]
    seen: set[str] = set()
    for kind, word in kinds:
        if kind.name in seen:
            continue
        for clause in _CLAUSE.split(goal):
            at = clause.find(word)
            if at < 0:
                continue
            quantity = _quantity(kind, clause, at)
            funds = _funds(ctx, kind)
            if quantity and funds:
                seen.add(kind.name)
                yield Priced(kind, word, quantity, funds, clause, len(sentences) == 1)
                break


def _unit(kind: Kind) -> str:
    return f"元/{kind.unit}·年" if kind.per_year else f"元/{kind.unit}"


def _finding(rule: Rule, ctx: FormContext, work: Priced) -> Finding:
    kind = work.kind
    unit = _unit(kind)
    return rule.finding(
        ctx.at(ctx.goal_field),
        Basis(
            f"{work.clause}：{rounded_yuan_text(work.funds)} 元 ÷ {work.quantity}{kind.unit} = "
            f"{rounded_yuan_text(work.per_unit)} {unit}；参考 {rounded_yuan_text(kind.low)}–{rounded_yuan_text(kind.high)} {unit}"
            f"（{kind.basis}）",
            f"reference_costs.{kind.name}",
        ),
        kind=kind.name,
        funds=rounded_yuan_text(work.funds),
        quantity=f"{work.quantity}{kind.unit}",
        per_unit=rounded_yuan_text(work.per_unit),
        unit=unit,
        low=rounded_yuan_text(kind.low),
        high=rounded_yuan_text(kind.high),
    )


@register
class FundsFarAboveWork(Rule):
    """Funds per unit of work far above the reference range, the goal naming this work alone."""

    id = "cost.W003"
    category = "cost_mismatch"
    severity = Severity.WARNING
    reads = ("annual_request", "project_total")
    title = Text("资金远超所述工作量", "funds far above the work stated")
    message = Text(
        "目标所述工作为“{kind}”{quantity}，资金 {funds} 元，折合 {per_unit} {unit}，"
        "高于参考上限 {high} {unit}",
        "the goal states “{kind}” × {quantity} for {funds} 元: {per_unit} {unit}, above the "
        "reference maximum of {high} {unit}",
    )
    hint = Text(
        "请核实测算依据：写明资金的全部用途和工作量，或按实际工作量压减预算",
        "check the costing: state everything the money pays for and how much, or cut the request",
    )

    def check(self, ctx: FormContext) -> Iterator[Finding]:
        for work in priced_work(ctx):
            if work.alone and work.per_unit > work.kind.high:
                yield _finding(self, ctx, work)


@register
class FundsFarBelowWork(Rule):
    """Funds per unit of work below the reference range: the money cannot pay for the work."""

    id = "cost.W004"
    category = "cost_mismatch"
    severity = Severity.WARNING
    reads = ("annual_request", "project_total")
    title = Text("资金明显不足以完成所述工作", "funds far below the work stated")
    message = Text(
        "目标所述工作为“{kind}”{quantity}，资金 {funds} 元，折合 {per_unit} {unit}，"
        "低于参考下限 {low} {unit}",
        "the goal states “{kind}” × {quantity} for {funds} 元: {per_unit} {unit}, below the "
        "reference minimum of {low} {unit}",
    )
    hint = Text(
        "请核实目标是否写入了本项目资金以外的工作（如他方出资部分）：只写本项资金能完成的产出，"
        "或在其他资金中列明其余来源",
        "check whether the goal counts work that other money pays for: state only what these "
        "funds deliver, or show the other funds",
    )

    def check(self, ctx: FormContext) -> Iterator[Finding]:
        for work in priced_work(ctx):
            if work.per_unit < work.kind.low:
                yield _finding(self, ctx, work)
