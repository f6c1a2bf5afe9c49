"""Score attribution extraction on a PolNeAR compartment (``.../polnear/dev``).

``python -m analysis evaluate attributions ../shared/corpora/polnear/dev``

How the numbers are computed (kept fixed so runs compare):

* **Gold**: for each ``text/<name>.txt`` the alphabetically first ``attributions/<name>_*.ann``
  (brat standoff). ``T`` lines of type Source, Cue, Content, Attribution(-no-source) are spans
  (discontinuous parts joined by ``;``); ``E`` lines tie one attribution together.
* **Tokens** are ``\\w+`` runs; a token carries a role when a span of that role overlaps it.
* **Token P/R/F1** per role: the set of (article, token) positions labelled with the role by
  the prediction vs. by gold, micro-averaged over the folder. A predicted content span that
  encloses its own source or cue (``"A," he said, "B."``) does not count those tokens as content.
* **Exact-span F1** per role: the set of (article, start, end) of every span part after trimming
  quotes, punctuation and spaces at both ends.
* **Attribution F1**: each prediction (in text order) pairs with the unpaired gold attribution
  sharing the most cue tokens (ties and zero broken by the most content tokens shared; nothing
  shared = unpaired). A pair is correct when content token Jaccard >= 0.5 and the sources share
  a token or both are absent.
* A **baseline**, a plain reporting-verb regex (cue = verb, source = the words before it,
  content = the rest of the sentence), is scored in the same run.

Result (2026-11-25, end of the seventh session; rules tuned on train only, dev scored once per change):
dev attribution F1 0.653 (P 0.770, R 0.567), token F1 source 0.752, cue 0.610, content 0.815,
content exact-span F1 0.455; train 0.645 (P 0.754, R 0.564; token F1 source 0.741, cue 0.593,
content 0.819). Baseline 0.217 (dev). The issue's target (attribution F1 0.65, token F1 0.75 per
role) is reached on dev for attribution F1, source and content; cue is far (its recall, 0.48, is
bounded by the attributions no rule finds; a third of the gold cue tokens sit in cues of four
words or more).

The seventh session (train 0.630 -> 0.645, dev 0.636 -> 0.653), each change kept only when train F1
rose or stayed with a token-F1 gain: mostly precision, from one observation: a row whose cue sits
inside another row's content ("The Post reported that Klein | said ...", "Most voters | say X,
according to the poll") is annotated in PolNeAR in only 10-16% of cases. Such *nested* rows stay in
the attributions table (a teacher wants to see the official inside the Reuters report), flagged
``nested``; this scorer leaves them out (train +0.011, dev
+0.014; gerund and coordinated rows, 36-46% right, are not nested) and prints the score with them
too (dev 0.638, P 0.720, R 0.573). Also: contracted
negations in the cue ("didn't say"), "who" as the source after a long noun phrase, a discourse aside
before the cue (", for example,"), time words after the cue ("said Tuesday"; "last week" stays out,
46%), "to" in infinitive cues, content cuts at the source's next verb ("and even questioned", "and
calls her") and not after an adjunct behind a quotation ("," Trump told reporters, before
insisting"), and verbs measured one by one (offered, sees, prefer, doubt, expect, seeking,
encouraged, identified, pressed, considering, remembered; "spoke" only with a particle). Tried and
not kept: extending cues over "of"/"by"/"for" after the verb, "in an interview" after an addressee,
"accused X of" (gold cues include them in 2-45% of pairs, never a majority); cutting an object's
content at "in/on/at + occasion" (-21 right); "and is/was" and "and + -ing" as content ends;
possessive "his call for"; "once" as an auxiliary; "saw", "decided", "signed", "passed", "backed",
"supporting", "named" as cues (each lowered train F1 or gained under 0.0002).

The sixth session (train 0.603 -> 0.630, dev 0.615 -> 0.636) in four parts, each change kept only
when train F1 rose:

* Noun, adjective and phrasal cues (``noun_cues`` in ``attribution_patterns.yaml``; train +0.010):
  "raised questions about", "stepped up his attacks on", "is skeptical of", "is widely seen as",
  "Trump's attacks on", verbs that count only with their own particle ("pushed for", "voted
  against"), "made it clear", "as X put it". Each rule is right 52-68% of the time on train.
* Gold attributions with a plain reporting verb that no row touched (1,453 on train at the start),
  read one construction at a time; most were bugs: "Kelly said" (a capitalised -ly name taken for
  an adverb of the cue), "Abortion rights advocates said" ("advocates" taken for the verb), "Some
  said" and "Two in three said" (a quantifier read as a determiner), "He's said" (a possessive), a
  long inverted source with a relative clause dropped, a quotation resumed after an inverted
  source, "Sanders’ manager" (the apostrophe read as a closing quote), double-hyphen asides, "At
  least half of voters", "told supporters Tuesday night that", "was first reported by Politico"
  (an adverb between auxiliary and participle), "was asked by a moderator whether", a poll that
  opens the sentence ("In a new Post-ABC poll, ..."), "Report:" and "Poll:" headlines.
* Content boundaries: a multi-sentence quotation with its own cue after it is no continuation
  (+51 correct), a quoted phrase closed by ',"' before a participle, an object verb's noun phrase
  ends at its comma, "that X, an aside, has done" runs on to its verb, a spaced-dash aside is
  skipped, an impression ("X seemed ...") ends at a new clause.
* Source spans (token F1 0.686 -> 0.733 on train): relative clauses after an inverted name join
  the source unless they report speech ("who says"), participle and adjunct asides, datelines and
  trailing time words leave it, clause-shaped sources narrow to their subject, appositions after
  "according to" join it.

Tried and not kept this session (train): a learned filter over the predicted rows (logistic
regression on rule, cue lemma, lengths, neighbouring words; 5-fold CV over articles) gains at most
+0.003 (precision is not the bottleneck); infinitive cues with the sentence subject as source (13%
right); agentless passives before a preposition or punctuation (15-27%); cutting every indirect
content at its first comma (about -0.02); "Q:" as a source (2 of 28). The remaining misses are a long
tail: 6,300 gold attributions on train get no row, the most frequent last cue word being "of"
(293), "for", "about", "on" (noun cues one at a time), and annotation choices the text does not
decide (a quotation in the next paragraph is part of the speaker's content 85% of the time, and
a relative clause after the source's name is part of the source in about 60%).

Earlier gains (train 0.554 -> 0.577, dev 0.568 -> 0.586) came from sources the rules
used to miss (dash and determiner appositives, relative clauses, coordinated subjects, inverted
"said former Gov. X, who ...", passive "by" agents, participle openers) and from content cuts
tied to the source (a relative "who"/"which" or subordinate "although X said" clause ends at its
comma); then (train 0.577 -> 0.586, dev 0.586 -> 0.599) from content boundaries set by
structure, not by single words: the content BEFORE a cue that only an adjunct, dash, semicolon
or participle follows ("..., she said in a video message"), a new subject or the source's next
verb ending an indirect content, an object verb's noun phrase ending at a subordinate clause,
quotations running on over paragraphs; the last ones (train 0.586 -> 0.597, dev 0.599 -> 0.607)
from attributions without a source that PolNeAR's annotators mark ("is expected to", "Asked
whether ...", "when asked about", "reportedly") and, mostly, from dropping rows that are not
attributions, found by reading the tool's output on the war corpora and Wikinews: capitalised name parts ("his son Said Kerimov"), Title Case headline nouns
("Background Press Call"), agentless passives ("was widely criticized": no source), reduced
passives ("trucks believed to be ..."), sources that hold another row's cue ("I believe you're |
referring to"), cross-references ("described below"), fillers ("you know"), fragments ending in a
preposition. Of the train pairs with the right cue and source, those
with a wrong content fell from about 1,630 to 1,490 (most still run on too long: 586, was 734).
Then (train correct 10,415 -> 10,451 of 15,121 predicted, F1 0.597 -> 0.598; dev 1,180 -> 1,184,
F1 0.607 -> 0.609): the medium joins the cue ("said on Telegram") and is skipped after an addressee
or a time; "Name, who <clause>, announced X" takes the name as source; "is convinced / confident
that" are belief cues, not passives; a text's wording ("The message reads, in part: ...", verb
option ``quoting``); British -ise spellings; a bare participle ("the courage shown in") and a
physical defence ("defending the city") report nothing. Then, precision (train 0.598 -> 0.603,
predicted 15,121 -> 14,718 for 33 fewer correct; dev 0.609 -> 0.615), each rule read off the
spurious rows of PolNeAR train and kept only when train F1 rose: a speech told only by where or to
whom ("spoke at a memorial", "spoke with their consulates"), a name given ("a group called X"), a
noun after an adjective ("investigative reports", "a strong showing"), "showed up", "point of",
a statistical "compared with 23 percent", "a poll released Friday found" (the participle is no
cue), a gerund after a preposition ("known for insisting on"), the plural "seem" and "appeared
on", and five verbs (prove, add, maintain, charge, feel) that count only before "that", a colon or
a quotation, since without those their rows were right 5-20% of the time. Cue token F1 moved little
(train 0.545 -> 0.548): these rules trade a few gold cue tokens for many spurious ones. What did not help: time words in the cue ("said Tuesday": below 50% of them
sit in a gold cue, cue token precision fell 0.790 -> 0.781 for +0.004 recall); 53% of the missed
gold cue tokens (17,443 of 37,227 on train) sit in attributions no rule finds, whose cues are a
long tail (the most frequent, "said", accounts for 79 of 6,870 such attributions).

A learned content END (tried 2026-11-25, not shipped): a logistic regression over the word
boundaries inside each predicted content (next/previous word, separator, suffixes, position,
quote state, rule, cue word; PatternTagger tags of the next three words added in a second run),
trained as a hazard model on the train pairs whose gold content starts where the prediction does
(1,224 positive boundaries of 203k), cutting at the first boundary above a threshold, scored by
5-fold CV over train articles: F1 0.586 -> 0.590 at best (+63 correct of 19,834 gold), with or
without the tags, while cutting every wrong-too-long content at its gold end (an oracle) would
give 0.628: the gold ends are not predictable from the local context. Not worth a model.

The numbers below are from before the last two rounds of changes. What limits it, measured on train:

* Recall. 53% of the gold cue tokens sit in attributions no rule finds: their cues are a long tail
  (nouns such as "criticism", "statement"; "is expected", "plans", "sees", prepositions, colons),
  and 39% of gold cue tokens contain no reporting verb at all. The frequent verbs that are cues
  more often than not are in the lexicon; adding the next ones (offer, see, push, plan: 43-56% of
  their occurrences sit in a gold cue) leaves train F1 flat (0.553 -> 0.552).
* The candidates the rules drop on purpose are right 3-21% of the time (bare cues with no source
  4%, nouns after a determiner 21%, infinitives 16%, agentless passives 5%): adding any of them
  lowers F1.
* Content boundaries. Of the found-but-wrong attributions, most have a content that runs on too
  long; no boundary word (", and", ", who", " in" ...) ends the gold content more often than not
  (the best, a comma after a quotation, 43%), so a cut rule cannot fix them without breaking
  others.
* Learned alternatives tried: a token-level logistic regression for cues (P 0.32, R 0.12) and a
  linear-chain CRF over the rules' output (token F1 +0.02-0.04, attribution F1 0.516-0.558 and
  36k words/s): neither lifted attribution F1, so none is shipped. A candidate-level filter over
  the 3.9k train candidates the rules drop (each a full attribution, labelled by its marginal
  effect on this metric; a per-(drop reason, cue word) precision table or a logistic regression
  on cue word, neighbours, PatternTagger POS; threshold by 5-fold CV over train articles) gave CV
  F1 +0.004 (table) / +0.006 (LR) and dev +0.004 (0.568 -> 0.572) at source token F1 -0.023: all
  of the gain came from sentence-prefix sources longer than 8 words, which the one-shared-token
  source test rewards (own spans or short sources: +0.001). Even a perfect filter over these
  candidates would reach only train F1 0.590. Not shipped.

>>> toks = tokens_of("He said: no.")
>>> toks
[(0, 2), (3, 7), (9, 11)]
>>> sorted(token_ids(toks, [(3, 11)]))
[1, 2]
"""
from __future__ import annotations

