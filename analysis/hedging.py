"""How sure: hedges, conditionals, unverified claims, weasel words and boosters.

Every cue comes from the YAML lexicon ``analysis/lexicons/hedges.yaml`` (documented entries, user
extensible through :func:`load_lexicon`), compiled once to regular expressions indexed by their first
word. Each row of :func:`find_hedges` carries character offsets into the original text and the ``rule``
that fired (``hedges.yaml:<category>:<entry id>``), so a teacher can show why.

Categories: ``hedge`` (allegedly, reportedly, may, might, could, appears to, suggests, likely ...),
``conditional`` ("if verified", "if confirmed"), ``unverified`` ("could not be independently verified",
"awaiting confirmation", "remains in question"), ``weasel`` ("analysts suggest", "some say", "it is
believed", "critics argue") and ``booster`` (clearly, undoubtedly, confirmed, proven, "no doubt").
Precision vetoes (documented in the YAML): the month "May", "could not" (past ability), "appeared on
TV" (not matched), questions, "military might", "these claims" (noun), "I suggest you" (advice).

:func:`is_uncertain` is the sentence-level decision scored on CoNLL-2010 (Wikipedia): every non-booster
entry except the data-flagged ``weak`` ones, plus the ``induced`` word list (vague quantifiers and
agentless evaluations such as "many", "some", "considered"). Both lists are produced by
``analysis.evaluate.hedges.induce`` from the training sentences; the evaluation re-runs that procedure
inside each training fold and scores the held-out fold (see that module). When a classifier trained
locally by :func:`analysis.hedge_model.train` exists (``paths.TRAINED``, never committed), it decides
instead, with the lexicon hits among its features; :func:`find_hedges` always stays lexicon-based.

>>> hedges = find_hedges("The claim, if verified, could signal a crisis. Analysts suggest it is clearly over.")
>>> hedges[["cue", "category"]].values.tolist()
[['if verified', 'conditional'], ['could', 'hedge'], ['Analysts suggest', 'weasel'], ['clearly', 'booster']]
>>> is_uncertain("Russian forces allegedly seized the village.", model=None)
True
>>> is_uncertain("The village fell in May.", model=None)
False
"""
from __future__ import annotations

import bisect
import functools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

import numpy as np
import pandas as pd
import yaml

from . import paths, segment
from .patterns import trie_pattern

__all__ = [
    "find_hedges",
    "is_uncertain",
    "hedges_stage",
    "hedges_rows",
    "hedge_density",
    "sentence_uncertainty",
    "load_lexicon",
    "Lexicon",
    "HEDGE_COLUMNS",
    "CATEGORIES",
    "UNCERTAIN_CATEGORIES",
]

LEXICON_FILE = "hedges.yaml"
HEDGE_COLUMNS = ["hedge_id", "sentence_id", "start", "end", "cue", "category", "rule",
                 "scope_start", "scope_end"]
CATEGORIES = ("hedge", "conditional", "unverified", "weasel", "booster", "vague")
UNCERTAIN_CATEGORIES = frozenset({"hedge", "conditional", "unverified", "weasel", "vague"})
REPORTED_CATEGORIES = ("hedge", "conditional", "unverified", "weasel", "booster")

_LETTERS = re.compile(r"[a-z]+")
_FINDER = "\x00finder"  # key of the trigger-word regex inside an index
_FINDER_LOW = "\x00finder-lower"  # the same regex without re.I, for lower-cased text (twice as fast)
# Characters that re.IGNORECASE matches to ASCII letters or whose lower case is one (dotted and
# dotless i, long s, Kelvin sign): in a text holding one, the lower-cased scan is not exact.
_ODD_CASE = re.compile("[\u0130\u0131\u017f\u212a]")
_LONG_WORD = re.compile(r"[A-Za-z]{4,}")
_TRAILING = re.compile(r"[\s\"'”’»)\]]*$")
_LEADING = re.compile(r"[\s\"'“‘«(\[]*")


# --------------------------------------------------------------------------- lexicon


