"""Command line: ``python -m analysis COMMAND ...``.

Commands::

    corpus list                          what is installed in data/raw
    corpus fetch NAME [--from DIR]       install a public corpus (download, or copy a local copy)
    load INPUT                           load articles and print the accounting (articles, rejects)
    analyze INPUT -o OUT_DIR             run the pipeline, write one Parquet file per table
    evaluate TASK PATH                   score an extractor on an annotated set
    train TASK [PATH]                    train an optional learned component (hedges, sentiment)
    report [--notebooks ...]             execute the notebooks, write HTML and figures to reports/

Errors in the input print one line naming the file and the fix, and exit with status 2.
"""
from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

from . import paths


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m analysis", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command", required=True)

    c = sub.add_parser("corpus", help="list or fetch public corpora")
    csub = c.add_subparsers(dest="corpus_command", required=True)
    csub.add_parser("list", help="show the known corpora and whether they are installed")
    f = csub.add_parser("fetch", help="install a corpus into data/raw/NAME")
    f.add_argument("name")
    f.add_argument("--from", dest="from_dir", help="copy from this local folder instead of downloading")
    f.add_argument("--no-verify", action="store_true", help="skip the sha256 check")
    f.add_argument("--force", action="store_true", help="reinstall even if installed")

    ld = sub.add_parser("load", help="load articles and print what was read and rejected")
    ld.add_argument("input", nargs="+")

    a = sub.add_parser("analyze", help="run the pipeline and write Parquet tables")
    a.add_argument("input", nargs="+", help="file(s), folder(s) or glob(s) of articles")
    a.add_argument("-o", "--out", required=True, help="output folder (one .parquet per table)")
    a.add_argument("--actors", help="extra actor dictionary (YAML) giving sources a side")
    a.add_argument("--jobs", type=int, default=1, help="processes for the per-article stages")

    e = sub.add_parser("evaluate", help="score an extractor on an annotated set")
    e.add_argument("task", choices=["attributions", "hedges", "claims", "sentiment"])
    e.add_argument("path")

    t = sub.add_parser("train", help="train an optional learned component")
    t.add_argument("task", choices=["hedges", "sentiment"])
    t.add_argument("path", nargs="?", help="training data (default: the set in ../shared/benchmarks)")

    r = sub.add_parser("report", help="execute the notebooks and write reports/")
    r.add_argument("--notebooks", nargs="*", help="only these notebooks (file names)")
    r.add_argument("--timeout", type=int, default=1200, help="seconds per cell")
    return p


def _cmd_corpus(args) -> int:
    from . import registry

    if args.corpus_command == "list":
        inst = registry.installed()
        for name, spec in sorted(registry.CORPORA.items()):
            state = "installed" if inst[name] else "not installed"
            print(f"{name:18} {state:14} {registry.corpus_path(name)}")
            print(f"{'':18} {spec.description}")
            print(f"{'':18} {spec.repo}@{spec.commit[:10]}  licence: {spec.licence}")
        return 0
    dest = registry.fetch(args.name, args.from_dir, verify=not args.no_verify, force=args.force)
    print(f"{args.name}: installed in {dest}")
    return 0


def _cmd_load(args) -> int:
    from .corpus import load_articles

    articles, rejects = load_articles(args.input if len(args.input) > 1 else args.input[0])
    print(f"{len(articles)} articles, {len(rejects)} rejects, {len(articles) + len(rejects)} records read")
    if len(articles):
        print(articles.groupby("outlet", observed=True).size().rename("articles").to_string())
    if len(rejects):
        print(rejects.to_string(max_colwidth=90))
    return 0


def _cmd_analyze(args) -> int:
    from .corpus import load_articles
    from .pipeline import analyze

    articles, rejects = load_articles(args.input if len(args.input) > 1 else args.input[0])
    results = analyze(articles, actors=args.actors, n_jobs=args.jobs)
    results.tables.setdefault("rejects", rejects)
    written = results.to_parquet(args.out)
    for path in written:
        print(path)
    print(repr(results))
    return 0


def _cmd_evaluate(args) -> int:
    from .evaluate import run

    run(args.task, args.path)
    return 0


def _cmd_train(args) -> int:
    module = importlib.import_module({"hedges": "analysis.hedge_model",
                                      "sentiment": "analysis.sentiment"}[args.task])
    default = {"hedges": paths.SHARED_BENCHMARKS / "hedges" / "conll2010-wiki-train.csv",
               "sentiment": paths.SHARED_BENCHMARKS / "sentiment" / "newsmtsc" / "train.jsonl"}[args.task]
    path = paths.resolve_input(args.path) if args.path else default
    if not path.exists():
        print(f"error: {path} not found. Pass the training file, e.g. python -m analysis train "
              f"{args.task} {default}", file=sys.stderr)
        return 2
    out = module.train(path)
    print(f"trained {args.task}: {out}")
    return 0


def _cmd_report(args) -> int:
    from .report import run_notebooks

    run_notebooks(args.notebooks or None, timeout=args.timeout)
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m analysis`` and the ``sourcelens`` script."""
    args = _parser().parse_args(argv)
    from .corpus import LoadError
    from .registry import FetchError

    handlers = {"corpus": _cmd_corpus, "load": _cmd_load, "analyze": _cmd_analyze,
                "evaluate": _cmd_evaluate, "train": _cmd_train, "report": _cmd_report}
    try:
        return handlers[args.command](args)
    except (LoadError, FetchError, FileNotFoundError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
