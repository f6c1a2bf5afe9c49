"""Source span boundaries of the rule-based attribution extractor (invented sentences)."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.attribution import find_attribution_spans


def _row(df: pd.DataFrame, cue: str) -> pd.Series:
    hits = df[df["cue_text"] == cue]
    assert len(hits), f"no row with cue {cue!r}: {df[['source_text', 'cue_text']].values.tolist()}"
    return hits.iloc[0]


@pytest.mark.parametrize("text, cue, source", [
    # a relative clause after an inverted source belongs to the source
    ('"The gym is full," said Dan Pike, who now runs the club.', "said", "Dan Pike, who now runs the club"),
    # a participle after it does not
    ('"The gym is full," said Dan Pike, pointing to the door.', "said", "Dan Pike"),
])
def test_inverted_source_boundaries(text, cue, source):
    assert _row(find_attribution_spans(text), cue)["source_text"] == source


def test_a_relative_pronoun_before_the_cue_is_the_source():
    row = _row(find_attribution_spans("The plan angered farmers who said it was unfair."), "said")
    assert row["source_text"] == "who"


@pytest.mark.parametrize("text, cue, source", [
    ("Jane Roe, speaking at a rally in Ohio, said the plan had failed.", "said", "Jane Roe"),
    ("Jane Roe, during a town hall in Akron, said the plan had failed.", "said", "Jane Roe"),
    ("Jane Roe, acting director of the agency, said the plan had failed.", "said",
     "Jane Roe, acting director of the agency"),
])
def test_participle_and_adjunct_asides_leave_the_source(text, cue, source):
    assert _row(find_attribution_spans(text), cue)["source_text"] == source


@pytest.mark.parametrize("text, cue, source", [
    # time words and adverbs at the end of a sentence subject
    ("The mayor on Tuesday praised the plan, saying it would help.", "saying", "The mayor"),
    ("The mayor also visited the school, saying it would help.", "saying", "The mayor"),
    # an irregular past tense ends the subject
    ("The mayor spent an hour at the school, saying it would help.", "saying", "The mayor"),
    # time words right before the cue leave the source ...
    ("The mayor on Tuesday said the road is closed.", "said", "The mayor"),
    # ... unless a participle makes them part of it
    ("A poll released last week found that most voters agree.", "found", "A poll released last week"),
])
def test_time_words_and_adverbs_leave_the_subject(text, cue, source):
    assert _row(find_attribution_spans(text), cue)["source_text"] == source


@pytest.mark.parametrize("text, cue, source", [
    ('"The fund is sound," said Dan Pike, managing director of the bank.', "said",
     "Dan Pike, managing director of the bank"),
    ("Dan Pike, now a columnist, said the fund is sound.", "said", "Dan Pike, now a columnist"),
])
def test_role_appositions_stay_in_the_source(text, cue, source):
    assert _row(find_attribution_spans(text), cue)["source_text"] == source


@pytest.mark.parametrize("text, source, content", [
    # an apposition that ends the sentence belongs to the source
    ("The fund lost money last year, according to Jane Roe, a pollster at the bank.",
     "Jane Roe, a pollster at the bank", "The fund lost money last year"),
    # a clause after the comma does not
    ("The fund lost money, according to the report, the bank has sold its shares.",
     "the report", "The fund lost money, according to the report, the bank has sold its shares"),
    # the period of a title or an initial does not end the source
    ("The fund lost money, according to Mr. Roe.", "Mr. Roe", "The fund lost money"),
])
def test_according_to_source_boundaries(text, source, content):
    row = _row(find_attribution_spans(text), "according to")
    assert (row["source_text"], row["content_text"]) == (source, content)


@pytest.mark.parametrize("text, cue, source", [
    ("She and her aides said the plan would pass.", "said", "She and her aides"),
    ("At the hearing, doctors and nurses said the plan would fail.", "said", "doctors and nurses"),
])
def test_coordinated_subjects(text, cue, source):
    assert _row(find_attribution_spans(text), cue)["source_text"] == source


@pytest.mark.parametrize("text, cue, source", [
    # a relative clause that reports something is no description of the source
    ("Jane Roe, who has said the plan is dead, warned that it would cost jobs.", "warned", "Jane Roe"),
    ('"It is dead," said Jane Roe, who says she will vote no.', "said", "Jane Roe"),
    # other relative clauses stay
    ('"It is dead," said Jane Roe, who runs the budget office.', "said", "Jane Roe, who runs the budget office"),
])
def test_reporting_relative_clauses_leave_the_source(text, cue, source):
    assert _row(find_attribution_spans(text), cue)["source_text"] == source


@pytest.mark.parametrize("text, cue, source", [
    # the head of a long appositive is a clause: its subject is the source
    ("Roe jokingly offered the man a job in the cabinet, then says he would not take it.", "then says", "Roe"),
    # ... not when a name follows it
    ("Voters are watching a veteran of the party, Jane Roe, argue that she will win.", "argue",
     "Voters are watching a veteran of the party, Jane Roe"),
])
def test_long_appositive_with_a_clause_head(text, cue, source):
    assert _row(find_attribution_spans(text), cue)["source_text"] == source


@pytest.mark.parametrize("text, cue, source", [
    # a noun phrase before a subject pronoun is the head of a reduced relative clause
    ("One of the things she wanted was a new school.", "wanted", "she"),
    # a clause before it is not: its subject is the source
    ("Roe packed the books she wrote about the war.", "wrote", "Roe"),
])
def test_a_pronoun_after_a_noun_phrase_is_the_source(text, cue, source):
    assert _row(find_attribution_spans(text), cue)["source_text"] == source


def test_a_verb_phrase_before_a_gerund_cue_gives_way_to_the_subject():
    text = "Senator Roe, angry at the delay, sent a letter urging the board to resign."
    assert _row(find_attribution_spans(text), "urging")["source_text"] == "Senator Roe"


def test_a_plural_possessive_apostrophe_is_no_quote_boundary():
    row = _row(find_attribution_spans("Earlier, Sanders’ aides said the rally was full."), "said")
    assert row["source_text"] == "Sanders’ aides"


@pytest.mark.parametrize("text, source", [
    ('"We will win," said Jane Roe in a statement.', "Jane Roe"),
    ('"We will win," said Jane Roe in a telephone interview.', "Jane Roe"),
])
def test_the_medium_leaves_the_source(text, source):
    assert _row(find_attribution_spans(text), "said")["source_text"] == source


@pytest.mark.parametrize("text, cue, source", [
    # a clause before the cue: its subject is the source
    ("In a memo, the Roe campaign sent a letter to donors claims that taxes will rise.", "claims",
     "the Roe campaign"),
    # ... but before an -ing cue the object may be the source, so it stays
    ("Roe held up a sign saying the tax is theft.", "saying", "Roe held up a sign"),
])
def test_a_clause_source_gives_its_subject(text, cue, source):
    assert _row(find_attribution_spans(text), cue)["source_text"] == source


def test_a_sent_message_before_an_ing_cue_is_no_source():
    text = "In the morning, the Roe campaign sent out a press release saying that taxes will rise."
    assert _row(find_attribution_spans(text), "saying")["source_text"] == "the Roe campaign"


@pytest.mark.parametrize("text, cue, source", [
    ("Hours later, Roe left the stage, telling reporters that she would win.", "telling", "Roe"),
    ("DAYTON, Ohio — Jane Roe left the stage, telling reporters that she would win.", "telling", "Jane Roe"),
])
def test_openers_and_datelines_leave_the_subject(text, cue, source):
    assert _row(find_attribution_spans(text), cue)["source_text"] == source


@pytest.mark.parametrize("text, source", [
    ("Jane Roe — after a long pause — said the school will close.", "Jane Roe"),
    ("Jane Roe — a teacher from Ohio — said the school will close.", "Jane Roe — a teacher from Ohio —"),
])
def test_dash_asides(text, source):
    assert _row(find_attribution_spans(text), "said")["source_text"] == source


@pytest.mark.parametrize("text, source", [
    ("Dean Roe, a salesman from Sumter, South Carolina, said the plant will close.",
     "Dean Roe, a salesman from Sumter, South Carolina"),
    ('"It will close," Jane Roe, 67, a retired nurse in Allentown, Pa., said.',
     "Jane Roe, 67, a retired nurse in Allentown, Pa."),
])
def test_an_apposition_with_a_place_keeps_the_name(text, source):
    assert _row(find_attribution_spans(text), "said")["source_text"] == source


def test_a_long_relative_clause_after_an_inverted_source_ends_at_its_dash():
    text = ('"The gym is full," said Dan Pike, who now runs the old gym on Fifth Street in Miami Beach — '
            "which to this day hosts a boxing class named after the champion and draws fighters from all "
            "over the city.")
    assert _row(find_attribution_spans(text), "said")["source_text"] == (
        "Dan Pike, who now runs the old gym on Fifth Street in Miami Beach")


def test_a_relative_clause_with_a_deed_stays_in_the_source():
    text = '"It is dead," said Jane Roe, who endorsed the mayor in May.'
    assert _row(find_attribution_spans(text), "said")["source_text"] == "Jane Roe, who endorsed the mayor in May"


def test_an_apposition_after_an_opening_according_to_source():
    row = _row(find_attribution_spans("According to Jane Roe, a pollster at the bank, the fund lost money."),
               "According to")
    assert (row["source_text"], row["content_text"]) == ("Jane Roe, a pollster at the bank", "the fund lost money")


def test_a_role_apposition_after_a_closing_according_to_source():
    row = _row(find_attribution_spans("The fund lost money, according to Jane Roe, director of the bank."),
               "according to")
    assert (row["source_text"], row["content_text"]) == ("Jane Roe, director of the bank", "The fund lost money")


@pytest.mark.parametrize("text, source", [
    ("The plan was backed by nearly 6 in 10 voters in the state.", "nearly 6 in 10 voters"),
    ("The plan was criticized by Gov. Jane Roe on Monday.", "Gov. Jane Roe"),
])
def test_passive_agents_with_numbers_and_titles(text, source):
    assert find_attribution_spans(text).loc[0, "source_text"] == source


def test_an_including_apposition_stays_in_the_source():
    row = _row(find_attribution_spans("Several mayors, including Jane Roe, said the plan would fail."), "said")
    assert row["source_text"] == "Several mayors, including Jane Roe"


@pytest.mark.parametrize("text", [
    "Jane Roe, also campaigning in Ohio, said the plan had failed.",
    "Jane Roe, herself up for reelection, said the plan had failed.",
])
def test_more_asides_leave_the_source(text):
    assert _row(find_attribution_spans(text), "said")["source_text"] == "Jane Roe"


def test_a_the_apposition_after_a_name_keeps_the_name():
    text = "Jane Roe, the head of the union, which backed the mayor, said the strike is over."
    assert _row(find_attribution_spans(text), "said")["source_text"].startswith("Jane Roe, the head of the union")


def test_neither_nor_subjects():
    row = _row(find_attribution_spans("Neither Roe nor Doe said the plan would pass."), "said")
    assert row["source_text"] == "Neither Roe nor Doe"


def test_more_than_is_part_of_the_source():
    row = _row(find_attribution_spans("In the poll, more than half of the voters said the plan would fail."), "said")
    assert row["source_text"] == "more than half of the voters"
