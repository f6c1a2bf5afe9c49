"""Claims ("how often"): checkable statements, and the same claim across articles and outlets.

A *claim* is the content of an attribution (``rule="attribution-content"``), or an unattributed
declarative sentence that asserts something checkable: a number, a named entity with an event or
causal verb (``rule="unattributed-declarative"``). Not claims: questions (also indirect ones and
those whose "?" is cut off: "how many people have died", "What do you think"), exclamations without a
number, verbless lines, short quote fragments, headline labels (a line without final
punctuation), the cue's object ("informed about the plan"), requests ("called on the EU to impose sanctions":
``directive_cues`` in claims.yaml) and verbless topics after a topic cue
("discussed the next package of sanctions"). Each claim carries offsets into the original text,
whether it is attributed/hedged, a 0..1 ``checkworthiness`` and the ``reasons``.

Across a corpus, :func:`cluster_claims` groups paraphrases of one claim (sparse TF-IDF cosine,
:func:`analysis.similarity.claim_vectors`) and :func:`claim_cluster_summary` says how far each
claim travelled, who first said it (following ``via`` relay chains), and whether every carrier
traces back to one origin (circular sourcing).

>>> text = "Police said 12 people were arrested in Leeds on Friday. Is it true? The mood was calm."
>>> claims = extract_claims(text)
>>> claims[["text", "attributed", "rule"]].values.tolist()
[['Police said 12 people were arrested in Leeds on Friday.', False, 'unattributed-declarative']]
"""
from __future__ import annotations

import bisect
import itertools
import math
import re
from functools import lru_cache

import numpy as np
import pandas as pd
import scipy.sparse as sp

from . import similarity
from .patterns import trie_pattern
from .pipeline import Rows, column_list
from .segment import split_sentences

__all__ = [
    "extract_claims", "claims_stage", "claims_rows", "cluster_claims", "claim_cluster_summary", "claim_clusters_stage",
    "claim_carriers", "claim_travel", "hedging_trajectory", "hedging_change", "corroboration", "circular_sourcing", "CLAIM_COLUMNS",
    "CLUSTER_COLUMNS", "SUMMARY_COLUMNS",
]

CLAIM_COLUMNS = [
    "claim_id", "sentence_id", "start", "end", "text", "attributed", "attribution_id", "hedged",
    "hedge_cue", "source_identification", "side", "checkworthiness", "reasons", "rule",
]
CLUSTER_COLUMNS = ["cluster_id", "article_id", "claim_id", "similarity", "representative"]
SUMMARY_COLUMNS = [
    "cluster_id", "n_claims", "n_articles", "n_independent_articles", "n_outlets", "n_origins", "n_untraced",
    "first_seen", "first_outlet", "origin_source", "origin_sides", "hedged_share", "circular", "support", "text",
]

# Signals of a checkable statement: data in lexicons/claims.yaml (each names a reason).
def _load_signals() -> dict:
    import yaml

    from . import paths

    return yaml.safe_load((paths.LEXICONS / "claims.yaml").read_text(encoding="utf-8"))


_SIGNALS = _load_signals()
_DIGIT = re.compile(r"\d")
_NUMBER_WORDS = frozenset(_SIGNALS["number_words"])
# Word beginnings of concrete-event verbs (things that happened and can be confirmed or denied).
_EVENT_PREFIXES = tuple(_SIGNALS["event_prefixes"])
# The same two tests as single regexes over the lower-cased text (a "word" is a run of non-space
# characters, as ``str.split`` cuts them): a number word with only ``.,;:`` around it, and a word
# starting with an event prefix. Entries with white space can never equal such a word. Both are
# searched in " " + text: a word start is then the character after a white space (a pattern that
# opens with a character class scans faster than one opening with a look-behind).
_NUMBER_WORD = re.compile(r"\s[.,;:]*(?:" + trie_pattern(w for w in _NUMBER_WORDS if w and not re.search(r"\s", w))
                          + r")[.,;:]*(?!\S)")
_EVENT_WORD = re.compile(r"\s(?:" + trie_pattern(w for w in _EVENT_PREFIXES if w and not re.search(r"\s", w)) + ")")
_ANY_EVENT = "" in _EVENT_PREFIXES  # an empty prefix starts every word
# Causal language (a cause is a checkable assertion).
_CAUSAL = re.compile(r"\b(?:" + "|".join(_SIGNALS["causal"]) + r")\b", re.I)
# Opinion / evaluation without a checkable core lowers the score.
_OPINION = re.compile(r"\b(?:" + "|".join(_SIGNALS["opinion"]) + r")\b", re.I)
# The same two searches without re.I over lower-cased text (twice as fast). Exact when the text
# holds only ASCII and common typographic punctuation (no letter that case-folds oddly, such as
# the long s or the Kelvin sign) and the lexicon patterns are plain ASCII without escapes.
_PLAIN_TEXT = re.compile("[^\x00-\x7f\u2018\u2019\u201c\u201d\u2013\u2014\u2026\u00a0\u00ab\u00bb]")


def _lowered(rx: re.Pattern) -> re.Pattern | None:
    body = rx.pattern[len("\\b(?:"):-len(")\\b")]
    if not body.isascii() or "\\" in body or "[" in body:
        return None
    return re.compile(r"\b(?:" + body.lower() + r")\b")


_CAUSAL_LOW, _OPINION_LOW = _lowered(_CAUSAL), _lowered(_OPINION)


def _literal_heads(entries: list[str]) -> tuple[str, ...] | None:
    """For each lexicon regex, the lower-cased literal text every match of it starts with ("caused?"
    -> "cause", "result(?:ed|s)? in" -> "result"); None when some entry has none (or an alternation
    at its top level). A text containing none of them cannot match: a cheap test before the regex.

    >>> _literal_heads(["because", "caused?", "result(?:ed|s)? in", "I think"])
    ('because', 'cause', 'result', 'i think')
    >>> _literal_heads(["(?:a|b)c"]) is None
    True
    """
    heads = []
    for entry in entries:
        depth = 0
        for ch in entry:
            depth += (ch == "(") - (ch == ")")
            if ch == "|" and depth == 0:
                return None
        k = 0
        while k < len(entry) and entry[k] not in "\\()[]{}?*+|.^$":
            k += 1
        head = entry[:k - 1] if k < len(entry) and entry[k] in "?*{" else entry[:k]
        if not head or not head.isascii():
            return None
        heads.append(head.lower())
    return tuple(heads)


_CAUSAL_HEADS = _literal_heads(_SIGNALS["causal"])
_OPINION_HEADS = _literal_heads(_SIGNALS["opinion"])


def _search_i(rx: re.Pattern, low_rx: re.Pattern | None, span: str, low: str | None = None,
              heads: tuple[str, ...] | None = None) -> bool:
    """``bool(rx.search(span))`` for a case-insensitive ``rx``, via ``low_rx`` when that is exact
    (and not at all when the lower-cased span holds none of the entries' literal ``heads``)."""
    if low_rx is not None and not _PLAIN_TEXT.search(span):
        low = span.lower() if low is None else low
        if heads is not None and not any(map(low.__contains__, heads)):
            return False
        return low_rx.search(low) is not None
    return rx.search(span) is not None


# (the leading look-ahead changes no match: it lets re skip to capitals, twice as fast)
_CAP = re.compile(r"(?=[A-Z])(?<![.!?]\s)(?<!^)\b[A-Z][a-zA-Z'’-]+")
_WORDS = re.compile(r"\w+")


def _missing(v) -> bool:
    """``pd.isna`` for one value, without its dispatch for the usual ints and strings."""
    if v is None or v is pd.NA:
        return True
    if v.__class__ is int or v.__class__ is str:
        return False
    return bool(pd.isna(v))
# Attribution contents that are reporting boilerplate, not claims.
_BOILERPLATE = re.compile(r"^(?:" + "|".join(_SIGNALS["boilerplate"]) + ")", re.I)
_QUOTE_CHARS = " \t\n\"'“”‘’«»,;:"
_THAT = re.compile(r"(?:that|whether)\s+", re.I)  # complementizer opening reported content
_MIN_WORDS = 5
# Match iff a text has at least 5 (10) words, runs of \w: cheaper than counting them all. A match
# starts at a word start, so a long text without spaces costs linear time, not quadratic.
_FIVE_WORDS = re.compile(r"(?<!\w)\w+(?:\W+\w+){%d}" % (_MIN_WORDS - 1))
_TEN_WORDS = re.compile(r"(?<!\w)\w+(?:\W+\w+){9}")
_TOPIC_CUE = re.compile(r"\b(?:" + "|".join(_SIGNALS.get("topic_cues", []) or ["(?!)"]) + r")\b", re.I)
_COMPLEMENT_START = frozenset(_SIGNALS.get("complement_starts", []) or [])
_DIRECTIVE_CUE = re.compile(r"\b(?:" + "|".join(_SIGNALS.get("directive_cues", []) or ["(?!)"]) + r")\b", re.I)
_TELL_CUE = re.compile(r"\b(?:tell|tells|told|telling)\b", re.I)
_INFINITIVE_WITHIN = {8: re.compile(r"^(?:\S+\s+){0,7}?(?:to\s+(?!the\b|a\b|an\b|this\b|that\b|our\b|their\b|his\b|her\b|its\b|my\b|your\b|[A-Z\d])[a-z]+|be)\b"),
                      4: re.compile(r"^(?:\S+\s+){0,3}?to\s+(?!the\b|a\b|an\b|this\b|that\b|our\b|their\b|his\b|her\b|its\b|my\b|your\b|[A-Z\d])[a-z]+\b")}