@dataclass(frozen=True)
class Entry:
    """One compiled lexicon entry (``rule`` is what the output shows)."""

    id: str
    category: str
    note: str
    patterns: tuple[re.Pattern, ...]
    triggers: tuple[frozenset, ...]
    before: re.Pattern | None = None
    after: re.Pattern | None = None
    unless_question: bool = False
    unless_capitalized: bool = False
    induced: bool = False

    @property
    def rule(self) -> str:
        return f"{LEXICON_FILE}:{self.category}:{self.id}"


@dataclass(frozen=True)
class Lexicon:
    """Compiled entries plus two first-word indexes: what :func:`find_hedges` reports and what
    :func:`is_uncertain` counts."""

    entries: tuple[Entry, ...]
    weak: frozenset
    report_index: dict = field(repr=False)
    sentence_index: dict = field(repr=False)

    def table(self) -> pd.DataFrame:
        """One row per entry: id, category, rule, note, induced, weak (for documentation)."""
        return pd.DataFrame(
            [{"id": e.id, "category": e.category, "rule": e.rule, "note": e.note,
              "induced": e.induced, "weak": e.id in self.weak} for e in self.entries],
            columns=["id", "category", "rule", "note", "induced", "weak"],
        )


def _regex_text(pattern: str) -> str:
    """A literal space in a lexicon pattern stands for any run of white space."""
    return pattern.replace(" ", r"\s+")


def _first_token(pattern: str) -> str:
    depth, i = 0, 0
    in_class = False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == " " and depth == 0:
            return pattern[:i]
        i += 1
    return pattern


def _expand(parsed: Any, limit: int = 2000) -> set[str]:
    """All strings a small, finite regex can match (for the first-word index)."""
    from re import _constants as C  # noqa: N812 (stdlib internals, Python >= 3.11)

    out = {""}
    for op, av in parsed:
        if op is C.LITERAL:
            opts = {chr(av)}
        elif op is C.IN:
            if any(o is not C.LITERAL for o, _ in av):
                raise ValueError("character ranges in the first word")
            opts = {chr(v) for _, v in av}
        elif op is C.SUBPATTERN:
            opts = _expand(av[-1], limit)
        elif op is C.BRANCH:
            opts = set().union(*(_expand(b, limit) for b in av[1]))
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[1] == 1:
            opts = _expand(av[2], limit) | ({""} if av[0] == 0 else set())
        elif op is C.AT:
            opts = {""}
        elif op is C.CATEGORY:
            opts = {" "}
        else:
            raise ValueError(f"cannot index the first word (regex op {op})")
        out = {a + b for a in out for b in opts}
        if len(out) > limit:
            raise ValueError("first word has too many spellings")
    return out


def _triggers(pattern: str) -> frozenset:
    from re import _parser

    spellings = _expand(_parser.parse(_first_token(pattern), re.IGNORECASE))
    words = set()
    for s in spellings:
        m = _LETTERS.match(s.lower())
        if not m:
            raise ValueError(f"pattern {pattern!r} must start with a letter")
        words.add(m.group())
    return frozenset(words)


def _compile_entry(raw: Mapping, induced: bool = False) -> Entry:
    if "id" not in raw or "match" not in raw or "category" not in raw:
        raise ValueError(f"hedge lexicon entry needs id, category, match: {dict(raw)!r}")
    category = str(raw["category"])
    if category not in CATEGORIES:
        raise ValueError(f"entry {raw['id']!r}: unknown category {category!r}; use one of {CATEGORIES}")
    matches = raw["match"]
    matches = [matches] if isinstance(matches, str) else list(matches)
    flags = 0 if raw.get("case") else re.IGNORECASE
    matches = [p.rstrip() for p in matches]  # a trailing space would defeat the word-end check
    patterns = tuple(re.compile(f"(?:{_regex_text(p)})(?!\\w)", flags) for p in matches)
    given = raw.get("triggers")
    triggers = tuple(
        frozenset(str(t).lower() for t in given) if given else _triggers(p) for p in matches
    )
    before = raw.get("unless_before")
    after = raw.get("unless_after")
    return Entry(
        id=str(raw["id"]),
        category=category,
        note=str(raw.get("note", "")),
        patterns=patterns,
        triggers=triggers,
        before=re.compile(f"(?:{_regex_text(before)})\\s*$", re.IGNORECASE) if before else None,
        after=re.compile(f"\\s*(?:{_regex_text(after)})", re.IGNORECASE) if after else None,
        unless_question=bool(raw.get("unless_question", False)),
        unless_capitalized=bool(raw.get("unless_capitalized", False)),
        induced=induced,
    )


