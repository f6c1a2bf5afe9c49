"""Load articles from files, folders or memory into one tidy article table.

One call, :func:`load_articles`, reads any of:

* a folder (recursively) or a glob of ``.txt`` / ``.md`` files (first non-empty line is the title),
  ``.html`` / ``.htm`` (main text via trafilatura; title, date, byline from the page metadata),
  ``.json`` / ``.jsonl`` / ``.csv`` / ``.tsv`` / ``.parquet`` / ``.xlsx`` (columns mapped automatically
  from common names, or with ``columns={"text": "my_body_column", ...}``);
* a PolNeAR-style folder (``metadata.tsv`` plus ``<compartment>/text/*.txt``), or one compartment;
* an in-memory DataFrame, a list of strings or a list of dicts.

It returns ``Corpus(articles, rejects)``. Every record read ends up in exactly one of them:
``len(articles) + len(rejects) == records read``. Exact duplicates (same text after white space is
folded) collapse to the first one; the rejects row names the article it duplicates.

The text is normalised once, here, and kept: ``\\r\\n`` becomes ``\\n`` and no-break spaces become
spaces (both keep character offsets of PolNeAR files valid). For tabular records with a separate
title, the title is put first, as its own paragraph (``title\\n\\nbody``), so that headlines are
analysed like the body, as in ``.txt`` files; ``body_start`` says where the body begins.

>>> corpus = load_articles(["Police said the bridge was closed.", ""])
>>> len(corpus.articles), corpus.rejects.reason.tolist()
(1, ['empty text'])
"""
from __future__ import annotations

import glob as _glob
import hashlib
import json
import re
from pathlib import Path
from typing import Any, Iterable, NamedTuple
from urllib.parse import urlparse

import pandas as pd

__all__ = [
    "load_articles",
    "as_article_table",
    "Corpus",
    "LoadError",
    "ARTICLE_COLUMNS",
    "REJECT_COLUMNS",
    "COLUMN_ALIASES",
]

ARTICLE_COLUMNS = [
    "article_id", "outlet", "url", "published", "title", "byline", "text", "n_words",
    "source_file", "body_start",
]
REJECT_COLUMNS = ["source_file", "position", "reason", "duplicate_of"]

