"""One pipeline: pure per-article stages, then corpus stages.

A *per-article stage* is a plain function ``stage(text, ctx) -> DataFrame`` where ``ctx`` maps
the names of earlier stages to this article's rows (``ctx["sentences"]`` ...), ``"article"``
to the article's metadata (a dict: ``outlet``, ``title``, ``published`` ...) and ``"options"`` to
the run's options (``actors``: the user's actor dictionary or None). It returns this
article's rows with ids local to the article (0, 1, 2 ...); the pipeline adds ``article_id``,
so every table is keyed by ``article_id`` plus its own id column.

A *corpus stage* is ``stage(results) -> DataFrame`` and runs once over the finished tables.

Adding a table is one function and one line in :data:`ARTICLE_STAGES` or :data:`CORPUS_STAGES`.

>>> import pandas as pd
>>> res = analyze(pd.DataFrame({"text": ["One sentence. Another one."]}))
>>> len(res.sentences)
2
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from time import perf_counter
from typing import Callable, Iterable

import numpy as np
import pandas as pd

from . import segment

ArticleStage = Callable[[str, dict], pd.DataFrame]
CorpusStage = Callable[["Results"], pd.DataFrame]


def _sentences_stage(text: str, ctx: dict) -> pd.DataFrame:
    return segment.split_sentences(text)


def _lazy(module: str, name: str) -> Callable:
    """Resolve ``analysis.<module>.<name>`` on first call (keeps ``import analysis`` light)."""

    def call(*args, **kwargs):
        fn = getattr(importlib.import_module(f"analysis.{module}"), name)
        return fn(*args, **kwargs)

    call.__name__ = f"{module}.{name}"
    return call


# name -> per-article stage, in run order. Later stages see earlier ones in ``ctx``.
ARTICLE_STAGES: dict[str, ArticleStage] = {
    "sentences": _sentences_stage,
    "attributions": _lazy("attribution", "attributions_stage"),
    "no_comment": _lazy("sources", "no_comment_stage"),
    "hedges": _lazy("hedging", "hedges_stage"),
    "claims": _lazy("claims", "claims_stage"),
    "sentiment": _lazy("sentiment", "sentiment_stage"),
}

# name -> corpus stage, in run order, after all per-article stages.
CORPUS_STAGES: dict[str, CorpusStage] = {
    "near_duplicates": _lazy("duplicates", "near_duplicates_stage"),
    "claim_clusters": _lazy("claims", "claim_clusters_stage"),
}


@dataclass
class Results:
    """The tidy tables of one analysis run, each a DataFrame keyed by ``article_id``.

    ``results.tables`` maps table name to DataFrame; each table is also an attribute
    (``results.sentences``, ``results.attributions`` ...).
    """

    articles: pd.DataFrame
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)

    def __getattr__(self, name: str) -> pd.DataFrame:
        tables = self.__dict__.get("tables", {})
        if name in tables:
            return tables[name]
        raise AttributeError(f"Results has no table {name!r}; tables: {sorted(tables)}")

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name == "articles":
            return self.articles
        return self.tables[name]

    def names(self) -> list[str]:
        """All table names, ``articles`` first."""
        return ["articles", *self.tables]

    def to_parquet(self, out_dir) -> list:
        """Write one Parquet file per table into ``out_dir``; return the paths."""
        from pathlib import Path

        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for name in self.names():
            path = out / f"{name}.parquet"
            self[name].to_parquet(path, index=False)
            written.append(path)
        return written

    def __repr__(self) -> str:
        sizes = ", ".join(f"{n}={len(self[n])}" for n in self.names())
        return f"Results({sizes})"


def _ensure_articles(articles) -> pd.DataFrame:
    from . import corpus

    return corpus.as_article_table(articles)


def _run_articles(table: pd.DataFrame, names: list[str], options: dict,
                  clock: dict[str, float]) -> dict[str, pd.DataFrame]:
    """Run the per-article stages over ``table``; return one DataFrame per stage (may be empty
    of rows, then without columns) with ``article_id`` added."""
    collected: dict[str, list[pd.DataFrame]] = {n: [] for n in names}
    owners: dict[str, list[tuple[str, int]]] = {n: [] for n in names}
    meta_cols = [c for c in ("article_id", "outlet", "title", "published", "url", "byline")
                 if c in table.columns]
    for article_id, text, meta in zip(table["article_id"], table["text"],
                                      table[meta_cols].to_dict("records")):
        ctx: dict = {"article": meta, "options": options}
        for name in names:
            t0 = perf_counter()
            rows = ARTICLE_STAGES[name](text, ctx)
            clock[name] += perf_counter() - t0
            ctx[name] = rows
            if len(rows):
                collected[name].append(rows)
                owners[name].append((article_id, len(rows)))
    out = {}
    for name in names:
        if collected[name]:
            ids, counts = zip(*owners[name])
            df = pd.concat(collected[name], ignore_index=True)
            df["article_id"] = np.repeat(np.asarray(ids, dtype=object), counts)
            out[name] = df
        else:
            out[name] = pd.DataFrame()
    return out


def _run_chunk(args):
    table, names, options = args
    clock = {n: 0.0 for n in names}
    return _run_articles(table, names, options, clock), clock


def analyze(
    articles,
    stages: Iterable[str] | None = None,
    corpus_stages: Iterable[str] | None = None,
    timings: dict[str, float] | None = None,
    actors=None,
    n_jobs: int = 1,
) -> Results:
    """Run every stage over ``articles`` and return the tidy tables.

    ``articles`` is the table from :func:`analysis.load_articles`, any DataFrame with a
    ``text`` column, or a list of strings (ids and metadata are filled in).
    ``stages`` / ``corpus_stages`` restrict the run to the named stages (their
    prerequisites must be included). Pass a dict as ``timings`` to get the seconds spent in
    each stage (benchmarks use it). ``actors`` adds the user's actor dictionary (a YAML path or
    dict, format of ``analysis/lexicons/actors.yaml``) to the shipped one, for sides of sources.
    ``n_jobs`` > 1 runs the per-article stages in that many processes (the stages are pure, so
    the tables are identical; worth it from a few hundred articles on).

    >>> analyze(["Police said the road was closed."]).sentences.shape[0]
    1
    """
    table = _ensure_articles(articles)
    names = list(ARTICLE_STAGES) if stages is None else list(stages)
    unknown = [n for n in names if n not in ARTICLE_STAGES]
    if unknown:
        raise ValueError(f"unknown stage(s) {unknown}; known: {list(ARTICLE_STAGES)}")
    options = {"actors": actors}
    clock = timings if timings is not None else {}
    for n in names:
        clock.setdefault(n, 0.0)
    if n_jobs > 1 and len(table) >= 2 * n_jobs:
        import multiprocessing as mp
        from concurrent.futures import ProcessPoolExecutor

        bounds = np.linspace(0, len(table), n_jobs + 1).astype(int)
        chunks = [(table.iloc[a:b], names, options) for a, b in zip(bounds, bounds[1:])]
        with ProcessPoolExecutor(n_jobs, mp_context=mp.get_context("fork")) as pool:
            done = list(pool.map(_run_chunk, chunks))
        parts = {n: [d[n] for d, _ in done if len(d[n])] for n in names}
        raw = {n: pd.concat(parts[n], ignore_index=True) if parts[n] else pd.DataFrame()
               for n in names}
        for _, c in done:
            for n, v in c.items():
                clock[n] += v / n_jobs  # wall-clock share: the chunks ran side by side
    else:
        raw = _run_articles(table, names, options, clock)
    tables = {}
    for name in names:
        df = raw[name]
        if not len(df):  # keep the columns of an empty result so downstream code still works
            empty_ctx = {"article": {}, "options": options,
                         **{n: tables[n].iloc[0:0] for n in tables}}
            df = ARTICLE_STAGES[name]("", empty_ctx).assign(
                article_id=pd.Series(dtype="string")
            )
        cols = ["article_id", *[c for c in df.columns if c != "article_id"]]
        tables[name] = df[cols].astype({"article_id": "string"})
    results = Results(articles=table, tables=tables)
    cnames = list(CORPUS_STAGES) if corpus_stages is None else list(corpus_stages)
    for name in cnames:
        t0 = perf_counter()
        results.tables[name] = CORPUS_STAGES[name](results)
        clock[name] = clock.get(name, 0.0) + perf_counter() - t0
    return results
