"""Make an article's sourcing visible at a glance: highlighted HTML of who says so and how sure.

:func:`annotate` turns a text and a table of typed character spans into an HTML fragment;
:func:`article_spans` collects those spans for one article from the results tables
(attributions, no-comment statements, hedges); :func:`show_article` shows the page in a notebook
and :func:`write_article_html` writes it as a standalone HTML file with inline CSS.

Colours follow the Okabe-Ito palette (distinguishable with the common forms of colour blindness)
and every category also differs by something other than colour (border style, underline style,
weight), so a printout in grey still shows them apart. Hovering any mark shows the rule or
lexicon entry that produced it.

>>> import pandas as pd
>>> spans = pd.DataFrame({"start": [0], "end": [4], "label": ["source-named"],
...                       "title": ["named source"]})
>>> annotate("Holt said so.", spans)
'<div class="sl-article"><p><span class="sl sl-source sl-source-named" title="named source">Holt</span> said so.</p></div>'
"""
from __future__ import annotations

import bisect
import html
import re
from pathlib import Path

import pandas as pd

__all__ = [
    "SPAN_COLUMNS",
    "annotate",
    "article_spans",
    "show_article",
    "write_article_html",
    "ArticleView",
]

SPAN_COLUMNS = ["start", "end", "label", "title", "group"]

_PARAGRAPH_BREAK = re.compile(r"\r?\n[ \t\r\u00a0]*\n\s*")
_LINE_BREAK = re.compile(r"\r?\n")
_CLASS_UNSAFE = re.compile(r"[^a-z0-9]+")

# Legend text for the labels the analysis produces; unknown labels get a generic entry.
_LEGEND = {
    "source-named": "named source (a person or body given by name)",
    "source-institutional": "institutional source (a ministry, agency, police ...)",
    "source-anonymous": "anonymous source (unnamed official, \u201ca source close to ...\u201d)",
    "source-vague": "vague source (\u201canalysts\u201d, \u201ccritics\u201d, \u201csome say\u201d)",
    "source-pronoun": "pronoun source (\u201che said\u201d), resolved where possible",
    "source-self": "the outlet itself (\u201cThe Ledger has learned\u201d)",
    "cue-neutral": "cue verb, neutral (said, told)",
    "cue-doubting": "cue verb, doubting (claimed, alleged, insisted)",
    "cue-distancing": "cue verb, distancing (claimed, alleged, insisted)",
    "cue-endorsing": "cue verb, endorsing (confirmed, admitted, revealed)",
    "cue-opinion": "cue verb, opinion (argued, suggested, believes)",
    "cue-argumentative": "cue verb, argumentative (argued, suggested)",
    "content": "what the source said (attributed content)",
    "hedge-hedge": "doubt (allegedly, reportedly, may)",
    "hedge-conditional": "(if verified, if true)",
    "hedge-unverified": "(could not be independently verified)",
    "hedge-weasel": "(analysts suggest, critics say)",
    "hedge-booster": "certainty (clearly, undoubtedly)",
    "no-comment": "a party that declined or failed to comment",
}

