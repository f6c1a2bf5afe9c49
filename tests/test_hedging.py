"""Hedges: lexicon, precision vetoes, seed article, stage contract, aggregations, CoNLL-2010 score."""
from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest

from analysis import hedging, paths, segment
from analysis.hedging import HEDGE_COLUMNS, find_hedges, hedges_stage, is_uncertain, load_lexicon


def cues(text: str) -> list[tuple[str, str]]:
    return [tuple(r) for r in find_hedges(text)[["cue", "category"]].values.tolist()]


# ----------------------------------------------------------------- lexicon


def test_every_entry_documented_and_categorised():
    table = load_lexicon().table()
    core = table[~table["induced"]]
    assert len(core) >= 30
    assert (core["note"].str.len() > 5).all(), core[core["note"].str.len() <= 5]
    assert set(core["category"]) == {"hedge", "conditional", "unverified", "weasel", "booster"}
    assert table["rule"].str.match(r"^hedges\.yaml:\w+:\S+$").all()


def test_weak_ids_exist():
    lex = load_lexicon()
    assert lex.weak <= set(lex.table()["id"])


def test_load_lexicon_cached_and_extensible(tmp_path):
    assert load_lexicon() is load_lexicon()
    extra = tmp_path / "mine.yaml"
    extra.write_text("entries:\n  - id: mooted\n    category: hedge\n    match: ['mooted']\n"
                     "    note: floated\n", encoding="utf-8")
    mine = load_lexicon(extra)
    assert find_hedges("A merger was mooted.", lexicon=mine)["rule"].tolist() == ["hedges.yaml:hedge:mooted"]
    assert find_hedges("A merger was mooted.").empty
    with pytest.raises(ValueError):
        load_lexicon({"entries": [{"id": "x", "category": "nonsense", "match": ["x"]}]})


# ----------------------------------------------------------------- categories


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The troops allegedly fled.", ("allegedly", "hedge")),
        ("He reportedly resigned.", ("reportedly", "hedge")),
        ("The video purportedly shows the strike.", ("purportedly", "hedge")),
        ("The video appears to be a forgery.", ("appears to", "hedge")),
        ("The data suggests a decline.", ("suggests", "hedge")),
        ("The claim, if verified, matters.", ("if verified", "conditional")),
        ("If confirmed, it would be a first.", ("If confirmed", "conditional")),
        ("The report could not be independently verified.", ("could not be independently verified", "unverified")),
        ("The figures are unconfirmed.", ("unconfirmed", "unverified")),
        ("Its origin remains in question.", ("remains in question", "unverified")),
        ("The account has not been verified.", ("has not been verified", "unverified")),
        ("Analysts suggest the offensive stalled.", ("Analysts suggest", "weasel")),
        ("Some say the deal is dead.", ("Some say", "weasel")),
        ("It is believed that he fled.", ("It is believed", "weasel")),
        ("Critics argue the law is vague.", ("Critics argue", "weasel")),
        ("Many believe the vote was rigged.", ("Many believe", "weasel")),
        ("Experts say the dam is unsafe.", ("Experts say", "weasel")),
        ("It was clearly a mistake.", ("clearly", "booster")),
        ("There is no doubt he lied.", ("There is no doubt", "booster")),
        ("The death toll was confirmed by the ministry.", ("confirmed", "booster")),
    ],
)
def test_category(text, expected):
    assert expected in cues(text)


@pytest.mark.parametrize(
    "text",
    [
        "The summit took place in May.",
        "Elections are due on May 5.",
        "Theresa May spoke in London.",
        "The spokesman could not be reached for comment.",
        "She appeared on television on Sunday.",
        "These claims were denied.",
        "I suggest you read the report.",
        "Could this be the end?",
        "The army showed its military might.",
        "The software may not be reproduced without permission.",
        "He is supposed to arrive at noon.",
        "The rebels claimed responsibility for the attack.",
        "The win bolstered Rubio's claim to be the strongest candidate.",
        "Here are some interesting claims from the list.",
        "We could not agree, nor could any money change hands.",
        "He is not known as a debate expert.",
        "We will say loudly and clearly that we disagree.",
        "The exit was clearly marked.",
    ],
)
def test_precision_vetoes(text):
    assert [c for c in cues(text) if c[1] != "booster"] == [], cues(text)


@pytest.mark.parametrize("text, booster", [
    ("The number of confirmed cases rose to 5,000 on Monday.", False),
    ("There were more than 100,000 confirmed deaths by May.", False),
    ("Officials reported 12 confirmed COVID-19 cases.", False),
    ("The ministry confirmed that the dam was hit.", True),
    ("The death toll was confirmed by the ministry.", True),
])
def test_confirmed_counts_are_not_boosters(text, booster):
    assert (("confirmed", "booster") in cues(text)) == booster