import bisect
import re
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

__all__ = ["run", "load_gold", "score", "baseline_spans", "tokens_of", "token_ids"]

ROLES = ("source", "cue", "content")
_TOKEN = re.compile(r"\w+")
_TRIM = " \t\r\n\"'“”‘’«».,;:!?()[]{}—–-…"
_SPAN_TYPES = {"Source": "source", "Cue": "cue", "Content": "content"}

Span = tuple[int, int]


@dataclass
class Attribution:
    """One attribution: each role is a list of (start, end) parts (empty = absent)."""

    source: list[Span] = field(default_factory=list)
    cue: list[Span] = field(default_factory=list)
    content: list[Span] = field(default_factory=list)
    rule: str = ""


@dataclass
class Document:
    name: str
    text: str
    attributions: list[Attribution]


def tokens_of(text: str) -> list[Span]:
    """Character spans of the ``\\w+`` tokens of ``text``."""
    return [m.span() for m in _TOKEN.finditer(text)]


def token_ids(tokens: list[Span], spans: list[Span]) -> set[int]:
    """Indices of the tokens that overlap any of ``spans``."""
    starts = [s for s, _ in tokens]
    out: set[int] = set()
    for s, e in spans:
        i = max(0, bisect.bisect_right(starts, s) - 1)
        while i < len(tokens) and tokens[i][0] < e:
            if tokens[i][1] > s:
                out.add(i)
            i += 1
    return out