_CSS = """
.sl-article { font-family: Georgia, 'Times New Roman', serif; font-size: 17px; line-height: 1.75;
  color: #1a1a1a; }
.sl-article p { margin: 0 0 0.9em 0; }

.sl-content { background: #ececec; }
.sl-source-named { background: #cde3f3; box-shadow: inset 0 -2px 0 #0072B2; }
.sl-source-institutional { background: #dcedf9; box-shadow: inset 0 -2px 0 #56B4E9; }
.sl-source-anonymous { background: #fbd9c4; box-shadow: inset 0 -2px 0 #D55E00;
  outline: 1px dashed #D55E00; }
.sl-source-vague { background: #fbe9b7; box-shadow: inset 0 -2px 0 #E69F00;
  outline: 1px dotted #9a6a00; }
.sl-source-pronoun { background: #e8e8e8; box-shadow: inset 0 -2px 0 #999999; }
.sl-source-self { background: #f3dbe9; box-shadow: inset 0 -2px 0 #CC79A7; }
.sl-cue { font-weight: bold; font-variant: small-caps; letter-spacing: 0.02em; }
.sl-cue-doubting, .sl-cue-distancing { color: #a0410d; font-style: italic; }
.sl-cue-endorsing { color: #00507e; text-decoration: overline; }
.sl-cue-opinion, .sl-cue-argumentative { color: #7a3d63; font-style: oblique; }
.sl-hedge { text-decoration-line: underline; text-decoration-thickness: 2px;
  text-underline-offset: 3px; text-decoration-color: #000000; text-decoration-style: wavy; }
.sl-hedge-hedge { text-decoration-style: wavy; text-decoration-color: #E69F00; }
.sl-hedge-conditional { text-decoration-style: double; text-decoration-color: #56B4E9; }
.sl-hedge-unverified { text-decoration-style: solid; text-decoration-color: #D55E00; }
.sl-hedge-weasel { text-decoration-style: dotted; text-decoration-color: #CC79A7; }
.sl-hedge-booster { text-decoration-style: dashed; text-decoration-color: #009E73; }
.sl-hedge-modal { text-decoration-style: wavy; text-decoration-color: #0072B2; }
.sl-hedge-reporting { text-decoration-style: dashed; text-decoration-color: #D55E00; }
.sl-hedge-approximator { text-decoration-style: dotted; text-decoration-color: #CC79A7; }
.sl-hedge-verification { text-decoration-style: solid; text-decoration-color: #E69F00; }
.sl-hedge-uncertainty { text-decoration-style: wavy; text-decoration-color: #56B4E9; }
.sl-no-comment { outline: 2px dashed #444; outline-offset: 1px; background: repeating-linear-gradient(
  135deg, #f4f4f4, #f4f4f4 4px, #e2e2e2 4px, #e2e2e2 8px); }
.sl-legend { font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; font-size: 13px;
  margin: 0.6em 0 1.2em 0; padding: 6px 10px; border: 1px solid #ddd; border-radius: 6px;
  background: #fafafa; max-width: 70em; }
.sl-legend .sl-group { display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 18px;
  padding: 3px 0; }
.sl-legend .sl-group > b { min-width: 6.5em; }
.sl-legend .sl-item { white-space: nowrap; }
.sl-legend .sl { margin-right: 3px; padding: 0 3px; }
.sl-meta { font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; color: #555; font-size: 14px; }
.sl-table { font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; font-size: 13px;
  border-collapse: collapse; margin-top: 0.5em; }
.sl-table th, .sl-table td { border-bottom: 1px solid #ddd; padding: 4px 8px; text-align: left;
  vertical-align: top; }
.sl-table th { background: #f0f0f0; }
.sl-empty { font-family: system-ui, sans-serif; color: #777; font-style: italic; }
.sl-title { font-family: Georgia, 'Times New Roman', serif;
  font-size: 26px; line-height: 1.3; font-weight: bold; margin: 0 0 0.3em 0; }
.sl-aside-title { font-family: system-ui, sans-serif; font-size: 15px; margin-top: 0; }
.sl-page { display: flex; flex-wrap: wrap; gap: 2em; align-items: flex-start; }
.sl-page > main { flex: 3 1 28em; max-width: 46em; }
.sl-page > aside { flex: 1 1 22em; max-width: 40em; }
.sl-table td:nth-child(2) { min-width: 8em; }
.sl-table td:first-child { color: #777; }
""".strip()


# Underline styles (Okabe-Ito colour, line style) given in turn to hedge categories that have no
# rule in _CSS, so any category a user adds to the hedge lexicon still gets a distinct mark.
_EXTRA_HEDGE_STYLES = [
    ("#0072B2", "dashed"), ("#D55E00", "dotted"), ("#009E73", "wavy"), ("#CC79A7", "double"),
    ("#E69F00", "dashed"), ("#56B4E9", "solid"), ("#000000", "dotted"),
]


