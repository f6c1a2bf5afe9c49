"""Tone: TextBlob-pattern scores, news fixes, voices, aggregations, target sentiment.

All example sentences are constructed for these tests; real data is read from ../shared at run
time (skipped when absent).
"""
from __future__ import annotations

import pandas as pd
import pytest
import yaml

from analysis import paths, segment, sentiment
from analysis.pipeline import Results

NEWSMTSC = paths.SHARED_BENCHMARKS / "sentiment" / "newsmtsc"


def _att(rows):
    cols = ["attribution_id", "source_text", "content_start", "content_end", "identification",
            "kind", "side", "resolved_text"]
    return pd.DataFrame(rows, columns=cols)


def _stage(text, attributions=None):
    return sentiment.sentiment_stage(
        text, {"sentences": segment.split_sentences(text), "attributions": attributions}
    )


# ---------------------------------------------------------------- TextBlob fidelity and fixes
@pytest.mark.parametrize(
    "text",
    [
        "A very bad decision.",
        "The plan is not good at all!",
        "It was a truly wonderful, happy and extremely successful day.",
        "Officials gave no clear answer about the terrible losses.",
        "Nothing here is scored",
    ],
)
def test_unfixed_scores_equal_textblob(text):
    from textblob.en.sentiments import PatternAnalyzer

    expected = PatternAnalyzer().analyze(text)
    got = sentiment.polarity_subjectivity(text, fixes=False)
    assert got == pytest.approx((expected.polarity, expected.subjectivity), abs=1e-3)


def test_news_fixes_change_the_known_misreadings():
    # TextBlob reads "rose" as the positive adjective, "allegedly" as negative and
    # "special military operation" as positive.
    assert sentiment.polarity_subjectivity("The death toll rose.", fixes=False)[0] > 0
    assert sentiment.polarity_subjectivity("The death toll rose.")[0] < 0
    assert sentiment.polarity_subjectivity("He allegedly took the money.", fixes=False)[0] < 0
    assert sentiment.polarity_subjectivity("He allegedly took the money.")[0] == 0
    assert sentiment.polarity_subjectivity("The special military operation went on.", fixes=False)[0] > 0
    assert sentiment.polarity_subjectivity("The special military operation went on.")[0] == 0


def test_negation_of_contractions_works_with_fixes():
    assert sentiment.polarity_subjectivity("It isn't a bad idea.", fixes=False)[0] < 0
    assert sentiment.polarity_subjectivity("It isn't a bad idea.")[0] > 0
    assert sentiment.polarity_subjectivity("It's not a good plan.")[0] < 0


def test_fixes_yaml_entries_are_documented_and_in_range():
    data = yaml.safe_load(sentiment.FIXES_PATH.read_text(encoding="utf-8"))
    entries = data["words"] + data["phrases"]
    assert len(entries) > 30
    for e in entries:
        assert (e.get("word") or e.get("phrase")), e
        assert e.get("note"), e
        assert -1.0 <= e["polarity"] <= 1.0 and 0.0 <= e["subjectivity"] <= 1.0, e


def test_loaded_words_offsets_point_into_the_text():
    text = "Critics called it a  shameful, very bad and startling “special military operation”."
    lw = sentiment.loaded_words(text)
    assert list(lw.columns) == sentiment.LOADED_COLUMNS
    for start, end, word in lw[["start", "end", "word"]].itertuples(index=False):
        assert " ".join(text[start:end].lower().split()) == word.replace(" !", "!")
    assert "very bad" in lw["word"].tolist()
    phrase = lw.loc[lw["word"] == "special military operation"]
    assert len(phrase) == 1 and phrase["rule"].item().startswith("sentiment_fixes.yaml")
    assert lw.loc[lw["word"] == "very bad", "rule"].item() == "en-sentiment.xml"


# ---------------------------------------------------------------- the stage and its voices
TEXT = ('The mayor said: "This is a terrible, stupid plan." Engineers called the design '
        '"excellent and safe". The dam is 40 metres high.')


