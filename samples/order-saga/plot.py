#!/usr/bin/env python3
"""Draws the order saga's load benchmark: throughput and p99 per stock strategy and engine.

    python3 samples/order-saga/plot.py [samples/order-saga/target/saga-load.csv] [docs/images/saga-load.svg]

Reads the rounds SagaLoadBenchmark wrote and draws, for each strategy, one bar per engine at the median of its
rounds, a whisker from the smallest to the largest round, and a dot per round. Python's standard library only:
the SVG is written by hand (turn it into a PNG with `rsvg-convert x.svg -o x.png`).
"""
import csv
import math
import statistics
import sys
from xml.sax.saxutils import escape

ENGINES = [("skein", "Skein graph", "#2a6f97"), ("by-hand", "by hand (CompletableFuture)", "#e07a1f")]
PANEL_W, PANEL_H, TOP, LEFT, BOTTOM, GAP = 380, 260, 60, 60, 60, 50


def load(path):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    strategies = list(dict.fromkeys(r["strategy"] for r in rows))
    data = {}
    for r in rows:
        key = (r["strategy"], r["engine"])
        data.setdefault(key, {"orders_per_s": [], "p99_ms": [], "errors": 0, "orders": 0})
        data[key]["orders_per_s"].append(float(r["orders_per_s"]))
        data[key]["p99_ms"].append(float(r["p99_ms"]))
        data[key]["errors"] += int(r["errors"])
        data[key]["orders"] += int(r["orders"])
    return strategies, data, rows[0]


def nice_max(value):
    """The smallest of 1, 2, 2.5 or 5 times a power of ten that is at least value: the top of an axis."""
    return min(s * 10 ** p for s in (1, 2, 2.5, 5) for p in range(-1, 7) if s * 10 ** p >= value)


def panel(x0, title, unit, metric, strategies, data, better, log=False):
    """One chart; with log, a logarithmic axis (p99 spans 50 ms to the 3 s deadline)."""
    out = []
    values = [v for d in data.values() for v in d[metric]]
    if log:
        low, high = 10 ** math.floor(math.log10(min(values) / 1.1)), 10 ** math.ceil(math.log10(max(values) * 1.1))
        y_of = lambda v: TOP + PANEL_H - (math.log10(v) - math.log10(low)) / (math.log10(high) - math.log10(low)) * PANEL_H
        ticks = [10 ** e for e in range(round(math.log10(low)), round(math.log10(high)) + 1)]
    else:
        top = nice_max(max(values) * 1.1)
        y_of = lambda v: TOP + PANEL_H - v / top * PANEL_H
        ticks = [top * i / 5 for i in range(6)]
    out.append(f'<text x="{x0 + PANEL_W / 2}" y="{TOP - 28}" class="title">{escape(title)}</text>')
    out.append(f'<text x="{x0 + PANEL_W / 2}" y="{TOP - 12}" class="note">{escape(better)}</text>')
    for v in ticks:
        y = y_of(v)
        out.append(f'<line x1="{x0}" y1="{y:.1f}" x2="{x0 + PANEL_W}" y2="{y:.1f}" class="grid"/>')
        out.append(f'<text x="{x0 - 6}" y="{y + 4:.1f}" class="tick">{v:g}</text>')
    out.append(f'<text transform="translate({x0 - 44},{TOP + PANEL_H / 2}) rotate(-90)" class="axis">{escape(unit)}</text>')
    group_w = PANEL_W / len(strategies)
    bar_w = group_w / (len(ENGINES) + 1.2)
    for s_i, strategy in enumerate(strategies):
        gx = x0 + s_i * group_w + (group_w - bar_w * len(ENGINES)) / 2
        for e_i, (engine, _, colour) in enumerate(ENGINES):
            rounds = data.get((strategy, engine), {}).get(metric, [])
            if not rounds:
                continue
            bx = gx + e_i * bar_w
            med = statistics.median(rounds)
            out.append(f'<rect x="{bx + 2:.1f}" y="{y_of(med):.1f}" width="{bar_w - 4:.1f}" height="{TOP + PANEL_H - y_of(med):.1f}" '
                       f'fill="{colour}" fill-opacity="0.75"/>')
            cx = bx + bar_w / 2
            out.append(f'<line x1="{cx:.1f}" y1="{y_of(min(rounds)):.1f}" x2="{cx:.1f}" y2="{y_of(max(rounds)):.1f}" class="whisker"/>')
            for end in (min(rounds), max(rounds)):
                out.append(f'<line x1="{cx - 6:.1f}" y1="{y_of(end):.1f}" x2="{cx + 6:.1f}" y2="{y_of(end):.1f}" class="whisker"/>')
            for v in rounds:
                out.append(f'<circle cx="{cx:.1f}" cy="{y_of(v):.1f}" r="2" class="dot"/>')
            out.append(f'<text x="{cx:.1f}" y="{y_of(max(rounds)) - 5:.1f}" class="value">{med:.0f}</text>' if metric == "orders_per_s"
                       else f'<text x="{cx:.1f}" y="{y_of(max(rounds)) - 5:.1f}" class="value">{med:.1f}</text>')
        out.append(f'<text x="{x0 + s_i * group_w + group_w / 2:.1f}" y="{TOP + PANEL_H + 18}" class="label">{escape(strategy)}</text>')
        failed = [f"{data[(strategy, e)]['errors'] * 100 / data[(strategy, e)]['orders']:.0f}%"
                  for e, _, _ in ENGINES if (strategy, e) in data]
        if any(f != "0%" for f in failed):
            out.append(f'<text x="{x0 + s_i * group_w + group_w / 2:.1f}" y="{TOP + PANEL_H + 32}" class="warn">'
                       f'failed: {escape(" / ".join(failed))}</text>')
    out.append(f'<line x1="{x0}" y1="{TOP + PANEL_H}" x2="{x0 + PANEL_W}" y2="{TOP + PANEL_H}" class="axisline"/>')
    return out