def _extra_css(labels) -> str:
    """CSS rules for hedge labels that ``_CSS`` does not style yet.

    >>> _extra_css(["hedge-modal", "hedge-hearsay"])
    '.sl-hedge-hearsay { text-decoration-color: #0072B2; text-decoration-style: dashed; }'
    """
    rules, k = [], 0
    for label in dict.fromkeys(labels):
        cls = _css_class(label).split()[-1]
        if not cls.startswith("sl-hedge-") or f".{cls} " in _CSS:
            continue
        colour, style = _EXTRA_HEDGE_STYLES[k % len(_EXTRA_HEDGE_STYLES)]
        k += 1
        rules.append(f".{cls} {{ text-decoration-color: {colour}; text-decoration-style: {style}; }}")
    return "\n".join(rules)


def _css_class(label: str) -> str:
    """``'source-named'`` -> ``'sl sl-source sl-source-named'``: a family class and a label class."""
    safe = _CLASS_UNSAFE.sub("-", str(label).lower()).strip("-") or "span"
    family = safe.split("-", 1)[0]
    return f"sl sl-{family} sl-{safe}" if family != safe else f"sl sl-{safe}"


def _missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and value != value)


def _clean_spans(text: str, spans: pd.DataFrame | None) -> list[tuple[int, int, str, str, object]]:
    """``(start, end, label, title, group)`` with clipped, non-empty offsets, outermost first.

    Plain Python over the columns (no per-call pandas operations): this runs once per article.
    """
    if spans is None or len(spans) == 0 or "start" not in spans.columns or "end" not in spans.columns:
        return []
    n = len(text)
    size = len(spans)
    labels = spans["label"].tolist() if "label" in spans.columns else [None] * size
    titles = spans["title"].tolist() if "title" in spans.columns else [None] * size
    groups = spans["group"].tolist() if "group" in spans.columns else [None] * size
    out = []
    rows = zip(spans["start"].tolist(), spans["end"].tolist(), labels, titles, groups)
    for s, e, lab, tit, grp in rows:
        if _missing(s) or _missing(e):
            continue
        try:
            s, e = min(max(int(s), 0), n), min(max(int(e), 0), n)
        except (TypeError, ValueError):
            continue
        if s >= e:
            continue
        lab = "span" if _missing(lab) else str(lab)
        tit = lab if _missing(tit) else str(tit)
        out.append((s, e, lab, tit, None if _missing(grp) else grp))
    out.sort(key=lambda span: (span[0], span[0] - span[1]))  # by start, longer (outer) first
    return out


def _open_tag(label: str, title: str, group) -> str:
    attrs = f' title="{html.escape(title, quote=True)}"' if title else ""
    if not _missing(group):
        attrs += f' data-group="{html.escape(str(group), quote=True)}"'
    return f'<span class="{_css_class(label)}"{attrs}>'


def _paragraph_breaks(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _PARAGRAPH_BREAK.finditer(text)]


