"""Plot helpers in one house style, and :func:`save_figure` for report figures.

Every helper takes a tidy DataFrame and ``ax=None``, draws on that axes (or a new one) and returns
it. Plots never parse text: they draw tables made upstream. :func:`save_figure` writes
``reports/figures/figNN-slug.png`` and ``.svg`` plus ``figNN-slug.csv`` holding exactly the data
drawn.

>>> import pandas as pd
>>> ax = barh(pd.DataFrame({"outlet": ["A", "B"], "articles": [3, 5]}), "outlet", "articles")
>>> [t.get_text() for t in ax.get_yticklabels()]
['A', 'B']
"""
from __future__ import annotations

import re
import warnings
from pathlib import Path
from typing import Sequence

import matplotlib

if matplotlib.get_backend().lower() not in {"module://matplotlib_inline.backend_inline", "agg"}:
    try:  # headless by default; notebooks keep their inline backend
        import IPython  # noqa: F401

        if IPython.get_ipython() is None:
            matplotlib.use("Agg")
    except ImportError:
        matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd

from . import paths

__all__ = [
    "STYLE", "COLORS", "color_for", "part_colors", "top_columns", "use_style", "new_axes", "barh",
    "stacked_barh", "stacked_columns", "lines",
    "hist", "save_figure", "shorten",
]

STYLE = {
    "figure.figsize": (8, 4.5),
    "figure.dpi": 100,
    "savefig.dpi": 150,
    "savefig.bbox": "tight",
    "font.size": 10,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.grid.axis": "x",
    "grid.color": "#dddddd",
    "grid.linewidth": 0.8,
    "legend.frameon": False,
    "axes.axisbelow": True,
    "svg.hashsalt": "sourcelens",
}

# One meaning, one colour, in every figure (Okabe-Ito, colour-blind safe).
COLORS: dict[str, str] = {
    # identification of sources
    "named": "#0072B2", "institutional": "#56B4E9", "anonymous": "#D55E00", "vague": "#E69F00",
    "pronoun": "#999999", "self": "#CC79A7", "none": "#cccccc",
    # a side, kind or class nobody could tell: grey, never a colour that reads as a category
    "unknown": "#cccccc",
    # the small parts lumped together by top_columns: a darker grey
    "other": "#7f7f7f",
    # hedge categories
    "hedge": "#E69F00", "conditional": "#56B4E9", "unverified": "#D55E00", "weasel": "#CC79A7",
    "booster": "#009E73",
    # cue stance
    "neutral": "#999999", "doubting": "#D55E00", "endorsing": "#009E73", "opinion": "#CC79A7",
    # voices
    "narrator": "#000000", "quoted": "#0072B2",
    # sentiment labels
    "negative": "#D55E00", "positive": "#009E73",
}
_CYCLE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
_NAME = re.compile(r"^fig\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*$")


def color_for(key, i: int = 0) -> str:
    """The house colour of a category, or the ``i``-th colour of the cycle.

    >>> color_for("anonymous")
    '#D55E00'
    """
    return COLORS.get(str(key), _CYCLE[i % len(_CYCLE)])


def part_colors(parts: Sequence) -> list[str]:
    """One colour per part of a stacked chart: the house colour when the part has one, else the
    next cycle colour that no other part of this chart uses, so two parts never share a colour
    while the cycle lasts (8 colours: lump the rest with :func:`top_columns`).

    >>> part_colors(["ukraine", "russia", "unknown"])
    ['#0072B2', '#E69F00', '#cccccc']
    >>> part_colors(["named", "eu"])  # named is house blue, so eu skips blue
    ['#0072B2', '#E69F00']
    """
    keys = [str(p) for p in parts]
    used = {COLORS[k] for k in keys if k in COLORS}
    free = iter([c for c in _CYCLE if c not in used])
    out = []
    for i, k in enumerate(keys):
        if k in COLORS:
            out.append(COLORS[k])
        else:
            out.append(next(free, None) or _CYCLE[i % len(_CYCLE)])
    if len(set(out)) < len(out):
        warnings.warn(f"{len(keys)} parts share {len(set(out))} colours: lump the small ones with "
                      "plots.top_columns(data, n)", stacklevel=3)
    return out


