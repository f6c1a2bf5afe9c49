"""Sentence and paragraph segmentation with offsets."""
from __future__ import annotations

import re

import pytest

from analysis import paths
from analysis.segment import paragraph_spans, sentence_spans, split_sentences


def texts(text):
    return [text[s:e] for s, e in sentence_spans(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Mr. Smith met Gov. Jones. They talked.", ["Mr. Smith met Gov. Jones.", "They talked."]),
        ("The U.S. Army said so. The U.S. is large.", ["The U.S. Army said so.", "The U.S. is large."]),
        ("It was held on Sept. 11 in N.Y. Then it ended.", ["It was held on Sept. 11 in N.Y.", "Then it ended."]),
        ("J. K. Rowling wrote it. She agreed.", ["J. K. Rowling wrote it.", "She agreed."]),
        ("Growth was 3.5 percent. Prices rose 2.1%.", ["Growth was 3.5 percent.", "Prices rose 2.1%."]),
        ('"We will win." He said it twice.', ['"We will win."', "He said it twice."]),
        ("“Is it over?” she asked. “No.” Then silence.", ["“Is it over?” she asked.", "“No.”", "Then silence."]),
        ("Headline without a stop\nFirst sentence. Second one!", ["Headline without a stop", "First sentence.", "Second one!"]),
        ("He waited... Then he left.", ["He waited...", "Then he left."]),
        ("Shares of Acme Inc. The company fell.", ["Shares of Acme Inc.", "The company fell."]),
        ("It is No. 1 in the list. Yes.", ["It is No. 1 in the list.", "Yes."]),
        ("", []),
        ("   \n\n  ", []),
    ],
)
def test_sentences(text, expected):
    assert texts(text) == expected


def test_table_offsets_and_paragraphs():
    text = "Title\n\nFirst one. Second one.\n\nThird."
    df = split_sentences(text)
    assert df.columns.tolist() == ["sentence_id", "paragraph_id", "start", "end"]
    assert [text[s:e] for s, e in zip(df.start, df.end)] == ["Title", "First one.", "Second one.", "Third."]
    assert df.paragraph_id.tolist() == [0, 1, 1, 2]
    assert paragraph_spans(text) == [(0, 5), (7, 29), (31, 37)]


def test_empty_table_has_columns():
    assert split_sentences("").columns.tolist() == ["sentence_id", "paragraph_id", "start", "end"]


def test_long_text_is_fast_enough():
    text = "The minister said the road was closed. " * 20000
    assert len(sentence_spans(text)) == 20000


def test_polnear_sentences(shared):
    """On real PolNeAR text: no boundary inside the abbreviations and spans cover the text."""
    files = sorted((paths.POLNEAR / "dev" / "text").glob("*.txt"))[:40]
    n = 0
    for f in files:
        text = f.read_text(encoding="utf-8")
        spans = sentence_spans(text)
        n += len(spans)
        for s, e in spans:
            sent = text[s:e]
            assert sent == sent.strip() and sent
            # never split right after a title abbreviation followed by a name
            assert not re.search(r"\b(Mr|Mrs|Ms|Dr|Gov|Sen|Rep)\.$", sent), sent
        # every word of the text is inside some sentence
        covered = sum(len(re.findall(r"\w+", text[s:e])) for s, e in spans)
        assert covered == len(re.findall(r"\w+", text))
    assert n > 500


@pytest.mark.parametrize("text, expected", [
    ("They agreed to remain in close contact.Choose which products you want.",
     ["They agreed to remain in close contact.", "Choose which products you want."]),
    ("He said so!Then he left.", ["He said so!", "Then he left."]),
    ("See Defense.gov for details. Visit www.WhiteHouse.gov today.",
     ["See Defense.gov for details.", "Visit www.WhiteHouse.gov today."]),
    ("Write to press@State.Gov now.", ["Write to press@State.Gov now."]),
    ("The iPhone.Apple event was dull.", ["The iPhone.Apple event was dull."]),
])
def test_sentences_glued_by_scraping_are_split_but_not_urls(text, expected):
    assert [text[s:e] for s, e in sentence_spans(text)] == expected


def test_boundary_lookahead_only_speeds_up():
    """The leading look-ahead of the boundary pattern changes no match (it only lets re skip ahead)."""
    import re

    from analysis import segment

    first, rest = segment._BOUNDARY.pattern.split("\n", 1)
    assert first.strip().startswith("(?=")
    plain = re.compile(rest, re.VERBOSE)
    text = ('He left... "Why?!" she asked.\u2019 It ended\u2026 Then 3 more. (Really.) [Yes!] '
            'U.S. troops. Mr. Li. e.g. "Fine." \u2018Ok.\u2019 \u00abNon.\u00bb 12. 13?? A')
    assert [m.span() for m in segment._BOUNDARY.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert len(list(plain.finditer(text))) > 8


def _reference_sentences(text: str) -> list[tuple[int, int, int]]:
    """The paragraph-by-paragraph scan the whole-text scan of segment replaced (the oracle)."""
    from analysis import segment as G

    out, glued_all = [], []
    for m in G._GLUED_MARK.finditer(text):
        ws = m.start()
        while ws > 0 and "a" <= text[ws - 1] <= "z":
            ws -= 1
        g = G._GLUED.match(text, ws)
        if g is not None and g.end() == m.end() and g.group(0)[:-1].lower() not in G._TITLES:
            glued_all.append(g.end())
    for pid, (pstart, pend) in enumerate(G.paragraph_spans(text)):
        start = pstart
        ends = [m.end() for m in G._BOUNDARY.finditer(text, pstart, pend)
                if not G._is_false_boundary(text, m.start(), m.end())]
        glued = [g for g in glued_all if pstart < g < pend]
        if glued:
            ends = sorted(set(ends).union(glued))
        for end in ends:
            s, e = G._strip(text, start, end)
            if e > s:
                out.append((s, e, pid))
            start = end
        s, e = G._strip(text, start, pend)
        if e > s:
            out.append((s, e, pid))
    return out


def test_whole_text_boundary_scan_equals_paragraph_scan():
    import random

    from analysis import segment as G

    rng = random.Random(1)
    alphabet = list("ab. A!?\n\"'”’)…U.S.Mr.  \n\nZ1x")
    texts = ["Title\n\nOne. Two.\nThree!\n\n\"Four.\" Five", "It rose 3.5 percent. Mr. Li agreed.\n\nEnd."]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 40))) for _ in range(3000)]
    for t in texts:
        assert G._sentences_with_paragraphs(t) == _reference_sentences(t), repr(t)