def phrase_pattern(phrase: str) -> str:
    """Regex of an induced word/phrase entry (tokens as in CoNLL: "'s", "n't" attach; "0" = a number).

    >>> phrase_pattern("it 's most")
    "it\\\\s*['’]s most"
    >>> bool(re.fullmatch(_regex_text(phrase_pattern("in 0")), "in 1990"))
    True
    """
    out = ""
    for i, tok in enumerate(phrase.split()):
        piece = re.escape(tok).replace("0", r"\d+").replace("'", "['’]")
        if i == 0:
            out = piece
        elif tok.startswith("'") or tok == "n't":
            out += r"\s*" + piece
        else:
            out += " " + piece
    return out


def _induced_entry(item: Any) -> Entry:
    raw = {"phrase": item} if isinstance(item, str) else dict(item)
    phrase = str(raw["phrase"]).lower()
    first = _LETTERS.match(phrase)
    if not first or first.end() != len(phrase.split()[0]):
        raise ValueError(f"induced phrase {phrase!r} must start with a word")
    return _compile_entry(
        {"id": phrase.replace(" ", "_"), "category": raw.get("category", "vague"),
         "match": [phrase_pattern(phrase)], "triggers": [first.group()],
         "note": raw.get("note", "induced from CoNLL-2010 Wikipedia training sentences")},
        induced=True,
    )


def _read_yaml(path: Path) -> dict:
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh) or {}


def _trie_regex(words: Iterable[str]) -> str:
    """Prefix-factored alternation of ``words`` (see :mod:`analysis.patterns`)."""
    return trie_pattern(words)


def _index(entries: Iterable[Entry]) -> dict:
    index: dict[str, list] = {}
    for entry in entries:
        for rx, words in zip(entry.patterns, entry.triggers):
            for w in words:
                index.setdefault(w, []).append((entry, rx))
    out: dict = {w: tuple(v) for w, v in index.items()}
    # Finds the trigger words only (a word start, one of the words, a word end), case-insensitively.
    words = _trie_regex(index)
    finder = r"(?<![A-Za-z])(?:" + words + r")(?![A-Za-z])"
    out[_FINDER] = re.compile(finder, re.IGNORECASE)
    if words.isascii() and words == words.lower():  # lower-case ASCII trigger words (the usual case)
        out[_FINDER_LOW] = re.compile(finder)
    return out


@functools.lru_cache(maxsize=32)
def _compile(extra_key: str | None) -> Lexicon:
    data = _read_yaml(paths.LEXICONS / LEXICON_FILE)
    raw_entries = {str(e["id"]): e for e in data.get("entries", []) or []}
    weak = list(data.get("weak", []) or [])
    induced = list(data.get("induced", []) or [])
    if extra_key is not None:
        kind, _, payload = extra_key.partition(":")
        extra = json.loads(payload) if kind == "json" else _read_yaml(Path(payload))
        if isinstance(extra, list):
            extra = {"entries": extra}
        for e in extra.get("entries", []) or []:
            raw_entries[str(e["id"])] = e  # the user's entry wins
        if "weak" in extra:
            weak = list(extra["weak"] or [])
        if "induced" in extra:
            induced = list(extra["induced"] or [])
    core = [_compile_entry(e) for e in raw_entries.values()]
    learned = [_induced_entry(i) for i in induced]
    weak_set = frozenset(str(w) for w in weak)
    report = [e for e in core if e.category in REPORTED_CATEGORIES]
    sentence = [e for e in core + learned
                if e.category in UNCERTAIN_CATEGORIES and e.id not in weak_set]
    return Lexicon(tuple(core + learned), weak_set, _index(report), _index(sentence))