# Our column -> names recognised in input tables (lower-cased, first match wins).
COLUMN_ALIASES: dict[str, list[str]] = {
    "text": ["text", "body", "content", "article", "article_text", "full_text", "story", "maintext"],
    "title": ["title", "headline", "heading", "head"],
    "published": ["published", "date", "publication_date", "pub_date", "published_at", "datetime",
                  "timestamp", "time", "created_at"],
    "url": ["url", "link", "permalink", "href", "uri"],
    "outlet": ["outlet", "source", "site", "publisher", "sitename", "media", "newspaper", "domain"],
    "byline": ["byline", "author", "authors", "writer", "by"],
}
TEXT_SUFFIXES = {".txt", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
TABLE_SUFFIXES = {".json", ".jsonl", ".ndjson", ".csv", ".tsv", ".parquet", ".xlsx", ".xls"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | TABLE_SUFFIXES
# Documentation files that sit beside corpora and are not articles.
_DOC_STEMS = re.compile(r"^(readme|license|licence|changelog|notice|copying|citation)\b", re.I)
_WORD = re.compile(r"\w+")
_WS = re.compile(r"\s+")


class LoadError(ValueError):
    """Input that cannot be loaded; the message names the file and the fix."""


class Corpus(NamedTuple):
    """What :func:`load_articles` returns: the article table and the rejects table."""

    articles: pd.DataFrame
    rejects: pd.DataFrame


# --------------------------------------------------------------------------- records


def _record(position: int, source_file: str, **fields: Any) -> dict:
    return {"position": position, "source_file": source_file, **fields}


def _reject(source_file: str, position: int | None, reason: str, duplicate_of=None) -> dict:
    return {"source_file": source_file, "position": position, "reason": reason,
            "duplicate_of": duplicate_of}


def normalise_text(text: str) -> str:
    """Normalise line ends and no-break spaces, keeping character offsets where possible.

    >>> normalise_text("a\\u00a0b\\r\\nc  ")
    'a b\\nc'
    """
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").rstrip()


def _decode(raw: bytes, path: Path, encoding: str | None) -> str:
    if encoding:
        try:
            return raw.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise LoadError(f"{path}: cannot decode as {encoding}: {exc}. Pass the file's real "
                            "encoding, e.g. encoding='cp1252'.") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LoadError(
            f"{path}: not valid UTF-8 (byte {exc.start}: {raw[exc.start:exc.start + 1]!r}). "
            "Re-save the file as UTF-8, or pass encoding='cp1252' (or the file's encoding)."
        ) from None


# --------------------------------------------------------------------------- readers


def _read_text_file(path: Path, encoding: str | None) -> list[dict]:
    text = _decode(path.read_bytes(), path, encoding)
    lines = text.lstrip().splitlines()
    title = lines[0].strip().lstrip("#").strip() if lines else ""
    return [_record(0, str(path), text=text, title=title, outlet=path.parent.name,
                    _whole_text=True)]


def _read_html_file(path: Path, encoding: str | None) -> list[dict]:
    html = _decode(path.read_bytes(), path, encoding)
    try:
        import trafilatura
    except ImportError as exc:  # pragma: no cover - dependency is declared
        raise LoadError(f"{path}: reading HTML needs trafilatura (pip install trafilatura)") from exc
    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    if doc is None:
        return [_record(0, str(path), text="", _error="no main text found in the HTML (broken or "
                        "not an article page)")]
    get = (lambda k: doc.get(k)) if isinstance(doc, dict) else (lambda k: getattr(doc, k, None))
    return [_record(0, str(path), text=get("text") or "", title=get("title") or "",
                    published=get("date"), byline=get("author") or "",
                    outlet=get("sitename") or get("hostname") or "", url=get("url") or "")]


def _read_table_file(path: Path, encoding: str | None) -> pd.DataFrame:
    suffix = path.suffix.lower()
    try:
        if suffix in {".csv", ".tsv"}:
            sep = "\t" if suffix == ".tsv" else ","
            text = _decode(path.read_bytes(), path, encoding)
            import io

            return pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False)
        if suffix in {".jsonl", ".ndjson"}:
            text = _decode(path.read_bytes(), path, encoding)
            rows = []
            for lineno, line in enumerate(text.splitlines(), start=1):
                if not line.strip():
                    continue
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    rows.append({"_error": f"line {lineno}: invalid JSON ({exc.msg})"})
            return pd.DataFrame(rows)
        if suffix == ".json":
            data = json.loads(_decode(path.read_bytes(), path, encoding))
            if isinstance(data, dict):
                lists = [v for v in data.values() if isinstance(v, list)]
                data = lists[0] if "text" not in data and lists else [data]
            if not isinstance(data, list):
                raise LoadError(f"{path}: expected a JSON list of article objects (or an object "
                                "holding one); got something else.")
            return pd.DataFrame([r if isinstance(r, dict) else {"text": r} for r in data])
        if suffix == ".parquet":
            return pd.read_parquet(path)
        if suffix in {".xlsx", ".xls"}:
            # calamine (Rust) reads sheets ~30x faster than openpyxl, which walks every empty row.
            sheets = pd.read_excel(path, sheet_name=None, dtype=str, engine="calamine")
            return pd.concat(sheets.values(), ignore_index=True) if sheets else pd.DataFrame()
    except LoadError:
        raise
    except json.JSONDecodeError as exc:
        raise LoadError(f"{path}: invalid JSON at line {exc.lineno} column {exc.colno} ({exc.msg}). "
                        "Fix the file, or save one article per line as .jsonl.") from None
    except Exception as exc:  # parser errors from pandas / openpyxl / pyarrow
        raise LoadError(f"{path}: cannot be parsed as {suffix[1:]} ({type(exc).__name__}: {exc}). "
                        "Check that the file is complete and really is that format.") from None
    raise LoadError(f"{path}: unknown format {suffix!r}")


def _map_columns(df: pd.DataFrame, columns: dict[str, str] | None, where: str) -> dict[str, str]:
    """Our column name -> the input's column name."""
    mapping: dict[str, str] = {}
    lower = {str(c).lower().strip(): c for c in df.columns}
    for ours, aliases in COLUMN_ALIASES.items():
        if columns and ours in columns:
            if columns[ours] not in df.columns:
                raise LoadError(f"{where}: column {columns[ours]!r} (mapped to {ours!r}) is not there; "
                                f"columns found: {list(map(str, df.columns))}.")
            mapping[ours] = columns[ours]
            continue
        for alias in aliases:
            if alias in lower and lower[alias] not in mapping.values():
                mapping[ours] = lower[alias]
                break
    if "text" not in mapping and "_error" not in df.columns:
        raise LoadError(
            f"{where}: no text column found (looked for {COLUMN_ALIASES['text']}); columns found: "
            f"{list(map(str, df.columns))}. Name it, e.g. load_articles(..., columns={{'text': "
            f"'<your column>'}})."
        )
    return mapping


def _records_from_frame(df: pd.DataFrame, source_file: str, columns: dict[str, str] | None,
                        where: str | None = None) -> list[dict]:
    mapping = _map_columns(df, columns, where or source_file)
    used = set(mapping.values())
    extras = [c for c in df.columns if c not in used and not str(c).startswith("_")]
    records = []
    for pos, row in enumerate(df.to_dict("records")):
        rec = _record(pos, source_file, **{ours: row.get(theirs) for ours, theirs in mapping.items()})
        if row.get("_error") is not None and not (isinstance(row.get("_error"), float)):
            rec["_error"] = row["_error"]
        rec["_extra"] = {str(c): row.get(c) for c in extras}
        records.append(rec)
    return records


def _polnear_root(folder: Path) -> tuple[Path, str | None] | None:
    """(root with metadata.tsv, compartment or None) when ``folder`` is PolNeAR-style."""
    if (folder / "metadata.tsv").is_file() and any(folder.glob("*/text")):
        return folder, None
    if (folder / "text").is_dir() and (folder.parent / "metadata.tsv").is_file():
        return folder.parent, folder.name
    return None


def _read_polnear(root: Path, compartment: str | None, encoding: str | None) -> list[dict]:
    meta_path = root / "metadata.tsv"
    meta = pd.read_csv(meta_path, sep="\t", dtype=str, keep_default_na=False)
    if "filename" not in meta.columns:
        raise LoadError(f"{meta_path}: a PolNeAR metadata.tsv needs a 'filename' column.")
    if compartment is not None and "compartment" in meta.columns:
        meta = meta[meta["compartment"] == compartment]
    records = []
    for pos, row in enumerate(meta.to_dict("records")):
        comp = row.get("compartment") or compartment or ""
        path = root / comp / "text" / f"{row['filename']}.txt"
        rec = _record(pos, str(meta_path), title=row.get("title", ""), outlet=row.get("publisher"),
                      published=row.get("publication_date"), byline=row.get("author", ""),
                      _whole_text=True)
        rec["_extra"] = {k: v for k, v in row.items()
                         if k not in {"title", "publisher", "publication_date", "author"}}
        if not path.is_file():
            rec["text"] = ""
            rec["_error"] = f"text file {path} listed in metadata.tsv is not installed"
        else:
            try:
                rec["text"] = _decode(path.read_bytes(), path, encoding)
                rec["source_file"] = str(path)
            except LoadError as exc:
                rec["text"], rec["_error"] = "", str(exc)
        records.append(rec)
    return records


def _files_in(folder: Path) -> list[Path]:
    return sorted(
        p for p in folder.rglob("*")
        if p.is_file() and p.suffix.lower() in KNOWN_SUFFIXES and not _DOC_STEMS.match(p.name)
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )


def _read_path(path: Path, columns, encoding) -> tuple[list[dict], list[dict]]:
    """Records and file-level rejects for one file or folder."""
    if path.is_dir():
        pn = _polnear_root(path)
        if pn:
            return _read_polnear(*pn, encoding), []
        records: list[dict] = []
        rejects: list[dict] = []
        skip: set[Path] = set()
        for sub in sorted(p for p in path.rglob("metadata.tsv")):
            pn = _polnear_root(sub.parent)
            if pn:
                records += _read_polnear(*pn, encoding)
                skip.add(sub.parent)
        for f in _files_in(path):
            if any(s == f.parent or s in f.parents for s in skip):
                continue
            try:
                recs, rej = _read_path(f, columns, encoding)
                records += recs
                rejects += rej
            except LoadError as exc:
                rejects.append(_reject(str(f), None, f"unreadable file: {exc}"))
        return records, rejects
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return _read_text_file(path, encoding), []
    if suffix in HTML_SUFFIXES:
        return _read_html_file(path, encoding), []
    if suffix in TABLE_SUFFIXES:
        return _records_from_frame(_read_table_file(path, encoding), str(path), columns), []
    raise LoadError(
        f"{path}: unknown format {suffix or '(no extension)'!r}. Supported: "
        f"{', '.join(sorted(KNOWN_SUFFIXES))}, or a folder of them."
    )


# --------------------------------------------------------------------------- building the table


def _clean_str(value) -> str:
    if value is None or (isinstance(value, float) and value != value) or value is pd.NA:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(map(str, value))
    return str(value).strip()


def _host(url: str) -> str:
    try:
        host = urlparse(url).netloc.lower()
    except ValueError:
        return ""
    return host[4:] if host.startswith("www.") else host


def _article_id(text: str) -> str:
    return hashlib.sha1(_WS.sub(" ", text).strip().encode("utf-8")).hexdigest()[:12]


def _parse_dates(values: list) -> tuple[pd.Series, list[bool]]:
    """Timezone-aware (UTC for naive values) timestamps and a bad-value mask."""
    raw = pd.Series([_clean_str(v) if not isinstance(v, pd.Timestamp) else v for v in values],
                    dtype=object)
    empty = raw.map(lambda v: v == "" or v is None)
    parsed = pd.Series(pd.NaT, index=raw.index, dtype="datetime64[ns, UTC]")
    todo = ~empty
    if todo.any():
        for i in raw.index[todo]:
            try:
                ts = pd.Timestamp(raw[i])
            except (ValueError, TypeError, OverflowError):
                continue
            if ts is pd.NaT or ts != ts:
                continue
            ts = ts.tz_localize("UTC") if ts.tzinfo is None else ts.tz_convert("UTC")
            parsed[i] = ts
    bad = (todo & parsed.isna()).tolist()
    return parsed, bad


def _build(records: list[dict], file_rejects: list[dict], outlet: str | None) -> Corpus:
    rejects = list(file_rejects)
    rows = []
    seen: dict[str, str] = {}
    published, bad_dates = _parse_dates([r.get("published") for r in records])
    for rec, ts, bad_date in zip(records, published, bad_dates):
        src, pos = rec.get("source_file", "<memory>"), rec.get("position")
        if rec.get("_error"):
            rejects.append(_reject(src, pos, str(rec["_error"])))
            continue
        body = rec.get("text")
        if not isinstance(body, str):
            body = _clean_str(body)
        body = normalise_text(body)
        if not body.strip():
            rejects.append(_reject(src, pos, "empty text"))
            continue
        if bad_date:
            rejects.append(_reject(
                src, pos, f"unparseable date {_clean_str(rec.get('published'))!r}: fix the value "
                "(ISO 8601 such as 2026-03-02T09:00:00+00:00) or map another column with "
                "columns={'published': ...}"))
            continue
        title = normalise_text(_clean_str(rec.get("title")))
        if rec.get("_whole_text") or not title or body.lstrip().startswith(title):
            text, body_start = body, 0
        else:
            text = f"{title}\n\n{body}"
            body_start = len(title) + 2
        aid = _article_id(text)
        if aid in seen:
            rejects.append(_reject(src, pos, f"duplicate of article {aid} ({seen[aid]})", aid))
            continue
        url = _clean_str(rec.get("url"))
        seen[aid] = f"{src}#{pos}"
        row = {
            "article_id": aid,
            "outlet": outlet or _clean_str(rec.get("outlet")) or _host(url) or "unknown",
            "url": url,
            "published": ts,
            "title": title,
            "byline": _clean_str(rec.get("byline")),
            "text": text,
            "n_words": len(_WORD.findall(text)),
            "source_file": src,
            "body_start": body_start,
        }
        for k, v in (rec.get("_extra") or {}).items():
            row.setdefault(k if k not in ARTICLE_COLUMNS else f"input_{k}", v)
        rows.append(row)
    articles = pd.DataFrame(rows, columns=None if rows else ARTICLE_COLUMNS)
    extra_cols = [c for c in articles.columns if c not in ARTICLE_COLUMNS]
    articles = articles.reindex(columns=ARTICLE_COLUMNS + extra_cols)
    articles = articles.astype({
        "article_id": "string", "outlet": "category", "url": "string", "title": "string",
        "byline": "string", "text": "string", "n_words": "int64", "source_file": "string",
        "body_start": "int64",
    })
    articles["published"] = pd.to_datetime(articles["published"], utc=True)
    rej = pd.DataFrame(rejects, columns=REJECT_COLUMNS).astype(
        {"source_file": "string", "position": "Int64", "reason": "string", "duplicate_of": "string"})
    return Corpus(articles.reset_index(drop=True), rej)


def load_articles(
    source,
    *,
    columns: dict[str, str] | None = None,
    outlet: str | None = None,
    encoding: str | None = None,
) -> Corpus:
    """Load articles from a path, glob, list of paths/strings/dicts or DataFrame.

    ``columns`` maps our names (text, title, published, url, outlet, byline) to the input's columns
    when the automatic detection is not enough; ``outlet`` sets the outlet of every article;
    ``encoding`` decodes files that are not UTF-8. Returns ``Corpus(articles, rejects)``.

    >>> articles, rejects = load_articles(pd.DataFrame({"body": ["Rain fell.", "Rain fell."]}))
    >>> len(articles), rejects.reason.str.startswith("duplicate").tolist()
    (1, [True])
    """
    if isinstance(source, pd.DataFrame):
        return _build(_records_from_frame(source, "<DataFrame>", columns), [], outlet)
    if isinstance(source, (list, tuple)) and all(isinstance(x, dict) for x in source):
        return _build(_records_from_frame(pd.DataFrame(list(source)), "<list>", columns), [], outlet)
    if isinstance(source, (list, tuple)) and all(isinstance(x, str) for x in source) and not all(
            _looks_like_path(x) for x in source):
        recs = [_record(i, "<list>", text=t) for i, t in enumerate(source)]
        return _build(recs, [], outlet)
    paths = _resolve(source)
    records: list[dict] = []
    rejects: list[dict] = []
    for p in paths:
        recs, rej = _read_path(p, columns, encoding)
        records += recs
        rejects += rej
    return _build(records, rejects, outlet)


def _looks_like_path(s: str) -> bool:
    return bool(s.strip()) and "\n" not in s and len(s) < 4096 and (Path(s).suffix.lower() in KNOWN_SUFFIXES
                                                 or Path(s).exists() or any(c in s for c in "*?["))


def _resolve(source) -> list[Path]:
    items = list(source) if isinstance(source, (list, tuple)) else [source]
    out: list[Path] = []
    for item in items:
        s = str(item)
        if any(c in s for c in "*?[") and not Path(s).exists():
            matches = sorted(Path(m) for m in _glob.glob(s, recursive=True))
            if not matches:
                raise LoadError(f"{s}: the pattern matches no file. Check the folder and the "
                                "pattern (e.g. 'data/raw/mycorpus/*.txt').")
            out += [m for m in matches if m.is_dir() or m.suffix.lower() in KNOWN_SUFFIXES]
            continue
        p = Path(s).expanduser()
        if not p.exists():
            raise LoadError(
                f"{p}: no such file or folder. Check the path (relative paths start at "
                f"{Path.cwd()}); to get a public corpus run `python -m analysis corpus fetch NAME` "
                "(see `python -m analysis corpus list`)."
            )
        out.append(p)
    return out


def as_article_table(articles) -> pd.DataFrame:
    """The article table for ``articles``: a loaded table passes through; any DataFrame with a
    ``text`` column, a list of strings or a :class:`Corpus` gets ids and metadata filled in.

    >>> as_article_table(["A short text."]).columns[:3].tolist()
    ['article_id', 'outlet', 'url']
    """
    if isinstance(articles, Corpus):
        return articles.articles
    if isinstance(articles, pd.DataFrame) and set(ARTICLE_COLUMNS) <= set(articles.columns):
        return articles
    if isinstance(articles, pd.DataFrame):
        if "text" not in articles.columns:
            raise LoadError(f"the DataFrame has no 'text' column (columns: {list(articles.columns)});"
                            " rename the article text column to 'text'.")
        keep = articles.copy()
        corpus = _build(_records_from_frame(keep, "<DataFrame>", None), [], None)
        if "article_id" in articles.columns and len(corpus.rejects) == 0:
            corpus.articles["article_id"] = articles["article_id"].astype("string").to_numpy()
        return corpus.articles
    if isinstance(articles, str):
        articles = [articles]
    return load_articles(list(articles)).articles


# --------------------------------------------------------------------------- summaries


def articles_per_outlet(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per outlet: ``outlet``, ``articles``, ``words``, ``median_words``; largest first.

    >>> arts = load_articles([{"text": "a b", "outlet": "X"}, {"text": "c", "outlet": "Y"}]).articles
    >>> articles_per_outlet(arts).outlet.tolist()
    ['X', 'Y']
    """
    return (
        articles.assign(outlet=articles["outlet"].astype(str))
        .groupby("outlet")
        .agg(articles=("article_id", "size"), words=("n_words", "sum"),
             median_words=("n_words", "median"))
        .reset_index()
        .sort_values(["articles", "words"], ascending=False, kind="stable")
        .reset_index(drop=True)
    )


# offset aliases that name a period's start ("MS": month start) have no Period equivalent in
# pandas 2+ ("for Period, please use 'M' instead of 'MS'"); a Period's start_time is its start anyway
_PERIOD_ALIASES = {"MS": "M", "QS": "Q", "YS": "Y", "AS": "Y", "BMS": "M", "BQS": "Q", "BYS": "Y"}


def period_freq(freq: str) -> str:
    """The Period frequency for a time-chart ``freq`` ("D", "W", "MS", ...): "MS" -> "M".

    >>> [period_freq(f) for f in ["D", "W", "MS", "2MS", "QS"]]
    ['D', 'W', 'M', '2M', 'Q']
    """
    m = re.fullmatch(r"(\d*)([A-Za-z]+)(-\w+)?", str(freq))
    if not m or m.group(2).upper() not in _PERIOD_ALIASES:
        return freq
    return m.group(1) + _PERIOD_ALIASES[m.group(2).upper()] + (m.group(3) or "")


def articles_per_day(articles: pd.DataFrame, by: str | None = "outlet",
                     freq: str = "D") -> pd.DataFrame:
    """Articles per period (``freq``: "D", "W", "MS" ...), one column per ``by`` value (wide,
    indexed by period start, UTC dates); articles without a date are left out.

    >>> arts = load_articles([{"text": "a", "date": "2026-03-02", "outlet": "X"}]).articles
    >>> articles_per_day(arts).to_dict()
    {'X': {Timestamp('2026-03-02 00:00:00'): 1}}
    """
    dated = articles[articles["published"].notna()]
    period = dated["published"].dt.tz_convert("UTC").dt.tz_localize(None).dt.to_period(period_freq(freq))
    keys = [period.dt.start_time.rename("period")]
    if by:
        keys.append(dated[by].astype(str).rename(by))
    counts = dated.groupby(keys).size()
    wide = counts.unstack(fill_value=0) if by else counts.to_frame("articles")
    if len(wide):
        full = pd.period_range(wide.index.min(), wide.index.max(), freq=period_freq(freq)).start_time
        wide = wide.reindex(full, fill_value=0)
    wide.index.name = "period"
    wide.columns.name = None
    return wide
