"""A learned sentence-uncertainty classifier on top of the hedge lexicon (optional, trained locally).

The lexicon (:mod:`analysis.hedging`) stays the explainable evidence: :func:`~analysis.hedging.find_hedges`
never uses this model. :func:`~analysis.hedging.is_uncertain` does, when a model file trained by
:func:`train` exists in :data:`analysis.paths.TRAINED` (git-ignored: the model is learned from the
CoNLL-2010 sentences, which may not be committed in any form).

The model is a linear SVM (scikit-learn ``LinearSVC``) over two blocks of features of a sentence:

* ``word`` – word 1-3-grams (lower case, digits folded to ``0``, CoNLL bracket tokens such as
  ``-LRB-`` mapped back to ``(``), TF-IDF weighted (sublinear tf, l2-normalised);
* ``rule`` – one binary feature per lexicon entry that fires (``hedges.yaml`` hand-written entries plus
  the ``weak`` / ``induced`` lists, which :func:`fit` re-induces from its own training sentences with
  :func:`analysis.evaluate.hedges.induce`).

The decision threshold is chosen by an inner cross-validation on the training sentences only (the one
that maximises F1 of the uncertain class), so no sentence scores its own threshold. The saved model is a
plain JSON file (feature -> IDF and weight), read without scikit-learn, and every decision can be
explained feature by feature with :func:`explain_uncertainty`. The JSON holds the n-gram vocabulary of
the training sentences, so it stays out of git like the data it comes from.

Measured on the 7,363 CoNLL-2010 Wikipedia sentences (2 cores): :func:`train` ~10 s; held-out F1 0.639
against 0.616 for the lexicon alone (see :mod:`analysis.evaluate.hedges`); ``is_uncertain`` ~5,000
sentences/s (~135k words/s) with the model, ~39,000 with the lexicon only.

>>> texts = ["Some critics say it may be fake.", "The bridge opened in 1932.", "It is widely believed to be old.",
...          "The river is 30 km long.", "Many say it could rain.", "The town has a church."] * 3
>>> model = fit(texts, [1, 0, 1, 0, 1, 0] * 3, inner_folds=0, induce_options={"min_count": 100})
>>> model.predict("Critics say it may be old."), model.predict("The church opened in 1932.")
(True, False)
>>> explain_uncertainty("Critics say it may be old.", model=model, top=2)[["kind", "feature"]].values.tolist()
[['rule', 'may'], ['rule', 'vague_source_says']]
"""
from __future__ import annotations

import collections
import datetime as _dt
import functools
import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping, Sequence

import numpy as np
import pandas as pd

from . import hedging, paths

__all__ = ["HedgeModel", "fit", "train", "load_model", "explain_uncertainty", "MODEL_FILE", "features"]

MODEL_FILE = "hedges_model.json"
FORMAT = "sourcelens-hedge-svm/1"

# CoNLL / Penn Treebank token conventions mapped back to plain text (harmless on news text).
_DETOKENIZE = (
    (re.compile(r"-LRB-|-LCB-"), "("), (re.compile(r"-RRB-|-RCB-"), ")"),
    (re.compile(r"-LSB-"), "["), (re.compile(r"-RSB-"), "]"),
    (re.compile(r"``|''"), '"'),
    (re.compile(r" (n't|'s|'re|'ve|'ll|'d|'m)\b", re.IGNORECASE), r"\1"),
)
_WORD = re.compile(r"\w+|[\"'()?]")
_DIGITS = re.compile(r"\d+")


def _normalize(text: str) -> str:
    for rx, rep in _DETOKENIZE:
        text = rx.sub(rep, text)
    return _DIGITS.sub("0", text.replace("’", "'").replace("“", '"').replace("”", '"').lower())