def load_lexicon(extra: str | Path | Mapping | list | None = None) -> Lexicon:
    """The compiled hedge lexicon, optionally with the user's YAML file or dict added (cached).

    ``extra`` has the layout of ``lexicons/hedges.yaml``: ``{"entries": [{id, category, match, note,
    ...}], "weak": [...], "induced": [...]}`` (or just a list of entries). Entries with a shipped id
    replace it; ``weak`` / ``induced``, when given, replace the shipped lists.

    >>> mine = load_lexicon({"entries": [{"id": "mooted", "category": "hedge", "match": ["mooted"],
    ...                                   "note": "floated, not decided"}]})
    >>> find_hedges("A merger was mooted.", lexicon=mine)["rule"].tolist()
    ['hedges.yaml:hedge:mooted']
    >>> "mooted" in load_lexicon().table()["id"].tolist()
    False
    """
    if extra is None:
        return _compile(None)
    if isinstance(extra, (str, Path)):
        return _compile(f"path:{Path(extra).resolve()}")
    return _compile("json:" + json.dumps(extra, sort_keys=True, default=str))


# --------------------------------------------------------------------------- matching


def _scan(text: str, index: dict, sentences: list[tuple[int, int]]) -> list[tuple[int, int, Entry]]:
    """Cues as ``(start, end, entry)``, vetoes applied, overlaps resolved (leftmost, then longest)."""
    starts = [s for s, _ in sentences]
    found: list[tuple[int, int, Entry]] = []
    hits = None
    if _FINDER_LOW in index and not _ODD_CASE.search(text):
        low = text.lower()
        if len(low) == len(text):  # same offsets: the trigger words of the lower-cased text
            hits = index[_FINDER_LOW].finditer(low)
    lower = hits is None  # (the words found in the lower-cased text are lower case already)
    for m in hits if hits is not None else index[_FINDER].finditer(text):
        options = index.get(m.group().lower() if lower else m.group(), ())  # () for a look-alike ("ſome" under re.I)
        pos = m.start()
        for entry, rx in options:
            mm = rx.match(text, pos)
            if mm is None or mm.end() == pos:
                continue
            k = bisect.bisect_right(starts, pos) - 1
            s_start, s_end = sentences[k] if k >= 0 else (0, len(text))
            if mm.end() > s_end > pos:
                continue  # a cue does not run across a sentence boundary
            if _vetoed(text, pos, mm.end(), entry, s_start, s_end):
                continue
            found.append((pos, mm.end(), entry))
    found.sort(key=lambda t: (t[0], t[0] - t[1]))
    kept: list[tuple[int, int, Entry]] = []
    last_end = -1
    for start, end, entry in found:
        if start >= last_end:
            kept.append((start, end, entry))
            last_end = end
    return kept


def _vetoed(text: str, start: int, end: int, entry: Entry, s_start: int, s_end: int) -> bool:
    if entry.unless_capitalized and text[start].isupper():
        first = _LEADING.match(text, s_start).end()
        if start > first and not _title_case(text[s_start:s_end]):
            return True  # "in May", "Theresa May"; a Title Case headline keeps "Russia May Strike"
    if entry.before is not None and entry.before.search(text, max(s_start, start - 80), start):
        return True
    if entry.after is not None and entry.after.match(text, end, s_end):
        return True
    if entry.unless_question:
        tail = _TRAILING.search(text, s_start, s_end)
        if tail is not None and tail.start() > s_start and text[tail.start() - 1] == "?":
            return True
    return False


def _title_case(sentence: str) -> bool:
    """True for a headline in Title Case (most words of four or more letters capitalised)."""
    words = _LONG_WORD.findall(sentence)
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.75 * len(words)


def _empty() -> pd.DataFrame:
    """An empty hedges table with every column and dtype (a fresh copy each call)."""
    return _empty_template().copy()


@functools.lru_cache(maxsize=1)
def _empty_template() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "hedge_id": pd.Series(dtype="int64"),
            "sentence_id": pd.Series(dtype="Int64"),
            "start": pd.Series(dtype="int64"),
            "end": pd.Series(dtype="int64"),
            "cue": pd.Series(dtype="object"),
            "category": pd.Series(dtype="object"),
            "rule": pd.Series(dtype="object"),
            "scope_start": pd.Series(dtype="Int64"),
            "scope_end": pd.Series(dtype="Int64"),
        },
        columns=HEDGE_COLUMNS,
    )