def top_columns(data: pd.DataFrame, n: int = 8, other: str = "other") -> pd.DataFrame:
    """Keep the largest columns of a wide table (by column total) and sum the rest into ``other``,
    so a stacked chart has at most ``n`` parts besides ``unknown`` (kept, last). Column order is
    kept; rows still sum to the same totals. Plot and save the returned table, so the figure's CSV
    is what is drawn.

    >>> d = pd.DataFrame({"a": [5, 1], "b": [1, 1], "c": [0, 1], "unknown": [2, 2]})
    >>> top_columns(d, n=2).to_dict("list")
    {'a': [5, 1], 'other': [1, 2], 'unknown': [2, 2]}
    """
    if data.shape[1] <= n + ("unknown" in data.columns):
        return data
    parts = [c for c in data.columns if c != "unknown"]
    keep = set(data[parts].sum().sort_values(ascending=False, kind="stable").index[:n - 1])
    kept = [c for c in parts if c in keep]
    rest = data[[c for c in parts if c not in keep]].sum(axis=1).rename(other)
    tail = [data["unknown"]] if "unknown" in data.columns else []
    return pd.concat([data[kept], rest, *tail], axis=1)


def shorten(texts, width: int = 70):
    """Labels cut at a word boundary to at most ``width`` characters, with "…" only when cut.

    Takes a string or a pandas Series (returns the same kind).

    >>> shorten("Tens of thousands of people have been killed.", 60)
    'Tens of thousands of people have been killed.'
    >>> shorten("the 30th anniversary of the establishment of diplomatic relations", 40)
    'the 30th anniversary of the…'
    """
    def one(t) -> str:
        t = " ".join(str(t).split()) if isinstance(t, str) else ""
        if len(t) <= width:
            return t
        cut = t[:width - 1].rsplit(" ", 1)[0] if " " in t[:width - 1] else t[:width - 1]
        return cut.rstrip(" ,;:-–—") + "…"

    if isinstance(texts, pd.Series):
        return texts.map(one)
    return one(texts)


def use_style() -> None:
    """Apply the house style to matplotlib (notebooks call it once)."""
    plt.rcParams.update(STYLE)
    plt.rcParams["axes.prop_cycle"] = matplotlib.cycler(color=_CYCLE)


use_style()


def new_axes(ax=None, figsize=None):
    """``ax`` if given, else a fresh figure's axes."""
    if ax is not None:
        return ax
    _, ax = plt.subplots(figsize=figsize)
    return ax


def _finish(ax, title, xlabel, ylabel, note=None):
    if title:  # with a note, the title moves up a line so the two never overlap (fig43)
        ax.set_title(title, pad=plt.rcParams["axes.titlepad"] + (12 if note else 0))
    if xlabel is not None:
        ax.set_xlabel(xlabel)
    if ylabel is not None:
        ax.set_ylabel(ylabel)
    if note:  # small print above the plot, right-aligned (the title sits left)
        ax.text(1.0, 1.01, note, transform=ax.transAxes, fontsize=8, color="#666666",
                ha="right", va="bottom")
    return ax


def _percent_axis(axis, top: float = 1.0) -> None:
    """Tick labels of a 0..1 share axis as percentages ("25%"; "2.5%" when ``top`` < 5%)."""
    from matplotlib.ticker import PercentFormatter

    axis.set_major_formatter(PercentFormatter(1.0, decimals=0 if abs(top) >= 0.05 else 1))