def features(sentence: str, n_max: int = 3) -> list[str]:
    """The word n-gram features of a sentence (``n_max`` = longest n-gram), in order.

    >>> features("It is said -LRB- 1990 -RRB-.", n_max=2)[:6]
    ['it', 'is', 'said', '(', '0', ')']
    >>> features("Some say", n_max=2)
    ['some', 'say', 'some say']
    """
    toks = _WORD.findall(_normalize(sentence)) if isinstance(sentence, str) else []
    out = list(toks)
    for n in range(2, n_max + 1):
        out.extend(" ".join(toks[i:i + n]) for i in range(len(toks) - n + 1))
    return out


def _rule_hits(sentence: str, lexicon: hedging.Lexicon) -> list[str]:
    """Ids of the lexicon entries that fire in the sentence (reported and sentence-level cues, vetoes
    applied, weak entries included).

    >>> _rule_hits("Critics argue it may fall in May.", hedging.load_lexicon())
    ['may', 'vague_source_says']
    """
    if not isinstance(sentence, str) or not sentence.strip():
        return []
    span = [(0, len(sentence))]
    ids = {e.id for _, _, e in hedging._scan(sentence, lexicon.report_index, span)}
    ids.update(e.id for _, _, e in hedging._scan(sentence, lexicon.sentence_index, span))
    return sorted(ids)


@dataclass(frozen=True)
class HedgeModel:
    """A trained linear model: per word feature ``(idf, weight)``, per lexicon entry a weight, an
    intercept and the decision threshold; ``lexicon_lists`` are the ``weak`` / ``induced`` lists it
    was trained with (applied on top of the shipped hand-written entries)."""

    words: Mapping[str, tuple[float, float]]
    rules: Mapping[str, float]
    intercept: float
    threshold: float
    n_max: int = 3
    lexicon_lists: Mapping = field(default_factory=lambda: {"weak": [], "induced": []})
    meta: Mapping = field(default_factory=dict)

    @functools.cached_property
    def lexicon(self) -> hedging.Lexicon:
        return hedging.load_lexicon(dict(self.lexicon_lists))

    def contributions(self, sentence: str) -> list[tuple[str, str, float, float]]:
        """``(kind, feature, value, value * weight)`` of every known feature present in the sentence."""
        counts: dict[str, int] = {}
        for g in features(sentence, self.n_max):
            if g in self.words:
                counts[g] = counts.get(g, 0) + 1
        vals = {g: (1.0 + math.log(c)) * self.words[g][0] for g, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in vals.values())) or 1.0
        out = [("word", g, v / norm, v / norm * self.words[g][1]) for g, v in vals.items()]
        out.extend(("rule", r, 1.0, self.rules[r]) for r in _rule_hits(sentence, self.lexicon)
                   if r in self.rules)
        return out

    def score(self, sentence: str) -> float:
        """The SVM decision value (higher = more uncertain); the sum of :meth:`contributions` plus the
        intercept, computed without building them."""
        words = self.words
        counts = collections.Counter(g for g in features(sentence, self.n_max) if g in words)
        sq = dot = 0.0
        for g, c in counts.items():
            idf, w = words[g]
            v = (1.0 + math.log(c)) * idf if c > 1 else idf
            sq += v * v
            dot += v * w
        total = dot / math.sqrt(sq) if sq else 0.0
        rules = self.rules
        return self.intercept + total + sum(rules.get(r, 0.0) for r in _rule_hits(sentence, self.lexicon))

    def predict(self, sentence: str) -> bool:
        """True when :meth:`score` reaches the threshold chosen on the training folds."""
        if not isinstance(sentence, str) or not sentence.strip():
            return False
        return self.score(sentence) >= self.threshold

    def to_json(self) -> dict:
        return {"format": FORMAT, "n_max": self.n_max, "intercept": self.intercept,
                "threshold": self.threshold, "lexicon_lists": dict(self.lexicon_lists),
                "meta": dict(self.meta), "rules": dict(self.rules),
                "words": {g: list(v) for g, v in self.words.items()}}

    @classmethod
    def from_json(cls, data: Mapping) -> "HedgeModel":
        if data.get("format") != FORMAT:
            raise ValueError(f"not a hedge model of format {FORMAT!r}: {data.get('format')!r}")
        return cls(words={g: (float(i), float(w)) for g, (i, w) in data["words"].items()},
                   rules={r: float(w) for r, w in data["rules"].items()},
                   intercept=float(data["intercept"]), threshold=float(data["threshold"]),
                   n_max=int(data.get("n_max", 3)), lexicon_lists=data.get("lexicon_lists", {}),
                   meta=data.get("meta", {}))


