"""Speed of attribution extraction, in words per second (best of N runs, CPU time).

Usage: ``python benchmarks/bench_attribution.py [--repeat N]``

Times :func:`analysis.attribution.find_attribution_spans` (the rules) and
:func:`analysis.attribution.extract_attributions` (rules + ``analysis.sources`` profiling) on
PolNeAR dev (../shared) or, without it, a constructed article repeated to 50,000 words. Prints
the ratio against TextBlob's ``PatternTagger().tag`` on the same texts for orientation.
Nothing here is a test.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis import paths  # noqa: E402
from analysis.attribution import extract_attributions, find_attribution_spans  # noqa: E402

_CONSTRUCTED = (
    'The mayor said that the bridge will reopen in May. "It is safe," she told reporters. '
    "Officials, according to local media, are divided. Critics argued that the repairs were "
    "rushed, citing an inspection report.\n\n"
)


def _texts() -> tuple[list[str], str]:
    dev = paths.POLNEAR / "dev" / "text"
    if dev.is_dir():
        return [p.read_text(encoding="utf-8") for p in sorted(dev.glob("*.txt"))], "PolNeAR dev"
    text = _CONSTRUCTED * (50_000 // len(_CONSTRUCTED.split()) + 1)
    return [text], "constructed 50k-word article"


def _best(fn, texts: list[str], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.process_time()
        for t in texts:
            fn(t)
        best = min(best, time.process_time() - t0)
    return best


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    texts, name = _texts()
    words = sum(len(t.split()) for t in texts)
    find_attribution_spans("Warm-up: the mayor said so.")  # load the lexicons once
    from textblob.en.taggers import PatternTagger

    tagger = PatternTagger()
    base = words / _best(tagger.tag, texts, args.repeat)
    print(f"{name}: {len(texts)} texts, {words:,} words")
    print(f"  {'PatternTagger().tag (baseline)':<36}{base:>12,.0f} words/s")
    for label, fn in [("find_attribution_spans", find_attribution_spans),
                      ("extract_attributions (+ sources)", extract_attributions)]:
        wps = words / _best(fn, texts, args.repeat)
        print(f"  {label:<36}{wps:>12,.0f} words/s   ({wps / base:.2f} x baseline)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