def test_may_in_headlines():
    assert ("May", "hedge") in cues("Russia May Strike Kyiv Within Days, Officials Warn\n\nText.")
    assert cues("Peace Talks Will Resume in May, Diplomats Say\n\nText.") == []


def test_negation_policy():
    assert ("not likely", "hedge") in cues("A deal is not likely this year.")
    assert ("unlikely", "hedge") in cues("A deal is unlikely.")
    assert ("no doubt", "booster") in cues("He is no doubt guilty.")
    assert ("not confirmed", "booster") not in cues("The deaths were not confirmed.")


def test_offsets_and_rules_point_into_text():
    text = "Title\n\nThe claim, if verified, could signal a crisis.  Some say it is clearly over."
    hedges = find_hedges(text)
    assert list(hedges.columns) == HEDGE_COLUMNS
    for row in hedges.itertuples():
        assert text[row.start : row.end] == row.cue
        assert row.scope_start <= row.start < row.end <= row.scope_end
        assert row.rule.startswith(f"hedges.yaml:{row.category}:")
    assert hedges["hedge_id"].tolist() == list(range(len(hedges)))
    assert str(hedges["sentence_id"].dtype) == "Int64"


def test_categories_filter():
    assert set(find_hedges("It clearly may rain.", categories=["booster"])["category"]) == {"booster"}


# ----------------------------------------------------------------- seed article


def test_seed_article_hedges(seed_text):
    h = find_hedges(seed_text)
    rules = h["rule"].tolist()
    alleg = h[h["rule"].isin(["hedges.yaml:hedge:allegedly", "hedges.yaml:hedge:alleged"])]
    assert len(alleg) >= 5
    assert "Allegedly" in alleg["cue"].tolist()  # the headline
    assert (alleg["sentence_id"] == 0).any()
    assert (h["rule"] == "hedges.yaml:hedge:reportedly").sum() == 2
    pairs = set(zip(h["cue"].str.lower(), h["category"]))
    for expected in [("if verified", "conditional"), ("if substantiated", "conditional"),
                     ("remains in question", "unverified"), ("awaiting confirmation", "unverified"),
                     ("analysts suggest", "weasel"), ("critics arguing", "weasel")]:
        assert expected in pairs, expected
    assert ("could", "hedge") in pairs and ("might", "hedge") in pairs
    assert "booster" not in set(h["category"])
    assert all(seed_text[s:e] == c for s, e, c in zip(h["start"], h["end"], h["cue"]))
    assert len(rules) == len(set(zip(h["start"], h["end"])))


# ----------------------------------------------------------------- stage and bad input


def test_stage_uses_sentence_ids():
    text = "Headline\n\nHe reportedly left. Critics argue otherwise."
    sentences = segment.split_sentences(text)
    out = hedges_stage(text, {"sentences": sentences})
    assert out["sentence_id"].tolist() == [1, 2]
    assert list(out.columns) == HEDGE_COLUMNS


@pytest.mark.parametrize("text", ["", "   ", "Дума, возможно, примет закон.", "那可能是真的。",
                                  "\"unbalanced quote may", "?", "may"])
def test_bad_input(text):
    for out in (find_hedges(text), hedges_stage(text, {"sentences": segment.split_sentences(text)})):
        assert list(out.columns) == HEDGE_COLUMNS
    assert list(hedges_stage("", {}).columns) == HEDGE_COLUMNS
    assert isinstance(is_uncertain(text), bool)


def test_long_text():
    # speed: benchmarks/run.py (stage ratio and long input scaling ratio), never a timed test
    para = ("Officials said the convoy reportedly crossed the border on May 5, and analysts suggest it "
            "could signal a new phase, if verified. The claim could not be independently verified. ")
    text = "\n\n".join([para] * 1750)  # ~50k words
    n_words = len(text.split())
    assert n_words > 45_000
    out = find_hedges(text)
    assert len(out) == 1750 * 5


# ----------------------------------------------------------------- sentence level


def test_is_uncertain():
    """The lexicon decision (model=None: independent of a locally trained classifier)."""
    assert is_uncertain("Russian forces allegedly seized the village.", model=None)
    assert is_uncertain("Some people say the castle is haunted.", model=None)
    assert is_uncertain("It is widely regarded as one of the finest.", model=None)
    assert not is_uncertain("The bridge opened in 1932.", model=None)
    assert not is_uncertain("The result was clearly wrong.", model=None)
    assert not is_uncertain("Could it rain?", model=None)


# ----------------------------------------------------------------- aggregations