_QUESTION_START = re.compile(r"(?:" + "|".join(_SIGNALS.get("question_starts", []) or ["(?!)"]) + r")", re.I)
_HOW_DEGREE = re.compile(r"how\s+([A-Za-z]+)\b", re.I)
_VERB_TAGS = frozenset({"VB", "VBD", "VBP", "VBZ", "MD"})
_NOT_INFINITIVE_TAGS = frozenset({"NNP", "NNPS", "NNS", "PRP", "PRP$", "DT"})
_SUBJECT_PRONOUNS = frozenset({"i", "we", "you", "he", "she", "it", "they"})
# "it's", "there's", "we're", "don't": a contraction carries a verb
_CONTRACTED_VERB = re.compile(
    r"^(?:(?:it|that|there|here|he|she|what|who|where|this)['’]s|\w+['’](?:re|ve|ll|d|m)|\w+n['’]t)$", re.I)
# After a noun, a word tagged as a plural noun may be the verb ("Clinton plans to", "the plan costs
# too much"): these next tags keep the span a possible statement.
_INFINITIVE_NEXT = frozenset({"VB", "NN", "RB"})
_VERB_AFTER_NOUN_NEXT = frozenset({"TO", "DT", "RB", "PRP", "PRP$", "CD", "JJ", "JJR", "RBR"})


_TAG_TOKEN = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")


def _tags(span: str) -> list[tuple[str, str]]:
    """Word, tag pairs from TextBlob's (pattern's) English lexicon: each word's most frequent tag,
    unknown words guessed from their shape (NNP, CD, NNS, NN). The lexicon part of PatternTagger,
    offline, without its per-call parsing (it agrees with the tagger on 1,576 of 1,581 PolNeAR
    contents tested here)."""
    get = _lexicon_get()
    return [(w, _tag(w, get)) for w in _TAG_TOKEN.findall(span)]


@lru_cache(maxsize=1)
def _lexicon_get():
    """``get`` of pattern's word -> tag lexicon (shipped with textblob, no NLTK data), loaded."""
    from textblob.en import lexicon

    lexicon.get("the")  # loads it; from then on ``get`` is the plain dict's
    return lexicon.get


def _tag(w: str, get) -> str:
    """One word's tag as :func:`_tags` gives it."""
    tag = get(w) or get(w.lower())
    if tag is None:
        tag = "NNP" if w[0].isupper() else "CD" if w[0].isdigit() else "NNS" if w.endswith("s") else "NN"
    return tag


class _LazyTags:
    """The tags of :func:`_tags`, each looked up on first use (the tests stop at the first verb)."""

    __slots__ = ("words", "tags", "get")

    def __init__(self, span: str):
        self.words = _TAG_TOKEN.findall(span)
        self.tags: list = [None] * len(self.words)
        self.get = _lexicon_get()

    def __len__(self) -> int:
        return len(self.words)

    def __getitem__(self, k: int) -> str:
        tag = self.tags[k]
        if tag is None:
            tag = self.tags[k] = _tag(self.words[k], self.get)
        return tag


def _is_complement(span: str) -> bool:
    """True when an attribution content is the cue's object rather than a statement: it opens with
    a preposition or object pronoun (``complement_starts`` in claims.yaml) and has no verb (tags VB,
    VBD, VBP, VBZ or MD, see :func:`_tags`), no subject pronoun and no digit; "to" counts only before a name, a
    plural noun, a pronoun or a determiner ("told it to reporters", not "pledged to ban").

    >>> _is_complement("about the plan of recovery"), _is_complement("in order to win, they are talking")
    (True, False)
    >>> _is_complement("to Rosfinmonitoring in Moscow"), _is_complement("to ban all imports from the region")
    (True, False)
    """
    words = span.split(None, 2)
    first = words[0].lower() if words else ""
    if first not in _COMPLEMENT_START or _DIGIT.search(span):
        return False  # a number keeps even a fragment checkable ("showed her ahead 3 points")
    tagged = _LazyTags(span)
    if first == "to":
        return len(tagged) > 1 and tagged[1] in _NOT_INFINITIVE_TAGS
    return not any(tagged[i] in _VERB_TAGS or word.lower() in _SUBJECT_PRONOUNS
                   for i, word in enumerate(tagged.words))


def _is_question(span: str) -> bool:
    """True when a claim candidate opens like a question (``question_starts`` in claims.yaml) or
    with "how" + an adjective or adverb (tags JJ/RB from the lexicon, see :func:`_tags`): it asks or
    exclaims, it does not assert.

    >>> _is_question("how many people have already died"), _is_question("What do you think of it")
    (True, True)
    >>> _is_question("how important it is to act"), _is_question("how soldiers shot civilians in Irpin")
    (True, False)
    >>> _is_question("What is happening now is new"), _is_question("However, troops left")
    (False, False)
    """
    if _QUESTION_START.match(span):
        return True
    m = _HOW_DEGREE.match(span)
    return bool(m) and _tag(m.group(1), _lexicon_get())[:2] in {"JJ", "RB"}


def _is_directive(cue: str, span: str) -> bool:
    """True when an attribution content is a request: after a cue that asks someone to act
    (``directive_cues`` in claims.yaml) an infinitive or a bare "be" comes within the first eight
    words; after "tell", an infinitive within four ("told the Government to act").

    >>> _is_directive("called on", "the EU to impose more sanctions on Russia")
    True
    >>> _is_directive("told", "reporters that troops had left the city"), _is_directive("said", "troops began to leave")
    (False, False)
    >>> _is_directive("asked", "his condolences be conveyed to the families")
    True
    """
    if _DIRECTIVE_CUE.search(cue):
        return _INFINITIVE_WITHIN[8].match(span) is not None
    if _TELL_CUE.search(cue):
        return _INFINITIVE_WITHIN[4].match(span) is not None
    return False


_MAX_COMPLEMENT_TO = 3  # "to" within the first three words is the cue's complement ("Russia to withdraw")


def _is_topic(span: str) -> bool:
    """True when an attribution content names a topic or an object without stating anything: no
    verb (tags VB, VBD, VBN, VBP, VBZ or MD, see :func:`_tags`; no contraction such as "it's"), no
    subject pronoun and no digit. After a topic cue (``topic_cues`` in claims.yaml), "discussed the
    next package of sanctions against Russia" reports a topic, not a checkable statement. "to"
    before a verb or a singular noun is an infinitive ("to ban imports"); a plural noun after a
    noun and before "to", a determiner, an adverb, a pronoun or an adjective may be the verb
    ("Clinton plans to visit", "the plan costs too much"): either keeps the span. An infinitive
    counts only near the start, as the cue's complement ("urged Russia to withdraw"); further in,
    it belongs to a noun ("the progress of the operation to protect Donbass") and states nothing.

    >>> _is_topic("the strengthening of sanctions against Russia"), _is_topic("Troops seized the village")
    (True, False)
    >>> _is_topic("Clinton plans to visit Charlotte"), _is_topic("It's all about enthusiasm")
    (False, False)
    >>> _is_topic("the 50,000 troops at the border")  # a number keeps it checkable
    False
    >>> _is_topic("Russia to withdraw its troops"), _is_topic("the progress of the operation to protect civilians")
    (False, True)
    """
    if _DIGIT.search(span):
        return False
    tagged = _LazyTags(span)
    n = len(tagged)
    for i, word in enumerate(tagged.words):
        tag = tagged[i]
        if tag == "VB" and i > _MAX_COMPLEMENT_TO and tagged[i - 1] == "TO":
            continue  # "the operation to protect Donbass": the infinitive belongs to a noun
        if tag in _VERB_TAGS or tag == "VBN" or word.lower() in _SUBJECT_PRONOUNS or _CONTRACTED_VERB.match(word):
            return False
        if tag == "TO" and i < _MAX_COMPLEMENT_TO and i + 1 < n and tagged[i + 1] in _INFINITIVE_NEXT:
            return False  # "to ban all imports": the lexicon tags "ban" a noun, "to" shows the verb
        if tag == "NNS" and i and tagged[i - 1].startswith("NN") and i + 1 < n \
                and tagged[i + 1] in _VERB_AFTER_NOUN_NEXT:
            return False
    return True


def _empty_claims() -> pd.DataFrame:
    return pd.DataFrame({
        "claim_id": pd.Series(dtype="int64"), "sentence_id": pd.Series(dtype="Int64"),
        "start": pd.Series(dtype="int64"), "end": pd.Series(dtype="int64"),
        "text": pd.Series(dtype="string"), "attributed": pd.Series(dtype="bool"),
        "attribution_id": pd.Series(dtype="Int64"), "hedged": pd.Series(dtype="bool"),
        "hedge_cue": pd.Series(dtype="string"), "source_identification": pd.Series(dtype="string"),
        "side": pd.Series(dtype="string"), "checkworthiness": pd.Series(dtype="float64"),
        "reasons": pd.Series(dtype="string"), "rule": pd.Series(dtype="string"),
    })


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _QUOTE_CHARS:
        start += 1
    m = _THAT.match(text, start, end)
    if m:
        start = m.end()
    while end > start and text[end - 1] in _QUOTE_CHARS:
        end -= 1
    return start, end


def _signals(span: str) -> list[str]:
    """Reasons found in a claim's text, in a fixed order.

    >>> _signals("Russian troops seized 3 villages because of the retreat.")
    ['number', 'event verb', 'causal']
    >>> _signals("In May, Russian troops seized the Kharkiv bridge.")
    ['named entity', 'event verb']
    """
    reasons = []
    low = span.lower()
    padded = " " + low
    if _DIGIT.search(span) or _NUMBER_WORD.search(padded):
        reasons.append("number")
    if _CAP.search(span):
        reasons.append("named entity")
    if _EVENT_WORD.search(padded) or (_ANY_EVENT and low.split()):
        reasons.append("event verb")
    if _search_i(_CAUSAL, _CAUSAL_LOW, span, low, _CAUSAL_HEADS):
        reasons.append("causal")
    return reasons


