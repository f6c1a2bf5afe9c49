"""Right of reply: parties that declined to comment, did not respond, or have yet to comment.

"declined to comment", "did not respond to a request for comment", "could not be reached",
"have yet to comment" ... with the party (the subject before the cue) and its side from the actor
dictionary. The patterns are data: ``lexicons/no_comment.yaml``.

>>> find_no_comment("The Kremlin declined to comment.")[["party_text", "cue_text", "side"]].values.tolist()
[['The Kremlin', 'declined to comment', 'russia']]
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import paths
from .actors import ActorDictionary, _as_actors, _read_yaml
from .patterns import trie_pattern
from .sources import _sentence_around

__all__ = ["find_no_comment", "no_comment_stage", "no_comment_rows", "load_no_comment_rules", "NO_COMMENT_COLUMNS"]

NO_COMMENT_FILE = "no_comment.yaml"
NO_COMMENT_COLUMNS = [
    "no_comment_id", "party_text", "party_start", "party_end",
    "cue_text", "cue_start", "cue_end", "side", "rule",
]
_SENTENCE_STOP = re.compile(r"[.!?\n]")
_STRING = pd.StringDtype("python")  # nullable strings (as in analysis.attribution); builds fastest
_DTYPES = {"no_comment_id": "int64", "party_text": _STRING, "party_start": "Int64", "party_end": "Int64",
           "cue_text": _STRING, "cue_start": "int64", "cue_end": "int64", "side": _STRING, "rule": _STRING}


@dataclass(frozen=True)
class NoCommentRules:
    """Compiled ``no_comment.yaml``."""

    regex: re.Pattern
    rules: list
    hints: re.Pattern  # any of the `hints` substrings; cues are searched only around them
    hints_lower: re.Pattern | None = None  # the same, case-sensitive, for lower-cased text (faster)
    regex_lower: re.Pattern | None = None  # ``regex`` without re.I, for lower-cased text (faster)


@functools.lru_cache(maxsize=1)
def load_no_comment_rules() -> NoCommentRules:
    """Compiled ``lexicons/no_comment.yaml`` (cached).

    >>> [r["name"] for r in load_no_comment_rules().rules][:2]
    ['declined_to_comment', 'did_not_respond']
    """
    data = _read_yaml(paths.LEXICONS / NO_COMMENT_FILE)
    adv = data.get("adverbs", "")
    rules = list(data.get("rules", []))
    parts = []
    for i, rule in enumerate(rules):
        pat = rule["pattern"].replace("{ADV}", adv).replace("?P<party>", f"?P<p{i}>")
        parts.append(f"(?P<g{i}>{pat})")
    hints = tuple(str(h).lower() for h in data.get("hints", []) or [])
    hint_regex = re.compile(trie_pattern(hints), re.IGNORECASE) if hints else re.compile(r"(?s).")
    lower = re.compile(trie_pattern(hints)) if hints else None
    pattern = "|".join(parts)
    bare = pattern.replace("(?P<", "(?<")  # the group syntax aside, every letter lower case (no \\S, \\W ...)
    regex_lower = re.compile(pattern) if bare.isascii() and bare == bare.lower() else None
    return NoCommentRules(re.compile(pattern, re.IGNORECASE), rules, hint_regex, lower, regex_lower)


# Letters that re.IGNORECASE matches to ASCII letters (dotted and dotless i, long s, Kelvin sign).
_ODD_CASE = frozenset("\u0130\u0131\u017f\u212a")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _lower_is_exact(text: str, low: str) -> bool:
    """True when matching a lower-case ASCII pattern against ``low`` (``text.lower()``) gives exactly
    what the same pattern with re.IGNORECASE gives against ``text``: lower-casing changed only ASCII
    letters, and no letter re.I would fold to an ASCII one is present."""
    if len(low) != len(text):
        return False
    if text.isascii():
        return True
    return all(c.lower() == c and c not in _ODD_CASE for c in set(_NON_ASCII.findall(text)))


_CLAUSE_BREAK = re.compile(r"[;:—–]|\s-\s|\b(?:but|while|whereas|although|though|and|because|as(?!\s+(?:of|well)\b)|"
                           r"after|when|since|so)\s+(?=\S)", re.IGNORECASE)
# a clause before "and" ("Trump has not talked about Zika and his campaign did not respond")
_FINITE = re.compile(r"\b(?:has|have|had|is|are|was|were|did|does|will|would|can|could|said|says)\b", re.IGNORECASE)
# "as of today the board's press office": a time phrase before the party
_TIME_LEAD = re.compile(r"(?:as of|until|by|since)\s+(?:today|now|tonight|press time|publication|this writing|"
                        r"\w+day)\s*,?\s+", re.IGNORECASE)
_LAST_PRONOUN = re.compile(r"(?<=\s)(?:he|she|they|we|I|it)$")
_ELIDED = re.compile(r"\b(?:and|but|or|yet)$", re.IGNORECASE)
_SKIP_SEGMENT = re.compile(
    r"^\s*(?:however|meanwhile|moreover|still|yet|instead|separately|in (?:a|an|the) \w+|on \w+day|"
    r"last \w+|earlier|so far|for now|when (?:asked|contacted|reached)|asked|contacted|reached|"
    r"who|which|whose|where|(?:\w+\s+)?whom|through|via|in a statement|\w+ing\b|\w+ed by\b)\b",
    re.IGNORECASE,
)
_LEADING = re.compile(r"^[\"'“”‘’(\[\s]*(?:(?:and|but|so|yet|or|then|also|both)\s+)?", re.IGNORECASE)
_TRAILING = re.compile(r"\s+(?:has|have|had|did|does|do|was|were|is|are|would|will|could|also|still|so far|"
                       r"immediately|[a-z]+ly)$", re.IGNORECASE)


def _party_before(text: str, sent_start: int, cue_start: int) -> tuple[int, int] | None:
    """Span of the subject before the cue: the last clause, minus discourse markers and appositives.

    >>> t = "However, Russian officials have yet to comment."
    >>> s, e = _party_before(t, 0, t.index(" have")); t[s:e]
    'Russian officials'
    """
    lo = sent_start
    for m in _CLAUSE_BREAK.finditer(text, sent_start, cue_start):
        # keep "and" inside a subject ("Trump and Pence declined") unless a clause follows a comma
        if m.group(0).strip().lower() == "and" and text[max(sent_start, m.start() - 2):m.start()].strip() != "," \
                and not _FINITE.search(text, lo, m.start()):
            continue
        lo = m.end()
    segments = []
    pos = lo
    for m in re.finditer(r",", text[lo:cue_start]):
        segments.append((pos, lo + m.start()))
        pos = lo + m.end()
    segments.append((pos, cue_start))
    for a, b in reversed(segments):
        seg = text[a:b]
        if not seg.strip() or _SKIP_SEGMENT.match(seg):
            continue
        lead = _LEADING.match(seg.lstrip())
        a += len(seg) - len(seg.lstrip()) + (lead.end() if lead else 0)
        time_lead = _TIME_LEAD.match(text, a, b)
        a = time_lead.end() if time_lead else a
        seg = text[a:b].rstrip()
        if _ELIDED.search(seg):
            return None  # "... were contacted but have not responded": the subject is left out
        pron = _LAST_PRONOUN.search(seg)
        if pron and pron.start() > 0:
            a, seg = a + pron.start(), seg[pron.start():]  # "(staff would) tell Clinton she | was not available"
        while True:
            t = _TRAILING.search(seg)
            if not t:
                break
            seg = seg[:t.start()]
        b = a + len(seg)
        if b <= a or not re.search(r"[^\W\d_]", seg):
            continue
        if len(seg.split()) > 12 or re.search(r"\b(?:said|says|told|that)\b", seg):
            return None
        return a, b
    return None


def _span_side(text: str, span: tuple[int, int], actors: ActorDictionary, published=None) -> str | None:
    """Side of a noun phrase: the actor at its end, else any named actor, else an adjective (the
    side in force on ``published`` for actors with dated periods)."""
    found = [a for a in actors.find(text, span[0], span[1]) if a.actor.side]
    for pick in ([a for a in found if a.alias and a.end >= span[1] - 3], [a for a in found if a.alias], found):
        if pick:
            return (pick[-1] if pick[-1].end >= span[1] - 3 else pick[0]).actor.side_on(published)
    return None


def find_no_comment(text: str, actors=None, published=None) -> pd.DataFrame:
    """Parties that declined, did not respond or could not be reached for comment.

    Columns: ``no_comment_id``, ``party_text``, ``party_start``, ``party_end`` (Int64, null when no
    party is found), ``cue_text``, ``cue_start``, ``cue_end``, ``side`` (actor dictionary; the side in
    force on ``published`` for actors with dated periods), ``rule``.

    >>> t = "The ministry, contacted by phone, declined to comment. There was no immediate comment from the Kremlin."
    >>> find_no_comment(t)[["party_text", "cue_text", "side"]].values.tolist()
    [['The ministry', 'declined to comment', <NA>], ['the Kremlin', 'There was no immediate comment from the Kremlin', 'russia']]
    """
    cols = _no_comment_columns(text, actors, published)
    if not cols["no_comment_id"]:
        return _empty_no_comment().copy()
    return pd.DataFrame({c: np.array(cols[c], dtype="int64") if _DTYPES[c] == "int64"
                         else pd.array(cols[c], dtype=_DTYPES[c]) for c in NO_COMMENT_COLUMNS})


def _no_comment_columns(text: str, actors=None, published=None) -> dict[str, list]:
    """:func:`find_no_comment` as plain column lists (no DataFrame: the pipeline's fast path)."""
    text = text or ""
    rules = load_no_comment_rules()
    actors = _as_actors(actors)
    rows = []
    windows: list[list[int]] = []
    low = text.lower()
    if rules.hints_lower is not None and len(low) == len(text):  # same offsets: scan the lower-cased text
        hits = rules.hints_lower.finditer(low)
    else:
        hits = rules.hints.finditer(text)
    for h in hits:
        lo = max(0, h.start() - 80)
        stop = _SENTENCE_STOP.search(text, min(len(text), h.end() + 100))
        hi = stop.end() if stop else len(text)
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], hi)
        else:
            windows.append([lo, hi])
    if rules.regex_lower is not None and _lower_is_exact(text, low):
        subject, regex = low, rules.regex_lower  # same offsets, same matches (twice as fast)
    else:
        subject, regex = text, rules.regex
    matches = [m for lo, hi in windows for m in regex.finditer(subject, lo, hi)]
    prev_end = 0
    for m in matches:
        if m.start() < prev_end:  # overlapping windows can repeat a match
            continue
        idx = next(int(k[1:]) for k, v in m.groupdict().items() if k.startswith("g") and v is not None)
        rule = rules.rules[idx]
        cue_start, cue_end = m.start(), m.end()
        while cue_end > cue_start and text[cue_end - 1].isspace():
            cue_end -= 1
        party = None
        if rule.get("party") == "after":
            g = m.group(f"p{idx}")
            if g:
                ps = m.start(f"p{idx}")
                party = (ps, ps + len(g.rstrip()))
        else:
            sent_start = _sentence_around(text, cue_start, cue_end)[0]
            party = _party_before(text, max(sent_start, prev_end), cue_start)
        prev_end = cue_end
        side = _span_side(text, party, actors, published) if party else None
        rows.append((
            len(rows),
            text[party[0]:party[1]] if party else None,
            party[0] if party else None,
            party[1] if party else None,
            text[cue_start:cue_end],
            cue_start,
            cue_end,
            side,
            f"{NO_COMMENT_FILE}: {rule['name']}",
        ))
    return {c: [r[i] for r in rows] for i, c in enumerate(NO_COMMENT_COLUMNS)}


