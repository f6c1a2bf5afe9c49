"""Loading articles: every format, the rejects accounting, clear errors."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from analysis import paths
from analysis.corpus import ARTICLE_COLUMNS, LoadError, as_article_table, load_articles


def _accounted(corpus, n_records):
    assert len(corpus.articles) + len(corpus.rejects) == n_records


def test_txt_folder_title_from_first_line(tmp_path):
    (tmp_path / "a.txt").write_text("Headline here\n\nBody one. Body two.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("# Other title\n\nText.", encoding="utf-8")
    (tmp_path / "README.md").write_text("not an article", encoding="utf-8")
    arts, rej = load_articles(tmp_path)
    assert sorted(arts.title) == ["Headline here", "Other title"]
    assert list(arts.columns[: len(ARTICLE_COLUMNS)]) == ARTICLE_COLUMNS
    assert arts.loc[arts.title == "Headline here", "text"].item().startswith("Headline here")
    assert len(rej) == 0


def test_glob(tmp_path):
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(f"T{i}\n\nText number {i}.", encoding="utf-8")
    arts, _ = load_articles(str(tmp_path / "*.txt"))
    assert len(arts) == 3


def test_csv_with_auto_mapped_columns_and_title_first(tmp_path):
    df = pd.DataFrame({"headline": ["Dam breaks", "Rain"], "body": ["Water rose.", "It rained."],
                       "date": ["2026-03-02", "2026-03-03T10:00:00+02:00"],
                       "link": ["https://www.example.org/a", "https://example.org/b"], "extra": [1, 2]})
    df.to_csv(tmp_path / "a.csv", index=False)
    arts, rej = load_articles(tmp_path / "a.csv")
    assert arts.title.tolist() == ["Dam breaks", "Rain"]
    assert arts.text.iloc[0] == "Dam breaks\n\nWater rose."
    assert arts.body_start.iloc[0] == len("Dam breaks\n\n")
    assert arts.outlet.astype(str).tolist() == ["example.org", "example.org"]
    assert str(arts.published.dt.tz) == "UTC"
    assert arts.published.iloc[1] == pd.Timestamp("2026-03-03T08:00:00Z")
    assert "extra" in arts.columns


@pytest.mark.parametrize("fmt", ["json", "jsonl", "parquet", "xlsx", "tsv"])
def test_tabular_formats(tmp_path, fmt):
    df = pd.DataFrame({"content": ["One text here.", "Another text."], "source": ["X", "Y"],
                       "published": ["2026-01-01", "2026-01-02"]})
    path = tmp_path / f"a.{fmt}"
    if fmt == "json":
        path.write_text(json.dumps(df.to_dict("records")), encoding="utf-8")
    elif fmt == "jsonl":
        path.write_text("\n".join(json.dumps(r) for r in df.to_dict("records")), encoding="utf-8")
    elif fmt == "parquet":
        df.to_parquet(path)
    elif fmt == "xlsx":
        df.to_excel(path, index=False)
    else:
        df.to_csv(path, sep="\t", index=False)
    arts, rej = load_articles(path)
    assert sorted(arts.outlet.astype(str)) == ["X", "Y"]
    assert len(rej) == 0


def test_html_main_text_and_metadata(tmp_path):
    body = " ".join(["The council said on Monday that the bridge would stay closed for repairs."] * 6)
    html = f"""<html><head><title>Bridge closed | Town Paper</title>
    <meta property="og:title" content="Bridge closed"><meta name="author" content="A. Writer">
    <meta property="article:published_time" content="2026-03-02T09:00:00+00:00">
    <meta property="og:site_name" content="Town Paper"></head>
    <body><nav>Home | News</nav><article><h1>Bridge closed</h1><p>{body}</p><p>{body}</p></article>
    <footer>Copyright</footer></body></html>"""
    (tmp_path / "a.html").write_text(html, encoding="utf-8")
    (tmp_path / "broken.html").write_text("<html><body><div>", encoding="utf-8")
    arts, rej = load_articles(tmp_path)
    assert len(arts) == 1 and "bridge would stay closed" in arts.text.iloc[0]
    assert "Copyright" not in arts.text.iloc[0]
    assert arts.title.iloc[0] == "Bridge closed"
    assert arts.published.iloc[0].year == 2026
    assert len(rej) == 1 and "broken.html" in rej.source_file.iloc[0]
    _accounted(load_articles(tmp_path), 2)


def test_in_memory_inputs():
    arts, rej = load_articles(["First text.", "Second text.", "   "])
    assert len(arts) == 2 and rej.reason.tolist() == ["empty text"]
    arts, _ = load_articles([{"text": "A.", "outlet": "O"}])
    assert arts.outlet.astype(str).tolist() == ["O"]
    table = as_article_table(pd.DataFrame({"text": ["x y z"], "article_id": ["mine"]}))
    assert table.article_id.tolist() == ["mine"]


def test_rejects_accounting_and_reasons(tmp_path):
    rows = [
        {"text": "Same text.", "title": "A", "date": "2026-01-01"},
        {"text": "Same text.", "title": "A", "date": "2026-01-01"},  # exact duplicate
        {"text": "", "title": "Empty"},
        {"text": "Has a bad date.", "date": "not-a-date"},
        {"text": "Fine.", "date": ""},
    ]
    p = tmp_path / "a.jsonl"
    p.write_text("\n".join(json.dumps(r) for r in rows) + "\n{broken json\n", encoding="utf-8")
    corpus = load_articles(p)
    _accounted(corpus, len(rows) + 1)
    reasons = corpus.rejects.set_index("position").reason
    assert reasons[1].startswith("duplicate of article")
    assert corpus.rejects.set_index("position").duplicate_of[1] == corpus.articles.article_id.iloc[0]
    assert reasons[2] == "empty text"
    assert "unparseable date 'not-a-date'" in reasons[3]
    assert "invalid JSON" in reasons[5]
    assert corpus.articles.published.isna().sum() == 1  # missing date is allowed, not a reject


def test_article_id_is_stable_and_from_content():
    a = load_articles(["Some text here."]).articles.article_id.item()
    b = load_articles(["Some  text\nhere."]).articles.article_id.item()
    assert a == b and len(a) == 12


def test_mixed_folder_loads_good_and_reports_bad(tmp_path):
    (tmp_path / "good.txt").write_text("Title\n\nGood text.", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"Title\n\n\xff\xfe bad bytes \x81")
    (tmp_path / "bad.csv").write_text("a,b\n1,2\n", encoding="utf-8")  # no text column
    arts, rej = load_articles(tmp_path)
    assert len(arts) == 1
    assert set(rej.source_file.map(lambda s: s.rsplit("/", 1)[-1])) == {"bad.txt", "bad.csv"}
    assert rej.reason.str.contains("not valid UTF-8").any()
    assert rej.reason.str.contains("no text column").any()


@pytest.mark.parametrize(
    "make, expected",
    [
        (lambda d: d / "missing", "no such file or folder"),
        (lambda d: d / "a.docx", "unknown format"),
        (lambda d: str(d / "*.nothing"), "matches no file"),
    ],
)
def test_bad_input_one_clear_message(tmp_path, make, expected):
    target = make(tmp_path)
    if str(target).endswith(".docx"):
        target.write_text("x")
    with pytest.raises(LoadError) as err:
        load_articles(target)
    assert expected in str(err.value) and str(tmp_path) in str(err.value)


def test_undecodable_file_names_file_and_fix(tmp_path):
    p = tmp_path / "latin.txt"
    p.write_bytes("Caf\xe9 news\n\nText.".encode("latin-1"))
    with pytest.raises(LoadError, match=r"latin\.txt: not valid UTF-8.*encoding="):
        load_articles(p)
    arts, _ = load_articles(p, encoding="latin-1")
    assert arts.title.item() == "Café news"


def test_missing_text_column_names_columns(tmp_path):
    p = tmp_path / "a.csv"
    pd.DataFrame({"foo": ["x"]}).to_csv(p, index=False)
    with pytest.raises(LoadError, match=r"a\.csv: no text column found.*columns=\{'text'"):
        load_articles(p)
    arts, _ = load_articles(p, columns={"text": "foo"})
    assert arts.text.item() == "x"


def test_corrupt_parquet_is_clear(tmp_path):
    p = tmp_path / "a.parquet"
    p.write_bytes(b"PAR1 not really")
    with pytest.raises(LoadError, match=r"a\.parquet: cannot be parsed as parquet"):
        load_articles(p)


def test_examples_load():
    arts, rej = load_articles(paths.EXAMPLES)
    assert len(arts) >= 12 and arts.outlet.nunique() >= 4
    assert len(rej) >= 1 and arts.published.notna().all()


@pytest.mark.slow
def test_all_shared_corpora_accounted(shared):
    corpus = load_articles(paths.SHARED_CORPORA)
    arts, rej = corpus
    files = arts.source_file.astype(str)
    # records read per corpus (upstream counts): every one is an article or a reject
    expected = {"polnear": 924, "wikinews": 295, "putin.csv": 816, "zelenskyy.csv": 980,
                "Government_Data.xlsx": 291, "seed": 1}
    for key, n in expected.items():
        got = files.str.contains(key).sum() + rej.source_file.astype(str).str.contains(key).sum()
        assert got == n, (key, got, n)
    assert len(arts) + len(rej) == sum(expected.values())
    assert rej.reason.str.startswith("duplicate of article").all()
    assert (arts.n_words > 0).all()
    polnear = arts[files.str.contains("polnear")]
    assert polnear.outlet.nunique() == 7
