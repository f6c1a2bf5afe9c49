"""The constructed teaching corpus in data/examples parses and shows what the software detects."""
from __future__ import annotations

import json
import re
from collections import Counter

import pandas as pd
import pytest

from analysis import paths

FILE = paths.EXAMPLES / "articles.jsonl"
KEYS = {"id", "outlet", "url", "published", "title", "byline", "text"}
BAD_IDS = {"ex19", "ex20"}  # empty text, bad date; ex09 appears twice (exact duplicate)


@pytest.fixture(scope="module")
def lines() -> list[str]:
    return FILE.read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="module")
def records(lines) -> list[dict]:
    return [json.loads(line) for line in lines]


@pytest.fixture(scope="module")
def good(records) -> list[dict]:
    seen, out = set(), []
    for r in records:
        key = json.dumps(r, sort_keys=True)
        if r["id"] in BAD_IDS or key in seen:
            continue
        seen.add(key)
        out.append(r)
    return out


@pytest.fixture(scope="module")
def corpus(good) -> str:
    return "\n\n".join(r["text"] for r in good)


def test_every_line_is_an_object_with_the_keys(records):
    assert len(records) == 20
    for r in records:
        assert set(r) == KEYS, r.get("id")
        assert all(isinstance(r[k], str) for k in KEYS)


def test_ids_unique_except_the_exact_duplicate(lines, records):
    counts = Counter(r["id"] for r in records)
    assert [i for i, n in counts.items() if n > 1] == ["ex09"]
    dup = [line for line in lines if json.loads(line)["id"] == "ex09"]
    assert dup[0] == dup[1], "the duplicate record must be byte-identical"


def test_deliberately_bad_records(records):
    by_id = {r["id"]: r for r in records}
    assert by_id["ex19"]["text"] == ""
    assert by_id["ex20"]["published"] == "not-a-date"
    with pytest.raises((ValueError, TypeError)):
        pd.Timestamp(by_id["ex20"]["published"])


def test_good_articles_shape(good):
    assert 16 <= len(good) <= 20
    assert len({r["outlet"] for r in good}) == 5
    days = set()
    for r in good:
        ts = pd.Timestamp(r["published"])
        assert ts.tzinfo is not None, r["id"]
        days.add(ts.date())
        n = len(r["text"].split())
        assert 150 <= n <= 400, (r["id"], n)
        assert r["title"] not in r["text"], r["id"]
        assert "\n\n" in r["text"] and "\n\n\n" not in r["text"]
        assert re.match(r"https://example\.(org|com)/", r["url"])
    assert 4 <= len(days) <= 6


def test_wire_copy_is_reused_with_small_edits(good):
    by_id = {r["id"]: r["text"] for r in good}
    wire = set(by_id["ex01"].split("\n\n"))
    for reuse in ("ex02", "ex03"):
        shared = wire & set(by_id[reuse].split("\n\n"))
        assert len(shared) >= 5, reuse
        assert by_id[reuse] != by_id["ex01"]


@pytest.mark.parametrize(
    "phrase",
    [
        "citing", "according to a report by VNA citing", "a source close to the investigation told VNA",
        "declined to comment", "did not respond to a request for comment", "has yet to comment",
        "on condition of anonymity", "because they were not authorized to speak publicly",
        "analysts", "critics", "some residents say", "people familiar with the matter",
        "allegedly", "reportedly", "if confirmed", "could not be independently verified",
        "the ledger has learned", "she said", "he said", "told reporters", "said that",
        "claimed", "alleged", "insisted", "confirmed", "admitted", "revealed", "argued", "suggested",
        "\u201c", "\u201d",
    ],
)
def test_phenomena_present(corpus, phrase):
    assert phrase.lower() in corpus.lower()


def test_claim_travels_and_loses_its_hedge(good):
    claim = "saboteurs from Ostrel planted explosives on the dam's spillway gate"
    flat = [r for r in good if claim.lower() in r["text"].lower()]
    hedged = [r for r in good if re.search(r"saboteurs from Ostrel (?:may have|allegedly|reportedly)", r["text"], re.I)]
    assert len({r["outlet"] for r in flat}) >= 3
    assert len({r["outlet"] for r in hedged}) >= 3
    assert min(r["published"] for r in hedged) < min(r["published"] for r in flat)


def test_loader_keeps_17_and_rejects_the_three_bad_records():
    from analysis.corpus import load_articles

    corpus = load_articles(FILE)
    assert len(corpus.articles) == 17
    reasons = corpus.rejects["reason"].tolist()
    assert len(reasons) == 3
    assert any(r.startswith("duplicate") for r in reasons)
    assert any("empty" in r for r in reasons)
    assert any("date" in r for r in reasons)


def test_the_sabotage_claim_reads_one_sided_with_its_untraced_repeats():
    """The teaching point of the corpus: the claim travels to 10 independent articles, but only two Varnian
    origins stand behind it (VNA's anonymous source, later the State Security Directorate); the tabloid's
    flat repeat and "sources say", and Ostrel's denial, carry it without corroborating it."""
    from analysis import claims
    from analysis.corpus import load_articles
    from analysis.pipeline import analyze

    articles = load_articles(FILE).articles
    actors = paths.EXAMPLES / "actors.yaml"
    t = analyze(articles, actors=actors).tables
    s = claims.claim_cluster_summary(t["claim_clusters"], t["claims"], articles, t["attributions"],
                                     t["near_duplicates"], actors=actors)
    row = s[s["text"].str.contains("saboteurs from Ostrel", case=False)].sort_values("n_articles").iloc[-1]
    assert row.n_independent_articles >= 8 and row.n_untraced >= 3
    assert row.origin_source == "A source close to the investigation"
    assert row.origin_sides == "varnia" and row.support == "one-sided", row.to_dict()
    carriers = claims.claim_carriers(t["claim_clusters"], t["claims"], articles, t["attributions"],
                                     t["near_duplicates"], actors=actors, cluster_id=row.cluster_id)
    outlet_trace = set(zip(carriers["outlet"].astype(str), carriers["trace"]))
    assert ("Ostrel Press", "denied") in outlet_trace and ("The Daily Clarion", "unsourced") in outlet_trace
    assert ("Varnian News Agency", "attributed") in outlet_trace