def _parse_ann(ann: str) -> list[Attribution]:
    spans: dict[str, tuple[str, list[Span]]] = {}
    events: list[dict[str, str]] = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        tag, body = parts[0].strip(), parts[1].strip()
        if tag.startswith("T"):
            kind, _, offsets = body.partition(" ")
            try:
                frags = [tuple(int(x) for x in p.split()) for p in offsets.split(";")]
            except ValueError:
                continue
            spans[tag] = (kind, [f for f in frags if len(f) == 2 and f[1] > f[0]])
        elif tag.startswith("E"):
            roles = {}
            for arg in body.split():
                role, _, ref = arg.partition(":")
                roles[role.rstrip("0123456789")] = ref
            events.append(roles)
    out = []
    for ev in events:
        att = Attribution()
        for role, ref in ev.items():
            if role in _SPAN_TYPES and ref in spans and spans[ref][0] == role:
                getattr(att, _SPAN_TYPES[role]).extend(spans[ref][1])
        if att.cue or att.content:
            out.append(att)
    return out


def load_gold(path: str | Path) -> list[Document]:
    """Read a PolNeAR compartment: one :class:`Document` per text, first annotator's spans."""
    folder = Path(path)
    anns = sorted((folder / "attributions").glob("*.ann"))
    docs = []
    for txt in sorted((folder / "text").glob("*.txt")):
        mine = [a for a in anns if a.name.startswith(txt.stem + "_")]
        if not mine:
            continue
        text = txt.read_text(encoding="utf-8")
        docs.append(Document(txt.stem, text, _parse_ann(mine[0].read_text(encoding="utf-8"))))
    return docs


