"""Tone: TextBlob (pattern) polarity and subjectivity of sentences, the narrator and quoted voices.

TextBlob's ``PatternAnalyzer`` averages the scores of the words it finds in a lexicon of mostly
adjectives (``textblob/en/en-sentiment.xml``): *polarity* -1 (negative) .. +1 (positive),
*subjectivity* 0 (factual) .. 1 (opinion). An adverb before a known word multiplies it ("very
good"), a negation in front flips and halves it ("not good" = -0.5 x good), "!" boosts it.

This module re-implements that averaging on its own tokens so that every scored word keeps its
character offsets (``drivers``, :func:`loaded_words`) and so that news-specific fixes can be
layered on top (``lexicons/sentiment_fixes.yaml``: "the death toll *rose*" is not positive,
"*allegedly*" is not negative, "n't" negates). ``fixes=False`` reproduces TextBlob as shipped.

>>> polarity_subjectivity("A very bad decision.", fixes=False)      # "very" x "bad"
(-0.91, 0.8667)
>>> polarity_subjectivity("The death toll rose to 40.", fixes=False)[0]   # TextBlob: "rose" +0.6
0.6
>>> polarity_subjectivity("The death toll rose to 40.")[0]                 # with the news fixes
-0.15

Target sentiment (:func:`target_polarity`, :func:`target_label`) asks a different question:
which tone does the sentence take *toward one entity*?  A small logistic regression trained on
NewsMTSC (``python -m analysis train sentiment`` -> :func:`train`) answers it; without the model
file a rule method (lexicon words near the target, negation, clause scope) is used instead and
``method`` says so.
"""
from __future__ import annotations

import json
import re
from bisect import bisect_left
from itertools import accumulate, compress
from functools import lru_cache
from pathlib import Path
from typing import Iterable, NamedTuple

import numpy as np
import pandas as pd
import yaml

from . import paths, segment
from .corpus import period_freq
from .pipeline import Rows, column_list

__all__ = [
    "SENTIMENT_COLUMNS",
    "LOADED_COLUMNS",
    "polarity_subjectivity",
    "loaded_words",
    "sentiment_stage",
    "sentiment_rows",
    "tone_by_voice",
    "tone_by_side",
    "tone_by",
    "most_loaded",
    "target_polarity",
    "target_label",
    "target_sentiment",
    "train",
]

SENTIMENT_COLUMNS = [
    "unit", "unit_id", "voice", "identification", "side", "start", "end",
    "polarity", "subjectivity", "n_words", "drivers", "method",
]
LOADED_COLUMNS = ["start", "end", "word", "polarity", "subjectivity", "rule"]
TARGET_COLUMNS = ["start", "end", "polarity", "label", "method"]

FIXES_PATH = paths.LEXICONS / "sentiment_fixes.yaml"
MODEL_PATH = paths.MODELS / "sentiment_target.joblib"
METHOD_TEXTBLOB = "textblob-pattern"
METHOD_FIXED = "textblob-pattern+news-fixes"
LABELS = ("negative", "neutral", "positive")
NEWSMTSC_LABELS = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}
_MAX_DRIVERS = 12



# --------------------------------------------------------------------------------------------
# Lexicon: TextBlob's pattern lexicon, optionally overlaid with the news fixes (loaded once)
# --------------------------------------------------------------------------------------------
class _Lexicon(NamedTuple):
    words: dict      # word or phrase -> (polarity, subjectivity, intensity, is_modifier, rule)
    negations: frozenset
    phrase_re: re.Pattern | None   # multi-word entries (news fixes), matched before tokens
    phrase_firsts: tuple           # their first words, a cheap pre-check
    fixes: bool
    hot: frozenset = frozenset()   # tokens that can change a score: words, negations, "!"
    phrase_keys: tuple = ()        # each phrase's longest word: a text without any has no phrase


# Words with inner hyphens or apostrophes ("well-known", "isn't", "Trump's") or "!".
_TOKEN_RE = re.compile(r"[^\W_]+(?:[-‐'’][^\W_]+)*|!")
_TOKEN_SPLIT = re.compile(f"({_TOKEN_RE.pattern})")  # split() keeps the tokens between separators


@lru_cache(maxsize=1)
def _pattern_words() -> dict:
    """TextBlob's lexicon as ``word -> (p, s, i, is_modifier, rule)`` (part of speech ignored,
    exactly as ``PatternAnalyzer`` does for plain strings)."""
    from textblob.en import sentiment as pattern_sentiment

    if dict.__len__(pattern_sentiment) == 0:
        pattern_sentiment.load()
    out = {}
    for word, by_pos in dict.items(pattern_sentiment):
        p, s, i = by_pos[None][:3]
        out[word] = (float(p), float(s), float(i), "RB" in by_pos, "en-sentiment.xml")
    return out


@lru_cache(maxsize=4)
def _lexicon(fixes: bool = True, path: str | None = None) -> _Lexicon:
    words = dict(_pattern_words())
    negations = frozenset({"no", "not", "n't", "never"})
    phrases: list[str] = []
    if fixes:
        data = yaml.safe_load(Path(path or FIXES_PATH).read_text(encoding="utf-8")) or {}
        negations = frozenset(str(w).lower() for w in data.get("negations", negations))
        for entry in [*(data.get("words") or []), *(data.get("phrases") or [])]:
            key = " ".join(str(entry.get("word") or entry.get("phrase")).lower().split())
            old = words.get(key)
            words[key] = (
                float(entry.get("polarity", 0.0)),
                float(entry.get("subjectivity", 0.0)),
                float(entry.get("intensity", old[2] if old else 1.0)),
                bool(entry.get("modifier", old[3] if old else False)),
                f"sentiment_fixes.yaml: {entry.get('note', '')}".strip(),
            )
            if " " in key:
                phrases.append(key)
    phrase_re = None
    if phrases:
        alt = "|".join(r"\s+".join(re.escape(w) for w in p.split())
                       for p in sorted(phrases, key=len, reverse=True))
        phrase_re = re.compile(rf"\b(?:{alt})\b")
    firsts = tuple(sorted({p.split()[0] for p in phrases}))
    keys = tuple(sorted({max(p.split(), key=len) for p in phrases}))
    return _Lexicon(words, negations, phrase_re, firsts, fixes, frozenset(words) | negations | {"!"}, keys)


def _clip(x: float) -> float:
    return max(-1.0, min(1.0, x))