_WEIGHTS = {"number": 0.35, "named entity": 0.25, "event verb": 0.3, "causal": 0.25, "attributed": 0.2}


def _checkworthiness(reasons: list[str], span: str) -> float:
    """1 - prod(1 - w) over the reasons (noisy-or), halved for opinion wording."""
    score = 1.0 - float(math.prod([1.0 - _WEIGHTS[r] for r in reasons if r in _WEIGHTS]))
    if _search_i(_OPINION, _OPINION_LOW, span, heads=_OPINION_HEADS):
        score *= 0.5
    return round(score, 3)


def _str(value) -> str | None:
    return value if isinstance(value, str) else None


def _is_headline(text: str, start: int, end: int) -> bool:
    span = text[start:end].rstrip()
    return not span or span[-1] not in ".!?\"'”’)…"


def _col(df: pd.DataFrame | None, name: str) -> list:
    return column_list(df, name) if df is not None and name in df else []


def extract_claims(text: str, sentences: pd.DataFrame | None = None, attributions: pd.DataFrame | None = None,
                   hedges: pd.DataFrame | None = None) -> pd.DataFrame:
    """Claims in one article, one row per claim (columns :data:`CLAIM_COLUMNS`).

    ``sentences`` defaults to :func:`analysis.segment.split_sentences`; ``attributions`` and
    ``hedges`` are this article's rows of those tables (optional: without attributions every claim
    is unattributed, without hedges nothing is marked hedged). Attribution contents of fewer than
    five words (quote fragments) are skipped; when several attributions share one content span the
    most specific (deepest relay chain) is kept.

    >>> t = "Troops seized the northern village, the ministry said. It was a sad day."
    >>> att = pd.DataFrame({"attribution_id": [0], "content_start": [0], "content_end": [34],
    ...                     "identification": ["institutional"], "side": [None], "chain_depth": [0]})
    >>> hed = pd.DataFrame({"start": [], "end": [], "cue": []})
    >>> extract_claims(t, attributions=att, hedges=hed)[["text", "attributed", "attribution_id", "reasons"]].values.tolist()
    [['Troops seized the northern village', True, 0, 'event verb; attributed']]
    >>> extract_claims("").columns.tolist() == CLAIM_COLUMNS
    True
    """
    rows = _claim_rows(text, sentences, attributions, hedges)
    return _claims_table(rows).frame() if rows else _empty_claims()


_CLAIM_DTYPES = {
    "claim_id": "int64", "sentence_id": "Int64", "start": "int64", "end": "int64", "text": "string",
    "attributed": "bool", "attribution_id": "Int64", "hedged": "bool", "hedge_cue": "string",
    "source_identification": "string", "side": "string", "checkworthiness": "float64",
    "reasons": "string", "rule": "string",
}


def _claims_table(rows: list[tuple]):
    """Claim row tuples (``CLAIM_COLUMNS`` without ``claim_id``) -> a light pipeline table."""
    cols = list(zip(*rows)) if rows else [()] * (len(CLAIM_COLUMNS) - 1)
    data = {"claim_id": list(range(len(rows)))}
    data.update((c, list(v)) for c, v in zip(CLAIM_COLUMNS[1:], cols))
    return Rows(data, _CLAIM_DTYPES)


def _claim_rows(text: str, sentences: pd.DataFrame | None, attributions: pd.DataFrame | None,
                hedges: pd.DataFrame | None) -> list[tuple]:
    """The claims of one article as tuples in ``CLAIM_COLUMNS`` order (without ``claim_id``),
    sorted by offsets: the work of :func:`extract_claims` without building a DataFrame."""
    if not text or not text.strip():
        return []
    if sentences is None or not {"start", "end"} <= set(sentences.columns):
        sentences = split_sentences(text)
    if sentences.empty:
        return []
    s_start = [int(x) for x in column_list(sentences, "start")]
    s_end = [int(x) for x in column_list(sentences, "end")]
    s_ids = [int(x) for x in column_list(sentences, "sentence_id")] if "sentence_id" in sentences else list(
        range(len(s_start)))
    h_start = _col(hedges, "start")
    hedge_rows = sorted((int(a), int(b), c) for a, b, c in zip(h_start, _col(hedges, "end"),
                                                               _col(hedges, "cue") or h_start)
                        if not _missing(a) and not _missing(b))
    rows: list[tuple] = []

    def hedge_in(start: int, end: int) -> str | None:
        for hs, he, cue in hedge_rows:
            if start <= hs < end:
                return str(cue) if isinstance(cue, str) else text[hs:he]
            if hs >= end:
                break
        return None

    def add(sid, start, end, attributed, att_id, ident, side, reasons, rule):
        span = text[start:end]
        cue = hedge_in(start, end)
        rows.append((sid, start, end, span, attributed, att_id, cue is not None, cue, ident, side,
                     _checkworthiness(reasons, span), "; ".join(reasons), rule))

    # 1. attribution contents (one claim per content span: the deepest relay chain wins)
    covered: list[tuple[int, int]] = []
    cue_starts: list[int] = []
    if attributions is not None and len(attributions) and {"content_start", "content_end"} <= set(attributions.columns):
        n = len(attributions)
        cs, ce = _col(attributions, "content_start"), _col(attributions, "content_end")
        ids = _col(attributions, "attribution_id") or list(range(n))
        depth = _col(attributions, "chain_depth") or [0] * n
        ident = _col(attributions, "identification") or [None] * n
        cue_s, cue_e = _col(attributions, "cue_start") or [None] * n, _col(attributions, "cue_end") or [None] * n
        side = _col(attributions, "side") or [None] * n
        cue_starts = [int(x) for x, idn in zip(_col(attributions, "cue_start"), ident)
                      if not _missing(x) and _str(idn) != "none"]  # (a sourceless cue leaves its sentence a claim)
        best: dict[tuple[int, int], int] = {}
        for k in range(n):
            if _missing(cs[k]) or _missing(ce[k]):
                continue
            key = (int(cs[k]), int(ce[k]))
            d = int(depth[k]) if not _missing(depth[k]) else 0
            if key not in best or d > (int(depth[best[key]]) if not _missing(depth[best[key]]) else 0):
                best[key] = k
        for (a, b), k in best.items():
            # a content with no source ("X reportedly did Y", "is expected to") hides its sentence
            # from step 2 only when it becomes a claim itself
            sourced = _str(ident[k]) != "none"
            if sourced:
                covered.append((a, b))
            start, end = _strip_span(text, a, b)
            span = text[start:end]
            if _FIVE_WORDS.search(span) is None or span.endswith("?") or _BOILERPLATE.search(span):
                continue
            if _is_complement(span) or _is_question(span):
                continue  # the cue's object ("informed about the plan") or a question, not a statement
            cue_text = text[int(cue_s[k]):int(cue_e[k])] if not _missing(cue_s[k]) and not _missing(cue_e[k]) else ""
            if cue_text and _is_directive(cue_text, span):
                continue  # "called on the EU to impose sanctions": a request, not a statement
            if not _missing(cue_s[k]) and not _missing(cue_e[k]) and _TOPIC_CUE.search(text, int(cue_s[k]), int(cue_e[k])) \
                    and _is_topic(span):
                continue  # "discussed the next package of sanctions": a topic, not a statement
            reasons = _signals(span)
            if not reasons and _TEN_WORDS.search(span) is None:
                continue  # a short quote fragment with nothing checkable
            if not sourced:
                covered.append((a, b))
            si = s_ids[max(bisect.bisect_right(s_start, start) - 1, 0)]
            add(si, start, end, True, int(ids[k]), _str(ident[k]), _str(side[k]), reasons + ["attributed"],
                "attribution-content")

    # 2. unattributed declarative sentences with a checkable signal. Overlap tests by bisection:
    # a content span (c0, c1) overlaps [a, b) iff some c0 < b has c1 > a (running max of the ends).
    covered.sort()
    cov_starts = [c0 for c0, _ in covered]
    cov_maxend = list(itertools.accumulate((c1 for _, c1 in covered), max))
    cue_starts.sort()
    for sid, a0, b0 in zip(s_ids, s_start, s_end):
        a, b = _strip_span(text, a0, b0)
        span = text[a:b]
        if span.endswith("?") or _is_headline(text, a0, b0):
            continue
        k = bisect.bisect_left(cov_starts, b)
        if k and cov_maxend[k - 1] > a:
            continue
        k = bisect.bisect_left(cue_starts, a)
        if k < len(cue_starts) and cue_starts[k] < b:
            continue
        if _FIVE_WORDS.search(span) is None:  # fewer than _MIN_WORDS words
            continue
        reasons = _signals(span)
        if "number" not in reasons and not ({"named entity"} < set(reasons)):
            continue  # needs a number, or a named entity with an event or cause
        if _is_topic(span) or _is_question(span) or (span.endswith("!") and "number" not in reasons):
            continue  # a verbless line ("Hundreds of thousands of people.") or a cheer asserts nothing
        add(sid, a, b, False, None, None, None, reasons, "unattributed-declarative")
    rows.sort(key=lambda r: (r[1], r[2]))
    return rows


