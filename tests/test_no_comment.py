"""Right of reply (analysis.no_comment): who declined to comment, did not respond, has yet to comment."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.no_comment import NO_COMMENT_COLUMNS, find_no_comment, no_comment_stage

@pytest.mark.parametrize(
    "text, party, rule, side",
    [
        ("The Kremlin declined to comment on the report.", "The Kremlin", "declined_to_comment", "russia"),
        ("A spokesman for the ministry did not respond to a request for comment.",
         "A spokesman for the ministry", "did_not_respond", None),
        ("Ms. Varga could not be reached for comment on Sunday.", "Ms. Varga", "could_not_be_reached", None),
        ("However, Russian officials have yet to comment publicly.", "Russian officials", "yet_to_comment",
         "russia"),
        ("The Pentagon did not immediately respond.", "The Pentagon", "did_not_respond", "united-states"),
        ("Kyiv refused to comment.", "Kyiv", "declined_to_comment", "ukraine"),
        ("There was no immediate comment from the Clinton campaign.", "the Clinton campaign",
         "no_comment_from", "clinton-campaign"),
        ("Requests for comment to the DNC went unanswered.", "the DNC", "requests_unanswered", "democrat"),
        ("The company, contacted by phone, declined to comment.", "The company", "declined_to_comment", None),
        ("Mr. Trump, through a spokeswoman, declined to comment.", "Mr. Trump", "declined_to_comment",
         "trump-campaign"),
    ],
)
def test_find_no_comment(text, party, rule, side):
    nc = find_no_comment(text)
    assert len(nc) == 1, nc
    row = nc.iloc[0]
    assert row["party_text"] == party and row["rule"].endswith(rule)
    assert text[row["party_start"]:row["party_end"]] == party
    assert text[row["cue_start"]:row["cue_end"]] == row["cue_text"]
    assert (None if pd.isna(row["side"]) else row["side"]) == side


def test_no_comment_negatives_and_two_cues():
    assert find_no_comment("He commented on the match and responded to fans.").empty
    assert find_no_comment("Some fled, others stayed and did not return.").empty
    text = "Two aides declined to comment and the campaign did not respond to emails."
    nc = find_no_comment(text)
    assert nc["party_text"].tolist() == ["Two aides", "the campaign"]
    assert nc["no_comment_id"].tolist() == [0, 1]


def test_no_comment_stage_uses_the_users_actors():
    extra = {"actors": [{"name": "Harbour Board", "aliases": ["Harbour Board"], "side": "harbour",
                         "note": "made-up test body"}]}
    text = "The Harbour Board declined to comment."
    assert pd.isna(no_comment_stage(text, {}).loc[0, "side"])
    assert no_comment_stage(text, {"options": {"actors": extra}}).loc[0, "side"] == "harbour"


def test_no_comment_stage_empty_has_columns():
    out = no_comment_stage("", {})
    assert out.columns.tolist() == NO_COMMENT_COLUMNS and out.empty
    assert str(out["party_start"].dtype) == "Int64"


def test_old_import_path_still_works():
    from analysis import no_comment, sources

    assert sources.find_no_comment is no_comment.find_no_comment
    with pytest.raises(AttributeError):
        sources.no_such_function  # noqa: B018


def test_party_side_follows_the_articles_date():
    text = "Donald Trump did not respond to a request for comment."
    assert find_no_comment(text)["side"].tolist() == ["trump-campaign"]
    assert find_no_comment(text, published="2018-01-05")["side"].tolist() == ["united-states"]
    from analysis.no_comment import no_comment_rows

    ctx = {"article": {"published": pd.Timestamp("2022-02-01", tz="UTC")}}
    assert no_comment_rows(text, ctx).columns["side"] == ["republican"]


@pytest.mark.parametrize("text", [
    "THE KREMLIN DECLINED TO COMMENT. Élysée officials did not respond to requests for comment.",
    "The \u212aremlin declined to comment; a spokesman for Stra\u00dfe Ltd could not be reached.",
    "There was no immediate comment from the ministry. NATO Has Yet To Comment.",
])
def test_lowercase_scan_is_exact(text, monkeypatch):
    """Scanning the lower-cased text (fast path) gives the rows of the case-insensitive scan."""
    import dataclasses

    from analysis import no_comment

    rules = no_comment.load_no_comment_rules()
    assert rules.regex_lower is not None
    fast = no_comment._no_comment_columns(text)
    monkeypatch.setattr(no_comment, "load_no_comment_rules",
                        lambda: dataclasses.replace(rules, regex_lower=None))
    assert no_comment._no_comment_columns(text) == fast
    assert fast["cue_text"]


@pytest.mark.parametrize("text, party", [
    ("Lane has not talked about the vote and his campaign did not respond to a request for comment.", "his campaign"),
    ("Both were contacted for this story as well but have not responded to inquiries.", None),  # left out
    ("His rival Tom Reed, with whom Lane feuded, has not commented on the result.", "His rival Tom Reed"),
    ("Reporters tried to visit the site, but as of today the board's press office did not respond.",
     "the board's press office"),
    ("Her staff would tell Lane she was not available.", "she"),
])
def test_party_after_a_clause_a_relative_or_a_time_phrase(text, party):
    got = find_no_comment(text)["party_text"].tolist()
    assert [None if pd.isna(p) else p for p in got] == [party]