def main():
    source = sys.argv[1] if len(sys.argv) > 1 else "samples/order-saga/target/saga-load.csv"
    target = sys.argv[2] if len(sys.argv) > 2 else "docs/images/saga-load.svg"
    strategies, data, first = load(source)
    width = LEFT + 2 * PANEL_W + GAP + LEFT + 20
    height = TOP + PANEL_H + BOTTOM + 50
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
             'font-family="DejaVu Sans, Helvetica, Arial, sans-serif">',
             '<style>.title{font-size:15px;font-weight:bold;text-anchor:middle}.note{font-size:11px;fill:#555;text-anchor:middle}'
             '.tick{font-size:11px;text-anchor:end;fill:#333}.axis{font-size:12px;text-anchor:middle}'
             '.label{font-size:12px;text-anchor:middle}.value{font-size:10px;text-anchor:middle;fill:#222}'
             '.grid{stroke:#ddd;stroke-width:1}.axisline{stroke:#333;stroke-width:1}.whisker{stroke:#111;stroke-width:1.2}'
             '.dot{fill:#111;fill-opacity:0.55}.legend{font-size:12px}.warn{font-size:11px;text-anchor:middle;fill:#b00020}</style>',
             f'<rect width="{width}" height="{height}" fill="white"/>']
    parts += panel(LEFT, "Throughput", "orders per second", "orders_per_s", strategies, data, "higher is better")
    parts += panel(LEFT + PANEL_W + GAP + LEFT, "Latency p99", "milliseconds (log scale)", "p99_ms", strategies, data,
                   "lower is better", log=True)
    ly = TOP + PANEL_H + 54
    lx = LEFT
    for _, name, colour in ENGINES:
        parts.append(f'<rect x="{lx}" y="{ly - 10}" width="12" height="12" fill="{colour}" fill-opacity="0.75"/>')
        parts.append(f'<text x="{lx + 18}" y="{ly}" class="legend">{escape(name)}</text>')
        lx += 18 + 8 * len(name) + 30
    caption = (f"bar: median of rounds, whisker: min-max, dot: one round of {first['orders']} orders "
               f"at concurrency {first['concurrency']}; failed: share of orders not confirmed (Skein / by hand)")
    parts.append(f'<text x="{LEFT}" y="{ly + 22}" class="legend" fill="#555">{escape(caption)}</text>')
    parts.append("</svg>")
    with open(target, "w") as f:
        f.write("\n".join(parts) + "\n")
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