def claims_stage(text: str, ctx: dict) -> pd.DataFrame:
    """Per-article stage: :func:`extract_claims` with this article's sentences, attributions, hedges.

    >>> claims_stage("", {}).columns.tolist() == CLAIM_COLUMNS
    True
    """
    return extract_claims(text, ctx.get("sentences"), ctx.get("attributions"), ctx.get("hedges"))


def claims_rows(text: str, ctx: dict):
    """The pipeline's form of :func:`claims_stage`: the same rows as a light
    :class:`analysis.pipeline.Rows` (the pipeline builds the ``claims`` table once per run).

    >>> claims_rows("Police said 12 people were arrested in Leeds on Friday.", {}).columns["rule"]
    ['unattributed-declarative']
    """
    table = getattr(ctx, "table", ctx.get)  # light rows of earlier stages when the pipeline has them
    return _claims_table(_claim_rows(text, ctx.get("sentences"), table("attributions"), table("hedges")))


# --- fast TF-IDF (same matrices as scikit-learn's vectorizers, built with numpy) ----------------
# scikit-learn's CountVectorizer counts in Python, one feature at a time (the char 3-5-gram part of
# ``similarity.claim_vectors`` was 3/4 of the claim_clusters stage). The helpers below build the
# very same count matrix with numpy: columns in alphabetical feature order, and inside each row the
# entries in the order their feature first appeared in the corpus (as scikit-learn stores them,
# which fixes the float32 rounding of every later sum). The TF-IDF weighting itself is still
# scikit-learn's ``TfidfTransformer``, so the vectors are bit-for-bit those of ``claim_vectors``
# (checked once per process on a sample, else :func:`_claim_vectors` falls back to it).
def _count_matrix(doc: np.ndarray, feats, n_docs: int, max_df: float = 1.0, chunk: int = 1 << 20
                  ) -> sp.csr_matrix:
    """float32 document-term counts of occurrences (``doc[k]``, ``feats[k]``) listed in analyzer
    order (``doc`` ascending): exactly ``CountVectorizer(analyzer=..., dtype=float32,
    max_df=max_df).fit_transform``. ``feats`` are int64 keys whose order is the features'
    alphabetical order, or strings. Rows are counted ``chunk`` occurrences at a time (bounded
    memory). Raises ValueError like scikit-learn when no feature is left."""
    codes, uniques = pd.factorize(feats, sort=False)  # codes in order of first appearance
    return _count_codes(doc, codes, uniques, n_docs, max_df, chunk)


def _count_codes(doc: np.ndarray, codes: np.ndarray, uniques: np.ndarray, n_docs: int, max_df: float = 1.0,
                 chunk: int = 1 << 20) -> sp.csr_matrix:
    """:func:`_count_matrix` from the occurrences' feature codes (numbered by first appearance)."""
    if len(uniques) == 0:
        raise ValueError("empty vocabulary; perhaps the documents only contain stop words")
    n_codes = len(uniques)
    row_end = np.cumsum(np.bincount(doc, minlength=n_docs))  # occurrences up to each document
    parts, d0 = [], 0
    while d0 < n_docs:
        a = int(row_end[d0 - 1]) if d0 else 0
        d1 = max(int(np.searchsorted(row_end, a + chunk, side="right")), d0 + 1)
        d1 = min(d1, n_docs)
        b = int(row_end[d1 - 1])
        # ``doc`` ascending: the rows are already contiguous, so build the CSR arrays directly (no COO)
        indptr = np.empty(d1 - d0 + 1, dtype=np.int64)
        indptr[0] = 0
        indptr[1:] = row_end[d0:d1] - a
        part = sp.csr_matrix((np.ones(b - a, dtype=np.float32), codes[a:b], indptr),
                             shape=(d1 - d0, n_codes), dtype=np.float32)
        part.sum_duplicates()  # canonical: each row's columns ascending = first-appearance order
        parts.append(part)
        d0 = d1
    X = parts[0] if len(parts) == 1 else sp.vstack(parts, format="csr")
    del parts
    if max_df < 1.0:
        dfs = np.bincount(X.indices, minlength=n_codes)
        keep = dfs <= max_df * n_docs
        if not keep.all():
            if not keep.any():
                raise ValueError("After pruning, no terms remain. Try a lower min_df or a higher max_df.")
            X = X[:, np.flatnonzero(keep)]
            uniques = uniques[keep]
    alpha = np.empty(len(uniques), dtype=X.indices.dtype)
    order = _alphabetical(uniques)
    alpha[order] = np.arange(len(uniques))
    return sp.csr_matrix((X.data, alpha[X.indices], X.indptr), shape=X.shape, dtype=np.float32)


def _alphabetical(uniques: np.ndarray) -> np.ndarray:
    """``np.argsort`` of distinct features (int64 keys, or strings as numpy orders them; distinct, so
    any sort algorithm gives the same order).

    Strings without a NUL character sort the same in Python (by code point), where sorting a
    list is about twice as fast as converting to a numpy text array first.

    >>> _alphabetical(np.array(["b", "a b", "a"], dtype=object)).tolist()
    [2, 1, 0]
    """
    if uniques.dtype.kind == "i":
        return np.argsort(uniques)
    values = uniques.tolist()
    if all(v.__class__ is str for v in values) and "\x00" not in "".join(values):
        return np.asarray(sorted(range(len(values)), key=values.__getitem__), dtype=np.intp)
    return np.argsort(np.asarray(uniques, dtype=str))


def _char_wb_occurrences(texts: list[str], min_n: int = 3, max_n: int = 5, chunk_words: int = 20_000
                         ) -> tuple[np.ndarray, np.ndarray] | None:
    """(doc, key) of every ``char_wb`` n-gram of the lower-cased texts, in scikit-learn's order
    (word by word; per word n = min_n..max_n, left to right; a padded word shorter than n is one
    n-gram at its own length). Each n-gram is one int64 whose order is the strings' order; None
    when the alphabet is too large for that (then scikit-learn does the work)."""
    out = _char_wb_codes(texts, min_n, max_n, chunk_words)
    if out is None:
        return None
    doc, codes, uniques = out
    return doc, uniques[codes]


def _char_wb_codes(texts: list[str], min_n: int = 3, max_n: int = 5, chunk_words: int = 20_000
                   ) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """:func:`_char_wb_occurrences` as (doc, code, uniques): ``pd.factorize`` of the keys (codes
    numbered by first appearance), computed on each distinct word's keys once, ``chunk_words``
    words at a time (bounded memory)."""
    lows = [t.lower() for t in texts]
    chars = np.frombuffer(("".join(lows) + " ").encode("utf-32-le"), dtype=np.uint32)
    present = np.zeros(int(chars.max()) + 1, dtype=np.int64)
    present[chars] = 1
    del chars
    rank = np.cumsum(present)  # code point -> 1-based rank in the alphabet (0: "no character")
    base = int(rank[-1]) + 1
    if base ** max_n >= 2 ** 62:
        return None
    per_doc = [low.split() for low in lows]
    words = np.empty(sum(map(len, per_doc)), dtype=object)
    words[:] = list(itertools.chain.from_iterable(per_doc))
    if not len(words):
        return np.empty(0, dtype=np.int32), np.empty(0, dtype=np.intp), np.empty(0, dtype=np.int64)
    # A word's n-grams depend on the word alone: key each distinct word once (a claim corpus
    # repeats its words), then copy its keys to every occurrence, in order. The distinct words'
    # keys, in order, hold every key's first appearance in the same order as all occurrences do,
    # so factorizing them numbers the keys as factorizing all occurrences would.
    wid, uniq = pd.factorize(words, sort=False)
    del words
    parts_k, parts_g = [], []
    uniq = uniq.tolist()
    for c0 in range(0, len(uniq), chunk_words):
        k, g = _char_wb_keys(uniq[c0:c0 + chunk_words], rank, base, min_n, max_n)
        parts_k.append(k)
        parts_g.append(g)
    ukeys, ug = np.concatenate(parts_k), np.concatenate(parts_g)
    del parts_k, parts_g
    ustart = np.zeros(len(ug), dtype=np.int64)
    np.cumsum(ug[:-1], out=ustart[1:])
    ucodes, uniques = pd.factorize(ukeys, sort=False)
    del ukeys
    g = ug[wid]  # n-grams of each occurrence
    ostart = np.cumsum(g) - g
    codes = ucodes[np.repeat(ustart[wid] - ostart, g) + np.arange(int(g.sum()), dtype=np.int64)]
    wdoc = np.repeat(np.arange(len(lows), dtype=np.int32), [len(ws) for ws in per_doc])
    doc = np.repeat(wdoc, g)
    return doc, codes, uniques


def _char_wb_keys(words: list[str], rank: np.ndarray, base: int, min_n: int, max_n: int
                  ) -> tuple[np.ndarray, np.ndarray]:
    """The n-gram keys of ``words`` in analyzer order, and the number of n-grams per word."""
    L = np.fromiter(map(len, words), dtype=np.int64, count=len(words)) + 2  # padded lengths
    chars = np.frombuffer((" " + "  ".join(words) + " ").encode("utf-32-le"), dtype=np.uint32)
    c = np.zeros(len(chars) + max_n, dtype=np.int64)
    c[:len(chars)] = rank[chars]  # shorter strings sort first, as in Python
    nw = len(words)
    wstart = np.zeros(nw, dtype=np.int64)
    np.cumsum(L[:-1], out=wstart[1:])
    per_n = [np.maximum(L - n + 1, 0) for n in range(min_n, max_n + 1)]  # n-grams per word and n
    total = np.sum(per_n, axis=0)
    first = np.zeros(nw, dtype=np.int64)
    np.cumsum(total[:-1], out=first[1:])
    keys = np.empty(int(total.sum()), dtype=np.int64)
    word_of = np.repeat(np.arange(nw, dtype=np.int32), L)
    offset = (np.arange(len(chars)) - wstart[word_of]).astype(np.int32)
    before = np.zeros(nw, dtype=np.int64)
    for k, n in enumerate(range(min_n, max_n + 1)):
        p = np.flatnonzero(offset <= L[word_of] - n)
        key = np.zeros(len(p), dtype=np.int64)
        for q in range(max_n):
            key *= base
            if q < n:
                key += c[p + q]
        w = word_of[p]
        keys[first[w] + before[w] + offset[p]] = key
        before += per_n[k]
    return keys, total


