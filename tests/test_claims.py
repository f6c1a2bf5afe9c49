"""Claims, claim clusters, near-duplicates and claim matching (analysis.claims, .similarity, .duplicates)."""
from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from analysis import claims, duplicates, paths, similarity
from analysis.claims import CLAIM_COLUMNS, CLUSTER_COLUMNS, SUMMARY_COLUMNS
from analysis.segment import split_sentences


# --- extraction -----------------------------------------------------------------------------------
def test_empty_and_bad_input_give_empty_tables_with_columns():
    for text in ["", "   ", "Das ist ein Satz ohne Zahlen und ohne Namen.", '"Unbalanced quote and no end']:
        out = claims.extract_claims(text)
        assert out.columns.tolist() == CLAIM_COLUMNS
    assert claims.claims_stage("", {}).columns.tolist() == CLAIM_COLUMNS
    assert claims.claims_stage("", {"sentences": pd.DataFrame(), "attributions": None}).empty


def test_unattributed_claims_need_a_checkable_signal_and_skip_questions_and_headlines():
    text = ("Floods Hit The North\n"
            "Officials counted 42 flooded homes in Leeds on Friday. Is the dam safe? "
            "It was a gloomy and sad day for everyone.")
    out = claims.extract_claims(text)
    assert out["text"].tolist() == ["Officials counted 42 flooded homes in Leeds on Friday."]
    row = out.iloc[0]
    assert text[row.start:row.end] == row.text
    assert row.rule == "unattributed-declarative" and not row.attributed
    assert "number" in row.reasons and 0 < row.checkworthiness <= 1


def test_attribution_content_becomes_an_attributed_hedged_claim():
    text = "The army allegedly seized 3 villages near the river, the ministry said on Monday."
    cue = text.index("said")
    content_end = text.index(", the ministry")
    att = pd.DataFrame({"attribution_id": [0], "content_start": [0], "content_end": [content_end],
                        "cue_start": [cue], "cue_end": [cue + 4], "identification": ["institutional"],
                        "side": ["gov"], "chain_depth": [0], "via": pd.array([None], dtype="Int64")})
    h = text.index("allegedly")
    hedges = pd.DataFrame({"hedge_id": [0], "start": [h], "end": [h + 9], "cue": ["allegedly"]})
    out = claims.extract_claims(text, split_sentences(text), att, hedges)
    assert len(out) == 1  # the sentence itself is not counted again as an unattributed claim
    row = out.iloc[0]
    assert row.attributed and row.attribution_id == 0 and row.rule == "attribution-content"
    assert row.hedged and row.hedge_cue == "allegedly"
    assert row.source_identification == "institutional" and row.side == "gov"
    assert text[row.start:row.end] == row.text == text[:content_end]
    # without hedges nothing is hedged; without attributions the sentence is an unattributed claim
    plain = claims.extract_claims(text)
    assert not plain["hedged"].any() and not plain["attributed"].any() and len(plain) == 1


@pytest.mark.parametrize("cue, is_claim", [("discussed", False), ("noted", False), ("called for", False),
                                           ("found", True), ("reported", True)])
def test_a_verbless_object_is_a_claim_only_after_a_cue_that_asserts_it(cue, is_claim):
    text = f"The inspectors {cue} traces of a military explosive on the fragments of the gate."
    s = text.index("traces")
    att = pd.DataFrame({"attribution_id": [0], "content_start": [s], "content_end": [len(text) - 1],
                        "cue_start": [15], "cue_end": [15 + len(cue)]})
    assert bool(claims.extract_claims(text, attributions=att)["attributed"].any()) == is_claim


def test_quote_fragments_are_not_claims():
    text = 'He called it "a total disgrace" on Monday in the capital city.'
    s, e = text.index('"'), text.rindex('"') + 1
    att = pd.DataFrame({"attribution_id": [0], "content_start": [s], "content_end": [e]})
    out = claims.extract_claims(text, attributions=att)
    assert not out["attributed"].any()


@pytest.mark.parametrize("content, is_claim", [
    ("about the plan of recovery and modernization of the whole national economy", False),
    ("in the sincerity of the intention of the government to fulfil all of its commitments", False),
    ("to the regional governors and the heads of the military administrations of the east", False),
    ("to ban all imports of grain from the region until the end of the next harvest season", True),
    ("in order to finish the bridge before winter, the engineers are working day and night", True),
    ("her ahead by 3 points in the latest poll of likely voters in the state of Ohio", True),
    # a topic named without a verb is not a statement either
    ("the next package of sanctions against the regime and its closest business partners", False),
    ("the importance of preventing a food crisis in the poorest countries of the world", False),
    ("Prime Minister of the Netherlands Mark Rutte and President of Finland Sauli Niinisto", False),
    ("the governor plans to visit the flooded towns of the north on Sunday morning", True),
    ("the new bridge costs too much for a town of this size and the council knows it", True),
    ("it's all about creating some enthusiasm around the race in the final weeks", True),
    ("the army seized three villages in the east of the region on Monday night", True),
    ("the 40,000 troops stationed along the border with the neighbouring country", True),
    # an infinitive inside a noun phrase states nothing; right after the cue it is the complement
    ("the progress of the special operation to protect the civilians of the region", False),
    ("the decision of the council to grant the city the status of a free port", False),
    ("the council to grant the city the status of a free port by the end of May", True),
])
def test_cue_objects_are_not_claims(content, is_claim):  # the cue is "spoke", a topic cue
    text = f"The minister spoke {content}."
    s = text.index(content)
    att = pd.DataFrame({"attribution_id": [0], "content_start": [s], "content_end": [s + len(content)],
                        "cue_start": [13], "cue_end": [18]})
    out = claims.extract_claims(text, attributions=att)
    assert bool(out["attributed"].any()) == is_claim, content


