"""The annotated article view: nesting, overlap, escaping, paragraphs, missing tables."""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from types import SimpleNamespace

import pandas as pd
import pytest

from analysis import view
from analysis.view import annotate, article_spans, show_article, write_article_html

VOID = {"br", "meta"}


class _Checker(HTMLParser):
    """Records tag nesting errors and, for each text run, the classes of the open spans."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str]] = []
        self.errors: list[str] = []
        self.runs: list[tuple[str, tuple[str, ...]]] = []

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.stack.append((tag, dict(attrs).get("class", "")))

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1][0] != tag:
            self.errors.append(f"unexpected </{tag}> with stack {self.stack}")
        else:
            self.stack.pop()

    def handle_data(self, data):
        self.runs.append((data, tuple(c for t, c in self.stack if t == "span")))


def check(fragment: str) -> _Checker:
    parser = _Checker()
    parser.feed(fragment)
    parser.close()
    assert not parser.errors, parser.errors
    assert not parser.stack, f"unclosed tags: {parser.stack}"
    return parser


def labels_at(parser: _Checker, needle: str) -> set[str]:
    """The span classes around the text run that contains ``needle``."""
    for data, classes in parser.runs:
        if needle in data:
            return {c for cls in classes for c in cls.split()}
    raise AssertionError(f"{needle!r} not found in {parser.runs}")


def plain(fragment: str) -> str:
    """The visible text of a fragment, paragraphs joined by a blank line."""
    text = fragment.replace("</p>\n<p>", "\n\n").replace("<br>", "\n")
    return html.unescape(re.sub(r"<[^>]+>", "", text))


def spans(*rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["start", "end", "label", "title"])


# -- annotate ---------------------------------------------------------------------------------


def test_nested_hedge_inside_content():
    text = "Officials said the dam may have been sabotaged, VNA reported."
    c0 = text.index("the dam")
    c1 = text.index(", VNA")
    h0 = text.index("may have")
    out = annotate(text, spans((c0, c1, "content", "what was said"), (h0, h0 + 8, "hedge-modal", "may")))
    parser = check(out)
    assert {"sl-content", "sl-hedge-modal", "sl-hedge"} <= labels_at(parser, "may have")
    assert "sl-hedge" not in labels_at(parser, "sabotaged")
    assert "sl-content" in labels_at(parser, "sabotaged")
    assert labels_at(parser, "VNA reported") == set()
    assert plain(out) == text


def test_crossing_spans_are_split_not_broken():
    text = "abcdefghijklmnopqrst"
    out = annotate(text, spans((0, 10, "source-named", "A"), (5, 15, "hedge-modal", "B")))
    parser = check(out)
    assert labels_at(parser, "abcde") >= {"sl-source-named"} and "sl-hedge" not in labels_at(parser, "abcde")
    assert labels_at(parser, "fghij") >= {"sl-source-named", "sl-hedge-modal"}
    assert "sl-source" not in labels_at(parser, "klmno") and "sl-hedge" in labels_at(parser, "klmno")
    assert labels_at(parser, "pqrst") == set()
    assert plain(out) == text


def test_identical_and_same_start_spans():
    text = "He said no."
    out = annotate(text, spans((0, 2, "source-pronoun", "he"), (0, 2, "source-named", "dup"),
                               (0, 7, "content", "outer")))
    parser = check(out)
    assert labels_at(parser, "He") >= {"sl-source-pronoun", "sl-source-named", "sl-content"}
    # the longest span opens first (outermost)
    first_run_classes = parser.runs[0][1]
    assert "sl-content" in first_run_classes[0]


def test_escaping_text_and_tooltips():
    text = 'A <script>alert("x")</script> & \'that\' said "Bob".'
    s0 = text.index("Bob")
    out = annotate(text, spans((s0, s0 + 3, "source-named", 'rule "quote" <b>&')))
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "&amp;" in out
    assert 'title="rule &quot;quote&quot; &lt;b&gt;&amp;"' in out
    check(out)
    assert plain(out) == text


def test_odd_labels_become_safe_css_classes():
    out = annotate("Hello world", spans((0, 5, 'bad"><script>', "t")))
    assert "<script>" not in out
    check(out)


def test_paragraphs_and_line_breaks_preserved():
    text = "First para.\n\nSecond para\nstill second.\n\n\nThird."
    out = annotate(text, None)
    assert out.count("<p>") == 3
    assert "<br>" in out
    assert plain(out).split("\n\n") == ["First para.", "Second para\nstill second.", "Third."]


def test_span_across_paragraph_break_and_boundary_inside_break():
    text = "One two.\n\nThree four."
    out = annotate(text, spans((4, 15, "content", "c"), (3, 9, "hedge-modal", "edge in break")))
    parser = check(out)
    assert out.count("<p>") == 2
    assert "sl-content" in labels_at(parser, "two.")
    assert "sl-content" in labels_at(parser, "Three")
    assert "sl-content" not in labels_at(parser, " four")


@pytest.mark.parametrize("empty", [None, pd.DataFrame(), pd.DataFrame(columns=["start", "end", "label", "title"])])
def test_no_spans(empty):
    out = annotate("Plain text.", empty)
    assert out == '<div class="sl-article"><p>Plain text.</p></div>'


@pytest.mark.parametrize("text", ["", "   ", "\n\n", None])
def test_empty_text(text):
    assert annotate(text, spans((0, 3, "content", "x"))) == '<div class="sl-article"></div>'


def test_bad_offsets_are_dropped_or_clipped():
    text = "Short text."
    df = pd.DataFrame({
        "start": pd.array([None, 5, 3, -4, 8], dtype="Int64"),
        "end": pd.array([3, 5, 1, 2, 999], dtype="Int64"),
        "label": ["content", "content", "content", "source-vague", None],
        "title": ["na", "empty", "reversed", "negative start", None],
    })
    out = annotate(text, df)
    parser = check(out)
    assert out.count("<span") == 2  # clipped negative start and clipped long end remain
    assert "sl-source-vague" in labels_at(parser, "Sh")
    assert "sl-span" in labels_at(parser, "xt.")
    assert plain(out) == text


def test_group_written_as_data_attribute():
    df = spans((0, 4, "source-named", "t")).assign(group=["a3"])
    assert 'data-group="a3"' in annotate("Holt said.", df)


def test_annotate_a_long_text():
    # speed: benchmarks/run.py times the article view on a 50k-word article
    sentence = "The minister said that the dam had reportedly failed, officials told reporters. "
    text = sentence * 4000  # about 48k words
    n = len(sentence)
    rows = []
    for i in range(4000):
        base = i * n
        rows += [(base + 4, base + 12, "source-named", "s"), (base + 13, base + 17, "cue-neutral", "c"),
                 (base + 18, base + 52, "content", "x"), (base + 37, base + 47, "hedge-reporting", "h")]
    out = annotate(text, spans(*rows))
    assert out.count("sl-hedge-reporting") == 4000


# -- article_spans, show_article, write_article_html --------------------------------------------


TEXT = ("A source close to the investigation told VNA that saboteurs may have planted explosives.\n\n"
        "Ostrel's foreign ministry declined to comment. \u201cIt is absurd,\u201d Brevik said.")


def _at(needle: str, text: str = TEXT) -> tuple[int, int]:
    i = text.index(needle)
    return i, i + len(needle)


@pytest.fixture
def results() -> SimpleNamespace:
    src, cue, content = _at("A source close to the investigation"), _at("told"), _at("saboteurs may have planted explosives")
    src2, cue2, content2 = _at("Brevik"), _at("said"), _at("\u201cIt is absurd,\u201d")
    attributions = pd.DataFrame({
        "article_id": ["x1", "x1", "x2"],
        "attribution_id": [0, 1, 0],
        "sentence_id": [0, 2, 0],
        "source_text": ["A source close to the investigation", "Brevik", "Other"],
        "source_start": pd.array([src[0], src2[0], 0], dtype="Int64"),
        "source_end": pd.array([src[1], src2[1], 5], dtype="Int64"),
        "cue_text": ["told", "said", "said"],
        "cue_start": pd.array([cue[0], cue2[0], 6], dtype="Int64"),
        "cue_end": pd.array([cue[1], cue2[1], 10], dtype="Int64"),
        "content_text": ["saboteurs ...", "It is absurd", "y"],
        "content_start": pd.array([content[0], content2[0], None], dtype="Int64"),
        "content_end": pd.array([content[1], content2[1], None], dtype="Int64"),
        "quote": [False, True, False],
        "identification": ["anonymous", "named", "named"],
        "kind": ["official", "person", "person"],
        "side": ["Varnia", "Ostrel", None],
        "via": pd.array([None, 0, None], dtype="Int64"),  # attribution 1 relayed through 0
        "via_text": ["VNA", None, None],
        "cue_stance": ["neutral", "neutral", "neutral"],
        "rule": ["told-pattern", "quote-said-name", "r"],
    })
    no_comment = pd.DataFrame({
        "article_id": ["x1"],
        "party_text": ["Ostrel's foreign ministry"],
        "party_start": [_at("Ostrel's foreign ministry")[0]],
        "party_end": [_at("Ostrel's foreign ministry")[1]],
        "cue_text": ["declined to comment"],
        "cue_start": [_at("declined to comment")[0]],
        "cue_end": [_at("declined to comment")[1]],
        "side": ["Ostrel"],
        "rule": ["declined-to-comment"],
    })
    hedges = pd.DataFrame({
        "article_id": ["x1"], "hedge_id": [0], "sentence_id": [0],
        "start": [_at("may have")[0]], "end": [_at("may have")[1]],
        "cue": ["may have"], "category": ["modal"], "rule": ["lexicon: may have"],
    })
    articles = pd.DataFrame({
        "article_id": pd.array(["x1", "x2"], dtype="string"),
        "title": ["Sabotage <claim>", "Other"],
        "outlet": ["Meridian Wire", "VNA"],
        "published": pd.to_datetime(["2026-03-03T12:10:00+01:00", "2026-03-04T12:00:00+01:00"]),
        "url": ["https://example.org/a?x=1&y=2", ""],
        "text": [TEXT, "Other said y."],
    })
    return SimpleNamespace(articles=articles,
                           tables={"attributions": attributions, "no_comment": no_comment, "hedges": hedges})


def test_article_spans_collects_every_table(results):
    df = article_spans(results, "x1")
    assert list(df.columns) == [*view.SPAN_COLUMNS, "layer"]
    assert str(df["start"].dtype) == "Int64"
    labels = df["label"].tolist()
    assert labels.count("source-anonymous") == 1 and labels.count("source-named") == 1
    assert labels.count("cue-neutral") == 2 and labels.count("content") == 2
    assert labels.count("no-comment") == 2 and labels.count("hedge-modal") == 1
    src = df.loc[df["label"] == "source-anonymous"].iloc[0]
    assert TEXT[src["start"]:src["end"]] == "A source close to the investigation"
    assert "anonymous" in src["title"] and "VNA" in src["title"] and "told-pattern" in src["title"]
    assert src["group"] == "a0"
    assert df["start"].is_monotonic_increasing


def test_article_spans_other_article_and_missing_offsets(results):
    df = article_spans(results, "x2")
    assert set(df["label"]) == {"source-named", "cue-neutral"}  # content offsets are NA: skipped
    assert article_spans(results, "nope").empty


def test_article_spans_missing_tables_and_columns(results):
    bare = SimpleNamespace(articles=results.articles, tables={})
    empty = article_spans(bare, "x1")
    assert empty.empty and list(empty.columns) == [*view.SPAN_COLUMNS, "layer"]
    assert article_spans(SimpleNamespace(articles=results.articles), "x1").empty
    thin = results.tables["attributions"][["article_id", "source_start", "source_end"]]
    df = article_spans(SimpleNamespace(articles=results.articles, tables={"attributions": thin}), "x1")
    assert set(df["label"]) == {"source-unknown"}


def test_show_article_renders_legend_text_and_table(results):
    shown = show_article(results, "x1")
    page = shown._repr_html_() if hasattr(shown, "_repr_html_") else str(shown)
    check(page.split("</style>", 1)[1])
    assert "Sabotage &lt;claim&gt;" in page
    assert "sl-legend" in page and "anonymous source" in page and "no-comment" in page.lower()
    assert '<table class="sl-table">' in page
    assert page.count("<tr>") == 3  # header + two attributions of x1
    assert "declined to comment" in page
    assert "<td>#0 A source close to the investigation</td>" in page  # via names the relay
    assert "<td>VNA</td>" in page  # the addressee of "told VNA"


def test_show_article_without_tables_and_unknown_id(results):
    bare = SimpleNamespace(articles=results.articles, tables={})
    page = show_article(bare, "x1")._repr_html_()
    assert "No attributions found" in page and "saboteurs may have planted explosives" in page
    with pytest.raises(KeyError):
        show_article(results, "missing")


def test_write_article_html_is_standalone(results, tmp_path):
    out = write_article_html(results, "x1", tmp_path / "sub" / "x1.html")
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<style>" in page and "<script" not in page
    assert 'charset="utf-8"' in page
    assert re.findall(r'(?:src|href)="(https?://[^"]+)"', page) == ["https://example.org/a?x=1&amp;y=2"]
    check(page.split("</style>", 1)[1].split("</body>")[0])


# -- the teaching corpus through the real loader (and whatever stages are registered) ------------


@pytest.fixture(scope="module")
def examples():
    from analysis import paths
    from analysis.corpus import load_articles

    return load_articles(paths.EXAMPLES / "articles.jsonl").articles


def test_headline_from_loader_text_is_shown_once(examples):
    res = SimpleNamespace(articles=examples, tables={})
    page = show_article(res, "ex06")._repr_html_()  # the record's own id works too
    title = "Varnian agency reports sabotage suspicion in dam failure"
    assert page.count(title) == 1
    assert f'<h2 class="sl-title">{title}</h2>' in page
    check(page.split("</style>", 1)[1])


def test_every_example_renders_with_the_registered_stages(examples):
    from analysis.pipeline import ARTICLE_STAGES, analyze

    wanted = [s for s in ("sentences", "attributions", "no_comment", "hedges") if s in ARTICLE_STAGES]
    if "attributions" not in wanted:
        pytest.skip("no attributions stage registered yet")
    res = analyze(examples, stages=wanted, corpus_stages=[])
    labels = set()
    for article_id, text in zip(examples["article_id"], examples["text"]):
        df = article_spans(res, article_id)
        assert ((df["start"] >= 0) & (df["end"] <= len(text)) & (df["start"] < df["end"])).all()
        labels |= set(df["label"])
        page = show_article(res, article_id)._repr_html_()
        check(page.split("</style>", 1)[1])
    assert "content" in labels
    assert "no-comment" in labels or "no_comment" not in wanted
    assert any(lab.startswith("hedge-") for lab in labels) or "hedges" not in wanted
    assert any(lab.startswith("source-") for lab in labels) and any(lab.startswith("cue-") for lab in labels)


def test_shipped_hedge_categories_have_fixed_styles_and_legend_text():
    # the lexicon's categories (hedge, conditional, unverified, weasel, booster) had no rule in the
    # CSS, so each article page gave them styles in order of appearance (hedge dashed blue on one
    # page, dotted red on another) and the legend named them without saying what they mark
    import yaml

    from analysis import paths, plots

    lexicon = yaml.safe_load((paths.LEXICONS / "hedges.yaml").read_text(encoding="utf-8"))
    categories = sorted({e["category"] for e in lexicon["entries"]})
    labels = [f"hedge-{c}" for c in categories]
    assert view._extra_css(labels) == ""
    for c in categories:  # the colour of the category in the figures (fig43, fig51)
        assert re.search(rf"\.sl-hedge-{c} {{[^}}]*{plots.COLORS[c]}", view._CSS, re.IGNORECASE)
    legend = view._legend(pd.DataFrame({"label": labels}))
    assert "could not be independently verified" in legend and "analysts suggest" in legend


def test_dollar_amounts_are_not_typeset_as_maths():
    # us-gov-ukraine: "$1.85 billion ... almost $45 billion" between two dollar signs is a formula to
    # MathJax in JupyterLab and in the HTML reports, unless the view opts out
    from analysis import analyze

    res = analyze(["The White House said the $1.85 billion package follows $45 billion in aid."])
    page = show_article(res, res.articles.article_id[0])
    out = page._repr_html_() if hasattr(page, "_repr_html_") else page.data
    assert re.search(r'<div class="[^"]*\bsl-view\b[^"]*\btex2jax_ignore\b', out)


@pytest.mark.parametrize("identification", ["named", "institutional", "anonymous", "vague", "pronoun", "self"])
def test_source_colours_match_the_figures(identification):
    # the article view marked institutional sources green and pronouns light blue, while every figure
    # draws institutional light blue and pronouns grey: one meaning, one colour
    from analysis import plots

    rule = re.search(rf"\.sl-source-{identification} {{([^}}]*)}}", view._CSS).group(1)
    assert re.search(rf"inset 0 -2px 0 {plots.COLORS[identification]}\b", rule, re.IGNORECASE), rule


def test_the_article_page_lists_its_claims_that_travel(examples):
    from analysis import paths
    from analysis.pipeline import analyze

    res = analyze(examples, actors=paths.EXAMPLES / "actors.yaml")
    assert res.options["actors"] == paths.EXAMPLES / "actors.yaml"
    origin = examples.loc[examples.title.str.contains("sabotage", case=False)].article_id.iloc[0]
    page = show_article(res, origin)._repr_html_()
    section = page[page.index("Claims that travel"):]
    row = re.search(r"<tr><td>saboteurs from Ostrel[^<]*</td>(.*?)</tr>", section)
    assert row, section[:500]
    carried, origins, support = re.findall(r"<td>([^<]*)</td>", row.group(1))
    assert carried == "10 articles, 5 outlets" and support == "one-sided"
    assert re.fullmatch(r"2 \(varnia\), [345] untraced", origins), origins
    # without clustered claims (one article, or a run without the corpus stages) there is no section
    single = analyze(examples.iloc[:1])
    assert "Claims that travel" not in show_article(single, examples.article_id.iloc[0])._repr_html_()
