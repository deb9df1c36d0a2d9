"""Quantitative targets in task texts: `植树造林5000亩`, `登记失业率控制在3.2%以内`.

A target is a number with a known unit (data/units.csv), an optional
multiplier (万, 亿: data/multipliers.csv) and a bound read from the words
around it: 以上/不低于/不少于/达 make a minimum, 以内/以下/不超过/控制在 a
maximum, nothing an exact value. The target's text is its clause: from the
previous ',', '、', ';', ':' or '。' to the next one (3条省道 keeps its noun).
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..model import Bound, Node, Notice, Span, Target
from .registry import Registry
from .source import fold

MINIMUM_BEFORE = ("不低于", "不少于", "达到", "达", "超过", "高于")
MAXIMUM_BEFORE = ("不超过", "不高于", "控制在", "低于")
MINIMUM_AFTER = ("以上",)
MAXIMUM_AFTER = ("以内", "以下")
CLAUSE_BREAKS = ",、;:。"


def extract_targets(notice: Notice, registry: Registry) -> None:
    """Give every task of `notice` the targets found in its text."""
    pattern = _pattern(registry)
    for task in notice.tasks():
        task.targets = find_targets(task, pattern, registry)


def _pattern(registry: Registry) -> re.Pattern:
    units = "|".join(re.escape(u) for u in sorted(registry.units, key=len, reverse=True))
    multipliers = "|".join(re.escape(m) for m in registry.multipliers)
    after = "|".join(MINIMUM_AFTER + MAXIMUM_AFTER)
    return re.compile(
        rf"(?<![\d.A-Za-z])(?P<number>\d+(?:\.\d+)?)(?P<multiplier>{multipliers})?(?P<unit>{units})(?P<after>{after})?"
    )


def find_targets(task: Node, pattern: re.Pattern, registry: Registry) -> list[Target]:
    text, span = task.text or "", task.text_span
    folded = fold(text)
    targets = []
    for match in pattern.finditer(folded):
        start = max(folded.rfind(c, 0, match.start()) for c in CLAUSE_BREAKS) + 1
        end = min([folded.find(c, match.end()) % (len(folded) + 1) for c in CLAUSE_BREAKS])
        before = folded[start : match.start()]
        factor = registry.multipliers.get(match.group("multiplier") or "", Decimal(1))
        value = Decimal(match.group("number")) * factor
        targets.append(
            Target(
                text=text[start:end],
                value=value.to_integral_value() if value == value.to_integral_value() else value,
                printed_value=text[match.start() : match.end()],
                unit=match.group("unit"),
                bound=_bound(before, match.group("after")),
                span=Span(span.start + start, span.start + end, span.line, span.col + start),
            )
        )
    return targets


def _bound(before: str, after: str | None) -> Bound:
    if after in MINIMUM_AFTER or before.endswith(MINIMUM_BEFORE):
        return Bound.MINIMUM
    if after in MAXIMUM_AFTER or before.endswith(MAXIMUM_BEFORE):
        return Bound.MAXIMUM
    return Bound.EXACT