def annotate(text: str, spans: pd.DataFrame | None) -> str:
    """Render ``text`` as an HTML fragment with ``spans`` highlighted; nesting and overlap are safe.

    ``spans`` has columns ``start``, ``end`` (character offsets, end exclusive), ``label`` (becomes
    the CSS classes ``sl-<family>`` and ``sl-<label>``), ``title`` (the tooltip: rule or lexicon
    entry) and optionally ``group`` (an id shared by the parts of one attribution, written as
    ``data-group``). The text is cut at every span boundary and every paragraph break; each
    piece is wrapped in all the spans that cover it, outermost (longest) first, so overlapping
    spans never produce broken HTML. Text is escaped, blank lines start a new ``<p>``, single
    line breaks become ``<br>``. Spans with missing or out-of-range offsets are clipped or dropped.

    >>> import pandas as pd
    >>> spans = pd.DataFrame({"start": [0, 3], "end": [8, 6], "label": ["content", "hedge-modal"],
    ...                       "title": ["quote", "may"]})
    >>> print(annotate("It may <rain>", spans).replace("><", ">\\n<"))
    <div class="sl-article">
    <p>
    <span class="sl sl-content" title="quote">It </span>
    <span class="sl sl-content" title="quote">
    <span class="sl sl-hedge sl-hedge-modal" title="may">may</span>
    </span>
    <span class="sl sl-content" title="quote"> &lt;</span>rain&gt;</p>
    </div>
    >>> annotate("", None)
    '<div class="sl-article"></div>'
    """
    text = "" if text is None or (isinstance(text, float) and text != text) else str(text)
    if not text.strip():
        return '<div class="sl-article"></div>'
    clean = _clean_spans(text, spans)
    breaks = _paragraph_breaks(text)
    # Cut points: every span boundary and both ends of every paragraph break.
    cuts = {0, len(text)}
    for span in clean:
        cuts.add(span[0])
        cuts.add(span[1])
    for b0, b1 in breaks:
        cuts.update((b0, b1))
    cuts = sorted(cuts)
    starts = [span[0] for span in clean]
    ends = [span[1] for span in clean]
    tags = [_open_tag(lab, tit, grp) for _, _, lab, tit, grp in clean]
    break_starts = [b0 for b0, _ in breaks]
    # Sweep: spans are sorted by start, so the active set grows by a pointer and shrinks on end.
    pieces: list[str] = ["<p>"]
    active: list[int] = []
    nxt = 0
    for a, b in zip(cuts, cuts[1:]):
        k = bisect.bisect_right(break_starts, a) - 1
        if k >= 0 and a < breaks[k][1]:  # inside a paragraph break: one separator, no text
            if a == breaks[k][0] and a > 0 and breaks[k][1] < len(text):
                pieces.append("</p>\n<p>")
            continue
        while nxt < len(starts) and starts[nxt] <= a:
            active.append(nxt)
            nxt += 1
        active = [i for i in active if ends[i] > a]
        chunk = _LINE_BREAK.sub("<br>", html.escape(text[a:b], quote=False))
        if not chunk:
            continue
        opened = "".join(tags[i] for i in active)
        pieces.append(f"{opened}{chunk}{'</span>' * len(active)}")
    pieces.append("</p>")
    body = "".join(pieces).replace("<p></p>", "")
    return f'<div class="sl-article">{body}</div>'


# ---------------------------------------------------------------------------------------------
# Collecting spans from the results tables


def _article_rows(results, name: str, article_id) -> list[dict]:
    """This article's rows of table ``name`` as dicts; ``[]`` when the table or its key is missing."""
    tables = getattr(results, "tables", None)
    table = tables.get(name) if isinstance(tables, dict) else None
    if not isinstance(table, pd.DataFrame) or table.empty or "article_id" not in table.columns:
        return []
    ids = table["article_id"]
    if not pd.api.types.is_string_dtype(ids) or pd.api.types.is_object_dtype(ids):
        ids = ids.astype(str)
    return _records(table.loc[ids == str(article_id)])


def _val(row: dict, key: str) -> str:
    """A cell as display text; missing, NA and empty give ``''``."""
    value = row.get(key)
    if _missing(value):
        return ""
    try:
        if pd.isna(value):  # NaT and other NA scalars
            return ""
    except (TypeError, ValueError):
        pass
    return str(value)


def _slug(value: str, default: str) -> str:
    return _CLASS_UNSAFE.sub("-", value.lower()).strip("-") or default


def _describe(row: dict, keys: list[tuple[str, str]]) -> str:
    return " \u00b7 ".join(f"{name}: {_val(row, key)}" for key, name in keys if _val(row, key))


def _records(table: pd.DataFrame) -> list[dict]:
    """Rows as plain dicts (much faster than ``DataFrame.to_dict('records')`` on small tables)."""
    columns = list(table.columns)
    return [dict(zip(columns, values)) for values in zip(*(table[c].tolist() for c in columns))]


def _with_via(records: list[dict]) -> list[dict]:
    """Add ``_via``: who relayed the claim, e.g. ``'#1 VNA'`` (the attribution it came through)
    and/or the addressee text (``'told VNA'``).

    >>> _with_via([{"attribution_id": 0, "source_text": "VNA"},
    ...            {"attribution_id": 1, "source_text": "security services", "via": 0}])[1]["_via"]
    '#0 VNA'
    """
    sources = {_val(row, "attribution_id"): _val(row, "source_text") for row in records}
    for row in records:
        parts = []
        via = _val(row, "via")
        if via:
            parts.append(f"#{via} {sources.get(via, '')}".strip())
        via_text = _val(row, "via_text")
        if via_text and not any(via_text in part for part in parts):
            parts.append(via_text)
        row["_via"] = "; ".join(parts)
    return records