def _bigram_occurrences(toks: list[list[str]], bigrams: bool) -> tuple[np.ndarray, np.ndarray]:
    """(doc, feature) of each text's tokens (then, with ``bigrams``, its "a b" word pairs), in
    analyzer order."""
    per_doc = [w + list(map(" ".join, zip(w, w[1:]))) for w in toks] if bigrams else toks
    doc = np.repeat(np.arange(len(per_doc), dtype=np.int64), list(map(len, per_doc)))
    feats = np.empty(len(doc), dtype=object)
    feats[:] = list(itertools.chain.from_iterable(per_doc))
    return doc, feats


def _tfidf(X: sp.csr_matrix) -> sp.csr_matrix:
    from sklearn.feature_extraction.text import TfidfTransformer

    return TfidfTransformer(sublinear_tf=True).fit(X).transform(X, copy=False)


def _fast_claim_vectors(texts: list[str], toks: list[list[str]], word_weight: float = 0.5):
    """``similarity.claim_vectors(texts)`` from the texts' stemmed tokens, or None if the
    alphabet is too large for the numpy path."""
    from sklearn.preprocessing import normalize

    texts = [similarity.normalize_text(t or "") for t in texts]
    n = len(texts)
    if not n:
        return sp.csr_matrix((0, 0), dtype=np.float32)
    occ = _char_wb_codes(texts)
    if occ is None:
        return None
    parts = []
    try:
        parts.append(_tfidf(_count_matrix(*_bigram_occurrences(toks, True), n)) * np.float32(np.sqrt(word_weight)))
    except ValueError:  # empty vocabulary (only stop words / punctuation)
        parts.append(sp.csr_matrix((n, 1), dtype=np.float32))
    doc, codes, uniques = occ
    del occ
    codes = codes.astype(np.int32) if len(uniques) < 2 ** 31 else codes
    try:
        parts.append(_tfidf(_count_codes(doc, codes, uniques, n)) * np.float32(np.sqrt(1 - word_weight)))
    except ValueError:
        parts.append(sp.csr_matrix((n, 1), dtype=np.float32))
    del doc, codes
    return normalize(sp.hstack(parts, format="csr"))


_SAMPLE = ["Troops seized the village of Bakhmut, the ministry said on Monday.",
           "The village was seized by troops — officials say 12 people died.", "", "!!!",
           "Rain is expected tomorrow in Kyiv’s north; “heavy” storms possible.", "a b c dd ee",
           "Élection: 3,500 votes, 40% turnout in the north-east region.", "The the the"]


@lru_cache(maxsize=1)
def _fast_vectors_agree() -> bool:
    """The numpy path gives ``similarity.claim_vectors`` bit for bit on a sample (else it is not
    used: the similarity module may have changed its recipe)."""
    try:
        toks = [similarity.tokens(similarity.normalize_text(t)) for t in _SAMPLE]
        a, b = _fast_claim_vectors(_SAMPLE, toks), similarity.claim_vectors(_SAMPLE)
        return (a is not None and a.shape == b.shape and a.dtype == b.dtype
                and np.array_equal(a.indptr, b.indptr) and np.array_equal(a.indices, b.indices)
                and np.array_equal(a.data, b.data))
    except Exception:  # noqa: BLE001 - any mismatch means: use the reference implementation
        return False


def _claim_vectors(texts: list[str], toks: list[list[str]]) -> sp.csr_matrix:
    X = _fast_claim_vectors(texts, toks) if _fast_vectors_agree() else None
    return similarity.claim_vectors(texts) if X is None else X


# --- clustering ---------------------------------------------------------------------------------
def _empty_clusters() -> pd.DataFrame:
    return pd.DataFrame({"cluster_id": pd.Series(dtype="int64"), "article_id": pd.Series(dtype="string"),
                         "claim_id": pd.Series(dtype="int64"), "similarity": pd.Series(dtype="float64"),
                         "representative": pd.Series(dtype="bool")})


def _candidate_pairs(texts: list[str], block: int, top_n: int, min_word_sim: float, max_df: float,
                     toks: list[list[str]] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Blocking: pairs (i < j) sharing enough rare stemmed words, at most ``top_n`` per row.

    ``toks`` are the texts' :func:`analysis.similarity.tokens` when already computed.
    """
    n = len(texts)
    if toks is None:
        toks = [similarity.tokens(t) for t in texts]
    try:
        W = _tfidf(_count_matrix(*_bigram_occurrences(toks, False), n,
                                 max_df=max(max_df, 50 / n) if n > 50 else 1.0)).tocsr()
    except ValueError:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    ii, jj = [], []
    for s in range(0, n, block):
        P = (W[s:s + block] @ W.T).tocsr()
        P.data[P.data < min_word_sim] = 0
        P.eliminate_zeros()
        counts = np.diff(P.indptr)
        rows = np.repeat(np.arange(P.shape[0]), counts)
        sel = np.arange(len(P.indices))
        valid = np.ones(len(P.indices), dtype=bool)
        for r in np.flatnonzero(counts > top_n):  # rare: only the top_n most similar, in that order
            lo, hi = P.indptr[r], P.indptr[r + 1]
            sel[lo:lo + top_n] = lo + np.argpartition(-P.data[lo:hi], top_n)[:top_n]
            valid[lo + top_n:hi] = False
        sel = sel[valid]
        rows, cols = rows[sel], P.indices[sel]
        keep = cols > rows + s
        ii.append(rows[keep] + s)
        jj.append(cols[keep])
    if not ii:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return np.concatenate(ii).astype(np.int64), np.concatenate(jj).astype(np.int64)


def _pair_similarity(X: sp.csr_matrix, i: np.ndarray, j: np.ndarray, chunk: int = 20_000) -> np.ndarray:
    out = np.empty(len(i), dtype=np.float64)
    for s in range(0, len(i), chunk):
        out[s:s + chunk] = np.asarray(X[i[s:s + chunk]].multiply(X[j[s:s + chunk]]).sum(1)).ravel()
    return out


_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")


def _number_clash(texts: list[str], i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """True where both claims state numbers and share none ("12 dead" vs "40 dead")."""
    nums = {k: frozenset(n.replace(",", "") for n in _DIGITS.findall(texts[k]))
            for k in np.unique(np.r_[i, j]).tolist()}  # only the claims in a pair
    return np.fromiter((bool(nums[a]) and bool(nums[b]) and not (nums[a] & nums[b])
                        for a, b in zip(i.tolist(), j.tolist())), dtype=bool, count=len(i))


_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z][a-z'’-]*")


def _common_words(text: str) -> frozenset[str]:
    """Stemmed content words written in lower case: what a claim says, not whom it names."""
    stem = similarity._stemmer()
    return frozenset(stem(w) for w in _LOWER_WORD.findall(text) if w not in similarity._STOP and len(w) > 2)


def _names_only(texts: list[str], i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """True where two claims share no lower-case content word: they name the same actors (or open
    with the same address, "Mr President, ...") but say different things.

    >>> _names_only(["President Volodymyr Zelenskyy", "President Volodymyr Zelenskyy visited Bucha",
    ...              "Zelenskyy visited Bucha on Monday"], np.array([0, 1]), np.array([1, 2])).tolist()
    [True, False]
    """
    words: dict[int, frozenset[str]] = {}
    for k in np.unique(np.r_[i, j]).tolist():
        words[k] = _common_words(texts[k])
    return np.fromiter((not (words[a] & words[b]) for a, b in zip(i.tolist(), j.tolist())), dtype=bool,
                       count=len(i))


def _star_clusters(n: int, i: np.ndarray, j: np.ndarray, sims: np.ndarray
                   ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Star clustering on the link graph: (label, representative, similarity to it) per claim.

    The claim with the most (summed) link similarity becomes a centre and takes its unassigned
    neighbours; repeat. Every member links directly to its centre, so no chains of drifting
    paraphrases (single-link clustering would merge them).
    """
    strength = np.bincount(i, weights=sims, minlength=n) + np.bincount(j, weights=sims, minlength=n)
    G = sp.coo_matrix((np.r_[sims, sims], (np.r_[i, j], np.r_[j, i])), shape=(n, n)).tocsr()
    labels = [-1] * n
    rep = list(range(n))
    sim = [1.0] * n
    indptr, indices, data = G.indptr.tolist(), G.indices.tolist(), G.data.tolist()
    label = 0
    for v in np.lexsort((np.arange(n), -strength)).tolist():
        if labels[v] >= 0:
            continue
        labels[v] = label
        for k in range(indptr[v], indptr[v + 1]):  # (each neighbour appears once)
            u = indices[k]
            if labels[u] < 0:
                labels[u] = label
                rep[u] = v
                sim[u] = data[k]
        label += 1
    return (np.asarray(labels, dtype=np.int64), np.asarray(rep, dtype=np.int64),
            np.asarray(sim, dtype=np.float64))


def cluster_claims(claims: pd.DataFrame, articles: pd.DataFrame | None = None, threshold: float = 0.4,
                   block: int = 2000, top_n: int = 30, min_word_sim: float = 0.2, max_df: float = 0.05
                   ) -> pd.DataFrame:
    """Group the same claim across articles: one row per (cluster_id, article_id, claim_id).

    Similarity is :func:`analysis.similarity.claim_vectors` (half word uni/bigram, half char
    3-5-gram TF-IDF cosine). Memory stays bounded: *blocking* first keeps, per claim, at most
    ``top_n`` neighbours whose cosine over rare stemmed words (document frequency <= ``max_df``)
    reaches ``min_word_sim``, computed ``block`` rows at a time; only those pairs get the full
    similarity. Pairs at or above ``threshold`` are linked unless both state numbers and share none,
    or they share no lower-case content word (only names: "President Zelenskyy" is not the claim
    "President Zelenskyy visited Bucha"; a claim written wholly in Title Case therefore links only
    through its lower-case words), and clusters are stars (:func:`_star_clusters`: every member
    links directly to its centre, so no chains of drifting paraphrases). Limit: two claims sharing
    no rare word are never compared. The default 0.4 was set on CLEF 2020 fact-check claims
    against their own headlines (a loose paraphrase): 59% of those pairs reach 0.4, while only 5% of
    claims have any other claim in the collection at 0.4 or above (some of them true duplicates).
    Every claim gets a cluster (singletons included); ``similarity`` is to the cluster's
    ``representative`` (the centre: the member with most link similarity). ``articles`` is accepted
    for symmetry and unused.

    >>> c = pd.DataFrame({"article_id": ["a", "b", "c"], "claim_id": [0, 0, 0],
    ...     "text": ["Russian troops took control of a village near Kharkiv.",
    ...              "Russian troops have taken control of a village near Kharkiv, TASS says.",
    ...              "The central bank raised interest rates by half a point."]})
    >>> cluster_claims(c).groupby("cluster_id")["article_id"].apply(list).tolist()
    [['a', 'b'], ['c']]
    """
    if claims is None or claims.empty:
        return _empty_clusters()
    df = claims.reset_index(drop=True)
    texts = df["text"].fillna("").astype(str).tolist()
    n = len(texts)
    toks = [similarity.tokens(t) for t in texts]
    X = _claim_vectors(texts, toks)
    i, j = _candidate_pairs(texts, block, top_n, min_word_sim, max_df, toks)
    sims = _pair_similarity(X, i, j) if len(i) else np.zeros(0)
    keep = sims >= threshold
    i, j, sims = i[keep], j[keep], sims[keep]
    keep = ~_number_clash(texts, i, j) & ~_names_only(texts, i, j)
    i, j, sims = i[keep], j[keep], sims[keep]
    labels, rep, sim_to_rep = _star_clusters(n, i, j, sims)
    # cluster ids numbered by first appearance in the claims table
    _, first_pos, inverse = np.unique(labels, return_index=True, return_inverse=True)
    renum = np.argsort(np.argsort(first_pos))
    out = pd.DataFrame({
        "cluster_id": renum[inverse].astype("int64"),
        "article_id": df["article_id"].astype("string") if "article_id" in df else pd.array([None] * n, "string"),
        "claim_id": df["claim_id"].astype("int64"),
        "similarity": np.round(np.clip(sim_to_rep, 0, 1), 4),
        "representative": np.arange(n) == rep,
    })
    return out.sort_values(["cluster_id", "article_id", "claim_id"], kind="stable").reset_index(drop=True)


# --- summaries ----------------------------------------------------------------------------------
def _root_sources(attributions: pd.DataFrame | None) -> pd.DataFrame:
    """(article_id, attribution_id) -> root source text, following ``via`` to a row without one; with the
    root's ``identification`` and ``side`` and the row's own ``cue_text`` (a denial is no origin)."""
    cols = ["article_id", "attribution_id", "origin_source", "origin_identification", "origin_side", "cue"]
    if attributions is None or attributions.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in cols})
    a = attributions.assign(article_id=attributions["article_id"].astype("string"))
    name_col = "resolved_text" if "resolved_text" in a else "source_text"
    keys = [(aid, int(i)) for aid, i in zip(a["article_id"], a["attribution_id"])]

    def col(c):
        return a[c].tolist() if c in a else [None] * len(a)

    name = {k: (r if isinstance(r, str) else s) for k, r, s in zip(keys, col(name_col), col("source_text"))}
    ident = dict(zip(keys, col("identification")))
    side = dict(zip(keys, col("side")))
    cue = dict(zip(keys, col("cue_text")))
    via = dict(zip(keys, col("via")))
    rows = []
    for key in name:
        cur, seen = key, set()
        while pd.notna(via[cur]) and (cur[0], int(via[cur])) in name and cur not in seen:
            seen.add(cur)
            cur = (cur[0], int(via[cur]))
        rows.append((key[0], key[1], name[cur], ident[cur], side[cur], cue[key]))
    return pd.DataFrame(rows, columns=cols)


