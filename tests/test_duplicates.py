from __future__ import annotations

import numpy as np
import pandas as pd

from analysis import duplicates


def test_hashed_vectors_equal_the_hashing_vectorizer():
    """find_near_duplicates feeds (shingle, 1) pairs to the hasher: the similarities are those of
    the HashingVectorizer it replaced (binary word-5-shingle vectors, cosine)."""
    from sklearn.feature_extraction.text import HashingVectorizer
    from sklearn.preprocessing import normalize

    wire = "Officials said on Monday that the bridge over the river would stay closed for repairs until May."
    texts = [wire, wire + " More soon.", "A different story about taxes and schools.", "", "one two",
             wire.upper() + " " + wire]
    arts = pd.DataFrame({"article_id": [f"a{i}" for i in range(len(texts))], "text": texts})
    vec = HashingVectorizer(analyzer=duplicates._shingles, n_features=2**22, binary=True, norm=None,
                            alternate_sign=False)
    X = normalize(vec.transform(texts).astype(np.float32))
    sims = (X @ X.T).toarray()
    got = duplicates.find_near_duplicates(arts, threshold=0.0)
    assert len(got)
    for a, b, s in zip(got["article_id"], got["duplicate_of"], got["similarity"]):
        i, j = int(a[1:]), int(b[1:])
        assert s == round(float(sims[i, j]), 4)