_ATTR_KEYS = [
    ("identification", "identification"), ("kind", "kind"), ("side", "side"),
    ("resolved_text", "resolved"), ("_via", "via"),
    ("anonymity_reason", "anonymity reason"), ("cue_stance", "stance"), ("rule", "rule"),
    ("source_evidence", "evidence"),
]


def _span(row: dict, prefix: str, label: str, title: str, group: str) -> list[dict]:
    """``[{start, end, label, title, group}]`` for the ``<prefix>start/end`` of ``row``, or ``[]``."""
    start, end = row.get(f"{prefix}start"), row.get(f"{prefix}end")
    if _missing(start) or _missing(end):
        return []
    return [{"start": int(start), "end": int(end), "label": label, "title": title, "group": group}]


def _attribution_spans(records: list[dict]) -> list[dict]:
    """Source, cue and content spans of each attribution, grouped as ``a<attribution_id>``."""
    out = []
    for k, row in enumerate(_with_via(records)):
        number = _val(row, "attribution_id") or str(k)
        desc = _describe(row, _ATTR_KEYS)
        tail = f" \u2014 {desc}" if desc else ""
        quote = " \u00b7 direct quote" if _val(row, "quote") in {"True", "1", "true"} else ""
        group = f"a{number}"
        out += _span(row, "content_", "content", f"attribution {number} content{quote}{tail}", group)
        out += _span(row, "source_", f"source-{_slug(_val(row, 'identification'), 'unknown')}",
                     f"attribution {number} source{tail}", group)
        out += _span(row, "cue_", f"cue-{_slug(_val(row, 'cue_stance'), 'neutral')}",
                     f"attribution {number} cue{tail}", group)
    return out


_NO_COMMENT_KEYS = [("party_text", "party"), ("cue_text", "cue"), ("side", "side"), ("rule", "rule")]
_HEDGE_KEYS = [("cue", "cue"), ("category", "category"), ("rule", "rule")]


def _no_comment_spans(records: list[dict]) -> list[dict]:
    """Party and cue of each 'declined to comment' statement, both labelled ``no-comment``."""
    out = []
    for k, row in enumerate(records):
        group = f"n{_val(row, 'no_comment_id') or k}"
        desc = _describe(row, _NO_COMMENT_KEYS)
        out += _span(row, "party_", "no-comment", f"no comment (party) \u2014 {desc}", group)
        out += _span(row, "cue_", "no-comment", f"no comment (cue) \u2014 {desc}", group)
    return out


def _hedge_spans(records: list[dict]) -> list[dict]:
    """One ``hedge-<category>`` span per hedge."""
    out = []
    for k, row in enumerate(records):
        out += _span(row, "", f"hedge-{_slug(_val(row, 'category'), 'other')}",
                     f"hedge \u2014 {_describe(row, _HEDGE_KEYS)}", f"h{_val(row, 'hedge_id') or k}")
    return out