def _assess(text: str, start: int, end: int, lex: _Lexicon, keys: tuple | None = None) -> tuple[list, int]:
    """Pattern's ``Sentiment.assessments`` over ``text[start:end]``, keeping offsets.

    Returns ``([(start, end, words, polarity, subjectivity, rule), ...], n_words)``. ``keys``: the
    phrases' key words (``lex.phrase_keys``) that occur in the whole lower-cased text, when known
    (:func:`_phrase_keys_in`); the span is searched for phrases only if it holds one of them.

    Fast path (tests/test_sentiment.py checks it against a plain token-by-token walk): the tokens come from
    one regex split; only the tokens that can change the score (lexicon words, negations, "!")
    and the ones right after them while a modifier or negation is pending are walked in Python.
    A sentence holding a multi-word phrase of the fixes takes the phrase path.
    """
    seg = text[start:end]
    low = seg.lower()
    if len(low) != len(seg):  # a rare character whose lower case is longer
        low = "".join(ch.lower()[:1] for ch in seg)
    phrases = None
    if lex.phrase_re is not None and any(map(low.__contains__, lex.phrase_firsts if keys is None else keys)):
        phrases = [mt.span() for mt in lex.phrase_re.finditer(low)] or None
    ws, t0s, t1s = _split_tokens(low, lex, phrases)
    if not ws:
        return [], 0
    idx = list(compress(range(len(ws)), map(lex.hot.__contains__, ws)))  # the hot tokens' positions
    n_words = len(ws) - (ws.count("!") if "!" in low else 0)
    if not idx:
        return [], n_words
    return _walk(ws, t0s, t1s, idx, len(ws), start, lex), n_words


def _phrase_keys_in(text: str, lex: _Lexicon) -> tuple | None:
    """The phrases' key words found in ``text.lower()``: a span of ``text`` lower-cases to a slice of
    it (so can hold only these) unless lower-casing changes the length or meets a capital sigma
    (whose lower case depends on the next letter); then None (test every span in full)."""
    if lex.phrase_re is None or not lex.phrase_keys:
        return None
    low = text.lower()
    if len(low) != len(text) or "\u03a3" in text:
        return None
    return tuple(k for k in lex.phrase_keys if k in low)


def _split_tokens(low: str, lex: _Lexicon, phrases: list | None = None) -> tuple[list, list, list]:
    """Tokens of lower-cased text exactly as :func:`_tokens` cuts them: words, their start and end
    offsets. ``phrases`` are the ``(start, end)`` matches of the fixes' phrases in ``low``."""
    parts = _TOKEN_SPLIT.split(low)  # separator, token, separator, token ..., separator
    ws = parts[1::2]
    if not ws:
        return [], [], []
    ends = list(accumulate(map(len, parts)))
    t0s, t1s = ends[0::2][:len(ws)], ends[1::2]  # token k spans t0s[k]:t1s[k]
    if phrases:
        return _phrase_tokens(low, ws, t0s, t1s, phrases, lex)
    if "'" in low or "’" in low:
        apos = {w for w in set(ws) if "'" in w or "’" in w}
        hits = list(compress(range(len(ws)), map(apos.__contains__, ws)))
        if hits:  # rebuild the lists once (an n't splits into two tokens)
            nw, ns, ne, prev = [], [], [], 0
            for k in hits:
                nw += ws[prev:k]
                ns += t0s[prev:k]
                ne += t1s[prev:k]
                w, s0, e0 = ws[k].replace("’", "'"), t0s[k], t1s[k]
                if w.endswith("n't") and len(w) > 3:
                    if lex.fixes:
                        nw += [w[:-3], "n't"]
                        ns += [s0, e0 - 3]
                        ne += [e0 - 3, e0]
                    else:  # pattern: "do n ' t" -> "do" (then one-letter bits that change nothing)
                        nw.append(w[:-3])
                        ns.append(s0)
                        ne.append(e0 - 3)
                else:
                    head = w.split("'")[0]
                    nw.append(head)
                    ns.append(s0)
                    ne.append(s0 + len(head))
                prev = k + 1
            ws, t0s, t1s = nw + ws[prev:], ns + t0s[prev:], ne + t1s[prev:]
    return ws, t0s, t1s


def _phrase_tokens(low: str, ws: list, t0s: list, t1s: list, phrases: list, lex: _Lexicon
                   ) -> tuple[list, list, list]:
    """:func:`_tokens` over raw tokens when phrases matched: a phrase becomes one token, tokens
    inside it are dropped, then the apostrophe rules (same steps, same order)."""
    out_w, out_s, out_e = [], [], []
    k = 0
    for w, s0, e0 in zip(ws, t0s, t1s):
        if k < len(phrases):
            ps, pe = phrases[k]
            if s0 >= ps:
                if s0 < pe:
                    if s0 == ps:
                        out_w.append(" ".join(low[ps:pe].split()))
                        out_s.append(ps)
                        out_e.append(pe)
                    continue
                k += 1
        if "'" in w or "’" in w:
            w = w.replace("’", "'")
            if w.endswith("n't") and len(w) > 3:
                out_w.append(w[:-3])
                out_s.append(s0)
                out_e.append(e0 - 3)
                if lex.fixes:
                    out_w.append("n't")
                    out_s.append(e0 - 3)
                    out_e.append(e0)
                continue
            w = w.split("'")[0]
            e0 = s0 + len(w)
        out_w.append(w)
        out_s.append(s0)
        out_e.append(e0)
    return out_w, out_s, out_e


def _walk(ws: list, t0s: list, t1s: list, idx: list, n_tok: int, offset: int, lex: _Lexicon) -> list:
    """The scoring walk of :func:`_assess` over tokens ``ws`` (offsets ``t0s``/``t1s`` plus
    ``offset``), visiting the hot positions ``idx`` and, while a modifier or negation is
    pending, the tokens after them up to ``n_tok``."""
    a: list[list] = []  # [start, end, words, p, s, i, n, rule]
    m = None            # preceding modifier word
    n = None            # preceding negation (word, start)
    words, negs = lex.words, lex.negations
    nxt = 0             # position in idx
    k = idx[0]
    while True:
        w = ws[k]
        t0, t1 = offset + t0s[k], offset + t1s[k]
        if w == "!":
            if a:
                a[-1][3] = _clip(a[-1][3] * 1.25)
                a[-1][2].append("!")
                a[-1][1] = t1
        else:
            e = words.get(w)
            if e is None:
                if n is None and m is None:
                    if w in negs:
                        n = (w, t0)
                else:
                    if w in negs:
                        n = (w, t0)
                    elif n and len(w) > 1:
                        n = None
                    if n is not None and m is not None and m.endswith("ly"):
                        a[-1][2].append(n[0])
                        a[-1][1] = max(a[-1][1], t1)
                        a[-1][6] = -1
                        n = None
                    elif m and len(w) > 2:
                        m = None
            else:
                p, s, i, is_mod, rule = e
                if m is None:
                    a.append([t0, t1, [w], p, s, i, 1, rule])
                else:
                    cur = a[-1]
                    cur[2].append(w)
                    cur[1] = t1
                    cur[3] = _clip(p * cur[5])
                    cur[4] = _clip(s * cur[5])
                    cur[5] = i
                    cur[7] = rule
                if n is not None:
                    cur = a[-1]
                    cur[2].insert(0, n[0])
                    cur[0] = min(cur[0], n[1])
                    cur[5] = 1.0 / cur[5] if cur[5] else 1.0
                    cur[6] = -1
                m = w if is_mod else None
                n = (w, t0) if w in negs else None
        # next token: the following one while a modifier/negation is pending, else the next hot one
        if m is None and n is None:
            while nxt < len(idx) and idx[nxt] <= k:
                nxt += 1
            if nxt == len(idx):
                break
            k = idx[nxt]
        else:
            k += 1
            if k >= n_tok:
                break
    out = [
        (s0, e0, " ".join(ws_), p * -0.5 if neg < 0 else p, s, rule)
        for s0, e0, ws_, p, s, _i, neg, rule in a
    ]
    return out