def barh(data: pd.DataFrame, label: str, value: str, ax=None, *, title: str | None = None,
         xlabel: str | None = None, color: str | None = None, colors: str | None = None,
         annotate: bool = True, fmt: str = "{:,.0f}", note: str | None = None, legend: bool = True):
    """Horizontal bars of ``data[value]`` labelled by ``data[label]``, first row on top.

    ``colors`` names a column whose values pick house colours (e.g. an identification class): one
    colour per value, and a legend (beside the plot) naming each value drawn, unless ``legend`` is
    False or the bar labels name the values already.
    A percent ``fmt`` ("{:.0%}") labels the axis in percent as well.

    >>> ax = barh(pd.DataFrame({"s": ["A", "B", "C"], "n": [3, 2, 1],
    ...                         "how": ["named", "pronoun", "named"]}), "s", "n", colors="how")
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['named', 'pronoun']
    """
    ax = new_axes(ax)
    d = data.reset_index(drop=True)
    ys = range(len(d))[::-1]
    if colors:
        keys = d[colors].astype(object).where(d[colors].notna(), "unknown").astype(str)
        values = list(dict.fromkeys(keys))
        # the house colour of a value, else a cycle colour no house colour here uses; one colour
        # per value (bars of different kinds, as in fig51, may share a house colour: no warning)
        free = iter([c for c in _CYCLE if c not in {COLORS.get(v) for v in values}])
        palette = {v: COLORS.get(v) or next(free, None) or _CYCLE[i % len(_CYCLE)] for i, v in enumerate(values)}
        cs = [palette[k] for k in keys]
    else:
        cs = color or _CYCLE[0]
    ax.barh(list(ys), d[value], color=cs)
    named_by_labels = all(k in str(lab) for k, lab in zip(keys, d[label])) if colors else False
    if colors and legend and not named_by_labels and len(d):
        from matplotlib.patches import Patch

        ax.legend(handles=[Patch(color=palette[v], label=v) for v in values], loc="upper left",
                  bbox_to_anchor=(1.0, 1.0), fontsize=8, title=colors, title_fontsize=8)
    ax.set_yticks(list(ys), [str(v) for v in d[label]])
    ax.grid(axis="y", visible=False)
    if annotate and len(d):
        vals = d[value].astype(float)
        span = float(vals.abs().max() or 1)
        for y, v in zip(ys, vals):
            if v != v:  # NaN: nothing to label
                continue
            right = v >= 0
            ax.text(v + (span if right else -span) * 0.01, y, fmt.format(v), va="center",
                    ha="left" if right else "right", fontsize=8)
        if pd.api.types.is_integer_dtype(d[value]):
            from matplotlib.ticker import MaxNLocator

            ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        if (vals < 0).any():
            ax.axvline(0, color="#666666", linewidth=0.8)
            lo = float(vals.min())
            ax.set_xlim(left=lo - span * 0.15)
    if "%}" in fmt:  # values are shares labelled in percent: the axis speaks percent too
        _percent_axis(ax.xaxis, float(d[value].abs().max()) if len(d) and d[value].notna().any() else 1.0)
    return _finish(ax, title, xlabel if xlabel is not None else value, "", note)


def stacked_barh(data: pd.DataFrame, ax=None, *, title: str | None = None,
                 xlabel: str | None = None, normalize: bool = False, note: str | None = None,
                 legend: bool = True):
    """Stacked horizontal bars of a wide table: index = bars, columns = parts.

    With ``normalize`` each bar is scaled to shares (0..1), the axis labelled in percent. Part
    colours follow :data:`COLORS`.
    """
    ax = new_axes(ax)
    d = data.fillna(0)
    if normalize:
        d = d.div(d.sum(axis=1).where(lambda s: s > 0, 1), axis=0)
    ys = list(range(len(d)))[::-1]
    left = pd.Series(0.0, index=d.index)
    for col, color in zip(d.columns, part_colors(d.columns)):
        ax.barh(ys, d[col], left=left, color=color, label=str(col))
        left = left + d[col]
    ax.set_yticks(ys, [str(v) for v in d.index])
    ax.grid(axis="y", visible=False)
    if legend and len(d.columns):
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8)
    if normalize:
        ax.set_xlim(0, 1)
        _percent_axis(ax.xaxis)
    return _finish(ax, title, xlabel if xlabel is not None else ("share" if normalize else ""),
                   "", note)


def stacked_columns(data: pd.DataFrame, ax=None, *, title: str | None = None,
                    xlabel: str | None = None, ylabel: str | None = None,
                    normalize: bool = False, note: str | None = None, date_format: str | None = None):
    """Stacked vertical bars of a wide table: index = x positions (e.g. days), columns = parts.

    Dates are labelled "Mar 02"; with the year when the periods span more than one ("Jan 10 2022"),
    and as "Mar 2022" when every period starts a month (``freq="MS"``), unless ``date_format``.

    >>> idx = pd.to_datetime(["2021-12-27", "2022-01-03"])
    >>> ax = stacked_columns(pd.DataFrame({"a": [1, 2]}, index=idx))
    >>> [t.get_text() for t in ax.get_xticklabels()]
    ['Dec 27 2021', 'Jan 03 2022']
    """
    ax = new_axes(ax)
    d = data.fillna(0)
    if normalize:
        d = d.div(d.sum(axis=1).where(lambda s: s > 0, 1), axis=0)
    xs = list(range(len(d)))
    bottom = pd.Series(0.0, index=d.index)
    for col, color in zip(d.columns, part_colors(d.columns)):
        ax.bar(xs, d[col], bottom=bottom, color=color, label=str(col), width=0.8)
        bottom = bottom + d[col]
    if pd.api.types.is_datetime64_any_dtype(d.index):
        if date_format is None:
            monthly = len(d) > 1 and all(t.day == 1 for t in d.index)
            date_format = ("%b %Y" if monthly else
                           "%b %d %Y" if d.index.min().year != d.index.max().year else "%b %d")
        labels = [t.strftime(date_format) for t in d.index]
    else:
        labels = [str(v) for v in d.index]
    step = max(1, len(xs) // 15)
    ax.set_xticks(xs[::step], labels[::step], rotation=45 if len(xs) > 8 else 0, ha="right"
                  if len(xs) > 8 else "center")
    ax.grid(axis="x", visible=False)
    ax.grid(axis="y", visible=True)
    if normalize:
        _percent_axis(ax.yaxis)
    if not normalize and all(pd.api.types.is_integer_dtype(t) for t in d.dtypes):
        from matplotlib.ticker import MaxNLocator

        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    if len(d.columns):  # also one part: a one-outlet corpus names its outlet (fig12)
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8)
    return _finish(ax, title, xlabel, ylabel if ylabel is not None else
                   ("share" if normalize else ""), note)