def article_spans(results, article_id) -> pd.DataFrame:
    """All highlightable spans of one article, from whichever results tables exist.

    Reads ``attributions`` (``source_*`` -> label ``source-<identification>``, ``cue_*`` ->
    ``cue-<cue_stance>``, ``content_*`` -> ``content``), ``no_comment`` (``party_*`` and ``cue_*``
    -> ``no-comment``) and ``hedges`` (``start``/``end`` -> ``hedge-<category>``). Missing
    tables, columns or offsets are skipped. Returns columns ``start``, ``end`` (Int64),
    ``label``, ``title`` (tooltip: identification, kind, side, via, rule ...), ``group`` (string:
    ``a<attribution_id>``, ``n<row>``, ``h<hedge_id>``), ``layer`` (which table), sorted by start.

    >>> import pandas as pd
    >>> from types import SimpleNamespace
    >>> hedges = pd.DataFrame({"article_id": ["a"], "hedge_id": [0], "start": [3], "end": [11],
    ...                        "cue": ["allegedly"], "category": ["reporting"], "rule": ["lex:allegedly"]})
    >>> res = SimpleNamespace(articles=pd.DataFrame(), tables={"hedges": hedges})
    >>> article_spans(res, "a")[["start", "end", "label"]].to_dict("records")
    [{'start': 3, 'end': 11, 'label': 'hedge-reporting'}]
    """
    rows: list[dict] = []
    for name, collect in (("attributions", _attribution_spans), ("no_comment", _no_comment_spans),
                          ("hedges", _hedge_spans)):
        rows += [dict(row, layer=name) for row in collect(_article_rows(results, name, article_id))]
    columns = [*SPAN_COLUMNS, "layer"]
    if not rows:
        return pd.DataFrame({c: pd.Series(dtype="Int64" if c in ("start", "end") else "string")
                             for c in columns})
    rows.sort(key=lambda r: (r["start"], -r["end"]))
    return pd.DataFrame({
        "start": pd.array([r["start"] for r in rows], dtype="Int64"),
        "end": pd.array([r["end"] for r in rows], dtype="Int64"),
        **{c: pd.array([r[c] for r in rows], dtype="string")
           for c in ("label", "title", "group", "layer")},
    })


# ---------------------------------------------------------------------------------------------
# Page parts


def _article_row(results, article_id) -> dict:
    articles = getattr(results, "articles", None)
    if not isinstance(articles, pd.DataFrame) or "article_id" not in articles.columns:
        raise KeyError(f"results has no articles table with an article_id column")
    match = articles.loc[articles["article_id"].astype(str) == str(article_id)]
    if match.empty and "id" in articles.columns:  # the record's own id, e.g. "ex06"
        match = articles.loc[articles["id"].astype(str) == str(article_id)]
    if match.empty:
        known = ", ".join(map(str, articles["article_id"].head(5).tolist()))
        raise KeyError(f"no article {article_id!r} in results.articles (ids start: {known} ...)")
    return match.iloc[0].to_dict()


_LEGEND_GROUPS = [("source", "Sources"), ("cue", "Cue verbs"), ("content", "Said"),
                  ("hedge", "Hedges"), ("no", "No comment")]


def _legend(spans: pd.DataFrame) -> str:
    """One legend row per family (sources, cues, content, hedges, no comment) present in ``spans``."""
    labels = list(dict.fromkeys(spans["label"].dropna().astype(str).tolist())) if len(spans) else []
    if not labels:
        return ('<div class="sl-legend"><span class="sl-empty">no sources, hedges or no-comment '
                "statements found</span></div>")
    order = {key: i for i, key in enumerate(_LEGEND)}
    labels.sort(key=lambda lab: (order.get(lab, len(order)), lab))
    groups = []
    known = {family for family, _ in _LEGEND_GROUPS}
    for family, heading in [*_LEGEND_GROUPS, ("other", "Other")]:
        members = [lab for lab in labels if (lab.split("-", 1)[0] if lab.split("-", 1)[0] in known
                                             else "other") == family]
        if not members:
            continue
        items = []
        for lab in members:
            rest = lab.split("-", 1)[1] if "-" in lab else lab
            if family == "hedge":  # the category name itself, underlined in its style
                sample, desc = rest.replace("-", " "), _LEGEND.get(lab, "")
            elif family == "cue":
                sample, desc = "said", _LEGEND.get(lab, rest).replace("cue verb, ", "")
            else:
                sample, desc = "Aa", _LEGEND.get(lab, rest.replace("-", " "))
            items.append(f'<span class="sl-item"><span class="{_css_class(lab)}">{html.escape(sample)}'
                         f"</span> {html.escape(desc)}</span>")
        groups.append(f'<div class="sl-group"><b>{heading}</b>{"".join(items)}</div>')
    return f'<div class="sl-legend">{"".join(groups)}</div>'


_SIDE_COLUMNS = [
    ("#", "#"), ("source", "source"), ("identification", "identification"), ("kind", "kind"),
    ("side", "side"),
    ("via", "via"), ("cue_text", "cue"), ("cue_stance", "stance"),
]