# --------------------------------------------------------------------------- training


def _fit_linear(texts: Sequence[str], y: np.ndarray, *, c: float, n_max: int, min_df: int,
                induce_options: Mapping) -> HedgeModel:
    """The SVM on the given sentences, threshold 0 (see :func:`fit`)."""
    from scipy.sparse import csr_matrix, hstack
    from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
    from sklearn.svm import LinearSVC

    from .evaluate.hedges import induce

    lists = induce(texts, y, **induce_options) if induce_options is not None else {"weak": [], "induced": []}
    lexicon = hedging.load_lexicon(lists)
    words = TfidfVectorizer(analyzer=lambda s: features(s, n_max), min_df=min_df, sublinear_tf=True)
    rules = CountVectorizer(analyzer=lambda s: _rule_hits(s, lexicon), binary=True)
    xw = words.fit_transform(texts)
    try:
        xr = rules.fit_transform(texts)
    except ValueError:  # no entry fired on any training sentence
        rules, xr = None, csr_matrix((len(texts), 0))
    svm = LinearSVC(C=c).fit(hstack([xw, xr]).tocsr().astype(float), y)
    coef = svm.coef_.ravel()
    nw = xw.shape[1]
    vocab = words.get_feature_names_out()
    kept = {g: (float(words.idf_[j]), float(coef[j])) for j, g in enumerate(vocab)}
    rule_w = ({r: float(coef[nw + j]) for j, r in enumerate(rules.get_feature_names_out())}
              if rules is not None else {})
    return HedgeModel(words=kept, rules=rule_w, intercept=float(svm.intercept_[0]), threshold=0.0,
                      n_max=n_max, lexicon_lists=lists)


def _best_threshold(scores: np.ndarray, y: np.ndarray) -> float:
    """The score cut-off with the best F1 of class 1 (midpoint between neighbouring scores)."""
    order = np.argsort(-scores)
    s, yy = scores[order], y[order]
    tp = np.cumsum(yy)
    k = np.arange(1, len(s) + 1)
    f1 = 2 * tp / (k + yy.sum())
    last = np.r_[s[1:] != s[:-1], True]  # only cut between distinct scores
    f1 = np.where(last, f1, -1)
    i = int(np.argmax(f1))
    return float((s[i] + s[i + 1]) / 2) if i + 1 < len(s) else float(s[i] - 1e-9)


def fit(texts: Sequence[str], labels: Sequence[int], *, c: float = 0.1, n_max: int = 3, min_df: int = 2,
        inner_folds: int = 3, seed: int = 1, induce_options: Mapping | None = None) -> HedgeModel:
    """Train a :class:`HedgeModel` on sentences and 0/1 labels (1 = uncertain).

    The ``weak`` / ``induced`` lexicon lists are re-induced from these sentences; the threshold is the
    best-F1 cut-off on ``inner_folds``-fold cross-validation scores of the same procedure on these
    sentences (0 = the SVM's own boundary, for tiny examples).
    """
    texts = ["" if not isinstance(t, str) else t for t in texts]
    y = np.asarray(labels, dtype=int)
    opts = dict(induce_options or {})
    threshold = 0.0
    if inner_folds and inner_folds > 1:
        from sklearn.model_selection import StratifiedKFold

        inner = np.zeros(len(y))
        for a, b in StratifiedKFold(inner_folds, shuffle=True, random_state=seed).split(texts, y):
            m = _fit_linear([texts[i] for i in a], y[a], c=c, n_max=n_max, min_df=min_df, induce_options=opts)
            inner[b] = [m.score(texts[i]) for i in b]
        threshold = _best_threshold(inner, y)
    model = _fit_linear(texts, y, c=c, n_max=n_max, min_df=min_df, induce_options=opts)
    meta = {"n_sentences": int(len(y)), "n_uncertain": int(y.sum()), "C": c, "min_df": min_df,
            "inner_folds": inner_folds}
    return HedgeModel(words=model.words, rules=model.rules, intercept=model.intercept, threshold=threshold,
                      n_max=n_max, lexicon_lists=model.lexicon_lists, meta=meta)