def _frame(text: str, spans: list[tuple[int, int]], ids: list[int], lexicon: Lexicon,
           categories: Iterable[str] | None) -> pd.DataFrame:
    cols = _hedge_columns(text, spans, ids, lexicon, categories)
    if not cols["hedge_id"]:
        return _empty()
    return pd.DataFrame(
        {
            "hedge_id": np.array(cols["hedge_id"], dtype=np.int64),
            "sentence_id": _nullable(cols["sentence_id"]),
            "start": np.array(cols["start"], dtype=np.int64),
            "end": np.array(cols["end"], dtype=np.int64),
            "cue": np.array(cols["cue"], dtype=object),
            "category": np.array(cols["category"], dtype=object),
            "rule": np.array(cols["rule"], dtype=object),
            "scope_start": _nullable(cols["scope_start"]),
            "scope_end": _nullable(cols["scope_end"]),
        },  # keys in HEDGE_COLUMNS order (passing columns= doubles the cost)
        copy=False,
    )


def _hedge_columns(text: str, spans: list[tuple[int, int]], ids: list[int], lexicon: Lexicon,
                   categories: Iterable[str] | None) -> dict[str, list]:
    """The hedges of one text as plain column lists (``HEDGE_COLUMNS``): no DataFrame."""
    cols: dict[str, list] = {c: [] for c in HEDGE_COLUMNS}
    if not text or not spans:
        return cols
    wanted = set(categories) if categories is not None else None
    starts = [s for s, _ in spans]
    for start, end, entry in _scan(text, lexicon.report_index, spans):
        if wanted is not None and entry.category not in wanted:
            continue
        k = bisect.bisect_right(starts, start) - 1
        inside = k >= 0 and start < spans[k][1]
        cols["hedge_id"].append(len(cols["hedge_id"]))
        cols["sentence_id"].append(ids[k] if inside else None)
        cols["start"].append(start)
        cols["end"].append(end)
        cols["cue"].append(text[start:end])
        cols["category"].append(entry.category)
        cols["rule"].append(entry.rule)
        cols["scope_start"].append(spans[k][0] if inside else None)
        cols["scope_end"].append(spans[k][1] if inside else None)
    return cols


def _nullable(values: tuple) -> pd.arrays.IntegerArray:
    """A pandas ``Int64`` array from ints and ``None`` (built directly: it is on the hot path)."""
    mask = np.array([v is None for v in values], dtype=bool)
    data = np.array([0 if v is None else v for v in values], dtype=np.int64)
    return pd.arrays.IntegerArray(data, mask)


def find_hedges(text: str, *, lexicon: Lexicon | None = None,
                categories: Iterable[str] | None = None) -> pd.DataFrame:
    """One row per hedge cue: ``hedge_id``, ``sentence_id``, ``start``, ``end``, ``cue``, ``category``,
    ``rule``, ``scope_start``, ``scope_end`` (the sentence the cue governs).

    ``text[start:end] == cue``. Only the documented entries are reported (not the ``induced`` word
    list, which is too loose for news); ``categories`` keeps a subset.

    >>> find_hedges("It may rain in May. Rain is not likely, officials said.")[["cue", "sentence_id"]].values.tolist()
    [['may', 0], ['not likely', 1]]
    >>> len(find_hedges("")), list(find_hedges("")) == HEDGE_COLUMNS
    (0, True)
    """
    if not isinstance(text, str) or not text.strip():
        return _empty()
    spans = segment.sentence_spans(text)
    return _frame(text, spans, list(range(len(spans))), lexicon or load_lexicon(), categories)


def hedges_stage(text: str, ctx: dict) -> pd.DataFrame:
    """Pipeline stage: :func:`find_hedges` with the article's ``ctx["sentences"]`` ids.

    >>> text = "Title\\n\\nHe reportedly left."
    >>> hedges_stage(text, {"sentences": segment.split_sentences(text)})[["sentence_id", "cue"]].values.tolist()
    [[1, 'reportedly']]
    """
    if not isinstance(text, str) or not text.strip():
        return _empty()
    spans, ids = _stage_sentences(text, ctx)
    return _frame(text, spans, ids, load_lexicon(), None)


