"""Speed and memory of the pipeline, as ratios against a baseline run in the same process.

Usage: ``python benchmarks/run.py [--corpus PATH] [--repeat N] [--out FILE]`` (``make benchmarks``).

Speed: words per second of each pipeline stage and of the whole pipeline, each divided by the
words per second of the baseline, TextBlob's ``PatternTagger().tag`` (the cheapest real NLP pass
over the same texts, timed in the same process just before). A ratio of 0.5 means "half as fast as
POS-tagging the text". Absolute words/s are printed too, for orientation only: they depend on the
machine, the ratios much less.

A stage's seconds include building its table: stages that return light ``Rows`` have their
one DataFrame per run built by the pipeline, and that time is added to the stage (before the
change it was not counted anywhere). The machine's load moves every number, the baseline too:
compare runs made in the same conditions, and the wall-clock lines for the total.

Long input: the same stages on ONE article of about 50,000 words (the corpus's texts joined with
paragraph breaks), as the issue's adversarial inputs ask. Each stage's words/s on that article is
divided by its words/s on the corpus, the *scaling ratio*: about 1 means the stage is linear in the
article's length; a ratio far below 1 means it slows down on long articles (quadratic work). The
article view (:func:`analysis.view.show_article`) is timed the same way. This replaces timed
assertions in the tests, which only check what long inputs produce.

Memory: peak traced allocation (tracemalloc) of ``analyze`` divided by the size of the input text,
and of ``cluster_claims`` on synthetic claims at two sizes (to show it grows about linearly).

Nothing here is a test; nothing asserts a time. The corpus defaults to PolNeAR dev (../shared)
or, without it, the embedded examples repeated 20 times.
"""
from __future__ import annotations

import argparse
import gc
import json
import sys
import time
import tracemalloc
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis import paths  # noqa: E402
from analysis.corpus import load_articles  # noqa: E402
from analysis.pipeline import ARTICLE_STAGES, CORPUS_STAGES, analyze  # noqa: E402


def _articles(corpus: str | None) -> tuple[pd.DataFrame, str]:
    if corpus:
        return load_articles(corpus).articles, corpus
    if (paths.POLNEAR / "dev").is_dir():
        return load_articles(paths.POLNEAR / "dev").articles, "PolNeAR dev"
    arts = load_articles(paths.EXAMPLES).articles
    many = pd.concat([arts.assign(text=arts.text + f"\n\nCopy {i}.") for i in range(20)],
                     ignore_index=True)
    return load_articles(many[["text", "outlet", "published", "title"]]).articles, "examples x20"


def _baseline_words_per_s(texts: list[str], words: int, repeat: int) -> float:
    from textblob.en.taggers import PatternTagger

    tagger = PatternTagger()
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for t in texts:
            tagger.tag(t)
        best = min(best, time.perf_counter() - t0)
    return words / best


def _claims_memory(n: int) -> float:
    from analysis.claims import cluster_claims

    words = ["troops", "dam", "border", "village", "report", "officials", "said", "captured",
             "bridge", "flooded", "agency", "claimed", "ministry", "denied", "attack", "water"]
    texts = [" ".join(words[(i * k) % len(words)] for k in range(1, 9)) + f" {i % 997}"
             for i in range(n)]
    claims = pd.DataFrame({"article_id": [f"a{i // 10}" for i in range(n)], "claim_id": range(n),
                           "text": texts})
    gc.collect()
    tracemalloc.start()
    cluster_claims(claims)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def _long_article(texts: list[str], target_words: int = 50_000) -> pd.DataFrame:
    """One article of about ``target_words`` words: the corpus's texts joined (repeated if short)."""
    parts: list[str] = []
    n = 0
    texts = [t for t in texts if t.split()]  # (texts without words would never reach the target)
    while n < target_words and texts:
        for t in texts:
            parts.append(t)
            n += len(t.split())
            if n >= target_words:
                break
    return load_articles(pd.DataFrame({"text": ["\n\n".join(parts)], "outlet": ["long"],
                                       "title": ["One long article"]})).articles