def _count_words(text: str, start: int, end: int) -> int:
    toks = _TOKEN_RE.findall(text, start, end)
    return len(toks) - toks.count("!")


def _mean(hits: list, k: int) -> float:
    return float(sum([h[k] for h in hits]) / len(hits)) if hits else 0.0


def _drivers(hits: list, limit: int = _MAX_DRIVERS, labels: dict | None = None) -> str:
    """``"terrible(-1) not good(-0.35) potential(s1)"``: the scored words with their polarity
    (or, for words with polarity 0, their subjectivity ``s``); strongest first when cut.
    ``labels`` (``id(hit) -> text``) keeps each hit's text for the next row that shows it."""
    shown = [h for h in hits if h[3] != 0.0 or h[4] > 0.0]
    if len(shown) > limit:
        shown = sorted(shown, key=lambda h: -(abs(h[3]) + h[4]))[:limit]
        shown = sorted(shown, key=lambda h: h[0])
    if labels is None:
        return " ".join(f"{h[2]}({h[3]:+.2g})" if h[3] else f"{h[2]}(s{h[4]:.2g})" for h in shown)
    out = []
    for h in shown:
        text = labels.get(id(h))
        if text is None:
            text = labels[id(h)] = f"{h[2]}({h[3]:+.2g})" if h[3] else f"{h[2]}(s{h[4]:.2g})"
        out.append(text)
    return " ".join(out)


def polarity_subjectivity(text: str, fixes: bool = True) -> tuple[float, float]:
    """TextBlob-style ``(polarity, subjectivity)`` of ``text``, rounded to 4 places.

    ``fixes=False`` gives TextBlob's ``PatternAnalyzer`` scores; ``fixes=True`` adds the news
    fixes and working "n't" negation.

    >>> polarity_subjectivity("It isn't a bad idea.", fixes=False)    # TextBlob misses "n't"
    (-0.7, 0.6667)
    >>> polarity_subjectivity("It isn't a bad idea.")
    (0.35, 0.6667)
    >>> polarity_subjectivity("")
    (0.0, 0.0)
    """
    text = text or ""
    hits, _ = _assess(text, 0, len(text), _lexicon(bool(fixes)))
    return round(_mean(hits, 3), 4), round(_mean(hits, 4), 4)


def loaded_words(text: str, fixes: bool = True) -> pd.DataFrame:
    """Why a text reads as loaded: one row per scored word or phrase, with offsets.

    Columns ``start``, ``end`` (into ``text``, end exclusive), ``word`` (the words as scored,
    negation and modifiers included), ``polarity``, ``subjectivity`` and ``rule`` (the lexicon
    entry: TextBlob's ``en-sentiment.xml`` or a note from ``sentiment_fixes.yaml``).

    >>> t = "A very bad and startling decision."
    >>> loaded_words(t)[["start", "end", "word", "polarity"]].values.tolist()
    [[2, 10, 'very bad', -0.91], [15, 24, 'startling', -0.5]]
    >>> loaded_words("The death toll rose.")[["word", "polarity", "rule"]].values.tolist()[0][:2]
    ['death toll', -0.3]
    >>> loaded_words("").columns.tolist()
    ['start', 'end', 'word', 'polarity', 'subjectivity', 'rule']
    """
    text = text or ""
    hits, _ = _assess(text, 0, len(text), _lexicon(bool(fixes)))
    return pd.DataFrame(
        {
            "start": pd.Series([h[0] for h in hits], dtype="int64"),
            "end": pd.Series([h[1] for h in hits], dtype="int64"),
            "word": pd.Series([h[2] for h in hits], dtype="object"),
            "polarity": pd.Series([round(h[3], 4) for h in hits], dtype="float64"),
            "subjectivity": pd.Series([round(h[4], 4) for h in hits], dtype="float64"),
            "rule": pd.Series([h[5] for h in hits], dtype="object"),
        },
        columns=LOADED_COLUMNS,
    )


# --------------------------------------------------------------------------------------------
# The per-article stage: sentences, article, narrator and each quoted voice
# --------------------------------------------------------------------------------------------
def _empty_sentiment() -> pd.DataFrame:
    return _frame([])


_DTYPES = {c: "int64" if c in ("unit_id", "start", "end", "n_words")
           else "float64" if c in ("polarity", "subjectivity")
           else "string" if c in ("identification", "side")  # nullable: missing outside voices
           else "object" for c in SENTIMENT_COLUMNS}


def _na(v):
    return pd.NA if v is None or v is pd.NA or (isinstance(v, float) and v != v) else v


def _rows_table(rows: list[tuple]):
    """Row tuples (``SENTIMENT_COLUMNS`` order) -> a light pipeline table; missing labels as NA."""
    cols = list(zip(*rows)) if rows else [()] * len(SENTIMENT_COLUMNS)
    data = {}
    for c, values in zip(SENTIMENT_COLUMNS, cols):
        data[c] = [v if v.__class__ is str else _na(v) for v in values] if _DTYPES[c] == "object" else list(values)
    return Rows(data, _DTYPES)


def _frame(rows: list[tuple]) -> pd.DataFrame:
    """Rows -> the typed ``sentiment`` table."""
    return _rows_table(rows).frame()


def _row(unit, unit_id, voice, ident, side, start, end, hits, n_words, method, labels=None) -> tuple:
    if not hits:
        return (unit, int(unit_id), voice, ident, side, int(start), int(end), 0.0, 0.0, int(n_words), "",
                method)
    n = len(hits)  # the means of _mean, inline (this runs for every row)
    return (unit, int(unit_id), voice, ident, side, int(start), int(end),
            round(float(sum([h[3] for h in hits]) / n), 4), round(float(sum([h[4] for h in hits]) / n), 4),
            int(n_words), _drivers(hits, labels=labels), method)


def _as_int(v) -> int | None:
    """``int(v)`` for numbers, None for NA / NaN / text that is not a number."""
    if v.__class__ is int:
        return v
    try:
        return int(v)
    except (TypeError, ValueError, OverflowError):
        return None