def lines(data: pd.DataFrame, ax=None, *, title: str | None = None, xlabel: str | None = None,
          ylabel: str | None = None, marker: str = "o", note: str | None = None):
    """One line per column of a wide table indexed by x (dates or numbers)."""
    ax = new_axes(ax)
    for i, col in enumerate(data.columns):
        ax.plot(data.index, data[col], marker=marker, markersize=3, label=str(col),
                color=color_for(col, i))
    ax.grid(axis="y", visible=True)
    if len(data.columns):  # also one line: a one-outlet corpus names its outlet (fig32)
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8)
    if pd.api.types.is_datetime64_any_dtype(data.index):
        ax.figure.autofmt_xdate()
    return _finish(ax, title, xlabel, ylabel, note)


def hist(values: Sequence[float] | pd.Series, ax=None, *, bins: int | Sequence[float] = 30,
         title: str | None = None, xlabel: str | None = None, ylabel: str = "count",
         log: bool = False, note: str | None = None):
    """Histogram of ``values`` (log-spaced bins when ``log``); the count axis has whole-number ticks.

    >>> ax = hist([180, 215, 216, 217, 300], bins=10)
    >>> all(float(t).is_integer() for t in ax.get_yticks())
    True
    """
    import numpy as np
    from matplotlib.ticker import MaxNLocator

    ax = new_axes(ax)
    v = pd.Series(values).dropna().astype(float)
    if log and len(v) and isinstance(bins, int):
        lo, hi = max(v.min(), 1.0), max(v.max(), 2.0)
        bins = np.logspace(np.log10(lo), np.log10(hi), bins)
        ax.set_xscale("log")
    ax.hist(v, bins=bins, color=_CYCLE[0], edgecolor="white")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))  # counts: no "1.5 articles"
    ax.grid(axis="y", visible=True)
    return _finish(ax, title, xlabel, ylabel, note)


def save_figure(fig, name: str, data: pd.DataFrame, out_dir: Path | str | None = None) -> list[Path]:
    """Write ``NAME.png``, ``NAME.svg`` and ``NAME.csv`` (exactly the plotted data).

    ``name`` is ``figNN-slug`` (two digits, lower-case slug). ``fig`` may be a Figure or Axes.
    Returns the written paths.

    >>> import tempfile
    >>> ax = barh(pd.DataFrame({"k": ["a"], "n": [1]}), "k", "n")
    >>> [p.suffix for p in save_figure(ax, "fig99-demo", pd.DataFrame({"k": ["a"], "n": [1]}),
    ...                                tempfile.mkdtemp())]
    ['.png', '.svg', '.csv']
    """
    if not _NAME.match(name):
        raise ValueError(f"figure name {name!r} must look like 'fig01-articles-per-outlet'")
    if not isinstance(data, pd.DataFrame):
        data = pd.DataFrame(data)
    fig = getattr(fig, "figure", fig)
    out = Path(out_dir) if out_dir is not None else paths.FIGURES
    out.mkdir(parents=True, exist_ok=True)
    png, svg, csv = (out / f"{name}.{ext}" for ext in ("png", "svg", "csv"))
    fig.savefig(png, metadata={"Software": None})
    fig.savefig(svg, metadata={"Date": None, "Creator": None})
    # the index is data when it is named or not plain row numbers (a sorted table keeps its
    # shuffled row numbers: those were never drawn, so they stay out of the CSV)
    index = any(n is not None for n in data.index.names) or not pd.api.types.is_integer_dtype(data.index)
    data.to_csv(csv, index=index)
    return [png, svg, csv]
