"""Check that a speed change left the results alone: dump every table of ``analyze()`` and compare.

Usage::

    python benchmarks/compare_tables.py dump before.pkl [--jobs N]   # on the old code
    python benchmarks/compare_tables.py dump after.pkl  [--jobs N]   # on the new code
    python benchmarks/compare_tables.py compare before.pkl after.pkl

``dump`` runs ``analyze`` on PolNeAR dev (../shared, when present) and on the embedded examples
(with their actor dictionary) and pickles every table; keep the pickles outside the repository
(they hold corpus text). ``compare`` checks each table with ``pandas.testing.assert_frame_equal``
(exact values, same dtypes, same column order) and prints one line per table; the exit status is
the number of tables that differ. ``articles.source_file`` is ignored (it holds the checkout path).
To compare your modules alone while others change theirs, dump from a copy of the old package
with your files laid over it.
"""
from __future__ import annotations

import argparse
import pickle
import sys
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis import paths  # noqa: E402
from analysis.corpus import load_articles  # noqa: E402
from analysis.pipeline import analyze  # noqa: E402


def dump(out: str, jobs: int = 1) -> dict:
    tables = {}
    runs = [("examples", paths.EXAMPLES, {"actors": paths.EXAMPLES / "actors.yaml"})]
    if (paths.POLNEAR / "dev").is_dir():
        runs.insert(0, ("polnear_dev", paths.POLNEAR / "dev", {}))
    for label, path, kwargs in runs:
        arts = load_articles(path).articles
        t0 = time.perf_counter()
        res = analyze(arts, n_jobs=jobs, **kwargs)
        print(f"{label}: {time.perf_counter() - t0:.2f}s {res}")
        tables[label] = {name: res[name] for name in res.names()}
    with open(out, "wb") as fh:
        pickle.dump(tables, fh)
    return tables


def compare(before: str, after: str) -> int:
    with open(before, "rb") as fh:
        a = pickle.load(fh)
    with open(after, "rb") as fh:
        b = pickle.load(fh)
    bad = 0
    for label in a:
        for name in sorted(set(a[label]) | set(b.get(label, {}))):
            x, y = a[label].get(name), b.get(label, {}).get(name)
            if x is None or y is None:
                bad += 1
                print(f"{label:12s} {name:16s} only in {'after' if x is None else 'before'}")
                continue
            if name == "articles":
                x, y = x.drop(columns="source_file", errors="ignore"), y.drop(columns="source_file", errors="ignore")
            try:
                pd.testing.assert_frame_equal(x, y, check_dtype=True, check_exact=True)
                print(f"{label:12s} {name:16s} equal ({len(x)} rows)")
            except AssertionError as exc:
                bad += 1
                print(f"{label:12s} {name:16s} DIFFERENT: {str(exc).splitlines()[0:4]}")
    print(f"{bad} table(s) differ")
    return bad


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("dump")
    d.add_argument("out")
    d.add_argument("--jobs", type=int, default=1)
    c = sub.add_parser("compare")
    c.add_argument("before")
    c.add_argument("after")
    args = ap.parse_args(argv)
    if args.cmd == "dump":
        dump(args.out, args.jobs)
        return 0
    return compare(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main())
