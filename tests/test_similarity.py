"""Tests for analysis.similarity: the re-ranker (pairwise + listwise linear, rank-averaged) and match_claims."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis import paths, similarity


def test_shipped_weights_cover_every_feature():
    n = len(similarity.FEATURE_NAMES)
    assert len(similarity.RERANK_WEIGHTS) == n
    assert len(similarity.RERANK_PAIRWISE_WEIGHTS) == n
    assert all(np.isfinite(similarity.RERANK_WEIGHTS))


class _ConstantBooster:
    def predict_proba(self, F):
        return np.column_stack([np.zeros(len(F)), np.ones(len(F))])


def test_reranker_rank_average_breaks_ties_by_score():
    F = np.array([[3.0, 0.0], [2.0, 5.0], [0.0, 1.0]])
    alone = similarity.Reranker(np.array([1.0, 0.0]))
    assert alone.score(F).tolist() == [3.0, 2.0, 0.0]  # plain linear score
    boosted = similarity.Reranker(np.array([1.0, 0.0]), _ConstantBooster())
    s = boosted.score(F)  # the booster ties everything: the linear order must decide
    assert np.argsort(-s).tolist() == [0, 1, 2] and len(set(s.tolist())) == 3
    assert boosted.score(np.zeros((0, 2))).shape == (0,)


def test_listwise_fit_learns_the_informative_feature():
    rng = np.random.default_rng(0)
    feats, relevant = [], []
    for _ in range(40):
        F = rng.normal(size=(8, 3))
        gold = int(rng.integers(8))
        F[gold, 1] += 3.0  # feature 1 tells the relevant candidate apart
        feats.append((np.arange(8), F))
        relevant.append({gold})
    w = similarity._fit_listwise(feats, relevant)
    assert w.shape == (3,) and np.argmax(np.abs(w)) == 1 and w[1] > 0
    assert similarity.fit_reranker_on_features(feats, relevant).weights[1] > 0
    assert similarity.fit_reranker_on_features(feats, relevant, listwise=False).weights[1] > 0
    assert not similarity._fit_listwise([], []).any()


def test_ranking_does_not_depend_on_the_candidates_order():
    """Claims tied on a score (here: no title, so BM25-title is 0 for all) must share a rank feature."""
    cands = [f"Officials in town {t} said the {w} was closed after the storm." for t, w in
             zip("ABCDEFGH", ["bridge", "school", "road", "market", "bridge", "port", "road", "park"])]
    queries = ["The bridge was closed after the storm, officials said", "storm closed the road in town C"]
    idx = similarity.build_index(cands)
    perm = [5, 2, 7, 0, 3, 6, 1, 4]
    idx_p = similarity.build_index([cands[p] for p in perm])
    for (c1, F1), (c2, F2) in zip(similarity.candidate_features(idx, queries),
                                  similarity.candidate_features(idx_p, queries)):
        back = np.array(perm)[c2]
        o1, o2 = np.argsort(c1), np.argsort(back)
        assert c1[o1].tolist() == back[o2].tolist()
        np.testing.assert_allclose(F1[o1], F2[o2], rtol=1e-5, atol=1e-6)


def test_match_claims_default_and_explicit_weights():
    cands = ["The mayor said the bridge will close in May.", "Vaccines cause autism, a blog claims.",
             "Floods hit the north of the country."]
    queries = ["Bridge to close in May, says mayor", "blog: vaccines cause autism!!", ""]
    ranked = similarity.match_claims(queries, cands, k=3)
    assert [r[0] for r in ranked[:2]] == [0, 1]
    assert all(sorted(r) == sorted(set(r)) for r in ranked)
    plain = similarity.match_claims(queries, cands, k=3, weights=similarity.RERANK_WEIGHTS)
    assert [r[0] for r in plain[:2]] == [0, 1]
    assert similarity.match_claims(["anything"], []) == [[]]
    assert similarity.match_claims([], cands) == []


@pytest.mark.skipif(not (paths.SHARED_BENCHMARKS / "claims" / "clef2020-t2" / "dev").is_dir(),
                    reason="needs ../shared/benchmarks/claims/clef2020-t2 (absent here; CI has it)")
def test_clef2020_dev_accuracy_does_not_regress():
    """Shipped match_claims on the CLEF 2020 task 2 dev tweets: MAP@5 0.832, P@1 0.772 (raw, not
    deduplicated) when written; 0.820 / 0.751 before the agreement features (BM25 0.760)."""
    from analysis.evaluate.claims import _map_at_k, _read_split

    root = paths.SHARED_BENCHMARKS / "claims" / "clef2020-t2"
    vc = pd.read_csv(root / "verified_claims.docs.tsv", sep="\t", index_col=0)
    queries, rel = _read_split(root / "dev")
    ids = vc.index.to_numpy()
    ranked = similarity.match_claims(queries["tweet_content"].fillna("").tolist(),
                                     vc["vclaim"].fillna("").tolist(), k=5,
                                     titles=vc["title"].fillna("").tolist())
    m, p1 = _map_at_k([[int(ids[d]) for d in top] for top in ranked], queries.index.tolist(), rel)
    assert m >= 0.825 and p1 >= 0.76


def test_fast_normalize_and_tokens_match_the_plain_definitions():
    """normalize_text = str.translate over the punctuation table; tokens' \\w+ = (?u)\\b\\w+\\b."""
    import re

    from analysis import similarity as S

    texts = ["plain ascii", "Ukraine’s “victory” — 2′ – x\u00a0y ‘q’", "", "a_b c-d é_ü 12,5"]
    for t in texts:
        assert S.normalize_text(t) == t.translate(S._PUNCT)
        assert S._TOKEN.findall(t.lower()) == re.findall(r"(?u)\b\w+\b", t.lower())


