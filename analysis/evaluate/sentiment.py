"""Target-dependent sentiment on NewsMTSC: macro-F1 of :func:`analysis.sentiment.target_label`.

``run(path)`` reads a NewsMTSC ``.jsonl`` file (``dev_rw.jsonl``, ``dev_mt.jsonl``; per line
``sentence_normalized`` and ``targets`` with ``from``, ``to``, ``polarity`` 2/4/6) and prints
macro-F1 and per-class F1 for

* ``model``    - :func:`analysis.sentiment.target_label` (the NewsMTSC logistic regression, or
  the rule fallback when the model file is missing: the ``method`` line says which),
* ``rules``    - the rule method alone (lexicon + news fixes + negation + clause scope),
* ``textblob`` - TextBlob polarity of the whole sentence (> 0.05 positive, < -0.05 negative),
* ``vader``    - VADER compound of the whole sentence (>= 0.05 / <= -0.05), if ``vaderSentiment``
  is installed.

>>> _label_from_score(0.2), _label_from_score(-0.01), _label_from_score(-0.3)
('positive', 'neutral', 'negative')
"""
from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

from .. import sentiment

LABELS = sentiment.LABELS


def _label_from_score(x: float, threshold: float = 0.05) -> str:
    return "positive" if x > threshold else "negative" if x < -threshold else "neutral"


def _f1(gold: list[str], pred: list[str]) -> dict:
    """Per-class F1 and macro-F1 (plain Python, no sklearn needed).

    >>> _f1(["positive", "negative"], ["positive", "neutral"])["macro_f1"]
    0.3333
    """
    out = {}
    for c in LABELS:
        tp = sum(g == c and p == c for g, p in zip(gold, pred))
        fp = sum(g != c and p == c for g, p in zip(gold, pred))
        fn = sum(g == c and p != c for g, p in zip(gold, pred))
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        out[f"f1_{c}"] = round(2 * prec * rec / (prec + rec), 4) if prec + rec else 0.0
    out["macro_f1"] = round(sum(out[f"f1_{c}"] for c in LABELS) / len(LABELS), 4)
    out["accuracy"] = round(sum(g == p for g, p in zip(gold, pred)) / max(len(gold), 1), 4)
    return out


def _vader():
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    except ImportError:
        return None
    return SentimentIntensityAnalyzer()


def run(path: Path | str, **options) -> dict:
    """Score target sentiment on one NewsMTSC file; print a report and return the scores.

    Options: ``baselines`` (default True) adds the rules, TextBlob and VADER rows;
    ``companion`` (default True): scoring ``dev_rw.jsonl`` also scores the ``dev_mt.jsonl``
    beside it (returned under ``"dev_mt"``), so one command reports both dev sets.
    """
    scores = _run_one(path, **options)
    sibling = Path(path).with_name("dev_mt.jsonl")
    if options.get("companion", True) and Path(path).name == "dev_rw.jsonl" and sibling.is_file():
        print()
        scores["dev_mt"] = _run_one(sibling, **options)
    return scores


def _run_one(path: Path | str, **options) -> dict:
    t0 = time.perf_counter()
    data = sentiment.read_newsmtsc(path)
    gold = data["label"].tolist()
    items = list(data[["text", "start", "end"]].itertuples(index=False, name=None))
    results = sentiment._predict(items)
    scores = {"n_targets": len(data), "n_sentences": int(data["text"].nunique()),
              "method": results[0][2] if results else "", "gold": dict(Counter(gold))}
    scores["model"] = _f1(gold, [r[1] for r in results])
    if options.get("baselines", True):
        rules = [sentiment._rule_polarity(*it) for it in items]
        scores["rules"] = _f1(gold, [_label_from_score(p, sentiment._RULE_THRESHOLD) for p in rules])
        tb = [sentiment.polarity_subjectivity(t, fixes=False)[0] for t, _s, _e in items]
        scores["textblob"] = _f1(gold, [_label_from_score(p) for p in tb])
        vader = _vader()
        if vader is not None:
            vs = [vader.polarity_scores(t)["compound"] for t, _s, _e in items]
            scores["vader"] = _f1(gold, [_label_from_score(p) for p in vs])
    scores["seconds"] = round(time.perf_counter() - t0, 1)

    print(f"NewsMTSC target sentiment: {Path(path).name}: {scores['n_targets']} targets in "
          f"{scores['n_sentences']} sentences; gold {scores['gold']}")
    print(f"method of target_label: {scores['method']}")
    print(f"{'system':<10} {'macro-F1':>8} {'F1 neg':>7} {'F1 neu':>7} {'F1 pos':>7} {'acc':>6}")
    for name in ("model", "rules", "textblob", "vader"):
        if name in scores:
            s = scores[name]
            print(f"{name:<10} {s['macro_f1']:>8.3f} {s['f1_negative']:>7.3f} {s['f1_neutral']:>7.3f} "
                  f"{s['f1_positive']:>7.3f} {s['accuracy']:>6.3f}")
    if "vader" not in scores and options.get("baselines", True):
        print("vader: not installed (pip install vaderSentiment to add this baseline)")
    print(f"({scores['seconds']} s)")
    return scores
