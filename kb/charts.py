"""Small bar charts as SVG, drawn on the server: no JavaScript library, nothing from a CDN.

Pure functions over plain numbers. The SVG uses presentation attributes
only (no style attribute), so the Content-Security-Policy (style-src 'self')
has nothing to refuse; colours come from classes in static/css/kb.css, which
follow the light and dark themes.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    value: int
    label: str


def bars(values: Sequence[int], labels: Sequence[str], *, width: float, height: float,
         gap: float = 1.0, floor: float = 0.0) -> list[Bar]:
    """One bar per value, scaled so the largest fills `height`; a zero gets `floor` px (a baseline tick)."""
    if not values:
        return []
    top = max(values) or 1
    step = width / len(values)
    out = []
    for index, (value, label) in enumerate(zip(values, labels, strict=True)):
        h = max(value / top * height, floor if value == 0 else 1.0)
        out.append(Bar(x=round(index * step, 2), y=round(height - h, 2), width=round(max(step - gap, 0.5), 2),
                       height=round(h, 2), value=value, label=label))
    return out


def sparkline(values: Sequence[int], *, width: int = 72, height: int = 16, title: str = "") -> SafeString:
    """A tiny bar strip for a table cell; the title says what it is to a screen reader."""
    rects = format_html_join(
        "", '<rect class="{}" x="{}" y="{}" width="{}" height="{}"></rect>',
        ((("spark__bar" if b.value else "spark__zero"), b.x, b.y, b.width, b.height)
         for b in bars(values, [""] * len(values), width=width, height=height, floor=1.0)),
    )
    return format_html(
        '<svg class="spark" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-label="{t}">'
        "<title>{t}</title>{r}</svg>", w=width, h=height, t=title, r=rects,
    )


def bar_chart(values: Sequence[int], labels: Sequence[str], *, title: str,
              width: int = 600, height: int = 100) -> SafeString:
    """A daily bar chart: a baseline and one bar per day with a tooltip ("2026-12-03: 4 hits").

    It stretches to its container (preserveAspectRatio="none", CSS gives the height),
    so it fits a phone; the axis labels are HTML around it, which stays crisp.
    """
    rects = format_html_join(
        "", '<rect class="chart__bar" x="{}" y="{}" width="{}" height="{}"><title>{}: {}</title></rect>',
        ((b.x, b.y, b.width, b.height, b.label, hits_words(b.value))
         for b in bars(values, labels, width=width, height=height - 1, gap=2.0) if b.value),
    )
    return format_html(
        '<svg class="chart" viewBox="0 0 {w} {h}" preserveAspectRatio="none" role="img" aria-label="{t}">'
        '<title>{t}</title><line class="chart__axis" x1="0" y1="{b}" x2="{w}" y2="{b}"></line>{r}</svg>',
        w=width, h=height, t=title, b=height - 0.5, r=rects,
    )


def hits_words(n: int) -> str:
    return f"{n} hit{'' if n == 1 else 's'}"


def daily_trend(days: Sequence[tuple[date, int]]) -> dict:
    """What the issue page shows of [(day, hits)]: the chart, the total, the busiest day, the span."""
    values = [n for _, n in days]
    labels = [f"{day:%Y-%m-%d}" for day, _ in days]
    total = sum(values)
    return {
        "svg": bar_chart(values, labels, title=f"Hits per day over the last {len(days)} days: {total}"),
        "total": total,
        "peak": max(values, default=0),
        "start": days[0][0] if days else None,
        "end": days[-1][0] if days else None,
        "days": len(days),
    }