def test_stage_splits_narrator_and_voices():
    q1 = (TEXT.index("This"), TEXT.index('plan."') + 5)
    q2 = (TEXT.index('"excellent') + 1, TEXT.index('safe"') + 4)
    att = _att([
        (0, "The mayor", *q1, "named", "direct", "city", pd.NA),
        (1, "Engineers", *q2, "vague", "direct", pd.NA, "the engineers"),
    ])
    df = _stage(TEXT, att)
    assert list(df.columns) == sentiment.SENTIMENT_COLUMNS
    assert df["unit"].value_counts().to_dict() == {"sentence": 3, "voice": 2, "article": 1, "narrator": 1}
    voices = df.loc[df["unit"] == "voice"].set_index("unit_id")
    assert voices.loc[0, "polarity"] < 0 and voices.loc[1, "polarity"] > 0
    assert voices.loc[0, "voice"] == "The mayor" and voices.loc[1, "voice"] == "the engineers"
    assert voices.loc[0, "side"] == "city" and voices.loc[1, "identification"] == "vague"
    assert "terrible(-1)" in voices.loc[0, "drivers"]
    narrator = df.loc[df["unit"] == "narrator"].iloc[0]
    # The narrator's words carry none of the quoted judgements.
    assert "terrible" not in narrator["drivers"] and "excellent" not in narrator["drivers"]
    assert narrator["n_words"] + voices["n_words"].sum() == df.loc[df["unit"] == "article", "n_words"].item()
    sentences = df.loc[df["unit"] == "sentence"]
    assert sentences["voice"].tolist()[0] == "The mayor"
    for s, e in sentences[["start", "end"]].itertuples(index=False):
        assert TEXT[s:e] in TEXT and e > s


@pytest.mark.parametrize(
    "text",
    ["", "   \n ", "Der Bundestag hat das Gesetz am Donnerstag beschlossen.",
     "Он сказал, что всё хорошо.", 'He said "no and left', "!!! ??? ...", "ÉTAT İSTANBUL ǅ"],
)
def test_bad_input_gives_neutral_results(text):
    df = _stage(text)
    assert list(df.columns) == sentiment.SENTIMENT_COLUMNS
    if text.strip():
        assert (df["polarity"].abs() <= 1).all()
    assert sentiment.polarity_subjectivity(text)[0] == pytest.approx(0.0, abs=0.5)


def test_malformed_attributions_are_ignored():
    att = _att([
        (0, "A", pd.NA, pd.NA, "named", "direct", pd.NA, pd.NA),        # no content span
        (1, "B", 50, 10, "named", "direct", pd.NA, pd.NA),              # end before start
        (2, "C", 5, 10_000, "named", "direct", pd.NA, pd.NA),           # past the end: clipped
    ])
    df = _stage(TEXT, att)
    voices = df.loc[df["unit"] == "voice"]
    assert voices["unit_id"].tolist() == [2]
    assert voices["end"].item() == len(TEXT)
    assert len(_stage(TEXT, att.iloc[0:0])) == len(_stage(TEXT, None))


def test_very_long_input_is_neutral_where_empty():
    text = ("The committee met on Tuesday and adopted the budget for the coming year. " * 4200)
    assert len(text.split()) > 50_000
    df = _stage(text)
    assert (df.loc[df["unit"] == "sentence", "polarity"] == 0).all()


# ---------------------------------------------------------------- aggregations
def _results():
    texts = [TEXT, "Officials said the talks were good. The weather was awful and sad."]
    tables = []
    for aid, text in zip(["a1", "a2"], texts):
        if aid == "a1":
            q = (text.index("This"), text.index('plan."') + 5)
            att = _att([(0, "The mayor", *q, "named", "direct", "city", pd.NA)])
        else:
            q = (text.index("the talks"), text.index("good") + 4)
            att = _att([(0, "Officials", *q, "institutional", "indirect", "state", pd.NA)])
        tables.append(_stage(text, att).assign(article_id=aid))
    articles = pd.DataFrame({"article_id": ["a1", "a2"], "outlet": ["X", "Y"], "text": texts})
    return Results(articles=articles, tables={"sentiment": pd.concat(tables, ignore_index=True)})


def test_tone_by_voice_compares_narrator_and_quotes():
    out = sentiment.tone_by_voice(_results()).set_index("article_id")
    assert out.loc["a1", "quoted_polarity"] < out.loc["a1", "narrator_polarity"]
    assert out.loc["a2", "quoted_polarity"] > 0 > out.loc["a2", "narrator_polarity"]
    assert out.loc["a1", "n_voices"] == 1
    assert out["polarity_gap"].round(4).tolist() == (out["quoted_polarity"] - out["narrator_polarity"]).round(4).tolist()
    assert sentiment.tone_by_voice(pd.DataFrame()).empty