def train(csv_path: str | Path, *, out: str | Path | None = None, **options) -> Path:
    """Train on a ``text,label`` CSV (e.g. CoNLL-2010 Wikipedia sentences) and write the model JSON to
    ``paths.TRAINED / "hedges_model.json"`` (or ``out``); returns the path written.

    ``python -m analysis evaluate hedges CSV`` reports the held-out score of exactly this procedure.
    """
    from .evaluate.hedges import load

    data = load(Path(csv_path))
    need = int(options.get("inner_folds", 3))
    counts = {int(k): int(v) for k, v in data["label"].value_counts().items()}
    if counts.get(1, 0) < need or counts.get(0, 0) < need:
        raise ValueError(f"{csv_path}: training needs both labels, at least {need} sentences each; found "
                         f"{counts}. Pass the full CoNLL-2010 training CSV.")
    model = fit(data["text"].tolist(), data["label"].to_numpy(), **options)
    meta = dict(model.meta, trained_on=Path(csv_path).name,
                trained_at=_dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"))
    target = Path(out) if out is not None else paths.TRAINED / MODEL_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    payload = dict(model.to_json(), meta=meta)
    tmp = target.with_suffix(".tmp")
    tmp.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    tmp.replace(target)
    _load_cached.cache_clear()
    return target


# --------------------------------------------------------------------------- loading and explaining


@functools.lru_cache(maxsize=8)
def _load_cached(path: str, mtime: float) -> HedgeModel:
    with open(path, encoding="utf-8") as fh:
        return HedgeModel.from_json(json.load(fh))


def load_model(path: str | Path | None = None) -> HedgeModel | None:
    """The trained model at ``path`` (default ``paths.TRAINED / "hedges_model.json"``), or None when
    there is no such file (cached; a retrained file is picked up).

    >>> load_model("/nonexistent/model.json") is None
    True
    """
    p = Path(path) if path is not None else paths.TRAINED / MODEL_FILE
    try:
        mtime = p.stat().st_mtime
    except OSError:
        return None
    return _load_cached(str(p), mtime)


def explain_uncertainty(sentence: str, *, model: HedgeModel | None = None, top: int = 10) -> pd.DataFrame:
    """Why the model decided as it did: one row per feature present in the sentence, largest absolute
    contribution first (``top`` rows; 0 = all): ``kind`` (``word`` n-gram or lexicon ``rule``),
    ``feature``, ``value``, ``weight`` and ``contribution`` (value x weight; positive pushes towards
    uncertain). The attrs hold ``score``, ``threshold`` and ``uncertain``. Empty without a model.
    """
    cols = ["kind", "feature", "value", "weight", "contribution"]
    model = model or load_model()
    if model is None or not isinstance(sentence, str) or not sentence.strip():
        return pd.DataFrame({c: pd.Series(dtype="object" if c in ("kind", "feature") else "float64")
                             for c in cols})
    rows = model.contributions(sentence)
    table = (
        pd.DataFrame(rows, columns=["kind", "feature", "value", "contribution"])
        .assign(weight=lambda d: d["contribution"] / d["value"].where(d["value"] != 0))
        .assign(_abs=lambda d: d["contribution"].abs())
        .sort_values(["_abs", "feature"], ascending=[False, True], kind="stable")
        .reset_index(drop=True)[cols]
    )
    if top:
        table = table.head(top)
    score = model.intercept + sum(c for *_, c in rows)
    table.attrs.update(score=score, threshold=model.threshold, uncertain=score >= model.threshold)
    return table