_DENIAL = re.compile(r"\b(?:" + "|".join(_SIGNALS.get("denial_cues", []) or ["(?!)"]) + r")\b", re.I)
_UNSPECIFIED = re.compile(r"(?:(?:a|an|the|some|several|many|other|unnamed|anonymous|\d+|one|two|three|four"
                          r"|five|various|multiple)\s+)*(?:" + "|".join(_SIGNALS.get("unspecified_sources", [])
                                                                   or ["(?!)"]) + r")", re.I)


def _trace(origin_source, identification, cue, first: bool) -> str:
    """How a carrier's claim traces back: ``attributed`` (to an identifiable source), ``own`` (the
    outlet's own reporting: the first carrier asserting it, or "The Ledger has learned"), or, when it
    cannot count as an origin, ``denied`` (the content of a denial), ``unsourced`` (a later flat repeat,
    "reportedly", an unspecified crowd or "sources say")."""
    if isinstance(cue, str) and _DENIAL.search(cue):
        return "denied"
    if identification == "self":
        return "own"
    named = isinstance(origin_source, str) and bool(origin_source.strip())
    unspecified = (not named or identification in ("vague", "none")
                   or (identification == "pronoun" and origin_source.strip().lower() in _PRONOUN_SOURCES)
                   or (identification == "anonymous" and _UNSPECIFIED.fullmatch(origin_source.strip()) is not None))
    if not unspecified:
        return "attributed"
    return "own" if first else "unsourced"


_PRONOUN_SOURCES = frozenset({"he", "she", "they", "it", "we", "i", "you", "which", "who", "that"})


def _outlet_side(actor_dict, outlet, published) -> str | None:
    """The side of an outlet: its ``outlet_homes`` entry, else the actor it names ("VNA" -> varnia)."""
    if not isinstance(outlet, str) or not outlet.strip():
        return None
    side = actor_dict.homes.get(outlet.strip().lower())
    if side:
        return side
    hit = actor_dict.find(outlet.strip())
    return hit[-1].actor.side_on(published) if hit and hit[-1].end == len(outlet.strip()) and hit[-1].start == 0 else None