def _content_spans(attributions: pd.DataFrame | None, n_chars: int) -> list[tuple]:
    """``(attribution_id, voice, identification, side, start, end)`` of every attribution with a
    usable content span, clipped to the text (voice: resolved text, else source text)."""
    if attributions is None or len(attributions) == 0 or "content_start" not in attributions:
        return []
    a = attributions
    n = len(a)

    def col(name: str) -> list:
        return column_list(a, name) if name in a else [None] * n

    out = []
    na = pd.NA
    ids = col("attribution_id") if "attribution_id" in a else list(range(n))
    for aid, src, res, ident, side, cs, ce in zip(
        ids, col("source_text"), col("resolved_text"), col("identification"), col("side"),
        col("content_start"), col("content_end"),
    ):
        aid, cs, ce = _as_int(aid), _as_int(cs), _as_int(ce)
        if aid is None or cs is None or ce is None:
            continue
        cs, ce = max(0, min(cs, n_chars)), max(0, min(ce, n_chars))
        if ce <= cs:
            continue
        # the voice: the resolved text, else the source text (stripped, when not blank)
        if isinstance(res, str) and (voice := res.strip()):
            pass
        elif isinstance(src, str) and (voice := src.strip()):
            pass
        else:
            voice = "(no source)"
        out.append((aid, voice, ident if isinstance(ident, str) else na, side if isinstance(side, str) else na,
                    cs, ce))
    return out


def sentiment_stage(text: str, ctx: dict) -> pd.DataFrame:
    """Per-article tone table ``sentiment``: one row per sentence, the article, the narrator
    and each attributed voice.

    ``unit`` is ``sentence`` (``unit_id`` = sentence_id), ``article`` (0), ``narrator`` (0: all
    text outside attributed content) or ``voice`` (``unit_id`` = attribution_id: that content
    span). ``voice`` names who speaks (``narrator``, the resolved or source text; for a sentence
    the voice covering most of it). ``drivers`` lists the scored words; ``method`` the scorer.

    >>> text = 'Officials said: "It is a terrible, stupid plan." The dam is new.'
    >>> att = pd.DataFrame({"attribution_id": [0], "source_text": ["Officials"],
    ...     "content_start": [17], "content_end": [48], "identification": ["named"],
    ...     "side": [pd.NA], "kind": ["direct"], "resolved_text": [pd.NA]})
    >>> df = sentiment_stage(text, {"sentences": segment.split_sentences(text), "attributions": att})
    >>> df[["unit", "unit_id", "voice", "polarity"]].values.tolist()
    [['sentence', 0, 'Officials', -0.9], ['sentence', 1, 'narrator', 0.0], ['article', 0, 'article', -0.6], ['narrator', 0, 'narrator', 0.0], ['voice', 0, 'Officials', -0.9]]
    >>> df.loc[df["unit"] == "voice", "drivers"].item()
    'terrible(-1) stupid(-0.8)'
    >>> sentiment_stage("", {}).columns.tolist() == SENTIMENT_COLUMNS
    True
    """
    return _frame(_sentiment_rows(text, ctx))


def sentiment_rows(text: str, ctx: dict):
    """The pipeline's form of :func:`sentiment_stage`: the same rows as a light
    :class:`analysis.pipeline.Rows` (the pipeline builds the ``sentiment`` table once per run).

    >>> sentiment_rows("A terrible plan.", {}).columns["polarity"]
    [-1.0, -1.0, -1.0]
    """
    return _rows_table(_sentiment_rows(text, ctx))