def _long_input(texts: list[str], per_stage: dict[str, float], repeat: int, target_words: int = 50_000
                ) -> dict[str, float]:
    """Scaling ratio per stage: words/s on one ~50k-word article over words/s on the corpus."""
    from analysis import view

    art = _long_article(texts, target_words)
    words = int(art.n_words.sum())
    best: dict[str, float] = {}
    results = None
    for _ in range(repeat):
        timings: dict[str, float] = {}
        results = analyze(art, timings=timings)
        for k, v in timings.items():
            best[k] = min(best.get(k, float("inf")), v)
    out = {}
    for name in ARTICLE_STAGES:
        secs = best.get(name, 0.0)
        if secs and per_stage.get(name):
            out[name] = (words / secs) / per_stage[name]
    view_best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        view.show_article(results, art.article_id.iloc[0])
        view_best = min(view_best, time.perf_counter() - t0)
    print(f"long input: one article of {words:,} words; scaling ratio per stage (words/s on it / on the corpus):")
    print("  " + ", ".join(f"{k} {v:.2f}" for k, v in out.items()))
    print(f"  article view (analysis.view.show_article): {words / view_best:,.0f} words/s")
    out["view_words_per_s"] = words / view_best
    return out


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--out", default=str(paths.ROOT / "benchmarks" / "results" / "latest.json"))
    args = ap.parse_args(argv)

    arts, label = _articles(args.corpus)
    texts = arts.text.astype(str).tolist()
    words = int(arts.n_words.sum())
    print(f"corpus: {label}: {len(arts)} articles, {words:,} words")

    base = _baseline_words_per_s(texts, words, args.repeat)
    print(f"baseline PatternTagger().tag: {base:,.0f} words/s (ratio 1.00)")

    best: dict[str, float] = {}
    for _ in range(args.repeat):
        timings: dict[str, float] = {}
        analyze(arts, timings=timings)
        for k, v in timings.items():
            best[k] = min(best.get(k, float("inf")), v)
    rows = []
    for name in [*ARTICLE_STAGES, *CORPUS_STAGES]:
        secs = best.get(name, 0.0)
        wps = words / secs if secs else float("inf")
        rows.append({"stage": name, "seconds": secs, "words_per_s": wps, "ratio": wps / base})
    total = sum(best.values())
    rows.append({"stage": "whole pipeline", "seconds": total, "words_per_s": words / total,
                 "ratio": words / total / base})
    table = pd.DataFrame(rows)
    print(table.to_string(index=False, formatters={"seconds": "{:.3f}".format,
                                                   "words_per_s": "{:,.0f}".format,
                                                   "ratio": "{:.2f}".format}))

    per_stage = {r["stage"]: r["words_per_s"] for r in rows}
    scaling = _long_input(texts, per_stage, args.repeat)

    walls = {}
    for jobs in (1, 2):
        best_wall = float("inf")
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            analyze(arts, n_jobs=jobs)
            best_wall = min(best_wall, time.perf_counter() - t0)
        walls[jobs] = words / best_wall
        print(f"wall clock, analyze(n_jobs={jobs}): {walls[jobs]:,.0f} words/s "
              f"(ratio {walls[jobs] / base:.2f})")

    gc.collect()
    tracemalloc.start()
    analyze(arts)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    text_bytes = sum(len(t.encode("utf-8")) for t in texts)
    mem_ratio = peak / text_bytes
    print(f"memory: analyze peak {peak / 2**20:.1f} MiB = {mem_ratio:.1f} x input text "
          f"({text_bytes / 2**20:.2f} MiB)")
    claims_mem = {}
    if "claim_clusters" in CORPUS_STAGES:
        for n in (10_000, 40_000):
            claims_mem[n] = _claims_memory(n)
        growth = claims_mem[40_000] / claims_mem[10_000]
        print(f"memory: cluster_claims peak {claims_mem[10_000] / 2**20:.1f} MiB at 10k claims, "
              f"{claims_mem[40_000] / 2**20:.1f} MiB at 40k (x{growth:.1f} for x4 claims)")
    result = {"corpus": label, "articles": len(arts), "words": words, "baseline_words_per_s": base,
              "stages": rows, "wall_words_per_s": walls, "memory_peak_over_text": mem_ratio,
              "claims_memory_peak": claims_mem, "long_input_scaling": scaling}
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2, default=float), encoding="utf-8")
    print(f"written {out}")
    return result


if __name__ == "__main__":
    main()