def _carriers(claim_clusters: pd.DataFrame, claims: pd.DataFrame, articles: pd.DataFrame | None,
              attributions: pd.DataFrame | None, duplicates: pd.DataFrame | None, actors=None) -> pd.DataFrame:
    """One row per clustered claim with its article's outlet/date, hedging and origin.

    The origin is a grouping key: spellings of one actor count once ("VNA", "Varnia's state news
    agency, VNA"; :func:`analysis.sources.top_sources` groups the same way), and a claim attributed
    to an outlet that itself carries the claim traces back to that outlet's earliest origin ("..., VNA
    reported" -> the source VNA's own story names)."""
    c = claims.assign(article_id=claims["article_id"].astype("string"))
    cc = claim_clusters.assign(article_id=claim_clusters["article_id"].astype("string"))
    m = cc.merge(c[["article_id", "claim_id", "text", "hedged", "attributed", "attribution_id"]],
                 on=["article_id", "claim_id"], how="left")
    if articles is not None and len(articles):
        meta = articles.assign(article_id=articles["article_id"].astype("string"))
        keep = [k for k in ("article_id", "outlet", "published") if k in meta]
        m = m.merge(meta[keep], on="article_id", how="left")
    for k in ("outlet", "published"):
        if k not in m:
            m[k] = None
    m["published"] = pd.to_datetime(m["published"], utc=True, errors="coerce")
    roots = _root_sources(attributions)
    roots = roots.assign(article_id=roots["article_id"].astype("string"),
                         attribution_id=pd.to_numeric(roots["attribution_id"]).astype("Int64"))
    m = m.assign(attribution_id=m["attribution_id"].astype("Int64")).merge(
        roots, on=["article_id", "attribution_id"], how="left")
    # a syndicated copy is carried by its original
    orig = {}
    if duplicates is not None and len(duplicates):
        orig = dict(zip(duplicates["article_id"].astype(str), duplicates["duplicate_of"].astype(str)))

    def root_article(a: str) -> str:
        seen = set()
        while a in orig and a not in seen:
            seen.add(a)
            a = orig[a]
        return a

    m["independent_article"] = [root_article(str(a)) for a in m["article_id"]]
    if attributions is None:  # (hedging_trajectory): every origin is the article's own reporting
        m["origin"] = "article:" + m["independent_article"].astype(str)
        return m.sort_values(["cluster_id", "published", "article_id", "claim_id"], kind="stable", na_position="last")
    from .actors import ActorDictionary, load_actors
    from .sources import _normalise_name

    actor_dict = actors if isinstance(actors, ActorDictionary) else load_actors(actors)
    cache: dict[str, str] = {}

    def key(name) -> str | None:
        if not isinstance(name, str) or not name.strip():
            return None
        if name not in cache:
            cache[name] = _normalise_name(name.strip(), actor_dict)[1]
        return cache[name]

    m = m.sort_values(["cluster_id", "published", "article_id", "claim_id"], kind="stable", na_position="last")
    # the first carrier(s) of each cluster: an unattributed claim there is the outlet's own reporting
    # (undated carriers too: nothing says they came later)
    # (a wire copy is as early as its original)
    when = dict(zip(m["article_id"].astype(str), m["published"]))
    published = pd.Series([when.get(ia, p) for ia, p in zip(m["independent_article"], m["published"])],
                          index=m.index, dtype=m["published"].dtype)
    first_time = published.groupby(m["cluster_id"]).transform("min")
    first = (published.isna() | first_time.isna() | (published <= first_time)).tolist()
    trace = [_trace(o, i, c, f) for o, i, c, f in
             zip(m["origin_source"], m["origin_identification"], m["cue"], first)]
    origins = [key(o) if t == "attributed" else (f"article:{ia}" if t == "own" else None)
               for o, t, ia in zip(m["origin_source"], trace, m["independent_article"])]
    sides = [s if isinstance(s, str) and s else None for s in m["origin_side"]]
    # an outlet that repeats its own earlier reporting traces back to it (a presidency's daily formula)
    own_first: dict = {}
    for i, (cid, outlet) in enumerate(zip(m["cluster_id"], m["outlet"])):
        if not isinstance(outlet, str) or not outlet:
            continue
        if trace[i] == "own":
            own_first.setdefault((cid, outlet), origins[i])
        elif trace[i] == "unsourced" and (cid, outlet) in own_first:
            trace[i], origins[i] = "own", own_first[(cid, outlet)]
    # an anonymous source or the outlet's own reporting is only as independent as the outlet that vouches for it
    outlet_sides = {}
    for i, (t, ident) in enumerate(zip(trace, m["origin_identification"])):
        if sides[i] is None and origins[i] is not None and (t == "own" or ident == "anonymous"):
            o, p = m["outlet"].iat[i], m["published"].iat[i]
            if (o, p) not in outlet_sides:
                outlet_sides[(o, p)] = _outlet_side(actor_dict, o, p)
            sides[i] = outlet_sides[(o, p)]
    outlet_key = [key(o) for o in m["outlet"]]
    clusters = m["cluster_id"].tolist()
    start = 0
    while start < len(m):  # per cluster: an origin that is a carrying outlet takes that outlet's origin
        end = start
        while end < len(m) and clusters[end] == clusters[start]:
            end += 1
        for _ in range(3):  # (chains of outlets citing outlets)
            first_of = {}
            for i in range(start, end):
                if outlet_key[i] and outlet_key[i] not in first_of and origins[i] != outlet_key[i]:
                    first_of[outlet_key[i]] = (origins[i], sides[i])
            changed = False
            for i in range(start, end):
                if origins[i] is None or origins[i] == outlet_key[i] or origins[i] not in first_of:
                    continue
                new, new_side = first_of[origins[i]]
                if new != origins[i]:
                    origins[i], sides[i], changed = new, new_side, True
                    if new is None:  # the cited outlet only repeats the claim without a traceable origin
                        trace[i] = "unsourced"
            if not changed:
                break
        start = end
    return m.assign(origin=origins, origin_side=[sd if o is not None else None for o, sd in zip(origins, sides)],
                    trace=trace)


def claim_cluster_summary(claim_clusters: pd.DataFrame, claims: pd.DataFrame,
                          articles: pd.DataFrame | None = None, attributions: pd.DataFrame | None = None,
                          duplicates: pd.DataFrame | None = None, actors=None) -> pd.DataFrame:
    """One row per cluster (columns :data:`SUMMARY_COLUMNS`).

    ``n_independent_articles`` counts near-duplicate copies (``duplicates`` from
    :func:`analysis.duplicates.find_near_duplicates`) once; ``origin_source`` is the earliest
    attributed source, following ``via`` relays to the root (TASS for "... citing agencies,
    according to TASS"). Spellings of one actor are one origin, and an origin that is itself a carrying
    outlet is replaced by that outlet's own origin (``actors``: the extra actor dictionary the run used,
    as for :func:`analysis.sources.top_sources`).

    Which carriers count as an origin (the source-criticism rules; data in ``lexicons/claims.yaml``):

    * an identifiable source (named, institutional, a described anonymous source such as "a source close
      to the investigation", a resolved pronoun) is an origin;
    * the outlet's own reporting is an origin: "The Ledger has learned", or the claim asserted without
      attribution (or with an unspecified one) by the FIRST carrier (undated carriers count as first),
      and that outlet's later repeats trace back to it;
    * a later carrier that repeats the claim flatly, says "reportedly", or cites an unspecified crowd
      ("sources say", "analysts", ``unspecified_sources``) is *untraced*: it carries the claim but
      cannot corroborate it; so is the content of a denial ("rejected a report that ...",
      ``denial_cues``), and a citation of an outlet whose own carrier was untraced.

    Per independent article the first traceable origin counts. ``n_origins`` counts distinct origins,
    ``n_untraced`` independent articles without one; ``origin_sides`` lists the origins' sides (an
    anonymous source or own reporting takes the side of the outlet that vouches for it; ``unknown``
    otherwise). ``circular`` is True when two or more independent articles trace back to one origin.
    ``support``: ``untraced`` (no origin), ``circular``, ``single-sourced`` (one origin), ``one-sided``
    (two or more origins, all on one known side), ``corroborated`` (origins on different or unknown
    sides).

    >>> cc = pd.DataFrame({"cluster_id": [0, 0], "article_id": ["a", "b"], "claim_id": [0, 0],
    ...                    "similarity": [1.0, 0.8], "representative": [True, False]})
    >>> cl = pd.DataFrame({"article_id": ["a", "b"], "claim_id": [0, 0], "text": ["X fell.", "X fell!"],
    ...                    "hedged": [True, False], "attributed": [True, True], "attribution_id": [0, 0]})
    >>> att = pd.DataFrame({"article_id": ["a", "b"], "attribution_id": [0, 0], "source_text": ["TASS", "TASS"],
    ...                     "via": [None, None]})
    >>> s = claim_cluster_summary(cc, cl, None, att)
    >>> s[["n_articles", "n_origins", "origin_source", "hedged_share", "circular", "support"]].values.tolist()
    [[2, 1, 'TASS', 0.5, True, 'circular']]
    """
    if claim_clusters is None or claim_clusters.empty or claims is None or claims.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in SUMMARY_COLUMNS})
    m = _carriers(claim_clusters, claims, articles, attributions, duplicates, actors).reset_index(drop=True)
    g = m.groupby("cluster_id", sort=True)
    first = m.drop_duplicates("cluster_id").set_index("cluster_id")  # m is in publication order per cluster
    traced_rows = m["trace"] == "attributed" if "trace" in m else m["origin_source"].notna()
    origin_source = m[traced_rows].drop_duplicates("cluster_id").set_index("cluster_id")["origin_source"]
    # an article's origin: its first traceable claim's (attributed, or its own reporting), else none
    per_article = (m.assign(_none=m["origin"].isna()).sort_values(["cluster_id", "_none"], kind="stable")
                   .drop_duplicates(["cluster_id", "independent_article"]))
    traced = per_article[per_article["origin"].notna()]
    n_origins = traced.groupby("cluster_id")["origin"].nunique()
    n_traced = traced.groupby("cluster_id").size()
    side_col = traced["origin_side"] if "origin_side" in traced else pd.Series(None, index=traced.index, dtype=object)
    sides: dict = {}
    for cid, sd in zip(traced["cluster_id"], side_col):
        sides.setdefault(cid, set()).add(sd if isinstance(sd, str) and sd else "unknown")
    out = pd.DataFrame({
        "n_claims": g.size(), "n_articles": g["article_id"].nunique(),
        "n_independent_articles": g["independent_article"].nunique(), "n_outlets": g["outlet"].nunique(),
    })
    out["n_origins"] = n_origins.reindex(out.index, fill_value=0).astype("int64")
    out["n_untraced"] = out["n_independent_articles"] - n_traced.reindex(out.index, fill_value=0)
    out["first_seen"] = [p.date() if pd.notna(p) else None for p in first["published"].reindex(out.index)]
    out["first_outlet"] = first["outlet"].reindex(out.index).astype("str")
    out["origin_source"] = origin_source.reindex(out.index)
    side_lists = [sorted(sides.get(cid, ())) for cid in out.index]
    out["origin_sides"] = [", ".join(sl) if sl else None for sl in side_lists]
    out["hedged_share"] = m["hedged"].fillna(False).astype(bool).groupby(m["cluster_id"]).mean()
    out["circular"] = ((out["n_independent_articles"] >= 2) & (out["n_origins"] == 1)
                       & (out["n_independent_articles"] - out["n_untraced"] >= 2))
    out["support"] = [_support(n, c, sl) for n, c, sl in zip(out["n_origins"], out["circular"], side_lists)]
    out["text"] = m[m["representative"]].drop_duplicates("cluster_id").set_index("cluster_id")["text"].reindex(out.index)
    out = out.reset_index()
    return out[SUMMARY_COLUMNS].astype({"n_claims": "int64", "n_articles": "int64", "n_independent_articles": "int64",
                                        "n_outlets": "int64", "n_origins": "int64", "n_untraced": "int64",
                                        "hedged_share": "float64", "circular": "bool"})