def _trim(text: str, s: int, e: int) -> Span:
    while s < e and text[s] in _TRIM:
        s += 1
    while e > s and text[e - 1] in _TRIM:
        e -= 1
    return s, e


def _prf(tp: int, n_pred: int, n_gold: int) -> dict:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": p, "r": r, "f1": f, "tp": tp, "n_pred": n_pred, "n_gold": n_gold}


def _content_parts(att: Attribution) -> list[Span]:
    """Content minus the attribution's own source/cue spans that sit inside it."""
    holes = sorted(att.source + att.cue)
    out = []
    for s, e in att.content:
        cur = s
        for hs, he in holes:
            if hs >= e or he <= cur:
                continue
            if hs > cur:
                out.append((cur, hs))
            cur = max(cur, he)
        if cur < e:
            out.append((cur, e))
    return out


def _role_tokens(tokens, att: Attribution) -> dict[str, set[int]]:
    return {
        "source": token_ids(tokens, att.source),
        "cue": token_ids(tokens, att.cue),
        "content": token_ids(tokens, _content_parts(att)),
    }


def _match(pred_toks: list[dict], gold_toks: list[dict]) -> list[tuple[int, int | None, bool]]:
    """Pair predictions 1:1 with gold; return (pred index, gold index or None, correct)."""
    free = set(range(len(gold_toks)))
    pairs = []
    for i, p in enumerate(pred_toks):
        best, best_key = None, (0, 0)
        for j in free:
            g = gold_toks[j]
            key = (len(p["cue"] & g["cue"]), len(p["content"] & g["content"]))
            if key > best_key:
                best, best_key = j, key
        ok = False
        if best is not None:
            free.discard(best)
            g = gold_toks[best]
            union = p["content"] | g["content"]
            jac = len(p["content"] & g["content"]) / len(union) if union else 1.0
            src_ok = bool(p["source"] & g["source"]) or (not p["source"] and not g["source"])
            ok = jac >= 0.5 and src_ok
        pairs.append((i, best, ok))
    return pairs