def test_tone_by_side_outlet_and_identification():
    res = _results()
    side = sentiment.tone_by_side(res).set_index("side")
    assert set(side.index) == {"city", "state", "narrator"}
    assert side.loc["city", "polarity"] < 0 < side.loc["state", "polarity"]
    assert side.loc["narrator", "n"] == 2
    outlet = sentiment.tone_by(res, "outlet").set_index("outlet")
    assert outlet.loc["X", "n"] == 1 and "narrator_polarity" in outlet.columns
    ident = sentiment.tone_by(res, "identification").set_index("identification")
    assert set(ident.index) == {"named", "institutional"}
    with pytest.raises(KeyError):
        sentiment.tone_by(res, "no_such_column")


def test_most_loaded_shows_text_and_drivers():
    top = sentiment.most_loaded(_results(), n=2, min_words=3)
    assert len(top) == 2
    assert top["loadedness"].is_monotonic_decreasing
    first = top.iloc[0]
    assert first["text"] and first["drivers"]
    assert any(w.split("(")[0] in first["text"].lower() for w in first["drivers"].split())


# ---------------------------------------------------------------- target sentiment
def test_target_label_on_constructed_sentences():
    t = "Critics slammed Smith for the disastrous plan."
    assert sentiment.target_label(t, t.index("Smith"), t.index("Smith") + 5) == "negative"
    t = "Voters praised Jones, who won a remarkable victory and was hailed as a hero."
    assert sentiment.target_label(t, t.index("Jones"), t.index("Jones") + 5) == "positive"
    t = "Brown said the vote would take place next week."
    assert sentiment.target_label(t, 0, 5) == "neutral"
    assert -1 <= sentiment.target_polarity(t, 0, 5) <= 1


def test_target_bad_input_and_missing_model_fallback(tmp_path):
    assert sentiment.target_label("", 0, 0) == "neutral"
    assert sentiment.target_polarity("", 5, 2) == 0.0
    t = "Critics slammed Smith for the disastrous plan."
    assert sentiment.target_label(t, 40, 500) in sentiment.LABELS  # offsets clipped
    res = sentiment._predict([(t, 16, 21)], model_path=tmp_path / "missing.joblib")
    polarity, label, method = res[0]
    assert method.startswith("rules (no model file") and label == "negative" and polarity < 0
    out = sentiment.target_sentiment(t, pd.DataFrame({"start": [16], "end": [21]}))
    assert list(out.columns) == sentiment.TARGET_COLUMNS and out["method"].item() == "newsmtsc-logreg"


def test_model_file_is_small():
    assert sentiment.MODEL_PATH.is_file()
    assert sentiment.MODEL_PATH.stat().st_size < 5_000_000


def test_newsmtsc_dev_rw_reaches_target(shared):
    from analysis.evaluate import sentiment as ev

    scores = ev.run(NEWSMTSC / "dev_rw.jsonl", baselines=False)
    assert scores["method"] == "newsmtsc-logreg"
    assert scores["model"]["macro_f1"] >= 0.60


def test_stage_on_real_articles(shared):
    # speed: benchmarks/run.py (stage ratio against PatternTagger), never a timed test
    texts = [p.read_text(encoding="utf-8") for p in sorted((paths.POLNEAR / "dev" / "text").glob("*.txt"))]
    sents = [segment.split_sentences(t) for t in texts]
    sentiment.sentiment_stage("warm up.", {})
    for t, s in zip(texts, sents):
        df = sentiment.sentiment_stage(t, {"sentences": s})
        assert (df["polarity"].abs() <= 1).all()


def test_seed_article(seed_text):
    df = sentiment.sentiment_stage(seed_text, {"sentences": segment.split_sentences(seed_text)})
    assert (df["unit"] == "sentence").sum() > 5
    lw = sentiment.loaded_words(seed_text)
    assert len(lw) > 0 and (lw["end"] > lw["start"]).all()


# ---------------------------------------------------------------- fast path = token-by-token path
# The plain token-by-token walk, kept here as the oracle the fast path (sentiment._assess) must equal.
def _tokens(text: str, start: int, end: int, lex: sentiment._Lexicon):
    """``(start, end, lower-case token)`` of ``text[start:end]``: words, "!", phrases of the
    fixes as one token, "n't" split off its verb when ``lex.fixes`` (TextBlob itself splits it
    into n ' t, so "isn't" never negates there)."""
    seg = text[start:end]
    low = seg.lower()
    if len(low) != len(seg):  # a rare character whose lower case is longer
        low = "".join(ch.lower()[:1] for ch in seg)
    phrases = []
    if lex.phrase_re is not None and any(f in low for f in lex.phrase_firsts):
        phrases = [(m.start(), m.end()) for m in lex.phrase_re.finditer(low)]
    k = 0
    for m in sentiment._TOKEN_RE.finditer(low):
        s0 = m.start()
        if phrases and k < len(phrases):
            ps, pe = phrases[k]
            if s0 >= ps:
                if s0 < pe:
                    if s0 == ps:
                        yield start + ps, start + pe, " ".join(low[ps:pe].split())
                    continue
                k += 1
        w = m.group()
        if "'" in w or "’" in w:
            w = w.replace("’", "'")
            if w.endswith("n't") and len(w) > 3:
                e0 = start + m.end()
                if lex.fixes:
                    yield start + s0, e0 - 3, w[:-3]
                    yield e0 - 3, e0, "n't"
                else:  # pattern: "do n ' t" -> "do" (then one-letter bits that change nothing)
                    yield start + s0, e0 - 3, w[:-3]
                continue
            head = w.split("'")[0]
            yield start + s0, start + s0 + len(head), head
            continue
        yield start + s0, start + m.end(), w

