"""Tests for analysis.similarity: the re-ranker (pairwise + listwise linear, rank-averaged) and match_claims."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis import paths, similarity


def test_shipped_weights_cover_every_feature():
    n = len(similarity.FEATURE_NAMES)
    assert len(similarity.RERANK_WEIGHTS) == n
    assert len(similarity.RERANK_LISTWISE_WEIGHTS) == n
    assert all(np.isfinite(similarity.RERANK_LISTWISE_WEIGHTS))


def test_reranker_sums_the_ranks_of_its_parts():
    F = np.array([[3.0, 0.0], [2.0, 5.0], [0.0, 1.0]])
    alone = similarity.Reranker(np.array([1.0, 0.0]))
    assert alone.score(F).tolist() == [3.0, 2.0, 0.0]  # plain linear score
    both = similarity.Reranker(np.array([1.0, 0.0]), listwise=np.array([0.0, 1.0]))
    assert both.score(F).tolist() == [4.0, 5.0, 3.0]  # ranks 3,2,1 + ranks 1,3,2
    assert both.score(np.zeros((0, 2))).shape == (0,)


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
    r = similarity.fit_reranker_on_features(feats, relevant)
    assert r.listwise is not None and r.weights[1] > 0
    assert similarity.fit_reranker_on_features(feats, relevant, listwise=False).listwise is None
    assert not similarity._fit_listwise([], []).any()


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
    """Shipped match_claims on the CLEF 2020 task 2 dev tweets: MAP@5 0.841 when written (BM25 0.811)."""
    from analysis.evaluate.claims import _map_at_k, _read_split

    root = paths.SHARED_BENCHMARKS / "claims" / "clef2020-t2"
    vc = pd.read_csv(root / "verified_claims.docs.tsv", sep="\t", index_col=0)
    queries, rel = _read_split(root / "dev")
    ids = vc.index.to_numpy()
    ranked = similarity.match_claims(queries["tweet_content"].fillna("").tolist(),
                                     vc["vclaim"].fillna("").tolist(), k=5,
                                     titles=vc["title"].fillna("").tolist())
    m, p1 = _map_at_k([[int(ids[d]) for d in top] for top in ranked], queries.index.tolist(), rel)
    assert m >= 0.83 and p1 >= 0.78
