"""Near-duplicate and wire-copy detection among articles (word 5-shingles, sparse cosine).

Syndicated copies (an agency story reprinted with a new headline or a trimmed ending) share most
of their word 5-shingles; two independent reports on the same event share almost none. Each
article's shingles are hashed into a sparse binary vector, so memory grows with the text, and
cosines are computed in row blocks of a sparse product (never a dense n x n matrix).

>>> import pandas as pd
>>> wire = "Officials said on Monday that the bridge over the river would stay closed for repairs until May."
>>> arts = pd.DataFrame({"article_id": ["a", "b", "c"],
...                      "text": [wire, wire + " More soon.", "A different story about taxes and schools."]})
>>> find_near_duplicates(arts)[["article_id", "duplicate_of", "rule"]].values.tolist()
[['b', 'a', 'word-5-shingle-cosine']]
"""
from __future__ import annotations

import re
from itertools import repeat

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.feature_extraction import FeatureHasher
from sklearn.preprocessing import normalize

__all__ = ["find_near_duplicates", "near_duplicates_stage", "DUPLICATE_COLUMNS"]

DUPLICATE_COLUMNS = ["article_id", "duplicate_of", "similarity", "rule"]
_WORD = re.compile(r"\w+")


def _shingles(text: str, n: int = 5) -> list[str]:
    w = _WORD.findall(text.lower())
    if len(w) < n:
        return [" ".join(w)] if w else []
    return list(map(" ".join, zip(*(w[i:] for i in range(n)))))  # = " ".join(w[i:i + n]) for each i


def _empty() -> pd.DataFrame:
    return pd.DataFrame({"article_id": pd.Series(dtype="string"), "duplicate_of": pd.Series(dtype="string"),
                         "similarity": pd.Series(dtype="float64"), "rule": pd.Series(dtype="string")})


def find_near_duplicates(articles: pd.DataFrame, threshold: float = 0.6, block: int = 1000) -> pd.DataFrame:
    """One row per article that copies an earlier one: ``article_id, duplicate_of, similarity, rule``.

    ``similarity`` is the cosine of binary word-5-shingle vectors (0..1); pairs at or above
    ``threshold`` count. The original is the earlier article (``published`` if present, else table
    order); each copy points to its most similar earlier article. Memory: one sparse block of
    ``block`` rows times all articles at a time.

    >>> find_near_duplicates(pd.DataFrame({"article_id": [], "text": []})).columns.tolist()
    ['article_id', 'duplicate_of', 'similarity', 'rule']
    """
    if articles is None or len(articles) < 2:
        return _empty()
    order = articles.reset_index(drop=True)
    if "published" in order:
        order = order.assign(_t=pd.to_datetime(order["published"], utc=True, errors="coerce"))
        order = order.sort_values("_t", kind="stable", na_position="last").reset_index(drop=True)
    ids = order["article_id"].astype("string").to_numpy()
    # = HashingVectorizer(analyzer=_shingles, n_features=2**22, binary=True, norm=None,
    # alternate_sign=False).transform(texts): its hasher fed (shingle, 1) pairs directly (the
    # vectorizer wraps every shingle in a Python generator first)
    hasher = FeatureHasher(n_features=2**22, input_type="pair", dtype=np.float64, alternate_sign=False)
    X = hasher.transform(zip(_shingles(t), repeat(1)) for t in order["text"].fillna("").astype(str))
    X.data.fill(1)  # binary
    X = normalize(X.astype(np.float32))
    rows = []
    for s in range(0, X.shape[0], block):
        P = (X[s:s + block] @ X.T).tocoo()
        keep = (P.data >= threshold) & (P.col < P.row + s)  # only earlier articles
        if not keep.any():
            continue
        cand = pd.DataFrame({"i": P.row[keep] + s, "j": P.col[keep], "sim": P.data[keep]})
        best = cand.sort_values(["i", "sim", "j"], ascending=[True, False, True]).drop_duplicates("i")
        rows.append(best)
    if not rows:
        return _empty()
    best = pd.concat(rows, ignore_index=True)
    return pd.DataFrame({
        "article_id": pd.array(ids[best["i"]], dtype="string"),
        "duplicate_of": pd.array(ids[best["j"]], dtype="string"),
        "similarity": best["sim"].astype("float64").round(4).to_numpy(),
        "rule": pd.array(["word-5-shingle-cosine"] * len(best), dtype="string"),
    })


def near_duplicates_stage(results) -> pd.DataFrame:
    """Corpus stage: :func:`find_near_duplicates` over ``results.articles``.

    >>> from types import SimpleNamespace
    >>> near_duplicates_stage(SimpleNamespace(articles=pd.DataFrame({"article_id": [], "text": []}))).empty
    True
    """
    return find_near_duplicates(results.articles)
