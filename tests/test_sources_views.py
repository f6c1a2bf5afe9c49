"""Corpus views of sourcing used by notebook 02 (over the examples, through the pipeline)."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis import paths, sources
from analysis.corpus import load_articles
from analysis.pipeline import analyze


@pytest.fixture(scope="module")
def results():
    arts, _ = load_articles(paths.EXAMPLES)
    return analyze(arts, stages=["sentences", "attributions", "no_comment"],
                   actors=paths.EXAMPLES / "actors.yaml")


def test_identification_over_time_counts_every_dated_attribution(results):
    wide = sources.identification_over_time(results, freq="D")
    assert wide.to_numpy().sum() == len(results.attributions)
    assert wide.index.is_monotonic_increasing and len(wide) == 6  # six days, none skipped


def test_relays_point_to_a_relaying_source(results):
    rel = sources.relays(results)
    assert len(rel) >= 1 and (rel.chain_depth >= 1).all()
    assert rel.via_source.notna().all()
    # the examples relay the sabotage claim through VNA
    assert rel.via_source.astype(str).str.contains("VNA").any()


def test_chain_depth_by_outlet_sums_to_attributions(results):
    depth = sources.chain_depth_by_outlet(results)
    assert depth.to_numpy().sum() == len(results.attributions)
    assert set(depth.index) == set(results.articles.outlet.astype(str))


def test_side_balance_by_outlet_rows_sum_to_one(results):
    bal = sources.side_balance_by_outlet(results)
    assert ((bal.sum(axis=1) - 1).abs() < 1e-9).all()
    assert {"varnia", "ostrel"} <= set(bal.columns)  # the examples' actor dictionary gives sides


def test_right_of_reply_by_outlet(results):
    reply = sources.right_of_reply_by_outlet(results)
    assert reply.n_articles.sum() == len(results.articles)
    assert reply["share"].between(0, 1).all() and reply.asked_for_comment.sum() >= 5


def test_views_on_empty_results():
    res = analyze(pd.DataFrame({"text": pd.Series([], dtype=str)}),
                  stages=["sentences", "attributions", "no_comment"])
    assert len(sources.relays(res)) == 0
    assert len(sources.identification_over_time(res)) == 0


def test_outlet_under_another_name_is_self(results):
    """'The Ledger has learned' in The Harbour Ledger, 'VNA has learned' in a VNA article."""
    att = results.attributions.merge(results.articles[["article_id", "outlet"]], on="article_id")
    learned = att[att.cue_text.str.contains("has learned", na=False)]
    assert len(learned) >= 4
    assert (learned.identification == "self").all(), learned[["source_text", "outlet", "identification"]]
    vna = learned[learned.source_text == "VNA"]
    assert (vna.side == "varnia").all()  # the outlet's own side, from the actor dictionary
