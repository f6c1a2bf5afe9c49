"""Paragraphs and sentences with character offsets into the original text.

No NLTK data: a regex finds candidate boundaries (``.``, ``!``, ``?`` or an ellipsis,
optionally followed by closing quotes or brackets, then white space) and a few rules
reject the false ones (abbreviations such as *Mr.*, *Gov.*, *U.S.*, *Sept.*, initials,
numbered items). A line break always ends a sentence, so headlines without final
punctuation stand alone. Sentences glued together by scraping ("in close contact.Choose which")
are split too, except inside URLs, e-mail addresses and dotted names.

>>> text = 'Gov. Smith said the U.S. would act. "It is over." Then he left.'
>>> [text[s:e] for s, e in sentence_spans(text)]
['Gov. Smith said the U.S. would act.', '"It is over."', 'Then he left.']
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

__all__ = ["split_sentences", "sentence_spans", "paragraph_spans", "SENTENCE_COLUMNS"]

SENTENCE_COLUMNS = ["sentence_id", "paragraph_id", "start", "end"]
_COLUMN_INDEX = pd.Index(SENTENCE_COLUMNS)  # built once: from a list, pandas builds it per table (5x the cost)

# Abbreviations that are (almost) never sentence-final when followed by a capital.
_TITLES = {
    "mr", "mrs", "ms", "dr", "prof", "gov", "sen", "rep", "reps", "sens", "gen", "col", "lt",
    "sgt", "capt", "cmdr", "adm", "maj", "cpl", "pvt", "st", "mt", "ft", "rev", "hon", "pres",
    "supt", "insp", "det", "atty", "messrs", "mmes", "sr", "jr", "gov's", "no", "nos", "vs", "v",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "inc", "corp", "co", "ltd", "llc", "bros", "dept", "est", "approx", "fig", "vol", "pp",
    "ave", "blvd", "rd", "e.g", "i.e", "etc", "al", "cf", "ca",
}
# Abbreviations after which a capitalised word is likely a new sentence anyway.
_SENTENCE_FINAL_OK = {"inc", "corp", "co", "ltd", "llc", "etc", "jr", "sr", "bros"}
# Words that typically open a sentence: after "U.S." or "Inc." they signal a real boundary.
_STARTERS = {
    "the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "but", "and", "this", "that",
    "these", "those", "there", "in", "on", "at", "as", "if", "when", "while", "after", "before",
    "his", "her", "their", "its", "our", "my", "meanwhile", "however", "yet", "so", "still",
    "then", "now", "for", "some", "many", "most", "officials", "according",
}

_BOUNDARY = re.compile(
    r"""(?=[.!?…])                    # (a match starts so: lets re skip ahead, 3x faster)
        (?:\.{3}|…|[.!?])+            # terminal punctuation (or an ellipsis)
        [\"'”’»)\]]*                 # closing quotes / brackets that belong to the sentence
        (?=\s+[\"'“‘«(\[]*[A-Z0-9])   # white space, then an opening quote or a capital/digit
    """,
    re.VERBOSE,
)
# Scraped text often glues sentences together ("in close contact.Choose which products ..."): a
# lower-case word of two or more letters, the stop, then a capitalised word. Not inside a URL,
# an e-mail address or a dotted name ("Defense.gov", "www.WhiteHouse.gov", "e.g.The").
_GLUED_MARK = re.compile(r"[.!?](?=[A-Z][a-z]{2})")  # cheap first pass: a stop glued to a word
_GLUED = re.compile(r"(?<![\w.@/:-])(?!www[.])[a-z]{2,}[.!?](?=[A-Z][a-z]{2,})")
_LINEBREAK = re.compile(r"\n")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.'’]*)$")
_NEXT_WORD = re.compile(r"\s+[\"'“‘«(\[]*([A-Za-z0-9]+)")
_PARAGRAPH = re.compile(r"\n[ \t\u00a0]*\n\s*|\n")


def _is_false_boundary(text: str, punct_start: int, boundary_end: int) -> bool:
    """True when the period at ``punct_start`` closes an abbreviation, not a sentence."""
    if text[punct_start] != ".":
        return False
    if punct_start + 1 < len(text) and text[punct_start : boundary_end].startswith(".."):
        return False  # an ellipsis
    m = _WORD_BEFORE.search(text, max(0, punct_start - 20), punct_start)
    if not m:
        return False
    word = m.group(1)
    if len(word) == 1 and word.isupper():
        # An initial ("J. Smith") unless it is a lone pronoun "I."
        return word != "I"
    dotted = "." in word.strip(".")
    low = word.lower().rstrip(".")
    if not dotted and low not in _TITLES:
        return False  # an ordinary word (the usual case): no need to look at the next one
    nxt = _NEXT_WORD.match(text, boundary_end)
    next_word = nxt.group(1) if nxt else ""
    starter = next_word.lower() in _STARTERS
    if dotted:
        # U.S., U.K., a.m., p.m., e.g.: a boundary only before a typical sentence opener.
        return not starter
    if low in _TITLES:
        if low in _SENTENCE_FINAL_OK:
            return not starter
        if low in {"no", "nos"}:
            return next_word[:1].isdigit()
        if low in {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}:
            return word[0].isupper() and next_word[:1].isdigit()
        return word[0].isupper() or low in {"e.g", "i.e", "vs", "v", "cf", "ca", "approx", "al"}
    return False


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of the non-blank paragraphs (one per line block).

    >>> paragraph_spans("Title\\n\\nFirst para.\\nSecond.")
    [(0, 5), (7, 18), (19, 26)]
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _PARAGRAPH.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return [_strip(text, s, e) for s, e in spans if text[s:e].strip()]


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of the sentences of ``text`` (end exclusive).

    >>> sentence_spans("It rose 3.5 percent. Mr. Li agreed.")
    [(0, 20), (21, 35)]
    """
    return [(s, e) for s, e, _ in _sentences_with_paragraphs(text)]


def _sentences_with_paragraphs(text: str) -> list[tuple[int, int, int]]:
    out: list[tuple[int, int, int]] = []
    glued_all = []
    for m in _GLUED_MARK.finditer(text):  # rare: verify each with the full pattern
        ws = m.start()
        while ws > 0 and "a" <= text[ws - 1] <= "z":
            ws -= 1
        g = _GLUED.match(text, ws)
        if g is not None and g.end() == m.end() and g.group(0)[:-1].lower() not in _TITLES:
            glued_all.append(g.end())
    # Candidate boundaries of the whole text in one scan: inside a paragraph they are those of a
    # scan of the paragraph alone, except one ending at the paragraph's end (its look-ahead sees
    # the next paragraph), which that scan does not find and which would cut nothing anyway.
    found = [m.span() for m in _BOUNDARY.finditer(text)]
    k = 0
    for pid, (pstart, pend) in enumerate(paragraph_spans(text)):
        start = pstart
        while k < len(found) and found[k][0] < pstart:
            k += 1
        ends = []
        while k < len(found) and found[k][0] < pend:
            b0, b1 = found[k]
            k += 1
            if b1 < pend and not _is_false_boundary(text, b0, b1):
                ends.append(b1)
        glued = [g for g in glued_all if pstart < g < pend] if glued_all else None
        if glued:
            ends = sorted(set(ends).union(glued))
        for end in ends:
            s, e = _strip(text, start, end)
            if e > s:
                out.append((s, e, pid))
            start = end
        s, e = _strip(text, start, pend)
        if e > s:
            out.append((s, e, pid))
    return out


def split_sentences(text: str) -> pd.DataFrame:
    """One row per sentence: ``sentence_id``, ``paragraph_id``, ``start``, ``end``.

    Offsets index ``text`` directly, so ``text[start:end]`` is the sentence.

    >>> split_sentences("Title\\n\\nOne. Two.")[["start", "end"]].values.tolist()
    [[0, 5], [7, 11], [12, 16]]
    """
    rows = _sentences_with_paragraphs(text or "")
    arr = np.empty((len(rows), 4), dtype="int64")  # one int64 block: the cheapest DataFrame to build
    arr[:, 0] = np.arange(len(rows))
    arr[:, 1:] = np.array(rows, dtype="int64").reshape(-1, 3)[:, [2, 0, 1]]
    return pd.DataFrame(arr, columns=_COLUMN_INDEX)