def _support(n_origins: int, circular: bool, sides: list[str]) -> str:
    """The cluster's ``support`` label (see :func:`claim_cluster_summary`)."""
    if n_origins == 0:
        return "untraced"
    if circular:
        return "circular"
    if n_origins == 1:
        return "single-sourced"
    if len(sides) == 1 and sides[0] != "unknown":
        return "one-sided"
    return "corroborated"


CARRIER_COLUMNS = ["cluster_id", "article_id", "outlet", "published", "claim_id", "hedged", "origin_source",
                   "trace", "origin", "origin_side", "text"]


def claim_carriers(claim_clusters: pd.DataFrame, claims: pd.DataFrame, articles: pd.DataFrame | None = None,
                   attributions: pd.DataFrame | None = None, duplicates: pd.DataFrame | None = None,
                   actors=None, cluster_id: int | None = None) -> pd.DataFrame:
    """Every carrier of a claim, in publication order, with how it traces back (the evidence behind
    :func:`claim_cluster_summary`): ``origin_source`` (the cited source, followed through relays),
    ``trace`` (``attributed``, ``own``, ``denied`` or ``unsourced``; rules in
    :func:`claim_cluster_summary`), the ``origin`` it counts for (None when it cannot corroborate)
    and that origin's side. ``cluster_id`` keeps one cluster.

    >>> cc = pd.DataFrame({"cluster_id": [0, 0], "article_id": ["a", "b"], "claim_id": [0, 0],
    ...                    "similarity": [1.0, 0.8], "representative": [True, False]})
    >>> cl = pd.DataFrame({"article_id": ["a", "b"], "claim_id": [0, 0], "text": ["X fell.", "X fell!"],
    ...                    "hedged": [True, False], "attributed": [True, False], "attribution_id": [0, None]})
    >>> att = pd.DataFrame({"article_id": ["a"], "attribution_id": [0], "source_text": ["TASS"], "via": [None]})
    >>> arts = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["Wire", "Blog"],
    ...                      "published": pd.to_datetime(["2024-01-01", "2024-01-02"], utc=True)})
    >>> claim_carriers(cc, cl, arts, att)[["outlet", "origin_source", "trace"]].values.tolist()
    [['Wire', 'TASS', 'attributed'], ['Blog', None, 'unsourced']]
    """
    if claim_clusters is None or claim_clusters.empty or claims is None or claims.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in CARRIER_COLUMNS})
    cc = claim_clusters if cluster_id is None else claim_clusters[claim_clusters["cluster_id"] == cluster_id]
    if cc.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in CARRIER_COLUMNS})
    if attributions is None:  # (no attributions: every carrier is traced as unattributed)
        attributions = pd.DataFrame({c: [] for c in ("article_id", "attribution_id", "source_text", "via")})
    m = _carriers(cc, claims, articles, attributions, duplicates, actors)
    out = m[CARRIER_COLUMNS].reset_index(drop=True)
    return out.astype({"origin_source": "object"}).where(out.notna(), None) if len(out) else out


def claim_clusters_stage(results) -> pd.DataFrame:
    """Corpus stage: :func:`cluster_claims` over ``results.tables["claims"]``.

    >>> from types import SimpleNamespace
    >>> claim_clusters_stage(SimpleNamespace(articles=pd.DataFrame(), tables={})).columns.tolist()
    ['cluster_id', 'article_id', 'claim_id', 'similarity', 'representative']
    """
    claims = results.tables.get("claims")
    return cluster_claims(claims, results.articles)


# --- aggregations for notebook 04 -----------------------------------------------------------------
def claim_travel(summary: pd.DataFrame, min_articles: int = 2) -> pd.DataFrame:
    """Clusters carried by at least ``min_articles`` articles, most travelled first.

    >>> s = pd.DataFrame({"cluster_id": [0, 1], "n_articles": [1, 3], "n_outlets": [1, 2], "text": ["a", "b"]})
    >>> claim_travel(s)["cluster_id"].tolist()
    [1]
    """
    cols = [c for c in ("cluster_id", "n_articles", "n_independent_articles", "n_outlets", "first_seen",
                        "first_outlet", "origin_source", "text") if c in summary]
    return (summary.loc[summary["n_articles"] >= min_articles, cols]
            .sort_values(["n_articles", "n_outlets", "cluster_id"], ascending=[False, False, True])
            .reset_index(drop=True))


def hedging_trajectory(claim_clusters: pd.DataFrame, claims: pd.DataFrame, articles: pd.DataFrame | None = None
                       ) -> pd.DataFrame:
    """How hedging changes as a claim travels: one row per (cluster, article) in publication order.

    Columns ``cluster_id, position`` (0 = first carrier), ``article_id, outlet, published, hedged``
    (any of the article's claims in the cluster hedged) and ``hardened`` (True on a row that asserts
    a claim an earlier carrier hedged). Only clusters carried by two or more articles.

    >>> cc = pd.DataFrame({"cluster_id": [0, 0], "article_id": ["a", "b"], "claim_id": [0, 0],
    ...                    "similarity": [1.0, 0.9], "representative": [True, False]})
    >>> cl = pd.DataFrame({"article_id": ["a", "b"], "claim_id": [0, 0], "text": ["x", "x"],
    ...                    "hedged": [True, False], "attributed": [False, False], "attribution_id": [None, None]})
    >>> arts = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["A", "B"],
    ...                      "published": pd.to_datetime(["2024-01-01", "2024-01-02"], utc=True)})
    >>> hedging_trajectory(cc, cl, arts)[["article_id", "hedged", "hardened"]].values.tolist()
    [['a', True, False], ['b', False, True]]
    """
    cols = ["cluster_id", "position", "article_id", "outlet", "published", "hedged", "hardened"]
    if claim_clusters is None or claim_clusters.empty or claims is None or claims.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in cols})
    m = _carriers(claim_clusters, claims, articles, None, None)
    per = (m.assign(hedged=m["hedged"].fillna(False).astype(bool))
           .groupby(["cluster_id", "article_id"], sort=False)
           .agg(outlet=("outlet", "first"), published=("published", "first"), hedged=("hedged", "any"))
           .reset_index()
           .sort_values(["cluster_id", "published", "article_id"], kind="stable", na_position="last"))
    per = per[per.groupby("cluster_id")["article_id"].transform("size") >= 2]
    seen_hedge = per.groupby("cluster_id")["hedged"].transform(lambda h: h.cummax().shift(fill_value=False))
    return (per.assign(position=per.groupby("cluster_id").cumcount(),
                       hardened=seen_hedge.astype(bool) & ~per["hedged"])
            [cols].reset_index(drop=True))


HEDGING_CHANGES = ("lost its hedge", "gained a hedge", "hedged throughout", "never hedged")


def hedging_change(trajectory: pd.DataFrame) -> pd.DataFrame:
    """One row per travelling claim: how its hedging changed from the first carrier to the later ones.

    ``change`` is ``lost its hedge`` (the first carrier hedged it, a later one asserts it: it hardened),
    ``gained a hedge`` (asserted first, hedged later), ``hedged throughout`` or ``never hedged``
    (:data:`HEDGING_CHANGES`); ``n_carriers`` counts the articles, ``first_outlet`` and ``hardened_by``
    (the outlets that first asserted it after a hedge) say who. Input: :func:`hedging_trajectory`.

    >>> traj = pd.DataFrame({"cluster_id": [0, 0, 1, 1], "position": [0, 1, 0, 1], "article_id": list("abcd"),
    ...                      "outlet": ["Wire", "Tabloid", "Wire", "Paper"], "hedged": [True, False, True, True],
    ...                      "hardened": [False, True, False, False]})
    >>> hedging_change(traj)[["cluster_id", "change", "hardened_by"]].fillna("-").values.tolist()
    [[0, 'lost its hedge', 'Tabloid'], [1, 'hedged throughout', '-']]
    """
    cols = ["cluster_id", "n_carriers", "first_outlet", "change", "hardened_by"]
    if trajectory is None or trajectory.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in cols})
    rows = []
    for cid, g in trajectory.sort_values(["cluster_id", "position"], kind="stable").groupby("cluster_id", sort=True):
        hedged = g["hedged"].astype(bool).tolist()
        first, later = hedged[0], hedged[1:]
        change = (("lost its hedge" if not all(later) else "hedged throughout") if first
                  else ("gained a hedge" if any(later) else "never hedged"))
        by = g.loc[g["hardened"].astype(bool), "outlet"].astype(str).drop_duplicates().tolist()
        rows.append((cid, len(g), g["outlet"].iloc[0], change, ", ".join(by) if by else None))
    return pd.DataFrame(rows, columns=cols)


def corroboration(summary: pd.DataFrame) -> pd.DataFrame:
    """The ``support`` label of each cluster (see :func:`claim_cluster_summary`): kept when the summary
    has it, else ``single-sourced`` (one origin) or ``corroborated`` (two or more origins).

    >>> corroboration(pd.DataFrame({"cluster_id": [0, 1], "n_origins": [1, 3]}))["support"].tolist()
    ['single-sourced', 'corroborated']
    """
    if "support" in summary:
        return summary
    return summary.assign(support=np.where(summary["n_origins"] >= 2, "corroborated", "single-sourced"))


def circular_sourcing(summary: pd.DataFrame) -> pd.DataFrame:
    """Clusters whose independent carriers all trace back to one origin (see :func:`claim_cluster_summary`).

    >>> circular_sourcing(pd.DataFrame({"cluster_id": [0, 1], "circular": [True, False],
    ...                                 "n_articles": [3, 2]}))["cluster_id"].tolist()
    [0]
    """
    return (summary[summary["circular"].astype(bool)]
            .sort_values(["n_articles", "cluster_id"], ascending=[False, True]).reset_index(drop=True))
