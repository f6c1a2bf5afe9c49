"""The pipeline: tidy tables keyed by article_id, Parquet output, stage registry."""
from __future__ import annotations

import pandas as pd

from analysis import paths
from analysis.cli import main
from analysis.corpus import load_articles
from analysis.pipeline import ARTICLE_STAGES, Results, Rows, _Context, analyze


def test_analyze_examples_tables_keyed_by_article():
    arts, _ = load_articles(paths.EXAMPLES)
    res = analyze(arts)
    assert isinstance(res, Results)
    assert set(ARTICLE_STAGES) <= set(res.tables)
    for name in res.tables:
        t = res[name]
        if "article_id" in t.columns:
            assert set(t.article_id) <= set(arts.article_id), name
    s = res.sentences
    text = dict(zip(arts.article_id, arts.text))
    first = s.iloc[0]
    assert text[first.article_id][first.start:first.end].strip()


def test_any_dataframe_with_text_and_plain_strings():
    res = analyze(pd.DataFrame({"text": ["One. Two.", "Three."]}))
    assert len(res.articles) == 2 and len(res.sentences) == 3
    assert res.articles.article_id.is_unique
    assert len(analyze(["Alone."]).sentences) == 1


def test_empty_input_keeps_columns():
    res = analyze(pd.DataFrame({"text": pd.Series([], dtype=str)}))
    assert len(res.articles) == 0
    for name in ARTICLE_STAGES:
        assert "article_id" in res[name].columns


def test_cli_analyze_writes_parquet(tmp_path, capsys):
    assert main(["analyze", str(paths.EXAMPLES), "-o", str(tmp_path)]) == 0
    names = {p.stem for p in tmp_path.glob("*.parquet")}
    assert {"articles", "sentences", "rejects"} <= names
    back = pd.read_parquet(tmp_path / "articles.parquet")
    assert len(back) >= 12 and str(back.published.dt.tz) == "UTC"


def test_process_pool_gives_identical_tables():
    arts, _ = load_articles(paths.EXAMPLES)
    one = analyze(arts, actors=paths.EXAMPLES / "actors.yaml")
    two = analyze(arts, actors=paths.EXAMPLES / "actors.yaml", n_jobs=2)
    for name in one.names():
        pd.testing.assert_frame_equal(one[name], two[name], check_dtype=True)


def test_rows_concat_types_columns_like_pandas_concat():
    # an object column is pandas' string dtype only when every article's part is text
    a = Rows({"x": [1], "v": ["text"]}, {"x": "int64", "v": "object"})
    b = Rows({"x": [2, 3], "v": [pd.NA, pd.NA]}, {"x": "int64", "v": "object"})
    c = Rows({"x": [4, 5], "v": ["more", pd.NA]}, {"x": "int64", "v": "object"})
    for parts in ([a, c], [a, b, c], [b], [c, a]):
        want = pd.concat([p.frame() for p in parts], ignore_index=True)
        pd.testing.assert_frame_equal(Rows.concat(parts).frame(), want, check_exact=True)


def test_context_builds_a_dataframe_only_when_read():
    ctx = _Context(article={}, options={})
    ctx.put("claims", Rows({"claim_id": [0]}, {"claim_id": "int64"}))
    assert "claims" in ctx and isinstance(ctx.table("claims"), Rows)
    assert dict.__contains__(ctx, "claims") is False
    assert ctx.get("claims")["claim_id"].tolist() == [0] and ctx["claims"] is ctx.get("claims")
    assert ctx.get("missing") is None


def test_rows_stages_give_the_tables_of_the_dataframe_stages():
    # claims and sentiment run as light Rows in the pipeline; the tables must equal the old
    # per-article DataFrame stages concatenated
    from analysis import claims, sentiment

    arts, _ = load_articles(paths.EXAMPLES)
    res = analyze(arts, actors=paths.EXAMPLES / "actors.yaml")
    per = {n: dict(tuple(res[n].groupby("article_id", sort=False))) for n in ("sentences", "attributions", "hedges")}
    for name, stage in (("claims", claims.claims_stage), ("sentiment", sentiment.sentiment_stage)):
        frames = []
        for aid, text in zip(res.articles.article_id, res.articles.text):
            ctx = {n: per[n][aid].drop(columns="article_id").reset_index(drop=True) if aid in per[n]
                   else res[n].iloc[0:0].drop(columns="article_id") for n in per}
            df = stage(text, ctx)
            if len(df):
                frames.append(df.assign(article_id=aid))
        want = pd.concat(frames, ignore_index=True)
        want = want[["article_id", *[c for c in want.columns if c != "article_id"]]].astype({"article_id": "string"})
        pd.testing.assert_frame_equal(res[name], want, check_exact=True)


def test_table_dtypes_do_not_depend_on_the_corpus(shared):
    """A column keeps one dtype whatever the corpus (an article without voices or hedges once made
    a text column `object` on one corpus and `str` on another)."""
    from analysis.corpus import load_articles

    small = analyze(load_articles(paths.EXAMPLES).articles)
    big = analyze(load_articles(paths.POLNEAR / "dev").articles)
    for name, table in small.tables.items():
        other = big.tables[name]
        if table.empty or other.empty:
            continue
        assert table.dtypes.astype(str).to_dict() == other.dtypes.astype(str).to_dict(), name