def _assess_tokens(tokens, lex: sentiment._Lexicon) -> tuple[list, int]:
    """The general path of :func:`_assess` over ``(start, end, token)`` triples."""
    a: list[list] = []  # [start, end, words, p, s, i, n, rule]
    m = None            # preceding modifier word
    n = None            # preceding negation (word, start)
    words, negs = lex.words, lex.negations
    n_words = 0
    for t0, t1, w in tokens:
        if w == "!":
            if a:
                a[-1][3] = sentiment._clip(a[-1][3] * 1.25)
                a[-1][2].append("!")
                a[-1][1] = t1
            continue
        n_words += 1
        e = words.get(w)
        if e is None:
            if n is None and m is None:
                if w in negs:
                    n = (w, t0)
                continue
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
            continue
        p, s, i, is_mod, rule = e
        if m is None:
            a.append([t0, t1, [w], p, s, i, 1, rule])
        else:
            cur = a[-1]
            cur[2].append(w)
            cur[1] = t1
            cur[3] = sentiment._clip(p * cur[5])
            cur[4] = sentiment._clip(s * cur[5])
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
    out = [
        (s0, e0, " ".join(ws), p * -0.5 if neg < 0 else p, s, rule)
        for s0, e0, ws, p, s, _i, neg, rule in a
    ]
    return out, n_words

def test_fast_assess_equals_the_token_walk():
    from analysis.corpus import load_articles

    texts = load_articles(paths.EXAMPLES).articles.text.tolist() + [
        "It isn't a bad idea!!", "Not very good. not good at all!", "The death toll rose. Death  toll rose!",
        "never, ever good", "İstanbul is NOT really terrible’s!", "", "!!!", "don't won't can't isn’t",
        "Pretty good, super special: white house at least no doubt.", "very very very!", "not!", "n't"]
    for fixes in (True, False):
        lex = sentiment._lexicon(fixes)
        for t in texts:
            for s, e in segment.sentence_spans(t) + [(0, len(t))]:
                fast = sentiment._assess(t, s, e, lex)
                assert fast == _assess_tokens(_tokens(t, s, e, lex), lex), t[s:e]


def test_sentiment_rows_equal_sentiment_stage():
    text = 'Officials said: "It is a terrible, stupid plan." The dam is new.'
    att = _att([(0, "Officials", 17, 48, "named", pd.NA, "direct", pd.NA)])
    ctx = {"sentences": segment.split_sentences(text), "attributions": att}
    pd.testing.assert_frame_equal(sentiment.sentiment_rows(text, ctx).frame(), sentiment.sentiment_stage(text, ctx))


def test_phrase_keys_gate_changes_no_score():
    """Searching a span for the fixes' phrases only when it holds a key word found in the whole
    text gives the scores of searching every span (random spans too, which may cut words)."""
    import random

    texts = ["The death\ntoll rose at  least to 40. White House staff, not only them, had no comment.",
             "AT LEAST \u03a3 ten died; super Tuesday. Pretty much over.", "\u0130stanbul: at least 3.",
             "No phrase here at all.", ""]
    rng = random.Random(3)
    for fixes in (True, False):
        lex = sentiment._lexicon(fixes)
        for t in texts:
            keys = sentiment._phrase_keys_in(t, lex)
            spans = segment.sentence_spans(t) + [(0, len(t))]
            spans += [tuple(sorted((rng.randrange(len(t) + 1), rng.randrange(len(t) + 1)))) for _ in range(30)]
            for s, e in spans:
                assert sentiment._assess(t, s, e, lex, keys) == sentiment._assess(t, s, e, lex), (t, s, e)
    assert sentiment._lexicon(True).phrase_keys
