"""The benchmark script's long-input section runs and reports a ratio per stage (no time is asserted)."""
from __future__ import annotations

import importlib.util

from analysis import paths
from analysis.corpus import load_articles


def _bench():
    spec = importlib.util.spec_from_file_location("bench_run", paths.ROOT / "benchmarks" / "run.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_long_article_is_one_article_of_about_the_target_length():
    bench = _bench()
    texts = load_articles(paths.EXAMPLES).articles.text.tolist()
    art = bench._long_article(texts, target_words=3_000)
    assert len(art) == 1 and 3_000 <= int(art.n_words.iloc[0]) < 3_000 + max(len(t.split()) for t in texts) + 50


def test_long_input_reports_a_scaling_ratio_per_article_stage():
    bench = _bench()
    texts = load_articles(paths.EXAMPLES).articles.text.tolist()
    per_stage = {name: 100_000.0 for name in bench.ARTICLE_STAGES}
    out = bench._long_input(texts[:2], per_stage, repeat=1, target_words=2_000)
    assert set(bench.ARTICLE_STAGES) <= set(out) and all(v > 0 for v in out.values())