def _stage_sentences(text: str, ctx: dict) -> tuple[list[tuple[int, int]], list[int]]:
    sentences = (ctx or {}).get("sentences")
    if sentences is None or len(sentences) == 0:
        sentences = segment.split_sentences(text)
    from .pipeline import column_list  # (pipeline imports this module lazily)

    rows = sorted(zip(column_list(sentences, "start"), column_list(sentences, "end"),
                      column_list(sentences, "sentence_id")))
    return [(s, e) for s, e, _ in rows], [i for _, _, i in rows]


_ROW_DTYPES = {"hedge_id": "int64", "sentence_id": "Int64", "start": "int64", "end": "int64", "cue": "object",
               "category": "object", "rule": "object", "scope_start": "Int64", "scope_end": "Int64"}


def hedges_rows(text: str, ctx: dict):
    """:func:`hedges_stage` as light :class:`analysis.pipeline.Rows` (the pipeline's fast path: the
    ``hedges`` table is built once per run).

    >>> hedges_rows("He reportedly left.", {}).columns["cue"]
    ['reportedly']
    """
    from .pipeline import Rows

    if not isinstance(text, str) or not text.strip():
        return Rows({c: [] for c in HEDGE_COLUMNS}, _ROW_DTYPES)
    spans, ids = _stage_sentences(text, ctx)
    return Rows(_hedge_columns(text, spans, ids, load_lexicon(), None), _ROW_DTYPES)


def sentence_cues(sentence: str, *, lexicon: Lexicon | None = None) -> list[tuple[int, int, str]]:
    """The cues that make ``sentence`` uncertain, as ``(start, end, rule)``.

    >>> sentence_cues("Some say it was widely regarded as a success.")
    [(0, 8, 'hedges.yaml:weasel:some_say'), (12, 34, 'hedges.yaml:weasel:is_considered')]
    """
    if not isinstance(sentence, str) or not sentence.strip():
        return []
    lex = lexicon or load_lexicon()
    return [(s, e, entry.rule) for s, e, entry in _scan(sentence, lex.sentence_index, [(0, len(sentence))])]


def is_uncertain(sentence: str, *, lexicon: Lexicon | None = None, model: Any = "auto") -> bool:
    """True when the sentence is uncertain (hedge, conditional, unverified, weasel or vague), the
    sentence-level decision scored on CoNLL-2010 Wikipedia.

    ``model="auto"`` (default): the classifier trained by :func:`analysis.hedge_model.train` decides
    when its file exists in ``paths.TRAINED`` and no ``lexicon`` is given (see
    :func:`analysis.hedge_model.explain_uncertainty` for why); otherwise, and with ``model=None``, the
    lexicon decides: any non-booster, non-weak cue (:func:`sentence_cues`). A
    :class:`analysis.hedge_model.HedgeModel` may be passed as ``model`` too. Questions are always
    left to the lexicon (a question asserts nothing; "Could it rain?" is not a hedge).

    >>> is_uncertain("Critics argue the plan failed.", model=None), is_uncertain("The plan clearly failed.", model=None)
    (True, False)
    >>> is_uncertain(""), is_uncertain("Could it rain?", model=None)
    (False, False)
    """
    if not isinstance(sentence, str) or not sentence.strip():
        return False
    if isinstance(model, str) and model == "auto":
        model = None
        if lexicon is None:
            from .hedge_model import load_model

            model = load_model()
    if model is not None and not _is_question(sentence):
        return bool(model.predict(sentence))
    return bool(sentence_cues(sentence, lexicon=lexicon))  # a question asserts nothing: the lexicon's vetoes


def _is_question(sentence: str) -> bool:
    """True when the sentence ends with a question mark (closing quotes and brackets aside)."""
    tail = _TRAILING.search(sentence)
    return tail is not None and tail.start() > 0 and sentence[tail.start() - 1] == "?"


# --------------------------------------------------------------------------- corpus aggregations


def _table(results: Any, name: str) -> pd.DataFrame:
    tables = getattr(results, "tables", None)
    if tables is not None and name in tables:
        return tables[name]
    return results[name]