def test_dtypes_and_ids():
    text = "Police arrested 12 people in Leeds. Officials said 40 homes in York were flooded."
    out = claims.extract_claims(text)
    assert out["claim_id"].tolist() == list(range(len(out)))
    assert str(out["attribution_id"].dtype) == "Int64" and str(out["sentence_id"].dtype) == "Int64"
    assert out["attributed"].dtype == bool and out["hedged"].dtype == bool


def _seed_inputs(text: str) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Attributions and hedges for the seed article, found with generic patterns at run time."""
    sents = split_sentences(text)
    rows = []
    m = re.search(r",\s+according to\b", text)
    sent = sents[(sents.start <= m.start()) & (sents.end > m.start())].iloc[0]
    src = re.compile(r"\b[A-Z]{3,}\b").search(text, m.end())
    cite = re.compile(r"\bciting\s+").search(text, src.end())
    rows.append(dict(attribution_id=0, sentence_id=int(sent.sentence_id), source_text=src.group(),
                     source_start=src.start(), source_end=src.end(), cue_start=m.start() + 2,
                     cue_end=m.end(), content_start=int(sent.start), content_end=m.start(),
                     identification="named", side="russia", via=None, chain_depth=0))
    end = text.index(".", cite.end())
    rows.append(dict(attribution_id=1, sentence_id=int(sent.sentence_id), source_text=text[cite.end():end],
                     source_start=cite.end(), source_end=end, cue_start=cite.start(),
                     cue_end=cite.start() + 6, content_start=int(sent.start), content_end=m.start(),
                     identification="institutional", side="russia", via=0, chain_depth=1))
    att = pd.DataFrame(rows).astype({"via": "Int64"})
    cues = re.compile(r"\b(?:allegedly|reportedly|alleged|if verified|if substantiated|could|might)\b")
    hed = pd.DataFrame([{"hedge_id": k, "start": h.start(), "end": h.end(), "cue": h.group()}
                        for k, h in enumerate(cues.finditer(text))])
    return sents, att, hed


def test_seed_article_claims_hedged_and_attributed(seed_text):
    sents, att, hed = _seed_inputs(seed_text)
    out = claims.extract_claims(seed_text, sents, att, hed)
    assert len(out) >= 4
    for r in out.itertuples():
        assert seed_text[r.start:r.end] == r.text
        assert not r.text.endswith("?")
    headline_end = seed_text.index("\n")
    assert (out["start"] > headline_end).all(), "the headline label is not a claim"
    first = out[out["attributed"]].iloc[0]
    assert first.attribution_id == 1, "the deepest relay (the cited agencies) owns the content"
    assert first.hedged and first.hedge_cue == "allegedly" and first.side == "russia"
    unattributed = out[~out["attributed"]]
    assert len(unattributed) >= 2 and unattributed["hedged"].any()
    # every claim that contains a hedge cue inside its span is marked hedged
    for r in out.itertuples():
        inside = ((hed.start >= r.start) & (hed.start < r.end)).any()
        assert r.hedged == inside


def test_seed_article_claims_through_the_pipeline(seed_text):
    """With the real attribution and hedge stages: every 'reportedly' sentence keeps a claim (the
    attribution without a source does not hide it), and hedged marks follow the cues inside."""
    from analysis.pipeline import analyze

    res = analyze(pd.DataFrame({"text": [seed_text]}))
    out, hed = res.tables["claims"], res.tables["hedges"]
    assert len(out) >= 8
    reported = out[out["hedge_cue"] == "reportedly"]
    assert len(reported) >= 1 and not reported["attributed"].any()
    for r in out.itertuples():
        inside = ((hed.start >= r.start) & (hed.start < r.end)).any()
        assert r.hedged == inside


def test_long_text():
    # speed: benchmarks/run.py (long input scaling ratio)
    text = ("Officials said 40 homes in York were flooded on Monday. The river rose by 2 metres. " * 3000)
    out = claims.extract_claims(text)
    words = len(text.split())
    assert words >= 45_000 and len(out) > 0


# --- clustering -----------------------------------------------------------------------------------
def _claims_table(rows):
    return pd.DataFrame(rows, columns=["article_id", "claim_id", "text"])


def test_cluster_paraphrases_across_articles_and_keep_different_numbers_apart():
    c = _claims_table([
        ("a", 0, "Russian forces took control of a village in the Kharkiv region."),
        ("b", 0, "Russian troops have taken control of a village in Kharkiv region, TASS said."),
        ("c", 0, "The central bank raised its key interest rate by half a point."),
        ("d", 0, "Floods killed 12 people in the north of the country."),
        ("e", 0, "Floods killed 40 people in the north of the country."),
    ])
    out = claims.cluster_claims(c)
    assert out.columns.tolist() == CLUSTER_COLUMNS
    groups = out.groupby("cluster_id")["article_id"].apply(sorted).tolist()
    assert ["a", "b"] in groups and ["c"] in groups and ["d"] in groups and ["e"] in groups
    assert out.groupby("cluster_id")["representative"].sum().eq(1).all()
    assert out.loc[out.representative, "similarity"].eq(1).all()
    assert out["similarity"].between(0, 1).all()


def test_cluster_empty_and_single():
    assert claims.cluster_claims(_claims_table([])).columns.tolist() == CLUSTER_COLUMNS
    assert claims.cluster_claims(None).empty
    one = claims.cluster_claims(_claims_table([("a", 0, "Rain fell in Leeds on Monday.")]))
    assert one["cluster_id"].tolist() == [0]


def test_blocking_bounds_candidate_pairs():
    texts = ["Troops seized the bridge near Kalino on Monday."] * 200
    i, j = claims._candidate_pairs(texts, block=50, top_n=5, min_word_sim=0.2, max_df=1.0)
    assert len(i) <= 200 * 5 and (i < j).all()


def _synthetic(n: int, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    who = [f"{a} {b}" for a in ("Polish", "French", "Kenyan", "Chilean", "Irish")
           for b in ("farmers", "police", "pilots", "miners", "judges")]
    verb = ["closed", "opened", "blocked", "inspected", "rebuilt", "sold"]
    obj = ["bridge", "airport", "factory", "school", "hospital", "port", "dam"]
    texts = [f"{rng.choice(who)} {rng.choice(verb)} the {rng.choice(obj)} in Town{rng.integers(500)} "
             f"on day {rng.integers(1, 365)}." for _ in range(n)]
    return pd.DataFrame({"article_id": [str(k // 5) for k in range(n)], "claim_id": np.arange(n) % 5, "text": texts})


def test_clustering_20k_synthetic_claims():
    # time and memory at 10k-100k claims: benchmarks/bench_claims.py and benchmarks/run.py
    df = _synthetic(20_000)
    out = claims.cluster_claims(df)
    assert len(out) == len(df) and out[["article_id", "claim_id"]].duplicated().sum() == 0


def _example_claim_texts() -> list[str]:
    from analysis.corpus import load_articles

    arts = load_articles(paths.EXAMPLES).articles
    return [t[s:e] for t in arts.text for s, e in zip(*split_sentences(t)[["start", "end"]].values.T)]


_TRICKY = ["", "   ", "!!!", "The the the", "a b c dd ee", "Élection: 3,500 votes, 40% turnout in the north-east.",
           "Kyiv’s “heavy” storms — possible…", "ſtrange Kelvin \u212a and İstanbul", "x" * 300, "日本の首相が辞任した。"]


def test_fast_claim_vectors_are_bit_identical_to_similarity():
    # cluster_claims builds the TF-IDF count matrices with numpy; they must be scikit-learn's, bit for bit
    texts = _example_claim_texts() + _TRICKY
    toks = [similarity.tokens(similarity.normalize_text(t)) for t in texts]
    fast, ref = claims._fast_claim_vectors(texts, toks), similarity.claim_vectors(texts)
    assert fast.shape == ref.shape and fast.dtype == ref.dtype
    assert np.array_equal(fast.indptr, ref.indptr) and np.array_equal(fast.indices, ref.indices)
    assert np.array_equal(fast.data, ref.data)
    assert claims._fast_vectors_agree()
    for few in (["Only stop words: the and of."], ["", ""], ["!!!"]):
        a = claims._fast_claim_vectors(few, [similarity.tokens(t) for t in few])
        b = similarity.claim_vectors(few)
        assert a.shape == b.shape and np.array_equal(a.toarray(), b.toarray())


def test_fast_blocking_matrix_matches_sklearn_with_max_df():
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = _example_claim_texts()
    toks = [similarity.tokens(t) for t in texts]
    for max_df in (1.0, 0.05, 0.01):
        ref = TfidfVectorizer(analyzer=similarity.tokens, sublinear_tf=True, dtype=np.float32,
                              max_df=max_df).fit_transform(texts).tocsr()
        fast = claims._tfidf(claims._count_matrix(*claims._bigram_occurrences(toks, False), len(texts),
                                                  max_df=max_df)).tocsr()
        assert np.array_equal(fast.indices, ref.indices) and np.array_equal(fast.data, ref.data)
    with pytest.raises(ValueError):
        claims._count_matrix(*claims._bigram_occurrences([[], []], False), 2)


def test_signal_regexes_equal_the_word_tests():
    # _signals tests number words / event prefixes with regexes; they must agree with word-by-word tests
    def words_number(span):
        return bool(re.search(r"\d", span)) or not claims._NUMBER_WORDS.isdisjoint(
            w.strip(".,;:") for w in span.lower().split())

    def words_event(span):
        return any(w.startswith(claims._EVENT_PREFIXES) for w in span.lower().split())

    spans = _example_claim_texts() + _TRICKY + ["Two.", "(two)", ";one:", "twofold", "Hundreds of", "Killed.",
                                                "unkilled", "x\u00a0killed", "seven-year"]
    for span in spans:
        reasons = claims._signals(span)
        assert ("number" in reasons) == words_number(span), span
        assert ("event verb" in reasons) == words_event(span), span
        for rx, low in ((claims._CAUSAL, claims._CAUSAL_LOW), (claims._OPINION, claims._OPINION_LOW)):
            assert claims._search_i(rx, low, span) == bool(rx.search(span)), span
    assert claims._search_i(claims._OPINION, claims._OPINION_LOW, "I THINK so") is True


def test_claims_rows_equal_extract_claims():
    text = ("Troops seized the northern village, the ministry said. Officials counted 42 flooded homes "
            "in Leeds on Friday. Is it true?")
    att = pd.DataFrame({"attribution_id": [0], "content_start": [0], "content_end": [34],
                        "identification": ["institutional"], "side": [None], "chain_depth": [0]})
    ctx = {"attributions": att, "sentences": split_sentences(text)}
    pd.testing.assert_frame_equal(claims.claims_rows(text, ctx).frame(), claims.claims_stage(text, ctx))
    assert len(claims.claims_rows("", {})) == 0


# --- summaries --------------------------------------------------------------------------------------
def _corpus():
    articles = pd.DataFrame({
        "article_id": ["a1", "a2", "a3", "a4"],
        "outlet": ["wire", "paper", "blog", "paper"],
        "published": pd.to_datetime(["2024-05-01 08:00", "2024-05-01 12:00", "2024-05-02 09:00", "2024-05-03 09:00"], utc=True),
        "text": ["x"] * 4,
    })
    text = "Troops seized the northern bridge at dawn"
    cl = pd.DataFrame({
        "article_id": ["a1", "a2", "a3", "a4"], "claim_id": [0, 0, 0, 0], "text": [text] * 4,
        "hedged": [True, False, False, True], "attributed": [True, True, True, False],
        "attribution_id": pd.array([1, 0, 0, None], dtype="Int64"),
    })
    att = pd.DataFrame({
        "article_id": ["a1", "a1", "a2", "a3"], "attribution_id": [0, 1, 0, 0],
        "source_text": ["TASS", "law enforcement agencies", "TASS", "Tass"],
        "resolved_text": ["TASS", "law enforcement agencies", "TASS", "Tass"],
        "via": pd.array([None, 0, None, None], dtype="Int64"),
    })
    return articles, cl, att


def test_summary_follows_via_to_root_and_flags_circular_sourcing():
    articles, cl, att = _corpus()
    cl3 = cl[cl.article_id != "a4"]
    cc = claims.cluster_claims(cl3)
    s = claims.claim_cluster_summary(cc, cl3, articles, att)
    assert s.columns.tolist() == SUMMARY_COLUMNS and len(s) == 1
    row = s.iloc[0]
    assert row.origin_source == "TASS"  # a1's claim is relayed "citing" agencies via TASS
    assert row.n_articles == 3 and row.n_outlets == 3 and row.n_origins == 1 and row.circular
    assert str(row.first_seen) == "2024-05-01" and row.first_outlet == "wire"
    assert row.hedged_share == pytest.approx(1 / 3)


def test_a_later_flat_repeat_is_no_new_origin_but_the_first_carriers_own_reporting_is():
    articles, cl, att = _corpus()
    cc = claims.cluster_claims(cl)
    s = claims.claim_cluster_summary(cc, cl, articles, att).iloc[0]
    # a4 (two days later) asserts it without attribution: it carries the claim but cannot corroborate it
    assert s.n_origins == 1 and s.n_untraced == 1 and s.circular and s.support == "circular"
    dup = pd.DataFrame({"article_id": ["a4"], "duplicate_of": ["a1"], "similarity": [0.9], "rule": ["x"]})
    s2 = claims.claim_cluster_summary(cc, cl, articles, att, dup).iloc[0]
    assert s2.n_independent_articles == 3 and s2.n_articles == 4
    assert s2.n_origins == 1 and s2.n_untraced == 0 and s2.circular
    # the same unattributed sentence published FIRST is that outlet's own reporting: a second origin
    early = articles.assign(published=articles["published"].where(articles.article_id != "a4",
                                                                  pd.Timestamp("2024-04-30", tz="UTC")))
    s3 = claims.claim_cluster_summary(cc, cl, early, att).iloc[0]
    assert s3.n_origins == 2 and s3.n_untraced == 0 and not s3.circular and s3.support == "corroborated"


def _carrier_corpus(source_texts, identifications, cues, sides=None):
    """b1 (first) cites a named minister; b2 and b3 carry the same claim later with the given sources."""
    n = len(source_texts)
    ids = [f"b{i + 1}" for i in range(n)]
    articles = pd.DataFrame({"article_id": ids, "outlet": [f"outlet{i}" for i in range(n)],
                             "published": pd.to_datetime([f"2024-05-0{i + 1}" for i in range(n)], utc=True),
                             "text": ["x"] * n})
    text = "Troops seized the northern bridge at dawn"
    cl = pd.DataFrame({"article_id": ids, "claim_id": [0] * n, "text": [text] * n, "hedged": [False] * n,
                       "attributed": [s is not None for s in source_texts],
                       "attribution_id": pd.array([0 if s is not None else None for s in source_texts], dtype="Int64")})
    keep = [i for i, s in enumerate(source_texts) if s is not None]
    att = pd.DataFrame({"article_id": [ids[i] for i in keep], "attribution_id": [0] * len(keep),
                        "source_text": [source_texts[i] for i in keep],
                        "identification": [identifications[i] for i in keep], "cue_text": [cues[i] for i in keep],
                        "side": [(sides or [None] * n)[i] for i in keep],
                        "via": pd.array([None] * len(keep), dtype="Int64")})
    return claims.claim_cluster_summary(claims.cluster_claims(cl), cl, articles, att).iloc[0]


@pytest.mark.parametrize("source, identification, cue", [
    ("sources", "anonymous", "say"),             # an unspecified crowd
    ("two insiders", "anonymous", "said"),
    ("analysts", "vague", "suggest"),
    (None, "none", "reportedly"),                 # agentless
    ("he", "pronoun", "said"),                    # unresolved pronoun
    ("Foreign Minister Jan Ek", "named", "denied"),  # a denial carries the claim but does not originate it
    ("Foreign Minister Jan Ek", "named", "flatly rejected"),
])
def test_later_carriers_that_cannot_corroborate_are_untraced(source, identification, cue):
    first = ("Defence Minister Ola Berg", "named", "said")
    s = _carrier_corpus([first[0], source if source else ""], [first[1], identification], [first[2], cue])
    assert s.n_origins == 1 and s.n_untraced == 1 and not s.circular and s.support == "single-sourced", s.to_dict()


def test_described_anonymous_and_self_sourced_carriers_are_origins_and_sides_label_one_sided_support():
    s = _carrier_corpus(["Defence Minister Ola Berg", "a source close to the investigation", "The Ledger"],
                        ["named", "anonymous", "self"], ["said", "told", "has learned"])
    assert s.n_origins == 3 and s.n_untraced == 0 and s.support == "corroborated"
    assert s.origin_sides == "unknown"
    one_side = _carrier_corpus(["Defence Minister Ola Berg", "the army's press office"], ["named", "institutional"],
                               ["said", "confirmed"], sides=["north", "north"])
    assert one_side.n_origins == 2 and one_side.origin_sides == "north" and one_side.support == "one-sided"
    two_sides = _carrier_corpus(["Defence Minister Ola Berg", "the army's press office"], ["named", "institutional"],
                                ["said", "confirmed"], sides=["north", "south"])
    assert two_sides.origin_sides == "north, south" and two_sides.support == "corroborated"


def test_an_outlet_cited_for_a_claim_it_only_repeated_flatly_gives_no_origin():
    # b2 (a tabloid) repeats b1's claim flatly; b3 cites the tabloid: both trace back to nothing new
    articles = pd.DataFrame({"article_id": ["b1", "b2", "b3"], "outlet": ["Wire", "The Clarion", "Ledger"],
                             "published": pd.to_datetime(["2024-05-01", "2024-05-02", "2024-05-03"], utc=True),
                             "text": ["x"] * 3})
    text = "Troops seized the northern bridge at dawn"
    cl = pd.DataFrame({"article_id": ["b1", "b2", "b3"], "claim_id": [0, 0, 0], "text": [text] * 3,
                       "hedged": [True, False, False], "attributed": [True, False, True],
                       "attribution_id": pd.array([0, None, 0], dtype="Int64")})
    att = pd.DataFrame({"article_id": ["b1", "b3"], "attribution_id": [0, 0],
                        "source_text": ["a source close to the investigation", "The Clarion"],
                        "identification": ["anonymous", "named"], "cue_text": ["told", "reported"],
                        "via": pd.array([None, None], dtype="Int64")})
    s = claims.claim_cluster_summary(claims.cluster_claims(cl), cl, articles, att).iloc[0]
    assert s.n_origins == 1 and s.n_untraced == 2 and s.support == "single-sourced"


def test_aggregations():
    articles, cl, att = _corpus()
    cc = claims.cluster_claims(cl)
    s = claims.claim_cluster_summary(cc, cl, articles, att)
    assert claims.claim_travel(s)["n_articles"].tolist() == [4]
    traj = claims.hedging_trajectory(cc, cl, articles)
    assert traj["article_id"].tolist() == ["a1", "a2", "a3", "a4"]
    assert traj["position"].tolist() == [0, 1, 2, 3]
    assert traj["hardened"].tolist() == [False, True, True, False]
    assert claims.corroboration(s)["support"].tolist() == ["circular"]  # a4's later flat repeat adds no origin
    assert claims.circular_sourcing(s)["cluster_id"].tolist() == s["cluster_id"].tolist()
    assert claims.claim_cluster_summary(claims.cluster_claims(None), cl).empty


def test_corpus_stages():
    from types import SimpleNamespace

    articles, cl, att = _corpus()
    res = SimpleNamespace(articles=articles, tables={"claims": cl, "attributions": att})
    out = claims.claim_clusters_stage(res)
    assert out["cluster_id"].nunique() == 1 and len(out) == 4
    assert duplicates.near_duplicates_stage(res)["duplicate_of"].eq("a1").all()  # identical one-word texts


# --- near duplicates -------------------------------------------------------------------------------
def test_near_duplicates_find_wire_copies_only():
    wire = ("The ministry said on Monday that troops had seized the bridge over the river and that "
            "fighting continued in the villages to the east of the city late into the night.")
    arts = pd.DataFrame({
        "article_id": ["copy", "orig", "other"],
        "published": pd.to_datetime(["2024-05-02", "2024-05-01", "2024-05-01"], utc=True),
        "text": ["EXCLUSIVE. " + wire + " Reporting by staff.", wire,
                 "A parliamentary committee approved the budget for schools and hospitals on Monday."],
    })
    out = duplicates.find_near_duplicates(arts)
    assert out.columns.tolist() == duplicates.DUPLICATE_COLUMNS
    assert out[["article_id", "duplicate_of"]].values.tolist() == [["copy", "orig"]]
    assert 0.6 <= out["similarity"].iloc[0] <= 1
    assert duplicates.find_near_duplicates(arts.head(1)).empty
    assert duplicates.find_near_duplicates(arts.iloc[0:0]).empty


# --- matching ----------------------------------------------------------------------------------------
def test_match_claims_ranks_the_paraphrase_first():
    cands = ["The mayor announced the Main Street bridge will close in May for repairs.",
             "Vaccines cause autism, according to a viral post.",
             "A photo shows a shark swimming on a flooded highway in Houston.",
             "The senator voted against the farm bill in 2019."]
    queries = ["Shark on the highway?! Houston flooding is insane #HurricaneHarvey pic.twitter.com/abc",
               "Main St bridge closing in May, says @MayorSmith"]
    assert [r[0] for r in similarity.match_claims(queries, cands, k=2)] == [2, 0]
    assert all(len(r) == 2 for r in similarity.match_claims(queries, cands, k=2))
    assert similarity.match_claims(queries, []) == [[], []]
    assert similarity.match_claims([], cands) == []
    assert len(similarity.RERANK_WEIGHTS) == len(similarity.FEATURE_NAMES)


def test_clean_social():
    text, author = similarity.clean_social("Big news #BreakingNews from @CityHall https://t.co/x "
                                           "— Jane Roe (@janeroe) March 3, 2020")
    assert text == "Big news Breaking News from City Hall" and author == "Jane Roe"


def test_clef_dev_map_beats_bm25_baseline(shared):
    from analysis.evaluate import claims as ev

    dev = paths.SHARED_BENCHMARKS / "claims" / "clef2020-t2" / "dev"
    scores = ev.run(dev, refit=False)
    assert scores["match_claims_map@5"] >= 0.82
    assert scores["match_claims_map@5"] > scores["bm25_map@5"]


def test_match_features_tweet_handle_and_date():
    idx = similarity.build_index(["Singer Zed Quix died in a crash in August 2019.",
                                  "Zed Quix released an album in May 2018.", "Floods hit the north."])
    q = "I'm alive, stop it — ZEDQUIX (@zedquix) August 3, 2019"
    cand, F = similarity.candidate_features(idx, [q])[0]
    names = list(similarity.FEATURE_NAMES)
    feat = {int(c): dict(zip(names, row)) for c, row in zip(cand, F)}
    assert feat[0]["handle_in_claim"] == 1 and feat[1]["handle_in_claim"] == 1
    assert feat[0]["month_year_match"] == 1 and feat[1]["month_year_match"] == 0
    assert similarity.match_claims([q], ["Singer Zed Quix died in a crash in August 2019.",
                                         "Zed Quix released an album in May 2018."], k=1) == [[0]]


def test_train_cv_reported(shared):
    from analysis.evaluate import claims as ev

    scores = ev.run(paths.SHARED_BENCHMARKS / "claims" / "clef2020-t2" / "dev", boosted=False)
    assert scores["train_cv_listwise linear (shipped method)_map@5"] > 0.84


@pytest.mark.parametrize("sentence, is_claim", [
    ("Hundreds of thousands of people in the Kessa valley.", False),  # no verb: a line, not a statement
    ("Eternal glory to the rescuers of Kessa who died in the flood!", False),  # a cheer
    ("Our team won 25 medals at the games in Kessa this winter!", True),  # an exclamation with a number
    ("Rescuers in Kessa pulled hundreds of people from the water.", True),
])
def test_unattributed_lines_that_assert_nothing_are_not_claims(sentence, is_claim):
    out = claims.extract_claims(f"The valley was quiet on Monday morning. {sentence}")
    assert bool(out["text"].str.contains("Kessa").any()) == is_claim


def test_claims_that_share_only_names_are_not_one_claim():
    texts = ["President of Varnia Andrei Kessel", "President of Varnia Andrei Kessel visited the flooded town of Dravik",
             "President of Varnia Andrei Kessel signed the new budget law on Monday",
             "Varnian President Andrei Kessel visited the flooded town of Dravik on Monday"]
    c = pd.DataFrame({"article_id": ["a", "b", "c", "d"], "claim_id": [0, 0, 0, 0], "text": texts})
    groups = claims.cluster_claims(c).groupby("cluster_id")["article_id"].apply(sorted).tolist()
    assert sorted(groups) == [["a"], ["b", "d"], ["c"]]


def test_fast_signal_tests_agree_with_plain_ones():
    """The shortcuts of the claim tests (word-count patterns, literal heads before the causal and
    opinion patterns, lazy tags) give what the plain computations give."""
    from analysis import claims as C

    texts = ["", "one two three four", "one, two; three - four five", "a b c d e f g h i", "x " * 12,
             "It led to chaos, they must go.", "Because I THINK so", "As a Result of the war",
             "The plan costs too much", "to Moscow with love", "\u00c9lys\u00e9e blamed on Paris",
             "a" * 20000]
    for t in texts:
        n = len(C._WORDS.findall(t))
        assert (C._FIVE_WORDS.search(t) is not None) == (n >= 5)
        assert (C._TEN_WORDS.search(t) is not None) == (n >= 10)
        assert C._search_i(C._CAUSAL, C._CAUSAL_LOW, t, heads=C._CAUSAL_HEADS) == bool(C._CAUSAL.search(t))
        assert C._search_i(C._OPINION, C._OPINION_LOW, t, heads=C._OPINION_HEADS) == bool(C._OPINION.search(t))
    assert C._CAUSAL_HEADS and C._OPINION_HEADS
    lazy = C._LazyTags("The plan costs too much")
    assert [lazy[i] for i in range(len(lazy))] == [tag for _, tag in C._tags("The plan costs too much")]


def test_char_ngrams_per_distinct_word_match_scikit_learn():
    """The numpy claim vectors (character n-grams keyed once per distinct word) equal
    similarity.claim_vectors bit for bit, whatever the chunk size."""
    from analysis import claims as C

    texts = ["Troops seized the village, the ministry said.", "The village was seized by troops!",
             "a b c dd ee", "", "Élection: 3,500 votes — 40% turnout", "the the the village village",
             "Rain is expected tomorrow in Kyiv’s north"] * 3
    norm = [similarity.normalize_text(t) for t in texts]
    a, b = C._char_wb_occurrences(norm), C._char_wb_occurrences(norm, chunk_words=3)
    assert all(np.array_equal(x, y) for x, y in zip(a, b))
    toks = [similarity.tokens(t) for t in norm]
    X, Y = C._fast_claim_vectors(texts, toks), similarity.claim_vectors(texts)
    assert np.array_equal(X.indptr, Y.indptr) and np.array_equal(X.indices, Y.indices)
    assert np.array_equal(X.data, Y.data)


def test_a_sourceless_attribution_leaves_its_sentence_a_claim():
    from analysis.pipeline import analyze

    text = ("These fighters, reportedly part of a private army, have become the focus of the Kyiv "
            "investigation into 12 deaths.")
    out = analyze(pd.DataFrame({"text": [text]})).tables["claims"]
    assert out[["text", "attributed", "hedge_cue"]].values.tolist() == [[text, False, "reportedly"]]


def test_questions_are_not_claims_even_without_a_question_mark():
    from analysis.attribution import extract_attributions

    text = ("Reporters asked how many people were killed in the strike on the bridge. "
            "The mayor told how soldiers shot 12 civilians near the bridge in March. "
            "She stressed how important it is to rebuild the bridge quickly.")
    att = extract_attributions(text)
    out = claims.extract_claims(text, attributions=att)
    assert any(t.startswith("how soldiers shot 12 civilians") for t in out["text"]), out["text"].tolist()
    assert not any(t.startswith(("how many", "how important")) for t in out["text"]), out["text"].tolist()
    assert claims._is_question("What do you think of the plan") and claims._is_question("why the plan failed")
    assert not claims._is_question("What is happening now is new") and not claims._is_question("However, troops left")


def test_requests_are_not_claims():
    from analysis.attribution import extract_attributions

    text = ("The president called on the European Union to impose 12 new sanctions on the regime in March. "
            "The minister said that 12 new sanctions on the regime were imposed in March.")
    att = extract_attributions(text)
    out = claims.extract_claims(text, attributions=att)
    assert not any(t.startswith("the European Union to impose") for t in out["text"]), out["text"].tolist()
    assert any(t.startswith("12 new sanctions on the regime were imposed") for t in out["text"]), out["text"].tolist()


def test_origins_count_one_actor_once_and_follow_a_carrying_outlet_to_its_source():
    articles = pd.DataFrame({
        "article_id": ["b1", "b2", "b3"], "outlet": ["TASS", "wire", "paper"],
        "published": pd.to_datetime(["2024-05-01", "2024-05-02", "2024-05-03"], utc=True), "text": ["x"] * 3,
    })
    text = "Troops seized the northern bridge at dawn"
    cl = pd.DataFrame({"article_id": ["b1", "b2", "b3"], "claim_id": [0, 0, 0], "text": [text] * 3,
                       "hedged": [True, False, False], "attributed": [True, True, True],
                       "attribution_id": pd.array([0, 0, 0], dtype="Int64")})
    # TASS's own story names an anonymous source; the others cite TASS, spelled two ways
    att = pd.DataFrame({"article_id": ["b1", "b2", "b3"], "attribution_id": [0, 0, 0],
                        "source_text": ["a source close to the investigation", "TASS", "Russia's news agency TASS"],
                        "via": pd.array([None, None, None], dtype="Int64")})
    s = claims.claim_cluster_summary(claims.cluster_claims(cl), cl, articles, att).iloc[0]
    assert s.n_independent_articles == 3 and s.n_origins == 1 and s.circular


def test_an_outlet_repeating_its_own_first_report_traces_back_to_it():
    # a presidency's daily formula: first stated by the outlet itself, then repeated without attribution
    articles = pd.DataFrame({"article_id": ["p1", "p2", "p3", "w1"],
                             "outlet": ["president.example", "president.example", "president.example", "Wire"],
                             "published": pd.to_datetime(["2024-05-01", "2024-05-02", "2024-05-03", "2024-05-04"],
                                                         utc=True), "text": ["x"] * 4})
    text = "Five servicemen were posthumously awarded the title of Hero"
    cl = pd.DataFrame({"article_id": ["p1", "p2", "p3", "w1"], "claim_id": [0] * 4, "text": [text] * 4,
                       "hedged": [False] * 4, "attributed": [False] * 4,
                       "attribution_id": pd.array([None] * 4, dtype="Int64")})
    att = pd.DataFrame({"article_id": pd.Series([], dtype=str), "attribution_id": pd.Series([], dtype=int),
                        "source_text": pd.Series([], dtype=str), "via": pd.Series([], dtype="Int64")})
    cc = claims.cluster_claims(cl)
    s = claims.claim_cluster_summary(cc, cl, articles, att).iloc[0]
    assert s.n_origins == 1 and s.n_untraced == 1 and s.circular  # the wire's flat repeat stays untraced
    carriers = claims.claim_carriers(cc, cl, articles, att)
    assert carriers["trace"].tolist() == ["own", "own", "own", "unsourced"]
    assert carriers["origin"].tolist()[:3] == ["article:p1"] * 3


def test_hedging_change_labels_each_travelling_claim():
    traj = pd.DataFrame({"cluster_id": [0, 0, 0, 1, 1, 2, 2, 3, 3], "position": [0, 1, 2, 0, 1, 0, 1, 0, 1],
                         "article_id": list("abcdefghi"), "outlet": ["W", "T", "P", "W", "P", "W", "P", "W", "P"],
                         "hedged": [True, True, False, False, True, True, True, False, False],
                         "hardened": [False, False, True, False, False, False, False, False, False]})
    out = claims.hedging_change(traj)
    assert out["change"].tolist() == ["lost its hedge", "gained a hedge", "hedged throughout", "never hedged"]
    assert out["hardened_by"].iloc[0] == "P" and out["n_carriers"].tolist() == [3, 2, 2, 2]
    assert set(out["change"]) <= set(claims.HEDGING_CHANGES)
    assert claims.hedging_change(traj.iloc[:0]).empty