def test_agreement_features_leave_out_the_candidate_and_its_twins():
    """topic_centrality / sim_to_best compare a candidate with the other first-pass claims only:
    a claim and its exact twin must not raise each other's agreement."""
    cands = ["The bridge over the river closed after the storm.", "The bridge over the river closed after the storm!",
             "The river flooded the town after the storm.", "A new tax on sugar starts in May."]
    idx = similarity.build_index(cands)
    top = similarity._feedback(idx, similarity._score_sources(idx, ["bridge closed after the storm"]), 0)
    assert len(top) == len(set(top.tolist())) and not {0, 1} <= set(top.tolist())  # one of the twins only
    central, to_best = similarity._agreement(idx, np.arange(4), top)
    assert to_best[0] == 0 and to_best[1] == 0  # the best claim and its twin: no self-agreement
    assert 0 < central[2] < 1 and central.shape == (4,)
    cand, F = similarity.candidate_features(idx, ["bridge closed after the storm"])[0]
    names = list(similarity.FEATURE_NAMES)
    assert F[:, names.index("sim_to_best")].tolist() == pytest.approx(
        similarity._agreement(idx, cand, top)[1].tolist())


def test_translation_learns_word_pairs_and_is_off_without_a_table(tmp_path):
    """fit_translation (IBM Model 1 on matched query/claim pairs) links a tweet word to the claim word
    it stands for; without a table the translation column is 0 and the ranking is the shipped one."""
    queries = ["photoshopped picture of the mayor", "photoshopped snap of a shark on the highway",
               "the governor photoshopped again"]
    claims = ["A doctored image shows the mayor.", "A doctored photograph shows a shark on a highway.",
              "A doctored video shows the governor."]
    t = similarity.fit_translation(queries, claims, claims)
    v = t.vocab
    row = t.table[v["photoshop"]].toarray().ravel()
    assert row.argmax() == v["doctor"] and abs(t.table.sum(0).A.ravel().max() - 1) < 1e-9
    t.save(tmp_path / "t.npz")
    back = similarity.Translation.load(tmp_path / "t.npz")
    assert back.words == t.words and (back.table != t.table).nnz == 0 and (back.back != t.back).nnz == 0
    assert t.back[v["doctor"]].toarray().ravel().argmax() == v["photoshop"]  # claim word given tweet word

    cands = ["A doctored picture shows the senator.", "The senator gave a speech in the rain."]
    idx = similarity.build_index(cands)
    col = list(similarity.FEATURE_NAMES).index("translation")
    col_back = list(similarity.FEATURE_NAMES).index("translation_back")
    (cand, F), = similarity.candidate_features(idx, ["senator photoshopped"])
    assert not F[:, col].any() and not F[:, col_back].any()
    (cand_t, F_t), = similarity.candidate_features(idx, ["senator photoshopped"], translation=t)
    assert cand_t.tolist() == cand.tolist() and F_t[list(cand).index(0), col] > F_t[list(cand).index(1), col]
    assert F_t[list(cand).index(0), col_back] > F_t[list(cand).index(1), col_back]
    assert np.delete(F_t, [col, col_back], axis=1).tolist() == np.delete(F, [col, col_back], axis=1).tolist()
    (_, F_w), = similarity.with_translation(idx, ["senator photoshopped"], [(cand, F)], t)
    assert F_w.tolist() == F_t.tolist()
    assert len(similarity.RERANK_TRANSLATION_WEIGHTS) == len(similarity.FEATURE_NAMES)
    assert similarity.match_claims(["senator photoshopped"], cands, k=1, translation=t) == [[0]]