def _results():
    texts = ["Critics argue he allegedly lied. It is clear.", "The bridge opened. It may close."]
    articles = pd.DataFrame({"article_id": [0, 1], "outlet": ["A", "B"], "text": texts,
                             "n_words": [len(t.split()) for t in texts]})
    sents, heds = [], []
    for aid, t in enumerate(texts):
        s = segment.split_sentences(t)
        sents.append(s.assign(article_id=aid))
        heds.append(hedges_stage(t, {"sentences": s}).assign(article_id=aid))
    return SimpleNamespace(articles=articles,
                           tables={"sentences": pd.concat(sents), "hedges": pd.concat(heds)})


def test_hedge_density():
    d = hedging.hedge_density(_results())
    assert list(d.columns) == ["outlet", "category", "n_cues", "n_words", "per_1000_words"]
    assert len(d) == 2 * 5
    a = d.set_index(["outlet", "category"])
    assert a.loc[("A", "weasel"), "n_cues"] == 1 and a.loc[("A", "hedge"), "n_cues"] == 1
    assert a.loc[("B", "hedge"), "per_1000_words"] == pytest.approx(1000 / 6, abs=0.01)
    assert a.loc[("B", "weasel"), "n_cues"] == 0
    with pytest.raises(KeyError):
        hedging.hedge_density(_results(), by="nope")


def test_sentence_uncertainty():
    s = hedging.sentence_uncertainty(_results())
    assert list(s.columns) == ["article_id", "sentence_id", "uncertain", "n_cues", "first_cue", "first_category"]
    assert s["uncertain"].tolist() == [True, False, False, True]
    assert s["first_cue"].iloc[0] == "Critics argue"
    assert s["first_category"].iloc[3] == "hedge"


# ----------------------------------------------------------------- CoNLL-2010


def test_conll_committed_lexicon_beats_baseline(shared):
    from analysis.evaluate import hedges as ev

    path = paths.SHARED_BENCHMARKS / "hedges" / "conll2010-wiki-train.csv"
    if not path.exists():
        pytest.skip(f"{path} absent")
    data = ev.load(path)
    sample = data.sample(2000, random_state=1)
    committed = ev.counts([is_uncertain(t, model=None) for t in sample["text"]], sample["label"])
    base = ev.counts([ev.baseline(t) for t in sample["text"]], sample["label"])
    assert committed["f1"] > base["f1"] + 0.15


def test_conll_heldout_score(shared):
    """The held-out (5-fold CV) F1 of the committed procedure; ~15 s."""
    from analysis.evaluate import hedges as ev

    path = paths.SHARED_BENCHMARKS / "hedges" / "conll2010-wiki-train.csv"
    if not path.exists():
        pytest.skip(f"{path} absent")
    scores = ev.cross_validate(ev.load(path))
    assert scores["f1"] >= 0.60, scores


def test_committed_lists_are_the_procedure_output(shared):
    """hedges.yaml's weak / induced lists are exactly induce() on the whole training file (no hand edits)."""
    from analysis.evaluate import hedges as ev

    path = paths.SHARED_BENCHMARKS / "hedges" / "conll2010-wiki-train.csv"
    if not path.exists():
        pytest.skip(f"{path} absent")
    data = ev.load(path)
    out = ev.induce(data["text"].tolist(), data["label"].to_numpy())
    lex = load_lexicon()
    assert set(out["weak"]) == set(lex.weak)
    induced = lex.table().query("induced")["id"].tolist()
    assert [i["phrase"].replace(" ", "_") for i in out["induced"]] == induced


@pytest.mark.parametrize("text", [
    "Officials ALLEGEDLY said it Could happen, Reportedly.",
    "The \u212aelvin-sign text allegedly reported it; some say \u0130stanbul may fall.",
    "Stra\u00dfe allegedly \u00c9lys\u00e9e reportedly \u017fome say.",
])
def test_lowercase_trigger_scan_is_exact(text):
    """The fast scan of the lower-cased text finds exactly the cues of the case-insensitive scan (and a
    look-alike letter such as the long s, which re.I matches to "s", does not crash the scan)."""
    lex = load_lexicon()
    spans = segment.sentence_spans(text)
    for index in (lex.report_index, lex.sentence_index):
        slow = {k: v for k, v in index.items() if k != hedging._FINDER_LOW}
        assert hedging._scan(text, index, spans) == hedging._scan(text, slow, spans)
    assert hedging._FINDER_LOW in lex.report_index


def test_sanctions_formula_purported_to_act_is_no_hedge():
    text = "The firm acted or purported to act for or on behalf of the bank. The purported video was fake."
    assert find_hedges(text)["cue"].tolist() == ["purported"]
    assert find_hedges(text)["start"].tolist() == [text.index("purported video")]