def score(docs: list[Document], predictions: list[list[Attribution]]) -> dict:
    """Token, exact-span and attribution-level scores of ``predictions`` (one list per doc)."""
    tok = {r: [0, 0, 0] for r in ROLES}  # tp, pred, gold
    exact = {r: [0, 0, 0] for r in ROLES}
    att = [0, 0, 0]
    by_rule: dict[str, Counter] = defaultdict(Counter)
    for doc, preds in zip(docs, predictions):
        tokens = tokens_of(doc.text)
        ptoks = [_role_tokens(tokens, a) for a in preds]
        gtoks = [_role_tokens(tokens, a) for a in doc.attributions]
        for r in ROLES:
            pset = set().union(*(t[r] for t in ptoks)) if ptoks else set()
            gset = set().union(*(t[r] for t in gtoks)) if gtoks else set()
            tok[r][0] += len(pset & gset)
            tok[r][1] += len(pset)
            tok[r][2] += len(gset)
            pspans = {_trim(doc.text, s, e) for a in preds for s, e in getattr(a, r)}
            gspans = {_trim(doc.text, s, e) for a in doc.attributions for s, e in getattr(a, r)}
            pspans.discard((0, 0))
            exact[r][0] += len(pspans & gspans)
            exact[r][1] += len(pspans)
            exact[r][2] += len(gspans)
        pairs = _match(ptoks, gtoks)
        att[0] += sum(ok for _, _, ok in pairs)
        att[1] += len(preds)
        att[2] += len(doc.attributions)
        for i, _, ok in pairs:
            by_rule[preds[i].rule]["n"] += 1
            by_rule[preds[i].rule]["correct"] += ok
    out = {f"{r}_token": _prf(*tok[r]) for r in ROLES}
    out.update({f"{r}_exact": _prf(*exact[r]) for r in ROLES})
    out["attribution"] = _prf(*att)
    out["by_rule"] = {
        k: {"n": v["n"], "precision": v["correct"] / v["n"]} for k, v in sorted(by_rule.items())
    }
    return out


_BASELINE_VERB = re.compile(
    r"\b(said|says|say|told|tells|stated|added|according to|reported|reports|claimed|"
    r"claims|announced|wrote|writes|argued|noted|explained|insisted|asked)\b",
    re.IGNORECASE,
)
_WORDS_BEFORE = re.compile(r"(?:[\w.'’-]+\s+){0,2}[\w.'’-]+\s*$")


def baseline_spans(text: str) -> list[Attribution]:
    """The plain reporting-verb regex baseline: first verb per sentence.

    >>> a = baseline_spans("The mayor said the road is closed.")[0]
    >>> a.cue, a.source, a.content
    ([(10, 14)], [(0, 9)], [(15, 34)])
    """
    from analysis.segment import sentence_spans

    out = []
    for s, e in sentence_spans(text):
        m = _BASELINE_VERB.search(text, s, e)
        if not m:
            continue
        w = _WORDS_BEFORE.search(text, s, m.start())
        src = [_trim_space(text, w.start(), m.start())] if w and w.start() < m.start() else []
        content = [(m.end() + 1, e)] if m.end() + 1 < e else []
        out.append(Attribution(source=src, cue=[m.span()], content=content, rule="baseline"))
    return out