@functools.lru_cache(maxsize=1)
def _empty_no_comment() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "no_comment_id": pd.Series(dtype="int64"),
            "party_text": pd.Series(dtype=_STRING),
            "party_start": pd.Series(dtype="Int64"),
            "party_end": pd.Series(dtype="Int64"),
            "cue_text": pd.Series(dtype=_STRING),
            "cue_start": pd.Series(dtype="int64"),
            "cue_end": pd.Series(dtype="int64"),
            "side": pd.Series(dtype=_STRING),
            "rule": pd.Series(dtype=_STRING),
        },
        columns=NO_COMMENT_COLUMNS,
    )


def no_comment_stage(text: str, ctx: dict) -> pd.DataFrame:
    """Pipeline stage ``no_comment``: :func:`find_no_comment` on one article.

    Uses the user's actor dictionary from ``ctx["options"]["actors"]`` when the pipeline passes one.

    >>> no_comment_stage("", {}).columns.tolist() == NO_COMMENT_COLUMNS
    True
    """
    options = (ctx or {}).get("options") or {}
    published = ((ctx or {}).get("article") or {}).get("published")
    return find_no_comment(text, actors=options.get("actors"), published=published)


def no_comment_rows(text: str, ctx: dict):
    """:func:`no_comment_stage` as light :class:`analysis.pipeline.Rows` (the pipeline's fast path).

    >>> no_comment_rows("The Kremlin declined to comment.", {}).columns["side"]
    ['russia']
    """
    from .pipeline import Rows

    options = (ctx or {}).get("options") or {}
    published = ((ctx or {}).get("article") or {}).get("published")
    return Rows(_no_comment_columns(text or "", actors=options.get("actors"), published=published),
                dict(_DTYPES))
