"""Speed and memory of the claims code: extraction words/s, clustering time and peak memory.

Usage: ``python benchmarks/bench_claims.py [--corpus PATH] [--sizes 10000 100000]``

* ``extract_claims`` words/s on real articles (PolNeAR dev from ../shared, else synthetic text),
  with sentences and attributions precomputed (only the claims step is timed), next to the words/s
  of TextBlob's ``PatternTagger().tag`` on the same texts as a machine-independent yardstick.
* ``cluster_claims`` seconds and peak traced memory (tracemalloc) on synthetic short claims at each
  size: memory should grow about linearly (no dense n x n matrix).
* ``find_near_duplicates`` seconds on the articles.

Nothing here asserts; it prints and returns a dict.
"""
from __future__ import annotations

import argparse
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis import claims, duplicates, paths  # noqa: E402
from analysis.segment import split_sentences  # noqa: E402


def _articles(corpus: str | None) -> pd.DataFrame:
    from analysis.corpus import load_articles

    if corpus:
        return load_articles(corpus).articles
    if (paths.POLNEAR / "dev").is_dir():
        return load_articles(paths.POLNEAR / "dev").articles
    text = "Officials said 40 homes in York were flooded on Monday. The river rose by 2 metres. " * 200
    return pd.DataFrame({"article_id": [str(k) for k in range(50)], "text": [text] * 50})


def synthetic_claims(n: int, seed: int = 0) -> pd.DataFrame:
    """``n`` short claims from a small grammar (many near-paraphrases, like wire copy)."""
    rng = np.random.default_rng(seed)
    who = [f"{a} {b}" for a in ("Polish", "French", "Kenyan", "Chilean", "Irish", "Thai", "Greek", "Omani")
           for b in ("farmers", "police", "pilots", "miners", "judges", "nurses")]
    verb = ["closed", "opened", "blocked", "inspected", "rebuilt", "sold", "seized", "left"]
    obj = ["bridge", "airport", "factory", "school", "hospital", "port", "dam", "market"]
    texts = [f"{rng.choice(who)} {rng.choice(verb)} the {rng.choice(obj)} in Town{rng.integers(2000)} "
             f"on day {rng.integers(1, 365)}." for _ in range(n)]
    return pd.DataFrame({"article_id": [str(k // 5) for k in range(n)], "claim_id": np.arange(n) % 5,
                         "text": texts})


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus")
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    args = ap.parse_args(argv)
    out: dict = {}

    arts = _articles(args.corpus)
    texts = arts["text"].tolist()
    words = sum(len(t.split()) for t in texts)
    try:
        from analysis.attribution import attributions_stage
    except ImportError:  # attribution module absent: time claims on sentences only
        attributions_stage = None
    pre = []
    for t in texts:
        s = split_sentences(t)
        a = attributions_stage(t, {"sentences": s}) if attributions_stage else None
        pre.append((t, s, a))
    t0 = time.perf_counter()
    n_claims = sum(len(claims.extract_claims(t, s, a)) for t, s, a in pre)
    el = time.perf_counter() - t0
    from textblob.en.taggers import PatternTagger

    tagger = PatternTagger()
    t1 = time.perf_counter()
    for t in texts:
        tagger.tag(t)
    tag_wps = words / (time.perf_counter() - t1)
    out["extract_words_per_s"] = words / el
    out["tagger_words_per_s"] = tag_wps
    print(f"extract_claims: {len(texts)} articles, {words} words, {n_claims} claims, {el:.2f} s, "
          f"{words / el:,.0f} words/s (PatternTagger {tag_wps:,.0f} words/s, ratio {words / el / tag_wps:.2f})")

    t0 = time.perf_counter()
    d = duplicates.find_near_duplicates(arts)
    print(f"find_near_duplicates: {len(arts)} articles, {len(d)} copies, {time.perf_counter() - t0:.2f} s")

    for n in args.sizes:
        df = synthetic_claims(n)
        tracemalloc.start()
        t0 = time.perf_counter()
        cc = claims.cluster_claims(df)
        el = time.perf_counter() - t0
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        out[f"cluster_{n}_s"] = el
        out[f"cluster_{n}_peak_mib"] = peak / 2**20
        print(f"cluster_claims: {n} synthetic claims, {cc['cluster_id'].nunique()} clusters, {el:.1f} s, "
              f"peak traced memory {peak / 2**20:.0f} MiB")
    return out


if __name__ == "__main__":
    main()