def _trim_space(text: str, s: int, e: int) -> Span:
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _to_attributions(df: pd.DataFrame, nested: bool = False) -> list[Attribution]:
    """The predicted rows as :class:`Attribution` spans. Nested rows (a statement inside another
    attribution's content, kept in the table and flagged: "Reuters reported that a senior official
    said ...") are left out unless ``nested=True``: PolNeAR annotates them in 10-16% of the cases, so
    they are the annotation scheme's choice, not extraction errors (``run`` prints both scores)."""
    out = []
    keep_nested = nested or "nested" not in df
    for row in df.itertuples(index=False):
        if not keep_nested and row.nested:
            continue
        src = [] if pd.isna(row.source_start) else [(int(row.source_start), int(row.source_end))]
        out.append(
            Attribution(
                source=src,
                cue=[(int(row.cue_start), int(row.cue_end))],
                content=[(int(row.content_start), int(row.content_end))],
                rule=str(row.rule),
            )
        )
    return out


def _print_table(title: str, sc: dict) -> None:
    print(f"\n{title}")
    print(f"  {'role':<10}{'tok P':>8}{'tok R':>8}{'tok F1':>8}{'exact F1':>10}")
    for r in ROLES:
        t, x = sc[f"{r}_token"], sc[f"{r}_exact"]
        print(f"  {r:<10}{t['p']:8.3f}{t['r']:8.3f}{t['f1']:8.3f}{x['f1']:10.3f}")
    a = sc["attribution"]
    print(
        f"  attribution P {a['p']:.3f}  R {a['r']:.3f}  F1 {a['f1']:.3f}  "
        f"(correct {a['tp']}, predicted {a['n_pred']}, gold {a['n_gold']})"
    )


def run(path: str | Path, by_rule: bool = False, limit: int | None = None, **options) -> dict:
    """Evaluate :func:`analysis.attribution.find_attribution_spans` on a PolNeAR folder.

    Prints the scores of the rules and of the regex baseline; returns
    ``{"rules": scores, "baseline": scores, "n_docs", "n_words", "words_per_s"}``.
    ``by_rule=True`` also prints per-rule precision. ``limit`` scores the first n texts.
    """
    from analysis.attribution import find_attribution_spans

    docs = load_gold(path)[:limit] if limit else load_gold(path)
    n_words = sum(len(d.text.split()) for d in docs)
    t0 = time.process_time()  # CPU time: stable when other jobs share the machine
    frames = [find_attribution_spans(d.text) for d in docs]
    elapsed = time.process_time() - t0
    preds = [_to_attributions(f) for f in frames]
    rules = score(docs, preds)
    base = score(docs, [baseline_spans(d.text) for d in docs])
    wps = n_words / elapsed if elapsed else float("inf")
    print(f"PolNeAR attributions: {path}  ({len(docs)} texts, {n_words} words, "
          f"{sum(len(d.attributions) for d in docs)} gold attributions)")
    _print_table("rules (analysis.attribution)", rules)
    with_nested = score(docs, [_to_attributions(f, nested=True) for f in frames])
    a = with_nested["attribution"]
    print(f"  counting the {a['n_pred'] - rules['attribution']['n_pred']} nested rows too (a statement inside "
          f"another's content; PolNeAR rarely marks them): attribution F1 {a['f1']:.3f} "
          f"(P {a['p']:.3f}, R {a['r']:.3f})")
    _print_table("baseline (plain reporting-verb regex)", base)
    print(f"\n  speed: {wps:,.0f} words/s (CPU time) for find_attribution_spans")
    if by_rule:
        print("\n  per-rule precision (attribution-level):")
        for name, v in sorted(rules["by_rule"].items(), key=lambda kv: -kv[1]["n"]):
            print(f"    {name:<40}{v['n']:6d}{v['precision']:8.3f}")
    return {
        "rules": rules,
        "rules_with_nested": with_nested,
        "baseline": base,
        "n_docs": len(docs),
        "n_words": n_words,
        "words_per_s": wps,
    }
