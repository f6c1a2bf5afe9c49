"""One pipeline: pure per-article stages, then corpus stages.

A *per-article stage* is a plain function ``stage(text, ctx) -> DataFrame`` where ``ctx`` maps
the names of earlier stages to this article's rows (``ctx["sentences"]`` ...), ``"article"``
to the article's metadata (a dict: ``outlet``, ``title``, ``published`` ...) and ``"options"`` to
the run's options (``actors``: the user's actor dictionary or None). It returns this
article's rows with ids local to the article (0, 1, 2 ...); the pipeline adds ``article_id``,
so every table is keyed by ``article_id`` plus its own id column.

A stage may instead return :class:`Rows` (plain column lists and their dtypes): the pipeline then
builds that table once per run instead of one small DataFrame per article (pandas costs about
as much per DataFrame as scoring a short article). A later stage that reads it from ``ctx``
still gets a DataFrame (built on first access).

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

ArticleStage = Callable[[str, dict], "pd.DataFrame | Rows"]
_STRING_DTYPE = pd.array([], dtype="string").dtype  # what .astype("string") gives
CorpusStage = Callable[["Results"], pd.DataFrame]


class Rows:
    """One article's rows as plain column lists plus each column's dtype (a light table).

    ``dtypes`` maps column -> ``"int64"``, ``"float64"``, ``"bool"`` (numpy), ``"Int64"``,
    ``"string"`` (pandas arrays) or ``"object"`` (values kept as given). :meth:`frame` builds the
    DataFrame; :meth:`concat` joins many articles' rows column by column (one DataFrame per run).

    >>> r = Rows({"claim_id": [0, 1], "text": ["a", None]}, {"claim_id": "int64", "text": "string"})
    >>> len(r), r.frame().dtypes.astype(str).tolist()
    (2, ['int64', 'string'])
    >>> Rows.concat([r, r]).frame()["claim_id"].tolist()
    [0, 1, 0, 1]
    """

    __slots__ = ("columns", "dtypes", "_keep_object")

    def __init__(self, columns: dict[str, list], dtypes: dict[str, str]):
        self.columns = columns
        self.dtypes = dtypes
        self._keep_object: set[str] = set()

    def __len__(self) -> int:
        return len(next(iter(self.columns.values()))) if self.columns else 0

    def __contains__(self, name: str) -> bool:
        return name in self.columns

    @staticmethod
    def _text_only(values: list) -> bool:
        """True when pandas would store these object values as its string dtype: every value is
        text or missing, and at least one is text."""
        seen = False
        for v in values:
            if isinstance(v, str):
                seen = True
            elif not (v is None or v is pd.NA or (isinstance(v, float) and v != v)):
                return False
        return seen

    @classmethod
    def concat(cls, parts: list["Rows"]) -> "Rows":
        """Join the parts column by column. An ``object`` column stays ``object`` when one part
        alone would not be text (e.g. all missing), exactly as ``pd.concat`` of the parts'
        DataFrames would type it; otherwise pandas infers its string dtype."""
        if not parts:
            raise ValueError("Rows.concat needs at least one part")
        dtypes = parts[0].dtypes
        cols: dict[str, list] = {c: [] for c in parts[0].columns}
        keep = set()
        for part in parts:
            for c, values in part.columns.items():
                if dtypes.get(c, "object") != "object" or not len(values):
                    cols[c].extend(values)
                elif c not in part._keep_object and set(map(type, values)) == {str}:
                    cols[c].extend(values)  # all text (the usual case): nothing to replace
                elif c not in part._keep_object and cls._text_only(values):
                    # a text part: pandas' string dtype stores missing values as NaN
                    cols[c].extend(v if isinstance(v, str) else np.nan for v in values)
                else:
                    cols[c].extend(values)
                    keep.add(c)
        out = cls(cols, dtypes)
        out._keep_object = keep
        return out

    def frame(self) -> pd.DataFrame:
        data = {}
        for c, values in self.columns.items():
            kind = self.dtypes.get(c, "object")
            if kind in ("int64", "float64", "bool"):
                data[c] = np.asarray(values, dtype=kind)
            elif kind == "object":
                arr = np.empty(len(values), dtype=object)
                arr[:] = values
                data[c] = pd.Series(arr, dtype=object) if c in self._keep_object else arr
            else:
                data[c] = pd.array(values, dtype=kind)
        return pd.DataFrame(data, columns=list(self.columns))


def column_list(df: pd.DataFrame, name: str) -> list:
    """``df[name].tolist()`` without building a Series (a stage reads a few columns of small
    per-article tables; the Series costs ~10x the read). Falls back to ``df[name]``.

    >>> column_list(pd.DataFrame({"a": [1, 2]}), "a")
    [1, 2]
    >>> column_list(Rows({"a": [1, None]}, {"a": "Int64"}), "a")
    [1, <NA>]
    """
    if isinstance(df, Rows):  # the light table of an earlier stage: values as the frame would give
        values = df.columns[name]
        if df.dtypes.get(name, "object") in ("int64", "float64", "bool", "object"):
            return list(values)
        return [pd.NA if v is None else v for v in values]  # nullable pandas dtypes give NA, as tolist()
    try:
        loc = df.columns.get_loc(name)
        if isinstance(loc, int):
            return df._get_column_array(loc).tolist()
    except (AttributeError, TypeError):  # another pandas: the public path below
        pass
    return df[name].tolist()


def as_frame(table) -> pd.DataFrame:
    """A stage result as a DataFrame (:class:`Rows` are built, DataFrames pass through)."""
    return table.frame() if isinstance(table, Rows) else table


class _Context(dict):
    """``ctx`` for one article: a light :class:`Rows` result becomes a DataFrame only when a later
    stage reads it (``ctx[name]``, ``ctx.get(name)``); :meth:`table` gives stages that read columns
    with :func:`column_list` the plain rows without building anything."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows: dict[str, Rows] = {}

    def put(self, name: str, table) -> None:
        if isinstance(table, Rows):
            self.rows[name] = table
            self.pop(name, None)
        else:
            self[name] = table

    def table(self, name: str):
        """This article's ``name`` rows, light (:class:`Rows`) when the stage gave them so, else its
        DataFrame; None when absent. For stages that read columns with :func:`column_list`."""
        return self.rows.get(name) if name in self.rows else self.get(name)

    def __missing__(self, key):
        if key in self.rows:
            df = self.rows[key].frame()
            self[key] = df
            return df
        raise KeyError(key)

    def get(self, key, default=None):
        try:
            return self[key]
        except KeyError:
            return default

    def __contains__(self, key) -> bool:
        return dict.__contains__(self, key) or key in self.rows


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
    "attributions": _lazy("attribution", "attributions_rows"),  # attributions_stage as light Rows
    "no_comment": _lazy("no_comment", "no_comment_rows"),  # no_comment_stage as light Rows
    "hedges": _lazy("hedging", "hedges_rows"),  # hedges_stage as light Rows
    "claims": _lazy("claims", "claims_rows"),  # claims_stage as light Rows
    "sentiment": _lazy("sentiment", "sentiment_rows"),  # sentiment_stage as light Rows
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
    options: dict = field(default_factory=dict)  # the run's options (``actors``), for later summaries

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
    collected: dict[str, list] = {n: [] for n in names}
    owners: dict[str, list[tuple[str, int]]] = {n: [] for n in names}
    meta_cols = [c for c in ("article_id", "outlet", "title", "published", "url", "byline")
                 if c in table.columns]
    stages = [(name, ARTICLE_STAGES[name]) for name in names]
    for article_id, text, meta in zip(table["article_id"], table["text"],
                                      table[meta_cols].to_dict("records")):
        ctx = _Context(article=meta, options=options)
        for name, stage in stages:
            t0 = perf_counter()
            rows = stage(text, ctx)
            clock[name] += perf_counter() - t0
            ctx.put(name, rows)
            if len(rows):
                collected[name].append(rows)
                owners[name].append((article_id, len(rows)))
    out = {}
    for name in names:
        parts = collected[name]
        if parts:
            t0 = perf_counter()
            ids, counts = zip(*owners[name])
            if all(isinstance(p, Rows) for p in parts):
                df = Rows.concat(parts).frame()
            else:
                df = pd.concat([as_frame(p) for p in parts], ignore_index=True)
            # first, as the nullable "string" dtype analyze() gives it (moving, converting later costs more)
            df.insert(0, "article_id", pd.array(np.repeat(np.asarray(ids, dtype=object), counts), dtype="string"))
            out[name] = df
            clock[name] += perf_counter() - t0  # building the table is part of the stage's cost
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

        # Warm up here (imports, lexicons, compiled patterns: one article through every stage) so
        # the forked workers inherit them instead of each loading them again.
        _run_articles(table.iloc[:1], names, options, {n: 0.0 for n in names})
        # chunks of about equal text length (the work grows with the words, not the articles)
        size = np.cumsum(table["text"].fillna("").astype(str).str.len().to_numpy())
        cuts = np.searchsorted(size, size[-1] * np.arange(1, n_jobs) / n_jobs) if len(size) else []
        bounds = np.unique(np.clip(np.r_[0, np.asarray(cuts, dtype=int) + 1, len(table)], 0, len(table)))
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
            df = as_frame(ARTICLE_STAGES[name]("", empty_ctx)).assign(
                article_id=pd.Series(dtype="string")
            )
        cols = ["article_id", *[c for c in df.columns if c != "article_id"]]
        if list(df.columns) != cols:
            df = df[cols]
        if df["article_id"].dtype != _STRING_DTYPE:
            df = df.astype({"article_id": "string"})
        tables[name] = df
    results = Results(articles=table, tables=tables, options=options)
    cnames = list(CORPUS_STAGES) if corpus_stages is None else list(corpus_stages)
    for name in cnames:
        t0 = perf_counter()
        results.tables[name] = CORPUS_STAGES[name](results)
        clock[name] = clock.get(name, 0.0) + perf_counter() - t0
    return results