def _attribution_table(results, article_id) -> str:
    records = _with_via(_article_rows(results, "attributions", article_id))
    if not records:
        return '<p class="sl-empty">No attributions found.</p>'
    head = "".join(f"<th>{html.escape(name)}</th>" for _, name in _SIDE_COLUMNS)
    if "source_start" in records[0]:
        records.sort(key=lambda row: (_missing(row["source_start"]),
                                      0 if _missing(row["source_start"]) else row["source_start"]))
    body = []
    for row in records:
        source = _val(row, "source_text") or "(no source)"
        resolved = _val(row, "resolved_text")
        if resolved and resolved != source:
            source = f"{source} \u2192 {resolved}"
        number = _val(row, "attribution_id")
        cells = {"#": f"#{number}" if number else "", "source": source, "via": row["_via"]}
        label = f"source-{_slug(_val(row, 'identification'), 'unknown')}"
        tds = []
        for key, _ in _SIDE_COLUMNS:
            value = html.escape(cells.get(key, _val(row, key)))
            if key == "source":
                value = f'<span class="{_css_class(label)}">{value}</span>'
            tds.append(f"<td>{value}</td>")
        body.append(f"<tr>{''.join(tds)}</tr>")
    return (f'<table class="sl-table"><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table>')


def _travelling_claims(results, article_id) -> str:
    """The article's claims that other articles carry too: how far each travels and what stands behind
    it (:func:`analysis.claims.claim_cluster_summary` on the claim's clusters only)."""
    tables = getattr(results, "tables", {})
    cc, claims = tables.get("claim_clusters"), tables.get("claims")
    if cc is None or claims is None or cc.empty or claims.empty:
        return ""
    mine = cc.loc[cc["article_id"].astype(str) == str(article_id), "cluster_id"].unique()
    if not len(mine):
        return ""
    from .claims import claim_cluster_summary

    sub = cc[cc["cluster_id"].isin(mine)]
    summary = claim_cluster_summary(sub, claims, results.articles, tables.get("attributions"),
                                    tables.get("near_duplicates"),
                                    actors=getattr(results, "options", {}).get("actors"))
    travel = summary[summary["n_independent_articles"] >= 2].sort_values(
        ["n_independent_articles", "cluster_id"], ascending=[False, True])
    if travel.empty:
        return ""
    rows = []
    for r in travel.itertuples(index=False):
        text = str(r.text)
        short = text if len(text) <= 90 else text[:89].rstrip() + "…"
        sides = f" ({r.origin_sides})" if isinstance(r.origin_sides, str) and r.origin_sides != "unknown" else ""
        outlets = f"{r.n_outlets} outlet{'s' if r.n_outlets != 1 else ''}"
        cells = [short, f"{r.n_independent_articles} articles, {outlets}",
                 f"{r.n_origins}{sides}, {r.n_untraced} untraced", r.support]
        rows.append("<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in cells) + "</tr>")
    head = "".join(f"<th>{h}</th>" for h in ("claim", "carried by", "origins", "support"))
    return (f'<h3 class="sl-aside-title">Claims that travel</h3><table class="sl-table sl-claims"><thead>'
            f'<tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>')


def _meta(article: dict) -> str:
    published = article.get("published")
    when = published.strftime("%Y-%m-%d %H:%M %Z").strip() if isinstance(published, pd.Timestamp) \
        else _val(article, "published")
    parts = [html.escape(x) for x in (_val(article, "outlet"), when, _val(article, "byline")) if x]
    url = _val(article, "url")
    if url:
        parts.append(f'<a href="{html.escape(url, quote=True)}">{html.escape(url)}</a>')
    sep = " \u00b7 "
    return f'<div class="sl-meta">{sep.join(parts)}</div>'


def _as_int(value) -> int:
    """An offset cell as int; missing or NA give 0."""
    try:
        return 0 if value is None or pd.isna(value) else int(value)
    except (TypeError, ValueError):
        return 0


def _body(results, article_id) -> str:
    article = _article_row(results, article_id)
    article_id = article["article_id"]
    spans = article_spans(results, article_id)
    title = _val(article, "title")
    text = _val(article, "text")
    fragment = annotate(text, spans)
    heading = f'<h2 class="sl-title">{html.escape(title or f"Article {article_id}")}</h2>'
    # The loader puts the headline first in ``text`` (``body_start`` says where the body begins):
    # then the annotated headline paragraph becomes the page heading instead of showing twice.
    # Every span is closed at a paragraph break, so cutting there keeps the HTML well formed.
    head_end = _as_int(article.get("body_start"))
    if title and head_end and text[:head_end].strip() == title.strip():
        opening, closing = '<div class="sl-article"><p>', "</p></div>"
        head, sep, rest = fragment[len(opening):-len(closing)].partition("</p>\n<p>")
        if fragment.startswith(opening) and sep:
            heading = f'<h2 class="sl-title">{head}</h2>'
            fragment = f"{opening}{rest}{closing}"
    # tex2jax_ignore: MathJax (JupyterLab, the HTML reports) would typeset the text between two
    # dollar amounts ("$1.85 billion ... $45 billion") as a formula
    return (
        f"<style>{_CSS}\n{_extra_css(spans['label'].dropna().astype(str))}</style>"
        f'<div class="sl-view tex2jax_ignore">{heading}{_meta(article)}{_legend(spans)}'
        f'<div class="sl-page"><main>{fragment}</main>'
        f'<aside><h3 class="sl-aside-title">Who says so</h3>'
        f"{_attribution_table(results, article_id)}{_travelling_claims(results, article_id)}</aside></div></div>"
    )


class ArticleView:
    """A rich display object: Jupyter shows ``_repr_html_``; ``str()`` gives the HTML.

    >>> ArticleView("<b>x</b>")._repr_html_()
    '<b>x</b>'
    """

    def __init__(self, data: str):
        self.data = data

    def _repr_html_(self) -> str:
        return self.data

    def __str__(self) -> str:
        return self.data

    def __repr__(self) -> str:
        return f"<ArticleView: {len(self.data)} characters of HTML>"


def show_article(results, article_id):
    """Display one article with its sources, cues, contents, hedges and no-comments highlighted.

    Returns ``IPython.display.HTML`` when IPython is installed (else an :class:`ArticleView`);
    both have ``_repr_html_``, so a notebook cell ending in this call shows the page: a legend,
    the annotated text, a side table of attributions (source, identification, kind, side,
    via, cue, stance) and, when the run clustered claims, the article's claims that other articles
    carry too (articles, outlets, origins, support). Raises ``KeyError`` for an unknown ``article_id``.

    >>> import pandas as pd
    >>> from types import SimpleNamespace
    >>> res = SimpleNamespace(articles=pd.DataFrame({"article_id": ["a"], "title": ["T"],
    ...                                             "text": ["Police said so."]}), tables={})
    >>> "Police said so." in show_article(res, "a")._repr_html_()
    True
    """
    page = _body(results, article_id)
    try:
        from IPython.display import HTML
    except ImportError:  # pragma: no cover - IPython is normally present with Jupyter
        return ArticleView(page)
    return HTML(page)


def write_article_html(results, article_id, path) -> Path:
    """Write a standalone HTML page (inline CSS, no scripts, no downloads) for one article.

    >>> import pandas as pd, tempfile, pathlib
    >>> from types import SimpleNamespace
    >>> res = SimpleNamespace(articles=pd.DataFrame({"article_id": ["a"], "title": ["T"],
    ...                                             "text": ["Police said so."]}), tables={})
    >>> out = write_article_html(res, "a", pathlib.Path(tempfile.mkdtemp()) / "a.html")
    >>> out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    True
    """
    article = _article_row(results, article_id)
    title = html.escape(_val(article, "title") or f"Article {article_id}")
    page = (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        f"<title>{title} \u2014 sourcelens</title></head>"
        '<body style="margin: 2em; background: #ffffff">'
        f"{_body(results, article_id)}"
        '<p class="sl-meta" style="margin-top: 2em">Made with sourcelens. Hover a mark to see the '
        "rule or lexicon entry that produced it.</p></body></html>\n"
    )
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    return out