def _voice_of_sentences(s_start: list, s_end: list, spans: list[tuple]) -> list[int]:
    """Per sentence the index of the content span covering most of it (the first on ties), when
    it covers at least half of the sentence; else -1."""
    if not spans or not s_start:
        return [-1] * len(s_start)
    cs = np.asarray([sp[4] for sp in spans], dtype="int64")[None, :]
    ce = np.asarray([sp[5] for sp in spans], dtype="int64")[None, :]
    out: list[int] = []
    step = max(1, 500_000 // len(spans))  # sentences per block: bounded memory on long texts
    for k in range(0, len(s_start), step):
        s = np.asarray(s_start[k:k + step], dtype="int64")[:, None]
        e = np.asarray(s_end[k:k + step], dtype="int64")[:, None]
        overlap = np.minimum(ce, e) - np.maximum(cs, s)
        best = overlap.argmax(axis=1)
        top = overlap[np.arange(len(best)), best]
        ok = (top > 0) & (top * 2 >= (e[:, 0] - s[:, 0]))
        out.extend(np.where(ok, best, -1).tolist())
    return out


def _sentiment_rows(text: str, ctx: dict) -> list[tuple]:
    text = text or ""
    if not text.strip():
        return []
    ctx = ctx or {}
    lex = _lexicon(True)
    method = METHOD_FIXED
    sentences = ctx.get("sentences")
    if sentences is None or len(sentences) == 0:
        sentences = segment.split_sentences(text)
    spans = _content_spans(getattr(ctx, "table", ctx.get)("attributions"), len(text))
    c_start = np.array([sp[4] for sp in spans], dtype="int64")
    c_end = np.array([sp[5] for sp in spans], dtype="int64")

    rows: list[tuple] = []
    all_hits: list = []
    n_total = 0
    s_ids = column_list(sentences, "sentence_id")
    s_start = [int(x) for x in column_list(sentences, "start")]
    s_end = [int(x) for x in column_list(sentences, "end")]
    voices = _voice_of_sentences(s_start, s_end, spans)
    labels: dict = {}  # id(hit) -> its text in ``drivers`` (a hit shows in up to three rows)
    keys = _phrase_keys_in(text, lex)
    for sid, s, e, best in zip(s_ids, s_start, s_end, voices):
        hits, nw = _assess(text, s, e, lex, keys)
        all_hits.extend(hits)
        n_total += nw
        if best >= 0:
            voice, ident, side = spans[best][1:4]
        else:
            voice, ident, side = "narrator", pd.NA, pd.NA
        rows.append(_row("sentence", sid, voice, ident, side, s, e, hits, nw, method, labels))
    rows.append(_row("article", 0, "article", pd.NA, pd.NA, 0, len(text), all_hits, n_total, method, labels))

    # Narrator: sentence hits outside every content span; voices: hits inside their span.
    # Hits come in text order, so each span's hits are one slice (bisect on their starts).
    starts = [h[0] for h in all_hits]
    cover = [0] * (len(all_hits) + 1)
    voice_rows = []
    counted: dict[tuple[int, int], int] = {}  # (start, end) -> words: reused for the narrator's count
    for aid, voice, ident, side, cs, ce in spans:
        lo, hi = bisect_left(starts, cs), bisect_left(starts, ce)
        cover[lo] += 1
        cover[hi] -= 1
        nw = counted.get((cs, ce))
        if nw is None:
            nw = counted[(cs, ce)] = _count_words(text, cs, ce)
        voice_rows.append(_row("voice", aid, voice, ident, side, cs, ce, all_hits[lo:hi], nw, method, labels))
    n_inside = _covered_words(text, c_start, c_end, lex, counted)
    narrator_hits = [h for h, k in zip(all_hits, accumulate(cover[:-1])) if k <= 0]
    rows.append(_row("narrator", 0, "narrator", pd.NA, pd.NA, 0, len(text), narrator_hits,
                     max(n_total - n_inside, 0), method, labels))
    rows.extend(voice_rows)
    return rows


def _covered_words(text: str, starts: np.ndarray, ends: np.ndarray, lex: _Lexicon,
                   counted: dict | None = None) -> int:
    """Number of tokens inside the union of the content spans (overlaps counted once).
    ``counted`` maps ``(start, end)`` spans already counted to their number of words."""
    if len(starts) == 0:
        return 0
    counted = counted or {}

    def count(s: int, e: int) -> int:
        n = counted.get((s, e))
        return _count_words(text, s, e) if n is None else n

    order = np.argsort(starts).tolist()
    starts, ends = starts.tolist(), ends.tolist()
    total, cur_s, cur_e = 0, starts[order[0]], ends[order[0]]
    for k in order[1:]:
        s, e = starts[k], ends[k]
        if s <= cur_e:
            cur_e = max(cur_e, e)
        else:
            total += count(cur_s, cur_e)
            cur_s, cur_e = s, e
    return total + count(cur_s, cur_e)


# --------------------------------------------------------------------------------------------
# Corpus aggregations for notebook 03
# --------------------------------------------------------------------------------------------
def _table(results) -> pd.DataFrame:
    """The ``sentiment`` table of a :class:`~analysis.pipeline.Results` (or the table itself)."""
    if isinstance(results, pd.DataFrame):
        return results
    return results.tables.get("sentiment", pd.DataFrame(columns=["article_id", *SENTIMENT_COLUMNS]))


def _weighted(df: pd.DataFrame, keys: list[str], prefix: str = "") -> pd.DataFrame:
    """Word-weighted mean polarity/subjectivity per group (units without scored words weigh 1)."""
    w = df["n_words"].clip(lower=1).astype("float64")
    return (
        df.assign(_w=w, _pw=df["polarity"] * w, _sw=df["subjectivity"] * w)
        .groupby(keys, dropna=False)
        .agg(n=("unit_id", "size"), words=("n_words", "sum"), _w=("_w", "sum"),
             _pw=("_pw", "sum"), _sw=("_sw", "sum"))
        .assign(polarity=lambda d: (d["_pw"] / d["_w"]).round(4),
                subjectivity=lambda d: (d["_sw"] / d["_w"]).round(4))
        .drop(columns=["_w", "_pw", "_sw"])
        .add_prefix(prefix)
        .reset_index()
    )


def tone_by_voice(results) -> pd.DataFrame:
    """Per article: the narrator's tone next to the word-weighted tone of its quoted voices.

    Columns ``article_id``, ``narrator_polarity``, ``narrator_subjectivity``, ``narrator_words``,
    ``quoted_polarity``, ``quoted_subjectivity``, ``quoted_words``, ``n_voices``,
    ``polarity_gap`` and ``subjectivity_gap`` (quoted minus narrator). Accepts ``Results`` or the
    ``sentiment`` table.

    >>> t = pd.DataFrame({"article_id": [1, 1, 1], "unit": ["narrator", "voice", "voice"],
    ...     "unit_id": [0, 0, 1], "polarity": [0.0, -0.5, 0.5], "subjectivity": [0.1, 0.8, 0.4],
    ...     "n_words": [50, 10, 30]})
    >>> tone_by_voice(t)[["narrator_polarity", "quoted_polarity", "n_voices", "polarity_gap"]].values.tolist()
    [[0.0, 0.25, 2.0, 0.25]]
    """
    df = _table(results)
    cols = ["article_id", "narrator_polarity", "narrator_subjectivity", "narrator_words",
            "quoted_polarity", "quoted_subjectivity", "quoted_words", "n_voices",
            "polarity_gap", "subjectivity_gap"]
    if df is None or len(df) == 0:
        return pd.DataFrame(columns=cols)
    narr = (
        df.loc[df["unit"] == "narrator", ["article_id", "polarity", "subjectivity", "n_words"]]
        .rename(columns={"polarity": "narrator_polarity", "subjectivity": "narrator_subjectivity",
                         "n_words": "narrator_words"})
    )
    quoted = (
        _weighted(df.loc[df["unit"] == "voice"], ["article_id"], "quoted_")
        .rename(columns={"quoted_n": "n_voices"})
    )
    return (
        narr.merge(quoted, on="article_id", how="left")
        .assign(
            n_voices=lambda d: d["n_voices"].fillna(0).astype("int64"),
            quoted_words=lambda d: d["quoted_words"].fillna(0).astype("int64"),
            polarity_gap=lambda d: (d["quoted_polarity"] - d["narrator_polarity"]).round(4),
            subjectivity_gap=lambda d: (d["quoted_subjectivity"] - d["narrator_subjectivity"]).round(4),
        )
        .reindex(columns=cols)
        .reset_index(drop=True)
    )


def tone_by_side(results) -> pd.DataFrame:
    """Tone of the quoted voices per ``side`` (and the narrator as its own row).

    Columns ``side``, ``n`` (voices), ``words``, ``polarity``, ``subjectivity`` (word-weighted).

    >>> t = pd.DataFrame({"article_id": [1, 1, 1], "unit": ["narrator", "voice", "voice"],
    ...     "unit_id": [0, 0, 1], "side": [None, "Russia", "Ukraine"],
    ...     "polarity": [0.0, -0.5, 0.5], "subjectivity": [0.1, 0.8, 0.4], "n_words": [50, 10, 30]})
    >>> tone_by_side(t)[["side", "n", "polarity"]].values.tolist()
    [['Russia', 1, -0.5], ['Ukraine', 1, 0.5], ['narrator', 1, 0.0]]
    """
    df = _table(results)
    if df is None or len(df) == 0:
        return pd.DataFrame(columns=["side", "n", "words", "polarity", "subjectivity"])
    side = df["side"] if "side" in df else pd.Series(pd.NA, index=df.index)
    return (
        df.assign(side=side.astype("object").where(df["unit"] != "narrator", "narrator")
                  .fillna("(unknown)"))
        .loc[lambda d: d["unit"].isin(["voice", "narrator"])]
        .pipe(_weighted, ["side"])
        .sort_values("side")
        .reset_index(drop=True)
    )


def tone_by(results, by: str = "outlet") -> pd.DataFrame:
    """Tone per group: an ``articles`` column (``outlet``, ...) or a voice column
    (``identification``, ``side``, ``voice``).

    For an article column: ``n`` articles, word-weighted ``polarity``/``subjectivity`` of whole
    articles, and the narrator's. For a voice column: the attributed voices per value.

    >>> from types import SimpleNamespace
    >>> arts = pd.DataFrame({"article_id": [1, 2], "outlet": ["A", "B"]})
    >>> t = pd.DataFrame({"article_id": [1, 1, 2, 2], "unit": ["article", "narrator"] * 2,
    ...     "unit_id": 0, "polarity": [0.2, 0.1, -0.2, 0.0], "subjectivity": [0.5, 0.4, 0.3, 0.2],
    ...     "n_words": [100, 80, 50, 50]})
    >>> res = SimpleNamespace(articles=arts, tables={"sentiment": t})
    >>> tone_by(res, "outlet")[["outlet", "n", "polarity", "narrator_polarity"]].values.tolist()
    [['A', 1, 0.2, 0.1], ['B', 1, -0.2, 0.0]]
    """
    df = _table(results)
    if df is None or len(df) == 0:
        return pd.DataFrame(columns=[by, "n", "words", "polarity", "subjectivity"])
    if by in df.columns and by not in {"article_id"}:
        return (
            df.loc[df["unit"] == "voice"]
            .assign(**{by: lambda d: d[by].astype("object").fillna("(unknown)")})
            .pipe(_weighted, [by])
        )
    articles = getattr(results, "articles", None)
    if articles is None or by not in articles.columns:
        raise KeyError(f"tone_by: {by!r} is neither a sentiment column nor an articles column")
    keyed = df.merge(articles[["article_id", by]], on="article_id", how="left").assign(
        **{by: lambda d: d[by].astype("object").fillna("(unknown)")}
    )
    whole = _weighted(keyed.loc[keyed["unit"] == "article"], [by])
    narrator = _weighted(keyed.loc[keyed["unit"] == "narrator"], [by], "narrator_")[
        [by, "narrator_polarity", "narrator_subjectivity"]
    ]
    return whole.merge(narrator, on=by, how="left")


def most_loaded(results, n: int = 10, min_words: int = 5) -> pd.DataFrame:
    """The ``n`` sentences that read most loaded: highest ``subjectivity + |polarity|``.

    Columns ``article_id``, ``sentence_id``, ``voice``, ``polarity``, ``subjectivity``,
    ``loadedness``, ``drivers`` and ``text`` (when ``results.articles`` has the texts).

    >>> t = pd.DataFrame({"article_id": [1, 1], "unit": ["sentence"] * 2, "unit_id": [0, 1],
    ...     "voice": ["narrator"] * 2, "start": [0, 10], "end": [9, 20],
    ...     "polarity": [0.0, -0.8], "subjectivity": [0.0, 0.9], "n_words": [6, 6],
    ...     "drivers": ["", "awful(-0.8)"]})
    >>> most_loaded(t, n=1)[["sentence_id", "loadedness", "drivers"]].values.tolist()
    [[1, 1.7, 'awful(-0.8)']]
    """
    df = _table(results)
    cols = ["article_id", "sentence_id", "voice", "polarity", "subjectivity", "loadedness",
            "drivers", "text"]
    if df is None or len(df) == 0:
        return pd.DataFrame(columns=cols)
    top = (
        df.loc[(df["unit"] == "sentence") & (df["n_words"] >= min_words)]
        .assign(loadedness=lambda d: (d["subjectivity"] + d["polarity"].abs()).round(4))
        .sort_values(["loadedness", "article_id", "unit_id"], ascending=[False, True, True])
        .head(n)
        .rename(columns={"unit_id": "sentence_id"})
    )
    articles = getattr(results, "articles", None)
    if articles is not None and "text" in articles.columns:
        texts = articles.set_index("article_id")["text"]
        top = top.assign(text=[texts.get(a, "")[s:e] for a, s, e in
                               top[["article_id", "start", "end"]].itertuples(index=False)])
    else:
        top = top.assign(text=pd.NA)
    return top.reindex(columns=cols).reset_index(drop=True)


# --------------------------------------------------------------------------------------------
# Target-dependent sentiment
# --------------------------------------------------------------------------------------------
_CLAUSE_BREAK = re.compile(
    r"[;:()\[\]—–]|,\s+(?:but|while|whereas|although|though|yet|however)\b|\s(?:but|whereas|although)\s",
    re.IGNORECASE,
)
_TOKEN = re.compile(r"[^\W_]+(?:[-‐][^\W_]+)*|[^\w\s]")


def _window_tokens(text: str, start: int, end: int, k: int) -> tuple[list[str], list[str]]:
    left = [t.lower() for t in _TOKEN.findall(text, max(0, start - 12 * k), start)][-k:]
    right = [t.lower() for t in _TOKEN.findall(text, end, min(len(text), end + 12 * k))][:k]
    return left, right


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around the target: cut at ; : dashes, brackets and ', but' style breaks."""
    lo, hi = 0, len(text)
    for m in _CLAUSE_BREAK.finditer(text):
        if m.end() <= start:
            lo = m.end()
        elif m.start() >= end:
            hi = m.start()
            break
    return lo, hi


def _dense(text: str, start: int, end: int) -> list[float]:
    """Numeric lexicon features around one target (all in about -1 .. 1)."""
    lex = _lexicon(True)
    hits, nw = _assess(text, 0, len(text), lex)
    lo, hi = _clause(text, start, end)
    clause = [h for h in hits if lo <= h[0] < hi and not (start <= h[0] < end)]
    before = [h for h in clause if h[1] <= start]
    after = [h for h in clause if h[0] >= end]
    weights = [1.0 / (1.0 + abs((h[0] - end) if h[0] >= end else (start - h[1])) / 20.0) for h in clause]
    dist = sum(w * h[3] for w, h in zip(weights, clause)) / (sum(weights) or 1.0)
    tb_pol, tb_subj = polarity_subjectivity(text, fixes=False)
    left, right = _window_tokens(text, start, end, 4)
    negs = lex.negations
    return [
        tb_pol, tb_subj, _mean(hits, 3), _mean(hits, 4),
        _mean(clause, 3), _mean(clause, 4), _mean(before, 3), _mean(after, 3), dist,
        sum(h[3] > 0.05 for h in clause) / 3.0, sum(h[3] < -0.05 for h in clause) / 3.0,
        float(any(t in negs for t in left + right)),
        start / max(len(text), 1), float(start == 0 or not text[:start].strip()),
        min(nw, 60) / 60.0,
    ]


def _masked(text: str, start: int, end: int) -> str:
    return f"{text[:start]} TGT {text[end:]}"


def _sides(text: str, start: int, end: int) -> str:
    """Left/right context words tagged by side and distance band (``L1_word``, ``R2_word``)."""
    left, right = _window_tokens(text, start, end, 6)
    toks = [f"L{1 if i < 3 else 2}_{t}" for i, t in enumerate(reversed(left))]
    toks += [f"R{1 if i < 3 else 2}_{t}" for i, t in enumerate(right)]
    return " ".join(toks)


def _features(items: Iterable[tuple[str, int, int]]) -> dict:
    items = list(items)
    return {
        "masked": [_masked(*it) for it in items],
        "sides": [_sides(*it) for it in items],
        "dense": np.array([_dense(*it) for it in items], dtype="float64").reshape(len(items), -1),
    }


def _matrix(model: dict, feats: dict):
    """Stack the model's text vectorizers (each reads one view of ``feats``) and the dense part."""
    from scipy.sparse import csr_matrix, hstack

    parts = [vec.transform(feats[view]) for view, vec in model["vectorizers"]]
    parts.append(csr_matrix(feats["dense"] * model["dense_weight"]))
    return hstack(parts).tocsr()


def _vectorizers() -> list:
    """The text views of the target model: word n-grams and character n-grams of the sentence
    with the target masked, and the side-tagged words next to the target."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    return [
        ("masked", TfidfVectorizer(ngram_range=(1, 2), min_df=3, sublinear_tf=True,
                                   max_features=40000, dtype=np.float32)),
        ("sides", TfidfVectorizer(min_df=3, sublinear_tf=True, token_pattern=r"\S+",
                                  lowercase=False, dtype=np.float32)),
        ("masked", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=5,
                                   sublinear_tf=True, max_features=60000, dtype=np.float32)),
    ]


@lru_cache(maxsize=2)
def _load_model(path: str) -> tuple[dict | None, str]:
    """``(model, note)``; ``model`` is None (and ``note`` says why) when it cannot be used."""
    p = Path(path)
    if not p.is_file():
        return None, f"no model file {p.name}; run `python -m analysis train sentiment`"
    try:
        import joblib

        model = joblib.load(p)
        return model, ""
    except Exception as exc:  # version mismatch, corrupt file ...
        return None, f"model file {p.name} unreadable ({type(exc).__name__}); retrain it"


def _rule_polarity(text: str, start: int, end: int) -> float:
    """Fallback: distance-weighted lexicon score of the target's clause (fixes and negation)."""
    d = _dense(text, start, end)
    return float(np.clip(0.6 * d[8] + 0.4 * d[4], -1.0, 1.0))


def _target_sentence(text: str, start: int, end: int) -> tuple[str, int, int]:
    """Clip the offsets; for a long text (an article) keep only the sentence(s) around the target,
    with offsets shifted into it: the model was trained on single sentences.

    >>> _target_sentence("One. Two is here.", 5, 8)
    ('One. Two is here.', 5, 8)
    >>> _target_sentence("Intro.\\n" + "x " * 600 + "\\nSmith spoke. End.", 1208, 1213)
    ('Smith spoke.', 0, 5)
    """
    start = max(0, min(int(start), len(text)))
    end = max(start, min(int(end), len(text)))
    if len(text) <= 1000 and "\n" not in text.strip():
        return text, start, end
    spans = segment.sentence_spans(text)
    lo = next((s for s, e in spans if s <= start < e), None)
    hi = next((e for s, e in spans if s < end <= e), None)
    if lo is None or hi is None or hi < end:
        return text, start, end
    return text[lo:hi], start - lo, end - lo


_RULE_THRESHOLD = 0.02  # tuned on NewsMTSC train (macro-F1 0.44 there)


def _predict(items: list[tuple[str, int, int]], model_path: Path | None = None) -> list[tuple[float, str, str]]:
    """``(polarity, label, method)`` for many ``(text, start, end)`` targets at once."""
    clean = [_target_sentence(text or "", s, e) for text, s, e in items]
    if not clean:
        return []
    model, note = _load_model(str(model_path or MODEL_PATH))
    if model is None:
        out = []
        for it in clean:
            if not it[0].strip():
                out.append((0.0, "neutral", "empty text"))
                continue
            p = _rule_polarity(*it)
            label = "positive" if p > _RULE_THRESHOLD else "negative" if p < -_RULE_THRESHOLD else "neutral"
            out.append((round(p, 4), label, f"rules ({note})"))
        return out
    proba = model["clf"].predict_proba(_matrix(model, _features(clean)))
    classes = list(model["clf"].classes_)
    neg, neu, pos = (classes.index(c) for c in LABELS)
    method = model.get("method", "newsmtsc-logreg")
    out = []
    for (text, _s, _e), pr in zip(clean, proba):
        if not text.strip():
            out.append((0.0, "neutral", "empty text"))
            continue
        label = LABELS[int(np.argmax([pr[neg], pr[neu], pr[pos]]))]
        out.append((round(float(pr[pos] - pr[neg]), 4), label, method))
    return out


def target_polarity(text: str, start: int, end: int) -> float:
    """The tone the sentence takes toward the entity at ``text[start:end]``, in [-1, 1]
    (P(positive) - P(negative) of the NewsMTSC model, or the rule score without it).

    ``text`` is a sentence, or a whole article (over 1,000 characters or several lines: then
    the sentence around the target is used). Offsets out of range are clipped.

    >>> target_polarity("", 0, 0)
    0.0
    >>> -1.0 <= target_polarity("Critics slammed Smith for the disastrous plan.", 16, 21) < 0
    True
    """
    return _predict([(text, start, end)])[0][0]


def target_label(text: str, start: int, end: int) -> str:
    """``"negative"``, ``"neutral"`` or ``"positive"``: the sentence's tone toward the target.

    >>> target_label("Critics slammed Smith for the disastrous plan.", 16, 21)
    'negative'
    >>> target_label("", 0, 0)
    'neutral'
    """
    return _predict([(text, start, end)])[0][1]


def target_sentiment(text: str, targets: pd.DataFrame) -> pd.DataFrame:
    """Batch form: one row per target (``start``, ``end`` columns) with ``polarity``, ``label``
    and ``method`` (faster than calling :func:`target_label` in a loop).

    >>> t = "Critics slammed Smith for the disastrous plan."
    >>> target_sentiment(t, pd.DataFrame({"start": [16], "end": [21]}))["label"].tolist()
    ['negative']
    """
    if targets is None or len(targets) == 0:
        return pd.DataFrame(columns=TARGET_COLUMNS)
    res = _predict([(text, s, e) for s, e in targets[["start", "end"]].itertuples(index=False)])
    return pd.DataFrame(
        {
            "start": targets["start"].astype("int64").to_numpy(),
            "end": targets["end"].astype("int64").to_numpy(),
            "polarity": [r[0] for r in res],
            "label": [r[1] for r in res],
            "method": [r[2] for r in res],
        },
        columns=TARGET_COLUMNS,
    )


# --------------------------------------------------------------------------------------------
# Training on NewsMTSC (python -m analysis train sentiment)
# --------------------------------------------------------------------------------------------
def read_newsmtsc(path: str | Path) -> pd.DataFrame:
    """One row per target of a NewsMTSC ``.jsonl`` file: ``text``, ``start``, ``end``,
    ``mention``, ``label`` (negative / neutral / positive).

    >>> read_newsmtsc("/nonexistent.jsonl")
    Traceback (most recent call last):
    ...
    FileNotFoundError: /nonexistent.jsonl
    """
    p = Path(path)
    if not p.is_file():
        raise FileNotFoundError(str(p))
    rows = []
    with p.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            d = json.loads(line)
            for t in d.get("targets", []):
                rows.append((d["sentence_normalized"], int(t["from"]), int(t["to"]),
                             t.get("mention", ""), NEWSMTSC_LABELS.get(float(t["polarity"]), "neutral")))
    return pd.DataFrame(rows, columns=["text", "start", "end", "mention", "label"])


def train(path: str | Path | None = None, out: str | Path | None = None, C: float = 0.5,
          dense_weight: float = 1.0) -> dict:
    """Train the target-sentiment model on NewsMTSC ``train.jsonl`` and save it (joblib).

    ``path`` defaults to ``paths.SHARED_BENCHMARKS/sentiment/newsmtsc/train.jsonl``; ``out`` to
    ``analysis/models/sentiment_target.joblib``. Returns a summary dict (counts, size, path).
    ``C`` and ``dense_weight`` (scale of the numeric lexicon features) were picked by 5-fold
    grouped cross-validation on train. Deterministic (lbfgs, no random state); about 1 min.
    Command line: ``python -m analysis train sentiment PATH``.

    >>> train(paths.SHARED_BENCHMARKS / "sentiment/newsmtsc/train.jsonl")  # doctest: +SKIP
    trained target-sentiment model on 8739 targets from ...
    """
    import joblib
    import sklearn
    from sklearn.linear_model import LogisticRegression

    path = Path(path) if path else paths.SHARED_BENCHMARKS / "sentiment" / "newsmtsc" / "train.jsonl"
    out = Path(out) if out else MODEL_PATH
    data = read_newsmtsc(path)
    items = list(data[["text", "start", "end"]].itertuples(index=False, name=None))
    feats = _features(items)
    model = {"vectorizers": _vectorizers(), "dense_weight": dense_weight}
    for view, vec in model["vectorizers"]:
        vec.fit(feats[view])
        if hasattr(vec, "stop_words_"):
            vec.stop_words_ = None  # only needed for introspection; keeps the file small
    X = _matrix(model, feats)
    clf = LogisticRegression(C=C, max_iter=3000, class_weight="balanced")
    clf.fit(X, data["label"].to_numpy())
    model["clf"] = clf
    model["method"] = "newsmtsc-logreg"
    model["meta"] = {
        "trained_on": path.name, "n_targets": int(len(data)), "C": C,
        "sklearn": sklearn.__version__,
        "licence": "derived from NewsMTSC (MIT, Hamborg & Donnay, EACL 2021)",
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump(model, out, compress=3)
    _load_model.cache_clear()
    summary = {"path": str(out), "n_targets": int(len(data)), "bytes": out.stat().st_size,
               "n_features": int(X.shape[1])}
    print(f"trained target-sentiment model on {len(data)} targets from {path}")
    print(f"saved {out} ({summary['bytes'] / 1e6:.2f} MB, {summary['n_features']} features)")
    return summary


# --------------------------------------------------------------------------------------------
# Corpus views for notebook 03: tone over time, tone toward actors
# --------------------------------------------------------------------------------------------


def tone_over_time(results, freq: str = "D", by: str = "outlet") -> pd.DataFrame:
    """Mean article polarity per period and ``by`` group: wide, indexed by period start (UTC),
    one column per group; periods without articles of a group are NaN. Undated articles are
    left out.

    >>> from types import SimpleNamespace
    >>> arts = pd.DataFrame({"article_id": [1, 2], "outlet": ["A", "A"],
    ...     "published": pd.to_datetime(["2026-03-02", "2026-03-03"], utc=True)})
    >>> t = pd.DataFrame({"article_id": [1, 2], "unit": "article", "unit_id": 0,
    ...     "polarity": [0.2, -0.1], "subjectivity": 0.5, "n_words": 10})
    >>> tone_over_time(SimpleNamespace(articles=arts, tables={"sentiment": t}))["A"].tolist()
    [0.2, -0.1]
    """
    df = _table(results)
    arts = getattr(results, "articles", None)
    if df is None or len(df) == 0 or arts is None or "published" not in arts.columns:
        return pd.DataFrame(index=pd.DatetimeIndex([], name="period"))
    keyed = (df.loc[df["unit"] == "article", ["article_id", "polarity"]]
             .merge(arts[["article_id", "published", by]], on="article_id", how="left"))
    keyed = keyed[keyed["published"].notna()]
    if not len(keyed):
        return pd.DataFrame(index=pd.DatetimeIndex([], name="period"))
    period = (pd.to_datetime(keyed["published"], utc=True).dt.tz_localize(None)
              .dt.to_period(period_freq(freq)).dt.start_time.rename("period"))
    wide = keyed.groupby([period, keyed[by].astype(str).rename(by)])["polarity"].mean().unstack()
    full = pd.period_range(wide.index.min(), wide.index.max(), freq=period_freq(freq)).start_time
    wide = wide.reindex(full)
    wide.index.name, wide.columns.name = "period", None
    return wide


def tone_toward(results, actors=None, names: list[str] | None = None, top: int = 8,
                by: str | None = None) -> pd.DataFrame:
    """The tone sentences take toward the main actors: every mention of an actor of the actor
    dictionary (shipped plus the user's ``actors``) scored with :func:`target_sentiment`, then
    aggregated per actor (and per ``by`` articles column, e.g. ``"outlet"``).

    ``names`` picks actors by canonical name (default: the ``top`` most mentioned). Columns:
    [``by``], ``actor``, ``side``, ``mentions``, ``polarity`` (mean), ``share_negative``,
    ``share_neutral``, ``share_positive``.
    """
    from .sources import find_actors

    arts = results.articles
    cols = ([by] if by else []) + ["actor", "side", "mentions", "polarity", "share_negative",
                                   "share_neutral", "share_positive"]
    rows = []
    for aid, text in zip(arts["article_id"], arts["text"]):
        mentions = find_actors(str(text), extra=actors)
        if names is not None:
            mentions = mentions[mentions["actor"].isin(names)]
        if not len(mentions):
            continue
        scored = target_sentiment(str(text), mentions[["start", "end"]])
        rows.append(mentions[["actor", "side"]].reset_index(drop=True)
                    .assign(article_id=aid, polarity=scored["polarity"].to_numpy(),
                            label=scored["label"].to_numpy()))
    if not rows:
        return pd.DataFrame(columns=cols)
    m = pd.concat(rows, ignore_index=True)
    if names is None:
        keep = m["actor"].value_counts().head(top).index
        m = m[m["actor"].isin(keep)]
    if by:
        m = m.merge(arts[["article_id", by]].assign(**{by: arts[by].astype(str)}),
                    on="article_id", how="left")
    keys = ([by] if by else []) + ["actor"]
    out = (m.groupby(keys, observed=True)
           .agg(side=("side", "first"), mentions=("label", "size"), polarity=("polarity", "mean"),
                share_negative=("label", lambda s: (s == "negative").mean()),
                share_neutral=("label", lambda s: (s == "neutral").mean()),
                share_positive=("label", lambda s: (s == "positive").mean()))
           .reset_index()
           .sort_values("mentions", ascending=False, kind="stable")
           .reset_index(drop=True))
    return out[cols]