def hedge_density(results: Any, by: str = "outlet") -> pd.DataFrame:
    """Hedges per 1,000 words by ``by`` (any column of ``results.articles``), split by category.

    One row per (group, category) with ``n_cues``, ``n_words`` (words of the group's articles) and
    ``per_1000_words``; groups without a cue of some category get a 0 row.

    >>> from types import SimpleNamespace
    >>> arts = pd.DataFrame({"article_id": [0, 1], "outlet": ["A", "B"], "n_words": [500, 1000]})
    >>> hed = pd.DataFrame({"article_id": [0, 0, 1], "hedge_id": [0, 1, 0],
    ...                     "category": ["hedge", "hedge", "weasel"]})
    >>> res = SimpleNamespace(articles=arts, tables={"hedges": hed})
    >>> d = hedge_density(res)
    >>> d[d.category.isin(["hedge", "weasel"])].values.tolist()
    [['A', 'hedge', 2, 500, 4.0], ['A', 'weasel', 0, 500, 0.0], ['B', 'hedge', 0, 1000, 0.0], ['B', 'weasel', 1, 1000, 1.0]]
    """
    articles = results.articles
    if by not in articles.columns:
        raise KeyError(f"articles has no column {by!r}; choose one of {list(articles.columns)}")
    words = (articles["n_words"] if "n_words" in articles.columns
             else articles["text"].fillna("").str.split().str.len())
    art = articles.assign(_words=words.fillna(0).astype("int64"))[["article_id", by, "_words"]]
    n_words = art.groupby(by, dropna=False)["_words"].sum().rename("n_words")
    hedges = _table(results, "hedges")
    counts = (
        hedges[["article_id", "category"]]
        .merge(art[["article_id", by]], on="article_id", how="inner")
        .groupby([by, "category"], dropna=False)
        .size()
        .rename("n_cues")
    )
    grid = pd.MultiIndex.from_product([n_words.index, list(REPORTED_CATEGORIES)], names=[by, "category"])
    return (
        counts.reindex(grid, fill_value=0)
        .reset_index()
        .merge(n_words.reset_index(), on=by, how="left")
        .assign(
            n_cues=lambda d: d["n_cues"].astype("int64"),
            per_1000_words=lambda d: (1000 * d["n_cues"] / d["n_words"].where(d["n_words"] > 0)).round(3),
        )[[by, "category", "n_cues", "n_words", "per_1000_words"]]
    )


def sentence_uncertainty(results: Any) -> pd.DataFrame:
    """Per sentence: ``uncertain`` (a non-booster cue in it), ``n_cues``, ``first_cue``, ``first_category``.

    One row per row of ``results.sentences`` (keyed by ``article_id``, ``sentence_id``).

    >>> from types import SimpleNamespace
    >>> sents = pd.DataFrame({"article_id": [0, 0], "sentence_id": [0, 1]})
    >>> hed = pd.DataFrame({"article_id": [0, 0], "hedge_id": [0, 1], "sentence_id": [1, 1],
    ...                     "start": [30, 40], "cue": ["allegedly", "clearly"], "category": ["hedge", "booster"]})
    >>> sentence_uncertainty(SimpleNamespace(tables={"sentences": sents, "hedges": hed}))[
    ...     ["sentence_id", "uncertain", "n_cues", "first_cue"]].values.tolist()
    [[0, False, 0, nan], [1, True, 1, 'allegedly']]
    """
    sentences = _table(results, "sentences")[["article_id", "sentence_id"]]
    hedges = _table(results, "hedges")
    unc = (
        hedges[hedges["category"].isin(UNCERTAIN_CATEGORIES) & hedges["sentence_id"].notna()]
        .sort_values(["article_id", "sentence_id", "start"])
        .assign(sentence_id=lambda d: d["sentence_id"].astype("int64"))
        .groupby(["article_id", "sentence_id"], as_index=False)
        .agg(n_cues=("cue", "size"), first_cue=("cue", "first"), first_category=("category", "first"))
    )
    return (
        sentences.assign(sentence_id=lambda d: d["sentence_id"].astype("int64"))
        .merge(unc, on=["article_id", "sentence_id"], how="left")
        .assign(
            n_cues=lambda d: d["n_cues"].fillna(0).astype("int64"),
            uncertain=lambda d: d["n_cues"] > 0,
        )[["article_id", "sentence_id", "uncertain", "n_cues", "first_cue", "first_category"]]
    )
